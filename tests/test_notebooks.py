"Run every notebook in nbs/ as a pytest test (cells flagged `#| slow` are skipped when RLM_SKIP_SLOW=1)."
import os, atexit
from pathlib import Path
import pytest
from execnb.shell import CaptureShell
from nbdev.test import test_nb as run_notebook

ROOT = Path(__file__).resolve().parents[1]
NBS = sorted(p for p in (ROOT/'nbs').rglob('*.ipynb') if not p.name.startswith('_') and '.ipynb_checkpoints' not in p.parts)

def skip_flags():
    "Cell flags to skip: always `notest`, and `slow` when RLM_SKIP_SLOW is set"
    return ['notest'] + (['slow'] if os.environ.get('RLM_SKIP_SLOW') else [])

_shells, _init = [], CaptureShell.__init__
def _recorded_init(self, *a, **kw): _init(self, *a, **kw); _shells.append(self)
CaptureShell.__init__ = _recorded_init   # every IPython shell a notebook makes (nbdev's, and those inside rlm's REPLs)

def release_shells():
    "Drop the exit hooks of the shells the last notebook made: at exit each one resets its shell, and every reset collects garbage over all the notebooks' objects"
    while _shells: atexit.unregister(_shells.pop().atexit_operations)   # the notebook's own exit hooks (e.g. stopping a server) keep their namespace

@pytest.mark.parametrize('nb', NBS, ids=[str(p.relative_to(ROOT/'nbs').with_suffix('')) for p in NBS])
def test_notebook(nb, monkeypatch):
    monkeypatch.chdir(nb.parent)
    try: ok, _ = run_notebook(nb, skip_flags=skip_flags(), basepath=ROOT, cell_timeout=600)
    finally: release_shells()
    assert ok, f'{nb.name} failed (see the cell traceback above)'
