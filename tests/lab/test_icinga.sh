#!/bin/sh
# Icinga 2 (Debian's icinga2) validates icinga-conf/ over the ITL, then runs
# every plugin through the shipped CheckCommands and services.conf against
# the bundled sample data, in a throw-away tree on loopback: the results
# read back through the REST API must be exactly what the plugins print
# (state, output, perfdata as Icinga splits them), every perfdata item
# must reach a GraphiteWriter as a parsed metric, and Icinga must log no
# warning about our checks.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/icinga/lib.sh"
need_cmd "$ICINGA2" icinga2

NODE=icinga.test
HOST=cuc1.example.com
RHOST=cuc2.example.com
T=$TMPD/icinga
T3=$TMPD/icinga-dep
D=$TMPD/data
NOW=2026-11-25T10:00:00Z
jpid=""
spid=""
cleanup_hook() {
	icinga_stop "$T"
	icinga_stop "$T3"
	keep_tmpd
	for p in $jpid $spid; do
		kill "$p" 2> /dev/null
		wait "$p" 2> /dev/null
	done
}

sample_data "$D" subscriptions.txt

# --- 1. daemon -C: the shipped files as a site installs them, plus a host.
icinga_tree "$T" "$NODE"
cat > "$T/etc/icinga2.conf" <<EOF
include "base.conf"
include "$CONF/services.conf"
object Host "$HOST" {
	import "cuc-node"
	address = "192.0.2.10"
}
EOF
icinga_validate "$T" "$NODE"
r=$?
ok $r "icinga2 daemon -C accepts icinga-conf/ over the ITL"
[ $r -eq 0 ] || grep -E 'critical|Error|\^' "$T/validate.out" | head -20 |
    sed 's/^/#   /'
! grep -q 'warning/' "$T/validate.out"
ok $? "validation logs no warning"
grep 'warning/' "$T/validate.out" | head -5 | sed 's/^/#   /'
# shellcheck disable=SC2046
"$ICINGA2" object list --type Service $(icinga_defs "$T" "$NODE") \
    > "$T/objects" 2>&1
n=$(grep -c "^Object '$HOST!cuc-" "$T/objects")
[ "$n" -eq 4 ]
ok $? "the apply rules give the cuc-node host 4 services (got $n)"
for c in port keepalive subscriptions mbxsync; do
	# shellcheck disable=SC2046
	"$ICINGA2" object list --type CheckCommand --name "cuc_$c" \
	    $(icinga_defs "$T" "$NODE") > "$T/cmd" 2>&1
	grep -q "\"$ABSBIN/check_cuc_$c\"" "$T/cmd"
	ok $? "cuc_$c runs CucPluginDir/check_cuc_$c"
done

# --- 1b. Debian's stock /etc/icinga2 with the README's steps: the
# CheckCommands read after <plugins-contrib> (where make install PREFIX=/usr
# puts them), services.conf and a host in conf.d/.
S=$TMPD/stock
if [ -f /etc/icinga2/icinga2.conf ]; then
	mkdir -p "$S/var/lib" "$S/var/log" "$S/var/cache" "$S/var/spool" \
	    "$S/var/run"
	cp -a /etc/icinga2 "$S/etc"
	sed -i "s|^include <plugins-contrib>|&\\ninclude \"$CONF/cuc-single-inbox.conf\"|" \
	    "$S/etc/icinga2.conf"
	cp "$CONF/services.conf" "$S/etc/conf.d/cuc.conf"
	# The README's host, word for word.
	cat > "$S/etc/conf.d/cuc-hosts.conf" <<-'EOF'
	object Host "cuc1.example.com" {
	  import "cuc-node"
	  address = "192.0.2.10"
	  vars.cuc_keepalive_source = [ "192.0.2.20", "192.0.2.21" ]  // your Exchange servers
	}
	EOF
	# icinga_defs gives the stock NodeName a name of the test's own.
	# shellcheck disable=SC2046
	"$ICINGA2" daemon -C -c "$S/etc/icinga2.conf" \
	    $(icinga_defs "$S" "$NODE") > "$S/validate.out" 2>&1
	ok $? "Debian's stock /etc/icinga2 plus our files validates"
	grep -E 'critical' "$S/validate.out" | head -5 | sed 's/^/#   /'
	# shellcheck disable=SC2046
	"$ICINGA2" object list --type Host --name "$HOST" \
	    $(icinga_defs "$S" "$NODE") > "$S/host" 2>&1
	grep -qF "cuc_keepalive_logfile = [ \"/var/lib/cuc/$HOST/jetty/*request.log\" ]" \
	    "$S/host"
	ok $? "cuc-node's paths are per host (/var/lib/cuc/$HOST/...)"
