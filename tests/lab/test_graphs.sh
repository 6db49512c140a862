#!/bin/sh
# test_graphs.sh - the perfdata draw the outage of docs/graphs.md, through
# the real stack on loopback, nothing mocked between plugin and pixels:
#
#   the plugins (argv as Icinga 2 builds it from the shipped CheckCommands)
#   -> Icinga 2's API (process-check-result, each result at its own time)
#   -> GraphiteWriter -> carbon-cache (graphite-carbon, scratch carbon.conf
#      and storage-schemas.conf) -> graphite-web (its WSGI app, a scratch
#      settings module) -> /render, every graph of icinga-conf/graphite/
#      expanded as icingaweb2-module-graphite does (tests/lab/graphs/module.py)
#   -> InfluxdbWriter -> influxd (Debian's InfluxDB 1.x, scratch config)
#
# tests/lab/graphs/scenario.py plays two hours of one CUC node, a result a
# minute for each of the four checks: healthy, Exchange's keepalives stop,
# CuMbxSync cannot connect then gets 401, recovery.
#
# CUC_GRAPHS_OUT=DIR (make graphs) keeps each template's PNG as
# DIR/TEMPLATE.png, rendered 800x300 over the scenario.
# CUC_TEST_KEEP=DIR keeps the whole scratch tree.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/icinga/lib.sh"

G=$TOP/tests/lab/graphs
WEBPY=${GRAPHITE_PYTHON:-/usr/bin/python3}
MINUTES=${CUC_GRAPHS_MINUTES:-125}

# The packages are test dependencies (make deps installs them): missing
# ones skip the test with the reason, as they cannot run here.
skip=""
command -v "$ICINGA2" > /dev/null 2>&1 || skip="$skip icinga2"
command -v carbon-cache > /dev/null 2>&1 || skip="$skip graphite-carbon"
"$WEBPY" -c 'import graphite.settings, django' > /dev/null 2>&1 ||
    skip="$skip graphite-web"
command -v influxd > /dev/null 2>&1 || skip="$skip influxdb"
if [ -n "$skip" ]; then
	echo "1..0 # SKIP not installed:$skip (make deps installs them)"
	[ -z "$CUC_GRAPHS_OUT" ]	# make graphs cannot do without them
	exit
fi

NODE=icinga.test
HOST=cuc1.example.com
HOSTM=$(echo "$HOST" | tr . _)
T=$TMPD/icinga
D=$TMPD/data
GS=$TMPD/graphite
IX=$TMPD/influx
cpid="" wpid="" ipid="" jpid=""
cleanup_hook() {
	icinga_stop "$T"
	keep_tmpd
	for p in $wpid $jpid; do
		kill "$p" 2> /dev/null
		wait "$p" 2> /dev/null
	done
	stop_group "$cpid"
	stop_group "$ipid"
}

# The scenario ends at the last full minute: Graphite's /render reads the
# recent past, and whisper keeps a day.
END=$(( $(date +%s) / 60 * 60 - 60 ))
START=$((END - (MINUTES - 1) * 60))
mkdir -p "$D" "$GS/whisper" "$IX"

# --- the stores: carbon-cache, graphite-web, influxd -------------------------
CLINE=$($TOOL freeport) CPICKLE=$($TOOL freeport) CQUERY=$($TOOL freeport)
cat > "$GS/carbon.conf" <<EOF
[cache]
STORAGE_DIR = $GS/
LOCAL_DATA_DIR = $GS/whisper/
CONF_DIR = $GS/
LOG_DIR = $GS/log/
PID_DIR = $GS/
DATABASE = whisper
ENABLE_LOGROTATION = False
MAX_CACHE_SIZE = inf
MAX_UPDATES_PER_SECOND = inf
MAX_CREATES_PER_MINUTE = inf
LINE_RECEIVER_INTERFACE = 127.0.0.1
LINE_RECEIVER_PORT = $CLINE
ENABLE_UDP_LISTENER = False
PICKLE_RECEIVER_INTERFACE = 127.0.0.1
PICKLE_RECEIVER_PORT = $CPICKLE
CACHE_QUERY_INTERFACE = 127.0.0.1
CACHE_QUERY_PORT = $CQUERY
WHISPER_FALLOCATE_CREATE = False
EOF
# A point a minute for a day: the scenario and some margin, 17 KB a metric.
cat > "$GS/storage-schemas.conf" <<EOF
[everything]
pattern = .*
retentions = 60s:1d
EOF
start_group "$GS/carbon.out" carbon-cache --config="$GS/carbon.conf" \
    --pidfile="$GS/carbon.pid" --nodaemon --logfile=- start
