#!/usr/bin/python3
"""Reference values for klaverblad's test suite, computed with NetworkX.

Run from the repository root (any working directory works; paths are taken
relative to this file):

    /usr/bin/python3 tests/reference/make_reference.py && Rscript tests/reference/make_reference.R

This script
  * writes the input graphs (the edge lists NAME.csv and the brokerage/
    dataset) from the literal definitions below: edit this script, not the CSVs;
  * writes NAME.expected.csv (node measures), the NetworkX rows of
    NAME.graph.csv, NAME.adamic_adar.csv and bridge.modularity.csv;
  * cross-checks every node measure against python-igraph (or, where igraph
    has no such function, against a direct formula) and stops with an error if
    any value differs by more than TOL.

The R script (make_reference.R) then adds the sna/igraph centralization rows
to NAME.graph.csv and writes brokerage/expected.csv.

Everything is deterministic: no randomness except the Leiden cross-check,
which is seeded with random.seed(42) (python-igraph draws from Python's
random module).
"""

import csv
import math
import os
import random
import sys

import igraph
import networkx as nx
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
TOL = 1e-9  # cross-check tolerance (absolute)
NX = "networkx %s" % nx.__version__
IG = "python-igraph %s" % igraph.__version__


def fmt(x):
    """12 significant digits; -0 printed as 0."""
    if x == 0:
        return "0"
    return "%.12g" % x


def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


# ---------------------------------------------------------------- graphs

def kite_edges():
    # networkx's Krackhardt kite, node i -> letter chr(97 + i)
    # (0 Andre, 1 Beverly, 2 Carol, 3 Diane, 4 Ed, 5 Fernando, 6 Garth,
    #  7 Heather, 8 Ike, 9 Jane)
    K = nx.krackhardt_kite_graph()
    return [(chr(97 + u), chr(97 + v)) for u, v in K.edges()]


def bridge_edges():
    left = "abcde"
    right = "fghij"
    e = []
    for clique in (left, right):
        for i in range(len(clique)):
            for j in range(i + 1, len(clique)):
                e.append((clique[i], clique[j]))
    e.append(("e", "f"))  # the bridge
    e.append(("j", "k"))  # pendant
    return e


def star_edges():
    return [("hub", "l%d" % i) for i in range(1, 7)]


def tree_edges():
    #        a   c   e   g   i
    #         \ /    |   |   |
    #          b --- d - f - h
    # articulation points: b, d, f, h
    return [("a", "b"), ("b", "c"), ("b", "d"), ("d", "e"),
            ("d", "f"), ("f", "g"), ("f", "h"), ("h", "i")]


GRAPHS = {
    "kite": kite_edges(),
    "bridge": bridge_edges(),
    "star": star_edges(),
    "tree": tree_edges(),
}


def write_edge_list(name, edges):
    rows = sorted(tuple(sorted(e)) for e in edges)
    assert len(set(rows)) == len(rows), "duplicate edge in %s" % name
    write_csv(os.path.join(HERE, name + ".csv"), ["from", "to"], rows)


def read_edge_list(name):
    # Read the file back, so the values are computed from exactly what is
    # committed.
    G = nx.Graph()
    with open(os.path.join(HERE, name + ".csv"), newline="") as f:
        r = csv.DictReader(f)
        assert r.fieldnames == ["from", "to"]
        for row in r:
            G.add_edge(row["from"], row["to"])
    return G


# ---------------------------------------------------------------- checks

def check(graph, measure, ref, other, source):
    diff = max(abs(ref[v] - other[v]) for v in ref)
    status = "ok" if diff <= TOL else "MISMATCH"
    print("  %-7s %-15s vs %-40s max|diff| = %.3g  %s"
          % (graph, measure, source, diff, status))
    if diff > TOL:
        sys.exit("cross-check failed: %s %s vs %s" % (graph, measure, source))
    return diff


def igraph_of(G):
    nodes = sorted(G.nodes())
    idx = {v: i for i, v in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=[(idx[u], idx[v]) for u, v in G.edges()],
                     directed=False)
    return g, nodes


