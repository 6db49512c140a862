#!/bin/sh
# test_sftp.sh - check_cuc_subscriptions --url sftp:// against a throw-away
# OpenSSH sshd on 127.0.0.1 (host and client keys made here, key auth only).
# The capture read over sftp gives the same first line and perfdata as -f on
# the same file; an unknown host key (empty ~/.ssh/known_hosts) is UNKNOWN
# and says so; --insecure takes any host key; a missing file is UNKNOWN and
# named; no key material leaks into the output.  Needs openssh-server
# (make deps): without /usr/sbin/sshd this FAILS.  A few seconds.
. "$(dirname "$0")/../lib.sh"

P=check_cuc_subscriptions
SSHD=/usr/sbin/sshd
FIXTURE=tests/data/sample/subscriptions.txt
NOW=2026-11-25T10:05:00Z
D=$TMPD/sshd
SRV=$TMPD/srv
spid=""
cleanup_hook() {
	if [ -n "$spid" ]; then
		# Let sshd reap its per-connection children itself first.
		i=0
		while pgrep -P "$spid" > /dev/null 2>&1 && [ $i -lt 20 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill "$spid" 2> /dev/null
		wait "$spid" 2> /dev/null
	fi
}

if [ ! -x "$SSHD" ] || ! command -v ssh-keygen > /dev/null 2>&1; then
	ok 1 "$SSHD and ssh-keygen are installed (make deps: openssh-server)"
	done_testing
	exit 1
fi

# The client side lives in a HOME of its own: libcurl takes ~/.ssh/id_rsa
# and the plugin ~/.ssh/known_hosts from there.
export HOME="$TMPD/home"
mkdir -p "$D" "$SRV" "$HOME/.ssh" || exit 1
chmod 700 "$HOME/.ssh"
cp "$FIXTURE" "$SRV/subscriptions.txt" || exit 1
ssh-keygen -q -t ed25519 -N '' -C lab-host -f "$D/host_key" > /dev/null
# libcurl 7.88 offers only ~/.ssh/id_rsa (else id_dsa), of any type.  An
# RSA key does not do: libssh2 1.10 signs with ssh-rsa (SHA-1), which
# OpenSSH 8.8 and later refuse.  Ed25519 works, so it goes under that name.
ssh-keygen -q -t ed25519 -N '' -C lab-client -f "$HOME/.ssh/id_rsa" \
    > /dev/null
cp "$HOME/.ssh/id_rsa.pub" "$D/authorized_keys"
# Privilege separation wants its empty directory (the package's unit
# makes it; we run sshd by hand).
[ "$(id -u)" -ne 0 ] || [ -d /run/sshd ] || mkdir -p -m 755 /run/sshd

PORT=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')
USER_NAME=$(id -un)
cat > "$D/sshd_config" << EOF
ListenAddress 127.0.0.1
Port $PORT
HostKey $D/host_key
PidFile $D/sshd.pid
AuthorizedKeysFile $D/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
Subsystem sftp internal-sftp
EOF
"$SSHD" -D -e -f "$D/sshd_config" > "$D/sshd.log" 2>&1 &
spid=$!
python3 -c 'import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)' "$PORT"
ok $? "sshd listens on 127.0.0.1:$PORT"

URL="sftp://$USER_NAME@127.0.0.1:$PORT$SRV/subscriptions.txt"
KH="$HOME/.ssh/known_hosts"
printf '[127.0.0.1]:%s %s\n' "$PORT" "$(cut -d' ' -f1,2 "$D/host_key.pub")" \
    > "$KH"

# The reference: the same file read with -f.
run $P -f "$SRV/subscriptions.txt" --now $NOW -t 5
ref_rc=$rc
ref_line1=$line1
ref_perf=$perf
like "$ref_line1" '^CUC SUBSCRIPTIONS [A-Z]+ - ' "reference: -f on the capture"

# --- host key known ---------------------------------------------------------
run $P --url "$URL" --now $NOW -t 5
is_rc "$ref_rc" "known host key: read over sftp"
[ "$line1" = "$ref_line1" ]
ok $? "sftp: same first line as -f (dump age from the collector line)"
[ -n "$perf" ] && [ "$perf" = "$ref_perf" ]
ok $? "sftp: same perfdata as -f"
no_stderr "sftp: nothing on stderr"
well_formed "sftp: output well formed"
unlike "$out" 'PRIVATE KEY|BEGIN ' "sftp: no key material in the output"
grep -q "Accepted publickey for $USER_NAME" "$D/sshd.log"
ok $? "sshd logged a publickey login (no password involved)"

# --- host key unknown -------------------------------------------------------
: > "$KH"
run $P --url "$URL" --now $NOW -t 5
is_rc 3 "empty known_hosts: host key refused"
like "$line1" '^CUC SUBSCRIPTIONS UNKNOWN - cannot fetch sftp://' \
    "unknown host key: UNKNOWN, cannot fetch"
like "$line1" "SSH host key not in $KH or does not match it\$" \
    "unknown host key: says it is the host key, and where to put it"
no_stderr "unknown host key: nothing on stderr"
well_formed "unknown host key: output well formed"

# A different key for the same host and port is refused as well.
ssh-keygen -q -t ed25519 -N '' -f "$D/other_key" > /dev/null
printf '[127.0.0.1]:%s %s\n' "$PORT" \
    "$(cut -d' ' -f1,2 "$D/other_key.pub")" > "$KH"
run $P --url "$URL" --now $NOW -t 5
is_rc 3 "known_hosts with another key: refused"
like "$line1" 'SSH host key not in .* or does not match it$' \
    "mismatching host key: says it is the host key"

# No known_hosts file at all (HOME without one).
rm -f "$KH"
run $P --url "$URL" --now $NOW -t 5
is_rc 3 "no known_hosts file: refused, not trusted on first use"
[ ! -e "$KH" ]
ok $? "no known_hosts file: the plugin did not write one"

# --- --insecure -------------------------------------------------------------
: > "$KH"
run $P --url "$URL" --now $NOW -t 5 --insecure
is_rc "$ref_rc" "--insecure: any host key taken"
[ "$line1" = "$ref_line1" ]
ok $? "--insecure: same first line as -f"
no_stderr "--insecure: nothing on stderr"
[ ! -s "$KH" ]
ok $? "--insecure: known_hosts left alone"

# --- wrong path -------------------------------------------------------------
printf '[127.0.0.1]:%s %s\n' "$PORT" "$(cut -d' ' -f1,2 "$D/host_key.pub")" \
    > "$KH"
BAD="sftp://$USER_NAME@127.0.0.1:$PORT$SRV/no-such-capture.txt"
run $P --url "$BAD" --now $NOW -t 5
is_rc 3 "missing remote file"
like "$line1" '^CUC SUBSCRIPTIONS UNKNOWN - cannot fetch sftp://127\.0\.0\.1:[0-9]+/.*/no-such-capture\.txt: ' \
    "missing remote file: UNKNOWN naming it"
like "$line1" '[Nn]o such file|not found' "missing remote file: says it is missing"
no_stderr "missing remote file: nothing on stderr"
unlike "$out" 'PRIVATE KEY|BEGIN ' "missing remote file: no key material"

done_testing
