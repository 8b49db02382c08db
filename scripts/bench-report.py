#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""usage: scripts/bench-report.py CONSOLE_LOG OUTPUT_DIR

Turns pidinfo-bench's BENCH and LOCK lines into a Markdown table
(OUTPUT_DIR/bench.md, also printed), the headline ratios the README
quotes, with the date of the run and the kernel that ran it
(OUTPUT_DIR/headline.md), and plots: the speed-ups (OUTPUT_DIR/bench.png)
and the listing times against the number of processes
(OUTPUT_DIR/listing.png).  The date is the console log's (when the guest
wrote it), the kernel what the guest's BENCH-KERNEL line says
(scripts/guest/bench).
Times come from qemu's TCG emulation: the ratios are what count.
"""

import os
import re
import sys
import time


def us(ns):
    return f'{int(ns) / 1000:.1f}'


def per_child_costs(rows):
    """(N, ours, /proc) in ns per child for N >= 100 (below, noise rules)."""
    kids = {int(name.split('=')[1]): (o, t) for name, o, _, _, t, _, _ in rows
            if name.startswith('get_pid_info/children=')}
    if 0 not in kids:
        return []
    o0, t0 = kids[0]
    return [(n, (o - o0) / n, (t - t0) / n)
            for n, (o, t) in sorted(kids.items()) if n >= 100]


def seconds(ns):
    return f'{int(ns) / 1e9:.2f} s'


def faster(ours, theirs):
    return f'{theirs / ours:.1f}x faster'


def slower(ours, theirs):
    return f'{ours / theirs:.1f}x slower'


# The headline rows: the measurement, what it says, how its times are
# shown, and how its ratio reads.
HEADLINES = [
    ('ps/processes=10000',
     "`pidinfo ps` against procps' `ps`, 10,000 processes", seconds, faster),
    ('tree/processes=10000',
     "`pidinfo tree` against psmisc's `pstree -p`, 10,000 processes",
     seconds, faster),
    ('listing/processes=10000',
     "listing 10,000 processes against /proc's readdir and each `stat`",
     seconds, faster),
    ('batched/processes=10000',
     'listing 10,000 processes in batches (`list_pid_info()`) against a '
     'call per process', seconds, faster),
    ('top_refresh_cpu/processes=10000',
     "CPU time of a `pidinfo top -b` refresh against procps' `top -b`, "
     '10,000 processes', seconds, lambda o, t: f'{t / o:.1f}x less'),
    ('get_pid_info/all_fields',
     'one call with every field against the same read from /proc',
     lambda ns: f'{us(ns)} us', faster),
    ('get_pid_info/minimal_vs_getpid',
     'a minimal request (pid, state, ppid, comm) against `getpid()`',
     lambda ns: f'{us(ns)} us', slower),
    ('get_pid_info/minimal_vs_statx',
     'the same against `statx(fd, "", AT_EMPTY_PATH, STATX_TYPE)`',
     lambda ns: f'{us(ns)} us', slower),
]


def headline(rows, date, kernel):
    """The README's Performance section: a few ratios, dated."""
    by_name = {r[0]: r for r in rows}
    md = [f'Run of {date}, {kernel}, under qemu\'s TCG emulation',
          '(medians of 9 rounds; only the ratios mean anything):', '',
          '| measurement | pidinfo | the usual way | ratio |',
          '|---|---|---|---|']
    for name, what, show, ratio in HEADLINES:
        if name in by_name:
            _, o, _, _, t, _, _ = by_name[name]
            md.append(f'| {what} | {show(o)} | {show(t)} | {ratio(o, t)} |')
    listing = [(int(name.split('=')[1]), t / o)
               for name, o, _, _, t, _, _ in rows
               if name.startswith('listing/processes=')]
    if listing:
        sizes, ratios = [n for n, _ in listing], [r for _, r in listing]
        md.append('')
        md.append(f'Listing {min(sizes):,} to {max(sizes):,} processes: '
                  f'{min(ratios):.0f}x to {max(ratios):.0f}x faster than '
                  '/proc.')
    return '\n'.join(md) + '\n'


