#!/bin/sh
# test_secrets.sh - the password a plugin holds (issue 15): the notes in
# long output when it is on the command line, when the ini file or the
# netrc holding it is readable by every local user, and when --insecure is
# on (never on stderr, never the password itself); --url's user:password@
# never shown, an ambiguous '@' refused; the process non-dumpable, so
# another process of the same user cannot read its memory or environment.
#
# Requests go to 127.0.0.1 port 1 (refused at once) or to a fake Jetty that
# never answers: nothing here depends on a real server.
. tests/lib.sh

KA=check_cuc_keepalive
MB=check_cuc_mbxsync
SU=check_cuc_subscriptions
SECRET=S3cr3t-Pw0rd-15
D=$TMPD/d
mkdir -p "$D"

skip() {
	TESTS_RUN=$((TESTS_RUN + 1))
	echo "ok $TESTS_RUN # skip $1"
}

# no_secret WHAT: the password in neither stdout nor stderr.
no_secret() {
	case "$out$err" in
	*"$SECRET"*) ok 1 "$1: password not in stdout or stderr" ;;
	*) ok 0 "$1: password not in stdout or stderr" ;;
	esac
}

ARGV_NOTE='^security: the password of --cuc-password is on the command line'
INI_NOTE='holds the password of --cuc-password and every local user can read it'
INSECURE_NOTE='^security: --insecure: the certificate of the server is not verified'

# --- the password on the command line -------------------------------------
for p in $KA $MB; do
	run $p --cuc 127.0.0.1:1 --cuc-user monitor --cuc-password "$SECRET" -t 2
	is_rc 3 "$p argv password: UNKNOWN (port 1 refuses)"
	like "$out" "$ARGV_NOTE, which ps shows every local user: put it in the --extra-opts ini file" \
	    "$p argv password: noted in long output"
	no_stderr "$p argv password: nothing on stderr"
	no_secret "$p argv password"
	unlike "$out" 'security: --insecure' "$p argv password: no --insecure note without it"
done
run $SU --url "http://monitor:$SECRET@127.0.0.1:1/capture.txt" -t 2
is_rc 3 "--url with a password on argv: UNKNOWN"
like "$out" '^security: the password of --url is on the command line' \
    "--url with a password on argv: noted"
like "$line1" 'cannot fetch http://127\.0\.0\.1:1/capture\.txt: ' \
    "--url with a password on argv: shown without user:password"
no_stderr "--url with a password on argv: nothing on stderr"
no_secret "--url with a password on argv"
run $SU --url "http://monitor@127.0.0.1:1/capture.txt" -t 2
unlike "$out" '^security:' "--url with a user and no password: no note"

# --- the password in an ini file: readable by others or not ---------------
for mode in 644 604 640 600; do
	printf '[check_cuc_keepalive]\ncuc-user = monitor\ncuc-password = %s\n' \
	    "$SECRET" > "$D/k$mode.ini"
	chmod "$mode" "$D/k$mode.ini"
	run $KA --cuc 127.0.0.1:1 --extra-opts="@$D/k$mode.ini" -t 2
	is_rc 3 "ini of mode $mode: UNKNOWN (port 1 refuses)"
	case $mode in
	644|604) like "$out" "^security: $D/k$mode\.ini $INI_NOTE: chmod o-r" \
	    "ini of mode $mode: noted, the file named" ;;
	*) unlike "$out" '^security:' "ini of mode $mode: no note" ;;
	esac
	no_stderr "ini of mode $mode: nothing on stderr"
	no_secret "ini of mode $mode"
done
# The note names the file that holds it, not another one read too.
printf '[check_cuc_keepalive]\n-t = 2\n' > "$D/world.ini"
chmod 644 "$D/world.ini"
run $KA --cuc 127.0.0.1:1 --extra-opts="@$D/world.ini" \
    --extra-opts="@$D/k600.ini"
unlike "$out" '^security:' "two ini files, the password in the private one: no note"
run $KA --cuc 127.0.0.1:1 --extra-opts="@$D/k600.ini" \
    --extra-opts="@$D/k644.ini"
