"""Synergy top k per organisation with SciPy sparse matrices.
  /usr/bin/python3 synergy_scipy.py DATASET_DIR OUT.csv K

B is the organisations x contexts incidence matrix (csr), restricted to the
contexts that two or more organisations have; D = diag(1 / ln deg). The
scores S = B D B^T are computed a block of rows at a time (a block holds at
most about 10^7 scores, so memory stays bounded), the diagonal and the pairs
joined by partner_of or funds are zeroed, and each row's top k is kept."""
import sys

import numpy as np
import scipy.sparse as sp

from common import load, main_args, topk_dense, write_csv


def main():
    folder, out, k = main_args(sys.argv)
    orgs, contexts, direct = load(folder)
    n = len(orgs)
    ids = {}
    indptr, indices = [0], []
    for cs in contexts:
        indices.extend(ids.setdefault(c, len(ids)) for c in cs)
        indptr.append(len(indices))
    B = sp.csr_matrix((np.ones(len(indices)), np.array(indices, dtype=np.int64),
                       np.array(indptr, dtype=np.int64)), shape=(n, len(ids)))
    deg = np.asarray(B.sum(axis=0)).ravel()
    B = B[:, np.flatnonzero(deg >= 2)].tocsr()
    deg = deg[deg >= 2]
    DBt = (B @ sp.diags(1.0 / np.log(deg))).T.tocsr()
    ties = [[] for _ in range(n)]
    for a, b in direct:
        ties[a].append(b)
        ties[b].append(a)

    results = [[] for _ in range(n)]
    block = max(1, min(n, 10_000_000 // max(n, 1)))
    for r0 in range(0, n, block):
        r1 = min(n, r0 + block)
        S = (B[r0:r1] @ DBt).toarray()
        S[np.arange(r1 - r0), np.arange(r0, r1)] = 0
        for a in range(r0, r1):
            if ties[a]:
                S[a - r0, ties[a]] = 0
        rows, cols = topk_dense(S, k)
        if len(rows) == 0:
            continue
        ga = rows + r0
        shared = np.asarray(B[ga].multiply(B[cols]).sum(axis=1)).ravel()
        scores = S[rows, cols]
        for a, b, s, sh in zip(ga.tolist(), cols.tolist(), scores.tolist(), shared.tolist()):
            results[a].append((b, s, int(sh)))
    write_csv(out, orgs, results)


if __name__ == '__main__':
    main()
