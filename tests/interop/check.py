# Loads klaverblad's exports of a dataset with NetworkX and checks they hold
# the same nodes, relations and attributes, and the same facts (dataset.csv)
# and questions as graph attributes, as the dataset's own CSV files (read here
# with Python's csv module, independently of klaverblad).
#   /usr/bin/python3 check.py DATASET_DIR EXPORT_DIR
import csv, json, os, sys
import networkx as nx

data, out = sys.argv[1], sys.argv[2]
nodes = {r['id']: r for r in csv.DictReader(open(os.path.join(data, 'nodes.csv'), encoding='utf-8-sig'))}
rels = list(csv.DictReader(open(os.path.join(data, 'relations.csv'), encoding='utf-8-sig')))
# a city's country column is a located_in relation too, unless written out
have = {(r['from'], r['to'], r['kind']) for r in rels}
extra = [(i, n['country']) for i, n in nodes.items()
         if n['kind'] == 'city' and n.get('country') and (i, n['country'], 'located_in') not in have]
n_rel = len(rels) + len(extra)
facts = {r['key']: r['value'] for r in csv.DictReader(open(os.path.join(data, 'dataset.csv'), encoding='utf-8-sig'))}
questions = list(csv.DictReader(open(os.path.join(data, 'questions.csv'), encoding='utf-8-sig')))
failures = []

def expect(cond, what):
    if not cond:
        failures.append(what)

def check_nodes(g, name, label_key='label', source_key='source'):
    expect(set(g.nodes) == set(nodes), f'{name}: node ids')
    for i, n in nodes.items():
        a = g.nodes[i]
        expect(a.get('kind') == n['kind'], f'{name}: kind of {i}')
        expect(a.get(label_key) == (n['label'] or i), f'{name}: label of {i}')
        expect((a.get('sector') or '') == (n.get('sector') or '') or n['kind'] != 'organisation',
               f'{name}: sector of {i}')
        if source_key is not None:
            expect((a.get(source_key) or '') == (n.get('source') or ''), f'{name}: source of {i}')

def check_edges(g, name, count, source_key='source'):
    expect(g.number_of_edges() == count, f'{name}: {g.number_of_edges()} edges, expected {count}')
    for r in rels:
        data = g.get_edge_data(r['from'], r['to'], default={})
        found = [d for d in (data.values() if g.is_multigraph() else [data] if data else [])
                 if d.get('kind') == r['kind']]
        expect(len(found) >= 1, f"{name}: {r['from']} {r['kind']} {r['to']}")
        if found and r['since']:
            # a year with an ISO 8601-2 qualifier ("2015~", "[..2021]") is written as text,
            # a plain year as a number or as text
            d = found[0]
            expect(str(d.get('since', d.get('start', ''))) == r['since'],
                   f"{name}: since of {r['from']} {r['kind']} {r['to']}")
        if found and r.get('source') and source_key is not None:
            expect(found[0].get(source_key) == r['source'], f"{name}: source of a relation")

def check_facts(g, name, themes, questions_of):
    # the facts of dataset.csv as graph attributes: the policy year and the
    # year the data describes numbers, the hours of capacity numbers too, the themes as
    # 'themes' turns them into a list
    for key, value in facts.items():
        want = (int(value) if key in ('policy_start', 'year')
                else float(value.replace(',', '.')) if key in ('capacity', 'capacity_used')
                else themes(value) if key == 'themes' else value)
        expect(g.graph.get(key) == want, f'{name}: graph attribute {key}')
    got = questions_of(g.graph.get('questions'))
    want = [{k: v for k, v in q.items() if v} for q in questions]
    expect(got == want, f'{name}: questions')

g = nx.read_graphml(os.path.join(out, 'dataset.graphml'))
# GraphML: the themes as written in dataset.csv, the questions as the text of questions.csv
check_facts(g, 'graphml', lambda v: v,
            lambda text: [{k: v for k, v in q.items() if v}
                          for q in csv.DictReader((text or '').splitlines(keepends=True))])
check_nodes(g, 'graphml')
check_edges(g, 'graphml', n_rel)
org = sorted(i for i, n in nodes.items() if n['kind'] == 'organisation')[0]
expect(isinstance(g.nodes[org].get('betweenness'), float), 'graphml: betweenness attribute')
expect(isinstance(g.nodes[org].get('community'), int), 'graphml: community attribute')

g = nx.read_gexf(os.path.join(out, 'dataset.gexf'))
check_nodes(g, 'gexf')
# symmetric relations are 'mutual' edges, which NetworkX reads both ways
sym = sum(1 for r in rels if r['kind'] in ('partner_of', 'twinned_with'))
check_edges(g, 'gexf', n_rel + sym)

g = nx.node_link_graph(json.load(open(os.path.join(out, 'dataset.json'), encoding='utf-8')))
# JSON: the themes an array, the questions an array of objects
check_facts(g, 'json', lambda v: v.split('|'), lambda qs: qs)
check_nodes(g, 'json', source_key='provenance')
check_edges(g, 'json', n_rel, source_key='provenance')

# DOT through pydot, which keeps each value's quotes and escapes, and adds a
# node named '\n'; DOT carries no sources
g = nx.nx_pydot.read_dot(os.path.join(out, 'dataset.dot'))
g.remove_nodes_from(['\\n'])
def unquote(v):
    return v[1:-1].replace('\\"', '"').replace('\\\\', '\\') if v[:1] == '"' else v
for _, a in g.nodes(data=True):
    a.update({k: unquote(v) for k, v in a.items()})
for _, _, a in g.edges(data=True):
    a.update({k: unquote(v) for k, v in a.items()})
check_nodes(g, 'dot', source_key=None)
check_edges(g, 'dot', n_rel, source_key=None)

for f in failures[:30]:
    print('FAIL:', f)
print(f'{len(failures)} failed' if failures else
      f'NetworkX read GraphML, GEXF, node-link JSON and DOT: {len(nodes)} nodes, {n_rel} relations, '
      f'{len(facts)} facts, {len(questions)} questions')
sys.exit(1 if failures else 0)