like "$out" "^security: $D/k644\.ini $INI_NOTE" \
    "two ini files, the password in the readable one: that one named"
unlike "$out" "k600\.ini" "two ini files: the private one not named"
# The command line wins over the ini: the note is about where it came from.
run $KA --cuc 127.0.0.1:1 --extra-opts="@$D/k644.ini" --cuc-password "x$SECRET" -t 2
like "$out" "$ARGV_NOTE" "argv over a readable ini: the argv note"
unlike "$out" "$INI_NOTE" "argv over a readable ini: the ini not blamed"

# --- a --netrc-file readable by others ---------------------------------------
printf 'machine 127.0.0.1 login monitor password %s\n' "$SECRET" > "$D/netrc"
for mode in 644 600; do
	chmod "$mode" "$D/netrc"
	run $SU --url "http://127.0.0.1:1/capture.txt" --netrc-file "$D/netrc" -t 2
	case $mode in
	644) like "$out" "^security: $D/netrc \(--netrc-file\) holds the login and every local user can read it: chmod o-r" \
	    "netrc of mode $mode: noted, the file named" ;;
	*) unlike "$out" '^security:' "netrc of mode $mode: no note" ;;
	esac
	no_stderr "netrc of mode $mode: nothing on stderr"
	no_secret "netrc of mode $mode"
done
chmod 644 "$D/netrc"
run $KA --cuc 127.0.0.1:1 --cuc-user monitor --netrc-file "$D/netrc" -t 2
like "$out" "^security: $D/netrc \(--netrc-file\) holds the login" \
    "keepalive --cuc with a readable netrc: noted"

# --- --insecure ---------------------------------------------------------------
printf '[check_cuc_mbxsync]\ncuc-user = monitor\ncuc-password = %s\n' \
    "$SECRET" > "$D/m.ini"
chmod 600 "$D/m.ini"
run $MB --cuc 127.0.0.1:1 --extra-opts="@$D/m.ini" --insecure -t 2
like "$out" "$INSECURE_NOTE, so whoever sits on the path can pose as the server" \
    "mbxsync --insecure: noted without -v"
no_stderr "mbxsync --insecure: nothing on stderr"
run $MB --cuc 127.0.0.1:1 --extra-opts="@$D/m.ini" -t 2
unlike "$out" '^security:' "mbxsync verified, private ini: no note"
run $SU --url "https://127.0.0.1:1/capture.txt" --insecure -t 2
like "$out" "$INSECURE_NOTE" "subscriptions --insecure: noted"
no_stderr "subscriptions --insecure: nothing on stderr"

# --- --url: userinfo never shown, an ambiguous '@' refused ---------------------
for u in "http://monitor:$SECRET@x@127.0.0.1:1/c.txt" \
    "http://monitor:$SECRET/x@127.0.0.1:1/c.txt" \
    "http://monitor:$SECRET?x@127.0.0.1:1/c.txt" \
    "https://127.0.0.1:1/a@$SECRET.txt"; do
	run $SU --url "$u" -t 2 -v
	is_rc 3 "--url $u: UNKNOWN"
	like "$line1" '^CUC SUBSCRIPTIONS UNKNOWN - --url: an @ may only end user:password@ before the host' \
	    "--url $u: refused, the rule said"
	no_secret "--url $u"
done
# the scheme forgotten, or a host typed before it: user:password@ as typed
# is no URL, and the refusal does not quote it
for u in "monitor:$SECRET@127.0.0.1/c.txt" "monitor:$SECRET@cuc1://c.txt"; do
	run $SU --url "$u" -t 2 -vv
	is_rc 3 "--url $u: UNKNOWN"
	like "$line1" '^CUC SUBSCRIPTIONS UNKNOWN - --url: .\(not shown: it holds an at sign\). is not a file://' \
	    "--url $u: refused, not quoted"
	no_secret "--url $u"
