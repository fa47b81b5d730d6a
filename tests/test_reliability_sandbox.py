"The sandbox's syscall filter: hostile cells refused with EPERM, the kernel alive, ordinary code (threads, fork, numpy) unharmed"
import pytest
from rlm.sandbox import SandboxShell, seccomp_program, SandboxUnavailable

HOSTILE = {
    'ptrace': 'libc.ptrace(0, 0, 0, 0)',                                        # PTRACE_TRACEME
    'ptrace_sibling': 'libc.ptrace(16, os.getppid(), 0, 0)',                    # PTRACE_ATTACH to bwrap
    'mount': "libc.mount(b'none', b'/tmp', b'tmpfs', 0, None)",
    'unshare_user': 'libc.unshare(0x10000000)',
    'clone_newuser': 'libc.syscall(56, 0x10000000 | 17, 0, 0, 0, 0)',
    'setns': 'libc.syscall(308, 0, 0)',
    'add_key': "libc.syscall(248, b'user', b'k', b'v', 1, 0xfffffffc)",
    'keyctl': 'libc.syscall(250, 0, 0xffffffff, 0)',
    'bpf': 'libc.syscall(321, 0, 0, 0)',
    'perf_event_open': 'libc.syscall(298, 0, 0, -1, -1, 0)',
}

@pytest.fixture(scope='module')
def sh():
    if seccomp_program() is None: pytest.skip('the filter is built for x86-64 only')
    try: s = SandboxShell(cell_timeout=20, proc_limit=64)
    except SandboxUnavailable as e: pytest.skip(str(e))
    s.run('import ctypes, os, errno\nlibc = ctypes.CDLL(None, use_errno=True)\n'
          'def tried(v): return "ok" if v != -1 else errno.errorcode[ctypes.get_errno()]')
    yield s
    s.close()

@pytest.mark.parametrize('name', HOSTILE)
def test_refused(sh, name):
    r = sh.run(f'tried({HOSTILE[name]})')
    assert r.result == "'EPERM'", (name, r)
    assert sh.run('1 + 1').result == '2'          # the kernel is alive, state kept
    assert sh.run('tried').error is None

def test_ordinary_code_runs(sh):
    r = sh.run('import threading, subprocess, numpy\nt = threading.Thread(target=lambda: None); t.start(); t.join()\n'
               'pid = os.fork()\nif pid == 0: os._exit(7)\n(os.waitpid(pid, 0)[1] >> 8, subprocess.run(["echo", "hi"], capture_output=True).stdout, int(numpy.arange(5).sum()))')
    assert r.result == "(7, b'hi\\n', 10)", r

def test_limits_say_what_holds(sh):
    lim = sh.limits
    assert lim['seccomp'].startswith('on: ptrace') and 'per process' in lim['memory']
    assert 'no total cap' in lim['memory'] or 'cgroup' in lim['memory']
