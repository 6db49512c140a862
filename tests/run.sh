#!/bin/sh
# Run the whole test suite: unit tests (cmocka, TAP), fuzz corpus replays,
# then the plugin and lab tests (shell, TAP).  Ends with "N passed, N failed".
#
# Environment: O (object tree, default build), BIN (plugins, default plugins),
# VALGRIND (a command the unit tests, replays and plugins run under, e.g.
# "valgrind -q --error-exitcode=99 --leak-check=full"; see make check-valgrind).
# TESTS="unit plugins" or a single script path narrows the run.
O=${O:-build}
BIN=${BIN:-plugins}
export O BIN
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
log=$(mktemp -d "${TMPDIR:-/tmp}/cuc-tests.XXXXXX") || exit 1
trap 'rm -rf "$log"' EXIT INT TERM
passed=0
failed=0
failures=""

# Count the TAP lines of one test program's output; keep the output of a
# failing one.
tally() {
	name=$1 out=$2 rc=$3
	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^not ok ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# died before saying which test failed
		echo "not ok - $name exited $rc" >> "$out"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		failures="$failures $name"
		echo "--- $name: $f failed"
		grep -v '^ok ' "$out" | head -n 60
	else
		echo "$name: $p passed"
	fi
}

run_one() {
	name=$1
	shift
	out="$log/$(echo "$name" | tr '/' '_')"
	"$@" > "$out" 2>&1
	tally "$name" "$out" $?
}

for t in "$O"/tests/test_*; do
	[ -x "$t" ] || continue
	run_one "unit/${t##*/}" env CMOCKA_MESSAGE_OUTPUT=TAP $VALGRIND "$t"
done
for t in "$O"/tests/fuzz_*; do
	[ -x "$t" ] || continue
	name=${t##*/}
	run_one "fuzz-replay/$name" $VALGRIND "$t" "tests/fuzz/corpus/${name#fuzz_}"
done
for t in tests/plugins/*.sh tests/lab/test_*.sh tests/package/test_*.sh; do
	[ -f "$t" ] || continue
	run_one "$t" sh "$t"
done

echo
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