def crosscheck_nodes(name, G, m):
    g, nodes = igraph_of(G)
    n = len(nodes)
    as_dict = lambda vals: dict(zip(nodes, vals))
    check(name, "degree", m["degree"], as_dict(g.degree()), IG + " degree")
    pairs = (n - 1) * (n - 2) / 2.0
    check(name, "betweenness", m["betweenness"],
          as_dict([b / pairs for b in g.betweenness(directed=False)]),
          IG + " betweenness/((n-1)(n-2)/2)")
    check(name, "closeness", m["closeness"], as_dict(g.closeness()),
          IG + " closeness")
    ev = g.eigenvector_centrality(scale=True)
    norm = math.sqrt(sum(x * x for x in ev))
    check(name, "eigenvector", m["eigenvector"], as_dict([x / norm for x in ev]),
          IG + " eigenvector_centrality, rescaled")
    # dense symmetric eigensolver as a second, igraph-independent check
    A = nx.to_numpy_array(G, nodelist=nodes)
    w, V = np.linalg.eigh(A)
    x = np.abs(V[:, np.argmax(w)])
    check(name, "eigenvector", m["eigenvector"], as_dict(x / np.linalg.norm(x)),
          "numpy.linalg.eigh")
    check(name, "pagerank", m["pagerank"],
          as_dict(g.pagerank(damping=0.85, implementation="prpack")),
          IG + " pagerank (prpack)")
    # exact PageRank by a linear solve: (I - a P^T) x = (1-a)/n
    P = A / A.sum(axis=1, keepdims=True)
    x = np.linalg.solve(np.eye(n) - 0.85 * P.T, np.full(n, 0.15 / n))
    check(name, "pagerank", m["pagerank"], as_dict(x), "numpy.linalg.solve")
    check(name, "constraint", m["constraint"], as_dict(g.constraint()),
          IG + " constraint")
    # Borgatti's simplification for unweighted undirected graphs:
    # effective size = deg - 2 t / deg, t = ties among the neighbours
    es = {}
    for v in nodes:
        nb = list(G[v])
        t = sum(1 for i in range(len(nb)) for j in range(i + 1, len(nb))
                if G.has_edge(nb[i], nb[j]))
        es[v] = len(nb) - 2.0 * t / len(nb)
    check(name, "effective_size", m["effective_size"], es, "deg - 2t/deg")
    ap = set(nodes[i] for i in g.articulation_points())
    check(name, "articulation", m["articulation"],
          {v: 1 if v in ap else 0 for v in nodes}, IG + " articulation_points")


# ---------------------------------------------------------------- measures

def node_measures(G):
    m = {}
    m["degree"] = dict(G.degree())
    m["betweenness"] = nx.betweenness_centrality(G, normalized=True)
    m["closeness"] = nx.closeness_centrality(G)  # wf_improved=True
    m["eigenvector"] = nx.eigenvector_centrality_numpy(G)
    m["pagerank"] = nx.pagerank(G, alpha=0.85, tol=1e-12, max_iter=1000)
    m["constraint"] = nx.constraint(G)
    m["effective_size"] = nx.effective_size(G)
    ap = set(nx.articulation_points(G))
    m["articulation"] = {v: 1 if v in ap else 0 for v in G}
    return m


COLUMNS = ["degree", "betweenness", "closeness", "eigenvector", "pagerank",
           "constraint", "effective_size", "articulation"]


def write_expected(name, G, m):
    rows = []
    for v in sorted(G.nodes()):
        rows.append([v] + [str(m[c][v]) if c in ("degree", "articulation")
                           else fmt(m[c][v]) for c in COLUMNS])
    write_csv(os.path.join(HERE, name + ".expected.csv"), ["id"] + COLUMNS, rows)


GRAPH_HEADER = ["measure", "value", "library", "function", "note"]


def write_graph_level(name, G):
    path = os.path.join(HERE, name + ".graph.csv")
    ours = [
        ["density", fmt(nx.density(G)), NX, "nx.density(G)", "2m/(n(n-1))"],
        ["components", str(nx.number_connected_components(G)), NX,
         "nx.number_connected_components(G)", ""],
    ]
    # keep the rows written by make_reference.R (library not networkx)
    theirs = []
    if os.path.exists(path):
        with open(path, newline="") as f:
            r = csv.reader(f)
            header = next(r, None)
            if header == GRAPH_HEADER:
                theirs = [row for row in r if row and not row[2].startswith("networkx")]
    write_csv(path, GRAPH_HEADER, ours + theirs)


