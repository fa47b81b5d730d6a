"""Gateway fault tolerance: needle runs through a proxy that injects faults of six kinds into the inner model's answers.

`FaultProxy` sits between the gateway and `rlm.testing.ScriptedProcess` and, at rate `p`, answers a chat request with one of:
429 (with Retry-After), 500, a hang (no answer for `hang` seconds), a cut connection (closed without an answer), a cut-off
200 (the JSON body ends half-way, Content-Length matching what was sent), and a stall (headers and half the body, then
silence). Every run must still answer right.

    python bench/faults.py                  # 200 runs at 30% faults, timeout=2 s
    python bench/faults.py --runs 40 --p 0.3 --kinds hang,cut
"""
import argparse, json, os, random, re, socket, sys, threading, time, http.client
from collections import Counter
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import urlsplit

KINDS = ('429', '500', 'hang', 'cut', 'truncated', 'stall')

class _ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    disable_nagle_algorithm = True
    def log_message(self, *a): pass

    def _raw(self, status:int, data:bytes, length:int|None=None, headers:dict|None=None):
        self.send_response(status)
        hdr = {'Content-Type': 'application/json', 'Content-Length': str(len(data) if length is None else length), **(headers or {})}
        for k, v in hdr.items(): self.send_header(k, v)
        self.end_headers(); self.wfile.write(data); self.wfile.flush()

    def do_GET(self):
        status, data = self.server.owner.forward('GET', self.path, None, {})
        self._raw(status, data)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        px = self.server.owner
        kind = px.pick()
        if kind == '429': return self._raw(429, b'{"error": {"message": "injected 429", "code": 429}}', headers={'Retry-After': '0.05'})
        if kind == '500': return self._raw(500, b'{"error": {"message": "injected 500", "code": 500}}')
        if kind == 'cut': self.close_connection = True; return self.connection.shutdown(socket.SHUT_RDWR)
        if kind == 'hang': time.sleep(px.hang); self.close_connection = True; return
        status, data = px.forward('POST', self.path, body, {'Content-Type': 'application/json'})
        if kind == 'truncated': return self._raw(status, data[:len(data)//2])
        if kind == 'stall':
            self._raw(status, data[:len(data)//2], length=len(data)); time.sleep(px.hang); self.close_connection = True; return
        self._raw(status, data)

class _Server(ThreadingHTTPServer):
    daemon_threads, request_queue_size = True, 2048
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError, OSError)): super().handle_error(request, client_address)

class FaultProxy:
    "An HTTP proxy on 127.0.0.1 in front of `upstream` (a base URL ending in /v1) that injects faults into a fraction `p` of POSTs"
    def __init__(self, upstream:str, p:float=0.3, kinds=KINDS, hang:float=30.0, seed:int=0):
        self.up, self.p, self.kinds, self.hang = urlsplit(upstream), p, tuple(kinds), hang
        self.rng, self.counts, self._lock, self._local = random.Random(seed), Counter(), threading.Lock(), threading.local()
        self.httpd = _Server(('127.0.0.1', 0), _ProxyHandler); self.httpd.owner = self
        self.base_url = f'http://127.0.0.1:{self.httpd.server_address[1]}{self.up.path}'
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def pick(self) -> str|None:
        "The fault for the next request (None: pass it through), counted"
        with self._lock:
            k = self.rng.choice(self.kinds) if self.rng.random() < self.p else None
            self.counts[k or 'ok'] += 1
        return k

    def forward(self, method:str, path:str, body, headers) -> tuple:
        "`(status, body)` of the request sent on to the upstream server (one kept-alive connection per thread)"
        c = getattr(self._local, 'conn', None)
        for attempt in (0, 1):
            if c is None: c = self._local.conn = http.client.HTTPConnection(self.up.hostname, self.up.port, timeout=600)
            try:
                c.request(method, path, body, headers); r = c.getresponse(); return r.status, r.read()
            except (http.client.HTTPException, OSError):
                c.close(); c = self._local.conn = None
                if attempt: raise

    def close(self): self.httpd.shutdown(); self.httpd.server_close()
    def __enter__(self): return self
    def __exit__(self, *a): self.close()

def needle_script():
    "Root: find the needle with a sub-call over each of 4 chunks, then FINAL the answer"
    from rlm.testing import tool_call
    find = ('parts = [context[i*2500:(i+1)*2500+100] for i in range(4)]\n'   # overlapping: a needle on a boundary is in one whole
            'r = llm_query_batched(["Find the magic number: " + p for p in parts])\n'
            'answer = [x for x in r if x.isdigit()]\nprint(r)')
    return [tool_call('print(len(context))'), tool_call(find), tool_call('FINAL(answer[0] if answer else "none")')]

class NeedleHandler:
    "Sub-calls answer the magic number if their chunk holds it, else 'no'; root turns follow the conversation (many runs share it)"
    def __init__(self, root): self.root = root
    def __call__(self, body):
        from rlm.testing import is_root
        if not is_root(body):
            p = body['messages'][-1]['content']
            m = re.search(r'magic number is (\d+)\.', p)      # whole: a chunk that cuts the number short does not hold it
            return m.group(1) if m else 'no'
        return self.root[min(sum(m['role'] == 'assistant' for m in body['messages']), len(self.root)-1)]

def run_many(runs:int, p:float, kinds, timeout:float, hang:float, workers:int=4, lean:bool=True) -> dict:
    "Needle runs through a `FaultProxy`: right answers, stop reasons, faults injected, retries seen, seconds"
    from concurrent.futures import ThreadPoolExecutor
    from rlm.core import rlm_run
    from rlm.llm import make_gateway
    from rlm.testing import ScriptedProcess, needle_haystack
    os.environ['RLM_LEAN'] = '1' if lean else '0'
    with ScriptedProcess(NeedleHandler(needle_script())) as srv, FaultProxy(srv.base_url, p, kinds, hang) as px:
        def one(i):
            secret = str(1000 + i)
            ctx = needle_haystack(10_000, secret=secret, seed=i)
            try:
                res = rlm_run('What is the magic number?', ctx, model=srv.llm_model, base_url=px.base_url, api_key='x', protocol='tools',
                              gateway=make_gateway(timeout=timeout), timeout=timeout)   # the gateway's for sub-calls, the run's for root calls
                retries = sum(getattr(e, 'type', '') == 'retry' for e in res.events)
                return res.answer == secret, res.stop_reason, retries
            except Exception as e: return False, f'{type(e).__name__}: {str(e)[:120]}', 0
        t = time.time()
        with ThreadPoolExecutor(workers) as ex: out = list(ex.map(one, range(runs)))
        return dict(right=sum(o[0] for o in out), runs=runs, stops=Counter(o[1] for o in out), faults=dict(px.counts),
                    retries=sum(o[2] for o in out), seconds=round(time.time()-t, 1))

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', type=int, default=200)
    ap.add_argument('--p', type=float, default=0.3, help='fraction of requests given a fault')
    ap.add_argument('--kinds', default=','.join(KINDS))
    ap.add_argument('--timeout', type=float, default=2.0, help="litellm's timeout= per request, passed to rlm_run")
    ap.add_argument('--hang', type=float, default=30.0, help='seconds a hung or stalled answer stays silent')
    ap.add_argument('--workers', type=int, default=4)
    ap.add_argument('--litellm', action='store_true', help='send through litellm (RLM_LEAN=0) instead of the lean path')
    a = ap.parse_args()
    r = run_many(a.runs, a.p, a.kinds.split(','), a.timeout, a.hang, a.workers, lean=not a.litellm)
    print(f"{'litellm' if a.litellm else 'lean'}: {r['right']}/{r['runs']} right answers at {a.p:.0%} faults ({a.kinds}), timeout={a.timeout:g}s, "
          f"{r['seconds']}s; faults injected {r['faults']}; {r['retries']} retries in the events; stop reasons {dict(r['stops'])}", flush=True)
    sys.exit(0 if r['right'] == r['runs'] else 1)
