#!/usr/bin/python3
"""Compares klaverblad's brokers and communities with python-igraph's on the
organisation network.

  /usr/bin/python3 tests/bench/compare_orgnet.py brokers REFERENCE.csv OTHER.csv
  /usr/bin/python3 tests/bench/compare_orgnet.py communities DATASET_DIR REFERENCE.csv OTHER.csv
      [--same]

Either file may be klaverblad's (`brokers --format csv --top 0`: rank, id,
label, sector, degree, betweenness, ..., then a block saying whether
betweenness is exact, which it must be; `communities --format csv --top 0`:
community, size, sectors, places, members by label) or the peer's
(peers/brokers_igraph.py: id, degree, betweenness, constraint;
peers/communities_igraph.py: id, community, modularity).

brokers: the same organisations; per organisation the same degree, and
betweenness and constraint equal within 1e-9 relative (1e-12 absolute near
0), constraint empty in both for an isolated organisation.

communities: both must be partitions of the same organisations. Leiden starts
from a random stream, and python-igraph's is Python's random module, not
igraph's own generator that klaverblad seeds: the partitions are not
expected to be equal. Both are scored with igraph's modularity on the
weighted organisation network and the two values reported; a partition that
leaves out or repeats an organisation is a difference, and so are other
partitions with --same.

Exit status 0 when equal, 1 when they differ, 2 on bad usage."""
import csv
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'peers'))

REL, ABS = 1e-9, 1e-12


def close(x, y):
    return abs(x - y) <= max(ABS, REL * max(abs(x), abs(y)))


def _table(path):
    with open(path, newline='', encoding='utf-8-sig') as f:
        return list(csv.DictReader(f))


def _blocks(path):
    """The CSV blocks of a file (klaverblad writes one per table, a blank line
    between them), each as a list of row dictionaries."""
    with open(path, newline='', encoding='utf-8-sig') as f:
        text = f.read()
    blocks = [b for b in text.replace('\r\n', '\n').split('\n\n') if b.strip()]
    return [list(csv.DictReader(b.splitlines())) for b in blocks]


def read_brokers(path):
    """{id: (degree, betweenness, constraint or None)}; ValueError when
    klaverblad's second block says betweenness was sampled, not exact."""
    blocks = _blocks(path)
    for block in blocks[1:]:
        if block and block[0].get('method') == 'sampled':
            raise ValueError('betweenness sampled from %s sources, not exact (use --exact)'
                             % block[0]['sources'])
    out = {}
    for r in blocks[0] if blocks else []:
        c = r['constraint'].strip()
        out[r['id']] = (int(r['degree']), float(r['betweenness']), float(c) if c else None)
    return out


def compare_brokers(ref_path, other_path, names=('reference', 'other')):
    na, nb = names
    try:
        a, b = read_brokers(ref_path), read_brokers(other_path)
    except (OSError, KeyError, ValueError) as e:
        return False, 'unreadable: %s' % e
    if set(a) != set(b):
        only = sorted(set(a) ^ set(b), key=str.encode)
        return False, 'differs: %s only in %s' % (only[0], na if only[0] in a else nb)
    first, differ = None, 0
    for i in sorted(a, key=str.encode):
        (da, ba, ca), (db, bb, cb) = a[i], b[i]
        what = None
        if da != db:
            what = 'degree %d, %s %d' % (da, nb, db)
        elif not close(ba, bb):
            what = 'betweenness %.12g, %s %.12g' % (ba, nb, bb)
        elif (ca is None) != (cb is None) or (ca is not None and not close(ca, cb)):
            what = 'constraint %s, %s %s' % (ca, nb, cb)
        if what:
            differ += 1
            first = first or '%s: %s has %s' % (i, na, what)
    if differ:
        return False, 'differs in %d of %d organisations; first: %s' % (differ, len(a), first)
    return True, 'equal (%d organisations: degree, betweenness, constraint)' % len(a)


def read_partition(path, id_of_label):
    """{id: community} from either format."""
    rows = _table(path)
    out = {}
    if rows and 'members' in rows[0]:
        for r in rows:
            for label in r['members'].split('; '):
                if label not in id_of_label:
                    raise ValueError('member %r is no organisation label' % label)
                if id_of_label[label] is None:
                    raise ValueError('label %r names two organisations' % label)
                i = id_of_label[label]
                if i in out:
                    raise ValueError('%s in two communities' % i)
                out[i] = r['community']
    else:
        for r in rows:
            if r['id'] in out:
                raise ValueError('%s listed twice' % r['id'])
            out[r['id']] = r['community']
    return out


def compare_communities(folder, ref_path, other_path, names=('reference', 'other'),
                        same=False):
    """Returns (ok, message); with same=True the partitions must be equal."""
    import igraph as ig
    from common import load_orgnet
    na, nb = names
    orgs, labels, ties = load_orgnet(folder)
    id_of_label = {}
    for o, lab in zip(orgs, labels):
        id_of_label[lab] = None if lab in id_of_label else o
    try:
        a = read_partition(ref_path, id_of_label)
        b = read_partition(other_path, id_of_label)
    except (OSError, KeyError, ValueError) as e:
        return False, 'unreadable: %s' % e
    for p, name in ((a, na), (b, nb)):
        if set(p) != set(orgs):
            miss = sorted(set(orgs) ^ set(p), key=str.encode)[0]
            return False, 'differs: %s %s %s' % (name, 'leaves out' if miss in orgs else
                                                 'has the unknown', miss)
    g = ig.Graph(n=len(orgs), edges=list(ties))
    g.es['weight'] = list(ties.values())

    def score(p):
        ids = {}
        membership = [ids.setdefault(p[o], len(ids)) for o in orgs]
        q = g.modularity(membership, weights='weight') if g.ecount() else 0.0
        return q, len(ids)
    (qa, ca), (qb, cb) = score(a), score(b)
    equal = canonical(a, orgs) == canonical(b, orgs)
    if same and not equal:
        return False, 'differs: other partitions; modularity %s %.6f, %s %.6f' % (na, qa, nb, qb)
    return True, ('%s; modularity (igraph): %s %.4f in %d communities, %s %.4f in %d'
                  % ('same partition' if equal else 'other partitions (Leiden from another '
                     'random stream)', na, qa, ca, nb, qb, cb))


def canonical(p, orgs):
    """Community numbers renamed in order of first appearance."""
    ids = {}
    return [ids.setdefault(p[o], len(ids)) for o in orgs]


def main(argv):
    if len(argv) == 4 and argv[1] == 'brokers':
        ok, msg = compare_brokers(argv[2], argv[3], (argv[2], argv[3]))
    elif len(argv) in (5, 6) and argv[1] == 'communities' and argv[5:] in ([], ['--same']):
        ok, msg = compare_communities(argv[2], argv[3], argv[4], (argv[3], argv[4]),
                                      argv[5:] == ['--same'])
    else:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    print(msg)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
