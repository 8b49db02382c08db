#!/bin/sh
# usage: scripts/test.sh
#
# Everything "make test" does: install what is missing, prepare the tree,
# run KUnit under UML, build the guest kernel and the selftests, boot them
# under qemu, and judge both logs.  Results: build/test-results/.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

"$top/scripts/deps.sh"
"$top/scripts/prepare-tree.sh"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# Each step records its failure and the run goes on, so one report shows
# everything; the judge decides the exit status.
kunit_ok=1
"$top/scripts/kunit.sh" || kunit_ok=0

out=$BUILD/$ARCH
"$top/scripts/build-guest.sh" "$out" "$top/scripts/guest/init-test" test
boot_ok=1
"$top/scripts/boot.sh" "$out/arch/x86/boot/bzImage" \
	"$out/test-initramfs.cpio" "$RESULTS/console.log" || boot_ok=0

log "results"
status=0
python3 "$top/scripts/judge.py" --kunit "$RESULTS/kunit.log" \
	--console "$RESULTS/console.log" "$RESULTS" || status=1
[ "$kunit_ok" -eq 1 ] || { log "kunit.py reported a failure"; status=1; }
[ "$boot_ok" -eq 1 ] || { log "the guest did not finish cleanly"; status=1; }
exit "$status"
