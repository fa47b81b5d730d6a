"""Calibrated labels against the other ways `llm_classify` can label, on TREC questions, through the real helper and model.

    python bench/classify_calibration.py [--model local] [--n 150] [--seed 0] [--split test] [--data ../shared/data]

For each way: accuracy on single questions, a simulated OOLONG-like count score (400 draws of 83 questions with replacement and
one label each, scored 0.75^|counted - true| as the family scores a task), calls, and seconds per question."""
import argparse, collections, random, time
from pathlib import Path
from rlm.tools import prep_shell
from rlm.families import COARSE, oolong_metrics
from subcall_accuracy import load

WAYS = {'zero-shot': dict(), 'zero-shot, calibrated': dict(calibrate=True), "examples='auto', votes=3": dict(examples='auto', votes=3)}

def count_score(pred:list, truth:list, labels:list, draws:int=400, size:int=83, seed:int=0) -> float:
    "Mean OOLONG score (0.75^error) of counting one label over `draws` random sets of `size` items"
    r, idx, total = random.Random(seed), range(len(truth)), 0.0
    for _ in range(draws):
        pick, lab = [r.choice(idx) for _ in range(size)], r.choice(labels)
        total += oolong_metrics(str(sum(pred[i] == lab for i in pick)), str(sum(truth[i] == lab for i in pick)))['score']
    return total / draws

def sampled(n:int, seed:int, split:str) -> tuple:
    "The command line (`--model --n --seed --split --data`, these defaults) and the TREC questions it picks: `(args, questions, labels, true labels)`"
    ap = argparse.ArgumentParser(); ap.add_argument('--model', default='local'); ap.add_argument('--n', type=int, default=n)
    ap.add_argument('--seed', type=int, default=seed); ap.add_argument('--split', default=split)
    ap.add_argument('--data', default=str(Path(__file__).resolve().parents[2] / 'shared' / 'data')); a = ap.parse_args()
    qs = random.Random(a.seed).sample(load(a.split, a.data), a.n)
    return a, qs, list(COARSE.values()), [l for _, l in qs]

def main():
    a, qs, labels, truth = sampled(150, 0, 'test')
    print(f'{a.model}, {a.n} TREC {a.split} questions (random.Random({a.seed})); true counts {dict(collections.Counter(truth))}', flush=True)
    for name, kw in WAYS.items():
        with prep_shell(None, model=a.model) as sh:        # a fresh env each: no answer comes from another way's cache
            t = time.monotonic()
            got = sh.env.llm_classify([q for q, _ in qs], labels, **kw)
            secs, calls = time.monotonic() - t, sh.env.meter.total.calls
        acc = sum(g == l for g, l in zip(got, truth)) / a.n
        print(f'{name}: accuracy {acc:.2f}, simulated count score {count_score(got, truth, labels):.2f}, {calls} calls, '
              f'{secs / a.n:.2f} s per question; counts {dict(collections.Counter(got))}', flush=True)

if __name__ == '__main__': main()
