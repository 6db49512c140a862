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

MB=check_cuc_mbxsync
KA=check_cuc_keepalive
D=$TMPD
NOW=2026-11-25T10:00:00Z

. tests/lab/fake_serviceability.sh
stop_fake() { svc_stop; }
cleanup_hook() { stop_fake; }

# start_fake ARGS...: a fresh server serving $D/mb (and $D/jetty), port in $PORT.
start_fake() {
	svc_start "$D" --service "Connection Mailbox Sync=$D/mb=diag_CuMbxSync_*.uc" \
	    --service "Connection Jetty=$D/jetty=*request.log" "$@" ||
	    { echo "Bail out! fake service did not start"; exit 1; }
}

# The perfdata a --cuc run adds is not part of the comparison.
strip_fetch() { printf '%s\n' "$1" | sed -e 's/ fetch_time=[^ ]*//' -e 's/ fetched=[^ ]*//'; }
# Files transferred, by either GetOneFile (not the attempts on an absent one).
gets() { grep -Ec "^GetOneFile2? " "$D/count.log"; }

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
	# The current service (MTOM), then the older one when it is absent.
	for mode in "dime --current present" "dime --chunk 1000 --current 404" \
	    "dime --current fault" "multipart --current 404"; do
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
like "$line1" 'CUC lists no file of “Connection Mailbox Sync” written in the last 87300 s' \
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
cuc $MB --now $NOW -vv
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
[ "$(gets)" -eq 1 ] && grep -Eq '^GetOneFile2? diag_CuMbxSync_00000314.uc$' "$D/count.log"
ok $? "cache: second run fetches only the active file"
like "$perf" ' fetched=[1-9]' "cache: second run still transfers the active file"
# A new file rotates 314: only the new one is fetched, 314 comes from the cache.
sed 's/^09:5/10:0/' "$D/mb/diag_CuMbxSync_00000314.uc" > "$D/mb/diag_CuMbxSync_00000315.uc"
# (its mtime just after its last line, 10:09:49, as CUC leaves it)
touch -d 2026-11-25T10:10:00Z "$D/mb/diag_CuMbxSync_00000315.uc"
: > "$D/count.log"
cuc $MB --now 2026-11-25T10:10:00Z
is_rc 0 "cache: after rotation OK"
[ "$(gets)" -eq 1 ] && grep -Eq '^GetOneFile2? diag_CuMbxSync_00000315.uc$' "$D/count.log"
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
like "$line1" '--cuc: “127\.0\.0\.1:99999” is not HOST\[:PORT\]' "bad port: names the option and value"

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
	start_fake --fault truncated --mode $mode --current 404
	rm -rf "$D/cache"
	cuc $MB --now $NOW
	is_rc 3 "truncated $mode answer: UNKNOWN"
	like "$line1" '^CUC MBXSYNC UNKNOWN - GetOneFile diag_CuMbxSync_00000314\.uc: (DIME record [0-9]+ truncated|MIME part [0-9]+ truncated)' "truncated $mode answer: says where"
	[ ! -e "$D/cache/127.0.0.1_$PORT/diag_CuMbxSync_00000314.uc" ]
	ok $? "truncated $mode answer: nothing cached"
done
start_fake --fault truncated
rm -rf "$D/cache"
cuc $MB --now $NOW
is_rc 3 "truncated MTOM answer: UNKNOWN"
like "$line1" '^CUC MBXSYNC UNKNOWN - GetOneFile diag_CuMbxSync_00000314\.uc: MIME part [0-9]+ truncated' "truncated MTOM answer: says where"

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

start_fake --fault biglisting
cuc $MB --now $NOW
is_rc 3 "listing over its 16 MiB cap: UNKNOWN"
like "$line1" "^CUC MBXSYNC UNKNOWN - selectLogFiles: CUC’s listing is over the 16 MiB \\(16777216 bytes\\) cap on a listing" \
    "listing over its cap: named as the cap, not --cuc-max-file or a parse error"

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

# --- zones: modifiedDate as Java prints it, read back to UTC ------------
# mb_at T312 T313 T314: the three files' mtimes (epoch seconds).
mb_at() {
	touch -d "@$1" "$D/mb/diag_CuMbxSync_00000312.uc"
	touch -d "@$2" "$D/mb/diag_CuMbxSync_00000313.uc"
	touch -d "@$3" "$D/mb/diag_CuMbxSync_00000314.uc"
}
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
epoch() { date -u -d "$1" +%s; }

