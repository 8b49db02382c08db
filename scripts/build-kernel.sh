#!/bin/sh
# usage: [KOUT=dir] scripts/build-kernel.sh [fragment...]
#
# Configures and builds the guest kernel in $KOUT (build/$ARCH by
# default): allnoconfig plus configs/qemu-$ARCH.config,
# selftests/pidinfo/config, for the test kernel (build/$FLAVOUR, where
# make check builds its variants too) the KUnit suites
# (kernel/pidinfo/.kunitconfig, for kunit.py exec), then any fragments
# given.  Fails if an option the fragments ask for did not make it into
# the final .config (a missing dependency), rather than booting a kernel
# that silently lacks it.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

out=${KOUT:-$BUILD/$FLAVOUR}
fragments="$top/configs/qemu-$ARCH.config $top/selftests/pidinfo/config"
# The suites, for kunit.py exec (scripts/kunit.sh); the fragments given
# come last, to override them.
if kunit_builtin "$out"; then
	fragments="$fragments $top/kernel/pidinfo/.kunitconfig"
fi
fragments="$fragments $*"
mkdir -p "$out"

cat $fragments > "$out/pidinfo.fragment"
if ! cmp -s "$out/pidinfo.fragment" "$out/pidinfo.fragment.used" 2>/dev/null ||
   [ ! -f "$out/.config" ]; then
	log "configuring $out"
	make -s -C "$TREE" O="$out" ARCH="$ARCH" allnoconfig >/dev/null
	(cd "$TREE" && scripts/kconfig/merge_config.sh -m -O "$out" \
		"$out/.config" $fragments) >/dev/null
	make -s -C "$TREE" O="$out" ARCH="$ARCH" olddefconfig >/dev/null
	# The last fragment to name an option decides it, as in merge_config.
	missing=$(grep -h '^CONFIG_[A-Z0-9_]*=' $fragments |
		awk -F= '{ want[$1] = $0 } END { for (o in want) print want[o] }' |
		while IFS= read -r want; do
			case $want in
			*=n) grep -q "^${want%=n}=" "$out/.config" && echo "$want" ;;
			*) grep -qx "$want" "$out/.config" || echo "$want" ;;
			esac
		done)
	[ -z "$missing" ] || die "options the fragments ask for are not in $out/.config: $missing"
	cp "$out/pidinfo.fragment" "$out/pidinfo.fragment.used"
fi

log "building the $ARCH kernel in $out"
make -s -C "$TREE" O="$out" ARCH="$ARCH" -j"$JOBS" 2>"$out/build.log" || {
	cat "$out/build.log" >&2
	die "the kernel build failed: see $out/build.log"
}
# The rest of the kernel is not ours to fix; kernel/pidinfo must be clean.
if grep -q 'kernel/pidinfo/.*warning:' "$out/build.log"; then
	cat "$out/build.log" >&2
	die "compiler warnings in kernel/pidinfo/: see $out/build.log"
fi
make -s -C "$TREE" O="$out" ARCH="$ARCH" headers >/dev/null