def write_adamic_adar(name, G):
    scored = []
    for u, v, s in nx.adamic_adar_index(G):  # all non-adjacent pairs
        u, v = sorted((u, v))
        scored.append((u, v, fmt(s)))
    # sort on the printed value so that mathematically equal scores
    # (summed in a different order) tie exactly and fall back to u, v
    scored.sort(key=lambda t: (-float(t[2]), t[0], t[1]))
    n = G.number_of_nodes()
    assert len(scored) == n * (n - 1) // 2 - G.number_of_edges()
    # independent check: sum over common neighbours of 1/ln(deg)
    for u, v, s in scored:
        exact = sum(1.0 / math.log(G.degree(w)) for w in nx.common_neighbors(G, u, v))
        assert abs(exact - float(s)) <= 1e-11 * max(1.0, exact), (u, v, s, exact)
    write_csv(os.path.join(HERE, name + ".adamic_adar.csv"), ["u", "v", "score"],
              scored)


def write_modularity(G):
    left = set("abcde")
    right = set("fghijk")
    q_nx = nx.community.modularity(G, [left, right], resolution=1)

    g, nodes = igraph_of(G)
    q_ig_fixed = g.modularity([0 if v in left else 1 for v in nodes])
    assert abs(q_nx - q_ig_fixed) <= TOL, (q_nx, q_ig_fixed)

    random.seed(42)
    cl = g.community_leiden(objective_function="modularity", n_iterations=100)
    comms = sorted(sorted(nodes[i] for i in c) for c in cl)
    part = " | ".join(" ".join(c) for c in comms)
    q_leiden_ig = g.modularity(cl.membership)
    q_leiden_nx = nx.community.modularity(G, [set(c) for c in comms], resolution=1)
    assert abs(q_leiden_ig - q_leiden_nx) <= TOL

    rows = [
        ["given", "a b c d e | f g h i j k", fmt(q_nx), NX,
         "nx.community.modularity(G, [{a..e}, {f..k}], resolution=1)",
         "reference value"],
        ["given", "a b c d e | f g h i j k", fmt(q_ig_fixed), IG,
         "Graph.modularity(membership)", "cross-check of the row above"],
        ["leiden", part, fmt(q_leiden_ig), IG,
         "random.seed(42); Graph.community_leiden(objective_function='modularity', "
         "n_iterations=100); Graph.modularity(membership)",
         "cross-check only: Leiden is randomised; this is the partition it found"],
    ]
    write_csv(os.path.join(HERE, "bridge.modularity.csv"),
              ["partition", "communities", "modularity", "library", "function", "note"],
              rows)
    print("  bridge modularity given %s, leiden %s: %s" % (fmt(q_nx), fmt(q_leiden_ig), part))


# ---------------------------------------------------------------- brokerage

SECTORS = [("s1", "Sector one"), ("s2", "Sector two"), ("s3", "Sector three")]
ORGS = [  # id, label, sector
    ("a1", "Org A1", "s1"), ("a2", "Org A2", "s1"), ("a3", "Org A3", "s1"),
    ("b1", "Org B1", "s2"), ("b2", "Org B2", "s2"), ("b3", "Org B3", "s2"),
    ("c1", "Org C1", "s3"), ("c2", "Org C2", "s3"), ("c3", "Org C3", "s3"),
]
RELATIONS = [  # from, to, kind
    ("a1", "a2", "funds"),       # a1 -> a2 -> a3: a2 coordinator (w_I)
    ("a2", "a3", "funds"),
    ("a3", "a1", "funds"),       # closes the cycle the other way round only:
                                 # a1 -!> a3, so a2 still brokers a1 -> a3
    ("a3", "b1", "funds"),       # a3 -> b1 -> a2: b1 itinerant (w_O)
    ("b1", "a2", "funds"),
    ("c1", "b2", "funds"),       # c1 -> b2 -> b3: b2 gatekeeper (b_OI)
    ("b2", "b3", "funds"),
    ("c2", "c3", "funds"),       # c2 -> c3 -> b3: c3 representative (b_IO)
    ("c3", "b3", "funds"),
    ("a1", "c2", "partner_of"),  # a1 <-> c2 <-> b1: c2 liaison (b_O), both ways
    ("c2", "b1", "partner_of"),
]


