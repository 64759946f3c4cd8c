#!/usr/bin/python3
"""Lists the functions of the public headers that no comment covers.

Every function declared in engine/include/klaverblad/*.h opens with a comment
giving its contract (README, "Conventions"). A declaration is covered by the
comment that ends on a line above it, with only declarations, typedefs and
#defines between (a comment may cover a group: kb_node_kind_name() and
kb_rel_kind_name()); a blank line or the end of a struct stops the search.
Exit status 1, and each uncovered function as FILE:LINE: NAME, when there is
one; 0 when there is none.

    contracts.py [INCLUDE_DIR]
"""
import glob
import os
import re
import sys

DECL = re.compile(r'^(?!typedef\b|#|\s)[A-Za-z_][A-Za-z0-9_ ]*[ *]\**(kb_[a-z0-9_]+)\s*\(')


def uncovered(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    for i, line in enumerate(lines):
        m = DECL.match(line)
        if not m:
            continue
        k = i - 1
        while k >= 0:
            above = lines[k].rstrip()
            if above == '' or above.startswith('}'):
                k = -1
                break
            if above.endswith('*/'):
                break
            k -= 1
        if k < 0:
            yield i + 1, m.group(1)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, '..', '..', 'engine', 'include', 'klaverblad')
    found = 0
    for path in sorted(glob.glob(os.path.join(root, '*.h'))):
        for line, name in uncovered(path):
            print('%s:%d: %s has no contract comment' % (path, line, name))
            found += 1
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
