#!/usr/bin/env python
"""Render nbs/index.ipynb to README.md without Quarto (nbdev-readme needs it).
`python .ci/readme.py` writes README.md; `--check` exits 1 if README.md is stale."""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def directives(src): return {m.group(1) for m in re.finditer(r'^#\|\s*([\w-]+)', src, re.M)}
def strip_directives(src): return '\n'.join(l for l in src.splitlines() if not l.startswith('#|')).strip()

def outputs_md(outs):
    "Stream text and plain-text results of a cell, as one fenced block"
    text = []
    for o in outs:
        if o.get('output_type') == 'stream': text.append(''.join(o['text']))
        elif 'data' in o and 'text/plain' in o['data']: text.append(''.join(o['data']['text/plain']))
    body = ''.join(text).rstrip()
    return f'\n```\n{body}\n```' if body else ''

def render(nb):
    parts = []
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown': parts.append(src.strip()); continue
        d = directives(src)
        if 'hide' in d or 'export' in d or not strip_directives(src): continue
        parts.append(f'```python\n{strip_directives(src)}\n```' + outputs_md(c.get('outputs', [])))
    return '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    md = render(json.loads((ROOT/'nbs/index.ipynb').read_text()))
    readme = ROOT/'README.md'
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text() != md: sys.exit('README.md is stale: run python .ci/readme.py')
    else: readme.write_text(md)
