#!/bin/sh
# port.sh - start-up cost of check_cuc_port's TCP-only run against
# monitoring-plugins' check_tcp, on the same loopback listener, in one go.
#
# Builds nothing: needs $BIN/check_cuc_port and $O/tests/bench/spawn_time
# (make O=... BIN=... tests).  N=500 runs each by default.  Prints:
#   - median/p90 whole-process wall time of each (spawn_time, no shell),
#   - the ratio ours/check_tcp (issue 2 target: <= 0.6),
#   - peak RSS of ours (target: < 4 MB = 4096 KB),
#   - the shared objects a TCP-only run maps (no libcurl) and, for
#     contrast, an --http run.
O=${O:-build}
BIN=${BIN:-plugins}
N=${N:-500}
CHECK_TCP=${CHECK_TCP:-/usr/lib/nagios/plugins/check_tcp}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
ours=$BIN/check_cuc_port
spawn=$O/tests/bench/spawn_time
for f in "$ours" "$spawn"; do
	[ -x "$f" ] || { echo "port.sh: $f missing: make O=$O BIN=$BIN tests"; exit 1; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cuc-bench.XXXXXX") || exit 1
python3 tests/lab/fake_jetty.py --port-file "$tmp/port" > /dev/null 2>&1 &
srv=$!
trap 'kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
i=0
while [ ! -s "$tmp/port" ]; do
	i=$((i + 1))
	[ "$i" -gt 100 ] && { echo "port.sh: listener did not start"; exit 1; }
	sleep 0.1
done
port=$(cat "$tmp/port")

echo "== check_cuc_port TCP-only vs check_tcp, 127.0.0.1:$port, $N runs each"
echo "   first lines:"
"$ours" -H 127.0.0.1 -p "$port" | sed 's/^/     /'
if [ -x "$CHECK_TCP" ]; then
	"$CHECK_TCP" -H 127.0.0.1 -p "$port" | sed 's/^/     /'
	"$spawn" "$N" "$(cd "$(dirname "$ours")" && pwd)/${ours##*/}" \
	    -H 127.0.0.1 -p "$port" -- "$CHECK_TCP" -H 127.0.0.1 -p "$port" \
	    -- /bin/true > "$tmp/times" || exit 1
else
	echo "   ($CHECK_TCP missing: apt-get install monitoring-plugins-basic)"
	"$spawn" "$N" "$(cd "$(dirname "$ours")" && pwd)/${ours##*/}" \
	    -H 127.0.0.1 -p "$port" -- /bin/true > "$tmp/times" || exit 1
fi
sed 's/^/   /' "$tmp/times"
awk '
	{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[NR, kv[1]] = kv[2] } }
	END {
		printf "   check_cuc_port median %.3f ms, peak RSS %d KB (target < 4096): %s\n",
		    v[1, "median_ms"], v[1, "maxrss_kb"],
		    v[1, "maxrss_kb"] < 4096 ? "met" : "MISSED"
		if (NR == 3) {
			r = v[1, "median_ms"] / v[2, "median_ms"]
			printf "   ratio ours/check_tcp (median) %.2f (target <= 0.6): %s\n",
			    r, r <= 0.6 ? "met" : "MISSED"
			printf "   ours minus /bin/true %.3f ms, check_tcp minus /bin/true %.3f ms\n",
			    v[1, "median_ms"] - v[3, "median_ms"],
			    v[2, "median_ms"] - v[3, "median_ms"]
		}
	}' "$tmp/times"

# Shared objects each run loads, from the dynamic loader itself (dlopen()ed
# ones included): the TCP-only run must not load libcurl.
objects() {
	LD_DEBUG=files "$@" 2>&1 >/dev/null |
	    sed -n 's/.*file=\([^ ]*\) *\[0\]; *\(needed\|dynamically loaded\).*/\1/p' |
	    sort -u
}
objects "$ours" -H 127.0.0.1 -p "$port" > "$tmp/tcp.objs"
objects "$ours" -H 127.0.0.1 -p "$port" --http > "$tmp/http.objs"
echo "== shared objects loaded"
echo "   TCP-only: $(wc -l < "$tmp/tcp.objs") ($(tr '\n' ' ' < "$tmp/tcp.objs"))"
echo "   --http:   $(wc -l < "$tmp/http.objs") (libcurl loaded on first use)"
if grep -q libcurl "$tmp/tcp.objs"; then
	echo "   TCP-only run loads libcurl: MISSED"
else
	echo "   TCP-only run loads no libcurl: met"
fi
grep -q libcurl "$tmp/http.objs" || echo "   (odd: the --http run did not load libcurl)"
