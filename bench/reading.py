"""How the sub-model reads found passages, on the embedded model alone (no root loop): multi-hop QA at 8,000 characters, token F1.

    python bench/reading.py [STRATEGIES] [SEEDS] [--data ../shared/data]

    plain      the whole context, then the question (the bench's plain call)
    instructed the 6 best passages (two hops), best first, under "Answer the question from these passages" (the old recipe)
    best_last  the 8 best passages (two hops), best last, then the question, as a plain call reads its text (`read_and_answer`)
    all_ranked every passage that shares a word with the question, ranked, best last (the whole text when it fits, reordered)
    bridged_last as all_ranked, but the passages whose heading the best two name read last, after them (`read_and_answer` since 2026-12-07)
    explained  as all_ranked, but the sub-model first explains which facts answer the question (up to 200 tokens), then a short
               second call takes the answer from its notes (tried for `read_and_answer`, not kept: see bench/results/reading/README.md)

Measured 2026-12-02, seeds 10-17: instructed 0.12, best_last 0.55, plain 0.39 (the bench's plain rows on the same seeds).
Measured 2026-12-07, seeds 0-4 and 10-17: all_ranked 0.571, explained 0.644 (in the loop, seeds 0-4: explained 0.40, against 0.80).
Measured 2026-12-07, seeds 0-22: bridged_last 0.567, all_ranked 0.475 (seeds 5-9 and 18-22 run that day for all_ranked)."""
import sys, json, time
from pathlib import Path
from rlm.families import make_task, score
from rlm.helpers import search, reading_prompt, bridged
from rlm.core import PLAIN_PROMPT
from rlm.llm import Gateway

gw = Gateway(max_retries=2)
EXPLAIN = '{context}\n\nQuestion: {query}\nExplain in two or three sentences which facts of the text above answer the question, and what the answer is.'
EXTRACT = 'Question: {query}\nNotes: {notes}\nFrom the notes, write only the answer to the question, as briefly as possible.'
explaining = lambda t: EXPLAIN.format(context='\n\n'.join(reversed(search(t.query, 1000, t.context))), query=t.query)
ask = lambda p, n=64: gw.text(p, 'local', temperature=0, max_tokens=n)
STRATEGIES = dict(
    plain=lambda t: ask(PLAIN_PROMPT.format(context=t.context, query=t.query), 128),
    instructed=lambda t: ask("Answer the question from these passages. Reply with a short phrase only.\n\n" + "\n\n".join(search(t.query, 6, t.context, hops=2)) + "\n\nQuestion: " + t.query),
    best_last=lambda t: ask(reading_prompt(search(t.query, 8, t.context, hops=2), t.query)),
    all_ranked=lambda t: ask(reading_prompt(search(t.query, 1000, t.context), t.query), 128),
    bridged_last=lambda t: ask(reading_prompt(bridged(search(t.query, 1000, t.context)), t.query), 128),
    explained=lambda t: ask(EXTRACT.format(query=t.query, notes=ask(explaining(t), 200)), 40))

def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    data = sys.argv[sys.argv.index('--data')+1] if '--data' in sys.argv else str(Path(__file__).resolve().parents[2]/'shared'/'data')
    names = (args[0] if args else 'instructed,best_last,plain').split(',')
    seeds = [int(s) for s in (args[1] if len(args) > 1 else '10,11,12,13,14,15,16,17').split(',')]
    for name in names:
        scores = []
        for s in seeds:
            t, t0 = make_task('multihop', 8000, s, data), time.monotonic()
            a = STRATEGIES[name](t); scores.append(score('multihop', a, t.expected)['score'])
            print(json.dumps(dict(strategy=name, seed=s, score=round(scores[-1], 2), answer=a[:100], expected=t.expected, seconds=round(time.monotonic()-t0, 1))), flush=True)
        print(f'{name}: mean token F1 {sum(scores)/len(scores):.3f} over {len(seeds)} seeds', flush=True)

if __name__ == '__main__': main()
