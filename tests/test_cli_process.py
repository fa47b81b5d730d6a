"The `rlm` command line as a real process: help, `ask` over stdin and files, and a bad-input sweep of every command."
import os, sys, json, subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
import pytest
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from rlm.testing import ScriptedServer, tool_call, is_root
from rlm.serve import free_port

def rlm(*args, stdin=None, cwd=None, env=None):
    "Run this checkout's `rlm` console entry point (`rlm.cli:main`) in a fresh interpreter"
    env = {**{k: v for k, v in os.environ.items() if k != 'RLM_DEBUG'}, 'PYTHONPATH': str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, '-c', 'import sys; from rlm.cli import main; sys.exit(main())', *args],
                          input=stdin, capture_output=True, text=True, env=env, cwd=cwd, timeout=120)

def model(body):
    "Root: answer with the context's type and size, computed in the REPL"
    return tool_call("FINAL(f'{type(context).__name__} {len(context) if context is not None else 0}')") if is_root(body) else 'sub'

def test_help_lists_commands_without_the_engine():
    r = rlm('--help')
    assert r.returncode == 0 and all(f'  {c}' in r.stdout for c in ('ask', 'bench', 'demo', 'serve', 'view'))
    for c in ('ask', 'bench', 'demo', 'serve', 'view'):
        h = rlm(c, '--help')
        assert h.returncode == 0 and 'examples:' in h.stdout and f'rlm {c}' in h.stdout, (c, h.stderr)
    code = 'import sys; from rlm.cli import main; main(["--help"]); print(sorted(m for m in sys.modules if m.startswith(("litellm", "rlm"))))'
    loaded = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, env={**os.environ, 'PYTHONPATH': str(ROOT)}).stdout
    assert 'litellm' not in loaded and 'rlm.core' not in loaded and "'rlm.cli'" in loaded, loaded

def test_ask_stdin_files_and_no_context(tmp_path):
    (tmp_path/'a.txt').write_text('x' * 10); (tmp_path/'b.txt').write_text('y' * 5); (tmp_path/'bin.dat').write_bytes(b'\0\1\2')
    with ScriptedServer(model) as srv:
        kw = ['--model', srv.llm_model, '--base-url', srv.base_url, '--api-key', 'x', '--protocol', 'tools', '--quiet']
        r = rlm('ask', 'How long?', '-', *kw, stdin='hello world')
        assert (r.returncode, r.stdout) == (0, 'str 11\n')
        r = rlm('ask', 'How long?', 'a.txt', 'b.txt', '--json', *kw, cwd=tmp_path)
        assert json.loads(r.stdout)['answer'] == 'dict 2' and r.returncode == 0
        r = rlm('ask', 'How long?', '.', *kw, cwd=tmp_path)
        assert r.stdout == 'dict 2\n' and 'leaving out bin.dat' in r.stderr
        r = rlm('ask', 'No context?', *kw)
        assert (r.returncode, r.stdout) == (0, 'NoneType 0\n')

