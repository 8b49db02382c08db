#!/bin/sh
# usage: scripts/build-guest.sh OUTDIR INIT NAME [fragment...]
#
# Everything a test guest needs: the kernel, built in OUTDIR with the
# extra config fragments; the selftests, built against its headers; and
# OUTDIR/NAME-initramfs.cpio holding them with INIT as /init.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

[ $# -ge 3 ] || die "usage: $0 OUTDIR INIT NAME [fragment...]"
out=$1 init=$2 name=$3
shift 3

KOUT=$out "$top/scripts/build-kernel.sh" "$@"
KOUT=$out "$top/scripts/build-selftests.sh" "$out/kselftest-install"
rm -rf "$out/$name-payload"
mkdir -p "$out/$name-payload"
cp -a "$out/kselftest-install" "$out/$name-payload/kselftest"
"$top/scripts/build-initramfs.sh" "$out/$name-initramfs.cpio" "$init" \
	"$out/$name-payload"
