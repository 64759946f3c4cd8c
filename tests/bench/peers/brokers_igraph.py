"""Betweenness and Burt's constraint of the organisation network with
python-igraph, in klaverblad's conventions (engine/analysis/brokers.c).
  /usr/bin/python3 brokers_igraph.py DATASET_DIR OUT.csv

Unweighted and undirected: betweenness divided by (n-1)(n-2)/2, as NetworkX
normalises it; constraint empty for an isolated organisation. Writes
id,degree,betweenness,constraint, by id."""
import math
import sys

import igraph as ig

from common import load_orgnet


def main():
    folder, out = sys.argv[1], sys.argv[2]
    orgs, labels, ties = load_orgnet(folder)
    n = len(orgs)
    g = ig.Graph(n=n, edges=list(ties))
    deg = g.degree()
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    betweenness = [b * scale for b in g.betweenness(directed=False)]
    constraint = g.constraint()
    with open(out, 'w', newline='') as f:
        f.write('id,degree,betweenness,constraint\r\n')
        for i in range(n):
            c = '' if deg[i] == 0 or math.isnan(constraint[i]) else '%.12g' % constraint[i]
            f.write('%s,%d,%.12g,%s\r\n' % (orgs[i], deg[i], betweenness[i], c))


if __name__ == '__main__':
    main()