else
	ok 1 "/etc/icinga2/icinga2.conf (package icinga2-common) exists"
fi

# --- 2. live: the daemon on loopback, one service per plugin.
python3 "$TOP/tests/lab/fake_jetty.py" --bind 127.0.0.1 --port 0 \
    --port-file "$TMPD/jetty.port" --mode soap > "$TMPD/jetty.out" 2>&1 &
jpid=$!
$TOOL serve "$TMPD" > "$TMPD/serve.out" 2>&1 &
spid=$!
wait_file "$TMPD/jetty.port" 10 && wait_file "$TMPD/graphite.port" 10
ok $? "fake Jetty and Graphite sink listen"
JP=$(cat "$TMPD/jetty.port")
GP=$(cat "$TMPD/graphite.port")
AP=$($TOOL freeport)
icinga_api_cert "$T" "$NODE"
ok $? "API certificate made"

cat > "$T/etc/icinga2.conf" <<EOF
include "base.conf"
include "$CONF/services.conf"

object Endpoint "$NODE" { }
object Zone "$NODE" { endpoints = [ "$NODE" ] }
object ApiListener "api" { bind_host = "127.0.0.1"; bind_port = $AP }
object ApiUser "root" { password = "test"; permissions = [ "*" ] }
object CheckerComponent "checker" { }
object GraphiteWriter "graphite" {
	host = "127.0.0.1"
	port = $GP
	enable_send_thresholds = true
}
object FileLogger "warnings" {
	path = "$T/warnings.log"
	severity = "warning"
}

object Host "$HOST" {
	import "cuc-node"
	address = "127.0.0.1"
	enable_active_checks = false	// no ping: the host check is not ours
	vars.cuc_port_port = $JP
	vars.cuc_port_soap = true
	vars.cuc_keepalive_logfile = [ "$D/jetty/*request.log" ]
	vars.cuc_keepalive_now = "$KNOW"
	vars.cuc_keepalive_source = [ "10.20.1.11", "10.20.1.12" ]
	vars.cuc_subscriptions_file = "$D/subscriptions.txt"
	vars.cuc_subscriptions_now = "$NOW"
	vars.cuc_mbxsync_logdir = "$D/mbxsync"
	vars.cuc_mbxsync_now = "$NOW"
}

// A node read from remote sources: cuc-node's file paths stay set, the
// CheckCommands must leave them out; or a path is unset, and the service
// must still apply.  (Nothing listens on port 1: the --cuc checks end
// UNKNOWN; what matters is the command line.)
object Host "$RHOST" {
	import "cuc-node"
	vars.cuc_mbxsync_logdir = null
	address = "127.0.0.1"
	enable_active_checks = false
	vars.cuc_port_port = $JP
	vars.cuc_port_listening = true	// this box runs the fake Jetty
	vars.cuc_keepalive_cuc = "127.0.0.1:1"
	vars.cuc_keepalive_cache_dir = "$TMPD/cache"
	vars.cuc_keepalive_timeout = 2
	vars.cuc_subscriptions_url = "file://$D/subscriptions.txt"
	vars.cuc_subscriptions_now = "$NOW"
	vars.cuc_mbxsync_cuc = "127.0.0.1:1"
	vars.cuc_mbxsync_cache_dir = "$TMPD/cache"
	vars.cuc_mbxsync_timeout = 2
}
EOF
icinga_validate "$T" "$NODE"
ok $? "live configuration validates"
icinga_start "$T" "$NODE"
URL=https://127.0.0.1:$AP
wait_file_exists "$TMPD/graphite.connected" 20
ok $? "GraphiteWriter connected to the sink"
after=$(date +%s.%N)
# Check now rather than wait for the first slot of each service's
# interval (up to a minute): the API answers once the daemon is up.
i=0
until $TOOL icinga-post "$URL" root test /v1/actions/reschedule-check \
    '{"type":"Service","filter":"host.vars.cuc_node","force":true}' \
    > "$TMPD/resched" 2>&1; do
	i=$((i + 1))
	[ $i -lt 100 ] || break
	sleep 0.1
done
grep -q '"code": 200' "$TMPD/resched"
ok $? "REST API up, checks rescheduled"

$TOOL icinga-wait --after="$after" "$URL" root test 30 "CUC " "$HOST!cuc-port" \
    "$HOST!cuc-keepalive" "$HOST!cuc-subscriptions" "$HOST!cuc-mbxsync" \
    "$RHOST!cuc-port" "$RHOST!cuc-keepalive" "$RHOST!cuc-subscriptions" \
    "$RHOST!cuc-mbxsync" > "$TMPD/results"
