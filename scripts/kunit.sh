#!/bin/sh
# usage: scripts/kunit.sh
#
# Runs the KUnit suites under UML, as a developer would in the tree:
#   tools/testing/kunit/kunit.py run --kunitconfig=kernel/pidinfo
# The raw kernel log goes to build/test-results/kunit.log; the parsed
# result is printed and decides the exit status.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

mkdir -p "$RESULTS"
cd "$TREE"
log "KUnit: kunit.py run --kunitconfig=kernel/pidinfo (UML)"
status=0
./tools/testing/kunit/kunit.py run --kunitconfig=kernel/pidinfo \
	--build_dir="$BUILD/uml$KSUFFIX" --jobs="$JOBS" --timeout=300 \
	--raw_output=all >"$RESULTS/kunit.log" 2>&1 || status=$?
./tools/testing/kunit/kunit.py parse "$RESULTS/kunit.log" || status=1
[ "$status" -eq 0 ] || log "KUnit failed: see $RESULTS/kunit.log"
exit "$status"
