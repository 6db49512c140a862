#!/bin/sh
# test_agentless.sh - the log plugins read CUC's logs straight from its
# Serviceability API (--cuc) against tests/lab/fake_serviceability.py over
# HTTPS with a certificate made here: the same answers as from the same
# files on disk, the cache (a second run fetches only the file being
# written), and every fault as the documented UNKNOWN.
# Needs python3 and openssl.
. tests/lib.sh

if ! command -v openssl > /dev/null 2>&1 || ! command -v python3 > /dev/null 2>&1; then
	echo "1..0 # SKIP openssl or python3 missing"
	exit 0
fi

FAKE=tests/lab/fake_serviceability.py
MB=check_cuc_mbxsync
KA=check_cuc_keepalive
D=$TMPD
NOW=2026-11-25T10:00:00Z
SRV_PID=""

stop_fake() {
	if [ -n "$SRV_PID" ]; then
		kill "$SRV_PID" 2> /dev/null
		wait "$SRV_PID" 2> /dev/null
	fi
	SRV_PID=""
}
cleanup_hook() { stop_fake; }

# start_fake ARGS...: a fresh server serving $D/mb (and $D/jetty), port in $PORT.
start_fake() {
	stop_fake
	rm -f "$D/port"
	: > "$D/count.log"
	python3 "$FAKE" --cert "$D/cert.pem" --key "$D/key.pem" \
	    --port-file "$D/port" --count-log "$D/count.log" \
	    --service "Connection Mailbox Sync=$D/mb=diag_CuMbxSync_*.uc" \
	    --service "Connection Jetty=$D/jetty=*request.log" "$@" \
	    > /dev/null 2>&1 &
	SRV_PID=$!
	i=0
	while [ ! -s "$D/port" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	PORT=$(cat "$D/port" 2> /dev/null)
	[ -n "$PORT" ] || { echo "Bail out! fake service did not start"; exit 1; }
}

# The perfdata a --cuc run adds is not part of the comparison.
strip_fetch() { printf '%s\n' "$1" | sed -e 's/ fetch_time=[^ ]*//' -e 's/ fetched=[^ ]*//'; }
gets() { grep -c "^GetOneFile" "$D/count.log"; }

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$D/key.pem" \
    -out "$D/cert.pem" -days 2 -subj /CN=127.0.0.1 \
    -addext "subjectAltName=IP:127.0.0.1" > /dev/null 2>&1 ||
    { echo "Bail out! openssl cannot make a certificate"; exit 1; }

mkdir "$D/mb" "$D/jetty" || exit 1
cp tests/data/sample/mbxsync/*.uc "$D/mb/" || exit 1
touch -d 2026-11-25T09:41:59Z "$D/mb/diag_CuMbxSync_00000312.uc"
touch -d 2026-11-25T09:50:59Z "$D/mb/diag_CuMbxSync_00000313.uc"
touch -d 2026-11-25T10:00:00Z "$D/mb/diag_CuMbxSync_00000314.uc"
printf '[%s]\ncuc-user=monitor\ncuc-password=secret\n' $MB > "$D/ok.ini"
printf '[%s]\ncuc-user=monitor\ncuc-password=wrong\n' $MB > "$D/bad.ini"
printf 'machine 127.0.0.1 login monitor password secret\n' > "$D/netrc"

# cuc PLUGIN ARGS...: a --cuc run with the good credentials and our CA.
cuc() {
	p=$1
	shift
	run "$p" --cuc "127.0.0.1:$PORT" --extra-opts="@$D/ok.ini" \
	    --ca-cert "$D/cert.pem" --cache-dir "$D/cache" "$@"
}

# --- the same answers as from disk -----------------------------------
for w in 900 300 3600 60; do
	run $MB --logdir "$D/mb" --now $NOW --window $w
	disk_rc=$rc disk_line=$line1
	for mode in "dime --chunk 1000" "dime" "multipart"; do
		# shellcheck disable=SC2086
		start_fake --mode $mode
		rm -rf "$D/cache"
		cuc $MB --now $NOW --window $w
		is_rc $disk_rc "mbxsync window $w, $mode: same state as on disk"
		[ "$(strip_fetch "$line1")" = "$disk_line" ]
		ok $? "mbxsync window $w, $mode: same first line and perfdata as on disk"
		perf_has "fetch_time=" "mbxsync window $w, $mode: fetch_time perfdata"
		like "$perf" ' fetched=[1-9][0-9]*B' "mbxsync window $w, $mode: fetched bytes"
		no_stderr
	done
done
well_formed

# Nothing listed in the last day: a log that stopped, UNKNOWN as on disk;
# without the age guard, a quiet log as on disk.
run $MB --logdir "$D/mb" --now 2026-11-27T10:00:00Z
is_rc 3 "mbxsync, two days old on disk: UNKNOWN (--max-log-age)"
start_fake
cuc $MB --now 2026-11-27T10:00:00Z
is_rc 3 "mbxsync, nothing listed: UNKNOWN (--max-log-age)"
like "$line1" 'CUC lists no file of "Connection Mailbox Sync" written in the last 87300 s' \
    "mbxsync, nothing listed: says so"
run $MB --logdir "$D/mb" --now 2026-11-27T10:00:00Z --max-log-age 0
disk_rc=$rc disk_line=$line1
cuc $MB --now 2026-11-27T10:00:00Z --max-log-age 0
is_rc $disk_rc "mbxsync, nothing listed: same state as on disk"
# (no file listed: no age to give)
[ "$(strip_fetch "$line1")" = "$(printf '%s\n' "$disk_line" | sed 's/ log_age=[^ ]*//')" ]
ok $? "mbxsync, nothing listed: same first line as on disk, log_age aside"
[ "$(gets)" -eq 0 ]
ok $? "mbxsync, nothing listed: nothing fetched"

# -v details name the window like on disk
start_fake
cuc $MB --now $NOW -v
like "$out" 'files read 2, vanished 0' "mbxsync -v: the two files of the window read"

# --- the cache ---------------------------------------------------------
start_fake
rm -rf "$D/cache"
cuc $MB --now $NOW
is_rc 0 "cache: first run OK"
[ "$(gets)" -eq 2 ]
ok $? "cache: first run fetches the two files of the window"
[ "$(grep -c '^connect$' "$D/count.log")" -eq 1 ]
ok $? "one connection for the listing and both files (reused)"
[ "$(stat -c %a "$D/cache/127.0.0.1_$PORT")" = 700 ]
ok $? "cache: directory mode 0700"
[ "$(stat -c %Y "$D/cache/127.0.0.1_$PORT/diag_CuMbxSync_00000313.uc")" = "$(stat -c %Y "$D/mb/diag_CuMbxSync_00000313.uc")" ]
ok $? "cache: the copy has CUC's modification time"
: > "$D/count.log"
cuc $MB --now $NOW
first=$line1
is_rc 0 "cache: second run OK"
[ "$(gets)" -eq 1 ] && grep -q '^GetOneFile diag_CuMbxSync_00000314.uc$' "$D/count.log"
ok $? "cache: second run fetches only the active file"
like "$perf" ' fetched=[1-9]' "cache: second run still transfers the active file"
# A new file rotates 314: only the new one is fetched, 314 comes from the cache.
sed 's/^09:5/10:0/' "$D/mb/diag_CuMbxSync_00000314.uc" > "$D/mb/diag_CuMbxSync_00000315.uc"
# (its mtime just after its last line, 10:09:49, as CUC leaves it)
touch -d 2026-11-25T10:10:00Z "$D/mb/diag_CuMbxSync_00000315.uc"
: > "$D/count.log"
cuc $MB --now 2026-11-25T10:10:00Z
is_rc 0 "cache: after rotation OK"
[ "$(gets)" -eq 1 ] && grep -q '^GetOneFile diag_CuMbxSync_00000315.uc$' "$D/count.log"
ok $? "cache: after rotation only the new file is fetched"
run $MB --logdir "$D/mb" --now 2026-11-25T10:10:00Z
disk_line=$line1
cuc $MB --now 2026-11-25T10:10:00Z
[ "$(strip_fetch "$line1")" = "$disk_line" ]
ok $? "cache: after rotation the same answer as on disk"
rm -f "$D/mb/diag_CuMbxSync_00000315.uc"
# A size bound of 1 byte keeps only the files this run uses.
cuc $MB --now $NOW --cache-size 1
is_rc 0 "cache: a tiny --cache-size still works"
[ ! -e "$D/cache/127.0.0.1_$PORT/diag_CuMbxSync_00000315.uc" ] &&
    [ -e "$D/cache/127.0.0.1_$PORT/diag_CuMbxSync_00000314.uc" ]
ok $? "cache: eviction removes files of no use, keeps the run's"

# --- credentials and TLS -----------------------------------------------
start_fake
run $MB --cuc "127.0.0.1:$PORT" --extra-opts="@$D/bad.ini" --ca-cert "$D/cert.pem" \
    --cache-dir "$D/cache" --now $NOW
is_rc 3 "wrong password: UNKNOWN"
like "$line1" '^CUC MBXSYNC UNKNOWN - CUC refused the credentials \(HTTP 401\) of user monitor' "wrong password: says so"
no_stderr
run $MB --cuc "127.0.0.1:$PORT" --netrc-file "$D/netrc" --ca-cert "$D/cert.pem" \
    --cache-dir "$D/cache" --now $NOW
is_rc 0 "netrc credentials: OK"
run $MB --cuc "127.0.0.1:$PORT" --cuc-user monitor --cache-dir "$D/cache" --now $NOW
is_rc 3 "no password: UNKNOWN"
like "$line1" 'needs credentials.*extra-opts' "no password: points at the ini file"
run $MB --cuc "127.0.0.1:$PORT" --extra-opts="@$D/ok.ini" --cache-dir "$D/cache" --now $NOW
is_rc 3 "unknown CA: UNKNOWN"
like "$line1" '^CUC MBXSYNC UNKNOWN - CUC 127\.0\.0\.1:[0-9]+: selectLogFiles failed: .*(certificate|SSL)' "unknown CA: TLS reason"
run $MB --cuc "127.0.0.1:$PORT" --extra-opts="@$D/ok.ini" --insecure --cache-dir "$D/cache" --now $NOW
is_rc 0 "--insecure: OK"
run $MB --cuc "127.0.0.1:$PORT" --logdir "$D/mb" --extra-opts="@$D/ok.ini"
is_rc 3 "--cuc with --logdir: UNKNOWN"
run $MB --cuc "127.0.0.1:99999" --extra-opts="@$D/ok.ini"
is_rc 3 "bad port: UNKNOWN"
like "$line1" "invalid --cuc" "bad port: names the option"

# --- faults ------------------------------------------------------------
start_fake --fault 401
cuc $MB --now $NOW
is_rc 3 "fault 401: UNKNOWN"
like "$line1" '^CUC MBXSYNC UNKNOWN - CUC refused the credentials \(HTTP 401\)' "fault 401: says so"

start_fake --fault soapfault
cuc $MB --now $NOW
is_rc 3 "SOAP fault: UNKNOWN"
like "$line1" '^CUC MBXSYNC UNKNOWN - CUC Serviceability fault on selectLogFiles: Service Name is not valid: Connection Mailbox Sync$' "SOAP fault: CUC's faultstring"

for mode in dime multipart; do
	start_fake --fault truncated --mode $mode
	rm -rf "$D/cache"
	cuc $MB --now $NOW
	is_rc 3 "truncated $mode answer: UNKNOWN"
	like "$line1" '^CUC MBXSYNC UNKNOWN - GetOneFile diag_CuMbxSync_00000314\.uc: (DIME record [0-9]+ truncated|MIME part [0-9]+ truncated)' "truncated $mode answer: says where"
	[ ! -e "$D/cache/127.0.0.1_$PORT/diag_CuMbxSync_00000314.uc" ]
	ok $? "truncated $mode answer: nothing cached"
done

start_fake
rm -rf "$D/cache"
cuc $MB --now $NOW --cuc-max-file 1K
is_rc 3 "file above --cuc-max-file: UNKNOWN"
like "$line1" 'diag_CuMbxSync_00000314\.uc is 4[0-9]+ bytes, above --cuc-max-file \(1024\)' "file above the cap: from the listing"
[ "$(gets)" -eq 0 ]
ok $? "file above the cap: not even requested"

start_fake --fault toolarge
cuc $MB --now $NOW --cuc-max-file 1K
is_rc 3 "file larger than listed and than the cap: UNKNOWN"
like "$line1" 'GetOneFile diag_CuMbxSync_00000314\.uc: the answer is larger than --cuc-max-file \(1024 bytes\)' "larger than listed: the cap stops the transfer"

start_fake --fault hang
cuc $MB --now $NOW -t 2
is_rc 3 "hanging GetOneFile: UNKNOWN"
like "$line1" '^CUC MBXSYNC UNKNOWN - .*(timed out|Timeout)' "hanging GetOneFile: returns by -t with a timeout"
no_stderr

stop_fake
run $MB --cuc "127.0.0.1:$PORT" --extra-opts="@$D/ok.ini" --ca-cert "$D/cert.pem" \
    --cache-dir "$D/cache" --now $NOW
is_rc 3 "service down: UNKNOWN"
like "$line1" 'selectLogFiles failed: .*(onnect|refused)' "service down: the connection error"

# --- check_cuc_keepalive -------------------------------------------------
if "$BIN/$KA" --help 2> /dev/null | grep -q -- '--cuc='; then
	printf '[%s]\ncuc-user=monitor\ncuc-password=secret\n' $KA >> "$D/ok.ini"
	KNOW=2014-06-29T16:15:00Z
	cp tests/data/sample/jetty/request.log "$D/jetty/request.log" || exit 1
	touch -d $KNOW "$D/jetty/request.log"
	for w in 3600 600 300; do
		run $KA -f "$D/jetty/request.log" --now $KNOW --window $w -s 10.20.1.0/24
		disk_rc=$rc disk_line=$line1
		for mode in "dime --chunk 4096" "multipart"; do
			# shellcheck disable=SC2086
			start_fake --mode $mode
			rm -rf "$D/cache"
			cuc $KA --now $KNOW --window $w -s 10.20.1.0/24
			is_rc $disk_rc "keepalive window $w, $mode: same state as on disk"
			[ "$(strip_fetch "$line1")" = "$disk_line" ]
			ok $? "keepalive window $w, $mode: same first line and perfdata as on disk"
			perf_has "fetch_time=" "keepalive window $w, $mode: fetch_time perfdata"
			no_stderr
		done
	done
	# Rotated: yesterday's lines in a dated file, today's in request.log.
	awk '$4 < "[29/Jun/2014:15:30"' tests/data/sample/jetty/request.log > "$D/jetty/2014_06_29.request.log"
	awk '$4 >= "[29/Jun/2014:15:30"' tests/data/sample/jetty/request.log > "$D/jetty/request.log"
	touch -d 2014-06-29T15:29:59Z "$D/jetty/2014_06_29.request.log"
	touch -d $KNOW "$D/jetty/request.log"
	for w in 3600 600; do
		run $KA -f "$D/jetty/*request.log" --now $KNOW --window $w
		disk_rc=$rc disk_line=$line1
		start_fake
		rm -rf "$D/cache"
		cuc $KA --now $KNOW --window $w
		is_rc $disk_rc "keepalive rotated, window $w: same state as on disk"
		[ "$(strip_fetch "$line1")" = "$disk_line" ]
		ok $? "keepalive rotated, window $w: same first line as on disk"
	done
	: > "$D/count.log"
	cuc $KA --now $KNOW --window 3600
	[ "$(gets)" -eq 1 ] && grep -q '^GetOneFile request.log$' "$D/count.log"
	ok $? "keepalive cache: second run fetches only request.log"
	start_fake --fault 401
	cuc $KA --now $KNOW
	is_rc 3 "keepalive fault 401: UNKNOWN"
	like "$line1" '^CUC KEEPALIVE UNKNOWN - CUC refused the credentials \(HTTP 401\)' "keepalive fault 401: says so"
	start_fake --fault hang
	cuc $KA --now $KNOW -t 2
	is_rc 3 "keepalive hanging GetOneFile: UNKNOWN by -t"
	start_fake
	cuc $KA --now 2014-07-02T16:15:00Z
	is_rc 2 "keepalive, no request log in a day: CRITICAL"
	like "$line1" '^CUC KEEPALIVE CRITICAL - no notification: CUC lists no Connection Jetty request log' "keepalive, nothing listed: says so"
	stop_fake
else
	echo "# $KA has no --cuc yet: its agentless tests are skipped"
fi

done_testing
