#!/bin/sh
# usage: scripts/guest-programs.sh DIR
#
# Copies procps' ps and top, psmisc's pstree and tmux into DIR/usr/bin,
# with every shared library they load (found by their ELF NEEDED entries)
# in DIR/lib/TRIPLET and their loader at its own path: the real programs
# that pidinfo ps, tree and top are compared with and timed against in
# the guest, and the terminal that pidinfo top's live view is tested in.
# With them, the terminfo entry of the terminal tmux emulates.  For x86_64 they
# are the host's (scripts/deps.sh installs them); for arm64, Debian's
# arm64 packages, which scripts/deps.sh unpacks into $PROGRAMS_ROOT.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

[ $# -eq 1 ] || die "usage: $0 DIR"
dest=$1
root=${PROGRAMS_ROOT:-}
[ "$ARCH" = x86_64 ] && root=

# The file a library name resolves to under $root, as the loader finds it.
find_lib() {
	for d in /lib/"$TRIPLET" /usr/lib/"$TRIPLET" /lib /usr/lib /lib64; do
		if [ -e "$root$d/$1" ]; then
			echo "$d/$1"
			return 0
		fi
	done
	return 1
}

# Copies $1 (a path under $root) to $2 under $dest (the same path by
# default), once.
copy() {
	to=${2:-$1}
	[ -e "$dest$to" ] && return 0
	mkdir -p "$dest$(dirname "$to")"
	cp -L "$root$1" "$dest$to"
}

# Copies $1 (to $2) and, recursively, every library it needs.
copy_with_libs() {
	copy "$1" "${2:-}"
	interp=$(readelf -l "$root$1" |
		sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
	[ -z "$interp" ] || copy "$interp"
	for lib in $(readelf -d "$root$1" |
		sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		path=$(find_lib "$lib") || die "$1 needs $lib, which is not under ${root:-/}"
		# Where the loader looks first, whatever the package's path.
		[ -e "$dest/lib/$TRIPLET/$lib" ] ||
			copy_with_libs "$path" "/lib/$TRIPLET/$lib"
	done
}

# In the guest both go to /usr/bin: busybox fills /bin with its applets.
for prog in ps pstree top tmux; do
	from=
	for dir in /bin /usr/bin; do
		[ -x "$root$dir/$prog" ] && [ ! -L "$root$dir/$prog" ] &&
			from=$dir/$prog
	done
	[ -n "$from" ] || die "no $prog under ${root:-/}: run scripts/deps.sh"
	copy_with_libs "$from" "/usr/bin/$prog"
done

# From the host, the same for every architecture: ncurses' descriptions
# of the guest's console and of the terminal tmux emulates (procps' top
# exits without them), and the C.UTF-8 locale, which tmux requires.
for term in d/dumb l/linux s/screen; do
	mkdir -p "$dest/lib/terminfo/${term%/*}"
	cp "/lib/terminfo/$term" "$dest/lib/terminfo/$term"
done
mkdir -p "$dest/usr/lib/locale"
cp -r /usr/lib/locale/C.utf8 "$dest/usr/lib/locale/"
