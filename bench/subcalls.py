"""Sub-call throughput of a real RLM loop against the scripted server.

Three root turns over HTTP (look, batch, FINAL); the middle one runs `llm_query_batched` of N prompts.
Every call goes through litellm to `rlm.testing.ScriptedServer` on 127.0.0.1 with injected latency.

    python bench/subcalls.py            # the issue's figures (best and median of --repeat runs)
    python bench/subcalls.py --repeat 1 # quicker
"""
import argparse, gc, os, resource, statistics, sys, time

from rlm.core import rlm_run
from rlm.testing import ScriptedServer, RLMScript, tool_call

def script(n:int) -> RLMScript:
    "Root: peek, batch N sub-calls, FINAL; sub-calls echo their prompt upper-cased"
    return RLMScript([tool_call('print(len(context))'),
                      tool_call(f'r = llm_query_batched([f"q{{i}}" for i in range({n})])\nok = r == [f"Q{{i}}" for i in range({n})]\nprint(ok)'),
                      tool_call('FINAL(f"{ok} {len(r)}")')],
                     sub=lambda p: p.upper())

def one_run(n:int, latency:float, **kw) -> tuple:
    "Wall seconds of one rlm_run with N sub-calls, its result and the server"
    with ScriptedServer(script(n), latency=latency) as srv:
        t = time.perf_counter()
        res = rlm_run('q?', 'some context', model=srv.llm_model, base_url=srv.base_url, api_key='x', protocol='tools', **kw)
        secs = time.perf_counter() - t
    assert res.answer == f'True {n}', res.answer
    assert res.usage.calls == srv.calls == 3 + n, (res.usage.calls, srv.calls)
    return secs, res, srv

def bench(n:int, latency:float, repeat:int, target:float, **kw) -> bool:
    "Time `repeat` runs; print best and median against `target`"
    times, srv = [], None
    for _ in range(repeat):
        gc.collect()
        secs, res, srv = one_run(n, latency, **kw)
        times.append(secs)
    best, med = min(times), statistics.median(times)
    ideal = 3*latency + latency * -(-n // kw.get('max_concurrency', 64))
    ok = best <= target
    print(f'{3+n:5d} calls ({n} sub) @ {latency*1000:3.0f} ms: best {best:.3f}s  median {med:.3f}s  '
          f'(ideal {ideal:.2f}s, target <= {target:.2f}s: {"PASS" if ok else "MISS"})  server max in flight {srv.max_in_flight}', flush=True)
    return ok

def rss_mb() -> float: return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def thousand(latency:float=0.25) -> bool:
    "1,000 sub-calls in one batch, all allowed in flight at once: no deadlock, order kept, peak memory"
    before = rss_mb()
    t = time.perf_counter()
    secs, res, srv = one_run(1000, latency, max_concurrency=1000)
    print(f'1000 sub-calls in one batch (max_concurrency=1000) @ {latency*1000:.0f} ms: {secs:.3f}s, order kept, '
          f'server max in flight {srv.max_in_flight}, peak RSS {before:.0f} -> {rss_mb():.0f} MB', flush=True)
    return True

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--repeat', type=int, default=5)
    a = ap.parse_args()
    print(f'python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}', flush=True)
    one_run(8, 0.0)   # warm-up: imports, first connection
    ok = [bench(64, 0.25, a.repeat, 1.15), bench(256, 0.25, a.repeat, 2.0), bench(64, 0.0, a.repeat, 0.6), thousand()]
    sys.exit(0 if all(ok) else 1)
