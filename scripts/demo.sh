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
"$top/scripts/build-kernel.sh"

out=$BUILD/$FLAVOUR
stage=$out/demo-payload
rm -rf "$stage"
mkdir -p "$stage/bin" "$RESULTS"
log "building pidinfo-demo and pidinfo(1)"
for prog in pidinfo-demo pidinfo; do
	$TARGET_CC -static -O2 -Wall -pthread -isystem "$out/usr/include" \
		-I "$TREE/tools/testing/selftests/pidinfo" \
		-I "$TREE/tools/pidinfo" \
		-o "$stage/bin/$prog" "$TREE/tools/pidinfo/$prog.c"
done
"$top/scripts/build-initramfs.sh" "$out/demo-initramfs.cpio" \
	"$top/scripts/guest/init-demo" "$stage"
"$top/scripts/boot.sh" "$out/$IMAGE" \
	"$out/demo-initramfs.cpio" "$RESULTS/demo.log" 300 |
	sed -n '/PIDINFO-DEMO-BEGIN/,/PIDINFO-DEMO-END/p'
grep -q 'PIDINFO-DEMO-END rc=0' "$RESULTS/demo.log" ||
	die "the demo did not finish cleanly: see $RESULTS/demo.log"
