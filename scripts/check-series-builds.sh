#!/bin/sh
# usage: scripts/check-series-builds.sh WORKTREE
#
# Bisectability of the series applied in WORKTREE (a git worktree whose
# HEAD is the last patch, on top of pristine): checks out every commit in
# turn and compiles, in build/series-build, the C files of core code the
# commit touches, and kernel/pidinfo/ with its KUnit tests at W=1.  A
# warning or a failure at any commit fails.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

[ $# -eq 1 ] || die "usage: $0 WORKTREE"
wt=$1
out=$BUILD/series-build$KSUFFIX
mkdir -p "$out"
last=$(git -C "$wt" rev-parse HEAD)

printf 'CONFIG_PIDINFO=y\nCONFIG_KUNIT=y\nCONFIG_PIDINFO_KUNIT_TEST=y\n' \
	>"$out/pidinfo.fragment"

configured=
for c in $(git -C "$wt" rev-list --reverse pristine.."$last"); do
	git -C "$wt" checkout -q "$c"
	subject=$(git -C "$wt" log -1 --format=%s "$c")
	changed=$(git -C "$wt" diff --name-only "$c~1" "$c")
	# Configured afresh where the Kconfig files change (9 s a time): an
	# option whose Kconfig a commit has not added yet must come back once
	# one has.
	if [ -z "$configured" ] || echo "$changed" | grep -q 'Kconfig'; then
		make -s -C "$wt" O="$out" allnoconfig >/dev/null
		(cd "$wt" && scripts/kconfig/merge_config.sh -m -O "$out" \
			"$out/.config" "$top/configs/qemu-x86_64.config" \
			"$out/pidinfo.fragment") >/dev/null
		make -s -C "$wt" O="$out" olddefconfig >/dev/null
		configured=1
	fi
	# Every C file of core code the commit touches, then kernel/pidinfo/
	# (W=1) once it exists.
	core=$(echo "$changed" | grep '\.c$' |
		grep -v -e '^tools/' -e '^kernel/pidinfo/' | sed 's/\.c$/.o/') ||
		true
	log "compiling at: $subject"
	: >"$out/build.log"
	ok=1
	if [ -n "$core" ]; then
		# shellcheck disable=SC2086
		make -s -C "$wt" O="$out" -j"$JOBS" $core >>"$out/build.log" 2>&1 ||
			ok=0
	fi
	if [ -f "$wt/kernel/pidinfo/Makefile" ]; then
		make -s -C "$wt" O="$out" -j"$JOBS" W=1 kernel/pidinfo/ \
			>>"$out/build.log" 2>&1 || ok=0
	fi
	if [ "$ok" -eq 0 ] || [ -s "$out/build.log" ]; then
		cat "$out/build.log" >&2
		git -C "$wt" checkout -q "$last"
		die "the series does not build at: $subject"
	fi
	[ ! -f "$wt/kernel/pidinfo/Makefile" ] ||
		check_pidinfo_objects "$wt" "$out"
done
git -C "$wt" checkout -q "$last"
log "every commit of the series builds kernel/pidinfo/ without warnings"