# Every command with bad input: (argv, what the one line on stderr must contain). Each ends with exit status 2, no traceback.
SWEEP = [
    (['nope'], "unknown command 'nope'"),
    (['asc', 'Q?'], 'did you mean `rlm ask`?'),
    (['ask'], 'the following arguments are required: question'),
    (['ask', 'Q?', 'nothing.txt'], 'nothing.txt: no such file, directory or matching glob'),
    (['ask', 'Q?', 'bin.dat'], 'bin.dat: not a text file'),
    (['ask', 'Q?', 'empty_dir'], 'no text files in empty_dir'),
    (['ask', 'Q?', '-', 'a.txt'], "'-' (standard input) must be the only path"),
    (['ask', 'Q?', 'a.txt', '--bogus'], 'unknown option --bogus'),
    (['ask', 'Q?', 'a.txt', '--max-step', 'x'], "invalid int value: 'x'"),
    (['ask', 'Q?', 'a.txt', '--max-stesp', '3'], 'unknown option --max-stesp: did you mean --max-steps?'),
    (['ask', 'Q?', 'a.txt', '--max-cost', 'lots'], "argument --max-cost: invalid float value: 'lots'"),
    (['ask', 'Q?', 'a.txt', '--isolation', 'docker'], "argument --isolation: invalid choice: 'docker'"),
    (['ask', 'Q?', 'a.txt', '--protocol', 'json'], "argument --protocol: invalid choice: 'json'"),
    (['bench'], 'name at least one family: sniah'),
    (['bench', 'niah'], "unknown family 'niah': did you mean 'sniah'?"),
    (['bench', 'sniah', '--sizes', 'abc'], "--sizes 'abc': give whole numbers separated by commas"),
    (['bench', 'sniah', '--methods', 'rlm,plain'], "unknown method 'plain'"),
    (['bench', 'sniah', '-n', 'five'], "argument -n/--n: invalid int value: 'five'"),
    (['bench', 'sniah', '--model', 'local', '-j', '2'], "the embedded model ('local') serves one process"),
    (['demo', '--chars', 'many'], "argument --chars: invalid int value: 'many'"),
    (['demo', 'extra'], "unexpected argument 'extra'"),
    (['serve', '--port', 'eighty'], "argument --port: invalid int value: 'eighty'"),
    (['serve', '--bogus'], 'unknown option --bogus'),
    (['serve', '--api-key-file', 'nothing.txt'], 'nothing.txt'),
    (['view'], 'the following arguments are required: path'),
    (['view', 'missing.jsonl'], 'missing.jsonl: no such log file'),
    (['view', 'a.txt'], 'a.txt: no rlm events in it'),
    (['view', 'run.jsonl', '--ouput', 'x.html'], 'unknown option --ouput: did you mean --out?'),
]

@pytest.fixture(scope='module')
def workdir(tmp_path_factory):
    d = tmp_path_factory.mktemp('sweep')
    (d/'a.txt').write_text('some text'); (d/'bin.dat').write_bytes(b'\0\1\2'); (d/'empty_dir').mkdir()
    (d/'run.jsonl').write_text('{"type": "run_start", "run_id": "r"}\n')
    return d

def test_bad_input_sweep(workdir):
    "Each mistake: exit status 2 and exactly one line on stderr, naming the command, saying what was wrong; nothing on stdout"
    with ThreadPoolExecutor(4) as ex: runs = list(ex.map(lambda a: rlm(*a[0], cwd=workdir), SWEEP))
    for (argv, want), r in zip(SWEEP, runs):
        assert r.returncode == 2, (argv, r.returncode, r.stderr)
        assert r.stderr.count('\n') == 1 and 'Traceback' not in r.stderr and r.stdout == '', (argv, r.stderr, r.stdout)
        who = 'rlm' if argv[0] in ('nope', 'asc') else f'rlm {argv[0]}'
        assert r.stderr.startswith(f'{who}: ') and want in r.stderr, (argv, r.stderr)

def test_unreachable_endpoint_is_one_line(workdir):
    dead = f'http://127.0.0.1:{free_port()}/v1'
    r = rlm('ask', 'Q?', 'a.txt', '--model', 'openai/gone', '--base-url', dead, '--api-key', 'x', '--quiet', cwd=workdir)
    assert r.returncode == 1 and r.stderr.count('\n') == 1 and 'Traceback' not in r.stderr, r.stderr
    assert r.stderr.startswith(f"rlm ask: the root model call failed: model 'openai/gone' at {dead}: ") and 'onnect' in r.stderr, r.stderr

def test_debug_shows_the_traceback(workdir):
    for r in (rlm('--debug', 'view', 'missing.jsonl', cwd=workdir), rlm('view', 'missing.jsonl', cwd=workdir, env={'RLM_DEBUG': '1'})):
        assert r.returncode == 1 and 'Traceback (most recent call last)' in r.stderr and 'FileNotFoundError: missing.jsonl' in r.stderr, r.stderr

def test_view_writes_the_page(workdir):
    r = rlm('view', 'run.jsonl', '-o', 'page.html', cwd=workdir)
    assert (r.returncode, r.stdout) == (0, 'page.html\n') and '<!doctype html>' in (workdir/'page.html').read_text()
