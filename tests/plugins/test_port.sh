#!/bin/sh
# test_port.sh - check_cuc_port against servers this script starts on
# loopback: a closed port, a plain listener, a Jetty-like HTTP/SOAP server
# in each of its modes, a port whose SYNs go unanswered, /proc listening.
. "$(dirname "$0")/../lib.sh"

LAB=tests/lab

# timed PLUGIN ARGS...: run, and set $elapsed (seconds, decimals).
timed() {
	t0=$(date +%s.%N)
	run "$@"
	t1=$(date +%s.%N)
	elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
}

# Python starts slowly: start every server first, then wait for them.
start soap fake_jetty.py --mode soap --request-log "$TMPD/request.log"
start unsub fake_jetty.py --mode unsubscribe
start pending fake_jetty.py --mode soap --subscription-status Pending
start fault fake_jetty.py --mode fault
start nonsoap fake_jetty.py --mode nonsoap
start hang fake_jetty.py --mode hang
start close fake_jetty.py --mode close
start closed fake_jetty.py --mode soap
start v6 fake_jetty.py --mode soap --bind ::1
start syn full_backlog.py
SOAP=$(port soap)
UNSUB=$(port unsub)
PENDING=$(port pending)
FAULT=$(port fault)
NONSOAP=$(port nonsoap)
HANG=$(port hang)
CLOSE=$(port close)
CLOSED=$(port closed)
SYN=$(port syn)
# A port nothing listens on: one a server had, closed again.
kill "$pid_closed" 2>/dev/null
wait "$pid_closed" 2>/dev/null

# --- plain TCP
run check_cuc_port -H 127.0.0.1 -p "$CLOSED"
is_rc 2 "closed port"
like "$line1" "^CUC PORT CRITICAL - connection to 127\.0\.0\.1:$CLOSED refused \(nothing listens\)$" \
    "closed port: names the refusal"
sane "closed port"

run check_cuc_port -H 127.0.0.1 -p "$SOAP"
is_rc 0 "plain listener"
like "$line1" "^CUC PORT OK - connected to 127\.0\.0\.1:$SOAP in [0-9.]+ s \| " \
    "plain listener: summary"
like "$perf" '^time=[0-9]+(\.[0-9]+)?s;;;0;10$' \
    "plain listener: time perfdata, max = timeout"
sane "plain listener"

run check_cuc_port -H localhost -p "$SOAP" -4
is_rc 0 "name resolved, -4"
like "$line1" "connected to localhost:$SOAP \(127\.0\.0\.1\) in " \
    "name resolved: address named"

run check_cuc_port -H 127.0.0.1 -p "$SOAP" -v
[ "$(wc -l < "$TMPD/stdout")" -eq 2 ]; ok $? "-v: one line more"
like "$(sed -n 2p "$TMPD/stdout")" '^TCP connect to 127\.0\.0\.1 took [0-9.]+ s$' "-v: the address and the time"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --soap -v
like "$(sed -n 3p "$TMPD/stdout")" '^HTTP 200, text/xml.*, [0-9]+ bytes$' "--soap -v: the answer's status, type and size"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" -vv
like "$out" '^options \(after --extra-opts\): -H 127\.0\.0\.1 -p [0-9]+ -vv$' "-vv: the configuration"

run check_cuc_port --hostname=127.0.0.1 --port="$SOAP" -w 10 -c 20 -t 7
is_rc 0 "thresholds not reached"
like "$perf" '^time=[0-9.]+s;10;20;0;7$' "thresholds and timeout in perfdata"
sane "thresholds"

# @0:100 alerts for every time in 0..100 s: WARNING/CRITICAL whatever the speed.
run check_cuc_port -H 127.0.0.1 -p "$SOAP" -w @0:100
is_rc 1 "-w inside range"
like "$line1" "^CUC PORT WARNING - connected to 127\\.0\\.0\\.1:$SOAP in [0-9.]+ s \\(-w @0:100\\) \\| " \
    "-w: WARNING first line names the threshold passed"
perf_has "time=" "-w: perfdata kept"
sane "-w"

run check_cuc_port -H 127.0.0.1 -p "$SOAP" -w @0:100 -c @0:100
is_rc 2 "-c wins over -w"
like "$line1" ' s \(-c @0:100\) \| ' "-c named"
like "$perf" '^time=[0-9.]+s;@0:100;@0:100;0;10$' "range thresholds in perfdata"

run check_cuc_port -H 127.0.0.1 -p "$SOAP" -w 1:2x
is_rc 3 "bad -w range"
like "$line1" "^CUC PORT UNKNOWN - .*--warning" "bad -w range names --warning"
sane "bad -w"

# --- HTTP
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --http
is_rc 0 "--http"
like "$line1" "^CUC PORT OK - HTTP 200 from 127\.0\.0\.1:$SOAP, Server: Jetty\(8\.1\.14\.v20131031\) \| " \
    "--http: status and Server header"
