#!/bin/sh
# check_cuc_keepalive on the logs of tests/data/keepalive (made by
# make_fixtures.py; the answers are worked out in its comments): exit
# codes, first lines, perfdata.  Age, stale, errors and foreign states;
# both stamp shapes, zones, IPv6, CRLF; unparsed lines; X-Forwarded-For
# lists and the status Async; the seed's excerpt; a file that is not a
# request log; missing, empty and directory paths; stdin; rotated daily
# files found by a glob; a window that starts amid out-of-order lines.
. tests/lib.sh

P=check_cuc_keepalive
D=tests/data/keepalive
NOW=--now=2014-06-29T16:15:00Z


# --- healthy ----------------------------------------------------------------
run $P -f $D/ok.log $NOW
is_rc 0 "ok.log is OK"
like "$line1" '^CUC KEEPALIVE OK - newest notification 30 s ago, 5 subscriptions, 0 stale, 60 notifications, 0 errors \| ' "ok.log summary"
perf_has "age=30s;600;900;0 subscriptions=5;;;0 stale=0;;;0;5 notifications=60;;;0 errors=0;;;0;60 foreign=0;;;0;60 unparsed=0;;;0" "ok.log perfdata, labels in order"
well_formed
no_stderr

# The same traffic in every shape: Cisco's zone outside the brackets, +0200,
# -0430, +0530 local stamps, IPv6 and IPv4-mapped clients, combined format,
# CRLF.  Same answers.
run $P -f $D/shapes.log $NOW
is_rc 0 "shapes.log is OK"
perf_has "age=30s;600;900;0 subscriptions=5;;;0 stale=0;;;0;5 notifications=60;;;0 errors=0;;;0;60 foreign=0;;;0;60 unparsed=0;;;0" "shapes.log: same answers as ok.log"
run $P -f $D/shapes.log $NOW -s 10.1.2.0/24 -s 2001:db8::/64
is_rc 0 "shapes.log: v4, v4-mapped and bracketed v6 clients all within --source"
perf_has "foreign=0;" "no foreign notification"

# --- age ----------------------------------------------------------------------
run $P -f $D/ok.log --now=2014-06-29T16:26:10Z
is_rc 1 "newest notification 700 s old is WARNING"
like "$line1" '^CUC KEEPALIVE WARNING - newest notification 700 s ago \(-w 600\), ' "WARNING summary names the age and the threshold passed"
perf_has "age=700s;600;900;0" "age 700"
perf_has "notifications=49;" "window follows --now"

run $P -f $D/ok.log --now=2014-06-29T16:31:00Z
is_rc 2 "newest notification 990 s old is CRITICAL"
like "$line1" '^CUC KEEPALIVE CRITICAL - newest notification 990 s ago \(-c 900\), ' "CRITICAL summary names -c"
perf_has "age=990s;600;900;0" "age 990"
perf_has "stale=5;" "all 5 stale at 990 s"

run $P -f $D/ok.log --now=2014-06-29T16:31:00Z -w 1000 -c 2000
is_rc 0 "-w/-c move the age thresholds"
perf_has "age=990s;1000;2000;0" "thresholds in perfdata"

run $P -f $D/ok.log --now=@1404058500
is_rc 0 "--now as @epoch (16:15:00Z)"
perf_has "age=30s;" "same age as the ISO form"

# Lines stamped after now (clocks apart): age 0, the skew in the long output.
run $P -f $D/ok.log --now=2014-06-29T16:05:00Z
is_rc 0 "log ahead of now is OK"
perf_has "age=0s;" "a stamp ahead of now counts as age 0"
like "$out" 'clock skew: the newest line \(2014-06-29 16:14:30Z\) is 570 s ahead of now' "skew is said"

# --- nothing in the window -----------------------------------------------------
run $P -f $D/none.log $NOW
is_rc 2 "no notification in the window is CRITICAL"
like "$line1" '^CUC KEEPALIVE CRITICAL - no notifications since 2014-06-29 14:25:00Z \(6600 s ago\)' "names the last notification"
perf_has "age=6600s;600;900;0 subscriptions=0;;;0 stale=0;;;0;0 notifications=0;" "perfdata still there"
well_formed

run $P -f $D/none.log $NOW -c 3000 -w 2000
is_rc 2 "nothing in the window is CRITICAL whatever -c says"
# a -c the window cannot hold could never alert: refused, with the reason
run $P -f $D/none.log $NOW -c 99999 -w 99999
opt_err '--window: “3600” is not longer than -c 99999: an older notification is outside the window, so no age could ever pass -c$' \
    "-c beyond the default window"
run $P -f $D/ok.log $NOW --window 600
opt_err '--window: “600” is not longer than -c 900 \(the default\): ' \
    "--window shorter than the default -c"
run $P -f $D/ok.log $NOW --window 900 -c 900 -w 600
opt_err '--window: “900” is not longer than -c 900: ' \
    "--window equal to -c (900 s itself does not alert)"
run $P -f $D/ok.log $NOW --window 901 -c 900 -w 600
is_rc 0 "--window just longer than -c is taken"
run $P -f $D/ok.log $NOW --window 1000 -c 900 -w 1000
opt_err '--window: “1000” is not longer than -w 1000: ' "-w the window cannot hold"
run $P -f $D/ok.log $NOW --window 1000 -c @0:100
is_rc 2 "an inside range the window holds is taken (age 30 s alerts)"

