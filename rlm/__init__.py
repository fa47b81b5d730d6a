__version__ = "0.0.1"
import os as _os
_os.environ.setdefault('LITELLM_LOCAL_MODEL_COST_MAP', 'True')   # litellm must never fetch its cost map at import

# Hand-written (not exported by nbdev): the public API, imported on first use so that `import rlm` stays fast.
_EXPORTS = {
    'rlm.api': ['RLM'],
    'rlm.budget': ['Budget', 'Limits'],
    'rlm.core': ['rlm_run', 'advanced_toolloop', 'advanced_toolloop_async'],
    'rlm.session': ['RLMSession'],
    'rlm.types': ['RLMResult', 'RLMError', 'Usage'],
    'rlm.tools': ['prep_shell', 'make_run_repl'],
    'rlm.prompts': ['REPL_SYSTEM_PROMPT'],
    'rlm.logger': ['RLMLogger'],
    'rlm.compat': ['RLMConfig', 'RLMChatCompletion', 'UsageSummary', 'ModelUsageSummary', 'BudgetExceededError', 'TimeoutExceededError',
                   'TokenLimitExceededError', 'ErrorThresholdExceededError', 'CancellationError'],
}
_WHERE = {name: mod for mod, names in _EXPORTS.items() for name in names}
__all__ = list(_WHERE)

def __getattr__(name):
    "Import the public name `name` from its module on first use"
    if name not in _WHERE: raise AttributeError(f"module 'rlm' has no attribute {name!r}")
    import importlib
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value

def __dir__(): return sorted(set(globals()) | set(__all__))