def main():
    log, out = sys.argv[1], sys.argv[2]
    rows, lock, kernel = [], None, 'an unnamed kernel'
    with open(log, errors='replace') as f:
        for line in f:
            line = re.sub(r'^\[\s*\d+\.\d+\]\s?', '', line.strip())
            if line.startswith('BENCH '):
                name, *nums = line.split()[1:]
                rows.append((name, *map(int, nums)))
            elif line.startswith('LOCK '):
                lock = list(map(int, line.split()[1:]))
            elif line.startswith('BENCH-KERNEL '):
                kernel = line.split(None, 1)[1]
    date = time.strftime('%Y-%m-%d', time.gmtime(os.path.getmtime(log)))

    md = ['| measurement | ours (us) | lo-hi | original (us) | lo-hi | '
          'speed-up |', '|---|---|---|---|---|---|']
    for name, o, olo, ohi, t, tlo, thi in rows:
        md.append(f'| {name} | {us(o)} | {us(olo)}-{us(ohi)} | {us(t)} | '
                  f'{us(tlo)}-{us(thi)} | {t / o:.2f}x |')
    per_child = per_child_costs(rows)
    if per_child:
        md.append('')
        md.append('Cost per child (the call with N children less the call '
                  'with none, over N), in ns: ' + '; '.join(
                      f'{n}: {o:.0f} ours, {t:.0f} /proc'
                      for n, o, t in per_child) + '.')
    if lock:
        kids, collect, call_p99, alone, beside_none, beside_big = lock[:6]
        beside_proc = lock[6] if len(lock) > 6 else None
        stall = max(beside_big - beside_none, 0)
        md.append('')
        md.append(f'tasklist_lock: collecting {kids} children takes '
                  f'{us(collect)} us (median; the call with them, less the '
                  f'call without), {us(call_p99)} us at p99 while a forker '
                  f'runs beside it. fork() p99 (the median of five, each of '
                  f'400 forks): {us(alone)} us alone, '
                  f'{us(beside_none)} us beside a collector of no children, '
                  f'{us(beside_big)} us beside a collector of {kids}: the '
                  f'lock adds {us(stall)} us, '
                  f'{"within" if stall <= call_p99 else "MORE than"} the '
                  f'collecting call at p99.')
        if beside_proc is not None:
            md.append(f'fork() p99 beside a reader of the same {kids} '
                      f'children through /proc/PID/task/*/children: '
                      f'{us(beside_proc)} us; beside get_pid_info(): '
                      f'{us(beside_big)} us '
                      f'({beside_big / max(beside_proc, 1):.2f}x).')
    md.append('')
    md.append('Medians of 9 rounds under qemu TCG; "original" is /proc for '
              'get_pid_info and listing, getpid() or kill(pid, 0) where '
              "the name says, procps' ps for ps, psmisc's pstree for tree, "
              "one get_pid_info() per process for batched, procps' top's "
              'CPU time per refresh for top_refresh_cpu, '
              'the original system call for the others; speed-up = '
              'original / ours.')
    text = '\n'.join(md) + '\n'
    with open(os.path.join(out, 'bench.md'), 'w') as f:
        f.write(text)
    print(text)
    with open(os.path.join(out, 'headline.md'), 'w') as f:
        f.write(headline(rows, date, kernel))

    try:
        import matplotlib
        matplotlib.use('Agg')
        import matplotlib.pyplot as plt
    except ImportError:
        print('no matplotlib: no plot', file=sys.stderr)
        return 0
    names = [r[0] for r in rows]
    ratios = [r[4] / r[1] for r in rows]
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(rows) + 1.5))
    ax.barh(names, ratios, color=['tab:blue' if n.startswith('get_pid_info')
                                  else 'tab:orange' for n in names])
    ax.axvline(1.0, color='black', linewidth=0.8)
    ax.set_xscale('log')
    ax.set_xlabel('speed-up: original time / pidinfo time (log scale)')
    ax.set_title('pidinfo under qemu TCG (median of 9 rounds)')
    ax.invert_yaxis()
    fig.tight_layout()
    fig.savefig(os.path.join(out, 'bench.png'), dpi=100)
    plot_listing(plt, rows, out)
    return 0


def plot_listing(plt, rows, out):
    """Time per listing against the number of processes, both ways."""
    series = {}
    for name, o, _, _, t, _, _ in rows:
        kind, _, n = name.partition('/processes=')
        if n:
            series.setdefault(kind, []).append((int(n), o / 1e6, t / 1e6))
    if not series:
        return
    theirs = {'listing': '/proc', 'ps': "procps' ps", 'tree': 'pstree',
              'batched': 'a call per process',
              'top_refresh_cpu': "procps' top (CPU time)"}
    fig, ax = plt.subplots(figsize=(8, 5))
    for kind, points in sorted(series.items()):
        points.sort()
        ns = [p[0] for p in points]
        line, = ax.plot(ns, [p[1] for p in points], marker='o',
                        label=f'{kind}: pidinfo')
        ax.plot(ns, [p[2] for p in points], marker='s', linestyle='--',
                color=line.get_color(), label=f'{kind}: {theirs.get(kind)}')
    ax.set_xscale('log')
    ax.set_yscale('log')
    ax.set_xlabel('processes')
    ax.set_ylabel('ms per listing (log scale)')
    ax.set_title('Listing every process under qemu TCG (median of 9 rounds)')
    ax.legend(fontsize='small')
    fig.tight_layout()
    fig.savefig(os.path.join(out, 'listing.png'), dpi=100)


if __name__ == '__main__':
    sys.exit(main())
