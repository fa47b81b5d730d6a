"Run every notebook in nbs/ as a pytest test (cells flagged `#| slow` are skipped when RLM_SKIP_SLOW=1)."
import os
from pathlib import Path
import pytest
from nbdev.test import test_nb as run_notebook

ROOT = Path(__file__).resolve().parents[1]
NBS = sorted(p for p in (ROOT/'nbs').rglob('*.ipynb') if not p.name.startswith('_') and '.ipynb_checkpoints' not in p.parts)

def skip_flags():
    "Cell flags to skip: always `notest`, and `slow` when RLM_SKIP_SLOW is set"
    return ['notest'] + (['slow'] if os.environ.get('RLM_SKIP_SLOW') else [])

@pytest.mark.parametrize('nb', NBS, ids=[str(p.relative_to(ROOT/'nbs').with_suffix('')) for p in NBS])
def test_notebook(nb, monkeypatch):
    monkeypatch.chdir(nb.parent)
    ok, _ = run_notebook(nb, skip_flags=skip_flags(), basepath=ROOT, cell_timeout=600)
    assert ok, f'{nb.name} failed (see the cell traceback above)'
