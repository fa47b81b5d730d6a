"Scratch: made examples kept only when the classifier, shown the set's other examples, gives them their own label"
import collections, random, sys, time
from pathlib import Path
HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[3]))          # bench/
from fastcore.all import patch
from rlm.tools import prep_shell, RLMEnv, classify_prefix, classify_prompt, CLASSIFY_HINT
from rlm.helpers import label_grammar, snap_label
from rlm.families import COARSE
from subcall_accuracy import load
from classify_calibration import count_score

n, seed, split, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
qs = random.Random(seed).sample(load(split, str(HERE.parents[5] / 'shared' / 'data')), n)
labels, truth = list(COARSE.values()), [l for _, l in qs]
orig = RLMEnv._made_examples
@patch
def _made_examples(self:RLMEnv, items, labels, instruction='', model=None, sets=1):
    made = orig(self, items, labels, instruction, model, sets)
    for s in made: print('  made', [(l[:8], t[:60]) for t, l in s], flush=True)
    if mode == 'off': return made
    prompts, where = [], []
    for j, s in enumerate(made):
        for k, (t, l) in enumerate(s):
            prompts.append(classify_prompt(classify_prefix(labels, instruction, [e for e in s if e[0] != t]), t)); where.append((j, k))
    got = self._batch(prompts, model, max_tokens=16, temperature=0, grammar=label_grammar(labels))
    bad = {w for w, g in zip(where, got) if snap_label(g, labels) != made[w[0]][w[1]][1]}
    out = [[e for k, e in enumerate(s) if (j, k) not in bad] for j, s in enumerate(made)]
    print('  dropped', [(made[j][k][1][:8], made[j][k][0][:50], snap_label(g, labels)[:8]) for (j, k), g in zip(where, got) if (j, k) in bad], flush=True)
    return out
with prep_shell(None, model='local') as sh:
    t = time.monotonic()
    got = sh.env.llm_classify([q for q, _ in qs], labels, examples='auto', votes=3)
    acc = sum(g == l for g, l in zip(got, truth)) / n
    print(f'{mode}: accuracy {acc:.2f}, sim {count_score(got, truth, labels):.2f}, {sh.env.meter.total.calls} calls, {time.monotonic()-t:.0f}s; counts {dict(collections.Counter(got))}', flush=True)
