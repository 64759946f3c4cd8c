"""Synergy top k for a sample of organisations, computed directly: for each
sampled organisation, the score of every organisation it shares a context
with, summed context by context in a dictionary, then sorted. No library;
slow per organisation but independent of the size of the whole, so it can
check klaverblad where no peer finishes.
  /usr/bin/python3 synergy_sample.py DATASET_DIR OUT.csv K [N]
Writes the rows of N organisations (default 200) drawn with a fixed seed,
and their ids to OUT.csv.sampled; compare.py checks only those when that
file is there."""
import collections
import math
import random
import sys

from common import load, write_csv


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit('usage: synergy_sample.py DATASET_DIR OUT.csv K [N]')
    folder, out, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
    n_sample = int(sys.argv[4]) if len(sys.argv) == 5 else 200
    orgs, contexts, direct = load(folder)
    members = collections.defaultdict(list)
    for a, cs in enumerate(contexts):
        for c in cs:
            members[c].append(a)
    tied = collections.defaultdict(set)
    for a, b in direct:
        tied[a].add(b)
        tied[b].add(a)
    sample = sorted(random.Random(1).sample(range(len(orgs)), min(n_sample, len(orgs))))
    results = [[] for _ in orgs]
    for a in sample:
        score, shared = collections.defaultdict(float), collections.Counter()
        for c in contexts[a]:
            m = members[c]
            if len(m) < 2:
                continue
            w = 1.0 / math.log(len(m))
            for b in m:
                score[b] += w
                shared[b] += 1
        for b in tied[a] | {a}:
            score.pop(b, None)
        best = sorted(score, key=lambda b: (-round(score[b], 10), b))[:k]
        results[a] = [(b, score[b], shared[b]) for b in best]
    write_csv(out, orgs, results)
    with open(out + '.sampled', 'w') as f:
        f.write(''.join(orgs[a] + '\n' for a in sample))


if __name__ == '__main__':
    main()
