"""Needle retrieval with the embedded model: 10 seeded tasks over 1,000,000 characters of real prose.

    python bench/local_needle.py [--tasks 10] [--chars 1000000] [--first-seed 0] [--json results.json]

Target (issue 3): at least 9 of 10 right, median at most 60 s per task on 2 CPU cores.
Per-task seconds exclude the one-time server start, which is reported separately."""
import argparse, json, os, statistics, time
from rlm.families import needle_task, is_right
from rlm.core import rlm_run
from rlm.local import LOCAL_MODEL, local_endpoint, stop_local

def run(tasks=10, chars=1_000_000, first_seed=0, max_steps=8):
    t = time.monotonic(); local_endpoint(); start = time.monotonic() - t
    print(f"server start {start:.1f} s, load average {os.getloadavg()[0]:.2f}, threads {os.environ.get('RLM_LOCAL_THREADS', 'all cores')}", flush=True)
    rows = []
    for seed in range(first_seed, first_seed + tasks):
        ctx, query, expected = needle_task(chars, seed)
        t = time.monotonic()
        r = rlm_run(query, ctx, model=LOCAL_MODEL, max_steps=max_steps)   # small-model prompt, stops, greedy: the defaults for "local"
        row = dict(seed=seed, chars=len(ctx), expected=expected, answer=r.answer, right=is_right(r.answer, expected),
                   steps=r.steps, stop_reason=r.stop_reason, input_tokens=r.usage.input_tokens,
                   output_tokens=r.usage.output_tokens, seconds=round(time.monotonic() - t, 1))
        rows.append(row)
        print(f"seed {seed}: {'RIGHT' if row['right'] else 'WRONG'} answer={r.answer[:60]!r} expected={expected} "
              f"steps={r.steps} tokens={row['input_tokens']}/{row['output_tokens']} {row['seconds']} s", flush=True)
    secs = [r["seconds"] for r in rows]
    summary = dict(right=sum(r["right"] for r in rows), tasks=len(rows), median_s=round(statistics.median(secs), 1),
                   max_s=max(secs), server_start_s=round(start, 1), cpu_count=os.cpu_count(), load_avg_end=round(os.getloadavg()[0], 2))
    print(f"{summary['right']}/{summary['tasks']} right, median {summary['median_s']} s per task (max {summary['max_s']} s)")
    return summary, rows

if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tasks", type=int, default=10)
    p.add_argument("--chars", type=int, default=1_000_000)
    p.add_argument("--first-seed", type=int, default=0)
    p.add_argument("--max-steps", type=int, default=8)
    p.add_argument("--json", help="write the summary and every task here")
    a = p.parse_args()
    try: summary, rows = run(a.tasks, a.chars, a.first_seed, a.max_steps)
    finally: stop_local()
    if a.json:
        with open(a.json, "w") as f: json.dump(dict(summary=summary, tasks=rows), f, indent=1)
