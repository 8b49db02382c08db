#!/bin/sh
# usage: scripts/deps.sh [riscv64 | bench]
#
# Installs, with apt-get, the Debian packages the build and the tests need
# for $KERNEL and $ARCH, if any is missing; for arm64 also unpacks Debian's
# arm64 busybox, procps, psmisc and tmux (with their libraries) for the
# guest, and arm64's ncurses for pidinfo top.
# "riscv64" adds the cross compilers that make check compiles the compat
# entries with (riscv64's and arm64's); "bench" the python3
# matplotlib that draws the benchmark's plot.  Needs root (or sudo) the
# first time only.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

pkgs="linux-source-$KERNEL linux-config-$KERNEL flex bison bc libelf-dev
libssl-dev busybox-static cpio rsync python3 gcc make git libc6-dev sparse
mandoc python3-ply python3-git qemu-system-x86 ccache procps psmisc pkg-config
tmux libncurses-dev ncurses-base"
# x86_64 guests run the selftests built for i386 too (ia32 emulation):
# Debian's cross compiler, as gcc-multilib conflicts with every other.
[ "$ARCH" = x86_64 ] && pkgs="$pkgs gcc-i686-linux-gnu libc6-dev-i386-cross"
[ "$ARCH" = arm64 ] &&
	pkgs="$pkgs gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm"
[ "${1:-}" = riscv64 ] &&
	pkgs="$pkgs gcc-riscv64-linux-gnu gcc-aarch64-linux-gnu"
[ "${1:-}" = bench ] && pkgs="$pkgs python3-matplotlib"

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	log "installing:$missing"
	$sudo apt-get update -qq || die "apt-get update failed: is Debian's archive reachable?"
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null ||
		die "apt-get install failed for:$missing"
	# ccache's links, for the compilers installed with it.
	$sudo update-ccache-symlinks
fi

# apt-get download of the guest's packages needs $ARCH among dpkg's
# architectures.
foreign_arch() {
	dpkg --print-foreign-architectures | grep -qx "$ARCH" && return 0
	log "adding $ARCH to dpkg's architectures, for the guest's packages"
	$sudo dpkg --add-architecture "$ARCH"
	$sudo apt-get update -qq || die "apt-get update failed"
}

# The guest's busybox must be built for the guest: Debian's own arm64
# package, unpacked (not installed) into build/.
if [ ! -x "$BUSYBOX" ]; then
	arch=$ARCH
	[ "$arch" = arm64 ] || die "no busybox for $ARCH"
	foreign_arch
	dir=$(dirname "$(dirname "$BUSYBOX")")
	rm -rf "$dir" && mkdir -p "$dir/deb"
	(cd "$dir/deb" && apt-get download -qq "busybox-static:$arch" 2>/dev/null) ||
		die "apt-get download busybox-static:$arch failed"
	dpkg-deb -x "$dir"/deb/*.deb "$dir/root"
	ln -s root/bin "$dir/bin"
	[ -x "$BUSYBOX" ] || die "no busybox in busybox-static:$arch"
fi

# pidinfo top is linked with ncurses, statically: for an arm64 guest, the
# arm64 archives, installed beside the host's (multiarch).
if [ "$ARCH" = arm64 ] &&
	! dpkg-query -W -f='${Status}' "libncurses-dev:$ARCH" 2>/dev/null |
	grep -q 'ok installed'; then
	foreign_arch
	log "installing libncurses-dev:$ARCH"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends "libncurses-dev:$ARCH" >/dev/null ||
		die "apt-get install failed for libncurses-dev:$ARCH"
fi

# procps' ps and top, psmisc's pstree and tmux for an arm64 guest, which
# pidinfo ps, tree and top are compared with and tested in: the packages
# and the libraries they load, unpacked (not installed).
# scripts/guest-programs.sh checks that every library they need is there.
if [ -n "$PROGRAMS_ROOT" ] && [ ! -x "$PROGRAMS_ROOT/usr/bin/tmux" ]; then
	foreign_arch
	dir=$(dirname "$PROGRAMS_ROOT")
	rm -rf "$dir" && mkdir -p "$dir/deb"
	debs=
	for p in procps psmisc libproc2-0 libc6 libsystemd0 libcap2 libgcrypt20 \
		liblzma5 libzstd1 liblz4-1 libgpg-error0 libtinfo6 libgcc-s1 \
		tmux libutempter0 libevent-core-2.1-7; do
		debs="$debs $p:$ARCH"
	done
	# shellcheck disable=SC2086
	(cd "$dir/deb" && apt-get download -qq $debs 2>/dev/null) ||
		die "apt-get download failed for:$debs"
	for deb in "$dir"/deb/*.deb; do
		dpkg-deb -x "$deb" "$PROGRAMS_ROOT"
	done
fi
