"""Synergy top k per organisation with NetworkX.
  /usr/bin/python3 synergy_networkx.py DATASET_DIR OUT.csv K

The bipartite graph joins each organisation to its contexts (partner
contexts are nodes of their own, ('partner', id)); nx.adamic_adar_index
scores every candidate pair: two organisations that share a context and are
not joined by partner_of or funds, each pair once. Every organisation keeps
its best k in a heap as the pairs stream past."""
import heapq
import sys

import networkx as nx

from common import load, main_args, write_csv


def main():
    folder, out, k = main_args(sys.argv)
    orgs, contexts, direct = load(folder)
    n = len(orgs)
    G = nx.Graph()
    G.add_nodes_from(range(n))                     # organisations are their ranks
    G.add_edges_from((a, ('c', c)) for a, cs in enumerate(contexts) for c in cs)
    tied = [set() for _ in range(n)]
    for a, b in direct:
        tied[a].add(b)
        tied[b].add(a)

    def candidate_pairs():
        for a in range(n):
            near = set()
            for c in G[a]:
                if G.degree(c) >= 2:
                    near.update(G[c])
            for b in sorted(near):
                if b > a and b not in tied[a]:
                    yield a, b

    heaps = [[] for _ in range(n)]
    for a, b, s in nx.adamic_adar_index(G, candidate_pairs()):
        key = round(s, 10)
        for x, y in ((a, b), (b, a)):
            h = heaps[x]
            item = (key, -y, s)
            if len(h) < k:
                heapq.heappush(h, item)
            elif item > h[0]:
                heapq.heapreplace(h, item)
    results = []
    for a in range(n):
        best = sorted(heaps[a], reverse=True)
        results.append([(-my, s, sum(1 for _ in nx.common_neighbors(G, a, -my)))
                        for _, my, s in best])
    write_csv(out, orgs, results)


if __name__ == '__main__':
    main()
