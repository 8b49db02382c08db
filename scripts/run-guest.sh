#!/bin/sh
# usage: [MEM=..] [APPEND=..] [SELFTESTS=..] [M32=0] [PROBE=1] \
#        scripts/run-guest.sh OUTDIR JOB LOG TIMEOUT [fragment...]
#
# The one way a job reaches a guest.  Builds the kernel in OUTDIR with
# the extra config fragments (scripts/build-kernel.sh), the programs JOB
# needs against that kernel's headers, and OUTDIR/JOB-initramfs.cpio,
# whose /init (scripts/guest/init) mounts the usual filesystems, runs
# scripts/guest/JOB and powers off; boots it (scripts/boot.sh), saving the
# console to LOG, qemu killed after TIMEOUT seconds.  Exits non-zero if a
# build failed or the guest did not end by itself; judging LOG is the
# caller's.
#
# JOB is one of:
#   test    the kselftests (all of kselftest-list.txt, or those SELFTESTS
#           names), with procps' ps and psmisc's pstree beside them
#   fuzz    pidinfo_fuzz, for fuzz_seconds=N of APPEND
#   demo    pidinfo-demo, with pidinfo(1)
#   bench   pidinfo-bench, with pidinfo(1), ps and pstree
#   enosys  enosys-probe: every call must answer ENOSYS
#
# Environment:
#   MEM, APPEND  the guest's memory and extra kernel parameters (boot.sh)
#   SELFTESTS    for test: programs to keep, a grep -E alternation
#                ("get_pid_info_test|security_test")
#   M32=0        for test: the 64-bit programs only (scripts/build-selftests.sh)
#   PROBE=1      for test: add enosys-probe, run first with --without-ft
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

[ $# -ge 4 ] || die "usage: $0 OUTDIR JOB LOG TIMEOUT [fragment...]"
out=$1 job=$2 console_log=$3 limit=$4
shift 4
case $job in
test | fuzz | demo | bench | enosys) ;;
*) die "no such job: $job (test, fuzz, demo, bench or enosys)" ;;
esac

KOUT=$out "$top/scripts/build-kernel.sh" "$@"
# Suites built in for kunit.py exec do not run again at every boot.
if kunit_builtin "$out"; then
	APPEND="${APPEND:-} kunit.enable=0"
	export APPEND
fi

payload=$out/$job-payload
fresh_dir "$payload"
mkdir "$payload/bin"
# Builds the programs named from tools/pidinfo into the payload.
tools() {
	log "building $* from tools/pidinfo"
	# Objects stay in $out/tools-pidinfo/: only the programs boot.
	targets=
	for prog; do
		targets="$targets $out/tools-pidinfo/$prog"
	done
	mkdir -p "$out/tools-pidinfo"
	# shellcheck disable=SC2086
	make -s -C "$TREE/tools/pidinfo" OUTPUT="$out/tools-pidinfo/" \
		LDFLAGS=-static KHDR_INCLUDES="-isystem $out/usr/include" $targets
	for prog; do
		cp "$out/tools-pidinfo/$prog" "$payload/bin/"
	done
}
# procps and psmisc, which pidinfo ps and tree are compared with.
case $job in
test | bench) "$top/scripts/guest-programs.sh" "$payload" ;;
esac
case $job in
test | fuzz)
	KOUT=$out "$top/scripts/build-selftests.sh" "$payload/kselftest"
	list=$payload/kselftest/kselftest-list.txt
	if [ -n "${SELFTESTS:-}" ]; then
		grep -E "^pidinfo(-m32)?:($SELFTESTS)\$" "$list" >"$list.kept" ||
			die "no selftest is named $SELFTESTS"
		mv "$list.kept" "$list"
	fi
	;;
demo) tools pidinfo-demo pidinfo ;;
bench) tools pidinfo-bench pidinfo ;;
esac
if [ "$job" = enosys ] || [ "${PROBE:-0}" = 1 ]; then
	$TARGET_CC -static -O2 -Wall -o "$payload/bin/enosys-probe" \
		"$top/scripts/guest/enosys-probe.c"
fi
cp "$top/scripts/guest/$job" "$payload/job"

"$top/scripts/build-initramfs.sh" "$out/$job-initramfs.cpio" \
	"$top/scripts/guest/init" "$payload"
"$top/scripts/boot.sh" "$out/$IMAGE" "$out/$job-initramfs.cpio" \
	"$console_log" "$limit"
