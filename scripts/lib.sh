# Shared settings and helpers for the harness scripts; sourced, not run.
# shellcheck shell=sh

KERNEL=${KERNEL:-6.12}
ARCH=${ARCH:-x86_64}
BUILD=${BUILD:-$top/build}
TREE=$BUILD/linux-$KERNEL
RESULTS=$BUILD/test-results
JOBS=${JOBS:-$(nproc)}

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