def write_brokerage():
    d = os.path.join(HERE, "brokerage")
    os.makedirs(d, exist_ok=True)
    rows = [[s, "sector", lab, ""] for s, lab in SECTORS]
    rows += [[o, "organisation", lab, sec] for o, lab, sec in ORGS]
    write_csv(os.path.join(d, "nodes.csv"), ["id", "kind", "label", "sector"], rows)
    write_csv(os.path.join(d, "relations.csv"), ["from", "to", "kind"],
              [list(r) for r in RELATIONS])


# ---------------------------------------------------------------- cliques

# A dataset whose organisation network is made mostly by networks (every two
# members of a network tied), with what klaverblad's clique walk must get
# right: organisations sharing two and three networks (counted once), a
# direct tie between co-members (counted once), direct ties outside every
# network, funds one way only (a direct arc; brokerage is directed), a
# network with one organisation (ties nobody), a network part_of another
# (not rolled up), a second component and an isolated organisation.
CLIQUE_SECTORS = [("s1", "Sector one"), ("s2", "Sector two"), ("s3", "Sector three")]
CLIQUE_ORGS = [  # id, sector
    ("o1", "s1"), ("o2", "s1"), ("o3", "s2"), ("o4", "s2"), ("o5", "s3"), ("o6", "s1"),
    ("o7", "s3"), ("o8", "s2"), ("o9", "s1"), ("o10", "s3"), ("o11", "s1"), ("o12", "s2"),
]
CLIQUE_NETWORKS = ["n1", "n2", "n3", "n4", "n5", "u"]
CLIQUE_RELATIONS = [  # from, to, kind
    ("o1", "n1", "member_of"), ("o2", "n1", "member_of"), ("o3", "n1", "member_of"),
    ("o4", "n1", "member_of"), ("o5", "n1", "member_of"),
    ("o3", "n2", "member_of"), ("o4", "n2", "member_of"), ("o5", "n2", "member_of"),
    ("o6", "n2", "member_of"),
    ("o4", "n3", "member_of"), ("o5", "n3", "member_of"), ("o7", "n3", "member_of"),
    ("o8", "n4", "member_of"), ("o9", "n4", "member_of"),
    ("o10", "n5", "member_of"),      # alone in n5: no tie
    ("n1", "u", "part_of"),          # not rolled up: n1's members are not u's
    ("o1", "o2", "partner_of"),      # co-members of n1 already
    ("o3", "o5", "funds"),           # co-members already
    ("o2", "o6", "funds"),           # no shared network: one way only
    ("o6", "o8", "funds"),           # one way only
    ("o7", "o9", "partner_of"),      # both ways
    ("o9", "o7", "funds"),           # besides the partnership
    ("o11", "o12", "partner_of"),    # a second component
]


def clique_network():
    """The organisation network by its definition: the simple undirected
    graph, and the arcs for brokerage."""
    orgs = [o for o, _ in CLIQUE_ORGS]
    G = nx.Graph()
    G.add_nodes_from(orgs)
    arcs = set()
    members = {}
    for a, b, kind in CLIQUE_RELATIONS:
        if kind == "member_of":
            members.setdefault(b, set()).add(a)
        elif kind in ("partner_of", "funds"):
            G.add_edge(a, b)
            arcs.add((a, b))
            if kind == "partner_of":
                arcs.add((b, a))
    for m in members.values():
        for a in m:
            for b in m:
                if a != b:
                    G.add_edge(a, b)
                    arcs.add((a, b))
    return G, arcs


def brokerage_roles(arcs, sector):
    """Gould-Fernandez counts by brute force: b brokers (a, c) when a -> b ->
    c, a != c and not a -> c."""
    names = ["coordinator", "itinerant", "gatekeeper", "representative", "liaison"]
    roles = {v: dict.fromkeys(names, 0) for v in sector}
    for (a, b) in arcs:
        for (b2, c) in arcs:
            if b2 != b or c == a or (a, c) in arcs:
                continue
            ga, gb, gc = sector[a], sector[b], sector[c]
            if ga == gb == gc:
                role = "coordinator"
            elif ga == gc:
                role = "itinerant"
            elif gb == gc:
                role = "gatekeeper"
            elif ga == gb:
                role = "representative"
            else:
                role = "liaison"
            roles[b][role] += 1
    return roles, names


