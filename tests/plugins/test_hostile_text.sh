#!/bin/sh
# test_hostile_text.sh - text from the monitored side, through every plugin
# that shows it, comes out safe for the HTML that Icinga Web 2 and the
# Nagios CGIs render plugin output as (issue 15): notification ids and
# X-Forwarded-For client fields (keepalive), a Server header (port --http,
# from the lab's fake Jetty), diag lines (mbxsync), capture rows
# (subscriptions), a file name in CUC's listing (--cuc), a path in the
# timeout line.  Each carries markup,
# quotes, C0 and C1 controls, invalid UTF-8 and bidi overrides (U+202E),
# with and without -v.  The rules themselves are the table of
# unit/test_output.c; here: that nothing reaches stdout another way.
. tests/lib.sh

LAB=tests/lab
KA=check_cuc_keepalive
MB=check_cuc_mbxsync
SU=check_cuc_subscriptions
PO=check_cuc_port
NOW=2026-11-25T10:00:00Z
# The look-alikes the writer prints for < > & " ' (output.h).
LT='‹' GT='›' SQ='’'

# html_safe WHAT: stdout is valid UTF-8 without < > & " ', C0 (but the
# newlines), DEL, C1, bidi controls or line separators.
html_safe() {
	why=$(python3 -c '
import sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit("invalid UTF-8 at byte %d" % e.start)
bad = set("<>&\"\x27") | {chr(c) for c in range(0x20) if c != 10} | \
    {chr(c) for c in range(0x7f, 0xa0)} | set("\u061c\u200e\u200f") | \
    {chr(c) for c in range(0x202a, 0x202f)} | \
    {chr(c) for c in range(0x2066, 0x206a)} | set("\u2028\u2029")
found = sorted({"U+%04X" % ord(c) for c in text if c in bad})
if found:
    sys.exit("holds " + " ".join(found))
' "$TMPD/stdout" 2>&1)
	[ -z "$why" ]
	ok $? "$1: HTML-safe output${why:+ ($why)}"
}

# hostile PLUGIN FILE ARGS...: run at each -v level, each output safe.
hostile() {
	p=$1
	shift
	for v in "" -v -vv -vvv; do
		run "$p" "$@" $v
		[ "$rc" -le 3 ]; ok $? "$p $v: exit $rc"
		html_safe "$p $v"
		sane "$p $v"
	done
}

D=$TMPD/d
mkdir -p "$D"
ESC=$(printf '\033')
RLO=$(printf '\342\200\256')		# U+202E RIGHT-TO-LEFT OVERRIDE
PDF=$(printf '\342\200\254')		# U+202C POP DIRECTIONAL FORMATTING
LRI=$(printf '\342\201\246')		# U+2066 LEFT-TO-RIGHT ISOLATE
C1=$(printf '\302\233')			# U+009B CSI, a C1 control
BAD=$(printf '\377\300\274\355\240\200')	# 0xff, overlong '<', a surrogate

# --- keepalive: ids and client fields of Jetty's request log ---------------
# Lines in the shape of tests/data (Jetty's NCSARequestLog); the ids and the
# X-Forwarded-For field are what anyone who reaches port 7080 chooses.
JPATH=/NotificationService/services/NotificationService
jline() {	# jline CLIENT HH:MM:SS ID
	printf '%s - - [25/Nov/2026:%s +0000] "POST %s?id=%s&pid=1 HTTP/1.1" 200 343\n' \
	    "$1" "$2" "$JPATH" "$3"
}
{
	jline 10.1.2.3 09:50:00 '<script>alert(1)</script>'
	jline 10.1.2.3 09:51:00 "sub${RLO}gpj.exe${PDF}"
	jline 10.1.2.3 09:52:00 "c1${C1}[31m${ESC}[2J${BAD}x"
	jline 10.1.2.3 09:53:00 "q\"u'o&te${LRI}"
	jline '<b>10.1.2.4</b>, 10.99.0.5' 09:54:00 plain-1
	jline "10.20.1.11, <i>x</i>&amp;" 09:55:00 plain-2
} > "$D/request.log"
hostile $KA -f "$D/request.log" --now $NOW -s 10.0.0.0/8
like "$line1" "1 from foreign ${LT}b${GT}10\.1\.2\.4${LT}/b${GT} \|" \
    "keepalive: a client field in the status line, markup as look-alikes"
like "$out" "  ${LT}script${GT}alert\(1\)${LT}/script${GT}: " \
    "keepalive -v: an id's markup as look-alikes, the id still readable"
like "$out" "  sub\?gpj\.exe\?: " "keepalive -v: the bidi override and its end as '?'"
like "$out" "  c1\?\[31m\?\[2J\?\?\?\?\?\?x: " \
    "keepalive -v: C1, ESC and each invalid UTF-8 byte as '?'"
like "$out" "proxy chain 10\.20\.1\.11, ${LT}i${GT}x${LT}/i${GT}＆amp;: " \
    "keepalive -v: a proxy chain's markup and '&' as look-alikes"
# The same bytes in a path named by the timeout line (a FIFO nobody writes).
F="$D/<b>${RLO}fifo"
mkfifo "$F"
hostile $KA -f "$F" --now $NOW -t 1
like "$line1" "^CUC KEEPALIVE UNKNOWN - timed out after 1 s while reading .*/${LT}b${GT}\?fifo" \
    "keepalive: the timeout line's path made safe too"

# --- mbxsync: diag lines (host and message) --------------------------------
dline() {	# dline HH:MM:SS.mmm HOST MESSAGE
	printf '%s |9156,%s,,CsEws,14,%s\n' "$1" "$2" "$3"
}
E401='[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST'
{
	dline 09:50:00.000 "<b>mail</b>.example.com" "$E401"
	dline 09:58:00.000 "mail${RLO}moc.example" \
	    "<script>alert(1)</script> ${C1}${BAD} & \"x\" HTTP status code: 401, for ews URL: https://x/EWS/Exchange.ASMX"
} > "$D/diag_CuMbxSync_00000001.uc"
touch -d "$NOW" "$D/diag_CuMbxSync_00000001.uc"
hostile $MB -f "$D/diag_CuMbxSync_00000001.uc" --now $NOW
like "$out" "newest: .*${LT}script${GT}alert\(1\)${LT}/script${GT} \?{7} ＆ “x” HTTP status" \
    "mbxsync -v: the newest line's markup, C1 and broken bytes replaced"
like "$out" "${LT}b${GT}mail${LT}/b${GT}\.example\.com" "mbxsync -v: a host's markup replaced"

# --- subscriptions: rows of the dbquery capture ----------------------------
# The fixture's first row gets a hostile subscription id (column 3).
sed "6s/^\([^ ]*\)  \([^ ]*\)  [^ ]*/\1  \2  <i>x<\/i>${RLO}${C1}'\&\"/" \
    tests/data/subscriptions/collected.txt > "$D/capture.txt"
hostile $SU -f "$D/capture.txt" --now $NOW -w 50% -c 90%
like "$out" "${LT}i${GT}x${LT}/i${GT}\?\?${SQ}＆”  " \
    "subscriptions -v: a row's id with markup, bidi and C1 replaced"

# --- port --http: the Server header of the peer -----------------------------
start srv fake_jetty.py --mode soap \
    --server-header '<script>alert(1)</script> \xe2\x80\xae\xc2\x9b\xff\x1b[31m &"'"'"
start html fake_jetty.py --mode nonsoap --server-header '<a href="https://evil/">Jetty</a>'
SRV=$(port srv)
HTML=$(port html)
hostile $PO -H 127.0.0.1 -p "$SRV" --http
like "$line1" "Server: ${LT}script${GT}alert\(1\)${LT}/script${GT} \?\?\?\?\[31m ＆”’ \|" \
    "port --http: the Server header's markup, bidi, C1, broken byte and ESC replaced"
hostile $PO -H 127.0.0.1 -p "$HTML" --soap
like "$line1" "^CUC PORT (WARNING|CRITICAL) - " "port --soap: an HTML answer is no SOAP answer"

# --- --cuc: a file name from CUC's listing ------------------------------------
# A listed name is CUC's to choose; the lab's fake Serviceability lists the
# files of a directory, so one is named with markup and U+202E.
if command -v openssl > /dev/null 2>&1 && openssl req -x509 -newkey rsa:2048 \
    -nodes -keyout "$D/key.pem" -out "$D/cert.pem" -days 2 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 > /dev/null 2>&1
then
	mkdir "$D/mb"
	cp "$D/diag_CuMbxSync_00000001.uc" "$D/mb/diag_CuMbxSync_<b>${RLO}1.uc"
	touch -d "$NOW" "$D/mb"/*.uc
	printf '[%s]\ncuc-user=monitor\ncuc-password=secret\n' $MB > "$D/cuc.ini"
	chmod 600 "$D/cuc.ini"
	start svc fake_serviceability.py --cert "$D/cert.pem" --key "$D/key.pem" \
	    --count-log "$D/count.log" --now 2026-11-25T10:00:30Z \
	    --service "Connection Mailbox Sync=$D/mb=diag_CuMbxSync_*.uc"
	SVC=$(port svc)
	hostile $MB --cuc "127.0.0.1:$SVC" --extra-opts="@$D/cuc.ini" \
	    --ca-cert "$D/cert.pem" --cache-dir "$D/cache" --now $NOW
	like "$out" "newest file .*/diag_CuMbxSync_[^ ]*1\.uc written" \
	    "mbxsync --cuc -v: the listed name shown, made safe"
else
	TESTS_RUN=$((TESTS_RUN + 1))
	echo "ok $TESTS_RUN # skip --cuc file name: no openssl to make a certificate"
fi

# --- one writer -------------------------------------------------------------
# Only the report (output.c through plugin.c), --help/--version (fixed
# text) and the timeout line (deadline.c, its step sanitised when set)
# write to stdout; nothing writes to stderr.  A new printf or a stray
# stdout would bypass text_sanitise().
hits=$(grep -nE '(^|[^a-z_])(printf|puts|putchar|vprintf|perror)[[:space:]]*\(|stdout|STDOUT_FILENO|stderr|STDERR_FILENO' \
    plugins/*.c common/*.c | grep -v '^common/output\.c:' |
    grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*|//)' |
    grep -vE '^common/plugin\.c:[0-9]+:.*(report_print\(&?rep, stdout\)|p->help\(stdout\)|print_license\(stdout\)|print_version\(stdout, )' |
    grep -vE '^common/deadline\.c:[0-9]+:.*write\(STDOUT_FILENO, line' || true)
[ -z "$hits" ]; ok $? "stdout is written only by the report, --help/--version and the timeout line"
[ -n "$hits" ] && printf '%s\n' "$hits" | sed 's/^/#   /'

done_testing
