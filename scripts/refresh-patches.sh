#!/bin/sh
# usage: scripts/refresh-patches.sh
#
# After editing existing kernel files in build/linux-$KERNEL, writes the
# edits back into patches/ (patches/linux-$KERNEL/ for another kernel): each patch is regenerated, against the
# pristine branch, for the files it already touches.  A new file to patch
# goes into a patch by hand first (or a new patch, with "touch").
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

for p in "$PATCHES"/*.patch; do
	files=$(sed -n 's|^+++ b/||p' "$p")
	[ -n "$files" ] || die "$(basename "$p") touches no file: list one first"
	# shellcheck disable=SC2086
	git -C "$TREE" diff pristine -- $files >"$p.new"
	mv "$p.new" "$p"
	log "refreshed $(basename "$p")"
done