# zone_case ZONE LABEL: the fake prints the files' dates in ZONE, its clock
# 20 s after the newest; --cuc gives the same first line as the disk, and
# the copies carry the disk's mtimes.
zone_case() {
	t=$(stat -c %Y "$D/mb/diag_CuMbxSync_00000314.uc")
	run $MB --logdir "$D/mb" --now "$(iso "$t")"
	disk_rc=$rc disk_line=$line1
	start_fake --zone "$1" --now "$(iso $((t + 20)))"
	rm -rf "$D/cache"
	cuc $MB --now "$(iso "$t")"
	is_rc $disk_rc "mbxsync $2: same state as on disk"
	[ "$(strip_fetch "$line1")" = "$disk_line" ]
	ok $? "mbxsync $2: same first line as on disk"
	for f in 312 313 314; do
		[ "$(stat -c %Y "$D/cache/127.0.0.1_$PORT/diag_CuMbxSync_00000$f.uc" 2> /dev/null)" = \
		    "$(stat -c %Y "$D/mb/diag_CuMbxSync_00000$f.uc")" ] || break
	done
	ok $? "mbxsync $2: the copies have the files' UTC mtimes"
}
# The sample's spacing (18 and 9 minutes before the newest) at T.
mb_sample_at() { t=$(epoch "$1"); mb_at $((t - 1081)) $((t - 541)) "$t"; }

mb_sample_at 2026-07-15T10:00:00Z
zone_case Europe/Dublin "Dublin summer (IST +01:00)"
grep -q 'Wed Jul 15 11:00:00 IST 2026' "$D/count.log" 2> /dev/null || true
zone_case Asia/Kolkata "India (IST +05:30)"
zone_case America/Chicago "Chicago summer (CDT)"
zone_case Asia/Shanghai "China (CST +08:00)"
zone_case Asia/Kuala_Lumpur "Malaysia (Java's MYT)"
zone_case Asia/Kathmandu "Nepal (Java's NPT, +05:45)"
mb_sample_at 2026-01-15T10:00:00Z
zone_case Asia/Jerusalem "Israel winter (IST +02:00)"
zone_case Europe/Dublin "Dublin winter (GMT)"
zone_case America/Halifax "Halifax winter (AST -04:00)"
zone_case America/Chicago "Chicago winter (CST -06:00)"
# Both sides of a change in one listing: Dublin 25 Oct 2026 01:00 UTC,
# 01:40 and 01:55 IST, then 01:30 GMT; Chicago 8 Mar 2026 08:00 UTC,
# 01:40 and 01:55 CST, then 03:00:11 CDT.  The newest mtimes sit a whole
# number of quarter hours after the sample's last line (09:59:49), as a
# real box's would: the check measures the offset from them.
mb_at "$(epoch 2026-10-25T00:40:00Z)" "$(epoch 2026-10-25T00:55:00Z)" "$(epoch 2026-10-25T01:30:00Z)"
zone_case Europe/Dublin "Dublin across the October change"
mb_at "$(epoch 2026-03-08T07:40:00Z)" "$(epoch 2026-03-08T07:55:00Z)" "$(epoch 2026-03-08T08:00:11Z)"
zone_case America/Chicago "Chicago across the March change"
# IST with CUC's clock 40 minutes after the newest file: +01:00 gives an
# age of 40 min, +02:00 of 1 h 40: the second is beyond any healthy log,
# so +01:00 holds.  With no Date to compare there is no answer: UNKNOWN.
mb_sample_at 2026-07-15T10:00:00Z
t=$(epoch 2026-07-15T10:00:00Z)
start_fake --zone Europe/Dublin --now "$(iso $((t + 2400)))"
rm -rf "$D/cache"
cuc $MB --now "$(iso "$t")"
[ "$(stat -c %Y "$D/cache/127.0.0.1_$PORT/diag_CuMbxSync_00000314.uc" 2> /dev/null)" = "$t" ]
ok $? "IST 40 min old by CUC's clock: read as Dublin"
# An Israeli box (IST +02:00 in winter) whose log stopped 70 minutes ago.
# Without a zone the freshest reading wins: +01:00, 10 minutes old (what
# it does, and -v says to give --timezone); with --timezone=Asia/Jerusalem
# every date is read in it: 70 minutes old, beyond --max-log-age.
mb_sample_at 2026-01-15T10:00:00Z
t=$(epoch 2026-01-15T10:00:00Z)
start_fake --zone Asia/Jerusalem --now "$(iso $((t + 4200)))"
rm -rf "$D/cache"
cuc $MB --now "$(iso $((t + 4200)))" -vv
[ "$(stat -c %Y "$D/cache/127.0.0.1_$PORT/diag_CuMbxSync_00000314.uc" 2> /dev/null)" = $((t + 3600)) ]
ok $? "Israel, log 70 min old, no zone: IST read as +01:00 (today's rule)"
perf_has "log_age=600s" "Israel, no zone: log_age 600 s by that reading"
like "$out" "modifiedDate zone IST read as \+01:00: the freshest reading against CUC’s Date \(\+02:00, \+05:30 would make diag_CuMbxSync_00000314.uc 1 h, 4.5 h older; give --timezone" \
    "Israel, no zone: -v says how IST was read and to give --timezone"
