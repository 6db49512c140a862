#!/bin/sh
# cuc_dbquery_collect against the fake admin CLI (tests/lab/fake_cuc_cli.py,
# run in place of ssh through --ssh-command): a capture is written
# atomically with its time line and reads back through the check; login
# failure, host key, timeouts, CLI errors and a dropped connection exit
# non-zero with a message and leave the previous capture in place.
. tests/lib.sh

C=plugins/cuc_dbquery_collect
FAKE=$PWD/tests/lab/fake_cuc_cli.py
OUT=$TMPD/out/cuc1.txt
LOG=$TMPD/fake.log
mkdir -p "$TMPD/out"
export FAKE_CUC_LOG="$LOG" FAKE_CUC_PASSWORD=secret
export FAKE_CUC_FIXTURE="$PWD/tests/data/subscriptions/cuc.txt"
unset CUC_PASSWORD FAKE_CUC_MODE

if ! command -v expect > /dev/null 2>&1; then
	ok 1 "expect is installed (make deps)"
	done_testing
	exit 1
fi

# collect [ARGS...]: run the collector; $rc, $out (stdout), $err (stderr).
collect() {
	: > "$LOG"
	"$C" -H cuc1 -l ccmadmin -o "$OUT" --ssh-command "$FAKE" "$@" \
	    > "$TMPD/stdout" 2> "$TMPD/stderr"
	rc=$?
	out=$(cat "$TMPD/stdout")
	err=$(cat "$TMPD/stderr")
	line1=$(head -n 1 "$TMPD/stdout")
}

