"The `rlm` command line as a real process: help, `ask` over stdin and files, clear errors, lazily wired commands."
import os, sys, json, subprocess, importlib.util
from pathlib import Path
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from rlm.testing import ScriptedServer, tool_call, is_root

def rlm(*args, stdin=None, cwd=None):
    "Run this checkout's `rlm` console entry point (`rlm.cli:main`) in a fresh interpreter"
    env = {**os.environ, 'PYTHONPATH': str(ROOT)}
    return subprocess.run([sys.executable, '-c', 'import sys; from rlm.cli import main; sys.exit(main())', *args],
                          input=stdin, capture_output=True, text=True, env=env, cwd=cwd, timeout=120)

def model(body):
    "Root: answer with the context's type and size, computed in the REPL"
    return tool_call("FINAL(f'{type(context).__name__} {len(context)}')") if is_root(body) else 'sub'

def test_help_lists_commands():
    r = rlm('--help')
    assert r.returncode == 0 and all(f'  {c}' in r.stdout for c in ('ask', 'bench', 'demo', 'serve', 'view'))
    for c in ('ask', 'bench', 'demo'):
        h = rlm(c, '--help')
        assert h.returncode == 0 and 'examples:' in h.stdout and f'rlm {c}' in h.stdout

def test_ask_stdin_files_and_errors(tmp_path):
    (tmp_path/'a.txt').write_text('x' * 10); (tmp_path/'b.txt').write_text('y' * 5); (tmp_path/'bin.dat').write_bytes(b'\0\1\2')
    with ScriptedServer(model) as srv:
        kw = ['--model', srv.llm_model, '--base-url', srv.base_url, '--api-key', 'x', '--protocol', 'tools', '--quiet']
        r = rlm('ask', 'How long?', '-', *kw, stdin='hello world')
        assert (r.returncode, r.stdout) == (0, 'str 11\n')
        r = rlm('ask', 'How long?', 'a.txt', 'b.txt', '--json', *kw, cwd=tmp_path)
        assert json.loads(r.stdout)['answer'] == 'dict 2' and r.returncode == 0
        r = rlm('ask', 'How long?', '.', *kw, cwd=tmp_path)
        assert r.stdout == 'dict 2\n' and 'leaving out bin.dat' in r.stderr
    r = rlm('ask', 'Q?', 'bin.dat', cwd=tmp_path)
    assert (r.returncode, r.stderr) == (1, 'rlm ask: bin.dat: not a text file\n')
    r = rlm('ask', 'Q?', 'nothing.txt', cwd=tmp_path)
    assert r.returncode == 1 and 'nothing.txt: no such file' in r.stderr

def test_serve_and_view_wired():
    for cmd, mod in (('serve', 'rlm.serve'), ('view', 'rlm.trace')):
        r = rlm(cmd, '--help')
        if importlib.util.find_spec(mod) is None:   # not in this install: one clear line, exit 1
            assert r.returncode == 1 and r.stderr.startswith(f'rlm {cmd}: this install has no `rlm {cmd}`'), r.stderr
        else: assert r.returncode == 0 and 'examples:' in r.stdout, r.stderr
