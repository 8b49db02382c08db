#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Build the patch series as commits on top of the pristine tree.

usage: series.py TREE BASE FINAL SERIES_DIR[:SERIES_DIR...] BRANCH

TREE is the kernel git tree, BASE the pristine commit, FINAL the commit
holding pristine + patches/ + the overlay (what "make test" builds).
Each SERIES_DIR holds one description per commit (see series/README);
the directories' commits come in the order given.  Each
commit gets the files its "Files:" globs name, minus the added units that
a later commit's "Units:" regexes claim, so every commit is whole.  The
last commit's tree must equal FINAL's; BRANCH is set to the last commit.
"""

import fnmatch
import os
import re
import subprocess
import sys


def git(tree, *args, data=None, env=None):
    out = subprocess.run(["git", "-C", tree, *args], input=data, env=env,
                         capture_output=True, check=False)
    if out.returncode:
        sys.exit("git %s: %s" % (" ".join(args), out.stderr.decode().strip()))
    return out.stdout


class Commit:
    def __init__(self, path):
        self.name = os.path.basename(path)
        self.dir = os.path.dirname(path)
        self.globs, self.units = [], []
        with open(path, encoding="utf-8") as f:
            text = f.read()
        head, _, self.message = text.partition("\n\n")
        for line in head.splitlines():
            key, _, value = line.partition(":")
            if key == "Files":
                self.globs += value.split()
            elif key == "Units":
                self.units.append(re.compile(value.strip(), re.M))
            else:
                sys.exit("%s: unknown header %r" % (self.name, key))
        if not self.globs or not self.message.strip():
            sys.exit("%s: needs Files: and a message" % self.name)

    def owns(self, path):
        return any(fnmatch.fnmatchcase(path, g) for g in self.globs)


def split_units(lines, paragraphs):
    """Group lines into units: a statement with its continuation lines and
    the comment before it, or (in Kconfig) a paragraph.  Blank lines are
    units of their own."""
    units, pending, i = [], [], 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            if pending:
                units.append(pending)
                pending = []
            units.append([line])
            i += 1
            continue
        if paragraphs:
            j = i
            while j < len(lines) and lines[j].strip():
                j += 1
            units.append(lines[i:j])
            i = j
            continue
        stripped = line.lstrip()
        if stripped.startswith("/*"):
            j = i
            while "*/" not in lines[j] and j + 1 < len(lines):
                j += 1
            pending += lines[i:j + 1]
            i = j + 1
            continue
        j, depth = i, 0
        while True:
            text = lines[j]
            depth += text.count("(") + text.count("{")
            depth -= text.count(")") + text.count("}")
            j += 1
            if j >= len(lines) or (depth <= 0 and not text.endswith("\\")):
                break
        units.append(pending + lines[i:j])
        pending = []
        i = j
    if pending:
        units.append(pending)
    return units


def added_lines(tree, base, final, path):
    """Indexes (0-based) of FINAL's lines of PATH that BASE lacks."""
    diff = git(tree, "diff", "-U0", "--no-color", base, final, "--", path)
    added = set()
    for m in re.finditer(rb"^@@ -\S+ \+(\d+)(?:,(\d+))? @@", diff, re.M):
        start, count = int(m.group(1)), int(m.group(2) or 1)
        added.update(range(start - 1, start - 1 + count))
    return added


def fix_nr_syscalls(lines):
    """asm-generic/unistd.h counts the syscalls the file defines."""
    nrs = [int(m.group(1)) for line in lines
           for m in [re.match(r"#define __NR_(?!syscalls )\w+ (\d+)$", line)]
           if m]
    return [("#define __NR_syscalls %d" % (max(nrs) + 1))
            if line.startswith("#define __NR_syscalls ") else line
            for line in lines]


def filtered(path, lines, added, later, dropped):
    """LINES of PATH without the added units that a LATER regex claims."""
    out = []          # (line, is_added)
    i = 0
    paragraphs = os.path.basename(path).startswith("Kconfig")
    while i < len(lines):
        if i not in added:
            out.append((lines[i], False))
            i += 1
            continue
        j = i
        while j < len(lines) and j in added:
            j += 1
        for unit in split_units(lines[i:j], paragraphs):
            text = "\n".join(unit)
            if unit[0].strip() and any(r.search(text) for r in later):
                dropped.append("%s: %s" % (path, unit[-1].strip()))
                continue
            out += [(u, True) for u in unit]
        i = j
    # Dropping units can leave two blank lines together, or one at the end.
    result = []
    for line, new in out:
        blank = not line.strip()
        if blank and new and (not result or not result[-1][0].strip()):
            continue
        if blank and not new and result and not result[-1][0].strip() \
                and result[-1][1]:
            result.pop()
        result.append((line, new))
    while result and result[-1][1] and not result[-1][0].strip():
        result.pop()
    lines = [line for line, _ in result]
    if path == "include/uapi/asm-generic/unistd.h":
        lines = fix_nr_syscalls(lines)
    return lines


