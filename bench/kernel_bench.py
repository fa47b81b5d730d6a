"""Measure the kernel shell and the sandbox shell side by side: start time, per-cell overhead vs the in-process shell,
sub-call round trip, timeout precision, restart time after a crash, and a 1 GB context load vs a raw file read.
Run: python bench/kernel_bench.py [--gb 1.0] [--only kernel|sandbox]"""
import argparse, os, sys, time, statistics, subprocess
from rlm.shell import InProcessShell
from rlm.kernel import KernelShell
from rlm.sandbox import SandboxShell

def med(xs): return statistics.median(xs)

def cell_overhead(sh, n=200):
    sh.run('x = 1')
    ts = []
    for _ in range(n):
        t = time.perf_counter(); sh.run('x + 1'); ts.append(time.perf_counter() - t)
    return med(ts)

def starts(cls, n=5):
    "First start and median of `n` starts"
    ts = []
    for _ in range(n):
        t = time.perf_counter(); s = cls(); ts.append(time.perf_counter() - t); s.close()
    return ts[0], med(ts)

def basics(cls, name, inproc):
    first, m = starts(cls)
    print(f'{name}: start first {first*1000:.0f} ms, median of 5 {m*1000:.0f} ms')
    sh = cls()
    k = cell_overhead(sh)
    print(f'{name}: per-cell time for `x + 1` (median of 200) {k*1000:.2f} ms; in-process {inproc*1000:.3f} ms; overhead {(k-inproc)*1000:.2f} ms')
    sh.install({'echo': lambda s: s})
    r = sh.run('import time\nt = time.perf_counter()\nfor _ in range(200): echo("hi")\n(time.perf_counter() - t) / 200 * 1000')
    via = 'Unix socket' if cls is SandboxShell else 'loopback TCP'
    print(f'{name}: sub-call round trip kernel -> host -> kernel (HTTP over {via}, mean of 200) {float(r.result):.2f} ms')
    sh.set('context', 'small context')
    sh.run('def FINAL(a): return echo(str(a))'); sh.protect(['context', 'echo', 'FINAL'])
    ts = []
    for _ in range(5):
        ts.append(sh.run('import os; os._exit(1)').seconds)
        t = time.perf_counter(); sh.run('import ctypes; ctypes.string_at(0)'); ts.append(time.perf_counter() - t)
    print(f'{name}: crash -> detected -> restarted -> setup replayed (median of 10) {med(ts)*1000:.0f} ms')
    sh.close()

def timeouts(cls, name):
    for secs in (0.5, 2.0):
        s = cls(cell_timeout=secs)
        r = s.run('while True: pass'); r2 = s.run('import time; time.sleep(10**6)')
        print(f'{name}: timeout {secs}s: busy loop stopped after {r.seconds:.3f}s, sleep after {r2.seconds:.3f}s (timed_out={r.timed_out and r2.timed_out}, state kept={not r.crashed})')
        s.close()

def big_context(cls, name, gb):
    n = int(gb * 2**30)
    line = 'The quick brown fox jumps over the lazy dog. ' * 20 + '\n'
    ctx = (line * (n // len(line) + 1))[:n]
    s = cls(cell_timeout=120)
    t = time.perf_counter(); s.set('context', ctx); total = time.perf_counter() - t
    del ctx
    path = next(p for p in (s.dir/'data').iterdir())
    r = s.run('len(context)'); assert r.result == str(n), r
    inside = s._inside(path)
    kload = f"import time\nfrom rlm.kernel import load_text\ndel context\nt = time.perf_counter(); context = load_text({inside!r}); time.perf_counter() - t"
    kraw = f"import time; t = time.perf_counter(); b = open({inside!r}, 'rb').read(); del b; time.perf_counter() - t"
    loads, raws = [], []
    for _ in range(3): raws.append(float(s.run(kraw).result)); loads.append(float(s.run(kload).result))
    t = time.perf_counter(); r = s.run('import os; os._exit(1)'); r2 = s.run('len(context)'); reload = time.perf_counter() - t
    assert r.crashed and r2.result == str(n)
    code = f"import time; t = time.perf_counter(); b = open({str(path)!r}, 'rb').read(); print(time.perf_counter() - t)"
    sub = min(float(subprocess.run([sys.executable, '-c', code], capture_output=True, text=True).stdout) for _ in range(3))
    print(f'{name}: {gb:g} GB str context: set() total {total:.2f}s (host writes the UTF-8 file, kernel restarts with a larger memory limit, loads); '
          f'load (mmap + decode) best of 3 {min(loads):.2f}s vs raw read into bytes {min(raws):.2f}s inside, {sub:.2f}s in a fresh host process; '
          f'crash + restart + reload {reload:.2f}s (page cache warm)')
    s.close()

def main(gb, only):
    inproc = cell_overhead(InProcessShell())
    shells = [(c, n) for c, n in ((KernelShell, 'kernel'), (SandboxShell, 'sandbox')) if only in (None, n)]
    for cls, name in shells: basics(cls, name, inproc)
    for cls, name in shells: timeouts(cls, name)
    for cls, name in shells: big_context(cls, name, gb)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(); ap.add_argument('--gb', type=float, default=1.0); ap.add_argument('--only', choices=['kernel', 'sandbox'])
    a = ap.parse_args(); main(a.gb, a.only)
