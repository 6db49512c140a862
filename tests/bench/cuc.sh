#!/bin/sh
# What a --cuc run costs the CUC box: HTTP requests made and bytes fetched
# by check_cuc_keepalive --cuc against tests/lab/fake_serviceability.py
# (HTTPS on 127.0.0.1), for a Jetty request log being written of 50 MB and
# of 500 MB (cut from gen_jetty_day's day at a line end) beside the file it
# rotated from (the same size).  For each:
#  - the first run (empty cache);
#  - the steady state: a run every 5 minutes, the log 5 minutes longer
#    each time (the day's next lines appended, its mtime and CUC's clock 300 s
#    on); the second such run is shown.
# Requests are counted on the server (its count log, new connections
# apart), bytes on the client (the fetched= perfdata: bodies received).
# The runs are on the real clock, as a scheduler's (the relative
# selection), so the lines, stamped 2014, are old: the state is CRITICAL,
# which changes nothing of what is fetched.
# The default --cuc-max-file (256M) refuses a 500 MB file: shown, then the
# figures with --cuc-max-file=1G.  Figures only: nothing passes or fails.
#
# Environment: O, BIN as for the tests; BENCH_DIR to keep the generated
# files (jetty_day.log is shared with keepalive.sh); SIZES (MB, default
# "50 500").
O=${O:-build}
BIN=${BIN:-plugins}
SIZES=${SIZES:-50 500}
gen=$O/tests/bench/gen_jetty_day
plugin=$BIN/check_cuc_keepalive
for f in "$gen" "$plugin"; do
	[ -x "$f" ] || { echo "cuc.sh: $f not built (make tests)"; exit 1; }
done
if ! command -v openssl > /dev/null 2>&1 || ! command -v python3 > /dev/null 2>&1; then
	echo "cuc.sh: skipped (openssl or python3 missing)"
	exit 0
fi
if [ -n "$BENCH_DIR" ]; then
	dir=$BENCH_DIR
	mkdir -p "$dir" || exit 1
else
	dir=$(mktemp -d "${TMPDIR:-/tmp}/cuc-bench-cuc.XXXXXX") || exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/cuc-bench-cucw.XXXXXX") || exit 1
. tests/lab/fake_serviceability.sh
stop_fake() { svc_stop; }
cleanup() {
	stop_fake
	rm -rf "$work"
	[ -n "$BENCH_DIR" ] || rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

day=$dir/jetty_day.log
[ -s "$day" ] || "$gen" "$day" || exit 1
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" \
    -out "$work/cert.pem" -days 2 -subj /CN=127.0.0.1 \
    -addext "subjectAltName=IP:127.0.0.1" > /dev/null 2>&1 ||
    { echo "cuc.sh: openssl cannot make a certificate"; exit 1; }
printf '[check_cuc_keepalive]\ncuc-user=monitor\ncuc-password=secret\n' \
    > "$work/ok.ini"

# start_fake: the server over $work/jetty on the real clock: one server, one
# port (the cache directory is per host and port) for all runs of a size
start_fake() {
	svc_start "$work" --service "Connection Jetty=$work/jetty=*request.log" ||
	    { echo "cuc.sh: fake service did not start"; exit 1; }
}

# slice FROM TO OUT: bytes [FROM, TO) of the day, both moved to line
# starts; prints the stamp (epoch) of the last line written.
slice() {
	python3 - "$day" "$1" "$2" "$3" <<'PY'
import calendar, sys, time
path, a, b, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
with open(path, "rb") as f:
    if a > 0:
        f.seek(a - 1)
        f.readline()
        a = f.tell()
    f.seek(b)
    f.readline()
    b = f.tell()
    f.seek(a)
    data = f.read(b - a)
with open(out, "ab") as o:
    o.write(data)
last = data.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode()
stamp = last.split("[", 1)[1].split(" ", 1)[0]
print(calendar.timegm(time.strptime(stamp, "%d/%b/%Y:%H:%M:%S")), b)
PY
}

# run_cuc ARGS...: one run, the file being written touched to now (as CUC
# writes it); sets rc, line1, fetched, requests, ms
run_cuc() {
	: > "$work/count.log"
	touch "$work/jetty/request.log"
	s0=$(date +%s%N)
	$timer "$plugin" --cuc "127.0.0.1:$PORT" --extra-opts="@$work/ok.ini" \
	    --ca-cert "$work/cert.pem" --cache-dir "$work/cache" \
	    --cache-size 4G -t 120 -v "$@" > "$work/out" 2>&1
	rc=$?
	ms=$((($(date +%s%N) - s0) / 1000000))
	line1=$(head -n 1 "$work/out")
	fetched=$(printf '%s\n' "$line1" | tr ' ' '\n' | sed -n 's/^fetched=\([0-9]*\)B.*/\1/p')
	requests=$(grep -vc '^connect' "$work/count.log")
	rss=$(tail -n 1 "$work/rss" 2> /dev/null)
	[ -n "$CUC_DEBUG" ] && { cat "$work/out" "$work/count.log"; ls -la --time-style=+%s "$work/cache"/*/ ; } >&2
}

# the plugin's peak RSS, with GNU time
timer=""
if [ -x /usr/bin/time ]; then
	timer="/usr/bin/time -f %M -o $work/rss"
fi

mb() { awk -v b="${1:-0}" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }

echo "check_cuc_keepalive --cuc (default window 3600 s): what one run costs CUC"
echo "the log being written of SIZE, beside yesterday's file of the same size"
printf '%-8s %-22s %9s %13s %8s %9s  %s\n' size run requests fetched wall "max RSS" state
for size in $SIZES; do
	rm -rf "$work/jetty" "$work/cache"
	mkdir -p "$work/jetty"
	bytes=$((size * 1000000))
	set -- $(slice 0 "$bytes" "$work/jetty/request.log")
	off=$2
	cp "$work/jetty/request.log" "$work/jetty/2014_06_28.request.log"
	touch -d "@$(($(date +%s) - 21600))" "$work/jetty/2014_06_28.request.log"
	start_fake
	if [ "$size" -gt 256 ]; then
		run_cuc
		printf '%-8s %-22s %9s %13s %6s ms %6s KB  %s\n' "${size} MB" \
		    "first, default cap" "$requests" "$(mb "$fetched")" "$ms" \
		    "$rss" "$(printf '%s\n' "$line1" | cut -c1-90)"
		rm -rf "$work/cache"
		cap="--cuc-max-file=1G"
	else
		cap=""
	fi
	run_cuc $cap
	printf '%-8s %-22s %9s %13s %6s ms %6s KB  %s\n' "${size} MB" \
	    "first (empty cache)" "$requests" "$(mb "$fetched")" "$ms" "$rss" \
	    "$(printf '%s\n' "$line1" | cut -c1-30)"
	for k in 1 2; do
		# 5 minutes of the day on, appended to the file being written
		set -- $(slice "$off" "$((off + 1000000000 / 288))" "$work/jetty/request.log")
		off=$2
		run_cuc $cap
	done
	printf '%-8s %-22s %9s %13s %6s ms %6s KB  %s\n' "${size} MB" \
	    "every 5 min, steady" "$requests" "$(mb "$fetched")" "$ms" "$rss" \
	    "$(printf '%s\n' "$line1" | cut -c1-30)"
	stop_fake
	awk -v b="${fetched:-0}" -v s="$size" 'BEGIN {
		printf "%-8s %-22s %9s %13s per day (288 runs), %.1f MB/s on average\n",
		    s " MB", "  steady, a day", "", sprintf("%.1f GB", b * 288 / 1e9), b / 300 / 1e6 }'
done
