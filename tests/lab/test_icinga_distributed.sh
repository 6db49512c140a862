#!/bin/sh
# Distributed Icinga 2, as a site with many CUC nodes runs it: a master and
# an agent on loopback (own directories and ports, certificates made with
# `icinga2 pki` by the test).  The master reads the shipped services.conf
# from zones.d/master/ and a CUC host whose vars.cuc_log_endpoint names the
# agent: the log checks (cuc_keepalive among them) must run on the agent
# through command_endpoint and their results reach the master, the port
# check must run on the master itself.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/icinga/lib.sh"
need_cmd "$ICINGA2" icinga2

M=$TMPD/master
A=$TMPD/agent
MN=master.test
AN=agent.test
HOST=cuc1.example.com
D=$TMPD/data
NOW=2026-11-25T10:00:00Z
jpid=""
cleanup_hook() {
	icinga_stop "$M"
	icinga_stop "$A"
	if [ -n "$jpid" ]; then
		kill "$jpid" 2> /dev/null
		wait "$jpid" 2> /dev/null
	fi
	keep_tmpd
}

sample_data "$D" subscriptions.txt
python3 "$TOP/tests/lab/fake_jetty.py" --bind 127.0.0.1 --port 0 \
    --port-file "$TMPD/jetty.port" > "$TMPD/jetty.out" 2>&1 &
jpid=$!

# Certificates the way a site makes them: a CA on the master, a key and
# CSR per node, signed by the CA (4096-bit keys: made in parallel).
icinga_tree "$M" "$MN"
icinga_tree "$A" "$AN"
MD=$(icinga_defs "$M" "$MN")
# shellcheck disable=SC2086
{
	"$ICINGA2" pki new-ca $MD > "$TMPD/pki-ca" 2>&1 &
	p1=$!
	"$ICINGA2" pki new-cert $MD --cn "$MN" --key "$M/var/lib/certs/$MN.key" \
	    --csr "$M/var/lib/certs/$MN.csr" > "$TMPD/pki-m" 2>&1 &
	p2=$!
	"$ICINGA2" pki new-cert $MD --cn "$AN" --key "$A/var/lib/certs/$AN.key" \
	    --csr "$A/var/lib/certs/$AN.csr" > "$TMPD/pki-a" 2>&1 &
	p3=$!
	r=0
	wait $p1 || r=1
	wait $p2 || r=1
	wait $p3 || r=1
	"$ICINGA2" pki sign-csr $MD --csr "$M/var/lib/certs/$MN.csr" \
	    --cert "$M/var/lib/certs/$MN.crt" >> "$TMPD/pki-m" 2>&1 || r=1
	"$ICINGA2" pki sign-csr $MD --csr "$A/var/lib/certs/$AN.csr" \
	    --cert "$A/var/lib/certs/$AN.crt" >> "$TMPD/pki-a" 2>&1 || r=1
	cp "$M/var/lib/ca/ca.crt" "$M/var/lib/certs/" || r=1
	cp "$M/var/lib/ca/ca.crt" "$A/var/lib/certs/" || r=1
}
ok $r "icinga2 pki: CA, master and agent certificates"
[ $r -eq 0 ] || cat "$TMPD"/pki-* | grep -v information | head -5 | sed 's/^/#   /'

wait_file "$TMPD/jetty.port" 10
JP=$(cat "$TMPD/jetty.port")
MP=$($TOOL freeport)
AP=$($TOOL freeport)
zones() {
	cat <<-EOF
	object Endpoint "$MN" { $1 }
	object Endpoint "$AN" { $2 }
	object Zone "master" { endpoints = [ "$MN" ] }
	object Zone "$AN" { endpoints = [ "$AN" ]; parent = "master" }
	EOF
}
{
	echo 'include "base.conf"'
	zones "" "host = \"127.0.0.1\"; port = $AP"
	cat <<-EOF
	object ApiListener "api" { bind_host = "127.0.0.1"; bind_port = $MP }
	object ApiUser "root" { password = "test"; permissions = [ "*" ] }
	object CheckerComponent "checker" { }
	object FileLogger "warnings" {
		path = "$M/warnings.log"
		severity = "warning"
	}
	EOF
} > "$M/etc/icinga2.conf"
# Objects in zones.d/master/ belong to the master zone, which
# command_endpoint requires: services.conf goes there as shipped.
mkdir -p "$M/etc/zones.d/master"
cp "$CONF/services.conf" "$M/etc/zones.d/master/"
cat > "$M/etc/zones.d/master/hosts.conf" <<EOF
object Host "$HOST" {
	import "cuc-node"
	address = "127.0.0.1"
	enable_active_checks = false
	vars.cuc_log_endpoint = "$AN"
	vars.cuc_port_port = $JP
	vars.cuc_keepalive_logfile = [ "$D/jetty/*request.log" ]
	vars.cuc_keepalive_now = "$KNOW"
	vars.cuc_subscriptions_file = "$D/subscriptions.txt"
	vars.cuc_subscriptions_now = "$NOW"
	vars.cuc_mbxsync_logdir = "$D/mbxsync"
	vars.cuc_mbxsync_now = "$NOW"
}
EOF
{
	echo 'include "base.conf"'
	zones "" ""
	cat <<-EOF
	object ApiListener "api" {
		bind_host = "127.0.0.1"
		bind_port = $AP
		accept_commands = true
	}
	EOF
} > "$A/etc/icinga2.conf"

