#!/bin/sh
# Whole-day scans against the tools on the shell (issue 17), side by side
# on the same files, page cache warm (each command runs SPAWN_WARMUP times
# first), RUNS runs taken in turns (tests/bench/spawn_time):
#  - check_cuc_mbxsync --window=86400 over a day of diag files (1,440,
#    gen_diag_day) against LC_ALL=C grep -c -E with one alternation of the
#    classes' key phrases (its count is shown: it equals the errors found);
#  - check_cuc_keepalive --window=90000 over a 1 GB day (gen_jetty_day)
#    against cat FILE > /dev/null, and in the same rounds its floors
#    (ka_floor: its reader alone, then finding line ends too);
#  - user-space instructions (callgrind, when valgrind is there) of the
#    keepalive check and of cat over the day's last hour;
#  - peak memory (ru_maxrss) of each on an hour and on the whole day.
# Each row: the median and min..max of both, and their ratio per round
# (median, min..max).  Figures only: nothing here passes or fails.
#
# Environment: O, BIN as for the tests; RUNS (default 9); SPAWN_WARMUP
# (default 2); BENCH_DIR to keep the generated files (jetty/ and diag/
# below it; default a temporary directory, removed).
O=${O:-build}
BIN=${BIN:-plugins}
RUNS=${RUNS:-9}
SPAWN_WARMUP=${SPAWN_WARMUP:-2}
SPAWN_EACH=1
export SPAWN_WARMUP SPAWN_EACH
spawn=$O/tests/bench/spawn_time
floor=$O/tests/bench/ka_floor
for f in "$O/tests/bench/gen_jetty_day" "$O/tests/bench/gen_diag_day" \
    "$spawn" "$floor" "$BIN/check_cuc_keepalive" "$BIN/check_cuc_mbxsync"; do
	[ -x "$f" ] || { echo "day.sh: $f not built (make tests)"; exit 1; }
done
if [ -n "$BENCH_DIR" ]; then
	dir=$BENCH_DIR
	mkdir -p "$dir" || exit 1
else
	dir=$(mktemp -d "${TMPDIR:-/tmp}/cuc-bench-day.XXXXXX") || exit 1
	trap 'rm -rf "$dir"' EXIT INT TERM
fi
jetty=$dir/jetty
diag=$dir/diag
mkdir -p "$jetty" "$dir/diag_hour" || exit 1
day=$jetty/jetty_day.log
hour=$jetty/jetty_lasthour.log
[ -s "$day" ] || "$O/tests/bench/gen_jetty_day" "$day" || exit 1
if [ ! -s "$hour" ]; then
	off=$(LC_ALL=C grep -b -m 1 -F '29/Jun/2014:23:00:' "$day" | cut -d: -f1)
	tail -c +$((off + 1)) "$day" > "$hour" || exit 1
fi
[ -f "$diag/diag_CuMbxSync_00011439.uc" ] ||
    "$O/tests/bench/gen_diag_day" "$diag" > /dev/null || exit 1
# the day's last hour: its last 60 files, their mtimes kept
if [ ! -f "$dir/diag_hour/diag_CuMbxSync_00011439.uc" ]; then
	for f in "$diag"/diag_CuMbxSync_0001138*.uc "$diag"/diag_CuMbxSync_0001139*.uc \
	    "$diag"/diag_CuMbxSync_000114*.uc; do
		cp -p "$f" "$dir/diag_hour/" || exit 1
	done
fi

# The classes' key phrases, as an admin would grep for them.
ALT="ErrorServerBusy|ErrorImpersonat|ErrorNonExistentMailbox|[Cc]ouldn't connect|Timeout was reached|SSL connect error|dns results|status code: [45]|HTTP/1.1 [45]|0x8"
MNOW=--now=2026-11-25T00:00:00Z
KNOW=--now=2014-06-30T00:00:00Z
mb=$BIN/check_cuc_mbxsync
ka=$BIN/check_cuc_keepalive

# field NAME LINE: the value of NAME= in a spawn_time line
field() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# stats A B: "median min max" of the ratios A[i]/B[i] (comma lists)
ratios() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		n = split(a, x, ","); split(b, y, ",")
		for (i = 1; i <= n; i++) r[i] = x[i] / y[i]
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
			if (r[j] < r[i]) { t = r[i]; r[i] = r[j]; r[j] = t }
		m = n % 2 ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2
		printf "%.2f %.2f %.2f\n", m, r[1], r[n] }'
}

# row WORK BASELINE_NAME TARGET LINE_A LINE_B
row() {
	r=$(ratios "$(field runs_ms "$4")" "$(field runs_ms "$5")")
	printf '%-26s %7.1f (%6.1f..%6.1f)  %-10s %7.1f (%6.1f..%6.1f)  %s  %s\n' \
	    "$1" "$(field median_ms "$4")" "$(field min_ms "$4")" \
	    "$(field max_ms "$4")" "$2" "$(field median_ms "$5")" \
	    "$(field min_ms "$5")" "$(field max_ms "$5")" \
	    "$(printf '%s\n' "$r" | awk '{ printf "%5.2f (%4.2f..%4.2f)", $1, $2, $3 }')" \
	    "$3"
}