like "$out" "^--cuc: 2 requests, relative \(RelText/RelTime\) selection, GetOneFile on logcollectionservice2, 3 listed, 1 fetched, 0 cached; CUC’s clock [0-9]+ s behind ours" \
    "mbxsync -v: how --cuc asked CUC"
cuc $MB --now "$(iso $((t + 4200)))" -vv --timezone=Asia/Jerusalem
is_rc 3 "Israel, --timezone=Asia/Jerusalem: UNKNOWN by --max-log-age"
like "$line1" "^CUC MBXSYNC UNKNOWN - newest log file .*diag_CuMbxSync_00000314.uc is 4200 s old, more than 3600 s" \
    "Israel, --timezone: the log's true age"
perf_has "log_age=4200s" "Israel, --timezone: log_age 4200 s"
[ "$(stat -c %Y "$D/cache/127.0.0.1_$PORT/diag_CuMbxSync_00000314.uc" 2> /dev/null)" = "$t" ]
ok $? "Israel, --timezone: the copy has the file's UTC mtime"
like "$out" "^--cuc: modifiedDate zone IST read in --timezone Asia/Jerusalem: \+02:00$" \
    "Israel, --timezone: -v says the dates were read in it"
cuc $MB --now "$(iso $((t + 4200)))" --tz-offset=+02:00
perf_has "log_age=4200s" "Israel, --tz-offset=+02:00: log_age 4200 s too"
cuc $MB --now "$(iso $((t + 4200)))" --timezone=America/New_York
is_rc 3 "IST listed, --timezone=America/New_York: UNKNOWN"
like "$line1" "^CUC MBXSYNC UNKNOWN - selectLogFiles: modifiedDate zone IST of diag_CuMbxSync_0000031[234].uc \(\+01:00, \+02:00 and \+05:30\) contradicts --timezone America/New_York \(-05:00 there\)" \
    "IST against --timezone=America/New_York: an error naming both"

# --- --now before the active file's last write ---------------------------
mb_at "$(epoch 2026-11-25T09:41:59Z)" "$(epoch 2026-11-25T09:50:59Z)" "$(epoch 2026-11-25T10:00:00Z)"
run $MB --logdir "$D/mb" --now 2026-11-25T09:55:00Z
disk_rc=$rc disk_line=$line1
start_fake
rm -rf "$D/cache"
cuc $MB --now 2026-11-25T09:55:00Z
is_rc $disk_rc "--now before the last write: same state as on disk"
[ "$(strip_fetch "$line1")" = "$disk_line" ]
ok $? "--now before the last write: same first line as on disk"
grep -Eq '^GetOneFile2? diag_CuMbxSync_00000314.uc$' "$D/count.log"
ok $? "--now before the last write: the active file is listed and fetched"
grep -Eq '^selectLogFiles Connection Mailbox Sync rel (Minutes|Hours|Days|Weeks|Months) [0-9]+$' "$D/count.log"
ok $? "the relative selection is used first"