cpid=$group_pid
"$WEBPY" "$G/graphite_web.py" --storage "$GS" --carbonlink "127.0.0.1:$CQUERY" \
    --port-file "$GS/web.port" > "$GS/web.out" 2>&1 &
wpid=$!

IHTTP=$($TOOL freeport) IRPC=$($TOOL freeport)
cat > "$IX/influxdb.conf" <<EOF
reporting-disabled = true
bind-address = "127.0.0.1:$IRPC"
[meta]
  dir = "$IX/meta"
[data]
  dir = "$IX/data"
  wal-dir = "$IX/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:$IHTTP"
  log-enabled = false
[monitor]
  store-enabled = false
[continuous_queries]
  enabled = false
EOF
start_group "$IX/out" influxd -config "$IX/influxdb.conf"
ipid=$group_pid

python3 "$TOP/tests/lab/fake_jetty.py" --bind 127.0.0.1 --port 0 \
    --port-file "$TMPD/jetty.port" --mode soap > "$TMPD/jetty.out" 2>&1 &
jpid=$!

wait_file "$GS/web.port" 30 && wait_file "$TMPD/jetty.port" 10
ok $? "graphite-web and the fake Jetty listen"
WEB=http://127.0.0.1:$(cat "$GS/web.port")
JP=$(cat "$TMPD/jetty.port")
IURL=http://127.0.0.1:$IHTTP
python3 "$G/influx.py" create "$IURL" icinga2 30 > "$IX/create.out" 2>&1
r=$?
ok $r "influxd answers, database icinga2 created"
[ $r -eq 0 ] || sed 's/^/#   /' "$IX/create.out" "$IX/out" | tail -5

# --- phase 1: Icinga runs each check once, to build their command lines
# from the shipped CheckCommands and services.conf with the host's vars.
icinga_tree "$T" "$NODE"
icinga_api_cert "$T" "$NODE"
AP=$($TOOL freeport)
host_object() {
	cat <<-EOF
	object Host "$HOST" {
		import "cuc-node"
		address = "127.0.0.1"
		enable_active_checks = false	// no ping: the host check is not ours
		vars.cuc_port_port = $JP
		vars.cuc_port_soap = true
		vars.cuc_port_warning = 0.05
		vars.cuc_port_critical = 0.1
		vars.cuc_keepalive_logfile = [ "$D/jetty/*request.log" ]
		vars.cuc_keepalive_source = [ "10.20.1.11", "10.20.1.12" ]
		vars.cuc_keepalive_stale_warning = 3
		vars.cuc_keepalive_stale_critical = 10
		vars.cuc_keepalive_now = "@$START"
		vars.cuc_subscriptions_file = "$D/tbl_exsubscription.txt"
		vars.cuc_subscriptions_now = "@$START"
		vars.cuc_mbxsync_logdir = "$D/mbxsync"
		vars.cuc_mbxsync_now = "@$START"
	}
	object Endpoint "$NODE" { }
	object Zone "$NODE" { endpoints = [ "$NODE" ] }
	object ApiListener "api" { bind_host = "127.0.0.1"; bind_port = $AP }
	object ApiUser "root" { password = "test"; permissions = [ "*" ] }
	object FileLogger "warnings" {
		path = "$T/warnings.log"
		severity = "warning"
	}
	EOF
}
{
	echo 'include "base.conf"'
	echo "include \"$CONF/services.conf\""
	host_object
	echo 'object CheckerComponent "checker" { }'
} > "$T/etc/icinga2.conf"
icinga_validate "$T" "$NODE"
ok $? "phase 1 configuration validates"
icinga_start "$T" "$NODE"
URL=https://127.0.0.1:$AP
i=0
until $TOOL icinga-post "$URL" root test /v1/actions/reschedule-check \
    '{"type":"Service","filter":"host.name==\"'$HOST'\"","force":true}' \
    > "$TMPD/resched" 2>&1; do
	i=$((i + 1))
	[ $i -lt 150 ] || break
	sleep 0.1
done
$TOOL icinga-wait "$URL" root test 30 "CUC " "$HOST!cuc-port" \
    "$HOST!cuc-keepalive" "$HOST!cuc-subscriptions" "$HOST!cuc-mbxsync" \
    > "$TMPD/results"