files=$(ls "$diag" | wc -l)
dbytes=$(cat "$diag"/*.uc | wc -c)
echo "issue 17: whole-day scans; median (min..max) of $RUNS runs in turns, ms; ratio per round"
echo "cores: $(getconf _NPROCESSORS_ONLN 2>/dev/null), load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
echo "mbxsync data: $files files, $dbytes bytes; keepalive data: $(wc -c < "$day") bytes, $(wc -l < "$day") lines"
"$mb" --logdir "$diag" $MNOW --window=86400 | head -n 1 | tr ' ' '\n' | grep -E '^(errors|lines)=' | tr '\n' ' '
echo "(check_cuc_mbxsync)"
( cd "$diag" && LC_ALL=C grep -c -E "$ALT" diag_CuMbxSync_*.uc ) |
    awk -F: '{ s += $2 } END { printf "errors=%d (grep -c -E, summed over the files)\n", s }'
echo
printf '%-26s %-26s  %-10s %-26s  %-18s %s\n' work "check, ms" baseline "ms" "ratio" target

out=$(LC_ALL=C "$spawn" "$RUNS" "$mb" --logdir "$diag" $MNOW --window=86400 -- \
    /bin/sh -c 'cd "$1" && exec "$2" -c -E "$3" diag_CuMbxSync_*.uc > "$4"' sh \
    "$diag" "$(command -v grep)" "$ALT" "$dir/.grep" -- \
    /bin/sh -c 'cd "$1" && exec cat diag_CuMbxSync_*.uc > /dev/null' sh "$diag")
row "mbxsync --window=86400" "grep -c -E" "<= 1.5" \
    "$(printf '%s\n' "$out" | sed -n 1p)" "$(printf '%s\n' "$out" | sed -n 2p)"
row "  (the same)" "cat *.uc" "" \
    "$(printf '%s\n' "$out" | sed -n 1p)" "$(printf '%s\n' "$out" | sed -n 3p)"

# With the check, in the same rounds, its floors on this machine: its own
# reader (two threads, the same reads) handing blocks to nothing, then to
# a memchr for each line's end (tests/bench/ka_floor.c).
out=$("$spawn" "$RUNS" "$ka" -f "$day" $KNOW --window=90000 -- \
    /bin/sh -c 'exec cat "$1" > /dev/null' sh "$day" -- \
    "$floor" read "$day" -- "$floor" lines "$day")
row "keepalive --window=90000" "cat FILE" "<= 1.2" \
    "$(printf '%s\n' "$out" | sed -n 1p)" "$(printf '%s\n' "$out" | sed -n 2p)"
row "  floor: its reader only" "cat FILE" "" \
    "$(printf '%s\n' "$out" | sed -n 3p)" "$(printf '%s\n' "$out" | sed -n 2p)"
row "  floor: + line ends" "cat FILE" "" \
    "$(printf '%s\n' "$out" | sed -n 4p)" "$(printf '%s\n' "$out" | sed -n 2p)"

# Instructions do not depend on the load of the machine, as times do:
# user-space instructions (callgrind) of the same check over the day's
# last hour, all of it in the window, against cat (its work is the
# kernel's copy, which callgrind does not count).
if command -v valgrind > /dev/null 2>&1; then
	instr() {
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
		    2>&1 > /dev/null | sed -n 's/.*Collected : //p'
	}
	ki=$(instr "$ka" -t 300 -f "$hour" $KNOW --window=90000)
	ci=$(instr cat "$hour")
	hl=$(wc -l < "$hour")
	echo
	echo "user-space instructions (callgrind) over the last hour ($hl lines, $(wc -c < "$hour") bytes):"
	awk -v k="$ki" -v c="$ci" -v n="$hl" 'BEGIN {
		printf "  keepalive --window=90000 %12d (%.0f a line)\n", k, k / n
		printf "  cat FILE                 %12d (%.1f a line)\n", c, c / n }'
fi

echo
echo "peak memory (ru_maxrss, KB, largest of 3 runs): an hour against the day"
printf '%-40s %9s %9s %9s  %s\n' check "1 hour" "1 day" difference target
ka_h=$(SPAWN_WARMUP=0 "$spawn" 3 "$ka" -f "$hour" $KNOW --window=90000)
ka_d=$(SPAWN_WARMUP=0 "$spawn" 3 "$ka" -f "$day" $KNOW --window=90000)
mb_h=$(SPAWN_WARMUP=0 "$spawn" 3 "$mb" --logdir "$dir/diag_hour" $MNOW --window=86400)
mb_d=$(SPAWN_WARMUP=0 "$spawn" 3 "$mb" --logdir "$diag" $MNOW --window=86400)
for k in ka mb; do
	eval "h=\$${k}_h d=\$${k}_d"
	[ $k = ka ] && name="keepalive --window=90000 (41 MB, 1 GB)" ||
	    name="mbxsync --window=86400 (60, 1440 files)"
	awk -v n="$name" -v h="$(field maxrss_kb "$h")" -v d="$(field maxrss_kb "$d")" 'BEGIN {
		printf "%-40s %9d %9d %9d  <= 1024\n", n, h, d, d - h }'
done
