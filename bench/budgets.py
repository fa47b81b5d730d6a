"""Hard budgets under fan-out: RLM runs whose one batch of priced 40,000-character sub-calls would overshoot each limit.

Each run's root asks for `answer = "partial"` and one `llm_query_batched` of W prompts (64 or 256), then FINAL. The limit is
set a little above the root call's own worst case, so the batch starts just under the cap. Printed per limit and width:
the cap, the most any trial spent, how many sub-calls were answered, the stop reason and the answer (`partial` expected).

    python bench/budgets.py              # 5 trials per shape
    python bench/budgets.py --trials 2
"""
import argparse, os, sys, time
from rlm.core import rlm_run
from rlm.llm import get_litellm
from rlm.testing import ScriptedProcess, tool_call, is_root

MODEL, CHUNK = 'priced-bench', 40_000
PRICES = {'input_cost_per_token': 0.15e-6, 'output_cost_per_token': 0.6e-6}   # gpt-4o-mini's

class Script:
    "Root: the turn its conversation is at; sub-calls: a short answer"
    def __init__(self, root): self.root = root
    def __call__(self, body):
        if not is_root(body): return 'seen ' + body['messages'][-1]['content'][:8]
        return self.root[min(sum(m['role'] == 'assistant' for m in body['messages']), len(self.root)-1)]

def script(width:int):
    batch = f'answer = "partial"\nr = llm_query_batched([f"{{i}} " + context[i*100:i*100+{CHUNK}] for i in range({width})])\nprint(len(r))'
    return Script([tool_call(batch), tool_call('FINAL("too late")')])

def one(srv, width:int, **limit) -> tuple:
    "`(spent, subcalls answered, stop reason, answer, seconds)` of one run under `limit`"
    t = time.time()
    res = rlm_run('q?', 'lorem ipsum dolor sit amet ' * (width*4 + CHUNK//20), model=srv.llm_model, base_url=srv.base_url,
                  api_key='x', protocol='tools', max_concurrency=16, **limit)
    name = list(limit)[0]
    spent = {'max_cost': res.usage.cost, 'max_tokens': res.usage.total_tokens, 'max_subcalls': res.usage.calls - 1,
             'max_time': res.seconds}[name]
    return spent, res.usage.calls - 1, res.stop_reason, res.answer, time.time()-t

def shape(width:int, trials:int, latency:float, **limit) -> bool:
    name, cap = next(iter(limit.items()))
    with ScriptedProcess(script(width), model=MODEL, latency=latency) as srv:
        out = [one(srv, width, **limit) for _ in range(trials)]
    worst = max(o[0] for o in out)
    ok = all(o[2] == name and o[3] == 'partial' for o in out) and (worst <= cap if name != 'max_time' else worst - cap <= 1.0)
    over = f'overrun {worst-cap:+.2f}s' if name == 'max_time' else f'{worst/cap:.0%} of the cap'
    print(f'{name:12s} cap {cap:<8g} width {width:3d}: worst spend {worst:.4g} ({over}); sub-calls answered {min(o[1] for o in out)}-{max(o[1] for o in out)}; '
          f'stops {sorted({o[2] for o in out})}; answers {sorted({o[3] for o in out})}: {"PASS" if ok else "FAIL"}', flush=True)
    return ok

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--trials', type=int, default=5)
    a = ap.parse_args()
    get_litellm().register_model({f'openai/{MODEL}': {**PRICES, 'litellm_provider': 'openai', 'mode': 'chat',
                                  'cache_creation_input_token_cost': 0.0, 'cache_read_input_token_cost': 0.0}})
    print(f'python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; {a.trials} trials per shape', flush=True)
    ok = []
    for width in (64, 256):
        ok.append(shape(width, a.trials, 0.05, max_cost=0.02))
        ok.append(shape(width, a.trials, 0.05, max_tokens=60_000))
        ok.append(shape(width, a.trials, 0.05, max_subcalls=40))
        ok.append(shape(width, a.trials, 0.5, max_time=1.5))
    sys.exit(0 if all(ok) else 1)
