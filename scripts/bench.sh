#!/bin/sh
# usage: scripts/bench.sh
#
# Boots the pidinfo kernel (make test's) and runs pidinfo-bench in it:
# get_pid_info against /proc, and the re-implemented calls against the
# originals.  Prints the table, and writes it with the headline ratios
# the README quotes and the plots to build/bench/ (bench.md, headline.md,
# bench.png, listing.png, the raw console log).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

"$top/scripts/deps.sh" bench
"$top/scripts/prepare-tree.sh"
results=$BUILD/bench
mkdir -p "$results"
# Under TCG the guest's TSC runs at the host's rate.  The guest has no
# reference timer (HPET, ACPI PM) and its calibration against the PIT fails
# when the host is busy, leaving it on 4 ms jiffies: it is told the rate.
khz=$(awk -F: '/^cpu MHz/ { printf "%d", $2 * 1000; exit }' /proc/cpuinfo)
APPEND="tsc=reliable ${khz:+tsc_early_khz=$khz}" MEM=3G \
	"$top/scripts/run-guest.sh" "$BUILD/$FLAVOUR" bench \
	"$results/console.log" 1800 >/dev/null
grep -q 'PIDINFO-BENCH-END rc=0' "$results/console.log" ||
	die "the benchmark did not finish: see $results/console.log"
/usr/bin/python3 "$top/scripts/bench-report.py" "$results/console.log" "$results"
