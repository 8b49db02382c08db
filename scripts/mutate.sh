#!/bin/sh
# usage: scripts/mutate.sh [NAME...]
#
# Mutation testing: plants each mutant of scripts/mutants.tsv (or only
# those NAMEd; the format is in scripts/plant-mutant.py) in a scratch copy
# of this repository, one at a time, and runs the tests its line says
# must kill it:
#   test        KUnit by kunit.py run (UML: a quick incremental build);
#               if that passes, the kselftests in the
#               qemu guest (the x86_64 guest of make test);
#   test-debug  the tests on the checkers' kernel (make test-debug).
# The scratch copy shares build/'s trees and builds, and prepare-tree
# rewrites only the mutated file, so each mutant is an incremental build.
# Reports each mutant killed (with the first failing test) or survived,
# then the score; exits 1 if any survived or a line no longer matches the
# code.  Results: build/mutate/.  Not part of CI: it takes hours.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

if [ "$ARCH" != x86_64 ] || [ "$KERNEL" != 6.12 ]; then
	die "make mutate runs on x86_64 with Linux 6.12 only"
fi
list=$top/scripts/mutants.tsv
work=$BUILD/mutate
scratch=$work/repo
mkdir -p "$work"
report=$work/report.txt
: >"$report"

"$top/scripts/deps.sh"

# What failed a judged run: a kernel report if there was one (a stopped
# guest leaves its tests unfinished), else the first failing test.
first_failure() {
	summaries=$(cat "$1/summary.txt" "$1/debug/summary.txt" 2>/dev/null ||
		true)
	{
		echo "$summaries" | grep -E '^problem: .* report\(s\) in '
		echo "$summaries" | grep -E '^  FAIL |^problem: '
	} | head -n1 | sed 's/^  FAIL //; s/^problem: //' || true
}

# The checkers' kernel reports a lock planted away within a minute of
# booting, long before its run ends: once the console of $1 holds a
# report (and, a little later, its trace), the guest is stopped.  Any
# report fails the run, so the verdict is the same.
stop_at_first_report() {
	while sleep 10; do
		python3 "$top/scripts/judge.py" --reported "$1" >/dev/null ||
			continue
		sleep 20
		pkill -f "qemu-system-.* -kernel $BUILD/$FLAVOUR-debug/" || true
		return
	done
}

# Runs the tests for $2 (test or test-debug) in the scratch copy, with
# results in $1; exits 0 if they all pass.
run_tests() {
	results=$1 target=$2
	export BUILD RESULTS="$results"
	if [ "$target" = test-debug ]; then
		stop_at_first_report "$results/debug/console.log" &
		watcher=$!
		status=0
		"$scratch/scripts/test-debug.sh" >"$results.log" 2>&1 || status=$?
		kill "$watcher" 2>/dev/null || true
		wait "$watcher" 2>/dev/null || true
		return "$status"
	fi
	"$scratch/scripts/prepare-tree.sh" >"$results.log" 2>&1
	mkdir -p "$results"
	if ! "$scratch/scripts/kunit.sh" run >>"$results.log" 2>&1; then
		python3 "$top/scripts/judge.py" --kunit "$results/kunit.log" \
			"$results" >/dev/null 2>&1 || true
		return 1
	fi
	"$scratch/scripts/run-guest.sh" "$BUILD/$FLAVOUR" test \
		"$results/console.log" 900 >/dev/null 2>>"$results.log" || true
	python3 "$top/scripts/judge.py" --console "$results/console.log" \
		"$results" >>"$results.log" 2>&1
}

total=0 killed=0 stale=0
start=$(date +%s)
python3 "$top/scripts/plant-mutant.py" "$list" --names >"$work/names"
while read -r name target; do
	if [ $# -gt 0 ]; then
		case " $* " in *" $name "*) ;; *) continue ;; esac
	fi
	total=$((total + 1))
	rsync -a --delete --exclude=/build "$top/" "$scratch/"
	if ! why=$(python3 "$top/scripts/plant-mutant.py" "$list" "$name" "$scratch"); then
		stale=$((stale + 1))
		printf '%-40s STALE    %s\n' "$name" "$why" | tee -a "$report"
		continue
	fi
	t0=$(date +%s)
	results=$work/$name
	rm -rf "$results" "$results.log"
	if run_tests "$results" "$target" </dev/null; then
		verdict=SURVIVED why=
	else
		verdict=killed why=$(first_failure "$results")
		[ -n "$why" ] || why="build or boot failed: see $results.log"
		killed=$((killed + 1))
	fi
	printf '%-40s %-8s %4ss  %s\n' "$name" "$verdict" \
		"$(($(date +%s) - t0))" "$why" | tee -a "$report"
done <"$work/names"

# Leave build/ as the repository describes it, not as the last mutant.
BUILD=$BUILD RESULTS='' "$top/scripts/prepare-tree.sh" >/dev/null
log "score: $killed/$total killed, $stale stale, in $(($(date +%s) - start)) s (report: $report)"
[ "$killed" -eq "$total" ]