perf_has "time=" "--http: connect time perfdata"
perf_has "http_time=" "--http: HTTP time perfdata"
sane "--http"

run check_cuc_port -H 127.0.0.1 -p "$SOAP" --http -w @0:100
is_rc 1 "--http with a slow connect"
like "$line1" "^CUC PORT WARNING - HTTP 200 from 127\.0\.0\.1:$SOAP, Server: .*, TCP connect took [0-9.]+ s \(-w @0:100\) \| " \
    "--http with a slow connect: says so"

run check_cuc_port -H 127.0.0.1 -p "$SOAP" --http --expect=404
is_rc 2 "--expect mismatch"
like "$line1" "^CUC PORT CRITICAL - HTTP 200 from 127\.0\.0\.1:$SOAP, not in --expect" \
    "--expect mismatch: says so"
sane "--expect mismatch"

run check_cuc_port -H 127.0.0.1 -p "$SOAP" --http --expect=204,200
is_rc 0 "--expect list matching"

run check_cuc_port -H 127.0.0.1 -p "$SOAP" --http --expect=20x
opt_err '--expect: “20x” is not a list of up to 16 HTTP codes 100\.\.999' "bad --expect"

# --- http_time: its own thresholds, full Nagios ranges (no timing asserted:
# @0: alerts for any time, 3600 for none a test sees)
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --soap --http-warning @0: --http-critical 3600
is_rc 1 "--http-warning @0: is WARNING"
like "$line1" ', HTTP exchange took [0-9.]+ s \(--http-warning @0:\) \| ' \
    "--http-warning: the slow exchange named with its threshold"
like "$perf" ' http_time=[0-9.]+s;@0:;3600;0;10$' "http_time perfdata carries its thresholds"
sane "--http-warning"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --http --http-critical @0:
is_rc 2 "--http-critical @0: is CRITICAL"
like "$line1" '^CUC PORT CRITICAL - HTTP 200 from .*, HTTP exchange took [0-9.]+ s \(--http-critical @0:\)' \
    "--http-critical named"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --soap --http-warning 3600 --http-critical 7200 -w 3600
is_rc 0 "http_time within its thresholds"
like "$perf" '^time=[0-9.]+s;3600;;0;10 http_time=[0-9.]+s;3600;7200;0;10$' \
    "-w stays on time, --http-* on http_time"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --soap -w @0:
is_rc 1 "-w still judges the connect time alone"
unlike "$line1" 'HTTP exchange took' "-w does not name http_time"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --http --http-warning 1:x
opt_err '--http-warning: “1:x” is not a range' "bad --http-warning"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --http --http-critical 5:1
opt_err '--http-critical: “5:1” is not a range: its start is above its end' "bad --http-critical"

run check_cuc_port -H 127.0.0.1 -p "$CLOSE" --http
is_rc 2 "server closing at once"
like "$line1" "^CUC PORT CRITICAL - no HTTP answer from 127\.0\.0\.1:$CLOSE: " \
    "closing server: no HTTP answer"
sane "closing server"

# --- SOAP
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --soap
is_rc 0 "--soap OK"
like "$line1" "^CUC PORT OK - notification service at 127\.0\.0\.1:$SOAP answered SubscriptionStatus OK \(HTTP 200, Server: Jetty" \
    "--soap: SubscriptionStatus OK"
sane "--soap OK"
like "$(tail -n 1 "$TMPD/request.log")" \
    '^127\.0\.0\.1 - - \[[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9:]{8} \+0000\] "POST /NotificationService/services/NotificationService\?id=c4ecc4c0-0000-0000-0000-000000007080&pid=0 HTTP/1\.1" 200 [0-9]+$' \
    "--soap: POSTs to the notification URL with the probe's own id (request log)"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --soap --path='/NotificationService/services/NotificationService?id=mine&pid=7'
is_rc 0 "--soap with a query in --path"
like "$(tail -n 1 "$TMPD/request.log")" '"POST /NotificationService/services/NotificationService\?id=mine&pid=7 HTTP/1\.1" 200 ' \
    "--path with a query is posted as given"

# Unsubscribe: what a working CUC answers for the probe's made-up
# subscription (domain.md section 1): OK by default, WARNING on request.
run check_cuc_port -H 127.0.0.1 -p "$UNSUB" --soap
is_rc 0 "--soap Unsubscribe is OK by default"
like "$line1" "^CUC PORT OK - notification service at 127\.0\.0\.1:$UNSUB answered SubscriptionStatus Unsubscribe \(HTTP 200, Server: Jetty" \
    "--soap Unsubscribe named"
sane "--soap Unsubscribe"