def write_cliques():
    d = os.path.join(HERE, "cliques")
    os.makedirs(d, exist_ok=True)
    rows = [[s, "sector", lab, ""] for s, lab in CLIQUE_SECTORS]
    rows += [[o, "organisation", "Org " + o.upper(), sec] for o, sec in CLIQUE_ORGS]
    rows += [[k, "network", "Network " + k.upper(), ""] for k in CLIQUE_NETWORKS]
    write_csv(os.path.join(d, "nodes.csv"), ["id", "kind", "label", "sector"], rows)
    write_csv(os.path.join(d, "relations.csv"), ["from", "to", "kind"],
              [list(r) for r in CLIQUE_RELATIONS])

    G, arcs = clique_network()
    nodes = sorted(G.nodes())
    m = node_measures(G)
    # NetworkX leaves an isolated organisation's constraint and effective
    # size undefined (nan); klaverblad leaves them empty
    for c in ("constraint", "effective_size"):
        m[c] = {v: (m[c][v] if G.degree(v) > 0 else float("nan")) for v in nodes}
    # cross-checks: python-igraph on the same graph, the dense eigensolver
    g, _ = igraph_of(G)
    as_dict = lambda vals: dict(zip(nodes, vals))
    n = len(nodes)
    pairs = (n - 1) * (n - 2) / 2.0
    check("cliques", "degree", m["degree"], as_dict(g.degree()), IG + " degree")
    check("cliques", "betweenness", m["betweenness"],
          as_dict([b / pairs for b in g.betweenness(directed=False)]),
          IG + " betweenness/((n-1)(n-2)/2)")
    reach = [len(g.subcomponent(i)) - 1 for i in range(n)]
    check("cliques", "closeness", m["closeness"],
          as_dict([0.0 if r == 0 else c * r / (n - 1)
                   for c, r in zip(g.closeness(), reach)]),
          IG + " closeness * r/(n-1)")
    A = nx.to_numpy_array(G, nodelist=nodes)
    w, V = np.linalg.eigh(A)
    x = np.abs(V[:, np.argmax(w)])
    check("cliques", "eigenvector", m["eigenvector"], as_dict(x / np.linalg.norm(x)),
          "numpy.linalg.eigh")
    check("cliques", "pagerank", m["pagerank"],
          as_dict(g.pagerank(damping=0.85, implementation="prpack")),
          IG + " pagerank (prpack)")
    # exact PageRank by a linear solve, the isolated organisation's share
    # spread over all
    deg = A.sum(axis=1)
    P = np.array([A[i] / deg[i] if deg[i] > 0 else np.full(n, 1.0 / n) for i in range(n)])
    x = np.linalg.solve(np.eye(n) - 0.85 * P.T, np.full(n, 0.15 / n))
    check("cliques", "pagerank", m["pagerank"], as_dict(x), "numpy.linalg.solve")
    con = g.constraint()
    check("cliques", "constraint",
          {v: m["constraint"][v] for v in nodes if G.degree(v) > 0},
          {v: c for v, c in zip(nodes, con) if G.degree(v) > 0}, IG + " constraint")
    ap = set(nodes[i] for i in g.articulation_points())
    check("cliques", "articulation", m["articulation"],
          {v: 1 if v in ap else 0 for v in nodes}, IG + " articulation_points")
    roles, names = brokerage_roles(arcs, dict(CLIQUE_ORGS))
    rows = []
    for v in nodes:
        rows.append([v] + [str(m[c][v]) if c in ("degree", "articulation")
                           else ("" if math.isnan(m[c][v]) else fmt(m[c][v]))
                           for c in COLUMNS]
                    + [str(roles[v][r]) for r in names] + [str(sum(roles[v].values()))])
    write_csv(os.path.join(d, "expected.csv"), ["id"] + COLUMNS + names + ["roles"], rows)
    print("  cliques: %d organisations, %d ties, %d arcs" % (n, G.number_of_edges(), len(arcs)))


# ---------------------------------------------------------------- main

def main():
    print("networkx", nx.__version__, "| python-igraph", igraph.__version__,
          "| numpy", np.__version__)
    for name, edges in GRAPHS.items():
        write_edge_list(name, edges)
    write_brokerage()
    write_cliques()
    for name in GRAPHS:
        G = read_edge_list(name)
        assert nx.is_connected(G)
        m = node_measures(G)
        write_expected(name, G, m)
        crosscheck_nodes(name, G, m)
        write_graph_level(name, G)
        if name in ("kite", "bridge"):
            write_adamic_adar(name, G)
        if name == "bridge":
            write_modularity(G)
    print("done")


if __name__ == "__main__":
    main()
