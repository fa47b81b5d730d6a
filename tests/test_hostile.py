"""Hostile-input suite: what untrusted model code can throw at a REPL, for every shell where it applies.

Every case asserts a clear error (to the model or the user), that the shell or loop goes on (or ends cleanly),
that the host is unharmed, and (at the end) that no kernel process or private folder is left behind.
Heavy cases (a 1 GB context) are skipped when RLM_SKIP_SLOW is set."""
import os, sys, json, time, signal, subprocess, threading, http.client
from pathlib import Path
import pytest
from rlm.shell import InProcessShell
from rlm.kernel import KernelShell, KernelRepr
from rlm.local import pid_alive
from rlm.sandbox import SandboxShell, descendants
from rlm.tools import prep_shell
from rlm.core import advanced_toolloop
from rlm.types import RLMResult
from rlm.testing import ScriptedServer, RLMScript, tool_call

SECRETS = {'OPENAI_API_KEY': 'sk-hostile-test-1', 'ANTHROPIC_API_KEY': 'sk-ant-hostile-2', 'AWS_SECRET_ACCESS_KEY': 'aws-hostile-3',
           'GH_TOKEN': 'ghp-hostile-4', 'MY_DB_PASSWORD': 'hostile-5', 'LITELLM_MASTER_KEY': 'hostile-6', 'AZURE_CLIENT_SECRET': 'hostile-7'}
slow = pytest.mark.skipif(bool(os.environ.get('RLM_SKIP_SLOW')), reason='slow (RLM_SKIP_SLOW set)')
KERNELS = []   # (pid, folder) of every kernel shell made here, checked at the end

def kernel(cls=KernelShell, **kw):
    sh = cls(**{'cell_timeout': 3, 'output_limit': 10_000, 'grace': 1.0, **kw})
    KERNELS.append(sh)
    return sh

IN_FLIGHT, _flight_lock = {'now': 0, 'most': 0}, threading.Lock()

def nap(s):
    "A host function that sleeps `s` seconds, counting how many of its calls are in flight at once"
    with _flight_lock: IN_FLIGHT['now'] += 1; IN_FLIGHT['most'] = max(IN_FLIGHT['most'], IN_FLIGHT['now'])
    time.sleep(s)
    with _flight_lock: IN_FLIGHT['now'] -= 1
    return threading.get_ident()

def setup(sh):
    "What rlm.tools does: context, host functions, a prelude, protected names"
    calls = []
    def llm_query(prompt, model=None): calls.append(prompt); return f'echo:{prompt}'
    def fail(): raise ValueError('budget exhausted')
    sh.set('context', 'the secret context')
    sh.install({'llm_query': llm_query, 'fail': fail, 'nap': nap})
    sh.run('def FINAL(a): return str(a)')
    sh.protect(['context', 'llm_query', 'FINAL', 'fail', 'nap'])
    sh.calls = calls
    return sh

@pytest.fixture(scope='module')
def ks():
    os.environ.update(SECRETS)
    sh = setup(kernel())
    yield sh
    sh.close()
    for k in SECRETS: os.environ.pop(k, None)

@pytest.fixture(scope='module')
def ips():
    sh = setup(InProcessShell(cell_timeout=3, output_limit=10_000))
    yield sh
    sh.close()

@pytest.fixture(scope='module')
def sbs():
    os.environ.update(SECRETS)
    sh = setup(kernel(SandboxShell, proc_limit=64))
    yield sh
    sh.close()
    for k in SECRETS: os.environ.pop(k, None)

@pytest.fixture(params=['none', 'kernel', 'sandbox'])
def sh(request, ks, ips, sbs): return {'none': ips, 'kernel': ks, 'sandbox': sbs}[request.param]

@pytest.fixture(params=['kernel', 'sandbox'])
def kk(request, ks, sbs): return ks if request.param == 'kernel' else sbs

def alive(sh):
    "The shell still works and still holds its setup"
    r = sh.run('llm_query(context)')
    return r.result == "'echo:the secret context'"

# ---- time ----
def test_infinite_loop(sh):
    sh.run('kept = 41')
    r = sh.run('while True: pass')
    assert r.timed_out and 'CellTimeout' in r.error and 2.9 < r.seconds < 4
    assert sh.run('kept + 1').result == '42' and alive(sh)

