#!/bin/sh
# test_perf_labels.sh - the perfdata labels are an interface: graphs, the
# graphite templates of icinga-conf/graphite/ and every admin's dashboards
# name them.  This lists every label (with its unit) each plugin can
# print, runs each plugin in the modes that print them (options that must
# not change a label: -s, -w/-c, %, --window, stdin, --url, --http, --soap,
# --cuc), and fails when a label appears that is not listed, a listed one
# never appears, one changes its unit between runs, or --help leaves one
# out.  Changing a label breaks users' graphs: change this list only with
# a note in the help of the old name (as ews_timeout says `timeout').
. tests/lib.sh

# plugin: label=unit ... (unit empty for plain counts), read through eval
# shellcheck disable=SC2034
LABELS_port="time=s http_time=s"
# shellcheck disable=SC2034
LABELS_keepalive="age=s subscriptions= stale= notifications= errors= foreign= unparsed= fetch_time=s fetched=B"
# shellcheck disable=SC2034
LABELS_subscriptions="stale= stale_share=% subscriptions= oldest=s dump_age=s"
# shellcheck disable=SC2034
LABELS_mbxsync="errors= errors_per_min= lines= unparsed= throttled= impersonation= no_mailbox= connect= ews_timeout= tls= dns= ldap= http_401= http_403= http_404= http_440= http_500= http_503= http_other= other= log_age=s fetch_time=s fetched=B"

SEEN=$TMPD/seen
: > "$SEEN"

# collect NAME: add the label=unit pairs of the last run's perfdata.
collect() {
	printf '%s\n' "$perf" | tr ' ' '\n' | sed -n \
	    's/^'"'"'\{0,1\}\([^=]*\)'"'"'\{0,1\}=[-0-9.]*\([a-zA-Z%]*\)[;]*.*$/'"$1"' \1=\2/p' >> "$SEEN"
	[ -n "$perf" ]
	ok $? "$1 $2: perfdata printed"
}

# --- port: TCP, --http, --soap, -w/-c, -4 ------------------------------------
start soap fake_jetty.py --mode soap
SOAP=$(port soap)
run check_cuc_port -H 127.0.0.1 -p "$SOAP"
collect port "tcp"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" -4 -w 1 -c 2 -t 5
collect port "-4 -w -c"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --http
collect port "--http"
run check_cuc_port -H 127.0.0.1 -p "$SOAP" --soap
collect port "--soap"

# --- keepalive: a healthy log, errors, -s, stale thresholds, stdin --------
KD=tests/data/keepalive
KNOW=--now=2014-06-29T16:15:00Z
run check_cuc_keepalive -f $KD/ok.log $KNOW
collect keepalive "ok.log"
run check_cuc_keepalive -f $KD/stale.log $KNOW -s 10.0.0.0/8 --stale-warning 1 --error-critical 5 --window 1800
collect keepalive "-s, thresholds, --window"
run_stdin $KD/foreign.log check_cuc_keepalive -f - $KNOW -s 192.0.2.0/24
collect keepalive "stdin, foreign"

