"""Soak `rlm serve`: many concurrent clients against a server whose inner model (scripted, in its own process) is reached
through `faults.FaultProxy` injecting 429s, 500s, hangs and cut connections; some clients hang up mid-stream.

Every request must be answered (200) or refused with a JSON error; none may be a server error of ours (500). The server's
RSS, open files, threads and child processes (kernels) are sampled as the requests go; the first and last windows are compared.

    python bench/soak.py                                   # the issue's shape: 2,000 requests, 32 clients
    python bench/soak.py --requests 600 --clients 32 --window 150
"""
import argparse, json, os, random, statistics, sys, threading, time
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor
sys.path.insert(0, str(Path(__file__).parent))
from faults import FaultProxy, NeedleHandler, needle_script

def proc_stats(pid:int) -> dict:
    "RSS (MB), open files, threads and child processes of `pid`"
    st = dict(l.split(':', 1) for l in Path(f'/proc/{pid}/status').read_text().splitlines() if ':' in l)
    kids = 0
    for p in Path('/proc').iterdir():
        if p.name.isdigit():
            try: kids += Path(p, 'stat').read_text().rsplit(')', 1)[1].split()[1] == str(pid)
            except OSError: pass
    return dict(rss_mb=int(st['VmRSS'].split()[0])/1024, files=len(os.listdir(f'/proc/{pid}/fd')), threads=int(st['Threads']), children=kids)

def one_request(base:str, i:int, disconnect:bool, big:bool) -> tuple:
    "`(kind, status, seconds)` of request `i`: 'ok', 'refused' (a JSON error), 'disconnected' (we hung up), 'bad' (anything else)"
    import httpx
    from rlm.testing import needle_haystack
    secret = str(1000 + i)
    ctx = needle_haystack(10_000, secret=secret, seed=i) + ('\n' + needle_haystack(990_000, secret='0', seed=i, word='other number') if big else '')   # big: ~1 MB body
    body = {'messages': [{'role': 'system', 'content': ctx}, {'role': 'user', 'content': 'What is the magic number?'}], 'stream': disconnect}
    t = time.time()
    try:
        if disconnect:
            with httpx.stream('POST', base + '/chat/completions', json=body, timeout=120) as r:
                for line in r.iter_lines():
                    if line.startswith('data: {"id"'): break      # the first chunk: hang up
            return 'disconnected', r.status_code, time.time()-t
        r = httpx.post(base + '/chat/completions', json=body, timeout=120)
        try: js = r.json()
        except ValueError: return 'bad', r.status_code, time.time()-t
        if r.status_code == 200:
            got = js['choices'][0]['message']['content']
            if got != secret: print(f'wrong answer to request {i}: {got[:200]!r} (expected {secret})', file=sys.stderr, flush=True)
            return ('ok' if got == secret else 'wrong'), 200, time.time()-t
        if r.status_code >= 500: print('server error', r.status_code, json.dumps(js)[:300], file=sys.stderr, flush=True)
        return ('refused' if 'error' in js else 'bad'), r.status_code, time.time()-t
    except Exception as e: return f'client error {type(e).__name__}', 0, time.time()-t

def soak(requests:int, clients:int, p:float, disconnect:float, window:int, isolation:str, timeout:float) -> dict:
    from rlm.serve import ServerProcess
    from rlm.testing import ScriptedProcess
    with ScriptedProcess(NeedleHandler(needle_script())) as inner, FaultProxy(inner.base_url, p, ('429', '500', 'hang', 'cut'), hang=30) as px, \
         ServerProcess(model=inner.llm_model, base_url=px.base_url, protocol='tools', max_runs=clients, isolation=isolation, inner_timeout=timeout,
                       request_timeout=120, env={'OPENAI_API_KEY': 'x'}) as srv:
        rng, samples, out, lock = random.Random(0), [], [], threading.Lock()
        plan = [(i, rng.random() < disconnect, rng.random() < 0.02) for i in range(requests)]
        def job(a):
            r = one_request(srv.base_url, *a)
            with lock:
                out.append(r)
                if len(out) % 50 == 0: samples.append((len(out), proc_stats(srv.proc.pid)))
            return r
        t = time.time()
        with ThreadPoolExecutor(clients) as ex: list(ex.map(job, plan))
        secs = time.time() - t
        time.sleep(2); samples.append((len(out), proc_stats(srv.proc.pid)))
        log = srv.output()
    first = [s for n, s in samples if n <= window] or [samples[0][1]]
    last = [s for n, s in samples if n > requests - window] or [samples[-1][1]]
    avg = lambda ss, k: statistics.mean(s[k] for s in ss)
    lat = sorted(o[2] for o in out if o[0] == 'ok')
    kinds = {}
    for o in out: kinds[f'{o[0]} {o[1]}'] = kinds.get(f'{o[0]} {o[1]}', 0) + 1
    return dict(seconds=round(secs, 1), kinds=kinds, faults=dict(px.counts), p50=lat[len(lat)//2] if lat else None, p99=lat[int(len(lat)*0.99)] if lat else None,
                first={k: round(avg(first, k), 1) for k in first[0]}, last={k: round(avg(last, k), 1) for k in last[0]}, final=samples[-1][1],
                tracebacks=log.count('Traceback'))

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--requests', type=int, default=2000)
    ap.add_argument('--clients', type=int, default=32)
    ap.add_argument('--p', type=float, default=0.2, help='fraction of inner requests given a fault (429, 500, hang, cut)')
    ap.add_argument('--disconnect', type=float, default=0.1, help='fraction of requests whose client hangs up mid-stream')
    ap.add_argument('--window', type=int, default=500, help='requests in the first and last windows compared')
    ap.add_argument('--isolation', default='none')
    ap.add_argument('--timeout', type=float, default=2.0, help='seconds per inner request before it is retried')
    a = ap.parse_args()
    print(f'python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; {a.requests} requests from {a.clients} clients, '
          f'{a.p:.0%} inner faults, {a.disconnect:.0%} disconnecting, isolation={a.isolation}', flush=True)
    r = soak(a.requests, a.clients, a.p, a.disconnect, a.window, a.isolation, a.timeout)
    print(json.dumps(r, indent=1))
    ours = sum(v for k, v in r['kinds'].items() if k.endswith(' 500') or k.startswith(('bad', 'wrong', 'client error')))
    print(f"{r['seconds']}s; p50 {r['p50']:.2f}s p99 {r['p99']:.2f}s over the answered; {ours} server errors of ours or wrong answers; "
          f"first {a.window}: {r['first']}; last {a.window}: {r['last']}; tracebacks in the server's output: {r['tracebacks']}", flush=True)
    sys.exit(0 if ours == 0 and not r['tracebacks'] else 1)
