#!/bin/sh
# usage: scripts/check-arch-wiring.sh
#
# The per-architecture wiring that no guest here runs:
#   riscv64 with CONFIG_COMPAT compiles kernel/pidinfo/ and both syscall
#   tables (W=1, with Debian's riscv64 cross compiler); its compat table
#   never calls the native sys_ft_wait(), and calls compat_sys_ft_wait()
#   exactly where it calls compat_sys_wait4();
#   arm64 with CONFIG_COMPAT compiles kernel/pidinfo/ and the AArch32
#   table, which reaches the four calls, ft_wait() by its compat entry;
#   arc, nios2 and openrisc, whose fork-like calls need an entry wrapper
#   that ft_fork() lacks, leave ft_fork() out (Kconfig only: no compiler
#   for them is needed to configure).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

"$top/scripts/deps.sh" riscv64
"$top/scripts/prepare-tree.sh" >/dev/null

# Configures $2 for ARCH=$1 from allnoconfig and the options that follow.
configure() {
	arch=$1 out=$2 cross=$3
	shift 3
	mkdir -p "$out"
	printf '%s\n' "$@" >"$out/pidinfo.fragment"
	make -s -C "$TREE" O="$out" ARCH="$arch" CROSS_COMPILE="$cross" \
		allnoconfig >/dev/null
	(cd "$TREE" && scripts/kconfig/merge_config.sh -m -O "$out" \
		"$out/.config" "$out/pidinfo.fragment") >/dev/null
	make -s -C "$TREE" O="$out" ARCH="$arch" CROSS_COMPILE="$cross" \
		olddefconfig >/dev/null
}

failed=
log "riscv64 with CONFIG_COMPAT: kernel/pidinfo/ and the syscall tables"
out=$BUILD/riscv64-compat
configure riscv "$out" riscv64-linux-gnu- CONFIG_64BIT=y CONFIG_MMU=y \
	CONFIG_COMPAT=y CONFIG_MULTIUSER=y CONFIG_PIDINFO=y \
	CONFIG_PIDINFO_FT_SYSCALLS=y
for opt in CONFIG_COMPAT CONFIG_PIDINFO_FT_FORK CONFIG_PIDINFO_FT_SYSCALLS; do
	grep -qx "$opt=y" "$out/.config" || die "riscv64: $opt did not stay set"
done
msgs=$(make -s -C "$TREE" O="$out" ARCH=riscv CROSS_COMPILE=riscv64-linux-gnu- \
	-j"$JOBS" W=1 kernel/pidinfo/ arch/riscv/kernel/syscall_table.o \
	arch/riscv/kernel/compat_syscall_table.o 2>&1) ||
	{ echo "$msgs"; die "riscv64: the build failed"; }
if echo "$msgs" | grep -q 'kernel/pidinfo/.*warning:'; then
	echo "$msgs"
	failed="$failed riscv64-warnings"
fi
check_pidinfo_objects "$TREE" "$out"
# Compat tasks must never reach the native ft_wait(), which writes a
# 64-bit rusage; they get ft_wait() exactly where they get wait4(), and
# then through its compat entry.  (rv32 has no time32 calls: neither.)
syms=$(nm "$out/arch/riscv/kernel/compat_syscall_table.o")
if echo "$syms" | grep -q ' U __riscv_sys_ft_wait$'; then
	log "riscv64: compat tasks reach the native sys_ft_wait"
	failed="$failed riscv64-native-wait"
fi
has_wait4=$(echo "$syms" | grep -c ' U __riscv_compat_sys_wait4$' || true)
has_ft_wait=$(echo "$syms" | grep -c ' U __riscv_compat_sys_ft_wait$' || true)
if [ "$has_wait4" != "$has_ft_wait" ]; then
	log "riscv64: compat wait4 $has_wait4, compat ft_wait $has_ft_wait: should match"
	failed="$failed riscv64-compat-table"
fi
for call in get_pid_info list_pid_info ft_kill ft_fork; do
	echo "$syms" | grep -q " U __riscv_sys_$call\$" ||
		{ log "riscv64: compat tasks lack $call"; failed="$failed riscv64-$call"; }
done
nm "$out/kernel/pidinfo/wait.o" | grep -q ' T __riscv_compat_sys_ft_wait$' ||
	{ log "riscv64: no compat_sys_ft_wait in kernel/pidinfo/wait.o"; failed="$failed riscv64-entry"; }

# AArch32 tasks on arm64 reach the calls through arch/arm64/tools/
# syscall_32.tbl: the same numbers, ft_wait() through its compat entry.
log "arm64 with CONFIG_COMPAT: kernel/pidinfo/ and the AArch32 table"
out=$BUILD/arm64-compat
configure arm64 "$out" aarch64-linux-gnu- CONFIG_COMPAT=y \
	CONFIG_MULTIUSER=y CONFIG_PIDINFO=y CONFIG_PIDINFO_FT_SYSCALLS=y
grep -qx CONFIG_COMPAT=y "$out/.config" || die "arm64: CONFIG_COMPAT did not stay set"
msgs=$(make -s -C "$TREE" O="$out" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
	-j"$JOBS" W=1 kernel/pidinfo/ arch/arm64/kernel/sys32.o 2>&1) ||
	{ echo "$msgs"; die "arm64: the build failed"; }
if echo "$msgs" | grep -q 'kernel/pidinfo/.*warning:'; then
	echo "$msgs"
	failed="$failed arm64-warnings"
fi
syms=$(nm "$out/arch/arm64/kernel/sys32.o")
for entry in sys_get_pid_info sys_list_pid_info sys_ft_kill sys_ft_fork \
	compat_sys_ft_wait; do
	echo "$syms" | grep -q " U __arm64_$entry\$" ||
		{ log "arm64: AArch32 tasks lack $entry"; failed="$failed arm64-$entry"; }
done
if echo "$syms" | grep -q ' U __arm64_sys_ft_wait$'; then
	log "arm64: AArch32 tasks reach the native sys_ft_wait"
	failed="$failed arm64-native-wait"
fi

for arch in arc nios2 openrisc; do
	log "$arch: ft_fork() left out, the other two kept"
	out=$BUILD/kconfig-$arch
	configure "$arch" "$out" "" CONFIG_PIDINFO=y CONFIG_PIDINFO_FT_SYSCALLS=y
	if grep -q '^CONFIG_PIDINFO_FT_FORK=y' "$out/.config" ||
	   ! grep -qx 'CONFIG_PIDINFO_FT_SYSCALLS=y' "$out/.config"; then
		log "$arch: wrong configuration:"
		grep PIDINFO "$out/.config" >&2
		failed="$failed $arch"
	fi
done

[ -z "$failed" ] || die "architecture wiring failed:$failed"
log "architecture wiring: riscv64 compat builds, ft_wait as wait4 there; arm64 AArch32 table; arc, nios2, openrisc without ft_fork()"
