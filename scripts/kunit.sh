#!/bin/sh
# usage: scripts/kunit.sh
#
# Runs the KUnit suites as a developer would in the tree:
#   tools/testing/kunit/kunit.py run --kunitconfig=kernel/pidinfo
# under UML on x86_64, and with ARCH=arm64 on kunit.py's own arm64 qemu
# machine (--arch=arm64 --cross_compile=$CROSS_COMPILE).  The raw kernel
# log goes to $RESULTS/kunit.log; the parsed result is printed and decides
# the exit status.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

if [ "$ARCH" = x86_64 ]; then
	set -- --build_dir="$BUILD/uml$KSUFFIX" --timeout=300
	where=UML
else
	# Emulating another ISA under TCG is slower.
	set -- --build_dir="$BUILD/kunit-$ARCH$KSUFFIX" --arch="$ARCH" \
		--cross_compile="$CROSS_COMPILE" --timeout=900
	where="qemu, $ARCH"
fi

mkdir -p "$RESULTS"
cd "$TREE"
log "KUnit: kunit.py run --kunitconfig=kernel/pidinfo ($where)"
status=0
./tools/testing/kunit/kunit.py run --kunitconfig=kernel/pidinfo "$@" \
	--jobs="$JOBS" --raw_output=all \
	>"$RESULTS/kunit.log" 2>&1 || status=$?
./tools/testing/kunit/kunit.py parse "$RESULTS/kunit.log" || status=1
[ "$status" -eq 0 ] || log "KUnit failed: see $RESULTS/kunit.log"
exit "$status"