# The fake of the last run must be gone (no process left behind).
# The collector ends it on its way out; a loaded machine may take a moment
# to reap it (up to 2 s).
fake_gone() {
	pid=$(sed -n 's/^pid //p' "$LOG" | tail -n 1)
	i=0
	while [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null && [ $i -lt 20 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -n "$pid" ] && ! kill -0 "$pid" 2> /dev/null
	ok $? "$1: the fake CLI ended"
}

# Failing runs keep the previous capture, and leave no temporary file.
previous_kept() {
	cmp -s "$OUT" "$TMPD/previous"
	ok $? "$1: previous capture kept"
	[ "$(ls "$TMPD/out" | wc -l)" -eq 1 ]
	ok $? "$1: no temporary file left"
}

# --- success -------------------------------------------------------------------
CUC_PASSWORD=secret collect -t 10
is_rc 0 "password from CUC_PASSWORD: capture written"
[ -z "$out" ] && [ -z "$err" ]
ok $? "silent on success (cron mails any output)"
head -n 1 "$OUT" | grep -Eq '^# cuc_dbquery_collect taken=[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z host=cuc1$'
ok $? "first line records when it was taken"
sed -n 2p "$OUT" | grep -qx 'admin:run cuc dbquery unitydyndb select \* from tbl_exsubscription'
ok $? "then the echoed command, as on screen"
[ "$(grep -c '^0b9e1f40-aaaa' "$OUT")" -eq 3 ]
ok $? "all three rows captured"
! grep -q "$(printf '\r')" "$OUT"
ok $? "no CR in the capture"
tail -n 1 "$OUT" | grep -qx 'admin:'
ok $? "ends with the prompt"
[ "$(ls "$TMPD/out")" = "cuc1.txt" ]
ok $? "no temporary file left"
grep -q '^command set cli pagination off$' "$LOG"
ok $? "pagination turned off first"
grep -q '^command exit$' "$LOG"
ok $? "logs out with exit"
! grep -q secret "$LOG"
ok $? "the password is not on the command line"
grep -q '^argv .*-l ccmadmin .*-- cuc1$' "$LOG"
ok $? "ssh arguments: user and host"
fake_gone "success"
# ssh (and any ProxyCommand it runs) inherits the collector's environment:
# a wrapper in ssh's place records what it got.
cat > "$TMPD/envssh" << EOF
#!/bin/sh
env > "$TMPD/env"
exec "$FAKE" "\$@"
EOF
chmod +x "$TMPD/envssh"
CUC_PASSWORD=secret "$C" -H cuc1 -l ccmadmin -o "$OUT" \
    --ssh-command "$TMPD/envssh" -t 10 > /dev/null 2>&1
rc=$?
is_rc 0 "password from CUC_PASSWORD, through a wrapper: capture written"
grep -q '^FAKE_CUC_LOG=' "$TMPD/env" && ! grep -q '^CUC_PASSWORD=' "$TMPD/env"
ok $? "CUC_PASSWORD is not in ssh's environment"
printf 'secret\n' > "$TMPD/pw0"
chmod 600 "$TMPD/pw0"
CUC_PASSWORD=other "$C" -H cuc1 -l ccmadmin -o "$OUT" -t 10 \
    --ssh-command "$TMPD/envssh" --password-file "$TMPD/pw0" > /dev/null 2>&1
rc=$?
is_rc 0 "password from a file, CUC_PASSWORD set too: capture written"
grep -q '^FAKE_CUC_LOG=' "$TMPD/env" && ! grep -q '^CUC_PASSWORD=' "$TMPD/env"
ok $? "CUC_PASSWORD is not in ssh's environment with --password-file either"
# Read it back: taken just now, so the rows (hours old) are stale.
run check_cuc_subscriptions -f "$OUT" -w 5 -c 10
is_rc 0 "the check reads the capture"
like "$line1" ' - 3 of 3 subscriptions stale .* dump [0-9] s old' "the check takes the time from the collector line"
cp "$OUT" "$TMPD/previous"

# --- the CLI's pager ------------------------------------------------------------
# Pagination that stays on: the collector answers each pager prompt with
# a space, and the check skips the prompts and reads every row.
CUC_PASSWORD=secret FAKE_CUC_MODE=pager collect -t 10
is_rc 0 "pager on: capture written"
[ "$(grep -c "^pager key ' '$" "$LOG")" -eq 3 ]
ok $? "pager on: each of the 3 pager prompts answered with a space"
[ "$(grep -c 'Press <enter> for 1 line, <space> for one page, or <q> to quit' "$OUT")" -eq 3 ]
ok $? "pager on: the prompts are kept in the capture"
tail -n 1 "$OUT" | grep -qx 'admin:'
ok $? "pager on: ends with the prompt"
fake_gone "pager"
run check_cuc_subscriptions -f "$OUT" -w 5 -c 10 -vv
is_rc 0 "pager on: the check reads the capture"
like "$line1" ' - 3 of 3 subscriptions stale .* dump [0-9] s old' "pager on: all three rows read"
perf_has "subscriptions=3;;1:;0 " "pager on: subscriptions perfdata"
like "$out" 'skipped 3 prompts of the CLI pager' "pager on: -v counts the pager prompts"
FAKE_CUC_PAGE=1 CUC_PASSWORD=secret FAKE_CUC_MODE=pager collect -t 10
is_rc 0 "a pager after every line: capture written"
run check_cuc_subscriptions -f "$OUT" -w 5 -c 10 -vv
is_rc 0 "a pager after every line: the check reads the capture"
perf_has "subscriptions=3;;1:;0 " "a pager after every line: subscriptions perfdata"
like "$out" 'skipped 6 prompts of the CLI pager' "a pager after every line: -v counts 6"
CUC_PASSWORD=secret collect -t 10
cp "$OUT" "$TMPD/previous"

# --- password file -------------------------------------------------------------
printf 'secret\n' > "$TMPD/pw"
chmod 600 "$TMPD/pw"
collect --password-file "$TMPD/pw"
is_rc 0 "password from a 0600 file"
cp "$OUT" "$TMPD/previous"
chmod 644 "$TMPD/pw"
collect --password-file "$TMPD/pw"
is_rc 1 "a password file readable by others is refused"
like "$err" 'readable by others \(mode 0644\): chmod 600 it' "mode named"
previous_kept "password file 0644"
collect --password-file "$TMPD/nope"
is_rc 1 "a missing password file is refused"

# --- login failures ----------------------------------------------------------------
CUC_PASSWORD=wrong collect -t 10
is_rc 2 "wrong password exits 2"
like "$err" '^cuc_dbquery_collect: login to ccmadmin@cuc1 failed: password rejected$' "wrong password: message"
previous_kept "wrong password"
fake_gone "wrong password"

# The password goes only to ssh's prompt for the target user@host.
CUC_PASSWORD=secret FAKE_CUC_FOREIGN="jump@bastion's password: " collect -t 10
is_rc 2 "a jump host's password prompt exits 2"
like "$err" "^cuc_dbquery_collect: login to ccmadmin@cuc1 failed: a password prompt for someone else, not answered: 'jump@bastion's password:'\$" "jump host prompt: named"
! grep -q '^foreign prompt answered' "$LOG"
ok $? "jump host prompt: the password is not typed there"
previous_kept "jump host prompt"
fake_gone "jump host prompt"
CUC_PASSWORD=secret FAKE_CUC_FOREIGN="root@cuc1's password: " collect -t 10
is_rc 2 "another user's password prompt exits 2"
like "$err" "not answered: 'root@cuc1's password:'" "another user's prompt: named"
! grep -q '^foreign prompt answered' "$LOG"
ok $? "another user's prompt: the password is not typed there"
CUC_PASSWORD=secret FAKE_CUC_FOREIGN="Password: " collect -t 10
is_rc 2 "a bare Password: prompt exits 2"
! grep -q '^foreign prompt answered' "$LOG"
ok $? "bare prompt: the password is not typed there"
CUC_PASSWORD=secret FAKE_CUC_MODE=kbdint collect -t 10
is_rc 0 "OpenSSH's keyboard-interactive prompt (ccmadmin@cuc1) Password: is answered"
CUC_PASSWORD=secret "$C" -H CUC1 -l ccmadmin -o "$OUT" -t 10 \
    --ssh-command "$FAKE" > /dev/null 2>&1
rc=$?
is_rc 0 "the host in the prompt is compared without case (ssh lowercases it)"
cp "$OUT" "$TMPD/previous"

collect -t 10
is_rc 2 "no password when one is asked exits 2"
like "$err" 'a password was asked and none was given' "no password: message"

CUC_PASSWORD=secret FAKE_CUC_MODE=hostkey collect -t 10
is_rc 2 "unknown host key exits 2"
like "$err" 'the host key is not known' "host key: message"
! grep -q '^hostkey answer yes' "$LOG"
ok $? "an unknown host key is never accepted"
previous_kept "host key"

# --- timeouts --------------------------------------------------------------------
# 3 s, not 1: the fake must have started (and said its pid) before the end.
CUC_PASSWORD=secret FAKE_CUC_MODE=hang_login collect -t 3
is_rc 3 "no prompt after login: timeout exits 3"
like "$err" 'timeout: no admin: prompt from cuc1 within 3 s' "login timeout: message"
previous_kept "login timeout"
fake_gone "login timeout"

# -t is for the whole run: 3 s leave the fake time to log in under load.
CUC_PASSWORD=secret FAKE_CUC_MODE=hang_query collect -t 3
is_rc 3 "the answer never ends: timeout exits 3"
like "$err" 'timeout: the answer to the query did not end within 3 s' "query timeout: message"
previous_kept "query timeout"
fake_gone "query timeout"

# -t bounds the whole run: a peer that keeps printing (a line every 0.2 s)
# does not reset it.  The collector is given 3 x -t before it is killed
# (exit 124), so only a run that never ends fails, not a slow machine.
for mode in trickle_login trickle_query; do
	: > "$LOG"
	CUC_PASSWORD=secret FAKE_CUC_MODE=$mode timeout -k 1 9 \
	    "$C" -H cuc1 -l ccmadmin -o "$OUT" --ssh-command "$FAKE" -t 3 \
	    > /dev/null 2> "$TMPD/stderr"
	rc=$?
	err=$(cat "$TMPD/stderr")
	is_rc 3 "$mode: a peer that keeps printing: timeout exits 3 within -t"
	case $mode in
	trickle_login) what='no admin: prompt from cuc1' ;;
	*) what='the answer to the query did not end' ;;
	esac
	like "$err" "^cuc_dbquery_collect: timeout: $what within 3 s" "$mode: timeout message"
	previous_kept "$mode"
	fake_gone "$mode"
