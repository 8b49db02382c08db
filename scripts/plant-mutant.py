#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""usage: scripts/plant-mutant.py LIST --names
       scripts/plant-mutant.py LIST --check DIR
       scripts/plant-mutant.py LIST NAME DIR

The mutants of make mutate.  LIST holds one edit per line, tab-separated:
NAME, TARGET (test or test-debug), FILE, OLD, NEW; in OLD and NEW, \\n
stands for a newline and \\t for a tab.  Lines with the same NAME are one
mutant (a lock and its unlock, say).  Blank lines and lines starting
with # are ignored.

--names prints each mutant's name and target, in order.  --check says
whether every edit of every mutant would plant in the repository at DIR
(make check runs it, so that a change to the code cannot leave a mutant
behind unnoticed).  Otherwise the
edits of mutant NAME are made in the copy of the repository at DIR: OLD,
which must occur exactly once in DIR/FILE, becomes NEW.  Exits 1, naming
the edit, if one does not match.
"""

import sys


def unescape(text):
    return text.replace('\\n', '\n').replace('\\t', '\t')


def read_list(path):
    mutants = {}
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            fields = line.split('\t')
            if len(fields) != 5 or fields[1] not in ('test', 'test-debug'):
                sys.exit(f'{path}:{number}: want NAME TARGET FILE OLD NEW, '
                         'tab-separated, TARGET test or test-debug')
            name, target, file, old, new = fields
            mutant = mutants.setdefault(name, {'target': target, 'edits': []})
            mutant['edits'].append((number, file, unescape(old), unescape(new)))
    return mutants


def read_if_once(root, file, old):
    """FILE's text if OLD occurs in it exactly once, else None."""
    with open(f'{root}/{file}') as f:
        text = f.read()
    return text if text.count(old) == 1 else None


def plant(mutant, root):
    for number, file, old, new in mutant['edits']:
        text = read_if_once(root, file, old)
        if text is None:
            print(f'line {number}: the text is not in {file} exactly once')
            return 1
        with open(f'{root}/{file}', 'w') as f:
            f.write(text.replace(old, new))
    return 0


def check(mutants, root):
    stale = 0
    for name, mutant in mutants.items():
        for number, file, old, _ in mutant['edits']:
            if read_if_once(root, file, old) is None:
                print(f'line {number} ({name}): the text is not in '
                      f'{file} exactly once')
                stale += 1
    return 1 if stale else 0


def main():
    args = sys.argv[1:]
    if len(args) == 3 and args[1] == '--check':
        return check(read_list(args[0]), args[2])
    if len(args) == 2 and args[1] == '--names':
        for name, mutant in read_list(args[0]).items():
            print(name, mutant['target'])
        return 0
    if len(args) != 3:
        sys.exit(__doc__)
    mutants = read_list(args[0])
    if args[1] not in mutants:
        sys.exit(f'no mutant {args[1]} in {args[0]}')
    return plant(mutants[args[1]], args[2])


if __name__ == '__main__':
    sys.exit(main())