run $P -f $D/empty.log $NOW
is_rc 2 "an empty log is CRITICAL"
like "$line1" 'no notifications: the log has no request lines' "empty log summary"
unlike "$perf" '(^| )age=' "an empty log has no age to measure: age left out, not made up"
perf_has "subscriptions=0;;;0 stale=0;;;0;0 notifications=0;;;0 errors=0;;;0;0" "the counts are measured zeros"

# --- errors ---------------------------------------------------------------------
run $P -f $D/errors_only.log $NOW
is_rc 2 "a window of 500s only is CRITICAL by age"
like "$line1" 'no notification answered 2xx since 2014-06-29 14:50:00Z \(5100 s ago, -c 900\), 3 subscriptions, 3 stale, 33 notifications, 33 errors' "age counts from the last 2xx before the window"
perf_has "age=5100s;" "age from before the window"
perf_has "errors=33;" "33 errors"

# only 500s in the whole log: the age of the newest 2xx is unknown
grep ' 500 ' $D/errors_only.log > "$TMPD/only500.log"
run $P -f "$TMPD/only500.log" $NOW
is_rc 2 "a log of 500s only is CRITICAL (the time since its oldest line, a lower bound, passes -c)"
like "$line1" 'no notification answered 2xx in the log \(back to ' "says it is a lower bound"
unlike "$perf" '(^| )age=' "the lower bound is not printed as age"
perf_has "errors=33;;;0;33" "33 errors of 33 notifications"

run $P -f $D/stale.log $NOW
is_rc 0 "stale.log without stale/error thresholds is OK"
perf_has "age=90s;600;900;0 subscriptions=6;;;0 stale=2;;;0;6 notifications=66;;;0 errors=12;;;0;66" "stale.log counts"
run $P -f $D/stale.log $NOW --stale-warning 1
is_rc 1 "2 stale with --stale-warning 1 is WARNING"
perf_has "stale=2;1;;0" "stale warning in perfdata"
run $P -f $D/stale.log $NOW --stale-critical 1
is_rc 2 "2 stale with --stale-critical 1 is CRITICAL"
run $P -f $D/stale.log $NOW --stale-after 3000 --stale-warning 0
is_rc 1 "--stale-after 3000: only the all-error subscription is stale"
perf_has "stale=1;0;;0" "1 stale"
run $P -f $D/stale.log $NOW --error-warning 5
is_rc 1 "12 errors with --error-warning 5 is WARNING"
run $P -f $D/stale.log $NOW --error-warning 5 --error-critical 11
is_rc 2 "12 errors with --error-critical 11 is CRITICAL"
perf_has "errors=12;5;11;0" "error thresholds in perfdata"
run $P -f $D/stale.log $NOW -vv
like "$out" 'notifications by status: 200: 54, 500: 12' "-v counts by status"
like "$out" 'stalest subscriptions' "-v lists the stalest"
like "$(printf '%s\n' "$out" | sed -n '/stalest/{n;p;}')" '00000006-aaaa-bbbb-cccc-000000000006: none, 2014-06-29 16:10:20Z, 500, 12' "stalest first: never answered 2xx"
like "$(printf '%s\n' "$out" | sed -n '/stalest/{n;n;p;}')" '00000005-aaaa-bbbb-cccc-000000000005: 2014-06-29 15:40:10Z \(2090 s ago\)' "then the one that stopped"

# --- foreign --------------------------------------------------------------------
run $P -f $D/foreign.log $NOW
is_rc 0 "without --source nothing is foreign"
perf_has "foreign=0;" "foreign 0 without --source"
run $P -f $D/foreign.log $NOW -s 10.1.2.0/24 -s 2001:db8::/64
is_rc 1 "a NAT address outside --source is WARNING"
like "$line1" ', 12 from foreign 192.0.2.50 \|' "the foreign address is named"
perf_has "foreign=12;" "12 foreign"
run $P -f $D/foreign.log $NOW --source=10.1.2.3 -vv
is_rc 1 "v4 --source only: the v6 sender is foreign too"
like "$line1" '24 from foreign 192.0.2.50 and 1 other address' "two foreign addresses"
like "$out" 'foreign source 2001:db8::10: 12 notifications' "-v names each foreign source"
run $P -f $D/foreign.log $NOW -s 10.1.2.3 -s 192.0.2.50 -s 2001:db8::10/128
is_rc 0 "all senders listed"
run $P -f $D/foreign.log $NOW -s 10.1.2.0/24 --foreign-state critical
is_rc 2 "--foreign-state critical"
run $P -f $D/foreign.log $NOW -s 10.1.2.0/33
is_rc 3 "bad --source prefix is UNKNOWN"
like "$line1" '--source: “10.1.2.0/33” is not an address or network' "names the bad --source"
run $P -f $D/foreign.log $NOW -s exchange.example.com
is_rc 3 "a host name as --source is UNKNOWN"

