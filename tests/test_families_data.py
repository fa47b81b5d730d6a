"Benchmark families on the real offline data (TREC, HotpotQA): generators agree with an independent reading of the files."
import os, re, sys, json, collections
from pathlib import Path
import pytest
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from rlm.families import make_task, score, trec, hotpot, pair_set, qa_metrics, COARSE, HOTPOT

DATA = Path(os.environ.get('RLM_DATA') or ROOT.parent/'shared'/'data')   # <repo>/../shared/data, or $RLM_DATA
pytestmark = pytest.mark.skipif(not (DATA/'trec_qc'/'train.txt').exists() or not (DATA/HOTPOT).exists(),
                                reason=f'offline data not found: set RLM_DATA or put it at <repo>/../shared/data (looked in {DATA})')

def labels_by_question():
    "question -> set of coarse label names, read straight from the TREC files"
    out = collections.defaultdict(set)
    for f in ('train.txt', 'test.txt'):
        for line in (DATA/'trec_qc'/f).read_text(encoding='latin-1').splitlines():
            code, q = line.split(' ', 1); out[q.strip()].add(COARSE[code.split(':')[0]])
    return out

def test_trec():
    rows = trec(DATA)
    assert len(rows) == 5452 + 500
    assert {l for _, l in rows} == set(COARSE.values())

def test_oolong_counts():
    lab = labels_by_question()
    for size, seed in ((8_000, 0), (100_000, 1), (1_000_000, 2)):
        t = make_task('oolong', size, seed, DATA)
        label = re.search(r"classified as '(.+?)'", t.query).group(1)
        qs = [l.split(' || Instance: ', 1)[1] for l in t.context.splitlines()]
        assert all(len(lab[q]) == 1 for q in qs) or pytest.skip('a question with two labels was drawn')
        assert int(t.expected) == sum(lab[q] == {label} for q in qs) > 0
        assert size <= len(t.context) < size + 300
        assert score('oolong', f'{t.expected}', t.expected)['score'] == 1.0

def test_pairs():
    lab = labels_by_question()
    t = make_task('pairs', 100_000, 3, DATA)
    label = re.search(r"labelled '(.+?)'", t.query).group(1)
    per = collections.defaultdict(collections.Counter)
    for l in t.context.splitlines():
        u, q = re.search(r'User: (\d+) \|\| Instance: (.+)$', l).groups()
        per[int(u)][next(iter(lab[q]))] += 1
    qual = sorted(u for u, c in per.items() if all(c[label] > n for k, n in c.items() if k != label))
    assert pair_set(t.expected) == {(a, b) for i, a in enumerate(qual) for b in qual[i+1:]} and len(qual) >= 3
    assert 0 < score('pairs', t.expected.split('), ')[0] + ')', t.expected)['score'] < 1

def test_multihop():
    recs = hotpot(DATA)
    assert len(recs) == 3000
    for size in (8_000, 1_000_000):
        t = make_task('multihop', size, 5, DATA)
        rec = next(r for r in recs if t.query.startswith(r['question']))
        assert t.expected == rec['answer']
        assert all(f"{title}\n" in t.context for title, _ in rec['supporting_facts'])
        assert len(t.context) >= size
    assert qa_metrics('The Eiffel Tower', 'eiffel tower') == {'score': 1.0, 'em': 1.0}

def test_ten_million_characters():
    t = make_task('oolong', 10_000_000, 0, DATA)
    assert len(t.context) >= 10_000_000 and int(t.expected) > 0

def test_bench_all_families(tmp_path):
    "`rlm bench` over every family at two sizes on the scripted server: every task answered or skipped for the window, and scored"
    from rlm.testing import ScriptedServer, tool_call, is_root
    from rlm.cli import main
    def model(body):      # root: answers from the REPL (the context's first line); plain calls: a fixed reply
        return tool_call("FINAL(context.splitlines()[0][:80])") if is_root(body) else 'The answer is 3.'
    with ScriptedServer(model) as srv:
        code = main(['bench', 'sniah', 'oolong', 'pairs', 'multihop', 'logs', '--model', srv.llm_model, '--base-url', srv.base_url,
                     '--api-key', 'x', '--protocol', 'tools', '--sizes', '8000,100000', '-n', '1', '--window', '8192',
                     '--data', str(DATA), '--out', str(tmp_path/'b'), '--quiet'])
    recs = [json.loads(l) for l in (tmp_path/'b'/'results.jsonl').read_text().splitlines()]
    assert code == 0 and len(recs) == 5 * 2 * 2
    for r in recs:
        want = 'skipped: window' if (r['method'], r['size']) == ('vanilla', 100_000) else 'final'
        assert r['stop_reason'] == want and 0 <= r['score'] <= 1, r
    ool = next(r for r in recs if (r['family'], r['method'], r['size']) == ('oolong', 'vanilla', 8000))
    assert ool['score'] == 0.75 ** abs(int(ool['expected']) - 3)      # the plain reply "3", scored by OOLONG's rule
    summ = (tmp_path/'b'/'summary.md').read_text()
    assert all(f'| {f} | 100,000 |' in summ for f in ('sniah', 'oolong', 'pairs', 'multihop', 'logs'))
