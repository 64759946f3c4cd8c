"""Reference cut points for the index (engine/analysis/index.c), by brute
force of the definition: for each organisation of the largest component
(the first found, scanning the nodes in file order, among equals) with two
or more relation ends, remove it, find the components again, and list the
places (city, region, country) of the old largest component that are not
in the new largest one. Relations with a theme and relations between two
places are left out. Writes NAME.cuts.csv beside each NAME.json:
organisation,places (places by id, separated by '|'), organisations by id.
  /usr/bin/python3 tests/reference/cuts/cuts.py"""
import json
import os

PLACES = {'city', 'region', 'country'}
HERE = os.path.dirname(os.path.abspath(__file__))


def components(ids, adj, skip):
    label, best, best_size = {}, None, 0
    for s in ids:
        if s == skip or s in label:
            continue
        label[s] = s
        queue = [s]
        for v in queue:
            for w in adj[v]:
                if w != skip and w not in label:
                    label[w] = s
                    queue.append(w)
        if len(queue) > best_size:
            best, best_size = s, len(queue)
    return label, best


def cuts(path):
    d = json.load(open(path))
    ids = [n['id'] for n in d['nodes']]
    kind = {n['id']: n['kind'] for n in d['nodes']}
    adj = {i: [] for i in ids}
    for r in d['relations']:
        f, t = r['from'], r['to']
        if 'theme' in (kind[f], kind[t]) or (kind[f] in PLACES and kind[t] in PLACES):
            continue
        adj[f].append(t)
        adj[t].append(f)
    before, main = components(ids, adj, None)
    rows = []
    for o in sorted(i for i in ids if kind[i] == 'organisation' and before[i] == main):
        if len(adj[o]) < 2:
            continue
        after, main_after = components(ids, adj, o)
        lost = sorted(i for i in ids if i != o and before[i] == main and after[i] != main_after
                      and kind[i] in PLACES)
        if lost:
            rows.append('%s,%s\n' % (o, '|'.join(lost)))
    return rows


def main():
    for name in ('one', 'two', 'three'):
        with open(os.path.join(HERE, name + '.cuts.csv'), 'w') as f:
            f.write('organisation,places\n')
            f.writelines(cuts(os.path.join(HERE, name + '.json')))


if __name__ == '__main__':
    main()
