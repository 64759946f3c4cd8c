#!/usr/bin/python3
"""The betweenness of golden case brokers-cliques-sampled, worked out without
klaverblad:  /usr/bin/python3 check.py [K]

The sources are drawn as klaverblad draws them (splitmix64, a partial
Fisher-Yates shuffle, sorted); the dependencies come from NetworkX."""
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'reference'))
import networkx as nx
import make_reference as mr
G, arcs = mr.clique_network()
nodes = sorted(G.nodes(), key=str.encode)
n, k = len(nodes), int(sys.argv[1]) if len(sys.argv) > 1 else 4
M = (1 << 64) - 1
state = 0x6b6c61766572
def nxt():
    global state
    state = (state + 0x9E3779B97F4A7C15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)
allp = list(range(n))
for i in range(k):
    j = i + nxt() % (n - i)
    allp[i], allp[j] = allp[j], allp[i]
src = sorted(allp[:k])
print('sources', [nodes[i] for i in src])
dep = dict.fromkeys(nodes, 0.0)
for si in src:
    s = nodes[si]
    for t in nodes:
        if t == s or not nx.has_path(G, s, t):
            continue
        paths = list(nx.all_shortest_paths(G, s, t))
        for p in paths:
            for v in p[1:-1]:
                dep[v] += 1.0 / len(paths)
for v in nodes:
    print(v, '%.12g' % (dep[v] * n / k / ((n - 1) * (n - 2))))
