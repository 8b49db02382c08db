#!/bin/sh
# usage: [FUZZ_SECONDS=600] scripts/fuzz.sh [SECONDS]
#
# Runs pidinfo_fuzz for SECONDS (default $FUZZ_SECONDS, or 600) on the debug kernel of
# make test-debug (built if needed), then judges the console: only
# documented errnos, and no kernel report of any kind.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

seconds=${1:-${FUZZ_SECONDS:-600}}
"$top/scripts/deps.sh"
"$top/scripts/prepare-tree.sh"
results=$RESULTS/fuzz
fresh_dir "$results"

# The checkers' kernel of make test-debug, in the same build directory.
boot_ok=1
APPEND="fuzz_seconds=$seconds" MEM=2G "$top/scripts/run-guest.sh" \
	"$BUILD/$FLAVOUR-debug" fuzz "$results/console.log" \
	$((seconds + 600)) "$top/configs/debug.config" || boot_ok=0
status=0
python3 "$top/scripts/judge.py" --console "$results/console.log" \
	"$results" || status=1
[ "$boot_ok" -eq 1 ] || { log "the guest did not finish cleanly"; status=1; }
exit "$status"
