#!/bin/sh
# Benchmark check_cuc_keepalive on a day of CUC's Jetty request log:
# 20,000 subscriptions, ~6 M lines, ~1 GB (gen_jetty_day).  Prints
#  (a) the default-window (3600 s) check on the whole day and on a file
#      holding only its last hour: the cost is the window, not the file;
#  (b) a full-day scan (--window 86400) in GB/s, next to
#      LC_ALL=C grep -c -F NotificationService on the same file;
#  (c) peak private memory (RssAnon) and ru_maxrss (which also counts the
#      mapped file's page-cache pages).
# Times are medians of RUNS runs taken in turns (tests/bench/spawn_time).
# Figures only: nothing here passes or fails; the targets of issue 3 are
# printed beside them.
#
# Environment: O, BIN as for the tests; RUNS (default 7); BENCH_DIR to
# keep the generated day (default: a temporary directory, removed).
O=${O:-build}
BIN=${BIN:-plugins}
RUNS=${RUNS:-7}
gen=$O/tests/bench/gen_jetty_day
spawn=$O/tests/bench/spawn_time
katime=$O/tests/bench/ka_time
plugin=$BIN/check_cuc_keepalive
for f in "$gen" "$spawn" "$katime" "$plugin"; do
	[ -x "$f" ] || { echo "keepalive.sh: $f not built (make tests)"; exit 1; }
done
if [ -n "$BENCH_DIR" ]; then
	dir=$BENCH_DIR
	mkdir -p "$dir" || exit 1
else
	dir=$(mktemp -d "${TMPDIR:-/tmp}/cuc-bench-ka.XXXXXX") || exit 1
	trap 'rm -rf "$dir"' EXIT INT TERM
fi
day=$dir/jetty_day.log
hour=$dir/jetty_lasthour.log
[ -s "$day" ] || "$gen" "$day" || exit 1
if [ ! -s "$hour" ]; then
	# from the first line stamped 23:00 on
	off=$(LC_ALL=C grep -b -m 1 -F '29/Jun/2014:23:00:' "$day" | cut -d: -f1)
	tail -c +$((off + 1)) "$day" > "$hour" || exit 1
fi
now=--now=2014-06-30T00:00:00Z
bytes=$(wc -c < "$day")
hbytes=$(wc -c < "$hour")
echo "check_cuc_keepalive: $(wc -l < "$day") lines, $bytes bytes (a day, 20,000 subscriptions); last hour $(wc -l < "$hour") lines, $hbytes bytes"
echo "cores: $(getconf _NPROCESSORS_ONLN 2>/dev/null), load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
"$plugin" -f "$day" "$now" | head -n 1 | cut -c1-150
"$plugin" -f "$hour" "$now" | head -n 1 | cut -c1-150

# field NAME LINE: the value of NAME= in a spawn_time line
field() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

echo
echo "(a) default window (3600 s), median of $RUNS:"
out=$("$spawn" "$RUNS" "$plugin" -f "$day" "$now" -- "$plugin" -f "$hour" "$now")
dayrun=$(printf '%s\n' "$out" | sed -n 1p)
hourrun=$(printf '%s\n' "$out" | sed -n 2p)
dayms=$(field median_ms "$dayrun")
hourms=$(field median_ms "$hourrun")
echo "    1 GB day:       $dayms ms (p90 $(field p90_ms "$dayrun"), min $(field min_ms "$dayrun"))   (target < 25 ms)"
echo "    last hour only: $hourms ms (p90 $(field p90_ms "$hourrun"), min $(field min_ms "$hourrun"))"
awk -v a="$dayms" -v b="$hourms" 'BEGIN { printf "    ratio:          %.2f   (target <= 1.5)\n", a / b }'

echo
echo "(b) full-day scan (--window 86400) vs grep, median of $RUNS:"
grep=$(command -v grep)
# grep's output goes to a file: GNU grep stops at the first match when its
# output is /dev/null (where spawn_time sends it); sh -c costs ~1 ms.
out=$(LC_ALL=C "$spawn" "$RUNS" "$plugin" -f "$day" "$now" --window 86400 -- \
    /bin/sh -c 'exec "$1" -c -F NotificationService "$2" > "$3"' sh \
    "$grep" "$day" "$dir/.grep")
fullms=$(field median_ms "$(printf '%s\n' "$out" | sed -n 1p)")
grepms=$(field median_ms "$(printf '%s\n' "$out" | sed -n 2p)")
awk -v b="$bytes" -v p="$fullms" -v g="$grepms" 'BEGIN {
	printf "    check_cuc_keepalive: %7.1f ms  %.2f GB/s\n", p, b / p / 1e6
	printf "    grep -c -F:          %7.1f ms  %.2f GB/s\n", g, b / g / 1e6
	printf "    plugin/grep:         %.2f   (target <= 1)\n", p / g
}'

# On a busy machine wall times say more about the neighbours than about
# the program: the CPU time (user + system, all threads) of one run each.
if [ -x /usr/bin/time ]; then
	cpu() { /usr/bin/time -f "%U %S" -o "$dir/.cpu" "$@" > "$dir/.cpuout" 2>&1
		awk '{ printf "%.0f ms (user %.0f + sys %.0f)", ($1 + $2) * 1000, $1 * 1000, $2 * 1000 }' "$dir/.cpu"; }
	echo "    CPU time, one run: plugin $(cpu "$plugin" -f "$day" "$now" --window 86400), grep $(LC_ALL=C cpu "$grep" -c -F NotificationService "$day")"
	echo "    CPU time, default window: $(cpu "$plugin" -f "$day" "$now")"
fi

echo
echo "(c) memory (peak private = RssAnon; maxrss counts mapped file pages):"
for w in 3600 86400; do
	m=$("$katime" "$plugin" -f "$day" "$now" --window $w)
	echo "    --window $w: peak private $(field peak_anon_kb "$m") KB, ru_maxrss $(field maxrss_kb "$m") KB  (target private < 16384 KB)"
done
