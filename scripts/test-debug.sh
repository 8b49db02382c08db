#!/bin/sh
# usage: scripts/test-debug.sh
#
# make test on a kernel built with the kernel's own checkers (KASAN,
# KFENCE, lockdep, PROVE_RCU, DEBUG_ATOMIC_SLEEP, kmemleak, UBSAN,
# DEBUG_LIST, DEBUG_OBJECTS: configs/debug.config), on 2 vCPUs.  The KUnit
# suites are built in and run at boot, the kselftests after them, then a
# kmemleak scan.  Any report in the console fails the run; the judge
# prints how many of each kind it saw.  Results: build/test-results/debug/.
# REPEAT=N runs the selftests N times over; SELFTESTS=REGEX picks programs.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

"$top/scripts/deps.sh"
"$top/scripts/prepare-tree.sh"
results=$RESULTS/debug
fresh_dir "$results"

boot_ok=1
# KUnit reports at KERN_INFO: show it on the console.  The 32-bit
# selftests run in make test: the compat entries are thin wrappers around
# the code the 64-bit programs drive here, and the checkers make each
# program several times slower, so they are left out to keep CI short.
# REPEAT=N runs the selftests N times over in the one boot (flakes), with
# N times the time limit; SELFTESTS picks programs (run-guest.sh).
repeat=${REPEAT:-1}
APPEND="loglevel=7 pidinfo_repeat=$repeat" MEM=2G M32=0 \
	"$top/scripts/run-guest.sh" "$BUILD/$FLAVOUR-debug" test \
	"$results/console.log" $((2400 * repeat)) \
	"$top/configs/debug.config" || boot_ok=0

log "results (debug kernel)"
status=0
python3 "$top/scripts/judge.py" --kunit "$results/console.log" \
	--console "$results/console.log" "$results" || status=1
[ "$boot_ok" -eq 1 ] || { log "the guest did not finish cleanly"; status=1; }
exit "$status"
