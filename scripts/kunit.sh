#!/bin/sh
# usage: scripts/kunit.sh [exec|run]
#
# Runs the KUnit suites (kernel/pidinfo/.kunitconfig) with kunit.py:
#   exec  (the default, "make test") boots the test kernel, which has the
#         suites built in (scripts/build-kernel.sh), on kunit.py's qemu
#         machine for $ARCH:
#           kunit.py exec --arch=$ARCH --build_dir=build/$FLAVOUR
#   run   ("make kunit", and scripts/mutate.sh for its quick first verdict)
#         builds and runs kunit.py's own kernel, as a developer does in the
#         tree: UML on x86_64, kunit.py's qemu machine on arm64:
#           kunit.py run --kunitconfig=kernel/pidinfo
# The raw kernel log goes to $RESULTS/kunit.log; the parsed result is
# printed and decides the exit status.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

case ${1:-exec} in
exec)
	"$top/scripts/build-kernel.sh"
	# Emulating another ISA under TCG is slower.
	set -- exec --build_dir="$BUILD/$FLAVOUR" --arch="$ARCH" --timeout=900
	where="qemu, $ARCH, the test kernel"
	;;
run)
	if [ "$ARCH" = x86_64 ]; then
		set -- run --build_dir="$BUILD/uml$KSUFFIX" --timeout=300
		where=UML
	else
		set -- run --build_dir="$BUILD/kunit-$FLAVOUR" --arch="$ARCH" \
			--timeout=900
		where="qemu, $ARCH, kunit.py's kernel"
	fi
	set -- "$@" --jobs="$JOBS"
	;;
*)
	die "usage: scripts/kunit.sh [exec|run]"
	;;
esac
[ -z "$CROSS_COMPILE" ] || set -- "$@" --cross_compile="$CROSS_COMPILE"

mkdir -p "$RESULTS"
cd "$TREE"
log "KUnit: kunit.py $1 --kunitconfig=kernel/pidinfo ($where)"
status=0
./tools/testing/kunit/kunit.py "$@" --kunitconfig=kernel/pidinfo \
	--raw_output=all >"$RESULTS/kunit.log" 2>&1 || status=$?
./tools/testing/kunit/kunit.py parse "$RESULTS/kunit.log" || status=1
[ "$status" -eq 0 ] || log "KUnit failed: see $RESULTS/kunit.log"
exit "$status"
