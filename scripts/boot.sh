#!/bin/sh
# usage: [MEM=1G] [APPEND=params] scripts/boot.sh KERNEL INITRD LOG [TIMEOUT_SECONDS]
#
# Boots KERNEL with INITRD under qemu for $ARCH (TCG, 2 vCPUs; KVM guests
# crash on these machines), shows the console and saves it to LOG.  The guest ends
# itself with "reboot -f"; a guest still running after TIMEOUT is killed
# and the boot fails.  MEM is the guest's memory (1G), APPEND what the
# kernel command line gets besides the console.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

[ $# -ge 3 ] || die "usage: $0 KERNEL INITRD LOG [TIMEOUT_SECONDS]"
kernel=$1 initrd=$2 console_log=$3 limit=${4:-900}

log "booting $(basename "$kernel") under qemu (log: $console_log)"
# The pipeline's status is tee's, so qemu's is passed on through a file.
rm -f "$console_log.status"
{
	status=0
	timeout --foreground -k 10 "$limit" \
		$QEMU -accel tcg,thread=multi -smp 2 -m "${MEM:-1G}" \
		-nodefaults -nographic -serial stdio -no-reboot \
		-kernel "$kernel" -initrd "$initrd" \
		-append "console=$CONSOLE panic=-1 loglevel=4 ${APPEND:-}" \
		</dev/null 2>&1 || status=$?
	echo "$status" >"$console_log.status"
} | tr -d '\r' | tee "$console_log"
status=$(cat "$console_log.status")
rm -f "$console_log.status"
[ "$status" -eq 0 ] || die "qemu failed or timed out after ${limit}s (status $status)"
