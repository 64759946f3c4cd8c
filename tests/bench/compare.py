#!/usr/bin/python3
"""Compares two synergy top-k CSV files (organisation,rank,suggestion,score,shared).

  /usr/bin/python3 tests/bench/compare.py REFERENCE.csv OTHER.csv [--k 10] [--strict]
                                          [--data DATASET_DIR]

Exit status 0 when they are equal, 1 when they differ (the first difference
and the number of organisations that differ are printed), 2 on bad usage.

Equal means, for every organisation: the same number of suggestions, the
score at each rank equal within 1e-9 relative, and the same suggestions with
the same scores (1e-9 relative) and shared counts. Tolerated, and counted:
suggestions at different ranks among scores that tie within 1e-9, and, when
the list is full (k entries), different suggestions among those whose score
ties the k-th. Scores that are mathematically equal can be summed in a
different order and differ in the last bit; that is all this allows. A
suggestion the reference does not list for an organisation is still checked
when the reference lists the pair the other way round (the score and the
shared count are symmetric). With --data, a suggestion that only one side
lists (tolerated as a tie with the k-th) is scored from the dataset itself
and must be a candidate with the score and shared count it is listed with.
--strict tolerates nothing: the same suggestions in the same order.
When FILE.sampled exists beside either file (peers/synergy_sample.py writes
it), only the organisations it lists are compared.

Both files are checked for their shape too: the header, CRLF line ends,
ranks 1, 2, ... per organisation, rows by organisation id (byte order)."""
import csv
import io
import os
import sys

HEADER = ['organisation', 'rank', 'suggestion', 'score', 'shared']
REL = 1e-9


class Bad(Exception):
    pass


def close(x, y):
    return abs(x - y) <= REL * max(abs(x), abs(y))


def read(path):
    """Returns {organisation: [(suggestion, score, shared), ...]} in rank order,
    or raises Bad naming the first problem of shape."""
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError as e:
        raise Bad('%s: %s' % (path, e.strerror))
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError as e:
        raise Bad('%s: not UTF-8 (%s)' % (path, e))
    if not text.endswith('\r\n'):
        raise Bad('%s: does not end in CRLF' % path)
    lines = text.split('\r\n')[:-1]
    for i, line in enumerate(lines, 1):
        if '\n' in line or '\r' in line:
            raise Bad('%s:%d: line end other than CRLF' % (path, i))
    rows = list(csv.reader(io.StringIO('\n'.join(lines))))
    if not rows or rows[0] != HEADER:
        raise Bad('%s:1: header %r, expected %r' % (path, rows[0] if rows else None, HEADER))
    out = {}
    last = None
    for n, row in enumerate(rows[1:], 2):
        if len(row) != 5:
            raise Bad('%s:%d: %d fields, expected 5' % (path, n, len(row)))
        org, rank, sugg, score, shared = row
        try:
            rank, score, shared = int(rank), float(score), int(shared)
        except ValueError:
            raise Bad('%s:%d: rank, score or shared is not a number: %r' % (path, n, row))
        if org != last:
            if last is not None and org.encode() <= last.encode():
                raise Bad('%s:%d: %s after %s: not sorted by organisation id, or split'
                          % (path, n, org, last))
            out[org] = []
            last = org
        if rank != len(out[org]) + 1:
            raise Bad('%s:%d: rank %d, expected %d' % (path, n, rank, len(out[org]) + 1))
        if sugg == org:
            raise Bad('%s:%d: %s suggested to itself' % (path, n, org))
        out[org].append((sugg, score, shared))
    return out


