#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""usage: scripts/judge.py [--kunit LOG] [--console LOG] RESULTS_DIR
       scripts/judge.py --reported LOG

Reads the KUnit log (a kernel log with KTAP, from kunit.py) and the guest
console log (kselftest TAP between PIDINFO-SELFTEST markers), counts every
leaf test case, scans both logs for kernel reports (BUG, WARNING, Oops,
...), writes the extracted TAP and a summary into RESULTS_DIR, prints
per-suite counts and ends with 'N passed, N failed'.  Exits 1 on any
failure, skip, kernel report, missing marker or missing test.  A skip is a
failure here: the kernels under test are built with everything the tests
need.

--reported only says whether LOG, perhaps still being written, holds a
kernel report yet: it prints the first and exits 0 if so, 1 if not.
"""

import argparse
import os
import re
import sys

RESULT = re.compile(r'^(?P<indent>\s*)(?P<res>ok|not ok) \d+\s*(?:- )?'
                    r'(?P<name>[^#]*?)\s*(?:#\s*(?P<directive>.*))?$')
TIMESTAMP = re.compile(r'^\[\s*\d+\.\d+\]\s?')
PLAN = re.compile(r'^(?P<indent>\s*)1\.\.(?P<n>\d+)\s*$')

# What the kernel prints when something is wrong, whatever the test says.
REPORTS = {
    'BUG': re.compile(r'\bBUG:'),
    'WARNING': re.compile(r'\bWARNING:'),
    'Oops': re.compile(r'\bOops\b'),
    'panic': re.compile(r'Kernel panic'),
    'Call Trace': re.compile(r'Call Trace:'),
    'general protection': re.compile(r'general protection fault'),
    'KASAN': re.compile(r'BUG: KASAN'),
    'UBSAN': re.compile(r'UBSAN:'),
    'lockdep': re.compile(r'possible (circular|recursive) locking|'
                          r'inconsistent lock state'),
    'RCU': re.compile(r'suspicious RCU usage|rcu_.*detected stall'),
    'sleep in atomic': re.compile(r'sleeping function called from invalid'),
    'kmemleak': re.compile(r'kmemleak: \d+ new suspected memory leaks|'
                           r'unreferenced object 0x'),
    'hung task': re.compile(r'blocked for more than \d+ seconds'),
}


class Counts:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.failures = []
        self.seconds = None


def count_leaves(lines, counts):
    """Counts leaf results of (K)TAP: a result line with no subtest results
    above it since the previous result at its level.  Indentation gives the
    level (4 spaces per level for KTAP; kselftest TAP is flat)."""
    has_subtests = {}
    for line in lines:
        m = RESULT.match(line)
        if not m:
            continue
        level = len(m.group('indent').expandtabs()) // 4
        leaf = not has_subtests.get(level + 1, False)
        has_subtests[level + 1] = False
        has_subtests[level] = True
        if not leaf:
            continue
        directive = (m.group('directive') or '').upper()
        name = m.group('name').strip()
        if directive.startswith('SKIP'):
            counts.skipped += 1
            counts.failures.append(f'{name} (skipped)')
        elif m.group('res') == 'ok':
            counts.passed += 1
        else:
            counts.failed += 1
            counts.failures.append(name)


def short_plans(lines):
    """How many results each (K)TAP plan announced and got, for the plans
    that got fewer: a test that crashed or hung leaves its own result, and
    those of the tests after it, unwritten."""
    short, open_plans = [], []     # [level, announced, seen]

    def close(level):
        while open_plans and open_plans[-1][0] >= level:
            _, announced, seen = open_plans.pop()
            if seen < announced:
                short.append((announced, seen))

    for line in lines:
        plan, result = PLAN.match(line), RESULT.match(line)
        if not plan and not result:
            continue
        level = len((plan or result).group('indent').expandtabs()) // 4
        if plan:
            close(level)
            open_plans.append([level, int(plan.group('n')), 0])
            continue
        close(level + 1)
        if open_plans and open_plans[-1][0] == level:
            open_plans[-1][2] += 1
    close(0)
    return short


def strip(line):
    return TIMESTAMP.sub('', line.rstrip('\n'))


def report_kind(line):
    """The kind of kernel report @line is, or None."""
    for kind, pattern in REPORTS.items():
        if pattern.search(line):
            return kind
    return None


def scan_reports(lines):
    found = {}
    for line in lines:
        kind = report_kind(line)
        if kind:
            found.setdefault(kind, []).append(line)
    return found


def reported(path):
    try:
        with open(path, errors='replace') as f:
            lines = [strip(l) for l in f]
    except FileNotFoundError:
        return 1
    first = next((line for line in lines if report_kind(line)), None)
    if first is None:
        return 1
    print(first)
    return 0


def judge_kunit(path, results, problems):
    counts = Counts()
    if not os.path.exists(path):
        problems.append(f'no KUnit log at {path}')
        return counts, []
    with open(path, errors='replace') as f:
        lines = [strip(l) for l in f]
    try:
        start = next(i for i, l in enumerate(lines)
                     if l.strip().startswith('KTAP version'))
    except StopIteration:
        problems.append(f'no KTAP output in {path}')
        return counts, lines
    # Reports are looked for from the tests on: UML's own boot (virt-pci
    # without a device) warns before any test runs, whatever is tested.
    # In a guest's console, KUnit runs at boot and the kselftests after.
    try:
        end = lines.index('PIDINFO-TESTS-BEGIN', start)
    except ValueError:
        end = len(lines)
    ktap = [l for l in lines[start:end]
            if RESULT.match(l) or l.lstrip().startswith(('#', 'KTAP', '1..'))]
    with open(os.path.join(results, 'kunit.ktap'), 'w') as f:
        f.write('\n'.join(ktap) + '\n')
    count_leaves(ktap, counts)
    for announced, seen in short_plans(ktap):
        problems.append(f'KUnit: a plan of {announced} test(s) got {seen} '
                        f'result(s) (crash, hang or timeout): see {path}')
    return counts, lines[start:]


def judge_kselftest(path, results, problems):
    suites = {}
    if not os.path.exists(path):
        problems.append(f'no console log at {path}: the guest was never '
                        'booted (a build failed?)')
        return suites, []
    with open(path, errors='replace') as f:
        lines = [strip(l) for l in f]
    if 'PIDINFO-TESTS-END' not in lines:
        problems.append('the guest never reached the end of its tests '
                        '(crash, hang or timeout): see ' + path)
    tap, current, seconds = [], None, {}
    for line in lines:
        if line.startswith('PIDINFO-SELFTEST-BEGIN '):
            current = line.split()[1]
            # A program run again (REPEAT=N) adds to its counts.
            suites.setdefault(current, [])
            continue
        if line.startswith('PIDINFO-SELFTEST-END ') and current:
            rc = line.rsplit('rc=', 1)[-1]
            took = re.search(r' took=(\d+) ', line)
            if took:
                seconds[current] = (seconds.get(current, 0) +
                                    int(took.group(1)))
            if rc != '0':
                problems.append(f'{current} exited with status {rc}')
            current = None
            continue
        if current:
            suites[current].append(line)
            tap.append(line)
    with open(os.path.join(results, 'kselftest.tap'), 'w') as f:
        f.write('\n'.join(tap) + '\n')
    counted = {}
    for name, body in suites.items():
        counts = Counts()
        counts.seconds = seconds.get(name)
        count_leaves(body, counts)
        if counts.passed + counts.failed + counts.skipped == 0:
            problems.append(f'{name} reported no test results')
        counted[name] = counts
    if not suites:
        problems.append('no kselftest ran in the guest')
    return counted, lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--kunit')
    ap.add_argument('--console')
    ap.add_argument('--reported')
    ap.add_argument('results', nargs='?')
    args = ap.parse_args()
    if args.reported:
        return reported(args.reported)
    if not args.results:
        ap.error('RESULTS_DIR is required')
    os.makedirs(args.results, exist_ok=True)

    problems, per_suite, logs = [], {}, []
    if args.kunit:
        per_suite['kunit'], lines = judge_kunit(args.kunit, args.results,
                                                problems)
        logs.append((args.kunit, lines))
    if args.console:
        counted, lines = judge_kselftest(args.console, args.results, problems)
        per_suite.update({'kselftest ' + k: v for k, v in counted.items()})
        logs.append((args.console, lines))

    seen = {kind: 0 for kind in REPORTS}
    # One log may hold both runs (KUnit at boot): the whole console wins.
    for path, lines in dict(logs).items():
        for kind, hits in scan_reports(lines).items():
            seen[kind] += len(hits)
            problems.append(f'{len(hits)} "{kind}" report(s) in {path}, '
                            f'first: {hits[0].strip()}')

    passed = sum(c.passed for c in per_suite.values())
    failed = sum(c.failed + c.skipped for c in per_suite.values())
    summary = []
    for name, c in per_suite.items():
        took = '' if c.seconds is None else f' ({c.seconds} s)'
        summary.append(f'{name}: {c.passed} passed, {c.failed} failed, '
                       f'{c.skipped} skipped{took}')
        summary.extend(f'  FAIL {f}' for f in c.failures)
    summary.append('kernel reports: ' +
                   ', '.join(f'{kind} {n}' for kind, n in seen.items()))
    summary.extend(f'problem: {p}' for p in problems)
    summary.append(f'{passed} passed, {failed} failed')
    with open(os.path.join(args.results, 'summary.txt'), 'w') as f:
        f.write('\n'.join(summary) + '\n')
    print('\n'.join(summary))
    return 1 if failed or problems or not passed else 0


if __name__ == '__main__':
    sys.exit(main())
