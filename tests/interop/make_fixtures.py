# Writes the GraphML files that tests/unit/test_interop.c reads: Krackhardt's
# kite as NetworkX 2.8.8 and python-igraph 0.10.2 (Debian 12) write it.
#   /usr/bin/python3 tests/interop/make_fixtures.py
import os
import networkx as nx
import igraph as ig

here = os.path.dirname(os.path.abspath(__file__))
g = nx.krackhardt_kite_graph()
g = nx.relabel_nodes(g, {i: chr(97 + i) for i in g})
for u, v in g.edges:
    g[u][v]['weight'] = 1.5
nx.set_node_attributes(g, {n: 'Node ' + n.upper() for n in g}, 'label')
nx.write_graphml(g, os.path.join(here, 'networkx-kite.graphml'))
h = ig.Graph.Famous('Krackhardt_Kite')
h.vs['name'] = [chr(97 + i) for i in range(10)]
h.es['weight'] = [2.0] * h.ecount()
h.write_graphml(os.path.join(here, 'igraph-kite.graphml'))
