#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""usage: scripts/check-doc-sizes.py

The struct sizes the documents give, against the header that defines
them: every PIDINFO_SIZE_VERn of include/uapi/linux/pidinfo.h must stand
with its number in get_pid_info(2) ("(N bytes)" after the name) and in
pidinfo.rst ("(N)" after the name), and the last must be sizeof(struct
pidinfo) as a compiler lays it out.  Prints each mismatch; exits 1 on any.
"""

import os
import re
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = 'include/uapi/linux/pidinfo.h'
DOCS = {
    'man/man2/get_pid_info.2': r'\.B {name}\n\((\d+) bytes\)',
    'Documentation/userspace-api/pidinfo.rst': r'``{name}``\s+\((\d+)\)',
}


def read(path):
    with open(os.path.join(TOP, path)) as f:
        return f.read()


def struct_size():
    """sizeof(struct pidinfo), from the host compiler."""
    src = ('#include <stdio.h>\n#include <linux/pidinfo.h>\n'
           'int main(void) { printf("%zu\\n", sizeof(struct pidinfo)); }\n')
    with tempfile.TemporaryDirectory() as tmp:
        c, exe = os.path.join(tmp, 's.c'), os.path.join(tmp, 's')
        with open(c, 'w') as f:
            f.write(src)
        subprocess.run(['cc', '-I', os.path.join(TOP, 'include/uapi'),
                        '-o', exe, c], check=True)
        return int(subprocess.run([exe], check=True, capture_output=True,
                                  text=True).stdout)


def main():
    sizes = re.findall(r'#define\s+(PIDINFO_SIZE_VER\d+)\s+(\d+)',
                       read(HEADER))
    if not sizes:
        print(f'{HEADER}: no PIDINFO_SIZE_VERn')
        return 1
    bad = 0
    for doc, pattern in DOCS.items():
        text = read(doc)
        for name, size in sizes:
            found = re.findall(pattern.format(name=name), text)
            if found != [size]:
                print(f'{doc}: {name} is {size} in {HEADER}, '
                      f'the document says {found or "nothing"}')
                bad += 1
    last, size = sizes[-1]
    if struct_size() != int(size):
        print(f'{HEADER}: sizeof(struct pidinfo) is {struct_size()}, '
              f'{last} says {size}')
        bad += 1
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
