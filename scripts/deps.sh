#!/bin/sh
# usage: scripts/deps.sh
#
# Installs, with apt-get, the Debian packages the build and the tests need,
# if any is missing.  Needs root (or sudo) the first time only.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

pkgs="linux-source-$KERNEL linux-config-$KERNEL qemu-system-x86 flex bison bc
libelf-dev libssl-dev busybox-static cpio rsync python3 gcc make git
libc6-dev sparse mandoc python3-ply python3-git"

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -n "$missing" ] || exit 0

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
log "installing:$missing"
$sudo apt-get update -qq || die "apt-get update failed: is Debian's archive reachable?"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
	--no-install-recommends $missing >/dev/null ||
	die "apt-get install failed for:$missing"
