"Gateway under faults of every kind `bench/faults.py` injects, on the lean path and through litellm, and hard budgets under fan-out"
import os, sys, time
from pathlib import Path
import pytest
sys.path.insert(0, str(Path(__file__).parents[1]/'bench'))
from faults import FaultProxy, KINDS
from rlm.llm import Gateway, Meter, BudgetExceeded, get_litellm, make_gateway
from rlm.events import Tracer
from rlm.testing import ScriptedServer

@pytest.fixture(scope='module')
def srv():
    s = ScriptedServer(lambda body: body['messages'][-1]['content'].upper())
    yield s
    s.close()

@pytest.mark.parametrize('lean', [True, False])
@pytest.mark.parametrize('kind', KINDS)
def test_each_fault_is_retried(srv, kind, lean, monkeypatch):
    "One request in two gets `kind`: every call still answers, and the retries are events"
    monkeypatch.setenv('RLM_LEAN', '1' if lean else '0')
    with FaultProxy(srv.base_url, p=0.5, kinds=[kind], hang=3, seed=1) as px:
        gw = Gateway(backoff=0.01, timeout=0.5); gw.tracer = tr = Tracer()
        t = time.time()
        out = [gw.text(f'q{i}', srv.llm_model, px.base_url, 'x') for i in range(6)]
        assert out == [f'Q{i}' for i in range(6)]
        assert px.counts[kind] >= 1 and len([e for e in tr.events if e.type == 'retry']) >= px.counts[kind]
        assert time.time()-t < 6 * (1 + px.counts[kind])     # each fault costs about one timeout, never the 3 s hang twice

def test_timeout_through_rlm_run(srv):
    "`timeout=` on rlm_run reaches the root calls (it used to crash with 'multiple values for keyword argument')"
    from rlm.core import rlm_run
    from rlm.testing import RLMScript, tool_call
    s = ScriptedServer(RLMScript([tool_call('FINAL("done")')]))
    try: assert rlm_run('q?', 'ctx', model=s.llm_model, base_url=s.base_url, api_key='x', protocol='tools', timeout=5).answer == 'done'
    finally: s.close()

def test_budget_at_or_below_zero_is_refused():
    from rlm.core import rlm_run
    for kw in (dict(max_cost=0), dict(max_tokens=-1), dict(max_time=0.0), dict(max_subcalls=0), dict(max_total_steps=0)):
        with pytest.raises(ValueError, match=list(kw)[0]): rlm_run('q?', 'ctx', model='openai/x', base_url='http://127.0.0.1:9', **kw)

@pytest.mark.parametrize('width', [64, 256])
def test_max_cost_never_passed_under_fan_out(width):
    "A batch of `width` priced 40,000-character calls started just under the cap: spend <= cap, every time"
    get_litellm().register_model({'openai/priced-rel2': {'input_cost_per_token': 1e-7, 'output_cost_per_token': 4e-7, 'litellm_provider': 'openai',
                                  'mode': 'chat', 'cache_creation_input_token_cost': 0.0, 'cache_read_input_token_cost': 0.0}})
    s = ScriptedServer(lambda body: 'answer ' * 50, model='priced-rel2', latency=0.02)
    try:
        for trial in range(3):
            gw = make_gateway(max_cost=0.05)
            prompts = [f'{trial} {i}: ' + 'word ' * 8000 for i in range(width)]
            with pytest.raises(BudgetExceeded) as e: gw.batch(prompts, s.llm_model, s.base_url, 'x')
            assert e.value.limit == 'max_cost' and gw.meter.total.cost <= 0.05
            assert sum(a.startswith('answer') for a in e.value.partial) > 0
    finally: s.close()