icinga_validate "$M" "$MN"
ok $? "master configuration validates"
grep -E 'critical|Error' "$M/validate.out" | head -5 | sed 's/^/#   /'
icinga_validate "$A" "$AN"
ok $? "agent configuration validates"
grep -E 'critical|Error' "$A/validate.out" | head -5 | sed 's/^/#   /'

icinga_start "$A" "$AN"
# The master connects to the agent: once it listens, or 10 s later.
i=0
until grep -q "Started new listener on '\[127.0.0.1\]:$AP'" "$A/out" ||
    [ $i -ge 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
icinga_start "$M" "$MN"
URL=https://127.0.0.1:$MP
i=0
until $TOOL icinga-get "$URL" root test "/v1/objects/endpoints/$AN" \
    2> /dev/null | grep -q '"connected": true'; do
	i=$((i + 1))
	[ $i -lt 60 ] || break
	sleep 0.25
done
[ $i -lt 60 ]
ok $? "the agent's endpoint is connected to the master"

after=$(date +%s.%N)
$TOOL icinga-post "$URL" root test /v1/actions/reschedule-check \
    '{"type":"Service","filter":"host.name==\"'$HOST'\"","force":true}' \
    > "$TMPD/resched" 2>&1
grep -q '"code": 200' "$TMPD/resched"
ok $? "checks rescheduled"
$TOOL icinga-wait --after="$after" "$URL" root test 30 "CUC " \
    "$HOST!cuc-keepalive" "$HOST!cuc-subscriptions" "$HOST!cuc-mbxsync" \
    "$HOST!cuc-port" > "$TMPD/results"
ok $? "the master received all four results"
sed 's/^/#   /' "$TMPD/results" | cut -c 1-300

for s in keepalive subscriptions mbxsync; do
	row=$(grep "^$HOST!cuc-$s	" "$TMPD/results")
	src=$(field "$row" "$HOST!cuc-$s" 4)
	[ "$src" = "$AN" ]
	ok $? "cuc-$s ran on the agent (check_source $src)"
	$TOOL compare icinga "$row" > "$TMPD/cmp" 2>&1
	ok $? "cuc-$s: the master holds what the plugin prints"
	sed 's/^/#   /' "$TMPD/cmp"
done
row=$(grep "^$HOST!cuc-keepalive	" "$TMPD/results")
out=$(field "$row" "$HOST!cuc-keepalive" 5)
like "$out" '^CUC KEEPALIVE (OK|WARNING|CRITICAL) - ' \
    "cuc-keepalive: a verdict on the sample log, not an error"
row=$(grep "^$HOST!cuc-port	" "$TMPD/results")
src=$(field "$row" "$HOST!cuc-port" 4)
[ "$src" = "$MN" ]
ok $? "cuc-port ran on the master (check_source $src)"
[ "$(field "$row" "$HOST!cuc-port" 2)" = 0 ]
ok $? "cuc-port: OK against the fake Jetty"

icinga_stop "$M"
icinga_stop "$A"
grep -iE 'cuc|perfdata' "$M/warnings.log" > "$TMPD/warn" 2>&1
[ ! -s "$TMPD/warn" ]
ok $? "the master logged no warning about our checks"
sed 's/^/#   /' "$TMPD/warn" | head -5

done_testing