ok $? "Icinga ran all four checks (and the remote node's four)"
sed 's/^/#   /' "$TMPD/results" | cut -c 1-300

# What Icinga stored is what the plugin prints when run the same way.
for s in port keepalive subscriptions mbxsync; do
	row=$(grep "^$HOST!cuc-$s	" "$TMPD/results")
	stored_verdict "$row" "$HOST!cuc-$s" "cuc-$s" "Icinga's output" \
	    "$(echo "$s" | tr a-z A-Z)"
	fuzzy=""
	[ "$s" = port ] && fuzzy=--fuzzy-decimals
	$TOOL compare $fuzzy icinga "$row" > "$TMPD/cmp" 2>&1
	ok $? "cuc-$s: exit code, output and perfdata as the plugin printed them"
	sed 's/^/#   /' "$TMPD/cmp"
	perf=$(field "$row" "$HOST!cuc-$s" 6)
	[ -n "$perf" ]
	ok $? "cuc-$s: Icinga stored perfdata"
done
row=$(grep "^$HOST!cuc-port	" "$TMPD/results")
cmd=$(field "$row" "$HOST!cuc-port" 7)
like "$cmd" "\"--hostname\", \"127.0.0.1\", \"--port\", \"$JP\", \"--soap\"" \
    "cuc-port: host vars became --hostname (check_address) --port --soap"
st=$(field "$row" "$HOST!cuc-port" 2)
[ "$st" = 0 ]
ok $? "cuc-port: OK against the fake Jetty's SOAP answer"
# --listening refuses -H (it makes no connection): the CheckCommand leaves
# out the --hostname cuc-node's check_address would give
row=$(grep "^$RHOST!cuc-port	" "$TMPD/results")
cmd=$(field "$row" "$RHOST!cuc-port" 7)
like "$cmd" "\"--listening\", \"--port\", \"$JP\"" "cuc-port with cuc_port_listening: --listening given"
unlike "$cmd" "\"--hostname\"" "cuc-port with cuc_port_listening: no --hostname"
st=$(field "$row" "$RHOST!cuc-port" 2)
[ "$st" = 0 ]
ok $? "cuc-port --listening: OK, the fake Jetty listens here"
row=$(grep "^$HOST!cuc-keepalive	" "$TMPD/results")
cmd=$(field "$row" "$HOST!cuc-keepalive" 7)
like "$cmd" "\"--logfile\", \"$D/jetty/\\*request.log\"" \
    "cuc-keepalive: the glob reaches the plugin unexpanded"
like "$cmd" "\"--source\", \"10.20.1.11\", \"--source\", \"10.20.1.12\"" \
    "cuc-keepalive: an array variable repeats its option"
for s in keepalive subscriptions mbxsync; do
	row=$(grep "^$HOST!cuc-$s	" "$TMPD/results")
	cmd=$(field "$row" "$HOST!cuc-$s" 7)
	n=$NOW
	[ $s = keepalive ] && n=$KNOW
	like "$cmd" "\"--now\", \"$n\"" "cuc-$s: host var cuc_${s}_now became --now"
done

