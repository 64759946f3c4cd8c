"""Prints what the synergy work grows with, for estimates of runs not made:
organisations, contexts, and pair visits (the sum over contexts of
deg (deg - 1) / 2, the pairs inside every shared context).
  /usr/bin/python3 pairs.py DATASET_DIR"""
import collections
import sys

from common import load

orgs, contexts, direct = load(sys.argv[1])
deg = collections.Counter(c for cs in contexts for c in cs)
print(len(orgs), len(deg), sum(d * (d - 1) // 2 for d in deg.values()))
