#!/bin/sh
# usage: [BISECT=1] scripts/make-patch.sh [OUTDIR]
#
# Writes the patch series (series/) against pristine Linux $KERNEL as
# "git format-patch" files in OUTDIR (default build/patch, or
# build/patch-linux-$KERNEL for another kernel), then checks it:
# checkpatch --strict on every patch, and "git am" of the whole series
# onto the pristine tree, which must give the tree "make test" builds.
# With BISECT=1, also compiles kernel/pidinfo/ at every commit.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

out=${1:-$BUILD/patch$KSUFFIX}
"$top/scripts/deps.sh"
"$top/scripts/prepare-tree.sh"
final=$(git -C "$TREE" rev-parse HEAD)

log "building the series from series/"
cd "$top"
# Another kernel's own preparatory commits (series/linux-6.1/) come first.
dirs=$top/series
[ "$KERNEL" = 6.12 ] || dirs=$top/series/linux-$KERNEL:$dirs
python3 "$top/scripts/series.py" "$TREE" pristine "$final" "$dirs" series

rm -rf "$out"
cover=$top/series/cover
[ -f "$top/series/linux-$KERNEL/cover" ] && cover=$top/series/linux-$KERNEL/cover
git -C "$TREE" -c branch.series.description="$(cat "$cover")" \
	format-patch -q --cover-letter --cover-from-description=subject \
	--base=pristine -o "$out" pristine..series
ls "$out"
patches=$(ls "$out"/0*.patch | grep -v '/0000-cover-letter\.patch$')

log "checkpatch --strict on the series"
# spdxcheck.py needs Debian's python3-ply and python3-git, so Debian's
# python3 goes first.  User space that tests for a missing syscall has to
# name ENOSYS, which checkpatch's kernel-side rule flags; that one rule is
# waived for patches touching only tools/ (and MAINTAINERS).
checkpatch_one() {
	waive=
	# See check.sh: another kernel's prerequisites add files of core code.
	[ "$KERNEL" = 6.12 ] || waive="--ignore FILE_PATH_CHANGES"
	grep '^+++ b/' "$1" | grep -qvE '^\+\+\+ b/(tools/|MAINTAINERS$)' ||
		waive="$waive --ignore ENOSYS"
	# The frozen version 0 test (selftests/pidinfo/abi-v0/) is the old
	# binary's source as it was published, and abi-v1/include/ version
	# 1's header: left as they were, unchecked.
	awk '/^diff --git /{ frozen = /\/abi-v0\/|\/abi-v1\/include\// } !frozen' \
		"$1" >"$1.checked"
	# shellcheck disable=SC2086
	cd "$TREE" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict \
		--quiet --no-summary $waive "$1.checked"
}
# Each patch in its own process, all at once: perl spends most of a
# patch's seconds alone, and the reports are shown in the series' order.
for p in $patches; do
	(rc=0; checkpatch_one "$p" >"$p.checkpatch" 2>&1 || rc=$?
	 echo "$rc" >"$p.checkpatch-rc") &
done
wait
failed=0
for p in $patches; do
	cat "$p.checkpatch"
	[ "$(cat "$p.checkpatch-rc")" = 0 ] ||
		{ log "checkpatch: $(basename "$p")"; failed=1; }
	rm -f "$p.checkpatch" "$p.checkpatch-rc" "$p.checked"
done
[ "$failed" -eq 0 ] || die "checkpatch found problems in the series"

log "git am onto pristine linux-$KERNEL"
check=$BUILD/patch-check$KSUFFIX
git -C "$TREE" worktree remove -f "$check" 2>/dev/null || rm -rf "$check"
git -C "$TREE" worktree prune
git -C "$TREE" worktree add -q --detach "$check" pristine
# shellcheck disable=SC2086
git -C "$check" -c user.name=pidinfo -c user.email=pidinfo@localhost \
	am -q $patches || die "the series does not apply (git am above)"
[ "$(git -C "$check" rev-parse 'HEAD^{tree}')" = \
	"$(git -C "$TREE" rev-parse "$final^{tree}")" ] ||
	die "the applied series differs from the tested tree"

if [ "${BISECT:-0}" = 1 ]; then
	"$top/scripts/check-series-builds.sh" "$check"
fi
git -C "$TREE" worktree remove -f "$check"
log "series ready: $out ($(echo "$patches" | wc -l) patches and a cover letter)"