ok $? "Icinga ran the four shipped CheckCommands"
icinga_stop "$T"
# Icinga ignores a result older than the checkable's last one (Checkable::
# ProcessCheckResult): phase 1's results, stored in the state file at the
# real time, would hide the scenario's past minutes.
rm -f "$T/var/lib/icinga2.state"
python3 "$G/scenario.py" commands "$TMPD/results" > "$TMPD/commands.json"
grep -q "\"@$START\"" "$TMPD/commands.json" &&
    [ "$(grep -c '^ "cuc-' "$TMPD/commands.json")" -eq 4 ]
ok $? "the four command lines, --now from the host vars"

# --- phase 2: no checker; the writers store the scenario's results ------
{
	echo 'include "base.conf"'
	echo "include \"$CONF/services.conf\""
	host_object
	cat <<-EOF
	object GraphiteWriter "graphite" {
		host = "127.0.0.1"
		port = $CLINE
		enable_send_thresholds = true
	}
	object InfluxdbWriter "influxdb" {
		host = "127.0.0.1"
		port = $IHTTP
		database = "icinga2"
		flush_interval = 1s
		flush_threshold = 1024
		enable_send_thresholds = true
		host_template = {
			measurement = "\$host.check_command\$"
			tags = { hostname = "\$host.name\$" }
		}
		service_template = {
			measurement = "\$service.check_command\$"
			tags = { hostname = "\$host.name\$"; service = "\$service.name\$" }
		}
	}
	EOF
} > "$T/etc/icinga2.conf"
icinga_validate "$T" "$NODE"
ok $? "phase 2 configuration validates (GraphiteWriter, InfluxdbWriter)"
icinga_start "$T" "$NODE"
i=0
until $TOOL icinga-get "$URL" root test /v1/status/GraphiteWriter 2> /dev/null |
    grep -q '"connected": true'; do
	i=$((i + 1))
	[ $i -lt 200 ] || break
	sleep 0.1
done
[ $i -lt 200 ]
ok $? "GraphiteWriter connected to carbon-cache"

python3 "$G/scenario.py" play --data "$D" --start "$START" \
    --minutes "$MINUTES" --commands "$TMPD/commands.json" --api "$URL" \
    --password test --host "$HOST" --log "$TMPD/scenario.log" \
    > "$TMPD/play.out" 2>&1
ok $? "scenario played: $(tail -n 1 "$TMPD/play.out")"
tail -n 3 "$TMPD/play.out" | sed 's/^/#   /'

# The story is in the checks' own verdicts.
verdicts() { awk -F '\t' -v s="$1" '$2 == s { printf "%s", $3 }' "$TMPD/scenario.log"; }
like "$(verdicts cuc-keepalive)" '^0+1+2+1*0+$' \
    "cuc-keepalive: OK, WARNING, CRITICAL, OK again"
like "$(verdicts cuc-mbxsync)" '^0+1+2+1+0+$' \
    "cuc-mbxsync: OK, WARNING, CRITICAL (connect), WARNING (401), OK"
like "$(verdicts cuc-subscriptions)" '^0+1*2+1*0+$' \
    "cuc-subscriptions: OK, CRITICAL, OK"
# (its state depends on the connect time, -w 0.05: not asserted)
n=$(awk -F '\t' '$2 == "cuc-port" && / time=[0-9.]+s;0.05;0.1;0;/' "$TMPD/scenario.log" | grep -c .)
[ "$n" -eq "$MINUTES" ]
ok $? "cuc-port: connected every minute, time with its thresholds ($n of $MINUTES)"

# Carbon writes asynchronously: wait for every metric's whisper file.
n_want=$(python3 - "$TMPD/scenario.log" <<'EOF'
import re, sys
want = set()
for row in open(sys.argv[1]):
    _, service, _, line = row.rstrip("\n").split("\t", 3)
    if "|" in line:
        for item in line.split("|", 1)[1].split():
            label, _, rest = item.partition("=")
            f = (rest.split(";") + [""] * 5)[:5]
            for name, v in zip(("value", "warn", "crit", "min", "max"), f):
                if name == "value" or re.match(r"^-?[0-9.]+$", v):
                    want.add((service, label, name))
print(len(want))
EOF
)
i=0
while :; do
	n=$(find "$GS/whisper" -name '*.wsp' | grep -c "/perfdata/")
	[ "$n" -ge "$n_want" ] || [ $i -ge 300 ] && break
	i=$((i + 1))
	sleep 0.2
done
[ "$n" -ge "$n_want" ]
ok $? "carbon-cache wrote a whisper file for every metric ($n of $n_want)"

# --- Graphite: every graph of every template, as the module draws it ------
OBJS="--object $HOST!cuc-port!cuc_port --object $HOST!cuc-keepalive!cuc_keepalive
    --object $HOST!cuc-subscriptions!cuc_subscriptions --object $HOST!cuc-mbxsync!cuc_mbxsync"
# shellcheck disable=SC2086
python3 "$G/module.py" check --templates "$CONF/graphite" --graphite "$WEB" \
    $OBJS --from "$START" --until "$((END + 60))" \
    --expect-points "$((MINUTES - 5))" \
    --require-curve cuc_keepalive-age:age.warn \
    --require-curve cuc_keepalive-age:age.crit \
    --require-curve cuc_mbxsync-rate:errors_per_min.crit \
    --require-curve cuc_subscriptions-share:stale_share.crit \
    --require-curve cuc_keepalive-subscriptions:stale.crit \
    --require-curve cuc_port-time:http_time.value \
    --php-macrotemplate /usr/share/icingaweb2/modules/graphite/library/Graphite/Util/MacroTemplate.php \
    > "$TMPD/module.out" 2>&1
r=$?
while IFS= read -r l; do
	TESTS_RUN=$((TESTS_RUN + 1))
	case $l in
	"not ok"*) TESTS_FAILED=$((TESTS_FAILED + 1))
		echo "not ok $TESTS_RUN - graphite: ${l#not ok - }" ;;
	"ok"*) echo "ok $TESTS_RUN - graphite: ${l#ok - }" ;;
	*) TESTS_RUN=$((TESTS_RUN - 1)); echo "$l" ;;
	esac
