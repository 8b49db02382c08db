#!/bin/sh
# usage: scripts/kunit.sh
#
# Runs the KUnit suites with kunit.py, as a developer would in the tree:
#   tools/testing/kunit/kunit.py run --kunitconfig=kernel/pidinfo
# under UML for x86_64 on 6.12.  On arm64 and on 6.1 the suites are built
# into the test kernel (scripts/build-kernel.sh) and run by
#   kunit.py exec --arch=$ARCH --build_dir=build/$FLAVOUR
# on kunit.py's qemu machine for the architecture; building kunit.py's own
# kernel beside the test kernel would double the builds.  The raw kernel
# log goes to $RESULTS/kunit.log; the parsed result is printed and decides
# the exit status.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

if [ -n "$KUNIT_UML" ]; then
	set -- run --build_dir="$BUILD/uml$KSUFFIX" --timeout=300 \
		--jobs="$JOBS"
	where=UML
else
	"$top/scripts/build-kernel.sh"
	# Emulating another ISA under TCG is slower.
	set -- exec --build_dir="$BUILD/$FLAVOUR" --arch="$ARCH" --timeout=900
	[ -z "$CROSS_COMPILE" ] || set -- "$@" --cross_compile="$CROSS_COMPILE"
	where="qemu, $ARCH, the test kernel"
fi

mkdir -p "$RESULTS"
cd "$TREE"
log "KUnit: kunit.py $1 --kunitconfig=kernel/pidinfo ($where)"
status=0
./tools/testing/kunit/kunit.py "$@" --kunitconfig=kernel/pidinfo \
	--raw_output=all >"$RESULTS/kunit.log" 2>&1 || status=$?
./tools/testing/kunit/kunit.py parse "$RESULTS/kunit.log" || status=1
[ "$status" -eq 0 ] || log "KUnit failed: see $RESULTS/kunit.log"
exit "$status"
