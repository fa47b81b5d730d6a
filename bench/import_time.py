"""Times `import rlm`, `from rlm import RLM` and `rlm --help`, each in a fresh process (best of N).

Targets (issue 17): `import rlm` <= 0.1 s, `rlm --help` <= 0.3 s. Run: `python bench/import_time.py [--n 5]`.
A benchmark, not a timed test: the figures depend on the machine and its load."""
import argparse, os, shutil, subprocess, sys, time

def best(cmd:list, n:int) -> float:
    "Fastest wall time of `n` runs of `cmd` (seconds); fails loudly if the command fails"
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return min(times)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--n', type=int, default=5, help='runs of each command (the best counts)')
    n = p.parse_args().n
    py = sys.executable
    cli = shutil.which('rlm', path=os.path.dirname(py)) or shutil.which('rlm')
    rows = [('python -c pass (interpreter start)', [py, '-c', 'pass'], None),
            ('import rlm', [py, '-c', 'import rlm'], 0.1),
            ('from rlm import RLM (loads the engine)', [py, '-c', 'from rlm import RLM'], None),
            ('rlm --help', [cli, '--help'] if cli else [py, '-m', 'rlm.cli', '--help'], 0.3)]
    loaded = subprocess.run([py, '-c', 'import sys, rlm; print(int("litellm" in sys.modules))'], capture_output=True, text=True).stdout.strip()
    for what, cmd, target in rows:
        t = best(cmd, n)
        print(f'{what:42} {t:6.3f} s' + (f'   target <= {target} s: {"ok" if t <= target else "OVER"}' if target else ''))
    print(f'litellm imported by `import rlm`: {"yes" if loaded == "1" else "no"}')

if __name__ == '__main__': main()
