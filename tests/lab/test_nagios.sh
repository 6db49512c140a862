#!/bin/sh
# Nagios 4 (Debian's nagios4-core) accepts icinga-conf/nagios/ next to the
# stock Debian object files (nagios4 -v), then runs every plugin through the
# shipped command definitions against the bundled sample data, in a
# throw-away tree on loopback: what status.dat holds (state, output, long
# output, perfdata) must be exactly what the plugins print, the
# service_perfdata_file (process_performance_data=1, PNP4Nagios' template,
# what PNP4Nagios and nagflux read) must hold every label and value as
# printed, and nagios.log must hold no warning about them.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/icinga/lib.sh"
need_cmd "$NAGIOS4" nagios4-core

N=$TMPD/nagios
HOST=cuc1.example.com
D=$TMPD/data
NOW=2026-11-25T10:00:00Z
npid=""
jpid=""
cleanup_hook() {
	stop_group "$npid"
	if [ -n "$jpid" ]; then
		kill "$jpid" 2> /dev/null
		wait "$jpid" 2> /dev/null
	fi
	keep_tmpd
}

# nagios_cfg FILE OBJECT-FILE...: a nagios.cfg for the tree $N that reads
# Debian's stock object files (templates, contacts, timeperiods, the
# monitoring-plugins commands) like /etc/nagios4/nagios.cfg, then ours.
nagios_cfg() {
	out=$1
	shift
	mkdir -p "$N/var/spool" "$N/rw"
	{
		for f in commands contacts timeperiods templates; do
			echo "cfg_file=/etc/nagios4/objects/$f.cfg"
		done
		[ -d /etc/nagios-plugins/config ] &&
		    echo "cfg_dir=/etc/nagios-plugins/config"
		for f in "$@"; do
			echo "cfg_file=$f"
		done
		cat <<-EOF
		resource_file=$N/resource.cfg
		log_file=$N/var/nagios.log
		object_cache_file=$N/var/objects.cache
		precached_object_file=$N/var/objects.precache
		status_file=$N/var/status.dat
		status_update_interval=1
		nagios_user=$(id -un)
		nagios_group=$(id -gn)
		check_external_commands=0
		command_file=$N/rw/nagios.cmd
		query_socket=$N/rw/nagios.qh
		lock_file=$N/var/nagios.lock
		temp_file=$N/var/nagios.tmp
		temp_path=$N/var
		check_result_path=$N/var/spool
		use_syslog=0
		retain_state_information=0
		enable_notifications=0
		execute_host_checks=0
		check_for_updates=0
		interval_length=1
		max_service_check_spread=1
		service_inter_check_delay_method=n
		check_result_reaper_frequency=1
		illegal_macro_output_chars=\`~\$&|'"<>
		EOF
	} > "$out"
	printf '$USER1$=%s\n' "$ABSBIN" > "$N/resource.cfg"
}

mkdir -p "$N"
# --- 1. nagios4 -v: the examples as a site deploys them, with one host.
cat > "$N/example-host.cfg" <<EOF
define host {
    use         cuc-node
    host_name   $HOST
    address     192.0.2.10
}
EOF
nagios_cfg "$N/verify.cfg" "$CONF/nagios/commands.cfg" \
    "$CONF/nagios/services.cfg" "$N/example-host.cfg"
"$NAGIOS4" -v "$N/verify.cfg" > "$N/verify.out" 2>&1
ok $? "nagios4 -v accepts icinga-conf/nagios/ with the stock objects"
grep -Eq '^Total Warnings: *0$' "$N/verify.out" &&
    grep -Eq '^Total Errors: *0$' "$N/verify.out"
ok $? "no warnings, no errors"
grep -E '^(Warning|Error)' "$N/verify.out" | head -10 | sed 's/^/#   /'

# --- 1b. Debian's stock nagios.cfg with the README's steps: both files
# and a host in conf.d/ (here a copy, so the system's stays untouched).
if [ -f /etc/nagios4/nagios.cfg ]; then
	mkdir -p "$N/stock/conf.d"
	# (Nagios reads the object files as nagios_user: the test's user,
	# who can enter the private temp directory.)
	sed -e "s|^cfg_dir=/etc/nagios4/conf.d\$|cfg_dir=$N/stock/conf.d|" \
	    -e "s|^nagios_user=.*|nagios_user=$(id -un)|" \
	    -e "s|^nagios_group=.*|nagios_group=$(id -gn)|" \
	    /etc/nagios4/nagios.cfg > "$N/stock/nagios.cfg"
	cp "$CONF/nagios/commands.cfg" "$N/stock/conf.d/cuc-commands.cfg"
	cp "$CONF/nagios/services.cfg" "$N/stock/conf.d/cuc-services.cfg"
	cp "$N/example-host.cfg" "$N/stock/conf.d/cuc-hosts.cfg"
	"$NAGIOS4" -v "$N/stock/nagios.cfg" > "$N/stock.out" 2>&1 &&
	    grep -q "^cfg_dir=$N/stock/conf.d\$" "$N/stock/nagios.cfg" &&
	    grep -Eq '^Total Warnings: *0$' "$N/stock.out"
	ok $? "Debian's stock nagios.cfg plus our files: no errors, no warnings"
	grep -E '^(Warning|Error)' "$N/stock.out" | head -5 | sed 's/^/#   /'
else
	ok 1 "/etc/nagios4/nagios.cfg (package nagios4-common) exists"
fi

# --- 2. live: the shipped commands, one service per plugin.
sample_data "$D/$HOST" tbl_exsubscription.txt
python3 "$TOP/tests/lab/fake_jetty.py" --bind 127.0.0.1 --port 0 \
    --port-file "$TMPD/jetty.port" --mode soap > "$TMPD/jetty.out" 2>&1 &
jpid=$!
wait_file "$TMPD/jetty.port" 10
ok $? "fake Jetty listens"
JP=$(cat "$TMPD/jetty.port")

# The examples' hostgroup stays empty here: these services pass --now so
# that the sample data gives the same answer on any day.
cat > "$N/live.cfg" <<EOF
define host {
    use         linux-server
    host_name   $HOST
    address     127.0.0.1
}
define service {
    use                     cuc-service
    host_name               $HOST
    service_description     port
    check_command           check_cuc_port!$JP!--soap
}
define service {
    use                     cuc-service
    host_name               $HOST
    service_description     keepalive
    check_command           check_cuc_keepalive!$D/\$HOSTNAME\$/jetty/*request.log!--now $KNOW --source 10.20.1.0/24 --warning 600 --critical 900
}
define service {
    use                     cuc-service
    host_name               $HOST
    service_description     subscriptions
    check_command           check_cuc_subscriptions!$D/\$HOSTNAME\$/tbl_exsubscription.txt!--now $NOW
}
define service {
    use                     cuc-service
    host_name               $HOST
    service_description     mbxsync
    check_command           check_cuc_mbxsync!$D/\$HOSTNAME\$/mbxsync!--now $NOW
}
EOF
nagios_cfg "$N/nagios.cfg" "$CONF/nagios/commands.cfg" \
    "$CONF/nagios/services.cfg" "$N/live.cfg"
echo "allow_empty_hostgroup_assignment=1" >> "$N/nagios.cfg"
# Performance data as PNP4Nagios (bulk mode) and nagflux read it: the
# service_perfdata_file with PNP's template, word for word.
cat >> "$N/nagios.cfg" <<'EOF'
process_performance_data=1
service_perfdata_file_mode=a
service_perfdata_file_processing_interval=0
service_perfdata_file_template=DATATYPE::SERVICEPERFDATA\tTIMET::$TIMET$\tHOSTNAME::$HOSTNAME$\tSERVICEDESC::$SERVICEDESC$\tSERVICEPERFDATA::$SERVICEPERFDATA$\tSERVICECHECKCOMMAND::$SERVICECHECKCOMMAND$\tHOSTSTATE::$HOSTSTATE$\tHOSTSTATETYPE::$HOSTSTATETYPE$\tSERVICESTATE::$SERVICESTATE$\tSERVICESTATETYPE::$SERVICESTATETYPE$
EOF
echo "service_perfdata_file=$N/var/service-perfdata" >> "$N/nagios.cfg"
"$NAGIOS4" -v "$N/nagios.cfg" > "$N/live-verify.out" 2>&1
ok $? "live configuration verifies"
grep -E '^(Warning|Error)' "$N/live-verify.out" | head -10 | sed 's/^/#   /'

start_group "$N/out" "$NAGIOS4" "$N/nagios.cfg"
npid=$group_pid
$TOOL nagios-wait "$N/var/status.dat" 30 "CUC " "$HOST!port" \
    "$HOST!keepalive" "$HOST!subscriptions" "$HOST!mbxsync" > "$TMPD/results"
ok $? "Nagios ran all four checks"
sed 's/^/#   /' "$TMPD/results" | cut -c 1-300
stop_group "$npid"
npid=""

# What Nagios stored is what the plugin prints, run as commands.cfg says.
P=$ABSBIN
for s in port keepalive subscriptions mbxsync; do
	row=$(grep "^$HOST!$s	" "$TMPD/results")
	stored_verdict "$row" "$HOST!$s" "$s" "Nagios' status text" \
	    "$(echo "$s" | tr a-z A-Z)"
	fuzzy=""
	case $s in
	port)	fuzzy=--fuzzy-decimals
		set -- "$P/check_cuc_port" --hostname 127.0.0.1 --port "$JP" \
		    --soap ;;
	keepalive)
		set -- "$P/check_cuc_keepalive" --logfile \
		    "$D/$HOST/jetty/*request.log" --now "$KNOW" --source \
		    10.20.1.0/24 --warning 600 --critical 900 ;;
	subscriptions)
		set -- "$P/check_cuc_subscriptions" --file \
		    "$D/$HOST/tbl_exsubscription.txt" --now "$NOW" ;;
	mbxsync)
		set -- "$P/check_cuc_mbxsync" --logdir "$D/$HOST/mbxsync" \
		    --now "$NOW" ;;
	esac
	$TOOL compare $fuzzy nagios "$row" "$@" > "$TMPD/cmp" 2>&1
	ok $? "$s: state, output, long output and perfdata as the plugin printed them"
	sed 's/^/#   /' "$TMPD/cmp"
	# Nagios hands the perfdata on untouched: each line of the perfdata
	# file for the service holds what the plugin prints after its '|'
	# (the port's timings differ from run to run: the rest must not).
	want=$("$@" | head -n 1 | sed 's/^[^|]*| *//')
	grep -F "	SERVICEDESC::$s	" "$N/var/service-perfdata" |
	    sed 's/.*	SERVICEPERFDATA::\([^	]*\)	.*/\1/' > "$TMPD/pd.$s"
	n=$(grep -c . "$TMPD/pd.$s")
	[ "$n" -ge 1 ]
	ok $? "$s: $n results in the service_perfdata_file"
	if [ $s = port ]; then
		shape() { sed 's/=[0-9.]*s;/=Ns;/g'; }
		want=$(printf '%s\n' "$want" | shape)
		bad=$(shape < "$TMPD/pd.$s" | grep -vxF -- "$want")
	else
		bad=$(grep -vxF -- "$want" "$TMPD/pd.$s")
	fi
	[ -z "$bad" ]
	ok $? "$s: every label, value, threshold, min and max the plugin printed, as printed"
	[ -z "$bad" ] || printf '#   want %s\n#   got  %s\n' "$want" "$bad" | head -4
	perf=$(field "$row" "$HOST!$s" 6)
	[ -n "$perf" ]
	ok $? "$s: Nagios stored perfdata"
done
row=$(grep "^$HOST!port	" "$TMPD/results")
[ "$(field "$row" "$HOST!port" 2)" = 0 ]
ok $? "port: OK against the fake Jetty's SOAP answer"
out=$(field "$row" "$HOST!port" 5)
like "$out" '\\nTCP connect' "port: long output kept as long output"

# Nagios' own complaints ("Warning: Return code of 4 ... out of bounds",
# "Warning: ... timed out", "Error: ..."), not the SERVICE ALERT lines.
grep -E '^\[[0-9]+\] (Warning|Error)' "$N/var/nagios.log" > "$TMPD/warn"
[ ! -s "$TMPD/warn" ]
ok $? "nagios.log holds no warning or error"
sed 's/^/#   /' "$TMPD/warn" | head -5

# --- 3. the servicedependency: a node whose port check is hard CRITICAL
# sends one notification (the port's), not four; a node whose port is fine
# notifies for each of the three other services.  services.cfg as shipped,
# its paths moved into the test's tree, the port to the fake Jetty's, and
# --now (and subscriptions thresholds) so that the sample data is OK at
# first; the data is taken away only once the down node's port is hard
# CRITICAL, as in life: the port fails first, keepalives age after it.
N3=$N/dep
D3=$TMPD/dep
DOWN=cuc-down.example.com
UP=cuc-up.example.com
mkdir -p "$N3"
for h in $DOWN $UP; do
	sample_data "$D3/$h" tbl_exsubscription.txt
done
sed -e "s|/var/lib/cuc/|$D3/|g" -e "s|check_cuc_port!7080!|check_cuc_port!$JP!|" \
    -e "s|\(check_cuc_keepalive!.*\)\$|\1 --now $KNOW|" \
    -e "s|\(check_cuc_subscriptions![^!]*\)\$|\1!--now $NOW --warning 5 --critical 10|" \
    -e "s|\(check_cuc_mbxsync![^!]*\)\$|\1!--now $NOW|" \
    "$CONF/nagios/services.cfg" > "$N3/services.cfg"
sed -n '/^define servicedependency/,/^}/p' "$CONF/nagios/services.cfg" \
    > "$N3/dep.shipped"
sed -n '/^define servicedependency/,/^}/p' "$N3/services.cfg" > "$N3/dep.used"
[ -s "$N3/dep.shipped" ] && cmp -s "$N3/dep.shipped" "$N3/dep.used"
ok $? "services.cfg ships a servicedependency (used verbatim here)"
cat > "$N3/notify.sh" <<'EOF'
printf '%s!%s!%s\n' "$2" "$3" "$4" >> "$1"
EOF
# cuc-down's port: the fake Jetty's port on an address it does not listen
# on (connection refused).  The contact group admins of generic-service is
# ours: a contact that writes each notification to a file.
cat > "$N3/hosts.cfg" <<EOF
define host {
    use         cuc-node
    host_name   $DOWN
    address     127.0.0.3
}
define host {
    use         cuc-node
    host_name   $UP
    address     127.0.0.1
}
define command {
    command_name    notify-file
    command_line    /bin/sh $N3/notify.sh $N3/notifications '\$HOSTNAME\$' '\$SERVICEDESC\$' '\$SERVICESTATE\$'
}
define contact {
    contact_name                    filer
    use                             generic-contact
    service_notification_commands   notify-file
    host_notification_commands      notify-file
}
define contactgroup {
    contactgroup_name   admins
    members             filer
}
EOF
nagios_cfg "$N3/nagios.cfg" "$CONF/nagios/commands.cfg" "$N3/services.cfg" \
    "$N3/hosts.cfg"
sed -i -e '/objects\/contacts.cfg$/d' \
    -e 's|^enable_notifications=0$|enable_notifications=1|' "$N3/nagios.cfg"
"$NAGIOS4" -v "$N3/nagios.cfg" > "$N3/verify.out" 2>&1
ok $? "configuration with notifications verifies"
grep -E '^(Warning|Error)' "$N3/verify.out" | head -10 | sed 's/^/#   /'

# nagios_states: "host!service state state_type notification_number" per
# service from status.dat (nagios_cfg keeps it in $N/var).
nagios_states() {
	awk -F= '/^servicestatus \{/ { b = 1 }
	b && $1 ~ /^\thost_name$/ { h = $2 }
	b && $1 ~ /^\tservice_description$/ { s = $2 }
	b && $1 ~ /^\tcurrent_state$/ { c = $2 }
	b && $1 ~ /^\tstate_type$/ { t = $2 }
	b && $1 ~ /^\tcurrent_notification_number$/ { n = $2 }
	b && /^\t}/ { print h "!" s " " c " " t " " n; b = 0 }' \
	    "$N/var/status.dat" 2> /dev/null
}
# wait_states SECONDS LINE...: until each LINE is in nagios_states.
wait_states() {
	_s=$1
	shift
	_i=0
	while [ $_i -lt $((_s * 10)) ]; do
		nagios_states > "$N3/states"
		_m=0
		for _l in "$@"; do
			grep -qxF "$_l" "$N3/states" || _m=1
		done
		[ $_m -eq 0 ] && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}
ks="CUC keepalives"
ss="CUC subscriptions"
ms="CUC mailbox sync errors"
ps="CUC notification port"
start_group "$N3/out" "$NAGIOS4" "$N3/nagios.cfg"
npid=$group_pid
wait_states 30 "$DOWN!$ps 2 1 1" "$UP!$ps 0 1 0" "$DOWN!$ks 0 1 0" \
    "$DOWN!$ss 0 1 0" "$DOWN!$ms 0 1 0" "$UP!$ks 0 1 0" "$UP!$ss 0 1 0" \
    "$UP!$ms 0 1 0"
ok $? "$DOWN's port hard CRITICAL and notified; the rest OK"
sed 's/^/#   /' "$N3/states"
for h in $DOWN $UP; do
	mv "$D3/$h" "$D3/$h.gone"
done
wait_states 30 "$DOWN!$ks 3 1 0" "$DOWN!$ss 3 1 0" "$DOWN!$ms 3 1 0" \
    "$UP!$ks 3 1 1" "$UP!$ss 3 1 1" "$UP!$ms 3 1 1"
ok $? "data gone: keepalive, subscriptions and mbxsync hard UNKNOWN, notified on $UP only"
sed 's/^/#   /' "$N3/states"
i=0
while [ "$(grep -c "^$UP!" "$N3/notifications")" -lt 3 ] && [ $i -lt 200 ]
do
	sleep 0.1
	i=$((i + 1))
done
stop_group "$npid"
npid=""
sed 's/^/#   notification: /' "$N3/notifications"
got=$(grep "^$DOWN!" "$N3/notifications" | cut -d '!' -f 2 | sort -u |
    tr '\n' ',')
[ "$got" = "$ps," ]
ok $? "port down: one notification, the port's, not four (got: $got)"
got=$(grep "^$UP!" "$N3/notifications" | cut -d '!' -f 2 | sort -u |
    tr '\n' ',')
[ "$got" = "$ks,$ms,$ss," ]
ok $? "port up: keepalive, subscriptions and mbxsync notify (got: $got)"

done_testing
