#!/bin/sh
# check_cuc_mbxsync on the fixture sets of tests/data/mbxsync: exit codes,
# first lines and perfdata.  Git keeps no mtimes and the lines carry no
# date, so every set is copied and its mtimes set here, and --now is fixed.
. tests/lib.sh

P=check_cuc_mbxsync
D=$TMPD/data
cp -R tests/data/mbxsync "$D" || exit 1
cp -R tests/data/sample/mbxsync "$D/sample" || exit 1

# mtime FILE ISO-TIME
mtime() { touch -d "$2" "$1" || exit 1; }
mtime "$D/auth401/diag_CuMbxSync_00000040.uc" 2026-11-25T09:29:30Z
mtime "$D/auth401/diag_CuMbxSync_00000041.uc" 2026-11-25T09:47:30Z
mtime "$D/auth401/diag_CuMbxSync_00000042.uc" 2026-11-25T10:00:00Z
mtime "$D/midnight_file/diag_CuMbxSync_00000007.uc" 2026-11-24T23:56:30Z
mtime "$D/midnight_file/diag_CuMbxSync_00000008.uc" 2026-11-25T00:04:50Z
# a copy made at the end of the day: only the newer file's first line dates it
mtime "$D/midnight_between/diag_CuMbxSync_00000011.uc" 2026-11-25T23:59:30Z
mtime "$D/midnight_between/diag_CuMbxSync_00000012.uc" 2026-11-25T00:04:30Z
mtime "$D/classes/diag_CuMbxSync_00000100.uc" 2026-11-25T11:53:00Z
mtime "$D/technote/diag_CuMbxSync_00000200.uc" 2026-11-25T12:00:05Z
mtime "$D/sample/diag_CuMbxSync_00000312.uc" 2026-11-25T09:41:59Z
mtime "$D/sample/diag_CuMbxSync_00000313.uc" 2026-11-25T09:50:59Z
mtime "$D/sample/diag_CuMbxSync_00000314.uc" 2026-11-25T10:00:00Z

# --- auth401: 12x 401 and 3 timeouts in (09:45, 10:00], 20 lines, rate 1/min
run $P --logdir "$D/auth401" --now 2026-11-25T10:00:00Z
is_rc 0 "auth401: rate 1/min is within the default -w 1"
# an OK line reads as OK: the totals first, the largest class in brackets,
# no advice (that is for WARNING and CRITICAL, and -v)
like "$line1" '^CUC MBXSYNC OK - 15 errors in the last 900 s, 1/min, within thresholds \(most: 12x HTTP 401 from mail\.example\.com\) \|' \
    "auth401: totals first, dominant class, count and host"
unlike "$line1" 'check the' "auth401: no advice on an OK line"
perf_has "errors=15;" "auth401: errors"
perf_has "errors_per_min=1;1;10;0" "auth401: rate with default thresholds"
perf_has "lines=20;" "auth401: lines in the window (window start excluded, now included)"
perf_has "unparsed=1;" "auth401: the garbage line is counted"
perf_has "http_401=12;" "auth401: http_401"
perf_has "ews_timeout=3;" "auth401: timeout"
perf_has "throttled=0;" "auth401: first class present at 0"
perf_has "other=0;" "auth401: last class present"
well_formed "auth401: output well formed"
no_stderr

perf_has "log_age=0s;;;0" "auth401: the newest file written at --now"
n=$(printf '%s\n' "$perf" | tr ' ' '\n' | grep -c '=')
[ "$n" -eq 21 ]; ok $? "auth401: 21 perfdata items (errors errors_per_min lines unparsed + 16 classes + log_age)"

run $P -f "$D/auth401/*.uc" --now 2026-11-25T10:00:00Z -w 0.5
is_rc 1 "auth401: glob, -w 0.5 is WARNING"
like "$line1" '^CUC MBXSYNC WARNING - 12x HTTP 401' "auth401: WARNING first line"
perf_has "errors_per_min=1;0.5;10;0" "auth401: thresholds in perfdata"

run $P -f "$D/auth401/diag_CuMbxSync_00000041.uc" -f "$D/auth401/diag_CuMbxSync_00000042.uc" \
    --now 2026-11-25T10:00:00Z -c 0.9
is_rc 2 "auth401: two -f, -c 0.9 is CRITICAL"