def test_sleep_forever(sh):
    r = sh.run('import time; time.sleep(10**6)')
    assert r.timed_out and 'time limit' in r.error and r.seconds < 4 and alive(sh)

def test_interrupt_swallowed(kk):
    r = kk.run('import time\nwhile True:\n    try: time.sleep(100)\n    except KeyboardInterrupt: pass')
    assert r.timed_out and r.crashed and 'did not stop when interrupted' in r.error and r.seconds < 6 and alive(kk)

def test_sigint_ignored(kk):
    r = kk.run('import signal; signal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True: pass')
    assert r.timed_out and r.crashed and alive(kk)

def test_busy_background_thread(kk):
    r = kk.run('import threading\nstop = False\ndef spin():\n    while not stop: pass\nthreading.Thread(target=spin, daemon=True).start()')
    assert r.ok and alive(kk)
    kk.run('stop = True')

def test_cpu_limit():
    sh = kernel(cpu_limit=5, cell_timeout=20)   # kernel start itself takes ~1.5 CPU s
    r = sh.run('while True: pass')
    assert r.crashed and ('CPU-time limit' in r.error or 'SIGKILL' in r.error)
    assert sh.run('1 + 1').result == '2'
    sh.close()

# ---- output ----
def test_print_1gb():
    sh = kernel(cell_timeout=60)
    r = sh.run('print("x" * 10**9)')
    sh.close()
    assert r.out_len == 10**9 + 1 and len(r.stdout) < 12_000 and 'output truncated: 1,000,000,001 characters' in r.stdout

def test_print_50mb_inprocess(ips):
    r = ips.run('print("y" * 50_000_000)')
    assert r.out_len == 50_000_001 and len(r.stdout) < 12_000

def test_many_lines(sh):
    r = sh.run('for i in range(100_000): print(i)')
    assert r.out_len == sum(len(f'{i}\n') for i in range(100_000)) and len(r.stdout) < 12_000 and r.stdout.endswith('99999\n')

def test_stderr_flood(sh):
    r = sh.run('import sys\nfor i in range(100_000): sys.stderr.write("e" * 10)')
    assert r.out_len >= 1_000_000 and len(r.stderr) < 12_000 and alive(sh)

def test_background_printing_threads(sh):
    r = sh.run('import threading, time\ndef spam():\n    for i in range(150): print("spam", i); time.sleep(0.01)\n'
               'ts = [threading.Thread(target=spam, daemon=True) for _ in range(3)]\nfor t in ts: t.start()')
    assert r.ok
    r2 = sh.run('time.sleep(0.3); "still here"')
    assert r2.result == "'still here'" and len(r2.stdout) < 12_000
    sh.run('for t in ts: t.join()')
    assert alive(sh)

def test_raw_iopub_flood(kk):
    "Code that bypasses the capped stdout and sends a 100 MB message with the kernel's own session"
    code = ('k = get_ipython().kernel\nk.session.send(k.iopub_socket, "stream", {"name": "stdout", "text": "z" * 100_000_000}, parent=k.get_parent("shell"))\n"sent"')
    r = kk.run(code)
    assert len(r.stdout) < 100_000 and alive(kk)

# ---- crashes ----
def test_os_exit(kk):
    r = kk.run('import os; os._exit(1)')
    assert r.crashed and 'exited with status 1' in r.error and 'restarted' in r.error and alive(kk)

def test_segfault(kk):
    r = kk.run('import ctypes; ctypes.string_at(0)')
    assert r.crashed and 'segmentation fault' in r.error and alive(kk)

def test_c_stack_overflow(kk):
    r = kk.run('import sys; sys.setrecursionlimit(10**8)\ndef f(n): return f(n+1)\nf(0)')
    assert (r.crashed or 'RecursionError' in r.error) and alive(kk)

def test_sys_exit(sh):
    r = sh.run('import sys; sys.exit(2)')
    assert 'SystemExit' in r.error and not r.crashed and alive(sh)

def test_exit_builtin(kk):
    r = kk.run('exit()')
    assert 'SystemExit' in r.error and not r.crashed
    time.sleep(0.5); assert alive(kk) and kk.run('1').ok

def test_kill_self(kk):
    r = kk.run('import os, signal; os.kill(os.getpid(), signal.SIGKILL)')
    assert r.crashed and 'SIGKILL' in r.error and alive(kk)

