"Scratch: label by the kind of answer each question asks for (free text), kinds labelled once each"
import collections, time
from questions import n, qs, labels, truth
from rlm.tools import prep_shell
from rlm.helpers import label_grammar, snap_label
from classify_calibration import count_score
KIND = "What kind of thing does this text ask about or ask for? Reply with a short noun phrase of one to three words, nothing else.\n\nText: {}\nKind:"
with prep_shell(None, model='local') as sh:
    t = time.monotonic()
    kinds = sh.env._batch([KIND.format(q) for q, _ in qs], None, max_tokens=8, temperature=0)
    kinds = [k.strip().splitlines()[0].strip().strip('.').lower() if k.strip() else '' for k in kinds]
    t1 = time.monotonic() - t
    print(f'kinds: {len(set(kinds))} distinct, {t1/n:.2f} s per question', flush=True)
    for k, (q, l) in list(zip(kinds, qs))[:40]: print(f'  {l[:12]:12} | {k:25} | {q[:70]}')
    # A: label each distinct kind
    uk = sorted(set(kinds))
    pre = f"Classify the kind of answer into exactly one of these labels: {', '.join(labels)}. Reply with the label only."
    got = sh.env._batch([f'{pre}\n\nKind of answer: {k}\nLabel:' for k in uk], None, max_tokens=16, temperature=0, grammar=label_grammar(labels))
    lab = {k: snap_label(g, labels) for k, g in zip(uk, got)}
    predA = [lab[k] for k in kinds]
    acc = sum(g == l for g, l in zip(predA, truth)) / n
    print(f'A kinds->labels: accuracy {acc:.2f}, sim {count_score(predA, truth, labels):.2f}, {time.monotonic()-t:.0f}s; counts {dict(collections.Counter(predA))}', flush=True)
    # B: item with its kind, via llm_classify calibrated
    items = [f'{q} (asks for: {k})' for (q, _), k in zip(qs, kinds)]
    predB = sh.env.llm_classify(items, labels, calibrate=True)
    acc = sum(g == l for g, l in zip(predB, truth)) / n
    print(f'B item+kind calibrated: accuracy {acc:.2f}, sim {count_score(predB, truth, labels):.2f}; counts {dict(collections.Counter(predB))}', flush=True)
    predC = sh.env.llm_classify(items, labels)
    acc = sum(g == l for g, l in zip(predC, truth)) / n
    print(f'C item+kind grammar: accuracy {acc:.2f}, sim {count_score(predC, truth, labels):.2f}; counts {dict(collections.Counter(predC))}', flush=True)
    conf = collections.Counter(zip(truth, predA))
    for (t_, p), c in sorted(conf.items()): 
        if t_ != p: print('   A miss', t_, '->', p, c)
