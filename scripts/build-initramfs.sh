#!/bin/sh
# usage: scripts/build-initramfs.sh OUTPUT INIT [DIR...]
#
# Packs busybox (for $ARCH), the script INIT (as /init) and the contents of each DIR
# into the cpio archive OUTPUT, for qemu's -initrd.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

[ $# -ge 2 ] || die "usage: $0 OUTPUT INIT [DIR...]"
output=$1 init=$2
shift 2
busybox=$BUSYBOX
[ -x "$busybox" ] || die "$busybox is missing: run scripts/deps.sh"

stage=$output.d
rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/dev" "$stage/proc" "$stage/sys" "$stage/tmp" \
	"$stage/root" "$stage/etc"
cp "$busybox" "$stage/bin/busybox"
ln -s busybox "$stage/bin/sh"
cp "$init" "$stage/init"
chmod 755 "$stage/init"
echo "root:x:0:0:root:/root:/bin/sh" >"$stage/etc/passwd"
echo "nobody:x:65534:65534:nobody:/:/bin/sh" >>"$stage/etc/passwd"
for dir in "$@"; do
	cp -a "$dir/." "$stage/"
done
# The kernel opens /dev/console for init before devtmpfs can be mounted.
mknod -m 600 "$stage/dev/console" c 5 1 2>/dev/null ||
	die "mknod failed: building the initramfs needs root"
(cd "$stage" && find . | LC_ALL=C sort | cpio --quiet -o -H newc) >"$output"