def test_recursion_bomb(sh):
    r = sh.run('def f(): return f()\nf()')
    assert 'RecursionError' in r.error and alive(sh)

def test_fork_bomb_attempt(ks):
    "Forked processes stay in the kernel's process group and die with it (as root RLIMIT_NPROC does not apply, so forks are bounded here)"
    r = ks.run('import os, time\nkids = []\nfor i in range(20):\n    p = os.fork()\n    if p == 0:\n        time.sleep(600); os._exit(0)\n    kids.append(p)\nkids')
    kids = json.loads(r.result)
    assert len(kids) == 20 and all(pid_alive(p) for p in kids)
    r = ks.run('import os; os._exit(0)')   # the crash-restart kills the whole group
    time.sleep(0.3)
    assert r.crashed and not any(pid_alive(p) for p in kids) and alive(ks)

# ---- memory ----
def test_allocate_50gb(kk):
    r = kk.run('x = bytearray(50 * 2**30)')
    assert 'MemoryError' in r.error and not r.crashed and alive(kk)

def test_numpy_50gb(kk):
    r = kk.run('import numpy as np; a = np.ones(50 * 2**30 // 8)')
    assert 'MemoryError' in r.error and alive(kk)

def test_gradual_allocation():
    sh = setup(kernel(mem_limit=1 << 30, cell_timeout=20))
    r = sh.run('hog = []\nwhile True: hog.append(bytearray(50_000_000))')
    assert ('MemoryError' in (r.error or '') or r.crashed) and alive(sh)
    sh.close()

def test_cannot_raise_own_limits_unless_root(ks):
    r = ks.run('import resource; resource.setrlimit(resource.RLIMIT_AS, (-1, -1))')
    if r.ok: assert os.geteuid() == 0     # honest: only a root with CAP_SYS_RESOURCE may lift its rlimits (see the notebook)
    else: assert 'not allowed to raise maximum limit' in r.error

# ---- secrets and files ----
def test_environment_has_no_secrets(kk):
    r = kk.run('import os; env = dict(os.environ)')
    env = kk.get('env')
    assert not set(SECRETS.values()) & set(env.values())
    assert not [k for k in env if k.endswith(('_KEY', '_TOKEN', '_SECRET')) or k.startswith(('LITELLM', 'OPENAI', 'ANTHROPIC', 'AWS', 'AZURE'))]

def test_proc_environ_of_kernel(kk):
    r = kk.run('open("/proc/self/environ", "rb").read()')
    assert not any(v in r.result for v in SECRETS.values())

@pytest.mark.parametrize('path', ['~/.netrc', '~/.aws/credentials', '~/.config/gcloud/credentials.db', '.env'])
def test_home_and_cwd_are_private(ks, path):
    r = ks.run(f'import os; open(os.path.expanduser({path!r})).read()')
    assert 'FileNotFoundError' in r.error and alive(ks)

def test_writes_land_in_private_folder():
    sh = kernel()
    sh.run('open("out.txt", "w").write("hi")')
    f = sh.work/'out.txt'
    assert f.read_text() == 'hi'
    sh.close()
    assert not f.exists()

def test_file_size_limit():
    sh = kernel(file_limit=1 << 20)
    r = sh.run('open("big.bin", "wb").write(b"0" * (2 << 20))')
    assert 'File too large' in r.error or 'OSError' in r.error
    sh.close()

def test_absolute_paths_are_not_blocked(ks, tmp_path):
    "Honest: without an OS sandbox the kernel runs as the same user and can read or write any path that user can"
    p = tmp_path/'host.env'; p.write_text('HOST=1')
    assert ks.run(f'open({str(p)!r}).read()').result == "'HOST=1'"

def test_forged_callbacks(ks):
    srv = ks.res.srv
    port = srv.server_address[1]
    def post(path, token):
        c = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
        c.request('POST', path, b'{"args": ["x"]}', {'X-RLM-Token': token}); return c.getresponse().status
    assert post('/llm_query', 'wrong') == 403 and post('/os_system', srv.token) == 403 and post('/llm_query', srv.token) == 200

# ---- protected names and values ----
@pytest.mark.parametrize('code,names', [('del context', ['context']), ('context = None', ['context']), ('llm_query = print', ['llm_query']),
                                        ('del llm_query', ['llm_query']), ('FINAL = None', ['FINAL']), ('globals().clear()', ['context', 'llm_query', 'FINAL', 'fail', 'nap'])])
