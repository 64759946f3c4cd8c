"""Prints what the work of each task grows with, for the estimates of runs
not made: organisations, contexts, pair visits (the sum over contexts of
deg (deg - 1) / 2: the pairs inside every shared context) and ties of the
organisation network (partner_of and funds, and the pairs of co-members of
each network, counted once per network).
  /usr/bin/python3 pairs.py DATASET_DIR"""
import collections
import os
import sys

from common import _rows, load

folder = sys.argv[1]
orgs, contexts, direct = load(folder)
deg = collections.Counter(c for cs in contexts for c in cs)
is_org = set(orgs)
members = collections.defaultdict(set)
for get in _rows(os.path.join(folder, 'relations.csv')):
    if get('kind').lower() == 'member_of' and get('from') in is_org:
        members[get('to')].add(get('from'))
ties = len(direct) + sum(len(m) * (len(m) - 1) // 2 for m in members.values())
print(len(orgs), len(deg), sum(d * (d - 1) // 2 for d in deg.values()), ties)
