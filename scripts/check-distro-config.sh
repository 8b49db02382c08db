#!/bin/sh
# usage: scripts/check-distro-config.sh
#
# Compiles kernel/pidinfo/ as a distribution would ship it: Debian's own
# amd64 config (package linux-config-$KERNEL) with CONFIG_PIDINFO=y, in
# build/x86_64-debian.  Any warning there fails.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

config=/usr/src/linux-config-$KERNEL/config.amd64_none_amd64.xz
[ -r "$config" ] || die "$config is missing: apt-get install linux-config-$KERNEL"
out=$BUILD/x86_64-debian
mkdir -p "$out"

xz -dc "$config" >"$out/.config"
"$TREE/scripts/config" --file "$out/.config" --enable PIDINFO
make -s -C "$TREE" O="$out" olddefconfig >/dev/null
grep -qx 'CONFIG_PIDINFO=y' "$out/.config" ||
	die "CONFIG_PIDINFO=y did not stay in Debian's config"

log "compiling kernel/pidinfo/ under Debian's amd64 config"
out_log=$out/pidinfo-build.log
make -s -C "$TREE" O="$out" -j"$JOBS" W=1 kernel/pidinfo/ >"$out_log" 2>&1 || {
	cat "$out_log" >&2
	die "kernel/pidinfo/ does not build under Debian's config"
}
# Host tools (genksyms' grammar) have warnings of their own; ours must have
# none, and every object must have been built.
if grep -q 'kernel/pidinfo/' "$out_log"; then
	cat "$out_log" >&2
	die "warnings building kernel/pidinfo/ under Debian's config"
fi
check_pidinfo_objects "$TREE" "$out"
log "kernel/pidinfo/ builds cleanly under Debian's amd64 config"
