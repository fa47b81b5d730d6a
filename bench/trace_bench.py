"""What the event log costs: wall-time overhead of `log=` on a 64-sub-call run, and log sizes.

1. `bench/subcalls.py`'s run (look, one batch of 64 sub-calls, FINAL) at 0 ms latency, with the log off and on,
   interleaved, best and median of --repeat runs each; the issue's bound is <= 5% overhead.
2. A scripted run over a 2,000,000-character needle context (split into chunks, one batch of sub-calls, FINAL):
   the log's size, and how it grows with the number of sub-calls (the context itself is never logged).

    python bench/trace_bench.py              # the issue's figures
    python bench/trace_bench.py --repeat 3   # quicker
"""
import argparse, gc, os, statistics, sys, tempfile, time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from subcalls import one_run
from rlm.core import rlm_run
from rlm.testing import ScriptedServer, RLMScript, tool_call, needle_haystack
from rlm.trace import load_trace

def timed(n:int, log:str|None) -> float:
    "Wall seconds of one 64-sub-call run at 0 ms latency, logging to `log` (None: off)"
    gc.collect()
    if log and os.path.exists(log): os.remove(log)
    secs, res, srv = one_run(n, 0.0, **({'log': log} if log else {}))
    if log: assert len(load_trace(log).subcalls) == n
    return secs

def overhead(n:int, repeat:int) -> bool:
    "Log off vs on, interleaved; print best and median of each and the overhead"
    log = os.path.join(tempfile.mkdtemp(), 'run.jsonl')
    off, on = [], []
    for _ in range(repeat): off.append(timed(n, None)); on.append(timed(n, log))
    b0, b1, m0, m1 = min(off), min(on), statistics.median(off), statistics.median(on)
    ok = (b1 - b0) / b0 <= 0.05
    print(f'{n} sub-calls @ 0 ms, {repeat} runs each: log off best {b0:.3f}s median {m0:.3f}s; log on best {b1:.3f}s median {m1:.3f}s; '
          f'overhead best {100*(b1-b0)/b0:+.1f}%, median {100*(m1-m0)/m0:+.1f}% (bound <= 5%: {"PASS" if ok else "MISS"}); '
          f'log {os.path.getsize(log):,} bytes', flush=True)
    return ok

def needle_script(chunks:int) -> RLMScript:
    "Root: look, ask each of `chunks` chunks for the number in one batch, FINAL the one that was found"
    return RLMScript([tool_call('print(len(context), context[:200])'),
                      tool_call(f'n = len(context)//{chunks} + 1\nparts = [context[i*n:(i+1)*n] for i in range({chunks})]\n'
                                'r = llm_query_batched([f"What is the magic number in this text? Answer NONE if absent.\\n{p}" for p in parts])\n'
                                'found = [a for a in r if a != "NONE"]\nprint(found)'),
                      tool_call('FINAL(found[0])')],
                     sub=lambda p: '7261' if 'magic number is 7261' in p else 'NONE')

def needle_log(chunks:int, context:str) -> int:
    "Bytes of the log of one scripted needle run with `chunks` sub-calls"
    log = os.path.join(tempfile.mkdtemp(), 'needle.jsonl')
    with ScriptedServer(needle_script(chunks)) as srv:
        res = rlm_run('What is the magic number?', context, model=srv.llm_model, base_url=srv.base_url, api_key='x', protocol='tools', log=log)
    assert res.answer == '7261', res.answer
    tr = load_trace(log)
    assert len(tr.subcalls) == chunks and tr.usage.calls == srv.calls
    return os.path.getsize(log)

def log_sizes() -> bool:
    "The 2,000,000-character needle run's log size, for 20 and 40 sub-calls"
    ctx = needle_haystack(2_000_000)
    s20, s40 = needle_log(20, ctx), needle_log(40, ctx)
    print(f'needle run over {len(ctx):,} characters: log {s20:,} bytes with 20 sub-calls, {s40:,} bytes with 40 '
          f'({(s40-s20)/20:,.0f} bytes per added sub-call; {s20/len(ctx):.2%} of the context)', flush=True)
    return s20 < 200_000

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--repeat', type=int, default=7)
    a = ap.parse_args()
    print(f'python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}', flush=True)
    one_run(8, 0.0)   # warm-up: imports, first connection
    ok = [overhead(64, a.repeat), log_sizes()]
    sys.exit(0 if all(ok) else 1)
