"`rlm mcp --http PORT`: the MCP SDK's client reaches `ask` over streamable HTTP on loopback (stdio is tested in nbs/14_mcp.ipynb)"
import asyncio, socket, subprocess, sys, time
import mcp
from rlm.testing import ScriptedServer, RLMScript

def _free_port() -> int:
    s = socket.socket(); s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]; s.close()
    return port

def test_ask_over_streamable_http():
    port = _free_port()
    with ScriptedServer(RLMScript(['FINAL(ok)'])) as srv:
        p = subprocess.Popen([sys.executable, '-m', 'rlm.mcp', '--model', srv.llm_model, '--base-url', srv.base_url, '--api-key', 'x',
                              '--protocol', 'text', '--http', str(port)], stderr=subprocess.DEVNULL)
        try:
            for _ in range(150):
                try: socket.create_connection(('127.0.0.1', port), 0.2).close(); break
                except OSError: time.sleep(0.2)
            async def go():
                async with mcp.Client(f'http://127.0.0.1:{port}/mcp') as c:
                    names = [t.name for t in (await c.list_tools()).tools]
                    return names, await c.call_tool('ask', {'question': 'q', 'text': 'hello'})
            names, r = asyncio.run(go())
        finally: p.terminate(); p.wait(10)
    assert names == ['ask']
    assert not r.is_error and r.content[0].text == 'ok' and r.structured_content['stop_reason'] == 'final'
    assert r.structured_content['usage']['calls'] == 1