# --- subscriptions: count and % thresholds, stdin, --url file:// -----------
SD=$TMPD/subs
SNOW=--now=2026-11-25T10:02:00Z
cp -R tests/data/subscriptions "$SD" || exit 1
touch -d 2026-11-25T10:00:00Z "$SD"/*.txt
run check_cuc_subscriptions -f "$SD/cuc.txt" $SNOW
collect subscriptions "default %"
run check_cuc_subscriptions -f "$SD/cuc.txt" $SNOW -w 1 -c 5
collect subscriptions "count thresholds"
run_stdin "$SD/collected.txt" check_cuc_subscriptions -f - $SNOW
collect subscriptions "stdin"
run check_cuc_subscriptions --url "file://$SD/cuc.txt" $SNOW --max-dump-age 0
collect subscriptions "--url file://"

# --- mbxsync: classes, the sample, -w/-c, --window, --timezone, stdin -------
MD=$TMPD/mbx
cp -R tests/data/mbxsync "$MD" || exit 1
touch -d 2026-11-25T11:53:00Z "$MD/classes/diag_CuMbxSync_00000100.uc"
touch -d 2026-11-25T10:00:00Z "$MD/auth401/diag_CuMbxSync_00000042.uc"
touch -d 2026-11-25T09:47:30Z "$MD/auth401/diag_CuMbxSync_00000041.uc"
touch -d 2026-11-25T09:29:30Z "$MD/auth401/diag_CuMbxSync_00000040.uc"
run check_cuc_mbxsync --logdir "$MD/classes" --now 2026-11-25T12:00:00Z
collect mbxsync "classes"
run check_cuc_mbxsync --logdir "$MD/auth401" --now 2026-11-25T10:00:00Z -w 0.5 -c 2 --window 3600
collect mbxsync "auth401 -w -c --window"
run check_cuc_mbxsync --logdir "$MD/auth401" --now 2026-11-25T10:00:00Z --timezone UTC
collect mbxsync "--timezone"
run_stdin "$MD/auth401/diag_CuMbxSync_00000042.uc" check_cuc_mbxsync -f - \
    --now 2026-11-25T10:00:00Z --tz-offset +00:00
collect mbxsync "stdin"

# --- --cuc: the two log checks through the fake Serviceability API --------
if command -v openssl > /dev/null 2>&1 &&
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TMPD/key.pem" \
    -out "$TMPD/cert.pem" -days 2 -subj /CN=127.0.0.1 \
    -addext "subjectAltName=IP:127.0.0.1" > /dev/null 2>&1; then
	mkdir "$TMPD/mb" "$TMPD/jetty"
	cp "$MD/auth401"/*.uc "$TMPD/mb/"
	touch -d 2026-11-25T10:00:00Z "$TMPD/mb/diag_CuMbxSync_00000042.uc"
	cp $KD/ok.log "$TMPD/jetty/2014_06_29.request.log"
	touch -d 2014-06-29T16:14:30Z "$TMPD/jetty/2014_06_29.request.log"
	printf '[check_cuc_mbxsync]\ncuc-user=monitor\ncuc-password=secret\n[check_cuc_keepalive]\ncuc-user=monitor\ncuc-password=secret\n' > "$TMPD/ok.ini"
	python3 tests/lab/fake_serviceability.py --cert "$TMPD/cert.pem" \
	    --key "$TMPD/key.pem" --port-file "$TMPD/svc.port" \
	    --service "Connection Mailbox Sync=$TMPD/mb=diag_CuMbxSync_*.uc" \
	    --service "Connection Jetty=$TMPD/jetty=*request.log" \
	    > /dev/null 2>&1 &
	PIDS="$PIDS $!"
	SVC=$(wait_port "$TMPD/svc.port")
	for p in mbxsync:2026-11-25T10:00:00Z keepalive:2014-06-29T16:15:00Z; do
		run check_cuc_${p%%:*} --cuc "127.0.0.1:$SVC" --extra-opts="@$TMPD/ok.ini" \
		    --ca-cert "$TMPD/cert.pem" --cache-dir "$TMPD/cache" --now "${p#*:}"
		collect "${p%%:*}" "--cuc"
	done
else
	# the fetch labels come from one place, common/cucsvc.c
	for p in mbxsync keepalive; do
		echo "$p fetch_time=s" >> "$SEEN"
		echo "$p fetched=B" >> "$SEEN"
	done
	echo "# openssl cannot make a certificate: --cuc labels taken as listed"
fi

# --- the verdict ------------------------------------------------------------
for p in port keepalive subscriptions mbxsync; do
	eval "want=\$LABELS_$p"
	got=$(sed -n "s/^$p //p" "$SEEN" | sort -u)
	for pair in $got; do
		case " $want " in
		*" $pair "*) ;;
		*)	echo "# $p printed $pair, not in the list"; false ;;
		esac
		ok $? "$p: $pair is a listed label and unit"
	done
	labels=$(printf '%s\n' "$got" | sed 's/=.*//' | sort)
	[ "$(printf '%s\n' "$labels" | uniq -d)" = "" ]
	ok $? "$p: every label keeps one unit whatever the options"
	run check_cuc_$p --help
	for pair in $want; do
		printf '%s\n' "$got" | grep -qx -- "$pair"
		ok $? "$p: $pair was printed by one of the runs"
		printf '%s\n' "$out" | grep -Eq -- "(^|[^a-z_])${pair%=*}([^a-z_0-9]|\$)"
		ok $? "$p: --help documents ${pair%=*}"
	done
done

done_testing
