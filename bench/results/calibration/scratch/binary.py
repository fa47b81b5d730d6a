"Scratch: one-vs-rest yes/no per label, calibrated first-token log-probs; per-label counts vs multi-class"
import collections, random, sys, time, json
from pathlib import Path
HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[3]))          # bench/
from rlm.tools import prep_shell, LOGPROBS
from rlm.helpers import label_shares, lean, CONTENT_FREE
from rlm.families import COARSE, oolong_metrics
from subcall_accuracy import load

n, seed, split = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
qs = random.Random(seed).sample(load(split, str(HERE.parents[5] / 'shared' / 'data')), n)
labels, truth = list(COARSE.values()), [l for _, l in qs]
HINT = 'Decide what kind of thing the text is about or asks for, and pick the label that names that kind.'
def pre(l): return f"{HINT}\nThe labels are: {', '.join(labels)}.\nDoes the text below belong to the label '{l}'? Answer yes or no."
out = {}
with prep_shell(None, model='local') as sh:
    for l in labels:
        t = time.monotonic()
        texts = [q for q, _ in qs] + list(CONTENT_FREE)
        got = sh.env._batch([f'{pre(l)}\n\nText: {q}\nAnswer:' for q in texts], None, **LOGPROBS)
        sh_ = [label_shares(a, ['yes', 'no']) for a in got]
        out[l] = dict(shares=sh_[:n], lean=lean(sh_[n:]))
        print(l, 'lean', out[l]['lean'], f'{time.monotonic()-t:.0f}s', flush=True)
json.dump(dict(qs=qs, out=out), open(f'/tmp/binary-{n}-{seed}-{split}.json', 'w'))