def test_overwrite_protected(sh, code, names):
    sh.run(code)
    assert sorted(sh.restore()) == sorted(names)
    assert alive(sh) and sh.restore() == []

def test_get_100mb_value(kk):
    kk.run('big = "a" * 100_000_000')
    v = kk.get('big')
    assert len(v) < kk.value_limit + 200 and '100,000,000 characters in total' in v and alive(kk)

def test_get_unpicklable_and_hostile_repr():
    sh = kernel(cell_timeout=2)
    sh.run('import threading\nlock = threading.Lock()\nclass Evil:\n    def __repr__(self):\n        while True: pass\nevil = Evil()')
    assert isinstance(sh.get('lock'), KernelRepr)
    with pytest.raises(RuntimeError): sh.get('evil')     # interrupted: a clear error, not a hung host
    assert sh.run('1 + 1').result == '2'
    sh.close()

def test_host_function_errors(sh):
    r = sh.run('fail()')
    assert 'ValueError: budget exhausted' in r.error and alive(sh)

def test_concurrent_subcalls(sh):
    IN_FLIGHT.update(now=0, most=0)
    r = sh.run('from concurrent.futures import ThreadPoolExecutor\nwith ThreadPoolExecutor(8) as ex: list(ex.map(nap, [1.0]*8))')
    assert r.error is None and IN_FLIGHT['most'] == 8 and r.seconds < 4   # at once on the host (8 s one after another)

def test_long_subcall():
    sh = setup(kernel(cell_timeout=10))
    r = sh.run('nap(4); "back"')
    assert r.result == "'back'" and 4 <= r.seconds < 6
    sh.close()

# ---- contexts ----
def test_non_utf8_context():
    raw = b'caf\xe9 \xff\xfe ok'
    ctx = raw.decode('utf-8', 'surrogateescape')
    for s in (InProcessShell(), kernel()):
        s.set('context', ctx); s.set('raw', raw)
        assert s.run('context.encode("utf-8", "surrogateescape") == raw').result == 'True'
        s.close()

def test_empty_context(sh):
    for s in (InProcessShell(), kernel()):
        s.set('context', '')
        assert s.run('len(context)').result == '0'
        s.close()

def test_object_context():
    sh = kernel()
    sh.set('context', {'docs': [{'id': i, 'text': f'doc {i}'} for i in range(1000)]})
    assert sh.run('len(context["docs"])').result == '1000'
    with pytest.raises(TypeError): sh.set('context', lambda: 1)
    sh.close()

@slow
@pytest.mark.parametrize('cls', [KernelShell, SandboxShell])
def test_1gb_context(cls):
    sh = kernel(cls, cell_timeout=60)
    ctx = 'abcdefghi\n' * 100_000_000
    t = time.monotonic(); sh.set('context', ctx); dt = time.monotonic() - t
    assert sh.run('len(context)').result == '1000000000'
    del ctx
    assert sh.run('import os; os._exit(1)').crashed and sh.run('len(context)').result == '1000000000'   # reloaded after a crash
    sh.close()

# ---- the whole loop ----
def run_script(root, isolation, max_steps=10, **kw):
    srv = ScriptedServer(RLMScript(root, sub=lambda p: 'sub-answer'))
    sh = prep_shell('one two three', model=srv.llm_model, base_url=srv.base_url, api_key='x', isolation=isolation, cell_timeout=3, **kw)
    try: items = list(advanced_toolloop('q?', sh=sh, protocol='tools', max_steps=max_steps))
    finally: sh.close(); srv.close()
    finals = [i for i in items if isinstance(i, RLMResult)]
    assert len(finals) == 1
    last_root = [r for r in srv.requests if any(m['role'] == 'system' for m in r['messages'])][-1]
    tool_outs = [m['content'] for m in last_root['messages'] if m['role'] == 'tool']
    return finals[0], tool_outs

@pytest.mark.parametrize('isolation', ['none', 'kernel'])
def test_loop_malformed_and_unknown_tool(isolation):
    f, outs = run_script([tool_call('', raw='{"python_code": "print(1)'), tool_call('x', name='shell'), tool_call('FINAL(len(context.split()))')], isolation)
    assert 'not valid JSON' in outs[0] and "no tool named 'shell'" in outs[1] and f.answer == '3'

