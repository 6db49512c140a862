#!/bin/sh
# test_keepalive_lab.sh - check_cuc_keepalive end to end: fake_exchange.py
# posts keepalives to fake_jetty.py on loopback, which writes a Jetty
# request log; the plugin reads that log.  Keepalives flowing -> OK; the
# sender stopped -> WARNING, then CRITICAL as the age passes -w 2 and -c 4;
# a sender posting from 127.0.0.2 with --source 127.0.0.1 -> foreign.
# Then check_cuc_port --soap probes a second fake Jetty (answering
# Unsubscribe, as a real CUC does for the probe's made-up subscription):
# the keepalive check reading that Jetty's log never counts the probes.
# States are waited for (polling), never timed.  About 25 s.
. "$(dirname "$0")/../lib.sh"

P=check_cuc_keepalive
LAB=tests/lab
LOG=$TMPD/request.log
start jetty fake_jetty.py --bind 127.0.0.1 --port 0 --mode soap \
    --request-log "$LOG"
PORT=$(port jetty)
[ "$PORT" != 0 ]; ok $? "fake_jetty listens"

# sender NAME ARGS...: start fake_exchange.py against the fake Jetty.
sender() {
	name=$1
	shift
	python3 $LAB/fake_exchange.py --port "$PORT" "$@" \
	    > "$TMPD/$name.out" 2>&1 &
	PIDS="$PIDS $!"
	eval "pid_$name=$!"
}

# lines PATTERN N: wait (up to 10 s) until the log has N lines matching.
lines() {
	i=0
	while :; do
		n=$(grep -c -- "$1" "$LOG" 2>/dev/null)
		[ "${n:-0}" -ge "$2" ] && break
		i=$((i + 1))
		[ $i -gt 100 ] && return 1
		sleep 0.1
	done
	return 0
}

# until_rc RC ARGS...: run the plugin until it exits RC (up to 15 s).
until_rc() {
	want=$1
	shift
	i=0
	while :; do
		run $P "$@"
		[ "$rc" -eq "$want" ] && return 0
		i=$((i + 1))
		[ $i -gt 75 ] && return 1
		sleep 0.2
	done
}

ARGS="-f $LOG --window 60 -w 2 -c 4 --stale-after 3"

# --- keepalives flowing ---------------------------------------------------
sender main --subscriptions 5 --period 1 --prefix main
lines 'id=main-' 10; ok $? "keepalives reach the request log"
run $P $ARGS -s 127.0.0.1
is_rc 0 "keepalives flowing are OK"
like "$line1" '^CUC KEEPALIVE OK - newest notification [0-2] s ago, 5 subscriptions' "5 subscriptions heard from"
perf_has "foreign=0;" "all from 127.0.0.1"
perf_has "errors=0;" "fake Jetty answered 200"
perf_has "unparsed=0;" "fake Jetty's lines all parse"
well_formed
no_stderr

# --- sender stopped: WARNING, then CRITICAL ----------------------------------
kill "$pid_main"
until_rc 1 $ARGS; ok $? "sender stopped: WARNING as age passes -w 2"
age=$(printf '%s\n' "$perf" | sed -n 's/.*age=\([0-9]*\)s.*/\1/p')
[ "${age:-0}" -gt 2 ] && [ "${age:-9}" -le 4 ]; ok $? "WARNING at an age between -w and -c (age $age)"
until_rc 2 $ARGS; ok $? "then CRITICAL as age passes -c 4"
age=$(printf '%s\n' "$perf" | sed -n 's/.*age=\([0-9]*\)s.*/\1/p')
[ "${age:-0}" -gt 4 ]; ok $? "CRITICAL beyond -c (age $age)"
perf_has "stale=5;" "all 5 stale after --stale-after 3"

# --- a sender behind a NAT: foreign ---------------------------------------------
sender nat --subscriptions 2 --period 1 --prefix nat --bind-source 127.0.0.2
lines '^127\.0\.0\.2 .*id=nat-' 4; ok $? "posts from 127.0.0.2 reach the log"
run $P $ARGS -s 127.0.0.1
is_rc 1 "notifications from outside --source are WARNING"
like "$line1" 'from foreign 127\.0\.0\.2' "the foreign address is named"
run $P $ARGS -s 127.0.0.0/30
is_rc 0 "a --source network holding 127.0.0.2 makes it OK"
perf_has "foreign=0;" "no foreign with 127.0.0.0/30"

# --- check_cuc_port --soap probing a Jetty whose log we read ---------------------
PROBE=c4ecc4c0-0000-0000-0000-000000007080
LOG=$TMPD/probed-request.log
start cuc fake_jetty.py --bind 127.0.0.1 --port 0 --mode unsubscribe \
    --request-log "$LOG"
PORT=$(port cuc)
[ "$PORT" != 0 ]; ok $? "a second fake_jetty listens"
# probe N: run the port check N times; status 0 when each was OK.
probe() {
	n=0
	for _ in $(seq "$1"); do
		run check_cuc_port -H 127.0.0.1 -p "$PORT" --soap
		[ "$rc" -eq 0 ] && n=$((n + 1))
	done
	[ "$n" -eq "$1" ]
}
probe 3; ok $? "check_cuc_port --soap: Unsubscribe (a working CUC) is OK"
[ "$(grep -c -F "id=$PROBE&pid=0" "$LOG")" -eq 3 ]; ok $? "Jetty logged the 3 probes"
PARGS="-f $LOG --window 60 -w 2 -c 4 --stale-after 3"
run $P $PARGS -vv
is_rc 2 "no keepalive from Exchange, only probes: CRITICAL"
like "$line1" '^CUC KEEPALIVE CRITICAL - no notifications in the log \(back to ' "the probes are no notification"
perf_has "subscriptions=0;;;0 stale=0;;;0;0 notifications=0;;;0 errors=0;" "no probe in the counts"
like "$out" "skipped 3 lines of check_cuc_port --soap probes \(id $PROBE\)" "-v: 3 probe lines skipped"
well_formed

# Exchange posting from 127.0.0.2, the probe from 127.0.0.1: OK, 3
# subscriptions, nothing foreign.
sender ex --subscriptions 3 --period 1 --prefix ex --bind-source 127.0.0.2
lines 'id=ex-' 6; ok $? "Exchange's keepalives reach the probed log"
probe 1; ok $? "probed again"
run $P $PARGS -s 127.0.0.2
is_rc 0 "keepalives and probes: OK"
perf_has "subscriptions=3;" "3 subscriptions: the probe is none"
perf_has "foreign=0;" "the probing host is not foreign under -s"

# Exchange stops, the probe goes on: CRITICAL by age all the same.
kill "$pid_ex"
i=0
while :; do
	probe 1
	run $P $PARGS -s 127.0.0.2 -vv
	[ "$rc" -eq 2 ] && break
	i=$((i + 1))
	[ $i -gt 40 ] && break
	sleep 0.2
done
is_rc 2 "Exchange stopped, the probe goes on: CRITICAL"
age=$(printf '%s\n' "$perf" | sed -n 's/.*age=\([0-9]*\)s.*/\1/p')
[ "${age:-0}" -gt 4 ]; ok $? "by age beyond -c (age $age)"
perf_has "stale=3;" "the 3 subscriptions stale, the probe none"
tail -n 1 "$LOG" | grep -q -F "id=$PROBE&"
ok $? "the newest line of the log is a probe"
like "$out" "skipped [0-9]+ lines of check_cuc_port --soap probes" "-v names the skipped probes"

done_testing