run $P --logdir "$D/auth401/" --now 2026-11-25T10:00:00Z --window 3600
is_rc 0 "auth401: 3600 s window reads all files: 33 errors in 60 min"
perf_has "errors_per_min=0.55;" "auth401: rate over the hour"
perf_has "http_401=30;" "auth401: all 401s of the hour"
perf_has "lines=45;" "auth401: all lines of the hour"

run $P --logdir "$D/auth401" --now 2026-11-25T10:00:00Z --ignore-pattern 'Timeout was'
perf_has "ews_timeout=0;" "--ignore-pattern drops lines"
perf_has "errors=12;" "--ignore-pattern: errors without them"
perf_has "lines=20;" "--ignore-pattern: ignored lines still count as lines"

run $P --logdir "$D/auth401" --now 2026-11-25T10:00:00Z --error-pattern 'subscriptions older than \d+ minutes'
perf_has "other=3;" "--error-pattern counts more lines as other"
perf_has "errors=18;" "--error-pattern: errors with them"

run $P --logdir "$D/auth401" --now 2026-11-25T10:00:00Z --error-pattern 'a(b'
is_rc 3 "bad --error-pattern is UNKNOWN"
opt_err '--error-pattern: “a\(b” is not a regular expression: missing closing parenthesis at offset 3$' \
    "bad pattern: PCRE2's message and offset"
run $P --logdir "$D/auth401" --now 2026-11-25T10:00:00Z --ignore-pattern '['
opt_err '--ignore-pattern: “\[” is not a regular expression' "bad --ignore-pattern"

run $P --logdir "$D/auth401" --now 2026-11-25T10:00:00Z -vv
like "$out" 'http_401: 12x HTTP 401 from mail\.example\.com 12: check the unified' "-v: class, count, hosts"
like "$out" '  newest: 10:00:00\.000 /9156,mail\.example\.com,,CsEws,14,' "-v: newest example, '|' sanitised"
like "$out" 'timeout: 3x timeout from mail2\.example\.com 3' "-v: second class"
ex=$(printf '%s\n' "$out" | grep '  newest: 09:50:20' | sed 's/^  newest: //')
[ "${#ex}" -eq 200 ]; ok $? "-v: long example shortened to 200 characters"
case $ex in *...) r=0 ;; *) r=1 ;; esac; ok $r "-v: shortened example ends in ..."
well_formed "-v output well formed"

# the same lines, logged in local time UTC+01:00
run $P --logdir "$D/auth401" --now 2026-11-25T09:00:00Z --tz-offset=+01:00
perf_has "http_401=12;" "--tz-offset: local 10:00 is 09:00 UTC"
run $P --logdir "$D/auth401" --now 2026-11-25T10:00:00Z --tz-offset=+01:00
like "$line1" '^CUC MBXSYNC OK - no log lines in the last 900 s' "--tz-offset: nothing an hour later"
run $P --logdir "$D/auth401" --tz-offset=+25:00
is_rc 3 "bad --tz-offset is UNKNOWN"

# the next day: files present, nothing written for a day: the log stopped
run $P --logdir "$D/auth401" --now 2026-11-26T10:00:00Z
is_rc 3 "a log a day old is UNKNOWN"
like "$line1" '^CUC MBXSYNC UNKNOWN - newest log file .*/auth401/diag_CuMbxSync_00000042\.uc is 86400 s old, more than 3600 s' \
    "a log a day old: the newest file and its age"
perf_has "log_age=86400s;;;0" "a log a day old: log_age"
run $P --logdir "$D/auth401" --now 2026-11-25T11:00:00Z
is_rc 0 "an hour without a write is within the default --max-log-age"
run $P --logdir "$D/auth401" --now 2026-11-25T11:00:01Z
is_rc 3 "an hour and a second is beyond it"
run $P --logdir "$D/auth401" --now 2026-11-25T10:20:00Z --max-log-age 1199
is_rc 3 "--max-log-age 1199: a file 1200 s old is UNKNOWN"
run $P --logdir "$D/auth401" --now 2026-11-26T10:00:00Z --max-log-age 0
is_rc 0 "--max-log-age 0: nothing in the window is OK"
like "$line1" '^CUC MBXSYNC OK - no log lines in the last 900 s \|' "nothing in the window: said"
perf_has "errors=0;" "nothing in the window: errors 0"
perf_has "http_401=0;" "nothing in the window: classes 0"

