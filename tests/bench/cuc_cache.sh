#!/bin/sh
# cuc_cache.sh - N runs of check_cuc_mbxsync --cuc started at once against
# tests/lab/fake_serviceability.py, one cache, the default -t (issue 15:
# 109 of 200 ended UNKNOWN "stayed locked" while a run held the lock from
# start to end).  Prints how many answered OK, how many distinct first
# lines (fetch perfdata aside), how many stayed locked, the burst's wall
# time and the runs' fetch_time (median, p90, max).  N=200 by default.
O=${O:-build}
BIN=${BIN:-plugins}
N=${N:-200}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
[ -x "$BIN/check_cuc_mbxsync" ] || { echo "cuc_cache.sh: $BIN/check_cuc_mbxsync missing"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cuc-bench.XXXXXX") || exit 1
srv=""
trap '[ -n "$srv" ] && kill $srv 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 -subj /CN=127.0.0.1 \
    -addext "subjectAltName=IP:127.0.0.1" > /dev/null 2>&1 ||
    { echo "cuc_cache.sh: openssl cannot make a certificate"; exit 1; }
mkdir "$tmp/mb" "$tmp/out"
cp tests/data/sample/mbxsync/*.uc "$tmp/mb/"
touch -d 2026-11-25T09:50:59Z "$tmp/mb/diag_CuMbxSync_00000313.uc"
touch -d 2026-11-25T10:00:00Z "$tmp/mb/diag_CuMbxSync_00000314.uc"
printf '[check_cuc_mbxsync]\ncuc-user=monitor\ncuc-password=secret\n' > "$tmp/ok.ini"
python3 tests/lab/fake_serviceability.py --cert "$tmp/cert.pem" \
    --key "$tmp/key.pem" --port-file "$tmp/port" \
    --service "Connection Mailbox Sync=$tmp/mb=diag_CuMbxSync_*.uc" \
    > /dev/null 2>&1 &
srv=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
port=$(cat "$tmp/port")

t0=$(date +%s.%N)
(
	i=0
	while [ $i -lt "$N" ]; do
		"$BIN/check_cuc_mbxsync" --cuc "127.0.0.1:$port" \
		    --extra-opts="@$tmp/ok.ini" --ca-cert "$tmp/cert.pem" \
		    --cache-dir "$tmp/cache" --now 2026-11-25T10:00:00Z \
		    > "$tmp/out/$i" 2>&1 &
		i=$((i + 1))
	done
	wait
)
t1=$(date +%s.%N)

for f in "$tmp/out"/*; do head -n 1 "$f"; done > "$tmp/lines"
ok=$(grep -c '^CUC MBXSYNC OK' "$tmp/lines")
locked=$(grep -c 'locked by another run' "$tmp/lines")
distinct=$(sed -e 's/ fetch_time=[^ ]*//' -e 's/ fetched=[^ ]*//' "$tmp/lines" | sort -u | wc -l)
echo "runs at once:      $N (default -t)"
echo "answered OK:       $ok"
echo "distinct answers:  $distinct"
echo "stayed locked:     $locked"
awk -v a="$t0" -v b="$t1" 'BEGIN { printf "burst wall time:   %.2f s\n", b - a }'
sed -n 's/.* fetch_time=\([0-9.]*\)s.*/\1/p' "$tmp/lines" | sort -n |
    awk '{ v[NR] = $1 } END {
	if (NR == 0) { print "fetch_time:        none"; exit }
	p = int(NR * 0.9 + 0.5)
	if (p < 1) p = 1
	printf "fetch_time:        median %.3f s, p90 %.3f s, max %.3f s\n",
	    v[int((NR + 1) / 2)], v[p], v[NR] }'
