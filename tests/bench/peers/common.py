"""What the synergy peers share: reading a klaverblad dataset folder into the
organisation-context bipartite graph, choosing the top k of a dense block of
scores, and writing the result CSV.

The contexts follow the engine's definition (engine/analysis/context.c):
  place    each place an organisation is active_in or located_in, and every
           place enclosing it (a city's country column, located_in between
           places, part_of from a region to a country), transitively;
  theme    each theme it works_on;
  network  each network it is a member_of and every network those are part_of,
           transitively; a network it is partner_of (either way) without roll-up;
  partner  for partner_of or funds between organisations A and B, A has the
           context "partner B" and B the context "partner A".
An organisation has each context once, however many relations give it.
Relations hold in every year (no --as-of)."""
import csv
import os
import sys

import numpy as np

PLACE_KINDS = {'city', 'region', 'country'}


def _rows(path):
    with open(path, newline='', encoding='utf-8-sig') as f:
        r = csv.reader(f)
        header = [h.strip().lower() for h in next(r)]
        col = {h: i for i, h in enumerate(header) if h}
        for row in r:
            if not row or all(not x.strip() for x in row):
                continue
            yield lambda name, row=row: (row[col[name]].strip()
                                         if name in col and col[name] < len(row) else '')


def load(folder):
    """Returns (orgs, contexts, direct):
    orgs      organisation ids sorted in byte order (their rank is their index);
    contexts  per organisation, the sorted list of its context keys: a node id,
              or ('partner', org id) for partner contexts;
    direct    set of (i, j), i < j, ranks joined by partner_of or funds."""
    kind = {}
    up = {}            # place or network -> what directly encloses it
    for get in _rows(os.path.join(folder, 'nodes.csv')):
        i, k = get('id'), get('kind').lower()
        kind[i] = k
        if k == 'city' and get('country'):
            up.setdefault(i, set()).add(get('country'))
    rels = []
    for get in _rows(os.path.join(folder, 'relations.csv')):
        f, t, k = get('from'), get('to'), get('kind').lower()
        fk, tk = kind.get(f), kind.get(t)
        if (k == 'located_in' and fk in PLACE_KINDS and tk in PLACE_KINDS) or \
           (k == 'part_of' and fk == tk == 'network') or \
           (k == 'part_of' and fk == 'region' and tk == 'country'):
            up.setdefault(f, set()).add(t)
        elif fk == 'organisation' or (k == 'partner_of' and fk == 'network'):
            rels.append((f, t, k, fk, tk))

    closure = {}

    def enclosing(x):
        if x not in closure:
            seen, todo = set(), list(up.get(x, ()))
            while todo:
                y = todo.pop()
                if y != x and y not in seen:
                    seen.add(y)
                    todo.extend(up.get(y, ()))
            closure[x] = seen
        return closure[x]

    orgs = sorted(i for i, k in kind.items() if k == 'organisation')
    rank = {o: r for r, o in enumerate(orgs)}
    ctx = [set() for _ in orgs]
    direct = set()
    for f, t, k, fk, tk in rels:
        if k == 'partner_of' and fk == 'network' and tk == 'organisation':
            ctx[rank[t]].add(f)
            continue
        if fk != 'organisation':
            continue
        a = rank[f]
        if k in ('active_in', 'located_in') and tk in PLACE_KINDS:
            ctx[a].add(t)
            ctx[a].update(enclosing(t))
        elif k == 'works_on' and tk == 'theme':
            ctx[a].add(t)
        elif k == 'member_of' and tk == 'network':
            ctx[a].add(t)
            ctx[a].update(enclosing(t))
        elif k in ('partner_of', 'funds') and tk == 'network':
            ctx[a].add(t)
        elif k in ('partner_of', 'funds') and tk == 'organisation' and f != t:
            b = rank[t]
            ctx[a].add(('partner', t))
            ctx[b].add(('partner', f))
            direct.add((min(a, b), max(a, b)))
    contexts = [sorted(c, key=_key) for c in ctx]
    return orgs, contexts, direct