done

# --- CLI errors --------------------------------------------------------------------
CUC_PASSWORD=secret FAKE_CUC_MODE=clierror collect -t 10
is_rc 4 "Executed command unsuccessfully exits 4"
like "$err" 'the CLI failed the query: Executed command unsuccessfully \(-206: The specified table' "CLI error: names the SQL error"
previous_kept "CLI error"

CUC_PASSWORD=secret FAKE_CUC_MODE=die collect -t 10
is_rc 4 "connection closed in the middle exits 4"
like "$err" 'the connection closed in the middle of the answer' "closed: message"
previous_kept "closed connection"

FAKE_CUC_FIXTURE="$PWD/tests/data/subscriptions/garbage.txt" \
    CUC_PASSWORD=secret collect -t 10
is_rc 4 "an answer that is not a table exits 4"
like "$err" "not a table: <html>" "not a table: message"
previous_kept "not a table"

# --- no records, key, big ----------------------------------------------------------
CUC_PASSWORD=secret FAKE_CUC_MODE=norecords collect -t 10
is_rc 0 "No records found is a valid capture"
grep -qx 'No records found' "$OUT"
ok $? "No records found captured"
run check_cuc_subscriptions -f "$OUT"
is_rc 2 "the check: no subscriptions is CRITICAL"

