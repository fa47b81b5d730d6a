"Scratch: reads the shares `binary.py` wrote (a JSON file) and prints counts, accuracy and simulated count scores, raw and calibrated"
import json, random, sys, collections
from rlm.families import oolong_metrics
d = json.load(open(sys.argv[1])); qs, out = d['qs'], d['out']
labels = list(out); truth = [l for _, l in qs]; n = len(qs)
def probs(l, calib=True):
    ly, ln = out[l]['lean'] if calib and out[l]['lean'] else (1, 1)
    res = []
    for s in out[l]['shares']:
        if not s: res.append(0.5); continue
        a, b = s[0] / max(ly, .01), s[1] / max(ln, .01)
        res.append(a / (a + b))
    return res
def sim(countfn, draws=400, size=83, seed=0):
    r, tot = random.Random(seed), 0.0
    for _ in range(draws):
        pick, lab = [r.randrange(n) for _ in range(size)], r.choice(labels)
        tot += oolong_metrics(str(round(countfn(lab, pick))), str(sum(truth[i] == lab for i in pick)))['score']
    return tot / draws
for calib in (False, True):
    P = {l: probs(l, calib) for l in labels}
    print('calibrated' if calib else 'raw', {l: (round(sum(p > .5 for p in P[l])), round(sum(P[l]),1), truth.count(l)) for l in labels})
    arg = [max(labels, key=lambda l: P[l][i]) for i in range(n)]
    print('  argmax accuracy', sum(a == t for a, t in zip(arg, truth)) / n, collections.Counter(arg))
    print('  sim threshold', round(sim(lambda lab, pick: sum(P[lab][i] > .5 for i in pick)), 3),
          ' sim sum', round(sim(lambda lab, pick: sum(P[lab][i] for i in pick)), 3),
          ' sim argmax', round(sim(lambda lab, pick: sum(arg[i] == lab for i in pick)), 3))
    for l in labels:
        tp = sum(P[l][i] > .5 and truth[i] == l for i in range(n)); fp = sum(P[l][i] > .5 and truth[i] != l for i in range(n))
        print(f'   {l[:14]:14} tp {tp} fp {fp} true {truth.count(l)}')