def _key(c):
    return ('\x01' + c[1]) if isinstance(c, tuple) else c


def context_name(c):
    return 'partner:' + c[1] if isinstance(c, tuple) else c


def topk_dense(S, k):
    """The top k of each row of the dense score block S (columns = ranks, 0 =
    not a candidate): by score descending, ties by column ascending. Scores
    are compared rounded to 10 decimals, so that sums taken in different
    orders tie as they do in exact arithmetic. Returns (rows, cols) arrays,
    ordered by row, then position in the top k."""
    q = np.round(S, 10)
    n = q.shape[1]
    if n > k:
        kth = -np.partition(-q, k - 1, axis=1)[:, k - 1]
    else:
        kth = q.min(axis=1)
    gt = q > kth[:, None]
    eq = (q == kth[:, None]) & (q > 0)
    need = k - gt.sum(axis=1)
    sel = gt
    sel |= eq & (np.cumsum(eq, axis=1, dtype=np.int32) <= need[:, None])
    rows, cols = np.nonzero(sel)
    order = np.lexsort((cols, -q[rows, cols], rows))
    return rows[order], cols[order]


def write_csv(path, orgs, results):
    """results: per rank, a list of (suggestion rank, score, shared), best
    first; organisations without suggestions have an empty list."""
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = f.write
        w('organisation,rank,suggestion,score,shared\r\n')
        for a, lst in enumerate(results):
            for r, (b, s, sh) in enumerate(lst, 1):
                w('%s,%d,%s,%.12g,%d\r\n' % (_q(orgs[a]), r, _q(orgs[b]), s, sh))


def _q(s):
    if any(ch in s for ch in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def main_args(argv):
    if len(argv) != 4:
        sys.exit('usage: %s DATASET_DIR OUT.csv K' % os.path.basename(argv[0]))
    return argv[1], argv[2], int(argv[3])


def load_orgnet(folder):
    """The engine's organisation network (engine/analysis/orgnet.c): one vertex
    per organisation (by id, byte order); a tie for each partner_of or funds
    between two organisations and for each network both are members of
    (member_of, without roll-up), its weight the number of such reasons.
    Returns (orgs, labels, ties) with ties {(i, j): weight}, i < j."""
    kind, label = {}, {}
    for get in _rows(os.path.join(folder, 'nodes.csv')):
        i = get('id')
        kind[i] = get('kind').lower()
        label[i] = get('label') or i
    orgs = sorted(i for i, k in kind.items() if k == 'organisation')
    rank = {o: r for r, o in enumerate(orgs)}
    ties = {}
    members = {}
    for get in _rows(os.path.join(folder, 'relations.csv')):
        f, t, k = get('from'), get('to'), get('kind').lower()
        a, b = rank.get(f), rank.get(t)
        if k in ('partner_of', 'funds') and a is not None and b is not None and a != b:
            key = (min(a, b), max(a, b))
            ties[key] = ties.get(key, 0) + 1
        elif k == 'member_of' and a is not None:
            members.setdefault(t, set()).add(a)
    for m in members.values():
        m = sorted(m)
        for x in range(len(m)):
            for y in range(x + 1, len(m)):
                key = (m[x], m[y])
                ties[key] = ties.get(key, 0) + 1
    return orgs, [label[o] for o in orgs], ties


def pair_scorer(folder):
    """A function (id a, id b) -> (score, shared) straight from the data, or
    None when a and b are the same, tied directly, or share nothing; for the
    checker, to verify suggestions that only one side lists."""
    import collections
    import math
    orgs, contexts, direct = load(folder)
    rank = {o: r for r, o in enumerate(orgs)}
    deg = collections.Counter(c for cs in contexts for c in cs)
    sets = [set(cs) for cs in contexts]

    def score(a, b):
        if a not in rank or b not in rank:
            return None
        x, y = rank[a], rank[b]
        if x == y or (min(x, y), max(x, y)) in direct:
            return None
        shared = sorted(sets[x] & sets[y], key=_key)
        if not shared:
            return None
        return sum(1.0 / math.log(deg[c]) for c in shared), len(shared)
    return score
