"""Leiden communities of the organisation network with python-igraph, as
klaverblad runs it (engine/analysis/communities.c): weighted ties,
modularity as the objective (node weights the strengths, resolution 1/2m),
beta 0.01, 50 iterations. python-igraph draws from Python's random module,
seeded here, not from igraph's own generator: the partition is not the one
klaverblad finds, only one of the same kind.
  /usr/bin/python3 communities_igraph.py DATASET_DIR OUT.csv
Writes id,community,modularity, by id."""
import random
import sys

import igraph as ig

from common import load_orgnet


def main():
    folder, out = sys.argv[1], sys.argv[2]
    orgs, labels, ties = load_orgnet(folder)
    g = ig.Graph(n=len(orgs), edges=list(ties))
    g.es['weight'] = list(ties.values())
    random.seed(20150217)
    if g.ecount():
        c = g.community_leiden(objective_function='modularity', weights='weight', beta=0.01,
                               n_iterations=50)
        membership, q = c.membership, g.modularity(c.membership, weights='weight')
    else:
        membership, q = list(range(len(orgs))), 0.0
    with open(out, 'w', newline='') as f:
        f.write('id,community,modularity\r\n')
        for i, o in enumerate(orgs):
            f.write('%s,%d,%.12g\r\n' % (o, membership[i], q))


if __name__ == '__main__':
    main()