# CUC's clock an hour ahead of ours: the first relative span, counted back
# from CUC's now, misses the window's start; CUC's Date says so and the
# listing is asked again with the span it needs.  The newest mtime is
# 11 s past a quarter hour, where the sample's last line (09:59:49) puts it
# on a box in some zone: the check measures its offset from the two.
t=$(( ($(date +%s) + 3600) / 900 * 900 + 11 ))
mb_at $((t - 1081)) $((t - 541)) "$t"
run $MB --logdir "$D/mb" --now "$(iso "$t")"
disk_rc=$rc disk_line=$line1
start_fake --now "$(iso $((t + 20)))"
rm -rf "$D/cache"
cuc $MB --now "$(iso "$t")"
[ "$(strip_fetch "$line1")" = "$disk_line" ]
ok $? "CUC's clock ahead: same first line as on disk"
[ "$(grep -c '^selectLogFiles .* rel ' "$D/count.log")" -eq 2 ]
ok $? "CUC's clock ahead: the listing asked again with a longer span"
mb_at "$(epoch 2026-11-25T09:41:59Z)" "$(epoch 2026-11-25T09:50:59Z)" "$(epoch 2026-11-25T10:00:00Z)"

# --- the current GetOneFile, and the older service when it is absent -----
run $MB --logdir "$D/mb" --now $NOW
disk_line=$line1
for absent in 404 fault; do
	start_fake --current $absent
	rm -rf "$D/cache"
	cuc $MB --now $NOW
	[ "$(strip_fetch "$line1")" = "$disk_line" ]
	ok $? "current GetOneFile $absent: same first line as on disk"
	[ "$(grep -c '^GetOneFile2-absent ' "$D/count.log")" -eq 1 ] &&
	    [ "$(grep -c '^GetOneFile ' "$D/count.log")" -eq 2 ]
	ok $? "current GetOneFile $absent: tried once, then DimeGetFileService for both files"
	: > "$D/count.log"
	cuc $MB --now $NOW
	[ "$(strip_fetch "$line1")" = "$disk_line" ] &&
	    ! grep -q '^GetOneFile2' "$D/count.log" &&
	    [ "$(grep -c '^GetOneFile ' "$D/count.log")" -eq 1 ]
	ok $? "current GetOneFile $absent: the next run goes straight to DimeGetFileService"
done
start_fake
rm -rf "$D/cache"
cuc $MB --now $NOW
[ "$(grep -c '^GetOneFile2 ' "$D/count.log")" -eq 2 ] &&
    ! grep -q '^GetOneFile ' "$D/count.log"
ok $? "current GetOneFile present: MTOM only, DimeGetFileService untouched"
start_fake --current present --fault soapfault
cuc $MB --now $NOW
is_rc 3 "a fault that is not an absent service: UNKNOWN"

# --- the absolute selection when the relative one is refused ------------
mb_sample_at 2026-07-15T10:00:00Z
t=$(epoch 2026-07-15T10:00:00Z)
run $MB --logdir "$D/mb" --now "$(iso "$t")"
disk_rc=$rc disk_line=$line1
start_fake --select absolute --zone Europe/Dublin --now "$(iso $((t + 20)))"
rm -rf "$D/cache"
cuc $MB --now "$(iso "$t")"
[ "$(strip_fetch "$line1")" = "$disk_line" ]
ok $? "relative refused: FromDate/ToDate in the server's zone give the disk's first line"
grep -q '^selectLogFiles Connection Mailbox Sync abs (GMT+1:0)Europe/Dublin$' "$D/count.log"
ok $? "relative refused: the TimeZone is the server's getTimeZone"
# -v names the fallbacks: the absolute selection, DimeGetFileService.
start_fake --select absolute --current 404 --zone Europe/Dublin --now "$(iso $((t + 20)))"
rm -rf "$D/cache"
cuc $MB --now "$(iso "$t")" -vv --timezone=Europe/Dublin
like "$out" "^--cuc: [0-9]+ requests, absolute \(FromDate/ToDate\) selection, GetOneFile on DimeGetFileService, 3 listed, 2 fetched, 0 cached; CUC’s clock [0-9]+ s behind ours$" \
    "mbxsync -v: the absolute selection and DimeGetFileService named"
like "$out" "^--cuc: modifiedDate zone IST read in --timezone Europe/Dublin: \+01:00$" \
    "mbxsync -v: Dublin's IST read in --timezone"
perf_has "log_age=0s" "Dublin, --timezone: log_age as on disk"
start_fake --select absolute --no-gettz --zone Europe/Dublin --now "$(iso $((t + 20)))"
cuc $MB --now "$(iso "$t")"
is_rc 3 "TimeZone not the server's (-101): UNKNOWN"
like "$line1" '^CUC MBXSYNC UNKNOWN - CUC refused the selection of files \(-101\) with TimeZone .Client: \(GMT\+0:0\)' "-101: says so, with the TimeZone sent"
start_fake --select absolute --no-gettz --now "$(iso $((t + 20)))"
rm -rf "$D/cache"
cuc $MB --now "$(iso "$t")"
[ "$(strip_fetch "$line1")" = "$disk_line" ]
ok $? "no getTimeZone, a UTC server: the UTC TimeZone is accepted"
mb_at "$(epoch 2026-11-25T09:41:59Z)" "$(epoch 2026-11-25T09:50:59Z)" "$(epoch 2026-11-25T10:00:00Z)"
stop_fake

