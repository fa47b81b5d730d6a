"Ray executor: bench tasks on a two-node Ray test cluster give the local executor's records and run on both nodes."
import re, sys
from pathlib import Path
import pytest
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # this checkout's rlm, for the driver and (via ray_env) the workers
ray = pytest.importorskip('ray', reason='Ray is the optional extra rlm[ray]')
from ray.cluster_utils import Cluster
from rlm.testing import ScriptedServer, tool_call, is_root
from rlm.bench import run_tasks, ray_env

SEARCH = tool_call("import re\nm = re.search(r'special magic numbers? for [\\w-]+ is: (\\d+)', context)\nFINAL(m.group(1) if m else 'none')")

def model(body):
    "RLM root turns search in code; a plain call reads only 20,000 characters"
    if is_root(body): return SEARCH
    m = re.search(r'magic numbers? for [\w-]+ is: (\d+)', body['messages'][-1]['content'][:20_000])
    return m.group(1) if m else 'not found'

def same(r): return {k: v for k, v in r.items() if k not in ('seconds', 'node', '_log')}

def test_two_node_cluster():
    small = dict(num_cpus=1, object_store_memory=80 * 2**20, include_dashboard=False)
    srv, cluster = ScriptedServer(model, latency=0.3), Cluster(initialize_head=True, head_node_args=small)
    try:
        cluster.add_node(**{k: v for k, v in small.items() if k != 'include_dashboard'})
        ray.init(address=cluster.address, runtime_env=ray_env(), log_to_driver=False)
        specs = [dict(family='sniah', size=60_000, seed=s, model=srv.llm_model, method=m, base_url=srv.base_url, api_key='x',
                      rlm_kw={'protocol': 'tools'}) for s in range(2) for m in ('rlm', 'vanilla')]
        on_ray = run_tasks(specs, executor='ray')
        nodes = {n['NodeID'] for n in ray.nodes() if n['Alive']}
        local = run_tasks(specs)
    finally:
        ray.shutdown(); cluster.shutdown(); srv.close()
    assert [same(r) for r in on_ray] == [same(r) for r in local]
    assert [r['score'] for r in on_ray if r['method'] == 'rlm'] == [1.0, 1.0]
    assert len(nodes) == 2 and {r['node'] for r in on_ray} == nodes     # tasks ran on both nodes