done < "$TMPD/module.out"
[ $r -eq 0 ] || grep '^#' "$TMPD/module.out" | head -20
ok $r "module.py: every graph has datapoints and renders"

# GraphiteWriter stored each result at its execution time, not at arrival.
first=$(python3 - "$WEB" "icinga2.$HOSTM.services.cuc-keepalive.cuc_keepalive.perfdata.age.value" \
    "$((START - 3600))" "$((END + 60))" <<'EOF'
import json, sys, urllib.parse, urllib.request
web, target, start, until = sys.argv[1:5]
q = urllib.parse.urlencode({"target": target, "from": start, "until": until,
                            "format": "json"})
series = json.load(urllib.request.urlopen(web + "/render?" + q, timeout=60))
p = [t for v, t in series[0]["datapoints"] if v is not None] if series else []
print(p[0] if p else 0, len(p))
EOF
)
# shellcheck disable=SC2086
set -- $first
[ "${1:-0}" -eq "$START" ] && [ "${2:-0}" -eq "$MINUTES" ]
ok $? "GraphiteWriter: age stored at the results' own minutes ($MINUTES points from the scenario's start; got ${2:-none} from ${1:-none})"

if [ -n "$CUC_GRAPHS_OUT" ]; then
	mkdir -p "$CUC_GRAPHS_OUT"
	# shellcheck disable=SC2086
	python3 "$G/module.py" check --templates "$CONF/graphite" \
	    --graphite "$WEB" $OBJS --from "$((START - 300))" \
	    --until "$((END + 300))" --data-start "$START" --width 800 --height 300 \
	    --png-dir "$CUC_GRAPHS_OUT" > "$TMPD/png.out" 2>&1
	ok $? "PNGs for docs written to $CUC_GRAPHS_OUT"
fi

# --- InfluxDB: the same results through InfluxdbWriter --------------------
python3 "$G/influx.py" wait "$IURL" icinga2 "$(awk -F '|' 'NF > 1 { n += split($2, a, " ") } END { print n }' "$TMPD/scenario.log")" 30
ok $? "InfluxdbWriter flushed every point"
python3 "$G/influx.py" check "$IURL" icinga2 "$TMPD/scenario.log" "$((START + 1))" \
    > "$TMPD/influx.out" 2>&1
r=$?
while IFS= read -r l; do
	TESTS_RUN=$((TESTS_RUN + 1))
	case $l in
	"not ok"*) TESTS_FAILED=$((TESTS_FAILED + 1))
		echo "not ok $TESTS_RUN - influxdb: ${l#not ok - }" ;;
	"ok"*) echo "ok $TESTS_RUN - influxdb: ${l#ok - }" ;;
	*) TESTS_RUN=$((TESTS_RUN - 1)); echo "# $l" ;;
	esac
done < "$TMPD/influx.out"
ok $r "InfluxDB holds every series with its thresholds"

icinga_stop "$T"
grep -iE 'perfdata|cuc|graphite|influx' "$T/warnings.log" > "$TMPD/warn" 2>&1
[ ! -s "$TMPD/warn" ]
ok $? "Icinga logged no warning about our results, perfdata or writers"
sed 's/^/#   /' "$TMPD/warn" | head -5

done_testing
