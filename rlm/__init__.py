__version__ = "0.0.1"
import os as _os
_os.environ.setdefault('LITELLM_LOCAL_MODEL_COST_MAP', 'True')   # litellm must never fetch its cost map at import
