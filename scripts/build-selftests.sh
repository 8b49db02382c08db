#!/bin/sh
# usage: scripts/build-selftests.sh DESTDIR
#
# Builds the pidinfo kselftests statically against the guest kernel's
# exported headers and installs them, kselftest style, into DESTDIR.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

[ $# -eq 1 ] || die "usage: $0 DESTDIR"
dest=$1
case $dest in /*) ;; *) dest=$PWD/$dest ;; esac
out=${KOUT:-$BUILD/$FLAVOUR}
[ -d "$out/usr/include/linux" ] || die "no headers in $out: run scripts/build-kernel.sh first"

log "building the pidinfo selftests"
rm -rf "$dest"
make -s -C "$TREE/tools/testing/selftests" O="$out" ARCH="$ARCH" TARGETS=pidinfo \
	LDFLAGS=-static KSFT_INSTALL_PATH="$dest" install >/dev/null
