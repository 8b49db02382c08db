#!/bin/sh
# usage: scripts/check.sh
#
# Kernel conventions on the subsystem, each a hard failure:
#   checkpatch --strict on kernel/pidinfo, the uapi header and patches/;
#   kernel-doc -Wall; mandoc -T lint on man/; the struct sizes the man
#   page and pidinfo.rst give (check-doc-sizes.py); every mutant of
#   scripts/mutants.tsv still planting; make install into a
#   scratch DESTDIR (scripts/check-install.sh); a W=1, sparse (C=2) build
#   of kernel/pidinfo/;
#   the patch series for 6.12 and 6.1 (checkpatch --strict, git am,
#   every commit builds);
#   kernel/pidinfo/ under Debian's amd64 distribution config;
#   riscv64 with CONFIG_COMPAT, compiled; arc, nios2 and openrisc
#   configured without ft_fork();
#   a kernel built with CONFIG_PIDINFO=n, booted, answering ENOSYS;
#   one with CONFIG_PIDINFO=y and CONFIG_PIDINFO_FT_SYSCALLS=n, booted:
#   ENOSYS for the three re-implementations, get_pid_info's tests passing.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

"$top/scripts/deps.sh"
"$top/scripts/prepare-tree.sh"
failed=

cd "$TREE"
src="kernel/pidinfo/*.[ch] include/uapi/linux/pidinfo.h"
log "checkpatch --strict"
# Another kernel's hooks add the files it lacks (6.1: kernel/exit.h, which
# has no MAINTAINERS entry upstream either), so that one advice is waived
# there.
# shellcheck disable=SC2086
out=$(perl scripts/checkpatch.pl --strict --no-tree --terse --show-types -f $src;
      perl scripts/checkpatch.pl --strict --no-tree --terse --no-signoff \
	"$top"/patches/*.patch;
      perl scripts/checkpatch.pl --strict --no-tree --terse --no-signoff \
	--ignore FILE_PATH_CHANGES "$top"/patches/linux-*/*.patch
      # User space checks for ENOSYS (a kernel without the calls).
      perl scripts/checkpatch.pl --strict --no-tree --terse --show-types -f \
	--ignore ENOSYS "$top"/selftests/pidinfo/*.[ch] \
	"$top"/tools/pidinfo/*.[ch]) || true
echo "$out" | grep -E ': (ERROR|WARNING|CHECK):' && failed="$failed checkpatch"

log "kernel-doc -Wall"
# shellcheck disable=SC2086
out=$(scripts/kernel-doc -none -Wall $src 2>&1)
[ -z "$out" ] || { echo "$out"; failed="$failed kernel-doc"; }

log "mandoc -T lint on man/"
out=$(mandoc -T lint "$top"/man/man*/* 2>&1) || true
[ -z "$out" ] || { echo "$out"; failed="$failed man-pages"; }

log "the struct sizes in the man page and pidinfo.rst"
/usr/bin/python3 "$top/scripts/check-doc-sizes.py" || failed="$failed doc-sizes"

log "every mutant of make mutate still plants"
/usr/bin/python3 "$top/scripts/plant-mutant.py" "$top/scripts/mutants.tsv" \
	--check "$top" || failed="$failed mutants"

log "make install, from the repository alone"
"$top/scripts/check-install.sh" || failed="$failed install"

log "W=1 and sparse on kernel/pidinfo/"
"$top/scripts/build-kernel.sh" >/dev/null
out=$(make -s O="$BUILD/$FLAVOUR" ARCH="$ARCH" W=1 C=2 kernel/pidinfo/ 2>&1)
[ -z "$out" ] || { echo "$out"; failed="$failed W=1/sparse"; }

log "the patch series, for 6.12 and for 6.1"
BISECT=1 "$top/scripts/make-patch.sh" || failed="$failed series"
KERNEL=6.1 BISECT=1 "$top/scripts/make-patch.sh" || failed="$failed series-6.1"

log "Debian's amd64 config with CONFIG_PIDINFO=y"
"$top/scripts/check-distro-config.sh" || failed="$failed distro-config"

log "riscv64 compat, and arc, nios2, openrisc without ft_fork()"
"$top/scripts/check-arch-wiring.sh" || failed="$failed arch-wiring"

# Both variants are built in the test kernel's own directory: kbuild then
# rebuilds only what uses the options that differ (kernel/pidinfo/, the
# syscall tables), and the next "make test" only that again.  Not in a
# copy of it: objtool's build records absolute paths, so a copy rebuilds
# objtool and then every object of the kernel.
vout=$BUILD/$FLAVOUR
mkdir -p "$RESULTS"

# Shows what the probe in console log $1 said; passes if it passed.
probe_passed() {
	grep -v '^\[' "$1" | grep -E '^(ok|not ok) [a-z_]+:|^ENOSYS' || true
	grep -q 'ENOSYS-PROBE PASSED' "$1"
}

log "CONFIG_PIDINFO=n: builds, and the calls answer ENOSYS"
"$top/scripts/run-guest.sh" "$vout" enosys "$RESULTS/no-pidinfo.log" 120 \
	"$top/configs/no-pidinfo.config" >/dev/null || true
probe_passed "$RESULTS/no-pidinfo.log" || failed="$failed CONFIG_PIDINFO=n"

log "CONFIG_PIDINFO_FT_SYSCALLS=n: ENOSYS for the three, get_pid_info's tests pass"
PROBE=1 SELFTESTS='get_pid_info_test|security_test' \
	"$top/scripts/run-guest.sh" "$vout" test "$RESULTS/without-ft.log" 600 \
	"$top/configs/no-ft-syscalls.config" >/dev/null || true
probe_passed "$RESULTS/without-ft.log" || failed="$failed without-ft-enosys"
python3 "$top/scripts/judge.py" --console "$RESULTS/without-ft.log" \
	"$RESULTS/without-ft" || failed="$failed without-ft-tests"

if [ -n "$failed" ]; then
	log "check failed:$failed"
	exit 1
fi
log "check passed: checkpatch, kernel-doc, man pages, struct sizes, W=1, sparse, series, Debian config, riscv64 compat, arc/nios2/openrisc, CONFIG_PIDINFO=n, CONFIG_PIDINFO_FT_SYSCALLS=n"
