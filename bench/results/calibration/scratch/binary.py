"Scratch: one-vs-rest yes/no per label, calibrated first-token log-probs; per-label counts vs multi-class"
import time, json
from questions import n, seed, split, qs, labels
from rlm.tools import prep_shell, LOGPROBS, CLASSIFY_HINT as HINT
from rlm.helpers import label_shares, lean, CONTENT_FREE
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
