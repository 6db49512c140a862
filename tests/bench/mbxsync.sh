#!/bin/sh
# Benchmark check_cuc_mbxsync on a day of CuMbxSync logs: 1,440 files of
# ~37 KB (gen_diag_day), read with the default 900 s window and with a
# full-day window (--window 86400).  Prints wall, user and system time
# (best of RUNS) and peak RSS.  Figures only: nothing here passes or fails.
#
# Environment: O, BIN as for the tests; RUNS (default 5); BENCH_DIR to keep
# the generated files (default: a temporary directory, removed).
O=${O:-build}
BIN=${BIN:-plugins}
RUNS=${RUNS:-5}
gen=$O/tests/bench/gen_diag_day
plugin=$BIN/check_cuc_mbxsync
for f in "$gen" "$plugin"; do
	[ -x "$f" ] || { echo "mbxsync.sh: $f not built (make tests)"; exit 1; }
done
if [ -n "$BENCH_DIR" ]; then
	dir=$BENCH_DIR
else
	dir=$(mktemp -d "${TMPDIR:-/tmp}/cuc-bench-mbx.XXXXXX") || exit 1
	trap 'rm -rf "$dir"' EXIT INT TERM
fi
[ -f "$dir/diag_CuMbxSync_00011439.uc" ] || "$gen" "$dir" || exit 1
set -- "$dir"/diag_CuMbxSync_*.uc
bytes=$(cat "$@" | wc -c)
lines=$(cat "$@" | wc -l)
echo "check_cuc_mbxsync: $# files, $bytes bytes, $lines lines (a day, 2026-11-24)"

# measure LABEL ARGS...: best wall time of RUNS runs, with its user and
# system time, and the largest peak RSS.  GNU time measures the plugin
# alone; without it python3 times it and RSS is not shown (a child forked
# from python carries python's pages).
measure() {
	label=$1
	shift
	if [ -x /usr/bin/time ]; then
		best="" rss=0 i=0
		while [ $i -lt "$RUNS" ]; do
			/usr/bin/time -f "%e %U %S %M" -o "$dir/.time" "$plugin" "$@" \
			    > "$dir/.out"
			# the last line: GNU time may first say the exit status
			read -r w u s m <<EOT
$(tail -n 1 "$dir/.time")
EOT
			[ "$m" -gt "$rss" ] && rss=$m
			if [ -z "$best" ] || awk -v a="$w" -v b="${best%% *}" \
			    'BEGIN { exit !(a < b) }'; then
				best="$w $u $s"
			fi
			i=$((i + 1))
		done
		set -- $best
		rss="$rss KB"
	else
		"$plugin" "$@" > "$dir/.out"
		set -- $(python3 - "$RUNS" "$plugin" "$@" <<'PY'
import resource, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
best = None
for _ in range(runs):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    subprocess.run(cmd, stdout=subprocess.DEVNULL)
    wall = time.monotonic() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if best is None or wall < best[0]:
        best = (wall, r1.ru_utime - r0.ru_utime, r1.ru_stime - r0.ru_stime)
print("%.2f %.2f %.2f" % best)
PY
)
		rss="n/a (no /usr/bin/time)"
	fi
	first=$(head -n 1 "$dir/.out")
	figures=$(printf '%s\n' "${first#*| }" | tr ' ' '\n' |
	    grep -E '^(errors|rate|lines)=' | sed 's/;.*//' | tr '\n' ' ')
	echo "  $label: wall $1 s, user $2 s, sys $3 s (best of $RUNS), peak RSS $rss [$figures]"
}

now=2026-11-25T00:00:00Z
measure "window 900 s  " --logdir "$dir" --now $now
measure "window 86400 s" --logdir "$dir" --now $now --window 86400
