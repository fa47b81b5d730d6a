"""How well the sub-model labels single TREC questions through `llm_classify`: this bounds every OOLONG-like score.

    python bench/subcall_accuracy.py [--model local] [--n 100] [--data ../shared/data]

Prints accuracy and seconds per question: zero-shot, with examples the sub-model writes itself (`examples='auto'`), and with one real example question per label (from the training split)."""
import argparse, random, time
from pathlib import Path
from rlm.tools import prep_shell
from rlm.families import COARSE, data_dir

def load(split, data):
    d = data_dir(data, 'trec_qc/train.txt', 'oolong') / 'trec_qc' / f'{split}.txt'
    rows = []
    for line in d.read_text(encoding='latin-1').splitlines():
        if ' ' in line:
            code, q = line.split(' ', 1); rows.append((q.strip(), COARSE[code.split(':')[0]]))
    return rows

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--model', default='local'); ap.add_argument('--n', type=int, default=100)
    ap.add_argument('--data', default=str(Path(__file__).resolve().parents[2] / 'shared' / 'data')); a = ap.parse_args()
    test = random.Random(0).sample(load('test', a.data), a.n)
    train, labels = load('train', a.data), list(COARSE.values())
    shots = [next((q, l) for q, l in train if l == lab) for lab in labels]
    with prep_shell(None, model=a.model) as sh:
        env = sh.env
        for name, ex in (('zero-shot', None), ('examples written by the sub-model', 'auto'), ('one real example per label', shots)):
            t = time.monotonic()
            got = env.llm_classify([q for q, _ in test], labels, '', ex)
            secs = time.monotonic() - t
            acc = sum(g == l for g, (_, l) in zip(got, test)) / len(test)
            print(f'{a.model} {name}: accuracy {acc:.2f} on {len(test)} TREC test questions, {secs/len(test):.2f} s per question, '
                  f'{env.meter.total.calls} calls so far', flush=True)

if __name__ == '__main__': main()