@pytest.mark.parametrize('isolation', ['none', 'kernel'])
def test_loop_never_final(isolation):
    f, outs = run_script([tool_call('print(1)')] * 3 + ['I give up: 3'], isolation, max_steps=3)
    assert f.stop_reason == 'max_steps' and f.answer == 'I give up: 3'

def test_loop_survives_kernel_crash():
    f, outs = run_script([tool_call('import os; os._exit(1)'), tool_call('x = llm_query("hi")\nFINAL(x + str(len(context)))')], 'kernel')
    assert 'KernelDied' in outs[0] and f.answer == 'sub-answer13'

@pytest.mark.parametrize('isolation', ['none', 'kernel'])
def test_loop_timeout_then_answer(isolation):
    f, outs = run_script([tool_call('while True: pass'), tool_call('FINAL("done")')], isolation)
    assert 'CellTimeout' in outs[0] and f.answer == 'done'

# ---- the sandbox (isolation='sandbox'): what the kernel shell does not stop ----
def test_sandbox_secrets_nowhere(sbs, ks):
    "Own env, bwrap's (PID 1), every /proc/*/environ, the parent's: no planted key; the kernel shell leaks the host's through /proc"
    code = ('import glob, os\nenvs = [open(p, "rb").read() for p in glob.glob("/proc/*/environ")]\n'
            'envs += [open(f"/proc/{os.getppid()}/environ", "rb").read(), open("/proc/1/environ", "rb").read(), repr(os.environ).encode()]\n'
            'b"\\n".join(envs).decode(errors="replace")')
    assert not any(v in sbs.run(code).result for v in SECRETS.values())
    host = subprocess.Popen(['sleep', '60'], env={**os.environ, **SECRETS})                  # a host process holding the keys
    try:
        peek = f'open("/proc/{host.pid}/environ", "rb").read()'
        assert any(v in ks.run(peek).result for v in SECRETS.values())                        # the kernel shell leaks them: why the sandbox exists
        assert 'FileNotFoundError' in sbs.run(peek).error
    finally: host.kill(); host.wait()

def test_sandbox_host_home_canary(sbs):
    canary = Path.home()/'.rlm-hostile-canary'
    canary.write_text('host-canary-secret')
    try:
        r = sbs.run(f'open({str(canary)!r}).read()')
        assert 'FileNotFoundError' in r.error and 'host-canary-secret' not in (r.result or '')
        r = sbs.run('import glob; glob.glob("/root/*") + glob.glob("/home/*/*") + glob.glob("/work/*")')
        assert 'canary' not in r.result and '.env' not in r.result
    finally: canary.unlink()

@pytest.mark.parametrize('path', ['/tmp/rlm-hostile-write', '/usr/rlm-hostile-write', '/rlm-hostile-write', str(Path.home()/'rlm-hostile-write')])
def test_sandbox_writes_never_reach_host(sbs, path):
    sbs.run(f'open({path!r}, "w").write("pwned")')
    assert not Path(path).exists() and alive(sbs)

def test_sandbox_no_host_tcp_but_llm_query_works():
    "A TCP server on the host's loopback (here the scripted model server itself) is unreachable; llm_query reaches it through the host"
    srv = ScriptedServer(RLMScript([], sub=lambda p: 'sub-answer'))
    port = int(srv.base_url.rsplit(':', 1)[1].split('/')[0])
    sh = prep_shell('ctx', model=srv.llm_model, base_url=srv.base_url, api_key='x', isolation='sandbox', cell_timeout=5)
    try:
        r = sh.run(f'import socket\nsocket.create_connection(("127.0.0.1", {port}), timeout=2)')
        assert 'ConnectionRefusedError' in r.error or 'unreachable' in r.error
        assert sh.run('llm_query("hello")').result == "'sub-answer'"
    finally: sh.close(); srv.close()

def test_sandbox_sees_only_its_processes(sbs):
    assert sbs.run('import os; sorted(int(p) for p in os.listdir("/proc") if p.isdigit())').result == '[1, 2]'
    assert sbs.run('import os; os.getppid()').result == '1'

