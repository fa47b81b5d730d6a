"""Sub-call throughput of a real RLM loop against the scripted server running in its own process.

Three root turns over HTTP (look, batch, FINAL); the middle one runs `llm_query_batched` of N prompts, each 40,000
characters of the context (the chunk size the system prompt recommends) unless --tiny. Every call goes over HTTP to
`rlm.testing.ScriptedProcess` on 127.0.0.1 (a child process, so its work does not share this interpreter) with
injected latency. Lean path (OpenAI-compatible endpoints, the default) and litellm (`RLM_LEAN=0`) are timed in the
same run.

    python bench/subcalls.py            # the issue's figures (best and median of --repeat runs)
    python bench/subcalls.py --repeat 1 # quicker
"""
import argparse, gc, os, resource, statistics, sys, time

from rlm.core import rlm_run
from rlm.testing import ScriptedProcess, tool_call, needle_haystack, is_root

CHUNK = 40_000

def sub_answer(prompt:str) -> str:
    "A sub-call's answer: the tag before the first colon, upper-cased (module level: the server process imports it)"
    return prompt.split(':', 1)[0].upper()

class Script:
    "Handler: a root request gets the turn its conversation is at (so one server serves many runs); sub-calls get `sub_answer`"
    def __init__(self, root:list): self.root = root
    def __call__(self, body):
        if not is_root(body): return sub_answer(body['messages'][-1]['content'])
        return self.root[min(sum(m['role'] == 'assistant' for m in body['messages']), len(self.root)-1)]

def script(n:int, chunk:int) -> Script:
    "Root: peek, batch N sub-calls of `chunk` characters each, FINAL"
    batch = (f'r = llm_query_batched([f"q{{i}}: " + context[i*{chunk}:(i+1)*{chunk}] for i in range({n})])\n'
             f'ok = r == [f"Q{{i}}" for i in range({n})]\nprint(ok)')
    return Script([tool_call('print(len(context))'), tool_call(batch), tool_call('FINAL(f"{ok} {len(r)}")')])

def one_run(srv, n:int, chunk:int, context:str, **kw) -> float:
    "Wall seconds of one rlm_run with N sub-calls against the running server"
    before = srv.stats()['calls']
    t = time.perf_counter()
    res = rlm_run('q?', context, model=srv.llm_model, base_url=srv.base_url, api_key='x', protocol='tools', **kw)
    secs = time.perf_counter() - t
    assert res.answer == f'True {n}', res.answer
    assert res.usage.calls == srv.stats()['calls'] - before == 3 + n, (res.usage.calls, srv.stats())
    return secs

def bench(n:int, latency:float, repeat:int, target:float|None, chunk:int=CHUNK, label:str='', **kw) -> bool:
    "Time `repeat` runs of a fresh server; print best and median against `target`"
    context = needle_haystack(max(n*chunk, 1000))
    with ScriptedProcess(script(n, chunk), latency=latency) as srv:
        one_run(srv, n, chunk, context, **kw)       # warm: connections, imports
        srv_times = []
        for _ in range(repeat):
            gc.collect()
            srv_times.append(one_run(srv, n, chunk, context, **kw))
        mif = srv.stats()['max_in_flight']
    best, med = min(srv_times), statistics.median(srv_times)
    ideal = 3*latency + latency * -(-n // kw.get('max_concurrency', 64))
    verdict = '' if target is None else f', target <= {target:.2f}s: {"PASS" if best <= target else f"MISS by {best-target:.2f}s"}'
    print(f'{label:10s} {3+n:5d} calls ({n} sub x {chunk:,} chars) @ {latency*1000:3.0f} ms: best {best:.3f}s  median {med:.3f}s  '
          f'(ideal {ideal:.2f}s{verdict})  server max in flight {mif}', flush=True)
    return target is None or best <= target

def rss_mb() -> float: return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def thousand(latency:float=0.25) -> bool:
    "1,000 small sub-calls in one batch, all allowed in flight at once: no deadlock, order kept, peak memory"
    before = rss_mb()
    with ScriptedProcess(script(1000, 100), latency=latency) as srv:
        secs = one_run(srv, 1000, 100, needle_haystack(100_000), max_concurrency=1000)
        mif = srv.stats()['max_in_flight']
    print(f'lean       1000 sub-calls in one batch (max_concurrency=1000) @ {latency*1000:.0f} ms: {secs:.3f}s, order kept, '
          f'server max in flight {mif}, peak RSS {before:.0f} -> {rss_mb():.0f} MB', flush=True)
    return True

def suite(repeat:int, lean:bool) -> list:
    "The issue's figures on one path"
    os.environ['RLM_LEAN'] = '1' if lean else '0'
    label = 'lean' if lean else 'litellm'
    targets = (1.15, 2.0, 0.12) if lean else (None, None, None)
    return [bench(64, 0.25, repeat, targets[0], label=label), bench(256, 0.25, repeat, targets[1], label=label),
            bench(64, 0.0, repeat, targets[2], label=label), bench(64, 0.0, repeat, None, chunk=10, label=label+' tiny')]

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--repeat', type=int, default=5)
    ap.add_argument('--lean-only', action='store_true', help='skip the litellm comparison')
    a = ap.parse_args()
    print(f'python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}', flush=True)
    ok = suite(a.repeat, lean=True)
    if not a.lean_only: suite(a.repeat, lean=False)
    os.environ['RLM_LEAN'] = '1'
    ok.append(thousand())
    sys.exit(0 if all(ok) else 1)