# A file or a remote source, never both: cuc-node sets the paths for
# every node; --cuc (keepalive, mbxsync) and --url (subscriptions) on a
# host make the CheckCommands leave them out.
for s in keepalive:logfile:cuc subscriptions:file:url mbxsync:logdir:cuc; do
	c=${s%%:*}
	f=${s#*:}
	r=${f#*:}
	f=${f%:*}
	row=$(grep "^$HOST!cuc-$c	" "$TMPD/results")
	cmd=$(field "$row" "$HOST!cuc-$c" 7)
	like "$cmd" "\"--$f\", \"$D/" "cuc-$c on a file node: --$f given"
	unlike "$cmd" "\"--$r\"" "cuc-$c on a file node: no --$r"
	row=$(grep "^$RHOST!cuc-$c	" "$TMPD/results")
	cmd=$(field "$row" "$RHOST!cuc-$c" 7)
	like "$cmd" "\"--$r\", \"" "cuc-$c with cuc_${c}_$r: --$r given"
	unlike "$cmd" "\"--(logfile|logdir|file)\"" \
	    "cuc-$c with cuc_${c}_$r: cuc-node's file left out"
	printf '#   %s\n' "$cmd"
done
row=$(grep "^$RHOST!cuc-subscriptions	" "$TMPD/results")
$TOOL compare icinga "$row" > "$TMPD/cmp" 2>&1
ok $? "cuc-subscriptions --url: output and perfdata as the plugin printed them"
sed 's/^/#   /' "$TMPD/cmp"
r1=$(field "$(grep "^$HOST!cuc-subscriptions	" "$TMPD/results")" \
    "$HOST!cuc-subscriptions" 6)
r2=$(field "$row" "$RHOST!cuc-subscriptions" 6)
[ -n "$r1" ] && [ "$r1" = "$r2" ]
ok $? "cuc-subscriptions: the same perfdata from --url file:// as from --file"

# Every perfdata item reached Graphite as a number: Icinga parsed it.
# The writer sends asynchronously: give it a moment.
hostm=$(echo "$HOST" | tr . _)
for s in port keepalive subscriptions mbxsync; do
	row=$(grep "^$HOST!cuc-$s	" "$TMPD/results")
	perf=$(field "$row" "$HOST!cuc-$s" 6)
	$TOOL graphite-check "$TMPD/graphite.txt" \
	    "icinga2.$hostm.services.cuc-$s.cuc_$s" "$perf" 5 > "$TMPD/gc"
	ok $? "cuc-$s: every perfdata item parsed into a Graphite metric"
	sed 's/^/#   /' "$TMPD/gc" | head -5
done

icinga_stop "$T"
grep -iE 'perfdata|cuc' "$T/warnings.log" > "$TMPD/warn" 2>&1
[ ! -s "$TMPD/warn" ]
ok $? "Icinga logged no warning about our checks or their perfdata"
sed 's/^/#   /' "$TMPD/warn" | head -5
[ -s "$T/warnings.log" ] && sed 's/^/#   other warning: /' "$T/warnings.log" | head -5

# --- 3. the Dependency: a node whose port check is hard CRITICAL sends
# one notification (the port's), not four; a node whose port is fine
# notifies for each of the three other services.  Both nodes' log data
# is good at first (their checks OK), and is taken away only once the
# down node's port is hard CRITICAL, as in life: the port fails first,
# keepalives and subscriptions age after it.
D3=$TMPD/dep
DOWN=cuc-down.example.com
UP=cuc-up.example.com
icinga_tree "$T3" "$NODE"
icinga_api_cert "$T3" "$NODE"
AP=$($TOOL freeport)
for h in $DOWN $UP; do
	sample_data "$D3/$h" subscriptions.txt
done
# The notification command: one line per notification in a file.
cat > "$T3/notify.sh" <<'EOF'
printf '%s!%s!%s\n' "$2" "$3" "$4" >> "$1"
EOF
{
	cat <<-EOF
	include "base.conf"
	include "$CONF/services.conf"

	object Endpoint "$NODE" { }
	object Zone "$NODE" { endpoints = [ "$NODE" ] }
	object ApiListener "api" { bind_host = "127.0.0.1"; bind_port = $AP }
	object ApiUser "root" { password = "test"; permissions = [ "*" ] }
	object CheckerComponent "checker" { }
	object NotificationComponent "notification" { }
	object NotificationCommand "to-file" {
		command = [ "/bin/sh", "$T3/notify.sh", "$T3/notifications",
		    "\$host.name\$", "\$service.name\$", "\$service.state\$" ]
	}
	object User "admin" { }
	apply Notification "to-file" to Service {
		command = "to-file"
		users = [ "admin" ]
		assign where host.vars.cuc_node
	}
	EOF
	# cuc-down's port: the fake Jetty's port on an address it does not
	# listen on (connection refused).
	for h in $DOWN $UP; do
		a=127.0.0.1
		[ "$h" = "$DOWN" ] && a=127.0.0.3
		cat <<-EOF
		object Host "$h" {
			import "cuc-node"
			address = "$a"
			enable_active_checks = false
			vars.cuc_port_port = $JP
			vars.cuc_keepalive_logfile = [ "$D3/$h/jetty/*request.log" ]
			vars.cuc_keepalive_now = "$KNOW"
			vars.cuc_subscriptions_file = "$D3/$h/subscriptions.txt"
			vars.cuc_subscriptions_now = "$NOW"
			vars.cuc_subscriptions_warning = 5
			vars.cuc_subscriptions_critical = 10
			vars.cuc_mbxsync_logdir = "$D3/$h/mbxsync"
			vars.cuc_mbxsync_now = "$NOW"
		}
		EOF
	done
} > "$T3/etc/icinga2.conf"
icinga_validate "$T3" "$NODE"
ok $? "configuration with notifications validates"
grep -E 'critical' "$T3/validate.out" | head -5 | sed 's/^/#   /'
# shellcheck disable=SC2046
"$ICINGA2" object list --type Dependency $(icinga_defs "$T3" "$NODE") \
    > "$T3/deps" 2>&1
n=$(grep -c "^Object '.*!cuc-port'" "$T3/deps")
[ "$n" -eq 6 ]
ok $? "services.conf gives each node's keepalive, subscriptions and mbxsync a Dependency on its cuc-port (got $n)"

icinga_start "$T3" "$NODE"
URL=https://127.0.0.1:$AP

# round FILTER SERVICE...: run the services FILTER selects now and wait for
# a result of each that started after the request.
round() {
	_f=$(printf '%s' "$1" | sed 's/"/\\"/g')
	shift
	_a=$(date +%s.%N)
	_i=0
	until $TOOL icinga-post "$URL" root test /v1/actions/reschedule-check \
	    '{"type":"Service","filter":"'"$_f"'","force":true}' \
	    > "$T3/resched" 2>&1 && grep -q '"code": 200' "$T3/resched"; do
		_i=$((_i + 1))
		[ $_i -lt 100 ] || return 1
		sleep 0.1
	done
	$TOOL icinga-wait --after="$_a" "$URL" root test 30 "CUC " "$@" \
	    > "$T3/round"
}
# state NAME: "state state_type last_reachable" of a service.
state() {
	$TOOL icinga-get "$URL" root test \
	    "/v1/objects/services/$1?attrs=state&attrs=state_type&attrs=last_reachable" |
	    python3 -c 'import json,sys
a = json.load(sys.stdin)["results"][0]["attrs"]
print("%d %d %s" % (a["state"], a["state_type"], str(a["last_reachable"]).lower()))'
}
children="$DOWN!cuc-keepalive $DOWN!cuc-subscriptions $DOWN!cuc-mbxsync"
children="$children $UP!cuc-keepalive $UP!cuc-subscriptions $UP!cuc-mbxsync"
# shellcheck disable=SC2086
round 'host.vars.cuc_node' "$DOWN!cuc-port" "$UP!cuc-port" $children
ok $? "Icinga ran the eight checks"
r=0
for c in $children; do
	grep -q "^$c	0	0	" "$T3/round" || r=1
done
ok $r "with their data in place the six log checks are OK"
[ $r -eq 0 ] || sed 's/^/#   /' "$T3/round" | cut -c 1-200
# The port check takes max_check_attempts (3) results to be hard.
for i in 2 3; do
	round 'service.name=="cuc-port"' "$DOWN!cuc-port" "$UP!cuc-port" ||
	    break
done
st=$(state "$DOWN!cuc-port")
[ "$st" = "2 1 true" ]
ok $? "$DOWN!cuc-port is hard CRITICAL (state, type, reachable: $st)"
[ "$(state "$UP!cuc-port")" = "0 1 true" ]
ok $? "$UP!cuc-port is OK"
wait_file "$T3/notifications" 20
ok $? "the port's notification was sent"

# Then the data goes: keepalive, subscriptions and mbxsync turn UNKNOWN
# on both nodes, hard after at most three results.
for h in $DOWN $UP; do
	mv "$D3/$h" "$D3/$h.gone"
done
# shellcheck disable=SC2086
for i in 1 2 3; do
	round 'host.vars.cuc_node && service.name!="cuc-port"' $children ||
	    break
done
r=0
for c in $children; do
	st=$(state "$c")
	case $c in
	$DOWN*) [ "$st" = "3 1 false" ] || r=1 ;;
	*)	[ "$st" = "3 1 true" ] || r=1 ;;
	esac
	echo "#   $c: state type reachable = $st"
done
ok $r "the six log checks are hard UNKNOWN; $DOWN's are unreachable"
i=0
while [ "$(grep -c "^$UP!" "$T3/notifications")" -lt 3 ] && [ $i -lt 200 ]
do
	sleep 0.1
	i=$((i + 1))
done
icinga_stop "$T3"
sed 's/^/#   notification: /' "$T3/notifications"
got=$(grep "^$DOWN!" "$T3/notifications" | cut -d '!' -f 2 | sort -u |
    tr '\n' ' ')
[ "$got" = "cuc-port " ]
ok $? "port down: one notification, the port's, not four (got: $got)"
got=$(grep "^$UP!" "$T3/notifications" | cut -d '!' -f 2 | sort -u |
    tr '\n' ' ')
[ "$got" = "cuc-keepalive cuc-mbxsync cuc-subscriptions " ]
ok $? "port up: keepalive, subscriptions and mbxsync notify (got: $got)"

done_testing