def test_sandbox_fork_bomb_contained():
    sh = setup(kernel(SandboxShell, proc_limit=32, cell_timeout=4))
    r = sh.run('import os\nwhile True:\n    try: os.fork()\n    except OSError: pass')   # every child forks too
    n = len(descendants(sh.pid)) if sh.res.proc else 0
    assert r.timed_out and n <= 32 + 1                                                   # the cap, plus bwrap's PID 1
    if not r.crashed: sh.run('import os; os._exit(1)')                                  # a restart ends the whole PID namespace
    assert alive(sh) and len(descendants(sh.pid)) == 2
    sh.close()

def test_sandbox_memory_hog_contained():
    sh = setup(kernel(SandboxShell, mem_limit=1 << 30, cell_timeout=20))
    r = sh.run('hog = []\nwhile True: hog.append(bytearray(50_000_000))')
    assert ('MemoryError' in (r.error or '') or r.crashed) and alive(sh)
    r = sh.run('open("/tmp/fill", "wb").write(b"0" * (2 << 30))')                        # the private /tmp is capped too
    assert r.error and alive(sh)
    sh.close()

def test_sandbox_cannot_raise_limits(sbs):
    r = sbs.run('import resource; resource.setrlimit(resource.RLIMIT_AS, (-1, -1))')
    assert 'not allowed to raise maximum limit' in r.error                               # even for a root host: it runs as nobody

def test_sandbox_orphans_die_with_it():
    sh = kernel(SandboxShell)
    sh.run('import subprocess\np = subprocess.Popen(["sleep", "300"], start_new_session=True)')   # leaves the process group
    pids = [sh.pid] + descendants(sh.pid)
    assert len(pids) == 4
    sh.close(); time.sleep(0.3)
    assert not any(pid_alive(p) for p in pids)

@pytest.mark.parametrize('isolation', ['sandbox'])
def test_sandbox_loop(isolation):
    f, outs = run_script([tool_call('import os; os._exit(1)'), tool_call('while True: pass'), tool_call('context = None'),
                          tool_call('x = llm_query("hi")\nFINAL(x + str(len(context)))')], isolation)
    assert 'KernelDied' in outs[0] and 'CellTimeout' in outs[1] and 'restored' in outs[2] and f.answer == 'sub-answer13'

UNPRIV = r"""
import os, sys, json, time, socket, glob
from rlm.sandbox import SandboxShell, descendants
os.environ['OPENAI_API_KEY'] = 'sk-unprivileged-secret'
canary = '/tmp/rlm-unpriv-canary-%d' % os.getpid(); open(canary, 'w').write('canary')
srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(); port = srv.getsockname()[1]
sh = SandboxShell(cell_timeout=3, proc_limit=32, grace=1)
sh.install({'llm_query': lambda p: 'echo:' + p}); sh.set('context', 'ctx'); sh.protect(['llm_query', 'context'])
run = lambda c: sh.run(c)
res = dict(uid=os.getuid(),
  env=run('import glob\nany(b"sk-unprivileged" in open(p, "rb").read() for p in glob.glob("/proc/*/environ"))').result,
  canary=run(f'open({canary!r}).read()').error.strip().splitlines()[-1].split(':')[0],
  tcp=run(f'import socket\nsocket.create_connection(("127.0.0.1", {port}), timeout=2)').error.strip().splitlines()[-1].split(':')[0],
  llm=run('llm_query(context)').result,
  procs=run('import os; sorted(int(p) for p in os.listdir("/proc") if p.isdigit())').result,
  loop=run('while True: pass').timed_out,
  bomb=run('import os, time\nn = 0\ntry:\n    while True:\n        if os.fork() == 0: time.sleep(60); os._exit(0)\n        n += 1\nexcept OSError: pass\nn < 32').result,
  crash=run('import ctypes; ctypes.string_at(0)').crashed, after=run('llm_query(context)').result,
  mem=run('x = bytearray(50 * 2**30)').error.strip().splitlines()[-1])
pids = [sh.pid] + descendants(sh.pid); sh.close(); os.unlink(canary)
from rlm.local import pid_alive
for _ in range(30):
    res['left'] = [p for p in pids if pid_alive(p)]
    if not res['left']: break
    time.sleep(0.1)
print(json.dumps(res))
"""