done
# the same typed into a host option: refused, and never repeated
for args in "$KA --cuc monitor:$SECRET@cuc1" "$MB --cuc monitor:$SECRET@cuc1:8443" \
    "$MB --cuc https://monitor:$SECRET@cuc1/" \
    "check_cuc_port -H monitor:$SECRET@cuc1"; do
	run $args -t 2 -vv
	is_rc 3 "${args%% *} ${args#* }: UNKNOWN"
	like "$line1" '^CUC [A-Z]+ UNKNOWN - --(cuc|hostname): .(\(not shown: it holds an at sign\)|https://cuc1/). is not' \
	    "${args%% *}: refused, not quoted"
	no_secret "${args%% *} ${args#* }"
done
# user:password typed into --cuc-user: refused, and not repeated
run $KA --cuc cuc1 --cuc-user "monitor:$SECRET" -t 2 -vv
is_rc 3 "--cuc-user user:password: UNKNOWN"
like "$line1" "^CUC KEEPALIVE UNKNOWN - --cuc-user holds a .:., which HTTP Basic cannot carry" \
    "--cuc-user user:password: refused, the rule said"
no_secret "--cuc-user user:password"
start hang fake_jetty.py --mode hang
HANG=$(port hang)
printf '[check_cuc_subscriptions]\nurl = http://monitor:%s@127.0.0.1:%s/capture.txt\n' \
    "$SECRET" "$HANG" > "$D/s.ini"
chmod 600 "$D/s.ini"
# -t 1 with the fetch's own margin: whichever of the two ends it, neither
# line may hold the password.
run $SU --extra-opts="@$D/s.ini" -t 1 -vvv
is_rc 3 "--url from the ini, hanging peer: UNKNOWN"
like "$line1" "http://127\.0\.0\.1:$HANG/capture\.txt" \
    "--url from the ini, hanging peer: the URL without user:password"
no_secret "--url from the ini, hanging peer, -vvv"

# --- non-dumpable ------------------------------------------------------------
# Another process of the same user reads /proc/PID/environ of a dumpable
# process, never of a non-dumpable one (ptrace access mode).  Root may read
# both, so the reader runs as nobody when this script runs as root.  The
# plugin reads -f - from a pipe; a 1 MiB write (more than a pipe holds)
# returns only once the plugin reads, long after main() started: no timing.
NONDUMP='
import subprocess, sys
p = subprocess.Popen([sys.argv[1], "-f", "-", "-t", "30"],
                     stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, env={"CUC_PLUGIN_TEST": "1"})
p.stdin.write(b"x\n" * (1 << 19))
p.stdin.flush()
try:
    with open("/proc/%d/environ" % p.pid, "rb") as fp:
        fp.read()
    seen = "readable"
except PermissionError:
    seen = "refused"
p.stdin.close()
p.wait()
print(seen)
'
AS="" PY=python3
if [ "$(id -u)" = 0 ]; then
	# nobody may not reach root's python (pyenv): the system's then.
	AS="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	PY=/usr/bin/python3
	if ! command -v setpriv > /dev/null ||
	    ! $AS test -x "$BIN/$KA" 2> /dev/null ||
	    ! $AS test -x "$PY" 2> /dev/null; then
		AS=none
	fi
fi
if [ "$AS" = none ]; then
	skip "non-dumpable: as root, needs setpriv, and a \$BIN and /usr/bin/python3 nobody can run"
else
	[ -n "$AS" ] && echo "# the reader runs as nobody (setpriv)"
	seen=$($AS $PY -c "$NONDUMP" "$BIN/$KA" 2>&1)
	[ "$seen" = refused ]
	ok $? "non-dumpable: /proc/PID/environ refused to the same user ($seen)"
	# The same reader on a process that did not ask: readable, so the
	# check above can tell the two apart.
	seen=$($AS $PY -c "$(printf '%s\n' "$NONDUMP" |
	    sed 's|\[sys.argv\[1\], "-f", "-", "-t", "30"\]|["cat"]|')" 2>&1)
	[ "$seen" = readable ]
	ok $? "a dumpable process (cat): /proc/PID/environ readable ($seen)"
fi

done_testing
