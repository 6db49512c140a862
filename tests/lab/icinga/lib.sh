# Shell helpers of the scheduler tests: a throw-away Icinga 2 instance in a
# directory of its own (no /etc/icinga2, /var/lib/icinga2 or system service
# involved), and the shared Nagios 4 scaffolding.  Source after tests/lib.sh.
#
#   icinga_tree DIR NODE       make DIR/{etc,var/...}; DIR/etc/base.conf holds
#                              the constants constants.conf would, then the
#                              ITL includes, the shipped CheckCommands last
#   icinga_defs DIR NODE       the -D options that point Icinga into DIR
#   icinga_validate DIR NODE   icinga2 daemon -C on DIR/etc/icinga2.conf
#   icinga_start DIR NODE      foreground daemon, pid in DIR/pid, log DIR/out
#   icinga_stop DIR            SIGTERM, wait, SIGKILL its group after 10 s
#   icinga_api_cert DIR NODE   a self-signed certificate for the ApiListener
#                              (EC by openssl: fast; without openssl
#                              icinga2 pki's RSA; the distributed test uses
#                              a CA made by icinga2 pki as a site would)
#
# ICINGA2 (default icinga2) and NAGIOS4 (default nagios4) name the daemons.

ICINGA2=${ICINGA2:-icinga2}
NAGIOS4=${NAGIOS4:-nagios4}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
CONF=$TOP/icinga-conf
TOOL="python3 $TOP/tests/lab/icinga/tool.py"
case $BIN in /*) ABSBIN=$BIN ;; *) ABSBIN=$TOP/$BIN ;; esac
SAMPLE=$TOP/tests/data/sample

# need_cmd CMD PACKAGE: the schedulers are part of the test environment
# (CI installs them), so a missing one fails the test loudly.
need_cmd() {
	if ! command -v "$1" > /dev/null 2>&1; then
		TESTS_RUN=$((TESTS_RUN + 1))
		TESTS_FAILED=$((TESTS_FAILED + 1))
		echo "not ok $TESTS_RUN - $1 is installed (apt-get install $2)"
		done_testing
		exit 1
	fi
}

icinga_defs() {
	_d=$1
	echo "-DConfigDir=$_d/etc -DZonesDir=$_d/etc/zones.d -DDataDir=$_d/var/lib -DLogDir=$_d/var/log" \
	    "-DCacheDir=$_d/var/cache -DSpoolDir=$_d/var/spool" \
	    "-DInitRunDir=$_d/var/run -DRunAsUser=$(id -un)" \
	    "-DRunAsGroup=$(id -gn) -DNodeName=$2"
}

icinga_tree() {
	_d=$1
	mkdir -p "$_d/etc" "$_d/var/lib/certs" "$_d/var/log" "$_d/var/cache" \
	    "$_d/var/spool" "$_d/var/run" || return 1
	# What Debian's constants.conf and icinga2.conf hold, minus conf.d;
	# the shipped CheckCommands come after the ITL as plugins-contrib.d's
	# files do.  CucPluginDir is the build's plugin directory.
	cat > "$_d/etc/base.conf" <<-EOF
	const PluginDir = "/usr/lib/nagios/plugins"
	const PluginContribDir = "/usr/lib/nagios/plugins"
	const ManubulonPluginDir = "/usr/lib/nagios/plugins"
	const CucPluginDir = "$ABSBIN"
	const ZoneName = NodeName
	const TicketSalt = ""
	include <itl>
	include <plugins>
	include <plugins-contrib>
	include "$CONF/cuc-single-inbox.conf"
	EOF
}

icinga_validate() {
	# shellcheck disable=SC2046
	"$ICINGA2" daemon -C -c "$1/etc/icinga2.conf" $(icinga_defs "$1" "$2") \
	    > "$1/validate.out" 2>&1
}

# Daemons run in a process group of their own (setsid), so that stopping
# one also ends what it forked (Icinga's umbrella and worker processes,
# Nagios' workers) even when it must be killed.
# start_group OUT CMD...: run CMD in the background; its pid in $group_pid.
start_group() {
	_o=$1
	shift
	if command -v setsid > /dev/null 2>&1; then
		setsid "$@" > "$_o" 2>&1 &
	else
		"$@" > "$_o" 2>&1 &
	fi
	group_pid=$!
}

# stop_group PID: SIGTERM, up to 10 s to finish, then SIGKILL the group.
stop_group() {
	_p=$1
	[ -n "$_p" ] || return 0
	kill "$_p" 2> /dev/null || return 0
	_i=0
	while kill -0 "$_p" 2> /dev/null && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	kill -s KILL -- "-$_p" 2> /dev/null || kill -s KILL "$_p" 2> /dev/null
	wait "$_p" 2> /dev/null
	return 0
}

icinga_start() {
	# shellcheck disable=SC2046
	start_group "$1/out" "$ICINGA2" daemon -c "$1/etc/icinga2.conf" \
	    $(icinga_defs "$1" "$2")
	echo "$group_pid" > "$1/pid"
}

icinga_stop() {
	[ -f "$1/pid" ] || return 0
	_q=$(cat "$1/pid")
	rm -f "$1/pid"
	stop_group "$_q"
}

icinga_api_cert() {
	_c=$1/var/lib/certs
	if command -v openssl > /dev/null 2>&1; then
		openssl req -x509 -newkey ec \
		    -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$2" \
		    -days 2 -keyout "$_c/$2.key" -out "$_c/$2.crt" \
		    > /dev/null 2>&1
	else
		# Self-signed by icinga2 itself: a 4096-bit key, seconds.
		# shellcheck disable=SC2046
		"$ICINGA2" pki new-cert $(icinga_defs "$1" "$2") --cn "$2" \
		    --key "$_c/$2.key" --cert "$_c/$2.crt" > /dev/null 2>&1
	fi && cp "$_c/$2.crt" "$_c/ca.crt"
}

# CUC_TEST_KEEP=DIR keeps a copy of the test's temp tree (logs, configs).
keep_tmpd() {
	[ -n "$CUC_TEST_KEEP" ] || return 0
	rm -rf "$CUC_TEST_KEEP" && cp -a "$TMPD" "$CUC_TEST_KEEP"
}

# sample_data DIR SUBS: the bundled sample data in DIR (jetty/, mbxsync/,
# the subscriptions capture as DIR/SUBS), the CuMbxSync logs with the
# modification times their last lines imply (their lines carry a time of
# day only); one TAP line.  Sets KNOW, the Jetty sample's own day.
sample_data() {
	mkdir -p "$1/jetty" "$1/mbxsync"
	r=0
	cp "$SAMPLE"/jetty/* "$1/jetty/" || r=1
	cp "$SAMPLE"/mbxsync/* "$1/mbxsync/" || r=1
	cp "$SAMPLE/subscriptions.txt" "$1/$2" || r=1
	ok $r "sample data copied"
	for f in "$1"/mbxsync/*.uc; do
		last=$(tail -n 1 "$f" | cut -c 1-8)
		touch -d "2026-11-25 $last UTC" "$f"
	done
	KNOW=$(jetty_now "$1/jetty/request.log")
}

# stored_verdict ROW KEY LABEL WHAT CHECK: two TAP lines on a stored
# result row (tool.py's fields): its text (WHAT, e.g. "Icinga's output")
# is the plugin's status line "CUC CHECK ...", and its state is 0..2.
stored_verdict() {
	_out=$(field "$1" "$2" 5)
	like "$_out" "^CUC $5 (OK|WARNING|CRITICAL|UNKNOWN) - " \
	    "$3: $4 is the plugin's status line"
	_st=$(field "$1" "$2" 2)
	case $_st in [0-2]) _r=0 ;; *) _r=1 ;; esac
	ok $_r "$3: state $_st is a real verdict on the sample data"
}

# jetty_now FILE: a --now one minute after the newest stamp of a Jetty
# request log (the samples are replayed at a fixed clock; this follows
# them if they are ever re-dated).
jetty_now() {
	_t=$(grep -o '\[[0-9][0-9]/[A-Z][a-z][a-z]/[0-9]\{4\}:[0-9:]\{8\}' "$1" |
	    tail -n 1 | sed 's|^\[||; s|/| |g; s|:| |')
	_s=$(date -u -d "$_t UTC" +%s) || return 1
	date -u -d "@$((_s + 60))" +%Y-%m-%dT%H:%M:%SZ
}

# wait_file FILE SECONDS: poll until FILE exists and is not empty.
wait_file() {
	_i=0
	while [ ! -s "$1" ] && [ $_i -lt $(($2 * 10)) ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	[ -s "$1" ]
}

# wait_file_exists FILE SECONDS: poll until FILE exists.
wait_file_exists() {
	_i=0
	while [ ! -e "$1" ] && [ $_i -lt $(($2 * 10)) ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	[ -e "$1" ]
}

# field ROWS NAME N: column N (1 = name) of NAME's row of a tool.py listing.
field() {
	printf '%s\n' "$1" | awk -F '\t' -v n="$2" -v c="$3" \
	    '$1 == n { print $c; exit }'
}
