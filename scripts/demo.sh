#!/bin/sh
# usage: scripts/demo.sh
#
# Boots the pidinfo kernel and runs pidinfo-demo in it: a process tree
# described by get_pid_info() alone, with /proc's value beside each field.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

"$top/scripts/deps.sh"
"$top/scripts/prepare-tree.sh"
mkdir -p "$RESULTS"
"$top/scripts/run-guest.sh" "$BUILD/$FLAVOUR" demo "$RESULTS/demo.log" 300 |
	sed -n '/PIDINFO-DEMO-BEGIN/,/PIDINFO-DEMO-END/p'
grep -q 'PIDINFO-DEMO-END rc=0' "$RESULTS/demo.log" ||
	die "the demo did not finish cleanly: see $RESULTS/demo.log"