def _unprivileged_cmd():
    "Run UNPRIV as `nobody`: in a private mount namespace, any 0700 folder on the way to this Python is made passable (this machine keeps it under /root)"
    import shutil
    if os.geteuid() != 0: return [sys.executable, '-c', UNPRIV]
    if not (shutil.which('unshare') and shutil.which('setpriv')): pytest.skip('needs unshare and setpriv to run a host as nobody')
    parts, fix = Path(sys.base_prefix).parts, ''
    for i in range(2, len(parts)):
        d = Path(*parts[:i])
        if not d.stat().st_mode & 0o001:
            rest = Path(*parts[i:])
            fix = (f'mkdir -p /tmp/.rlm-up && mount --bind {d}/{rest} /tmp/.rlm-up && mount -t tmpfs -o mode=0755 none {d} && '
                   f'mkdir -p {d}/{rest} && mount --bind /tmp/.rlm-up {d}/{rest} && ')
            break
    env = f'env -i PATH=/usr/bin:/bin HOME=/tmp PYTHONPATH={Path(__file__).resolve().parents[1]} PYTHONDONTWRITEBYTECODE=1'
    inner = f"{fix}exec setpriv --reuid=65534 --regid=65534 --clear-groups {env} {sys.executable} -c \"$RLM_UNPRIV\""
    return ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', inner]

def test_sandbox_unprivileged_host():
    "The same hostile cells with the host itself running as an unprivileged user (nobody)"
    r = subprocess.run(_unprivileged_cmd(), capture_output=True, text=True, timeout=300, env={**os.environ, 'RLM_UNPRIV': UNPRIV})
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads(r.stdout.strip().splitlines()[-1])
    assert res['uid'] != 0 and res['env'] == 'False' and res['canary'] == 'FileNotFoundError' and res['tcp'] == 'ConnectionRefusedError'
    assert res['llm'] == "'echo:ctx'" and res['procs'] == '[1, 2]' and res['loop'] and res['bomb'] == 'True'
    assert res['crash'] and res['after'] == "'echo:ctx'" and res['mem'] == 'MemoryError' and res['left'] == []

# ---- clean exit ----
def test_close_after_exception():
    with pytest.raises(ZeroDivisionError):
        with kernel() as sh:
            pid = sh.pid; 1/0
    assert not pid_alive(pid)

def test_host_killed():
    code = "from rlm.kernel import KernelShell; import time; sh = KernelShell(); print(sh.pid, sh.dir, flush=True); time.sleep(60)"
    host = subprocess.Popen([sys.executable, '-c', code], stdout=subprocess.PIPE, text=True)
    pid = int(host.stdout.readline().split()[0])
    assert pid_alive(pid)
    host.kill(); host.wait()
    for _ in range(30):
        if not pid_alive(pid): break
        time.sleep(0.1)
    assert not pid_alive(pid)

def test_host_interrupted():
    code = "from rlm.kernel import KernelShell; import time; sh = KernelShell(); print(sh.pid, flush=True); time.sleep(60)"
    def default_sigint():        # a host as a user starts it: SIGINT neither ignored nor blocked (whatever this test process inherited)
        signal.signal(signal.SIGINT, signal.SIG_DFL); signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    host = subprocess.Popen([sys.executable, '-c', code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, preexec_fn=default_sigint)
    pid = int(host.stdout.readline())
    host.send_signal(signal.SIGINT)
    try: host.wait(30)          # the host closes its kernel on the way out: slow on a loaded machine, never a hang
    finally:
        if host.poll() is None: host.kill(); host.wait()     # a failure here must not leave processes for test_zz_no_leaks
    time.sleep(0.2)
    assert host.returncode != -signal.SIGKILL and not pid_alive(pid)

def test_zz_no_leaks(ks, ips, sbs):
    "Every kernel and sandbox made here is gone once closed, with its private folder"
    ks.close(); sbs.close()
    time.sleep(0.2)
    for sh in KERNELS: assert sh.res.proc is None and not sh.dir.exists()
    mine = [p for p in os.listdir('/proc') if p.isdigit() and 'rlm.kernel import _kernel_main' in Path(f'/proc/{p}/cmdline').read_text(errors='ignore').replace('\0', ' ')
            and pid_alive(int(p)) and int(Path(f'/proc/{p}/stat').read_text().split(')')[-1].split()[1]) == os.getpid()]
    assert mine == [] and descendants(os.getpid()) == []