# --- midnight inside a file: (23:50, 00:05]
run $P --logdir "$D/midnight_file" --now 2026-11-25T00:05:00Z
is_rc 0 "midnight_file: 14 errors in 15 min"
perf_has "errors_per_min=0.933;" "midnight_file: rate"
perf_has "connect=6;" "midnight_file: connect before midnight, window start excluded"
perf_has "tls=3;" "midnight_file: lines of the 24th in the newer file"
perf_has "dns=5;" "midnight_file: lines of the 25th"
like "$line1" 'OK - 14 errors in the last 900 s, 0\.93/min, within thresholds \(most: 6x connection failure from mail\.example\.com\)' "midnight_file: summary"
run $P --logdir "$D/midnight_file" --now 2026-11-25T00:05:00Z -w 0.5
like "$line1" 'WARNING - 6x connection failure from mail\.example\.com: check the firewall' "midnight_file: the advice once it alerts"

# --- midnight between files, the older file's mtime set late (a copy)
run $P --logdir "$D/midnight_between" --now 2026-11-25T00:05:00Z
perf_has "ews_timeout=9;" "midnight_between: the older file dated by the newer file's first line"
perf_has "http_500=5;" "midnight_between: the newer file"
perf_has "errors=14;" "midnight_between: errors"

# --- one line of each class
run $P -f "$D/classes/diag_CuMbxSync_00000100.uc" --now 2026-11-25T12:00:00Z
for c in throttled impersonation no_mailbox connect ews_timeout tls dns ldap \
    http_401 http_403 http_404 http_440 http_500 http_503 http_other other; do
	perf_has "$c=1;" "classes: $c counted once"
done
perf_has "errors=16;" "classes: 2xx, 3xx and ordinary lines are no errors"
perf_has "lines=19;" "classes: every line parsed (stray spaces, empty contexts, level -1)"
perf_has "unparsed=0;" "classes: nothing unparsed"

# --- CsExMbxLocator failing as in Cisco's Single Inbox TechNote 116001
# (Services Scenarios 1-3; Cisco quotes them from the Tomcat log, where the
# Test button runs the same locator): the DNS steps are traces, only the
# failed lookups count, and AUTH_NOT_INITIALIZED is the refused bind's
run $P -f "$D/technote/diag_CuMbxSync_00000200.uc" --now 2026-11-25T12:00:05Z
is_rc 0 "technote: 8 errors in 15 min is within -w 1"
like "$line1" '^CUC MBXSYNC OK - 8 errors in the last 900 s, 0\.53/min, within thresholds \(most: 4x DNS failure\)' \
    "technote: DNS dominates"
run $P -f "$D/technote/diag_CuMbxSync_00000200.uc" --now 2026-11-25T12:00:05Z -w 0.5
like "$line1" '^CUC MBXSYNC WARNING - 4x DNS failure: check the Active Directory DNS domain name' \
    "technote: Cisco's next step once it alerts"
perf_has "dns=4;" "technote: failed lookups only, not Run DNS query or querying dns"
perf_has "ldap=2;" "technote: INVALID_CREDENTIALS and AUTH_NOT_INITIALIZED"
perf_has "connect=1;" "technote: autodiscover URL unreachable"
perf_has "other=1;" "technote: Failed to find DC"
perf_has "errors=8;" "technote: traces are no errors"
perf_has "lines=16;" "technote: every line parsed"

# --- standard input: no mtime, so no offset to measure and no age
run $P - --now 2026-11-25T10:00:00Z < "$D/auth401/diag_CuMbxSync_00000042.uc"
is_rc 3 "stdin without a zone is UNKNOWN"
like "$line1" "^CUC MBXSYNC UNKNOWN - standard input has no modification time to measure the CUC box’s offset from: give --timezone=ZONE or --tz-offset=\\+HH:MM" \
    "stdin without a zone: says what is missing"
run $P - --now 2026-11-25T10:00:00Z --tz-offset=+00:00 < "$D/auth401/diag_CuMbxSync_00000042.uc"
perf_has "http_401=10;" "stdin: '-' read, dated from --now"
case $perf in *log_age*) r=1 ;; *) r=0 ;; esac; ok $r "stdin: no log_age"
run $P -f - --now 2026-11-25T10:00:00Z --timezone=UTC -vv < "$D/auth401/diag_CuMbxSync_00000042.uc"
perf_has "errors=13;" "stdin: -f -"
like "$out" 'log age: not checked, standard input has no modification time' "stdin: -v says the age is not checked"
# an empty stream needs no offset
run $P - --now 2026-11-25T10:00:00Z < /dev/null
is_rc 0 "stdin: an empty stream is OK without a zone"

