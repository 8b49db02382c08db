#!/bin/sh
# usage: scripts/prepare-tree.sh
#
# Prepares build/linux-$KERNEL (default 6.12) from Debian's linux-source
# package: unpacks it once and commits it as the branch "pristine", then on
# every run builds a commit holding pristine + patches/ (patches/linux-6.1/
# for KERNEL=6.1) + the repo's overlay files, and checks it out.  Checking out a commit only rewrites the files
# that differ, so an unchanged repo leaves the tree (and its builds) alone.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

tarball=/usr/src/linux-source-$KERNEL.tar.xz
[ -r "$tarball" ] || die "$tarball is missing: run 'make deps' (apt-get install linux-source-$KERNEL)"

if ! git -C "$TREE" rev-parse -q --verify refs/heads/pristine >/dev/null 2>&1; then
	log "unpacking $tarball into $TREE"
	rm -rf "$TREE"
	mkdir -p "$TREE"
	tar -C "$TREE" --strip-components=1 -xf "$tarball"
	git -C "$TREE" init -q
	# No automatic repacking: 80,000 new objects would start one in the
	# background, competing with the kernel build for both cores.
	git -C "$TREE" config gc.auto 0
	git -C "$TREE" add -Af .
	git -C "$TREE" -c user.name=pidinfo -c user.email=pidinfo@localhost \
		commit -qm "Linux $KERNEL as shipped in Debian's linux-source-$KERNEL"
	git -C "$TREE" branch -f pristine
fi

# Build the wanted tree in a private index, leaving the work tree untouched.
index=$TREE/.git/pidinfo-index
rm -f "$index"
GIT_INDEX_FILE=$index
export GIT_INDEX_FILE
cd "$TREE"
git read-tree pristine
[ -d "$PATCHES" ] || die "no hooks for Linux $KERNEL: $PATCHES is missing"
for p in "$PATCHES"/*.patch; do
	[ -e "$p" ] || continue
	git apply --cached "$p" || die "patch $(basename "$p") does not apply to linux-$KERNEL"
done

# overlay: repo path -> tree path
overlay_add() {
	src=$1 dst=$2
	mode=100644
	[ -x "$top/$src" ] && mode=100755
	sha=$(git -C "$TREE" hash-object -w "$top/$src")
	git -C "$TREE" update-index --add --cacheinfo "$mode,$sha,$dst"
}
cd "$top"
for f in $(env -u GIT_INDEX_FILE git ls-files --cached --others --exclude-standard \
		kernel include Documentation selftests tools 2>/dev/null); do
	[ -f "$f" ] || continue
	case $f in
	selftests/*) overlay_add "$f" "tools/testing/$f" ;;
	*) overlay_add "$f" "$f" ;;
	esac
done
cd "$TREE"

tree=$(git write-tree)
unset GIT_INDEX_FILE
rm -f "$index"
commit=$(git -c user.name=pidinfo -c user.email=pidinfo@localhost \
	commit-tree "$tree" -p pristine -m "pidinfo overlay")
git checkout -qf --detach "$commit"
git clean -fdq
log "tree ready: $TREE (overlay $(echo "$commit" | cut -c1-12))"