# --- check_cuc_port's probes (common/probe.h) --------------------------------------
# Jetty logs the port check's --soap POSTs like any notification; they must
# change nothing: every answer is the one of the same log without them.
PROBE=c4ecc4c0-0000-0000-0000-000000007080
# as_without FILE WHAT ARGS...: FILE gives the exit code and first line of
# FILE without its probe lines.
as_without() {
	f=$1 what=$2
	shift 2
	grep -v -F "id=$PROBE&" "$f" > "$TMPD/noprobe.log"
	cmp -s "$f" "$TMPD/noprobe.log"
	[ $? -eq 1 ]; ok $? "$what: the log has probe lines"
	run $P -f "$TMPD/noprobe.log" "$@"
	want_rc=$rc want_line1=$line1
	run $P -f "$f" "$@"
	is_rc "$want_rc" "$what: exit code as without the probes"
	[ "$line1" = "$want_line1" ]
	ok $? "$what: first line as without the probes"
}

# Exchange stopped at 15:14:30, the probe still runs every 5 minutes.
as_without $D/probe_dead.log "dead log + probes" $NOW
is_rc 2 "dead log + probes is CRITICAL"
like "$line1" '^CUC KEEPALIVE CRITICAL - no notifications since 2014-06-29 15:14:30Z \(3630 s ago\), 0 subscriptions, 0 stale, 0 notifications, 0 errors \| ' "the probes are no notification"
perf_has "age=3630s;600;900;0 subscriptions=0;;;0 stale=0;;;0;0 notifications=0;;;0 errors=0;;;0;0 foreign=0;;;0;0" "no probe in any count"
well_formed
as_without $D/probe_dead.log "dead log + probes, -s" $NOW -s 10.1.2.0/24
is_rc 2 "with -s still CRITICAL, not WARNING foreign"
perf_has "foreign=0;" "the probing host is not foreign"
unlike "$line1" 'from foreign' "no foreign in the summary"
as_without $D/probe_dead.log "700 s after the last keepalive" --now=2014-06-29T15:26:10Z
is_rc 1 "700 s after the last keepalive, probes newer: WARNING by age"
perf_has "age=700s;600;900;0 subscriptions=5;" "age from Exchange's newest, 5 subscriptions"
as_without $D/probe_dead.log "stale" $NOW --window 7200 --stale-after 100 --stale-warning 5
is_rc 2 "stale: CRITICAL by age"
perf_has "subscriptions=5;;;0 stale=5;5;;0;5 notifications=60;" "the probe is no (stale) subscription"
run $P -f $D/probe_dead.log $NOW -vv
like "$out" "skipped [0-9]+ lines of check_cuc_port --soap probes \(id $PROBE\)" "-v says the probes were skipped"
run $P -f $D/probe_dead.log $NOW --window 86400 -vv
like "$out" "skipped 39 lines of check_cuc_port --soap probes \(id $PROBE\)" "-v counts every probe line read (39)"
unlike "$out" "$PROBE:" "the probe is not among the stalest"
grep -F "id=$PROBE&" $D/probe_dead.log > "$TMPD/probes_only.log"
run $P -f "$TMPD/probes_only.log" $NOW
is_rc 2 "a log of probes only is CRITICAL"
like "$line1" 'no notifications in the log \(back to 2014-06-29 ' "probes only: no notification in the log"

# Healthy, the newest line a probe, one probe answered 500.
as_without $D/probe_ok.log "healthy log + probes" $NOW
is_rc 0 "healthy log + probes is OK"
perf_has "age=30s;600;900;0 subscriptions=5;;;0 stale=0;;;0;5 notifications=60;;;0 errors=0;;;0;60 foreign=0;;;0;60 unparsed=0;;;0" "ok.log's answers: age from Exchange's newest, the probe's 500 no error"
as_without $D/probe_ok.log "healthy log + probes, -s" $NOW -s 10.1.2.0/24
is_rc 0 "healthy log + probes with -s is OK"
as_without $D/probe_ok.log "healthy log + probes, -s, --error-warning" $NOW -s 10.1.2.0/24 --error-warning 0
is_rc 0 "the probe's 500 does not pass --error-warning 0"
run $P -f $D/probe_ok.log $NOW --window 86400 -vv
like "$out" "skipped 24 lines of check_cuc_port --soap probes \(id $PROBE\)" "-v counts the 24 probe lines"
like "$out" 'notifications by status: 200: 120$' "-v by status: no probe line"
unlike "$out" "$PROBE:" "the probe is not among the stalest"
run $P -f $D/ok.log $NOW -vv
unlike "$out" 'skipped' "no probe, no word of it"

