#!/bin/sh
# usage: scripts/test.sh
#
# Everything "make test" does: install what is missing, prepare the tree,
# build the test kernel and run its KUnit suites with kunit.py exec
# (scripts/kunit.sh), build the selftests, boot them on the same kernel
# under qemu, and judge both logs.  Results: build/test-results/.
#
# ARCH=arm64 cross-builds and boots under qemu-system-aarch64.  KERNEL=6.1
# does the same on Debian's linux-source-6.1.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

"$top/scripts/deps.sh"
"$top/scripts/prepare-tree.sh"
fresh_dir "$RESULTS"

# Each step records its failure and the run goes on, so one report shows
# everything; the judge decides the exit status.
kunit_ok=1
"$top/scripts/kunit.sh" || kunit_ok=0

boot_ok=1
limit=900
[ "$ARCH" = x86_64 ] || limit=1800	# emulating another ISA is slower
"$top/scripts/run-guest.sh" "$BUILD/$FLAVOUR" test "$RESULTS/console.log" \
	$limit || boot_ok=0

log "results ($ARCH, Linux $KERNEL)"
status=0
python3 "$top/scripts/judge.py" --kunit "$RESULTS/kunit.log" \
	--console "$RESULTS/console.log" "$RESULTS" || status=1
[ "$kunit_ok" -eq 1 ] || { log "kunit.py reported a failure"; status=1; }
[ "$boot_ok" -eq 1 ] || { log "the guest did not finish cleanly"; status=1; }
exit "$status"