run check_cuc_port -H 127.0.0.1 -p "$UNSUB" --soap --unsubscribe-state=warning
is_rc 1 "--unsubscribe-state=warning"
like "$line1" "^CUC PORT WARNING - .*SubscriptionStatus Unsubscribe" \
    "--unsubscribe-state=warning: Unsubscribe named"
run check_cuc_port -H 127.0.0.1 -p "$UNSUB" --soap --unsubscribe-state=bogus
opt_err '--unsubscribe-state: “bogus” is not a state' "bad --unsubscribe-state"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --soap --unsubscribe-state=critical
is_rc 0 "--unsubscribe-state leaves SubscriptionStatus OK alone"

# Any other SubscriptionStatus is WARNING, whatever --unsubscribe-state says.
run check_cuc_port -H 127.0.0.1 -p "$PENDING" --soap
is_rc 1 "--soap: another SubscriptionStatus is WARNING"
like "$line1" "^CUC PORT WARNING - notification service at 127\.0\.0\.1:$PENDING answered SubscriptionStatus Pending" \
    "another SubscriptionStatus named"
sane "--soap other status"
run check_cuc_port -H 127.0.0.1 -p "$PENDING" --soap --unsubscribe-state=ok
is_rc 1 "--unsubscribe-state=ok does not cover other statuses"

# A SOAP fault is no SendNotificationResult: CRITICAL.
run check_cuc_port -H 127.0.0.1 -p "$FAULT" --soap
is_rc 2 "--soap: a SOAP fault is CRITICAL"
like "$line1" "^CUC PORT CRITICAL - no SOAP answer from 127\.0\.0\.1:$FAULT: SOAP fault: Unmarshalling Error \(HTTP 500, text/xml" \
    "SOAP fault: the faultstring is named"
sane "--soap fault"

run check_cuc_port -H 127.0.0.1 -p "$NONSOAP" --soap
is_rc 2 "--soap on a non-SOAP answer"
like "$line1" "^CUC PORT CRITICAL - no SOAP answer from 127\.0\.0\.1:$NONSOAP: not a SOAP envelope \(HTTP 200, text/html" \
    "non-SOAP answer: says so"
sane "non-SOAP"

run check_cuc_port -H 127.0.0.1 -p "$NONSOAP" --http
is_rc 0 "--http is content with any HTTP answer"

# --- silence: returns by -t, as the probe's own CRITICAL
# These need -t precision: under valgrind (make check-valgrind) loading
# libcurl alone eats most of the budget, so they are skipped there.
if [ -n "$VALGRIND" ]; then
	echo "# timing cases skipped under valgrind"
else
	for mode in --http --soap; do
		timed check_cuc_port -H 127.0.0.1 -p "$HANG" $mode -t 2
		is_rc 2 "hanging server $mode"
		like "$line1" "^CUC PORT CRITICAL - no HTTP answer from 127\.0\.0\.1:$HANG within 1\.[0-9] s" \
		    "hanging server $mode: no HTTP answer within the probe's deadline"
		less "$elapsed" 3; ok $? "hanging server $mode: returned by -t ($elapsed s)"
		sane "hanging server $mode"
	done

	timed check_cuc_port -H 127.0.0.1 -p "$SYN" -t 2
	is_rc 2 "SYN unanswered"
	like "$line1" "^CUC PORT CRITICAL - no answer from 127\.0\.0\.1:$SYN within 1\.[0-9] s" \
	    "SYN unanswered: no answer within the probe's deadline, not a timeout"
	less "$elapsed" 3; ok $? "SYN unanswered: returned by -t ($elapsed s)"
	sane "SYN unanswered"

	# The -t guard itself: a 0.5 s timeout with a 10% margin still reports the probe.
	timed check_cuc_port -H 127.0.0.1 -p "$SYN" -t 0.5:WARNING
	is_rc 2 "short -t: the probe reports first"
	less "$elapsed" 1.5; ok $? "short -t: returned by -t ($elapsed s)"
fi

# --- names and families
# A label over 63 bytes cannot be put in a DNS query: the resolver fails
# it without sending anything, so the test stays on this machine.
nohost=$(printf '%070d' 0 | tr 0 x).invalid
run check_cuc_port -H "$nohost" -t 5
is_rc 3 "name that does not resolve"
like "$line1" "^CUC PORT UNKNOWN - cannot resolve ‘x{70}\.invalid’" \
    "unresolvable name named"
sane "unresolvable"

run check_cuc_port -H 127.0.0.1 -p "$SOAP" -6
is_rc 3 "IPv4 literal with -6"

V6=$(port v6)
if [ "$V6" != 0 ]; then
	run check_cuc_port -H ::1 -p "$V6"
	is_rc 0 "IPv6 listener"
	like "$line1" "^CUC PORT OK - connected to \[::1\]:$V6 in " \
	    "IPv6: bracketed address"
	run check_cuc_port -H ::1 -p "$V6" --soap
	is_rc 0 "IPv6 --soap"
