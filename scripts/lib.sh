# Shared settings and helpers for the harness scripts; sourced, not run.
# Every script reads, from the environment: KERNEL (6.12, or 6.1), ARCH
# (x86_64, or arm64), BUILD (build/), RESULTS (the results directory),
# JOBS (make -j, nproc), CROSS_COMPILE (the architecture's), CCACHE_DIR
# (/var/cache/pidinfo-ccache) and CCACHE_MAXSIZE (20G).
# shellcheck shell=sh

# Each step with the time it starts, for reading where a run's time goes.
log() { printf '==> %s %s\n' "$(date +%T)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

KERNEL=${KERNEL:-6.12}
ARCH=${ARCH:-x86_64}
BUILD=${BUILD:-$top/build}
TREE=$BUILD/linux-$KERNEL
# Builds and results of x86_64 on 6.12 keep the plain names; any other
# architecture or kernel gets its own, so they never mix.
KSUFFIX=
[ "$KERNEL" = 6.12 ] || KSUFFIX=-linux-$KERNEL
FLAVOUR=$ARCH$KSUFFIX
# RESULTS may be set by the caller (make mutate keeps each mutant's apart).
if [ -z "${RESULTS:-}" ]; then
	RESULTS=$BUILD/test-results
	[ "$FLAVOUR" = x86_64 ] || RESULTS=$BUILD/test-results-$FLAVOUR
fi
# The hooks into existing files, for 6.12; another kernel has its own set,
# with what it lacks of 6.12's interfaces.
PATCHES=$top/patches
[ "$KERNEL" = 6.12 ] || PATCHES=$top/patches/linux-$KERNEL
JOBS=${JOBS:-$(nproc)}

# Compiler output is kept between runs, outside the clone, by Debian's
# ccache (installed by deps.sh): its compiler links come first in PATH, so
# every build (kernels, UML, selftests, cross compilers) goes through it.
# Paths are hashed relative to build/, so another clone hits too.
if [ -d /usr/lib/ccache ]; then
	case :$PATH: in
	*:/usr/lib/ccache:*) ;;
	*) PATH=/usr/lib/ccache:$PATH ;;
	esac
	CCACHE_DIR=${CCACHE_DIR:-/var/cache/pidinfo-ccache}
	CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-20G}
	CCACHE_BASEDIR=$BUILD
	CCACHE_NOHASHDIR=1
	export PATH CCACHE_DIR CCACHE_MAXSIZE CCACHE_BASEDIR CCACHE_NOHASHDIR
fi

# Per architecture: the cross compiler, the kernel image the build leaves,
# and the qemu machine with its console.
case $ARCH in
x86_64)
	CROSS_COMPILE=${CROSS_COMPILE:-}
	IMAGE=arch/x86/boot/bzImage
	QEMU="qemu-system-x86_64 -bios qboot.rom"
	CONSOLE=ttyS0
	;;
arm64)
	CROSS_COMPILE=${CROSS_COMPILE:-aarch64-linux-gnu-}
	IMAGE=arch/arm64/boot/Image
	QEMU="qemu-system-aarch64 -M virt -cpu cortex-a57"
	CONSOLE=ttyAMA0
	;;
*)
	die "ARCH=$ARCH is not supported: x86_64 or arm64"
	;;
esac
export CROSS_COMPILE
TARGET_CC=${CROSS_COMPILE}gcc
# The busybox the guests run: the host's, or Debian's arm64 build.  And
# where procps and psmisc, with their libraries, come from for the guest
# (scripts/guest-programs.sh): the host, or Debian's arm64 packages
# unpacked by scripts/deps.sh.
if [ "$ARCH" = x86_64 ]; then
	BUSYBOX=/bin/busybox
	TRIPLET=x86_64-linux-gnu
	PROGRAMS_ROOT=
else
	BUSYBOX=$BUILD/busybox-$ARCH/bin/busybox
	TRIPLET=aarch64-linux-gnu
	PROGRAMS_ROOT=$BUILD/programs-$ARCH/root
fi

# The test kernel ($BUILD/$FLAVOUR) has the KUnit suites built in: "make
# test" runs them with kunit.py exec on that kernel, on every flavour, so a
# run builds one kernel where kunit.py run would build a second (UML's and
# kunit.py's arm64 kernel took 8 and 10 minutes of a cold CI run).  "make
# kunit" runs kunit.py run, kunit.py's own kernel, as a developer does.
# See scripts/kunit.sh.  The variant kernels of "make check" are built in
# the same directory, with the option each tests last, so that they
# rebuild little.
kunit_builtin() {
	[ "$1" = "$BUILD/$FLAVOUR" ]
}

# Empties directory $1, creating it if need be.
fresh_dir() {
	rm -rf "$1"
	mkdir -p "$1"
}

# Fails unless the build in $2 made every object that tree $1's
# kernel/pidinfo/Makefile asks for under $2's .config: an empty build must
# not pass for a clean one.
check_pidinfo_objects() {
	while read -r cond objs; do
		case $cond in
		y) ;;
		'$(CONFIG_'*)
			opt=${cond#'$('}
			grep -qx "${opt%')'}=y" "$2/.config" || continue
			;;
		*) die "kernel/pidinfo/Makefile: cannot read obj-$cond" ;;
		esac
		for o in $objs; do
			[ -f "$2/kernel/pidinfo/$o" ] ||
				die "kernel/pidinfo/$o was not built in $2"
		done
	done <<-EOF
	$(sed -n 's/^obj-\(.*\) += *\(.*\)$/\1 \2/p' "$1/kernel/pidinfo/Makefile")
	EOF
}
