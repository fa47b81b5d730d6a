"""The quality run on the embedded model, in order of importance, into one results folder, with one summary and plot over all of it.

    python bench/local_quality.py [--out bench/results/local] [--data ../shared/data] [--n 5]

Each cell is `rlm bench`'s grid (the same tasks, scorers and per-task time limits); an interrupted run resumes."""
import argparse
from pathlib import Path
from rlm.bench import bench, load_results, summary, plot

CELLS = [('multihop', 8_000, 'rlm,vanilla'), ('oolong', 8_000, 'rlm,vanilla'), ('multihop', 100_000, 'rlm,vanilla'),
         ('sniah', 100_000, 'rlm,vanilla'), ('logs', 8_000, 'rlm,vanilla'), ('multihop', 8_000, 'router'), ('sniah', 8_000, 'rlm,vanilla'),
         ('pairs', 8_000, 'rlm,vanilla'), ('logs', 100_000, 'rlm'), ('oolong', 100_000, 'rlm')]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default='bench/results/local'); ap.add_argument('--data', default=str(Path(__file__).resolve().parents[2]/'shared'/'data'))
    ap.add_argument('--n', type=int, default=5); ap.add_argument('--cells', type=int, default=len(CELLS)); a = ap.parse_args()
    for fam, size, methods in CELLS[:a.cells]:
        bench([fam], ['local'], [size], a.n, methods.split(','), a.out, data=a.data, max_steps=6, rlm_kw={'protocol': 'auto', 'isolation': 'none'})
        recs = load_results(Path(a.out)/'results.jsonl')
        (Path(a.out)/'summary.md').write_text(summary(recs, dict(command='python bench/local_quality.py', n=a.n, max_steps=6,
                                                                  time_limit='per task, sized to the work (see rlm.bench.task_seconds)')))
        plot(recs, Path(a.out)/'score_vs_size.png')

if __name__ == '__main__': main()