def identity():
    """Who signs the series off: git's user, else the last commit's author."""
    got = []
    for key, fmt in (("user.name", "%an"), ("user.email", "%ae")):
        out = subprocess.run(["git", "config", key], capture_output=True,
                             check=False).stdout.decode().strip()
        got.append(out or git(".", "log", "-1", "--format=" + fmt)
                   .decode().strip())
    return got


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    tree, base, final, series_dir, branch = sys.argv[1:]
    tree = os.path.abspath(tree)
    commits = [Commit(os.path.join(d, n)) for d in series_dir.split(":")
               for n in sorted(os.listdir(d)) if n.endswith(".txt")]

    changed = git(tree, "diff", "--name-only", "--no-renames", base,
                  final).decode().split()
    owner = {}
    for path in changed:
        owners = [k for k, c in enumerate(commits) if c.owns(path)]
        if len(owners) != 1:
            sys.exit("%s: claimed by %d series files, not 1: %s" % (
                path, len(owners), [commits[k].name for k in owners]))
        owner[path] = owners[0]

    modes = {}
    for line in git(tree, "ls-tree", "-r", final, "--",
                    *changed).decode().splitlines():
        meta, path = line.split("\t", 1)
        modes[path] = meta.split()[0]
    for path in changed:
        if path not in modes:
            sys.exit("%s: deleted files are not supported" % path)
    # Each file's final text and added lines, read once for all commits.
    final_lines = {p: git(tree, "show", "%s:%s" % (final, p)).decode()
                   .split("\n") for p in changed}
    added = {p: added_lines(tree, base, final, p) for p in changed}

    # Dated by the repo's last commit, so the same repo gives the same
    # series.
    name, email = identity()
    date = git(".", "log", "-1", "--format=%cI").decode().strip()
    env = dict(os.environ, GIT_INDEX_FILE=os.path.join(
        tree, ".git", "series-index"),
        GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email, GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_NAME=name, GIT_COMMITTER_EMAIL=email,
        GIT_COMMITTER_DATE=date)
    parent = git(tree, "rev-parse", base).decode().strip()
    git(tree, "read-tree", base, env=env)
    verbose = os.environ.get("V") == "1"

    for k, commit in enumerate(commits):
        dropped = []
        for path in changed:
            if owner[path] > k:
                continue
            # A commit's Units hold back lines only in its own series'
            # files, not in another kernel's preparatory commits.
            later = [r for c in commits[k + 1:] for r in c.units
                     if c.dir == commits[owner[path]].dir]
            content = "\n".join(filtered(path, final_lines[path],
                                         added[path], later, dropped))
            sha = git(tree, "hash-object", "-w", "--stdin",
                      data=content.encode()).decode().strip()
            git(tree, "update-index", "--add", "--cacheinfo",
                "%s,%s,%s" % (modes[path], sha, path), env=env)
        tree_sha = git(tree, "write-tree", env=env).decode().strip()
        message = commit.message.rstrip() + \
            "\n\nSigned-off-by: %s <%s>\n" % (name, email)
        parent = git(tree, "commit-tree", tree_sha, "-p", parent,
                     data=message.encode(), env=env).decode().strip()
        print("%s %s" % (parent[:12], message.splitlines()[0]))
        if verbose:
            for d in dropped:
                print("    held back: " + d)

    os.unlink(env["GIT_INDEX_FILE"])
    want = git(tree, "rev-parse", final + "^{tree}").decode().strip()
    got = git(tree, "rev-parse", parent + "^{tree}").decode().strip()
    if want != got:
        sys.exit("the series does not add up to the tested tree:\n" +
                 git(tree, "diff", "--stat", parent, final).decode())
    git(tree, "branch", "-f", branch, parent)


if __name__ == "__main__":
    main()
