"Scratch: the TREC questions these scripts label, from `N SEED SPLIT` on the command line"
import random, sys
from pathlib import Path
HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[3]))          # bench/
from rlm.families import COARSE
from subcall_accuracy import load

n, seed, split = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
qs = random.Random(seed).sample(load(split, str(HERE.parents[5] / 'shared' / 'data')), n)
labels, truth = list(COARSE.values()), [l for _, l in qs]
