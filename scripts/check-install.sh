#!/bin/sh
# usage: scripts/check-install.sh
#
# make install as a distribution runs it, on the host, from the repository
# alone (no kernel tree: tools/pidinfo builds against include/uapi): into
# a scratch DESTDIR, the file list, the modes, the .pc file, the shared
# object's soname and exported symbols (those of libpidinfo.map, no
# more), a program built against the install with pkg-config (shared and
# static), the installed pidinfo's usage errors, make uninstall leaving
# nothing, and DESTDIR, bindir, libdir, includedir and mandir honoured.
# The guest runs the installed pidinfo and the program too: see
# selftests/pidinfo/Makefile and pidinfo_tool_test.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/obj/
dest=$tmp/dest
mkdir -p "$out"
tool() {
	make -s -C "$top/tools/pidinfo" OUTPUT="$out" "$@" 2>&1 |
		grep -v 'getpwuid' || true
}
fail() {
	echo "check-install: $*" >&2
	exit 1
}

log "make install DESTDIR=... prefix=/usr"
tool install DESTDIR="$dest" prefix=/usr
[ -x "$out/pidinfo" ] || fail "pidinfo was not built"

# The list: the programs, the library, its header and .pc, and every page.
expected=$tmp/expected
{
	echo "-rwxr-xr-x usr/bin/pidinfo"
	echo "-rw-r--r-- usr/include/pidinfo.h"
	echo "-rw-r--r-- usr/lib/libpidinfo.a"
	echo "lrwxrwxrwx usr/lib/libpidinfo.so -> libpidinfo.so.2"
	echo "lrwxrwxrwx usr/lib/libpidinfo.so.2 -> libpidinfo.so.2.1.0"
	echo "-rw-r--r-- usr/lib/libpidinfo.so.2.1.0"
	echo "-rw-r--r-- usr/lib/pkgconfig/libpidinfo.pc"
	for page in "$top"/man/man*/*; do
		rel=usr/share/man/${page#"$top"/man/}
		if [ -L "$page" ]; then
			echo "lrwxrwxrwx $rel -> $(readlink "$page")"
		else
			echo "-rw-r--r-- $rel"
		fi
	done
} | sort >"$expected"
(cd "$dest" && find . ! -type d -printf '%M %P\t%l\n' |
	sed 's/\t$//; s/\t/ -> /' | sort) >"$tmp/got"
diff -u "$expected" "$tmp/got" || fail "the installed files differ"
[ ! -e "$dest/usr/include/procfs.h" ] || fail "procfs.h is private"

log "libpidinfo.pc, the soname and the exported symbols"
pc() {
	# pkg-config ends its flags with a space.
	PKG_CONFIG_LIBDIR=$dest/usr/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$dest \
		pkg-config "$@" libpidinfo | sed 's/ *$//'
}
[ "$(pc --modversion)" = 2.1.0 ] || fail "pkg-config --modversion: $(pc --modversion)"
[ "$(pc --cflags)" = "-I$dest/usr/include" ] || fail "cflags: $(pc --cflags)"
[ "$(pc --libs)" = "-L$dest/usr/lib -lpidinfo" ] || fail "libs: $(pc --libs)"
grep -qx 'prefix=/usr' "$dest/usr/lib/pkgconfig/libpidinfo.pc" ||
	fail "the .pc file's prefix is not /usr"
so=$dest/usr/lib/libpidinfo.so.2.1.0
readelf -d "$so" | grep -q 'SONAME.*\[libpidinfo\.so\.2\]' || fail "no soname"
nm -D --defined-only "$so" | awk '$2 == "T" { print $3 }' | sort >"$tmp/exported"
# Each symbol of the map with the node it is listed under.
awk '/^LIBPIDINFO_[0-9.]* *\{/ { node = $1 }
	/^[[:space:]]*[a-z_0-9]*;$/ { sub(/;/, ""); print $1 "@@" node }' \
	"$top/tools/pidinfo/libpidinfo.map" | sort >"$tmp/map"
diff -u "$tmp/map" "$tmp/exported" || fail "exported symbols differ from libpidinfo.map"
# Every exported function is named by a section 3 page; the library's
# own (not the calls of section 2) have a page of their name.
sed 's/@@.*//' "$tmp/map" | while read -r sym; do
	grep -l "^\.BR* $sym\b\|^$sym\b\|, $sym\b" "$top"/man/man3/*.3 \
		>/dev/null || fail "$sym is in no section 3 page's NAME"
	case $sym in get_pid_info | list_pid_info | ft_kill | ft_fork | ft_wait) continue ;; esac
	[ -e "$dest/usr/share/man/man3/$sym.3" ] || fail "no page $sym(3)"
done

log "a program built against the install with pkg-config"
consumer=$top/selftests/pidinfo/libpidinfo_consumer.c
kh="-isystem $top/include/uapi"
# shellcheck disable=SC2046,SC2086
cc -O2 -Wall -Wextra -Werror $kh -o "$tmp/consumer" "$consumer" $(pc --cflags --libs)
# shellcheck disable=SC2046,SC2086
cc -O2 -Wall -Wextra -Werror -static $kh -o "$tmp/consumer-static" "$consumer" \
	$(pc --static --cflags --libs)
# The host kernel may lack the call: 4, kselftest's skip, then.
for prog in "$tmp/consumer-static" "$tmp/consumer"; do
	rc=0
	LD_LIBRARY_PATH=$dest/usr/lib "$prog" >/dev/null || rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 4 ] || fail "$(basename "$prog") exited $rc"
done
LD_LIBRARY_PATH=$dest/usr/lib ldd "$tmp/consumer" | grep -q "libpidinfo.so.2 => $dest" ||
	fail "the consumer does not load the installed libpidinfo.so.2"

log "the installed pidinfo: help, and usage errors before any call"
p=$dest/usr/bin/pidinfo
"$p" --help | grep -q '^ tree ' || fail "pidinfo --help lists no tree"
for bad in 1abc "show --json 4294967297" "tree 1x" "ps -o nope" "--bogus"; do
	rc=0
	# shellcheck disable=SC2086
	"$p" $bad >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
	if [ "$rc" != 2 ] || [ -s "$tmp/stdout" ] || [ ! -s "$tmp/stderr" ]; then
		fail "pidinfo $bad: exit $rc, stdout '$(cat "$tmp/stdout")'"
	fi
done

log "make uninstall"
tool uninstall DESTDIR="$dest" prefix=/usr
left=$(find "$dest" ! -type d)
[ -z "$left" ] || fail "make uninstall left $left"

log "bindir, libdir, includedir and mandir"
tool install DESTDIR="$dest" prefix=/opt/p bindir=/opt/b libdir=/opt/l \
	includedir=/opt/i mandir=/opt/m
for f in b/pidinfo l/libpidinfo.so.2 l/pkgconfig/libpidinfo.pc i/pidinfo.h \
	m/man1/pidinfo.1 m/man3/libpidinfo.3; do
	[ -e "$dest/opt/$f" ] || fail "/opt/$f is not installed"
done
grep -qx 'libdir=/opt/l' "$dest/opt/l/pkgconfig/libpidinfo.pc" ||
	fail "the .pc file's libdir is not /opt/l"
tool uninstall DESTDIR="$dest" prefix=/opt/p bindir=/opt/b libdir=/opt/l \
	includedir=/opt/i mandir=/opt/m
left=$(find "$dest" ! -type d)
[ -z "$left" ] || fail "make uninstall left $left"
log "make install: OK"