# --- check_cuc_keepalive -------------------------------------------------
if "$BIN/$KA" --help 2> /dev/null | grep -q -- '--cuc='; then
	printf '[%s]\ncuc-user=monitor\ncuc-password=secret\n' $KA >> "$D/ok.ini"
	KNOW=2014-06-29T16:15:00Z
	# a window must be longer than -c (the default 900): thresholds that
	# fit the shortest window tested, the same on disk and through --cuc
	TH="-w 200 -c 250"
	cp tests/data/sample/jetty/request.log "$D/jetty/request.log" || exit 1
	touch -d $KNOW "$D/jetty/request.log"
	for w in 3600 600 300; do
		# shellcheck disable=SC2086
		run $KA -f "$D/jetty/request.log" --now $KNOW --window $w $TH -s 10.20.1.0/24
		disk_rc=$rc disk_line=$line1
		for mode in "dime --current present" "dime --chunk 4096 --current 404" \
		    "multipart --current fault"; do
			# shellcheck disable=SC2086
			start_fake --mode $mode
			rm -rf "$D/cache"
			# shellcheck disable=SC2086
			cuc $KA --now $KNOW --window $w $TH -s 10.20.1.0/24
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
		# shellcheck disable=SC2086
		run $KA -f "$D/jetty/*request.log" --now $KNOW --window $w $TH
		disk_rc=$rc disk_line=$line1
		start_fake
		rm -rf "$D/cache"
		# shellcheck disable=SC2086
		cuc $KA --now $KNOW --window $w $TH
		is_rc $disk_rc "keepalive rotated, window $w: same state as on disk"
		[ "$(strip_fetch "$line1")" = "$disk_line" ]
		ok $? "keepalive rotated, window $w: same first line as on disk"
	done
	# In zones: the same first line as on disk.
	run $KA -f "$D/jetty/*request.log" --now $KNOW --window 3600
	disk_rc=$rc disk_line=$line1
	for z in Europe/Dublin Asia/Kolkata America/Chicago Asia/Shanghai; do
		start_fake --zone $z --now 2014-06-29T16:15:20Z
		rm -rf "$D/cache"
		cuc $KA --now $KNOW --window 3600
		is_rc $disk_rc "keepalive, CUC in $z: same state as on disk"
		[ "$(strip_fetch "$line1")" = "$disk_line" ]
		ok $? "keepalive, CUC in $z: same first line as on disk"
	done
	# --now before request.log's last write: still read, as on disk.
	# shellcheck disable=SC2086
	run $KA -f "$D/jetty/*request.log" --now 2014-06-29T16:10:00Z --window 600 $TH
	disk_rc=$rc disk_line=$line1
	start_fake --zone Europe/Dublin --now 2014-06-29T16:15:20Z
	rm -rf "$D/cache"
	# shellcheck disable=SC2086
	cuc $KA --now 2014-06-29T16:10:00Z --window 600 $TH
	[ "$(strip_fetch "$line1")" = "$disk_line" ]
	ok $? "keepalive, --now before the last write: same first line as on disk"
	: > "$D/count.log"
	cuc $KA --now $KNOW --window 3600
	[ "$(gets)" -eq 1 ] && grep -Eq '^GetOneFile2? request.log$' "$D/count.log"
	ok $? "keepalive cache: second run fetches only request.log"
	cuc $KA --now $KNOW --window 3600 -vv
	# The fake still prints Dublin's dates, its clock in 2014: too far
	# back for RelTime, so the absolute selection.
	like "$out" "^--cuc: [0-9]+ requests, absolute \(FromDate/ToDate\) selection, GetOneFile on logcollectionservice2, 2 listed, " \
	    "keepalive -v: how --cuc asked CUC"
	like "$out" "^--cuc: modifiedDate zone IST read as \+01:00: the freshest reading against CUC’s Date" \
	    "keepalive -v: how the dates were read"
	cuc $KA --now $KNOW --window 3600
	unlike "$out" "^--cuc:" "keepalive without -v: no --cuc lines"
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
