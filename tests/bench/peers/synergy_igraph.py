"""Synergy top k per organisation with python-igraph.
  /usr/bin/python3 synergy_igraph.py DATASET_DIR OUT.csv K

The bipartite graph joins each organisation (vertices 0..n-1, by id) to its
contexts (vertices n..). Graph.similarity_inverse_log_weighted gives, for a
block of organisations, the sum over common neighbours of 1 / ln(degree):
Adamic-Adar. It returns a dense block over all vertices, so blocks are kept
small (ENTRIES scores); the diagonal and the pairs joined by partner_of or
funds are zeroed and each row's top k is kept. Each call also walks every
pair of neighbours in the graph, whatever the block: the calls are what makes
this peer grow fast."""
import sys

import igraph as ig
import numpy as np

from common import load, main_args, topk_dense, write_csv

# scores per block: igraph returns them as Python lists of floats (about 32
# bytes each), so a block holds about 100 MB; every call also walks all pairs
# of the graph, so smaller blocks cost more calls
ENTRIES = 3_000_000


def main():
    folder, out, k = main_args(sys.argv)
    orgs, contexts, direct = load(folder)
    n = len(orgs)
    ids = {}
    edges = [(a, n + ids.setdefault(c, len(ids))) for a, cs in enumerate(contexts) for c in cs]
    g = ig.Graph(n=n + len(ids), edges=edges)
    neighbours = [set(g.neighbors(a)) for a in range(n)]
    ties = [[] for _ in range(n)]
    for a, b in direct:
        ties[a].append(b)
        ties[b].append(a)

    results = [[] for _ in range(n)]
    block = max(1, min(n, ENTRIES // max(g.vcount(), 1)))
    for r0 in range(0, n, block):
        r1 = min(n, r0 + block)
        S = np.array(g.similarity_inverse_log_weighted(vertices=range(r0, r1), mode='all'))[:, :n]
        S[np.arange(r1 - r0), np.arange(r0, r1)] = 0
        for a in range(r0, r1):
            if ties[a]:
                S[a - r0, ties[a]] = 0
        rows, cols = topk_dense(S, k)
        for i, b in zip(rows.tolist(), cols.tolist()):
            a = i + r0
            results[a].append((b, float(S[i, b]), len(neighbours[a] & neighbours[b])))
    write_csv(out, orgs, results)


if __name__ == '__main__':
    main()
