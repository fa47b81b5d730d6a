"""The quality run on the embedded model, in order of importance, into one results folder, with one summary and plot over all of it.

    python bench/local_quality.py [--out bench/results/local] [--data ../shared/data] [--n 5] [--first-seed 0] [--cells K | --only "multihop:8000:rlm,vanilla logs:8000"]

Each cell is `rlm bench`'s grid (the same tasks, scorers and per-task time limits); an interrupted run resumes."""
import argparse, sys
from pathlib import Path
from rlm.bench import bench, load_results, summary, plot

CELLS = [('multihop', 8_000, 'rlm,vanilla'), ('oolong', 8_000, 'rlm,vanilla'), ('multihop', 100_000, 'rlm,vanilla'),
         ('sniah', 100_000, 'rlm,vanilla'), ('logs', 8_000, 'rlm,vanilla'), ('multihop', 8_000, 'router'), ('sniah', 8_000, 'rlm,vanilla'),
         ('pairs', 8_000, 'rlm,vanilla'), ('logs', 100_000, 'rlm'), ('oolong', 100_000, 'rlm'), ('sniah', 1_000_000, 'rlm')]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default='bench/results/local'); ap.add_argument('--data', default=str(Path(__file__).resolve().parents[2]/'shared'/'data'))
    ap.add_argument('--n', type=int, default=5); ap.add_argument('--cells', type=int, default=len(CELLS))
    ap.add_argument('--first-seed', type=int, default=0); ap.add_argument('--only', default='', help='"FAMILY:SIZE[:METHODS] ...": these cells of the grid, in its order')
    a = ap.parse_args()
    only = [c.split(':') for c in a.only.split(';' if ';' in a.only else ' ') if c]
    picks = lambda cell, o: [cell[0], str(cell[1])] == o[:2] and set(o[2:] and o[2].split(',')) <= set(cell[2].split(','))
    unknown = [o for o in only if not any(picks(c, o) for c in CELLS)]
    if unknown: ap.error(f"--only: no such cell {', '.join(':'.join(o) for o in unknown)}; the cells are {' '.join(f'{f}:{s}:{m}' for f, s, m in CELLS)}")
    cells = [(f, s, next(o[2] if o[2:] else m for o in only if picks((f, s, m), o))) for f, s, m in CELLS if any(picks((f, s, m), o) for o in only)] if only else CELLS[:a.cells]
    for fam, size, methods in cells:
        bench([fam], ['local'], [size], a.n, methods.split(','), a.out, data=a.data, first_seed=a.first_seed, max_steps=6,
              rlm_kw={'protocol': 'auto', 'isolation': 'none'})
        recs = load_results(Path(a.out)/'results.jsonl')
        (Path(a.out)/'summary.md').write_text(summary(recs, dict(command='python bench/local_quality.py ' + ' '.join(sys.argv[1:]), n=a.n, first_seed=a.first_seed, max_steps=6,
                                                                  time_limit='per task, sized to the work (see rlm.bench.task_seconds)')))
        plot(recs, Path(a.out)/'score_vs_size.png')

if __name__ == '__main__': main()
