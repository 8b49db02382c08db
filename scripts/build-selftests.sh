#!/bin/sh
# usage: [KOUT=dir] [M32=0] scripts/build-selftests.sh [DESTDIR]
#
# Builds the pidinfo kselftests statically against the headers of the
# guest kernel in $KOUT (build/$ARCH by default) and installs them,
# kselftest style, into DESTDIR ($KOUT/kselftest-install by default).  On
# x86_64 they are built for i386 too (as -m32 would), for the 32-bit ABI
# under ia32 emulation: installed as the collection pidinfo-m32; M32=0
# leaves that collection out.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

[ $# -le 1 ] || die "usage: $0 [DESTDIR]"
out=${KOUT:-$BUILD/$FLAVOUR}
dest=${1:-$out/kselftest-install}
case $dest in /*) ;; *) dest=$PWD/$dest ;; esac
[ -d "$out/usr/include/linux" ] || die "no headers in $out: run scripts/build-kernel.sh first"

log "building the pidinfo selftests"
rm -rf "$dest"
# BUILD is named for each ABI: the selftests' Makefile takes it from the
# environment too, where make puts a BUILD=... given to the top Makefile.
make -s -C "$TREE/tools/testing/selftests" O="$out" BUILD="$out/kselftest" \
	ARCH="$ARCH" TARGETS=pidinfo LDFLAGS=-static KSFT_INSTALL_PATH="$dest" \
	install >/dev/null
[ "$ARCH" = x86_64 ] && [ "${M32:-1}" != 0 ] || exit 0

# Debian's i686 compiler and i386 libc, rather than gcc -m32 (gcc-multilib
# conflicts with every cross compiler, arm64's and riscv64's included).
# The harness's ASSERT_*() cast every value, pointers included, to
# intmax_t for its message: a warning per pointer assertion on i386.
log "building the pidinfo selftests for the 32-bit ABI (i686, ia32)"
rm -rf "$dest.m32"
CFLAGS=-Wno-pointer-to-int-cast make -s -C "$TREE/tools/testing/selftests" O="$out" \
	BUILD="$out/kselftest-m32" ARCH="$ARCH" CROSS_COMPILE=i686-linux-gnu- \
	TARGETS=pidinfo LDFLAGS=-static KSFT_INSTALL_PATH="$dest.m32" \
	install >/dev/null
# EI_CLASS, the ELF header's fifth byte: 1 for a 32-bit program.
[ "$(od -An -tx1 -j4 -N1 "$dest.m32/pidinfo/get_pid_info_test")" = " 01" ] ||
	die "the -m32 selftests are not 32-bit programs"
mv "$dest.m32/pidinfo" "$dest/pidinfo-m32"
# races_test races the calls against exits and execs, which the ABI does
# not change: it runs once, as a 64-bit program, and keeps CI short.
# top_test drives pidinfo top's live view, which needs ncurses: Debian
# has no i686 cross ncurses, so the 32-bit pidinfo has batch mode only.
sed -n '/:races_test$/d; /:top_test$/d; s/^pidinfo:/pidinfo-m32:/p' \
	"$dest.m32/kselftest-list.txt" >>"$dest/kselftest-list.txt"
rm -rf "$dest.m32"