# A region over 8 MiB is read by two threads (common/logwindow.h): the
# probe's records of both are merged and still taken out.  Lines in Jetty's
# NCSA shape (shared/domain.md section 2), UUID v4 ids as CUC's.
python3 - "$TMPD/big.log" "$PROBE" <<'PY'
import sys
path, probe = sys.argv[1], sys.argv[2]
with open(path, "w") as f:
    for i in range(70000):
        t = 15 * 3600 + 15 * 60 + i * 3600 // 70001
        st = "29/Jun/2014:%02d:%02d:%02d +0000" % (t // 3600, t // 60 % 60, t % 60)
        if i % 2000 == 1999 or i == 69999:
            sid, pid, cl = probe, 0, "10.40.0.7"
            code = 500 if i == 19999 else 200
        else:
            sid = "%08x-1234-4abc-8def-%012d" % (i % 1000, i % 1000)
            pid, cl, code = 4242, "10.1.2.%d" % (3 + i % 2), 200
        f.write('%s - - [%s] "POST /NotificationService/services/NotificationService?id=%s&pid=%d HTTP/1.1" %d 343\n'
                % (cl, st, sid, pid, code))
PY
[ "$(wc -c < "$TMPD/big.log")" -gt 8388608 ]; ok $? "big.log is over 8 MiB"
cp "$TMPD/big.log" "$TMPD/big_probes.log"
as_without "$TMPD/big_probes.log" "two threads" $NOW -s 10.1.2.0/24
is_rc 0 "two threads: OK"
perf_has "subscriptions=1000;;;0 stale=0;;;0;1000 notifications=69965;;;0 errors=0;;;0;69965 foreign=0;" "two threads: 1000 subscriptions, 70000 - 35 probe lines"
run $P -f "$TMPD/big_probes.log" $NOW -vv
like "$out" "skipped 35 lines of check_cuc_port --soap probes" "two threads: 35 probe lines skipped"

# Equally stale subscriptions are listed by id: the table's order (its
# hash, and which thread read which lines first) must not show.  40 ids
# heard once each at the same second, written in a shuffled order (NCSA
# shape as above); -v lists the 10 smallest ids, in order.
python3 - "$TMPD/ties.log" <<'PY'
import random, sys
ids = ["%08x-1234-4abc-8def-%012d" % (i * 7919 % 4096, i) for i in range(40)]
random.Random(17).shuffle(ids)
with open(sys.argv[1], "w") as f:
    for sid in ids:
        f.write('10.1.2.3 - - [29/Jun/2014:15:20:00 +0000] "POST /NotificationService/services/NotificationService?id=%s&pid=1 HTTP/1.1" 200 343\n' % sid)
    print("\n".join(sorted(ids)[:10]), file=open(sys.argv[1] + ".want", "w"))
PY
run $P -f "$TMPD/ties.log" $NOW -vv
got=$(printf '%s\n' "$out" | sed -n '/stalest/,$p' | sed -n 's/^  \([^:]*\): .*/\1/p')
[ "$got" = "$(cat "$TMPD/ties.log.want")" ]; ok $? "equally stale: listed by id, smallest first"

# A table full (100,000 ids, SUBS_MAX) before the first probe: the probe's
# record is made first, so its lines are never taken for Exchange's.  (The
# 16 MB are read by two threads: which id the bound drops in their merge
# depends on timing, so without that first record this passes by chance
# only sometimes.)
python3 - "$TMPD/full.log" "$PROBE" <<'PY'
import sys
path, probe = sys.argv[1], sys.argv[2]
line = '%s - - [29/Jun/2014:%02d:%02d:%02d +0000] "POST /NotificationService/services/NotificationService?id=%s&pid=%d HTTP/1.1" 200 343\n'
with open(path, "w") as f:
    for i in range(100000):
        t = 15 * 3600 + 20 * 60 + i * 600 // 100000
        f.write(line % ("10.1.2.3", t // 3600, t // 60 % 60, t % 60,
                        "%08x-1234-4abc-8def-%012d" % (i, i), 4242))
    for m in (0, 5, 10):
        f.write(line % ("10.40.0.7", 16, m, 0, probe, 0))
PY
run $P -f "$TMPD/full.log" $NOW -vv
is_rc 2 "table full, then probes: CRITICAL by Exchange's age"
perf_has "age=2701s;600;900;0 subscriptions=99999;;;0 stale=99999;;;0;99999 notifications=100000;" "the probes in no count, the bound noted"
like "$out" 'more than 100000 distinct ids' "the bound is said"
like "$out" "skipped 3 lines of check_cuc_port --soap probes" "the 3 probes skipped"

# --- unparsed and not-a-log -------------------------------------------------------
run $P -f $D/unparsed.log $NOW
is_rc 0 "3 broken lines among good ones are only counted"
perf_has "notifications=60;;;0 errors=0;;;0;60 foreign=0;;;0;60 unparsed=3;;;0" "unparsed=3"
run $P -f $D/garbage.log $NOW
is_rc 3 "a file in which no line parses is UNKNOWN"
like "$line1" '^CUC KEEPALIVE UNKNOWN - tests/data/keepalive/garbage.log: no line parses \(not a Jetty request log\?\)$' "garbage summary"
well_formed

# --- paths --------------------------------------------------------------------------
run $P -f $TMPD/no/such.log $NOW
is_rc 3 "missing log is UNKNOWN"
like "$line1" "^CUC KEEPALIVE UNKNOWN - $TMPD/no/such.log: No such file or directory\$" "path and reason"
run $P -f $D $NOW
is_rc 3 "a directory is UNKNOWN"
like "$line1" ": is a directory\$" "says it is a directory"
if [ "$(id -u)" != 0 ]; then
	cp $D/ok.log "$TMPD/locked.log" && chmod 000 "$TMPD/locked.log"
	run $P -f "$TMPD/locked.log" $NOW
	is_rc 3 "unreadable log is UNKNOWN"
	like "$line1" 'Permission denied' "says why"
fi
run $P -f "$TMPD/nothing-*.log" $NOW
is_rc 3 "a glob that matches nothing is UNKNOWN"
like "$line1" "nothing-\\*.log: no file matches" "names the pattern"
run $P
is_rc 3 "no -f is UNKNOWN"
like "$line1" 'no log given' "says what is missing"

run_stdin $D/ok.log $P -f - $NOW
is_rc 0 "stdin"
perf_has "age=30s;600;900;0 subscriptions=5;;;0 stale=0;;;0;5 notifications=60;" "stdin gives the file's answers"
run_stdin $D/garbage.log $P -f - $NOW
is_rc 3 "garbage on stdin is UNKNOWN"
like "$line1" 'standard input: no line parses' "names stdin"

# Rotated daily files: name order wins over mtime (git keeps none; make the
# oldest file look newest to prove it).
R=$TMPD/rotated
cp -R $D/rotated "$R"
touch -d 2014-06-29T00:20:00Z "$R/2014_06_27.request.log"
touch -d 2014-06-28T00:00:00Z "$R/2014_06_29.request.log"
run $P -f "$R/*.request.log" --now=2014-06-29T00:20:00Z -vv
is_rc 0 "glob over daily files"
perf_has "age=30s;600;900;0 subscriptions=5;;;0 stale=0;;;0;5 notifications=60;" "the window spans midnight: 20 + 40 notifications"
like "$out" "log $R/2014_06_29.request.log: 20 lines read" "newest file read whole"
like "$out" "log $R/2014_06_28.request.log: " "older file read for the rest"
unlike "$out" "2014_06_27" "the oldest file is never opened"
run $P -f "$R/2014_06_28.request.log" -f "$R/2014_06_29.request.log" --now=2014-06-29T00:20:00Z
is_rc 0 "files given one by one are ordered too"
perf_has "notifications=60;" "same 60"

# A window over 1,500 files read with at most 64 descriptors (issue 15: every
# file of the window used to stay open, and the 61st ended in "Too many open
# files").  Files of a line each, one a minute, undated names (ordered by
# mtime); the oldest, before the window, holds the only 2xx answer of the
# second run, which the look-back must reach.
M=$TMPD/many
mkdir -p "$M"
python3 - "$M" <<'PY'
import os, sys
t0 = 1404000000  # 2014-06-29T00:00:00Z
def write(i, when, status):
    path = os.path.join(sys.argv[1], "r%04d.request.log" % i)
    stamp = __import__("time").strftime("%d/%b/%Y:%H:%M:%S +0000",
                                        __import__("time").gmtime(when))
    with open(path, "w") as f:
        f.write('10.1.2.3 - - [%s] "POST /NotificationService/services/'
                'NotificationService?id=sub%d&pid=1 HTTP/1.1" %d 343\n'
                % (stamp, i % 7, status))
    os.utime(path, (when, when))
write(0, t0, 200)
for i in range(1, 1501):
    write(i, t0 + 600 + i * 60, 200)
PY
ulimit -S -n 64
run $P -f "$M/r*.request.log" --now=@1404090630 --window 90060
ulimit -S -n "$(ulimit -H -n)"
is_rc 0 "1,500 files in the window with 64 descriptors"
perf_has "age=30s;600;900;0 subscriptions=7;;;0 stale=0;;;0;7 notifications=1500;;;0 errors=0;" "every file counted"
python3 - "$M" <<'PY'
import os, sys
d = sys.argv[1]
for i in range(1, 1501):
    p = os.path.join(d, "r%04d.request.log" % i)
    st = os.stat(p)
    s = open(p).read().replace('" 200 ', '" 500 ')
    open(p, "w").write(s)
    os.utime(p, (st.st_mtime, st.st_mtime))
PY
ulimit -S -n 64
run $P -f "$M/r*.request.log" --now=@1404090630 --window 90060
ulimit -S -n "$(ulimit -H -n)"
is_rc 2 "1,500 files of errors: CRITICAL"
like "$line1" 'no notification answered 2xx since 2014-06-29 00:00:00Z \(90630 s ago, -c 900\)' "the look-back reached the oldest file"
perf_has "notifications=1500;;;0 errors=1500;" "every error counted"

# A window that starts among out-of-order lines (long.log is bisected): the
# late line stamped 15:15:10 counts, the one stamped 15:13:50 does not.
run $P -f $D/long.log $NOW
is_rc 0 "long.log"
perf_has "subscriptions=6;;;0 stale=1;;;0;6 notifications=61;" "out-of-order lines around the window's start"
run $P -f $D/long.log $NOW --window 86400
perf_has "subscriptions=7;;;0 stale=2;;;0;7 notifications=977;" "whole day"

# The demo's sample (tests/data/sample/jetty/README) keeps its answer.
run $P -f tests/data/sample/jetty/request.log $NOW -s 10.20.1.0/24
is_rc 0 "sample log is OK"
perf_has "age=32s;600;900;0 subscriptions=30;;;0 stale=1;;;0;30 notifications=353;;;0 errors=2;;;0;353 foreign=0;;;0;353 unparsed=0;;;0" "sample log's answer"

# --- behind a proxy; status Async ------------------------------------------------
# proxied.log (written by hand, 11 lines): Jetty 7/8's NCSARequestLog with
# preferProxiedForAddress logs the X-Forwarded-For header as it came, the
# originating client first ("10.20.1.11, 10.99.0.5"), and "Async" for the
# status of an answer not finished when the line was written (jetty.project,
# NCSARequestLog.log()).  Lists of 2 and 3, IPv6 first, a trailing comma, an
# originating client outside the range behind a proxy inside it (192.0.2.7,
# 10.20.1.11), two Async notifications (the newest at 16:14:00) and one
# "async" (no Jetty writes that: unparsed).
run $P -f $D/proxied.log $NOW
is_rc 0 "proxied.log is OK"
like "$line1" '^CUC KEEPALIVE OK - newest notification 60 s ago, 6 subscriptions, 0 stale, 10 notifications, 0 errors \| ' "an Async notification arrived: age from it, no error"
perf_has "age=60s;600;900;0 subscriptions=6;;;0 stale=0;;;0;6 notifications=10;;;0 errors=0;;;0;10 foreign=0;;;0;10 unparsed=1;;;0" "proxied.log perfdata"
well_formed
no_stderr
run $P -f $D/proxied.log $NOW -s 10.20.1.0/24 -s 2001:db8:20::/48 -vv
is_rc 1 "-s judges the first address: one originating client is foreign"
like "$line1" ', 1 from foreign 192.0.2.7 \|' "the foreign originating address is named, not its proxy"
perf_has "foreign=1;" "only 192.0.2.7's notification is foreign"
like "$out" '8 notifications through a proxy \(X-Forwarded-For lists\)' "-v counts the proxied notifications"
like "$out" 'proxy chain 10\.20\.1\.11, 10\.99\.0\.5: 4 notifications' "-v shows a chain of 2"
like "$out" 'proxy chain 10\.20\.1\.12, 10\.99\.0\.5, 10\.99\.0\.6: 2 notifications' "-v shows a chain of 3"
like "$out" 'proxy chain 2001:db8:20::14, 10\.99\.0\.5: 1 notifications' "-v shows a chain that starts with IPv6"
unlike "$out" 'proxy chain 10\.20\.1\.15' "a trailing comma is no proxy"
unlike "$out" 'foreign source 10\.' "no address inside -s is foreign"
like "$out" 'notifications by status: 200: 8, Async: 2' "-v counts Async apart"
like "$out" '2 notifications logged Async \(answer not finished when Jetty wrote the line\): arrived, status unknown, neither 2xx nor error' "-v says what Async means"
like "$(printf '%s\n' "$out" | sed -n '/stalest/{n;p;}')" '0000000b-aaaa-bbbb-cccc-00000000000b: 2014-06-29 16:03:00Z \(720 s ago\), 2014-06-29 16:03:00Z, Async, 2' "an Async notification updates its subscription"
# The probe posted through the same proxy (its lines as check_cuc_port's,
# behind proxied.log's X-Forwarded-For): no notification through a proxy,
# no chain's count, in -v either.
cp $D/proxied.log "$TMPD/proxied_probe.log"
for t in 16:05:00/200 16:12:00/200 16:13:00/500; do
	printf '10.20.1.11, 10.99.0.5 - - [29/Jun/2014:%s +0000] "POST /NotificationService/services/NotificationService?id=%s&pid=0 HTTP/1.1" %s 343\n' \
	    "${t%/*}" "$PROBE" "${t#*/}" >> "$TMPD/proxied_probe.log"
done
as_without "$TMPD/proxied_probe.log" "probe behind a proxy" $NOW -s 10.20.1.0/24 -s 2001:db8:20::/48
run $P -f "$TMPD/proxied_probe.log" $NOW -s 10.20.1.0/24 -s 2001:db8:20::/48 -vv
like "$out" 'skipped 3 lines of check_cuc_port' "probe behind a proxy: its 3 lines skipped"
like "$out" '8 notifications through a proxy \(X-Forwarded-For lists\)' "probe behind a proxy: not among the proxied"
like "$out" 'proxy chain 10\.20\.1\.11, 10\.99\.0\.5: 4 notifications' "probe behind a proxy: not in its chain's count"
run $P -f $D/proxied.log $NOW -s 10.20.1.0/24 -s 2001:db8:20::/48 -s 192.0.2.7
is_rc 0 "every originating address listed: OK"
run $P -f $D/proxied.log $NOW -s 10.99.0.0/24
is_rc 1 "the proxies' range is no --source for the clients behind them"
perf_has "foreign=10;" "every notification judged on its originating address"
run $P -f $D/proxied.log --now=2014-06-29T16:30:00Z
is_rc 2 "960 s after the newest (Async) notification is CRITICAL"
perf_has "age=960s;600;900;0" "age from the newest Async"

# --- the seed's excerpt ----------------------------------------------------------
# seed/request.log: the Jetty excerpt of the seed document (Cisco's note,
# shared/seed/000_601716c3c40b2432.txt), copied verbatim: each size wrapped
# onto a line of its own.  A line that ends at its status is a notification
# that arrived; a line holding only "343" is no request line (unparsed), and
# the verdict comes from the 7 notifications understood.
run $P -f $D/seed/request.log --now=2014-06-29T12:01:00Z -s 173.37.183.0/24 -vv
is_rc 0 "the seed's excerpt is OK"
like "$line1" '^CUC KEEPALIVE OK - newest notification 5 s ago, 1 subscription, 0 stale, 7 notifications, 0 errors \| ' "7 notifications of one subscription, the newest at 12:00:55"
perf_has "age=5s;600;900;0 subscriptions=1;;;0 stale=0;;;0;1 notifications=7;;;0 errors=0;;;0;7 foreign=0;;;0;7 unparsed=7;;;0" "the 7 wrapped sizes are unparsed, 173.37.183.83 is no foreign"
like "$out" 'window 2014-06-29 11:01:00Z to 2014-06-29 12:01:00Z: 14 lines read, 7 unparsed' "-v says how many lines were not understood"
like "$out" '2348c723-2466-4fco-bda0-b9419fb0215e: 2014-06-29 12:00:55Z \(5 s ago\), 2014-06-29 12:00:55Z, 200, 7' "the subscription with all 7"
run $P -f $D/seed/request.log --now=2014-06-29T12:20:00Z
is_rc 2 "the seed's excerpt 1145 s after its last line is CRITICAL"
perf_has "age=1145s;" "age from 12:00:55"

# --- options ----------------------------------------------------------------------
run $P -f $D/ok.log --now=yesterday
is_rc 3 "bad --now is UNKNOWN"
opt_err '--now: “yesterday” is not a time: expected @EPOCH or ISO 8601' "bad --now"
run $P -f $D/ok.log --now=2014-06-29T25:00:00Z
is_rc 3 "impossible --now is UNKNOWN"
run $P -f $D/ok.log $NOW --window 0
is_rc 3 "--window 0 is UNKNOWN"
run $P -f $D/ok.log $NOW --stale-warning 1:x
is_rc 3 "bad range is UNKNOWN"
run $P -f $D/ok.log $NOW --foreign-state maybe
is_rc 3 "bad --foreign-state is UNKNOWN"
run $P -f $D/ok.log $NOW extra
is_rc 3 "stray argument is UNKNOWN"
run $P --help
is_rc 3 "--help exits 3"
w=$(printf '%s\n' "$out" | awk 'length > 80' | wc -l)
[ "$w" -eq 0 ]; ok $? "--help fits 80 columns"
for o in --logfile --now --window --warning --critical --stale-after \
    --stale-warning --stale-critical --error-warning --error-critical \
    --source --foreign-state --timeout; do
	printf '%s\n' "$out" | grep -q -- "$o"; ok $? "--help documents $o"
done
run $P -V
is_rc 3 "-V exits 3"
[ "$out" = "check_cuc_keepalive $(sed -n 's/^VERSION[[:space:]]*=[[:space:]]*//p' Makefile) (cuc-single-inbox-plugins)" ]
ok $? "-V is one line: name, the Makefile's version, the suite"
[ "$(wc -l < "$TMPD/stdout")" -eq 1 ]; ok $? "-V: one line"
run $P --help
like "$(sed -n 2p "$TMPD/stdout")" '^Usage: check_cuc_keepalive ' \
    "--help: the usage right under the version line"

# --- option errors: option and value named, UNKNOWN, a one-line usage ------------
run $P -f $D/ok.log $NOW --window 15m
opt_err '--window: “15m” is not a number of seconds' "--window 15m"
run $P -f $D/ok.log $NOW --window 0
opt_err '--window: “0” is out of range: 1 to 34560000 seconds' "--window 0"
run $P -f $D/ok.log $NOW --stale-after soon
opt_err '--stale-after: “soon” is not a number of seconds' "--stale-after soon"
run $P -f $D/ok.log $NOW --stale-warning 1:x
opt_err '--stale-warning: “1:x” is not a range: ' "--stale-warning 1:x"
run $P -f $D/ok.log $NOW --stale-critical 5:1
opt_err '--stale-critical: “5:1” is not a range: its start is above its end' "--stale-critical 5:1"
run $P -f $D/ok.log $NOW --error-warning x
opt_err '--error-warning: “x” is not a range' "--error-warning x"
run $P -f $D/ok.log $NOW --error-critical 1x
opt_err '--error-critical: “1x” is not a range' "--error-critical 1x"
run $P -f $D/ok.log $NOW -w 10m
opt_err '--warning: “10m” is not a range' "-w 10m"
run $P -f $D/ok.log $NOW -c ten
opt_err '--critical: “ten” is not a range' "-c ten"
run $P -f $D/ok.log $NOW -t 0
opt_err '--timeout: “0” is not a number of seconds above 0' "-t 0"
run $P -f $D/ok.log $NOW -t 5:maybe
opt_err '--timeout: “5:maybe” names no state after' "-t 5:maybe"
run $P -f $D/ok.log $NOW --foreign-state maybe -s 10.0.0.0/8
opt_err '--foreign-state: “maybe” is not a state' "--foreign-state maybe"
run $P -f $D/ok.log $NOW -s 10.0.0.0/40
opt_err '--source: “10.0.0.0/40” is not an address or network' "-s 10.0.0.0/40"
run $P --cuc 'cuc1:99999'
opt_err '--cuc: “cuc1:99999” is not HOST\[:PORT\]' "--cuc cuc1:99999"
run $P --cuc cuc1 --cuc-max-file 2T --cuc-user u --netrc-file /dev/null
opt_err '--cuc-max-file: “2T” is not a size' "--cuc-max-file 2T"
run $P --cuc cuc1 --cache-size 0 --netrc-file /dev/null
opt_err '--cache-size: “0” is not a size' "--cache-size 0"
run $P --cuc cuc1 --cache-dir= --netrc-file /dev/null
opt_err '--cache-dir: “” is empty' "--cache-dir empty"
run $P -f $D/ok.log $NOW extra
opt_err '“extra”: unexpected argument' "stray argument"
run $P -f $D/ok.log $NOW --bogus
opt_err '--bogus: unknown option$' "unknown long option"
run $P -f $D/ok.log $NOW -Z
opt_err '-Z: unknown option$' "unknown short option"
run $P -f $D/ok.log $NOW --window
opt_err '--window: needs a value$' "--window without a value"
run $P -f $D/ok.log $NOW --stale
opt_err '--stale: ambiguous, could be --stale-after, --stale-warning, --stale-critical$' \
    "ambiguous abbreviation"
run $P -f $D/ok.log $NOW --help=1
opt_err '--help: takes no value' "--help=1"

# --- options that cannot apply are errors, not ignored ------------------------------
run $P -f $D/ok.log $NOW --foreign-state critical
opt_err '--foreign-state cannot apply without -s/--source' "--foreign-state without -s"
for o in "--cuc-user=mon" "--cuc-password=pw" "--netrc-file=/dev/null" \
    "--ca-cert=/dev/null" "--insecure" "--cache-dir=/tmp" \
    "--cuc-max-file=1M" "--cache-size=1G"; do
	run $P -f $D/ok.log $NOW "$o"
	opt_err "${o%%=*} cannot apply without --cuc: the logs are read from -f" \
	    "$o without --cuc"
done
run $P -f $D/ok.log --cuc cuc1 $NOW
opt_err '--cuc and -f exclude each other' "--cuc with -f"

# --- several logs named: a missing or unreadable one is UNKNOWN, named ----------
run $P -f $D/ok.log -f "$TMPD/gone.log" $NOW
is_rc 3 "a missing second log is UNKNOWN"
like "$line1" "^CUC KEEPALIVE UNKNOWN - $TMPD/gone.log: No such file or directory" \
    "names the missing log"
run $P -f "$TMPD/gone.log" -f $D/ok.log $NOW
is_rc 3 "a missing first log is UNKNOWN"
# older than the window reaches, so never opened: it was skipped in silence
run $P -f "$D/rotated/2014_06_29.request.log" -f "$D/rotated/2014_06_28.request.log" \
    -f "$D/rotated/2014_06_20.request.log" --now=2014-06-29T00:20:00Z
is_rc 3 "a missing log older than the window is UNKNOWN too"
like "$line1" "^CUC KEEPALIVE UNKNOWN - $D/rotated/2014_06_20\\.request\\.log: No such file or directory\$" \
    "names the missing old log"
run $P -f $D/ok.log -f "$TMPD/none-*.log" $NOW
is_rc 3 "a glob matching nothing beside a good log is UNKNOWN"
like "$line1" "none-\\*\\.log: no file matches" "names the glob"
run $P -f $D/ok.log -f "$TMPD/nodir/*.log" $NOW
like "$line1" "$TMPD/nodir: No such file or directory" "a glob's missing directory named"

# --- -v levels as monitoring-plugins: -v found, -vv configuration, -vvv trace ---
run $P -f $D/ok.log $NOW
n0=$(wc -l < "$TMPD/stdout")
run $P -f $D/ok.log $NOW -v
n1=$(wc -l < "$TMPD/stdout")
[ "$n1" -eq $((n0 + 1)) ]; ok $? "-v adds exactly one line"
like "$(sed -n 2p "$TMPD/stdout")" '^stalest: [^ ]+ [0-9]+ s, [^ ]+ [0-9]+ s, [^ ]+ [0-9]+ s$' \
    "-v: the three stalest subscriptions"
run $P -f $D/foreign.log $NOW -s 10.1.2.0/24 -v
like "$(sed -n 2p "$TMPD/stdout")" '; foreign: 192\.0\.2\.50 12, 2001:db8::10 12$' "-v: the foreign senders on the same line"
run $P -f $D/errors_only.log $NOW -v
like "$(sed -n 2p "$TMPD/stdout")" '; errors by status: ' "-v: the error statuses on the same line"
unlike "$out" '^options \(after --extra-opts\)' "-v: no configuration"
run $P -f $D/ok.log $NOW -vv
n2=$(wc -l < "$TMPD/stdout")
like "$out" "^options \\(after --extra-opts\\): -f $D/ok.log $NOW -vv\$" "-vv: the options shown"
like "$out" '^-t 10 s, then UNKNOWN; -w \(default\), -c \(default\)' "-vv: timeout and thresholds"
unlike "$out" '^debug ' "-vv: no trace"
run $P -f $D/ok.log $NOW -vvv
like "$out" "^debug \\+[0-9.]+ s: reading $D/ok.log\$" "-vvv: the steps traced"
sane "-vvv"
[ "$n0" -lt "$n1" ] && [ "$n1" -lt "$n2" ]; ok $? "each -v adds lines ($n0 < $n1 < $n2)"
# -vv never shows a password: from the ini, nor given on the command line
printf '[check_cuc_keepalive]\ncuc-user = mon\ncuc-password = s3cr3t-ini\n' > "$TMPD/ka.ini"
run $P --extra-opts="@$TMPD/ka.ini" --cuc 127.0.0.1:1 -vv -t 3 --cache-dir "$TMPD/cache"
like "$out" '^options \(after --extra-opts\): --cuc-user=mon --cuc-password=\(hidden\) --cuc 127\.0\.0\.1:1 ' \
    "-vv: the ini's options shown, the password hidden"
unlike "$out" 's3cr3t' "-vv: no password from the ini"
run $P --cuc 127.0.0.1:1 --cuc-user mon --cuc-password s3cr3t-argv -vvv -t 3 --cache-dir "$TMPD/cache"
like "$out" ' --cuc-password=\(hidden\) ' "-vvv: a password given as two arguments hidden"
unlike "$out" 's3cr3t' "-vvv: no password from the command line"

done_testing