def compare_org(org, a, b, k, strict, na, nb, verify=None):
    """Returns (difference or None, tolerated count) for one organisation's
    lists a (reference) and b. verify(org, suggestion), when given, returns
    the pair's (score, shared) from the data, or None when it is no candidate."""
    def show(lst, i):
        s, sc, sh = lst[i]
        return '%s (score %.12g, shared %d)' % (s, sc, sh)

    if len(a) != len(b):
        return ('%s: %s lists %d suggestions, %s %d'
                % (org, na, len(a), nb, len(b))), 0
    for i in range(len(a)):
        if not close(a[i][1], b[i][1]):
            return ('%s rank %d: %s has %s, %s has %s'
                    % (org, i + 1, na, show(a, i), nb, show(b, i))), 0
        if strict and a[i] != b[i] and (a[i][0] != b[i][0] or a[i][2] != b[i][2]):
            return ('%s rank %d: %s has %s, %s has %s'
                    % (org, i + 1, na, show(a, i), nb, show(b, i))), 0
    if strict:
        return None, 0
    boundary = a[-1][1] if len(a) == k else None
    ia = {s: i for i, (s, _, _) in enumerate(a)}
    ib = {s: i for i, (s, _, _) in enumerate(b)}
    for s in sorted(set(ia) | set(ib), key=lambda x: min(ia.get(x, k), ib.get(x, k))):
        if s in ia and s in ib:
            i, j = ia[s], ib[s]
            if not close(a[i][1], b[j][1]) or a[i][2] != b[j][2]:
                return ('%s: suggestion %s: %s has %s at rank %d, %s has %s at rank %d'
                        % (org, s, na, show(a, i), i + 1, nb, show(b, j), j + 1)), 0
        else:
            lst, i, have, lack = (a, ia[s], na, nb) if s in ia else (b, ib[s], nb, na)
            if boundary is None or not close(lst[i][1], boundary):
                return ('%s: %s has %s at rank %d, %s does not list it'
                        % (org, have, show(lst, i), i + 1, lack)), 0
            truth = verify(org, s) if verify else lst[i][1:]
            if truth is None or not close(truth[0], lst[i][1]) or truth[1] != lst[i][2]:
                return ('%s: %s has %s at rank %d, but the data gives %s'
                        % (org, have, show(lst, i), i + 1,
                           'no candidate' if truth is None else
                           'score %.12g, shared %d' % truth)), 0
    tolerated = sum(1 for x, y in zip(a, b) if x[0] != y[0])
    return None, tolerated


def check_symmetry(org, a, lst, na, nb):
    """score(a, b) = score(b, a): a suggestion the reference does not list for
    org may still be listed the other way round, and must then agree."""
    for s, score, shared in lst:
        for t, tscore, tshared in a.get(s, ()):
            if t == org and (not close(tscore, score) or tshared != shared):
                return ('%s: %s has %s (score %.12g, shared %d), but %s has %s for %s '
                        '(score %.12g, shared %d)' % (org, nb, s, score, shared, na, org, s,
                                                      tscore, tshared))
    return None


def compare(ref_path, other_path, k=10, strict=False, names=('reference', 'other'),
            data=None):
    """Returns (ok, message). With data (the dataset folder), a suggestion
    that only one side lists, tolerated as a tie with the k-th, is scored
    from the data and must have the score and shared count it is listed with."""
    na, nb = names
    try:
        a = read(ref_path)
        b = read(other_path)
    except Bad as e:
        return False, 'unreadable: %s' % e
    sample = ''
    for path in (ref_path, other_path):
        if os.path.exists(path + '.sampled'):
            with open(path + '.sampled') as f:
                only = set(f.read().split())
            a = {o: v for o, v in a.items() if o in only}
            b = {o: v for o, v in b.items() if o in only}
            sample = 'sampled, '
    first, differ, tolerated = None, 0, 0
    scorer = []

    def verify(org, s):       # the dataset is read only if it is needed
        if not scorer:
            sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                            'peers'))
            from common import pair_scorer
            scorer.append(pair_scorer(data))
        return scorer[0](org, s)
    for org in sorted(set(a) | set(b), key=str.encode):
        if org not in a or org not in b:
            d = '%s: %s lists %d suggestions, %s %d' % (org, na, len(a.get(org, ())), nb,
                                                       len(b.get(org, ())))
            t = 0
        else:
            d, t = compare_org(org, a[org], b[org], k, strict, na, nb,
                               verify if data else None)
        tolerated += t
        if d is None and org in b:
            d = check_symmetry(org, a, b[org], na, nb)
        if d is not None:
            differ += 1
            first = first or d
    if differ:
        return False, 'differs in %d of %d organisations; first: %s' % (
            differ, len(set(a) | set(b)), first)
    msg = 'equal (%s%d organisations, %d rows' % (sample, len(a), sum(map(len, a.values())))
    if tolerated:
        msg += '; %d suggestions at other ranks within ties' % tolerated
    return True, msg + ')'


def main(argv):
    args, k, strict, data = [], 10, False, None
    it = iter(argv[1:])
    for x in it:
        if x == '--k':
            k = int(next(it))
        elif x == '--data':
            data = next(it)
        elif x == '--strict':
            strict = True
        else:
            args.append(x)
    if len(args) != 2:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    ok, msg = compare(args[0], args[1], k, strict, (args[0], args[1]), data)
    print(msg)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
