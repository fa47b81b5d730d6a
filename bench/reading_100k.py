"""How many passages the sub-model should read when not all that match fit one sub-call: multi-hop QA at 100,000 characters, embedded model alone (no root loop), token F1.

    python bench/reading_100k.py STRATEGIES SEEDS [SIZE] [--data ../shared/data]

    current  every matching passage that fits in 12,000 characters, two hops (about 20; `read_and_answer` before 2026-12-03)
    k8, k12  the 8 or 12 best, two hops (`read_and_answer` now reads the 12 best with the embedded model's room)
    top10    the 10 best, one hop
    fit8     the best that fit in 8,000 characters, one hop

Measured 2026-12-03, seeds 10-17 (bench/results/seeds10-17/strategies-100k.log): k12 0.40, k8 0.37, top10 0.365, fit8 0.318; the loop with `current` scored 0.225."""
import sys, json, time
from pathlib import Path
from rlm.families import make_task, score
from rlm.helpers import search, reading_prompt, _fit, READ_CHARS, as_written
from rlm.llm import Gateway

gw = Gateway(max_retries=2)
ask = lambda p, n=64: gw.text(p, 'local', temperature=0, max_tokens=n)

def current(t):
    hits = search(t.query, 10_000, t.context, hops=1); p = _fit(hits, READ_CHARS)
    return p if len(p) == len(hits) else _fit(search(t.query, len(p), t.context, hops=2), READ_CHARS)

STRATEGIES = dict(current=current, k8=lambda t: search(t.query, 8, t.context, hops=2), k12=lambda t: search(t.query, 12, t.context, hops=2),
                  top10=lambda t: search(t.query, 10, t.context, hops=1), fit8=lambda t: _fit(search(t.query, 10_000, t.context, hops=1), 8_000))

def main():
    args, data = sys.argv[1:], str(Path(__file__).resolve().parents[2]/'shared'/'data')
    if '--data' in args: i = args.index('--data'); data = args[i+1]; del args[i:i+2]
    names, seeds = args[0].split(','), [int(s) for s in args[1].split(',')]
    size = int(args[2]) if len(args) > 2 else 100_000
    tot = {n: [] for n in names}
    for s in seeds:
        t = make_task('multihop', size, s, data); row = dict(seed=s, expected=t.expected)
        for n in names:
            p = STRATEGIES[n](t); t0 = time.monotonic(); a = as_written(ask(reading_prompt(p, t.query)), '\n\n'.join(p))
            sc = score('multihop', a, t.expected)['score']; tot[n].append(sc)
            row[n] = (a[:60], round(sc, 2), len(p), round(time.monotonic() - t0, 1))   # answer, F1, passages read, seconds
        print(json.dumps(row), flush=True)
    print({n: round(sum(x)/len(x), 3) for n, x in tot.items()}, flush=True)

if __name__ == '__main__': main()