# --- 1,500 files in the window, read with at most 64 descriptors (issue 15):
# one a minute, each with a 401 and a trace (shapes of domain.md section 4)
M=$TMPD/many
mkdir -p "$M"
python3 - "$M" <<'PY'
import os, sys
end = 1795564800  # 2026-11-25T00:00:00Z, the box in UTC
for i in range(1500):
    t = end - (1500 - i) * 60 + 30
    tod = "%02d:%02d:%02d" % (t // 3600 % 24, t // 60 % 60, t % 60)
    p = os.path.join(sys.argv[1], "diag_CuMbxSync_%08d.uc" % (20000 + i))
    with open(p, "w") as f:
        f.write("%s.100 |4040,ex01.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: "
                "HTTP request failed with error: , HTTP status code: 401, for ews "
                "URL: https://ex01.example.com/EWS/Exchange.ASMX, verb: POST\n"
                "%s.200 |4040,ex01.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: "
                "HTTP status code: 200, for ews URL: https://ex01.example.com/EWS/"
                "Exchange.ASMX, verb: POST\n" % (tod, tod))
    os.utime(p, (t + 1, t + 1))
PY
ulimit -S -n 64
run $P --logdir "$M" --now 2026-11-25T00:00:00Z --window 90000 --tz-offset=+00:00
ulimit -S -n "$(ulimit -H -n)"
is_rc 0 "1,500 files with 64 descriptors: read (1 a minute is within -w 1)"
perf_has "errors=1500;;;0;3000 errors_per_min=1;1;10;0 lines=3000;;;0 unparsed=0;;;0" "every file counted"
perf_has "http_401=1500;" "all 401"

# --- files that are not there
run $P --logdir "$D/nothere" --now 2026-11-25T10:00:00Z
is_rc 3 "no log files is UNKNOWN"
like "$line1" '^CUC MBXSYNC UNKNOWN - .*/nothere: No such file or directory$' "no log files: says where"
mkdir "$TMPD/emptydir"
run $P --logdir "$TMPD/emptydir" --now 2026-11-25T10:00:00Z
is_rc 3 "an empty --logdir is UNKNOWN"
like "$line1" "^CUC MBXSYNC UNKNOWN - $TMPD/emptydir/diag_CuMbxSync_\\*\\.uc: no file matches\$" "an empty --logdir: names the pattern"
# several named: a missing one is UNKNOWN naming it, not skipped (it used
# to count as "vanished" in rotation)
run $P -f "$D/auth401/diag_CuMbxSync_00000042.uc" -f "$D/auth401/diag_CuMbxSync_00000039.uc" \
    --now 2026-11-25T10:00:00Z
is_rc 3 "a missing second file is UNKNOWN"
like "$line1" "^CUC MBXSYNC UNKNOWN - $D/auth401/diag_CuMbxSync_00000039\\.uc: No such file or directory\$" \
    "a missing second file: named"
run $P --logdir "$D/auth401" --logdir "$TMPD/emptydir" --now 2026-11-25T10:00:00Z
is_rc 3 "a second --logdir without files is UNKNOWN"
run $P --logdir "$D/auth401" -f "$D/auth401" --now 2026-11-25T10:00:00Z
like "$line1" "^CUC MBXSYNC UNKNOWN - $D/auth401: is a directory\$" "a directory given with -f: named"
run $P -f "$D/missing.uc"
is_rc 3 "a missing -f file is UNKNOWN"
# a file gone between listing and reading (a dangling link reads the same) is skipped
mkdir "$D/vanish" && cp "$D/auth401/"*.uc "$D/vanish/" && touch -r "$D/auth401/diag_CuMbxSync_00000042.uc" "$D/vanish/diag_CuMbxSync_00000042.uc" &&
    touch -r "$D/auth401/diag_CuMbxSync_00000041.uc" "$D/vanish/diag_CuMbxSync_00000041.uc" &&
    ln -s "$D/gone.uc" "$D/vanish/diag_CuMbxSync_00000043.uc"
run $P --logdir "$D/vanish" --now 2026-11-25T10:00:00Z -vv
is_rc 0 "vanished file skipped"
perf_has "http_401=12;" "vanished file: the others still read"
like "$out" 'vanished 1,' "vanished file: said in the long output"

# --- empty and garbage files
run $P --logdir "$D/empty" --now 2026-11-25T10:00:00Z
is_rc 0 "an empty file is OK"
like "$line1" '^CUC MBXSYNC OK - no log lines in the last 900 s' "empty file: no log lines"
run $P --logdir "$D/garbage" --now 2026-11-25T10:00:00Z
is_rc 3 "a file of garbage only is UNKNOWN"
like "$line1" '^CUC MBXSYNC UNKNOWN - 5 lines read, none is a CuMbxSync diag line' "garbage: said"

# --- a file that blocks (a FIFO nobody writes): the -t guard answers
mkfifo "$D/fifo.uc"
run $P -f "$D/fifo.uc" -t 0.5
is_rc 3 "a blocking file ends in the -t timeout, UNKNOWN"
like "$line1" '^CUC MBXSYNC UNKNOWN - timed out after 0\.5 s while reading .*/fifo\.uc$' "timeout: says what it was doing, on which file"
run $P -f "$D/fifo.uc" -t 0.5:CRITICAL
is_rc 2 "-t SECONDS:CRITICAL"

# --- usage
run $P
is_rc 3 "no file given is UNKNOWN"
run $P -f x --window 0
is_rc 3 "--window 0 is UNKNOWN"
run $P -f x --now yesterday
is_rc 3 "bad --now is UNKNOWN"
run $P -f x stray
is_rc 3 "a stray argument is UNKNOWN"
run $P -h
is_rc 3 "--help exits 3"
w=$(printf '%s\n' "$out" | awk 'length > 80' | wc -l)
[ "$w" -eq 0 ]; ok $? "--help fits 80 columns"
like "$out" '--tz-offset' "--help documents --tz-offset"
like "$out" '--timezone=ZONE' "--help documents --timezone"
like "$out" '--max-log-age=SECONDS' "--help documents --max-log-age"
no_stderr "--help: nothing on stderr"

# --- zones.  A box logs its local time of day; each set below is made here
# for one zone and instant END (UTC): two files a few minutes apart, as
# CuMbxSync rolls them (the seed's `ls -ltr` shows diag_CuMbxSync_*.uc of
# 37223 bytes written every 30 s to a minute), each file's mtime its last
# line's instant.  Errors at END-1000 (out), END-900 (the window's start,
# out), END-899, END-600, END-300, END-60 and END (in), a trace at END-1:
# 5 errors and 6 lines in the default window, 0.333/min, WARNING under
# -w 0.3 (one error lost is OK).  The error is the EWS 503 "Couldn't
# connect" failure, the trace the stale-subscription checker's line
# (shared/domain.md, section 4; Cisco TechNote 116001).
err_line() {
	printf "%s.000 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Couldn't connect to server, HTTP status code: 503, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST\n" "$1"
}
trace_line() {
	printf '%s.000 |9156,,,CsEws,14,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes\n' "$1"
}
# local ZONE EPOCH: the box's time of day then
local_tod() { TZ=$1 date -d "@$2" +%H:%M:%S; }
# mkbox DIR ZONE END-ISO: the two files
mkbox() {
	end=$(date -u -d "$3" +%s) || exit 1
	mkdir -p "$1" || exit 1
	a=$1/diag_CuMbxSync_00000001.uc b=$1/diag_CuMbxSync_00000002.uc
	: > "$a"
	for k in 1000 900 899 600; do
		err_line "$(local_tod "$2" $((end - k)))" >> "$a"
	done
	touch -d "@$((end - 600))" "$a" || exit 1
	{ err_line "$(local_tod "$2" $((end - 300)))"
	  err_line "$(local_tod "$2" $((end - 60)))"
	  trace_line "$(local_tod "$2" $((end - 1)))"
	  err_line "$(local_tod "$2" "$end")"; } > "$b"
	touch -d "@$end" "$b" || exit 1
}
# zone_case NAME ZONE END-ISO: measured and named, the same verdict
zone_case() {
	mkbox "$D/z/$1" "$2" "$3"
	for how in measured "--timezone=$2"; do
		if [ $how = measured ]; then set -- "$1" "$2" "$3"; else set -- "$1" "$2" "$3" "$how"; fi
		run $P --logdir "$D/z/$1" --now "$3" -w 0.3 $4
		is_rc 1 "$1, $how: 5 errors in 15 min is WARNING under -w 0.3"
		perf_has "errors=5;" "$1, $how: the errors at the window's edges in (start, end]"
		perf_has "lines=6;" "$1, $how: every line in the window dated"
	done
}
zone_case ny_winter America/New_York 2026-01-15T15:00:00Z
zone_case ny_summer America/New_York 2026-07-15T15:00:00Z
zone_case dublin_winter Europe/Dublin 2026-01-15T12:00:00Z
zone_case dublin_summer Europe/Dublin 2026-07-15T12:00:00Z
# local midnight inside the window: 23:50 .. 00:05 IST
zone_case kolkata Asia/Kolkata 2026-07-15T18:35:00Z
zone_case adelaide_summer Australia/Adelaide 2026-01-15T03:00:00Z
zone_case adelaide_winter Australia/Adelaide 2026-07-15T03:00:00Z
# +13:00, the same time of day as -11:00; local midnight in the window
zone_case auckland Pacific/Auckland 2026-01-15T11:05:00Z
zone_case st_johns_winter America/St_Johns 2026-01-15T12:00:00Z
zone_case st_johns_summer America/St_Johns 2026-07-15T12:00:00Z

run $P --logdir "$D/z/ny_summer" --now 2026-07-15T15:00:00Z -vv
like "$out" 'offset: -04:00 measured from .*/ny_summer/diag_CuMbxSync_00000002\.uc: last line 11:00:00\.000, mtime 2026-07-15 15:00:00Z gives -04:00' \
    "-v: the measured offset, the line and the mtime it came from"
run $P --logdir "$D/z/auckland" --now 2026-01-15T11:05:00Z -vv
like "$out" 'offset: \+13:00 measured .* -11:00 dates alike' "-v: +13:00, and that -11:00 is the same"
run $P --logdir "$D/z/kolkata" --now 2026-07-15T18:35:00Z -vv --timezone=Asia/Kolkata
like "$out" 'offset: zone Asia/Kolkata \(--timezone\), \+05:30 IST at the newest line, \+05:30 IST' "-v: the named zone"
run $P --logdir "$D/z/dublin_winter" --now 2026-01-15T12:00:00Z -vv --tz-offset=+00:00
like "$out" 'offset: \+00:00, fixed \(--tz-offset\)' "-v: a fixed offset"
like "$out" 'log age: newest file .*00000002\.uc written 0 s before now \(--max-log-age 3600\)' "-v: the log's age"
# the quiet OK of a fixed offset: New York's winter offset all summer
run $P --logdir "$D/z/ny_summer" --now 2026-07-15T15:00:00Z -w 0.3 --tz-offset=-05:00
perf_has "errors=0;" "ny_summer, --tz-offset=-05:00 (EST in July): every error lost, as the measured offset avoids"

# Daylight saving changes inside the window.  Dublin, 25 October 2026:
# IST (+01:00) ends at 01:00 UTC, 01:00-02:00 local comes twice (tz
# database, file europe: the EU rule, last Sunday of October).
zone_case_dst() {
	mkbox "$D/z/$1" "$2" "$3"
	run $P --logdir "$D/z/$1" --now "$3" -w 0.3 --timezone="$2"
	is_rc 1 "$1, --timezone: WARNING, every error across the change"
	perf_has "errors=5;" "$1, --timezone: 5 errors, before and after the change"
	perf_has "lines=6;" "$1, --timezone: 6 lines"
}
zone_case_dst dublin_autumn Europe/Dublin 2026-10-25T01:10:00Z
# the same night, the window ending just before the change
zone_case_dst dublin_autumn_before Europe/Dublin 2026-10-25T00:59:59Z
# Dublin, 29 March 2026: GMT to IST at 01:00 UTC, 01:00-02:00 local skipped
zone_case_dst dublin_spring Europe/Dublin 2026-03-29T01:10:00Z
# New York, 8 March 2026: EST to EDT at 07:00 UTC; 1 November: back at 06:00
zone_case_dst ny_spring America/New_York 2026-03-08T07:10:00Z
zone_case_dst ny_autumn America/New_York 2026-11-01T06:05:00Z
zone_case_dst adelaide_autumn Australia/Adelaide 2026-04-04T16:10:00Z
run $P --logdir "$D/z/dublin_autumn" --now 2026-10-25T01:10:00Z -vv --timezone=Europe/Dublin
like "$out" 'offset: zone Europe/Dublin \(--timezone\), \+00:00 GMT at the newest line, \+01:00 IST at the window.s start' \
    "-v: the offsets on both sides of the change"
# measured, the offset is the newest line's for the whole window: the
# line before the change (01:55:01 IST) is lost (said in --help:
# --timezone follows the change)
run $P --logdir "$D/z/dublin_autumn" --now 2026-10-25T01:10:00Z -w 0.3
perf_has "errors=4;" "dublin_autumn, measured: the errors after the change only (documented)"

# --- measuring: what it needs
# a copy that lost its mtime: the newest file written 7 minutes later
mkbox "$D/z/lost_mtime" Europe/Dublin 2026-07-15T12:00:00Z
touch -d 2026-07-15T12:07:00Z "$D/z/lost_mtime/diag_CuMbxSync_00000002.uc"
run $P --logdir "$D/z/lost_mtime" --now 2026-07-15T12:07:00Z
is_rc 3 "an mtime 7 min after the last line is UNKNOWN"
like "$line1" "^CUC MBXSYNC UNKNOWN - the newest line of .*00000002\.uc \(13:00:00\.000\) is 7 min off any zone offset from the file’s mtime \(2026-07-15 12:07:00Z\): were the mtimes kept \(scp -p\)\? or give --timezone or --tz-offset" \
    "lost mtime: says which line, how far and what to do"
run $P --logdir "$D/z/lost_mtime" --now 2026-07-15T12:00:00Z -w 0.3 --timezone=Europe/Dublin
is_rc 1 "lost mtime, --timezone: dated by the zone, the errors counted"
perf_has "errors=5;" "lost mtime, --timezone: all 5"
# a line stamped 2 minutes before the mtime still measures (thread disorder)
mkbox "$D/z/late_write" Asia/Kolkata 2026-07-15T12:00:00Z
touch -d 2026-07-15T12:01:59Z "$D/z/late_write/diag_CuMbxSync_00000002.uc"
run $P --logdir "$D/z/late_write" --now 2026-07-15T12:01:59Z -vv
like "$out" 'offset: \+05:30 measured' "a last line 119 s before the mtime: +05:30"
# the newest file empty (just rolled), a garbage tail: the offset from
# the newest diag line, in the next file
mkbox "$D/z/rolled" America/St_Johns 2026-07-15T12:00:00Z
: > "$D/z/rolled/diag_CuMbxSync_00000003.uc"
printf '    at com.cisco.Foo(Foo.java:12)\n\n' >> "$D/z/rolled/diag_CuMbxSync_00000002.uc"
touch -d 2026-07-15T12:00:00Z "$D/z/rolled/diag_CuMbxSync_00000002.uc" "$D/z/rolled/diag_CuMbxSync_00000003.uc"
run $P --logdir "$D/z/rolled" --now 2026-07-15T12:00:00Z -w 0.3 -vv
is_rc 1 "an empty newest file and a garbage tail: measured on the last diag line"
like "$out" 'offset: -02:30 measured from .*00000002\.uc' "rolled: measured on the file before the empty one"
# a log with no diag line needs no offset
run $P --logdir "$D/empty" --now 2026-11-25T10:00:00Z --max-log-age 0 -vv
like "$out" 'offset: none needed' "empty files: no offset needed, said in -v"

# --- zone options
run $P --logdir "$D/z/kolkata" --timezone=Asia/Kolkata --tz-offset=+05:30
is_rc 3 "--timezone and --tz-offset together is UNKNOWN"
opt_err '--timezone and --tz-offset exclude each other' "--timezone with --tz-offset"
run $P --logdir "$D/z/kolkata" --timezone=Europe/Nowhere
is_rc 3 "an unknown zone is UNKNOWN (the C library would take UTC)"
opt_err '--timezone: “Europe/Nowhere”: no such zone in ' "unknown zone"
run $P --logdir "$D/z/kolkata" --timezone=../../../etc/passwd
opt_err '--timezone: “\.\./\.\./\.\./etc/passwd”: not a zone name' "a path out of the zone directory"
run $P --logdir "$D/z/kolkata" --timezone=/etc/localtime
opt_err '--timezone: “/etc/localtime”: an absolute path' "an absolute path as --timezone"
TZDIR=$D/nozones run $P --logdir "$D/z/kolkata" --timezone=Asia/Kolkata
like "$line1" '--timezone: “Asia/Kolkata”: no such zone in .*/nozones' "\$TZDIR is where zones are looked up"
run $P --logdir "$D/z/kolkata" --max-log-age=-1
opt_err '--max-log-age: “-1” is not a number of seconds' "a negative --max-log-age"

# --- -v: one line more (each class with count and hosts); -vv the rest
run $P --logdir "$D/auth401" --now 2026-11-25T10:00:00Z
n0=$(wc -l < "$TMPD/stdout")
run $P --logdir "$D/auth401" --now 2026-11-25T10:00:00Z -v
[ "$(wc -l < "$TMPD/stdout")" -eq $((n0 + 1)) ]; ok $? "-v adds exactly one line"
like "$(sed -n 2p "$TMPD/stdout")" '^errors by class: http_401 12 \(mail\.example\.com 12\); ews_timeout 3 \(mail2\.example\.com 3\)$' \
    "-v: every class, largest first, with its hosts"
run $P --logdir "$D/auth401" --now 2026-11-25T10:00:00Z -vv
like "$out" '^window 2026-11-25 09:45:00Z \.\. ' "-vv: the window and files"
like "$out" '^options \(after --extra-opts\): ' "-vv: the configuration"

# --- option errors: option and value named, UNKNOWN, a one-line usage
run $P --logdir "$D/auth401" --window 15m
opt_err '--window: “15m” is not a number of seconds' "--window 15m"
run $P --logdir "$D/auth401" --window 0
opt_err '--window: “0” is not above 0 seconds' "--window 0"
run $P --logdir "$D/auth401" --now tomorrow
opt_err '--now: “tomorrow” is not a time' "--now tomorrow"
run $P --logdir "$D/auth401" --tz-offset +25:00
opt_err '--tz-offset: “\+25:00” is not an offset' "--tz-offset +25:00"
run $P --logdir ""
opt_err '--logdir: “” is empty' "--logdir empty"
run $P --logdir "$D/auth401" -w 1/min
opt_err '--warning: “1/min” is not a range' "-w 1/min"
run $P --logdir "$D/auth401" stray
opt_err '“stray”: unexpected argument' "stray argument"
run $P --logdir "$D/auth401" --error
opt_err '--error: needs a value$' "--error (abbreviation) without a value"
run $P
opt_err 'no log given \(-f/--logdir or --cuc HOST, see --help\)' "no log"
# options that cannot apply
for o in "--cuc-user=mon" "--cuc-password=pw" "--netrc-file=/dev/null" \
    "--ca-cert=/dev/null" "--insecure" "--cache-dir=/tmp" \
    "--cuc-max-file=1M" "--cache-size=1G"; do
	run $P --logdir "$D/auth401" "$o"
	opt_err "${o%%=*} cannot apply without --cuc: the logs are read from -f/--logdir" \
	    "$o without --cuc"
done
run $P --logdir "$D/auth401" --cuc cuc1
opt_err '--cuc and -f/--logdir exclude each other' "--cuc with --logdir"
run $P - --tz-offset=+00:00 --max-log-age 600 < "$D/auth401/diag_CuMbxSync_00000042.uc"
opt_err '--max-log-age cannot apply to standard input alone: it has no modification time$' \
    "--max-log-age with standard input alone"
run $P - --tz-offset=+00:00 --max-log-age 0 --now 2026-11-25T10:00:00Z < "$D/auth401/diag_CuMbxSync_00000042.uc"
is_rc 0 "--max-log-age 0 (the guard off) with standard input is taken"

# --- the demo sample
run $P --logdir "$D/sample" --now 2026-11-25T10:00:00Z
is_rc 0 "sample: OK"
like "$line1" '^CUC MBXSYNC OK - 11 errors in the last 900 s, 0\.73/min, within thresholds \(most: [0-9]+x HTTP 401 from ex0[12]\.example\.com and 1 more host\)' "sample: summary"

done_testing
