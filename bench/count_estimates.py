"""Counting labels from calibrated first-token shares: count the argmax labels (what `llm_classify(calibrate=True)` gives), or add up
each item's probabilities ("probabilistic classify and count"), with the lean divided out to the power alpha; on TREC questions,
through the real helper and model. Tried for the counting recipes and not kept (see bench/results/calibration/README.md).

    python bench/count_estimates.py [--model local] [--n 200] [--seed 1] [--split train] [--data ../shared/data]

Prints, per alpha: the simulated OOLONG-like count score of both estimates (1,000 draws of 83 questions with replacement and one
label each, scored 0.75^|counted - true|), single-question accuracy, and the counts over all the questions."""
import collections, random
from rlm.tools import prep_shell, classify_prefix, CLASSIFY_HINT
from classify_calibration import sampled

def shares(model:str, items:list, labels:list) -> tuple:
    "Each item's label shares and the content-free lean, from one batch of one-token calls"
    with prep_shell(None, model=model) as sh: return sh.env._label_shares(items, labels, classify_prefix(labels, CLASSIFY_HINT))

def main():
    a, qs, labels, truth = sampled(200, 1, 'train')
    S, base = shares(a.model, [q for q, _ in qs], labels)
    ok = [i for i, s in enumerate(S) if s]
    print(f'{a.model}, {a.n} TREC {a.split} questions (random.Random({a.seed})), {len(ok)} with log-probs; true counts {dict(collections.Counter(truth))}')
    r = random.Random(0); draws = [([r.choice(ok) for _ in range(83)], r.choice(range(len(labels)))) for _ in range(1000)]
    score = lambda est: sum(0.75 ** abs(est(pick, k) - sum(truth[i] == labels[k] for i in pick)) for pick, k in draws) / len(draws)
    for alpha in (0, 0.5, 0.75, 1.0, 1.25):
        P = {i: [S[i][k] / max(base[k], .01) ** alpha for k in range(len(labels))] for i in ok}
        P = {i: [x / sum(p) for x in p] for i, p in P.items()}
        top = {i: max(range(len(labels)), key=lambda k: P[i][k]) for i in ok}
        cc, pcc = score(lambda pick, k: sum(top[i] == k for i in pick)), score(lambda pick, k: round(sum(P[i][k] for i in pick)))
        acc = sum(labels[top[i]] == truth[i] for i in ok) / len(ok)
        print(f'alpha {alpha}: classify and count {cc:.2f}, probabilistic {pcc:.2f}, accuracy {acc:.2f}; counted {dict(collections.Counter(labels[top[i]] for i in ok))}, '
              f'probabilities add up to {({l: round(sum(P[i][k] for i in ok)) for k, l in enumerate(labels)})}')

if __name__ == '__main__': main()