FAKE_CUC_MODE=key collect -i "$TMPD/id_ed25519" -t 10
is_rc 0 "login with a key, no password"
grep -q -- "-i $TMPD/id_ed25519" "$LOG"
ok $? "the key goes to ssh as -i"

python3 tests/lab/gen_dbquery.py --rows 20000 --stale 50 > "$TMPD/big.txt"
FAKE_CUC_FIXTURE="$TMPD/big.txt" CUC_PASSWORD=secret collect -t 60
is_rc 0 "20,000 rows collected"
run check_cuc_subscriptions -f "$OUT" --stale-after 1e9
perf_has "subscriptions=20000;" "all 20,000 rows read back"

# --- usage and safety --------------------------------------------------------------
"$C" > /dev/null 2> "$TMPD/stderr"
rc=$?
is_rc 1 "no arguments exits 1"
"$C" --help > "$TMPD/stdout" 2>&1
rc=$?
is_rc 0 "--help exits 0"
grep -q '^Usage: cuc_dbquery_collect -H HOST -l USER -o FILE' "$TMPD/stdout"
ok $? "--help shows the usage"
# One line, as the plugins print it, with the Makefile's VERSION.
version=$(sed -n 's/^VERSION[[:space:]]*=[[:space:]]*//p' Makefile)
for v in --version -V; do
	"$C" $v > "$TMPD/stdout" 2> "$TMPD/stderr"
	rc=$?
	is_rc 0 "$v exits 0"
	[ "$(cat "$TMPD/stdout")" = "cuc_dbquery_collect $version (cuc-single-inbox-plugins)" ] &&
	    [ ! -s "$TMPD/stderr" ]
	ok $? "$v: one line, cuc_dbquery_collect $version (cuc-single-inbox-plugins)"
done
collect --query "$(printf 'select 1\nexit')"
is_rc 1 "a query of two lines is refused"
# ^U kills the CLI's line: what follows it would run instead of the query.
CUC_PASSWORD=secret collect --query "$(printf 'select 1 \025utils system restart')"
is_rc 1 "a query with a control character (^U) is refused"
like "$err" '^cuc_dbquery_collect: --query: character 10 is 0x15, not printable ASCII' "control character: option, position and code named"
! grep -q '^command' "$LOG"
ok $? "control character: nothing sent to the CLI"
collect --query "$(printf 'select 1\033[A')"
is_rc 1 "a query with ESC is refused"
collect --query "$(printf 'select 1\t')"
is_rc 1 "a query with a tab is refused"
collect --query "$(printf 'select caf\303\251')"
is_rc 1 "a query with non-ASCII is refused"
like "$err" "--query: character 11 is 0xe9" "non-ASCII: code named"
CUC_PASSWORD=secret "$C" -H cuc1 -l ccmadmin -o /nonexistent/dir/x.txt \
    --ssh-command "$FAKE" 2> /dev/null
rc=$?
is_rc 5 "an unwritable directory exits 5"
# The host goes to the program as one argument, never through a shell.
CUC_PASSWORD=secret "$C" -H "cuc1;touch $TMPD/pwned" -l ccmadmin \
    -o "$TMPD/x.txt" --ssh-command "$FAKE" > /dev/null 2>&1
[ ! -e "$TMPD/pwned" ]
ok $? "no shell between the collector and --ssh-command"

done_testing