else
	echo "# ::1 not available here: IPv6 cases skipped"
fi

# --- /proc
run check_cuc_port --listening -p "$SOAP"
is_rc 0 "--listening finds the listener"
like "$line1" "^CUC PORT OK - TCP port $SOAP LISTENs on 127\.0\.0\.1 \(python[0-9.]*, pid [0-9]+\)" \
    "--listening names the owning process"
sane "--listening"

run check_cuc_port --listening -p "$CLOSED"
is_rc 2 "--listening on a closed port"
like "$line1" "^CUC PORT CRITICAL - nothing LISTENs on TCP port $CLOSED$" \
    "--listening: nothing"
sane "--listening closed"

run check_cuc_port --listening --soap -p "$SOAP"
opt_err '--soap cannot apply with --listening: it makes no connection$' "--listening with --soap"

# --- options that cannot apply are errors, not ignored
run check_cuc_port --listening --http -p "$SOAP"
opt_err '--http cannot apply with --listening' "--listening with --http"
run check_cuc_port --listening -H 127.0.0.1 -p "$SOAP"
opt_err '-H cannot apply with --listening: it makes no connection$' "-H with --listening"
run check_cuc_port --listening -w 1 -p "$SOAP"
opt_err '-w cannot apply with --listening' "-w with --listening"
run check_cuc_port --listening -c 1 -p "$SOAP"
opt_err '-c cannot apply with --listening' "-c with --listening"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --expect 200
opt_err '--expect cannot apply without --http or --soap$' "--expect without --http"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --path /x
opt_err '--path cannot apply without --http or --soap$' "--path without --http"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --http-warning 1
opt_err '--http-warning cannot apply without --http or --soap$' "--http-warning without --http"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --http-critical 1
opt_err '--http-critical cannot apply without --http or --soap$' "--http-critical without --http"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --unsubscribe-state ok
opt_err '--unsubscribe-state cannot apply without --soap$' "--unsubscribe-state without --soap"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --http --unsubscribe-state ok
opt_err '--unsubscribe-state cannot apply without --soap$' "--unsubscribe-state with --http"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --http --soap
opt_err '--http and --soap exclude each other' "--http with --soap"

# --- extra-opts
printf '[check_cuc_port]\nhostname = 127.0.0.1\nport = %s\n' "$SOAP" \
    > "$TMPD/plugins.ini"
run check_cuc_port --extra-opts=@"$TMPD/plugins.ini" --http
is_rc 0 "--extra-opts"
like "$line1" "HTTP 200 from 127\.0\.0\.1:$SOAP" "--extra-opts: host and port used"

# --- usage
run check_cuc_port
opt_err 'no host given \(-H HOST, see --help\)$' "no host"
sane "no host"

run check_cuc_port -H 127.0.0.1 -p 70000
opt_err '--port: “70000” is not a whole number from 1 to 65535$' "port out of range"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --http --path x
opt_err '--path: “x” does not start with /$' "--path without /"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" -w 1:x
opt_err '--warning: “1:x” is not a range' "bad -w"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" -t 0.0
opt_err '--timeout: “0.0” is not a number of seconds above 0' "bad -t"

run check_cuc_port -H 127.0.0.1 --bogus
opt_err '--bogus: unknown option$' "unknown option"
run check_cuc_port -H 127.0.0.1 --http=yes
opt_err '--http: takes no value \(“--http=yes”\)$' "a value for --http"
run check_cuc_port -H
opt_err '-H: needs a value$' "-H without a value"

run check_cuc_port -h
is_rc 3 "-h"
no_stderr "-h: nothing on stderr"
for o in --hostname --port -4 -6 --warning --critical --timeout --http \
    --path --expect --soap --unsubscribe-state --listening --extra-opts \
    --verbose --version /NotificationService/services/NotificationService \
    7080 OK WARNING CRITICAL UNKNOWN; do
	like "$out" "$o" "--help documents $o"
done
w=$(printf '%s\n' "$out" | awk 'length > 80' | wc -l)
[ "$w" -eq 0 ]; ok $? "--help fits 80 columns"

run check_cuc_port -V
is_rc 3 "-V"
[ "$out" = "check_cuc_port $(sed -n 's/^VERSION[[:space:]]*=[[:space:]]*//p' Makefile) (cuc-single-inbox-plugins)" ]
ok $? "-V: one line, the Makefile's version"
run check_cuc_port --help
like "$(sed -n 2p "$TMPD/stdout")" '^Usage: check_cuc_port ' "--help: usage on top"
like "$out" '--http-warning=RANGE, --http-critical=RANGE' "--help documents --http-warning/--http-critical"
like "$out" '-vvv also a trace' "--help says what -v, -vv, -vvv give"

done_testing
