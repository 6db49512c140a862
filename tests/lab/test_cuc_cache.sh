#!/bin/sh
# test_cuc_cache.sh - the --cuc cache on a shared host (issue 15): 200 runs
# at once all answer the same; a run that fails half-way still leaves the
# bound and no temporary file; and, as an unprivileged victim (nobody,
# through setpriv) against an attacker (uid 4242, no passwd entry), a root
# pre-created by another user, a symbolic link as the root (whose trim
# would delete the victim's own files) and as the host directory, a host
# directory swapped in mid-run, a loosened directory with a planted file
# and a planted file or link in a sound one: each UNKNOWN naming the path
# and the reason, nothing written there, nothing planted read.
# Against tests/lab/fake_serviceability.py; needs python3 and openssl, the
# ownership part root and setpriv.
. tests/lib.sh

if ! command -v openssl > /dev/null 2>&1 || ! command -v python3 > /dev/null 2>&1; then
	echo "1..0 # SKIP openssl or python3 missing"
	exit 0
fi

MB=check_cuc_mbxsync
D=$TMPD
NOW=2026-11-25T10:00:00Z
AS_NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups"
AS_ATTACKER="setpriv --reuid=4242 --regid=4242 --clear-groups"

. tests/lab/fake_serviceability.sh
stop_fake() { svc_stop; }
cleanup_hook() { stop_fake; }

# start_fake ARGS...: a fresh server serving $D/mb, port in $PORT.
start_fake() {
	svc_start "$D" --service "Connection Mailbox Sync=$D/mb=diag_CuMbxSync_*.uc" \
	    "$@" || { echo "Bail out! fake service did not start"; exit 1; }
	HOSTDIR=127.0.0.1_$PORT
}

strip_fetch() { printf '%s\n' "$1" | sed -e 's/ fetch_time=[^ ]*//' -e 's/ fetched=[^ ]*//'; }
# no_temp DIR: no temporary file (.fetch.*) in DIR.
no_temp() {
	for f in "$1"/.fetch.*; do
		[ -e "$f" ] && return 1
	done
	return 0
}

# An EC key: 200 TLS handshakes at once are cheap for the fake with it.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$D/key.pem" -out "$D/cert.pem" -days 2 -subj /CN=127.0.0.1 \
    -addext "subjectAltName=IP:127.0.0.1" > /dev/null 2>&1 ||
    { echo "Bail out! openssl cannot make a certificate"; exit 1; }
mkdir "$D/mb" || exit 1
cp tests/data/sample/mbxsync/*.uc "$D/mb/" || exit 1
touch -d 2026-11-25T09:41:59Z "$D/mb/diag_CuMbxSync_00000312.uc"
touch -d 2026-11-25T09:50:59Z "$D/mb/diag_CuMbxSync_00000313.uc"
touch -d 2026-11-25T10:00:00Z "$D/mb/diag_CuMbxSync_00000314.uc"
printf '[%s]\ncuc-user=monitor\ncuc-password=secret\n' $MB > "$D/ok.ini"
# A planted copy of 313: its listed size and time, none of its lines.
awk '{ gsub(/./, " "); print }' "$D/mb/diag_CuMbxSync_00000313.uc" > "$D/planted"
touch -r "$D/mb/diag_CuMbxSync_00000313.uc" "$D/planted"

# cuc ARGS...: mbxsync --cuc as this user.
cuc() {
	run $MB --cuc "127.0.0.1:$PORT" --extra-opts="@$D/ok.ini" \
	    --ca-cert "$D/cert.pem" --now $NOW "$@"
}

run $MB --logdir "$D/mb" --now $NOW
disk_rc=$rc disk_line=$line1
[ "$disk_rc" -eq 0 ] && [ "$(strip_fetch "$disk_line")" = "$disk_line" ]
ok $? "the files on disk: OK (the answer every --cuc run must give)"

# --- 200 runs at once ------------------------------------------------
# Before: the lock was held for the whole run: 109 of 200 ended UNKNOWN
# "stayed locked", the rest queued.  Now only moving a file in is locked.
# Under the sanitizers (make check SAN=1) each run costs several times
# the CPU: 50 runs then, so a slow machine does not turn it into a test
# of its speed.
N=200
[ "${SAN:-}" = 1 ] && N=50
if [ -n "$VALGRIND" ]; then
	echo "# skip $N runs at once: under valgrind"
else
	start_fake
	mkdir "$D/burst"
	(
		i=0
		while [ $i -lt $N ]; do
			( "$BIN/$MB" --cuc "127.0.0.1:$PORT" --extra-opts="@$D/ok.ini" \
			    --ca-cert "$D/cert.pem" --now $NOW --cache-dir "$D/cache" \
			    > "$D/burst/out.$i" 2> "$D/burst/err.$i"
			  echo $? > "$D/burst/rc.$i" ) &
			i=$((i + 1))
		done
		wait
	)
	answered=$(cat "$D/burst"/rc.* | grep -c '^0$')
	[ "$answered" -eq $N ]
	ok $? "$N runs at once with the default -t: all OK ($answered of $N)"
	for f in "$D/burst"/out.*; do
		strip_fetch "$(head -n 1 "$f")"
	done | sort | uniq -c > "$D/burst/lines"
	[ "$(wc -l < "$D/burst/lines")" -eq 1 ] &&
	    [ "$(sed "s/^ *$N //" "$D/burst/lines")" = "$disk_line" ]
	ok $? "$N runs at once: all the same answer, the one from disk"
	[ "$(grep -c 'stayed locked' "$D/burst"/out.*  | grep -vc ':0$')" -eq 0 ]
	ok $? "$N runs at once: none stayed locked"
	[ "$(cat "$D/burst"/err.* | wc -c)" -eq 0 ]
	ok $? "$N runs at once: nothing on stderr"
	no_temp "$D/cache/$HOSTDIR"
	ok $? "$N runs at once: no temporary file left"
fi

# --- a run that fails half-way ----------------------------------------
# The window of 1200 s needs 312 too, above --cuc-max-file: 314 and 313
# are fetched, then the run fails.  A big file of no use and a killed
# run's temporary file were there: both go, as after an answered run.
start_fake
rm -rf "$D/cache"
cuc --cache-dir "$D/cache"
is_rc 0 "half-way: a first run fills the cache"
head -c 65536 /dev/zero > "$D/cache/$HOSTDIR/diag_CuMbxSync_00000001.uc"
touch -d 2020-01-01T00:00:00Z "$D/cache/$HOSTDIR/diag_CuMbxSync_00000001.uc"
head -c 65536 /dev/zero > "$D/cache/$HOSTDIR/.fetch.999999.dead"
rm -f "$D/cache/$HOSTDIR/diag_CuMbxSync_00000313.uc"
cuc --cache-dir "$D/cache" --window 1200 --cuc-max-file 5000 --cache-size 16K
is_rc 3 "half-way: a file above --cuc-max-file is UNKNOWN"
like "$line1" "diag_CuMbxSync_00000312.uc is 5946 bytes, above --cuc-max-file" \
    "half-way: says which file"
[ ! -e "$D/cache/$HOSTDIR/diag_CuMbxSync_00000001.uc" ]
ok $? "half-way: the bound enforced all the same (the old file removed)"
[ ! -e "$D/cache/$HOSTDIR/.fetch.999999.dead" ]
ok $? "half-way: a killed run's temporary file removed"
no_temp "$D/cache/$HOSTDIR"
ok $? "half-way: no temporary file of its own left"
[ -s "$D/cache/$HOSTDIR/diag_CuMbxSync_00000313.uc" ]
ok $? "half-way: what it fetched is kept for the next run"
# A live run's temporary file (flock held) is left alone.
if command -v flock > /dev/null 2>&1; then
	flock "$D/cache/$HOSTDIR/.fetch.999998.live" sleep 60 &
	holder=$!
	i=0
	while [ ! -e "$D/cache/$HOSTDIR/.fetch.999998.live" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	cuc --cache-dir "$D/cache" --cache-size 1
	is_rc 0 "a live run's temporary file: OK"
	[ -e "$D/cache/$HOSTDIR/.fetch.999998.live" ]
	ok $? "a live run's temporary file: left alone"
	kill $holder 2> /dev/null
	wait $holder 2> /dev/null
else
	echo "# skip a live run's temporary file: no flock(1)"
fi

# --- another user: nobody, the victim; uid 4242, the attacker ----------
if [ "$(id -u)" != 0 ] || ! command -v setpriv > /dev/null ||
    ! { $AS_NOBODY "$BIN/$MB" -V > /dev/null 2>&1; [ $? -eq 3 ]; }; then
	echo "# skip ownership: needs root, setpriv and a \$BIN nobody can run"
	done_testing
	exit $?
fi
chmod 755 "$D"
chmod 644 "$D/ok.ini" "$D/cert.pem"
V=$D/v
mkdir "$V" "$V/home" "$V/elsewhere" "$D/att" || exit 1
chown nobody:nogroup "$V" "$V/home" "$V/elsewhere"
chmod 700 "$V/home"
chown 4242:4242 "$D/att"
# The attacker's own copy of the planted file, readable by all.
cp -p "$D/planted" "$D/att/planted"
chown 4242:4242 "$D/att/planted"
chmod 644 "$D/att/planted"

# vrun ARGS...: mbxsync --cuc as nobody, HOME $V/home, no XDG_CACHE_HOME.
vrun() {
	$AS_NOBODY env -u XDG_CACHE_HOME HOME="$V/home" $VALGRIND "$BIN/$MB" \
	    --cuc "127.0.0.1:$PORT" --extra-opts="@$D/ok.ini" \
	    --ca-cert "$D/cert.pem" --now $NOW "$@" \
	    > "$TMPD/stdout" 2> "$TMPD/stderr"
	rc=$?
	out=$(cat "$TMPD/stdout")
	err=$(cat "$TMPD/stderr")
	line1=$(head -n 1 "$TMPD/stdout")
	return $rc
}
# as_victim CMD...: a shell command's work done as nobody.
as_victim() { $AS_NOBODY "$@"; }

start_fake

# The default place: ~/.cache in a home of the user's own, not /var/tmp.
vrun
is_rc 0 "victim, default cache: OK"
[ "$(strip_fetch "$line1")" = "$disk_line" ]
ok $? "victim, default cache: the answer from disk"
[ -f "$V/home/.cache/cuc-plugins/$HOSTDIR/diag_CuMbxSync_00000314.uc" ]
ok $? "victim, default cache: in \$HOME/.cache/cuc-plugins"
[ "$(stat -c %a:%U "$V/home/.cache/cuc-plugins" "$V/home/.cache/cuc-plugins/$HOSTDIR" | tr '\n' ' ')" = "700:nobody 700:nobody " ]
ok $? "victim, default cache: directories the victim's, mode 0700"

# A root pre-created by the attacker, mode 0777 (the /var/tmp attack).
mkdir "$V/r1"
chown 4242:4242 "$V/r1"
chmod 777 "$V/r1"
vrun --cache-dir "$V/r1"
is_rc 3 "pre-created root (0777, another owner): UNKNOWN"
like "$line1" "^CUC MBXSYNC UNKNOWN - cache directory $V/r1 belongs to uid 4242, not to this user \(uid 65534\), nothing written there" \
    "pre-created root: path and reason"
[ -z "$(ls -A "$V/r1")" ]
ok $? "pre-created root: nothing written there"
sane "pre-created root"

# The root as the attacker's symbolic link, in a sticky directory like
# /var/tmp, to a directory of the victim's: the trim would delete the
# victim's own files there.
mkdir "$D/sticky"
chmod 1777 "$D/sticky"
mkdir -p "$V/precious/$HOSTDIR"
echo "the thesis" > "$V/precious/$HOSTDIR/thesis.txt"
touch -d 2001-01-01 "$V/precious/$HOSTDIR/thesis.txt"
chown -R nobody:nogroup "$V/precious"
chmod -R go-w "$V/precious"
$AS_ATTACKER ln -s "$V/precious" "$D/sticky/cuc-plugins-65534"
vrun --cache-dir "$D/sticky/cuc-plugins-65534" --cache-size 1
is_rc 3 "symbolic link as the root: UNKNOWN"
like "$line1" "cache directory $D/sticky/cuc-plugins-65534 is a symbolic link, nothing written there" \
    "symbolic link as the root: path and reason"
[ -f "$V/precious/$HOSTDIR/thesis.txt" ] &&
    [ "$(ls -A "$V/precious/$HOSTDIR")" = thesis.txt ]
ok $? "symbolic link as the root: the victim's files untouched, nothing added"

# A symbolic link as the host directory.
as_victim mkdir -m 700 "$V/r2"
as_victim ln -s "$V/elsewhere" "$V/r2/$HOSTDIR"
vrun --cache-dir "$V/r2"
is_rc 3 "symbolic link as the host directory: UNKNOWN"
like "$line1" "cache directory $V/r2/$HOSTDIR is a symbolic link, nothing written there" \
    "symbolic link as the host directory: path and reason"
[ -z "$(ls -A "$V/elsewhere")" ]
ok $? "symbolic link as the host directory: nothing written behind it"

# The host directory swapped mid-run: the root is the attacker's (0777);
# while the run fetches 314 (the fake holds GetOneFile until $D/gate) the
# attacker moves the victim's host directory away and puts one of its own
# there, with 313 planted.  Before, the run wrote 314 into it and read the
# planted 313 as cached.
mkdir "$V/r3"
chown 4242:4242 "$V/r3"
chmod 777 "$V/r3"
start_fake --gate "$D/gate"
vrun --cache-dir "$V/r3" &
victim=$!
i=0
while ! grep -q '^GetOneFile' "$D/count.log" && kill -0 $victim 2> /dev/null &&
    [ $i -lt 300 ]; do
	sleep 0.05
	i=$((i + 1))
done
if grep -q '^GetOneFile' "$D/count.log"; then
	$AS_ATTACKER mv "$V/r3/$HOSTDIR" "$V/r3/gone"
	$AS_ATTACKER mkdir -m 777 "$V/r3/$HOSTDIR"
	$AS_ATTACKER cp -p "$D/att/planted" "$V/r3/$HOSTDIR/diag_CuMbxSync_00000313.uc"
fi
touch "$D/gate"
wait $victim
rc=$?
line1=$(head -n 1 "$TMPD/stdout")
is_rc 3 "swapped host directory: UNKNOWN"
like "$line1" "cache directory $V/r3 belongs to uid 4242, not to this user" \
    "swapped host directory: the attacker's root named"
[ "$(strip_fetch "$line1")" != "$(strip_fetch "$disk_line")" ] &&
    ! grep -q '^GetOneFile' "$D/count.log"
ok $? "swapped host directory: nothing fetched, nothing planted read"
rm -f "$D/gate"
start_fake

# A loosened host directory with a planted file: refused, left as found.
# (A root others may enter and read is fine: the files are mode 0600.)
as_victim mkdir -m 755 "$V/r4"
vrun --cache-dir "$V/r4"
is_rc 0 "loosened: the first run OK"
as_victim chmod 777 "$V/r4/$HOSTDIR"
$AS_ATTACKER rm -f "$V/r4/$HOSTDIR/diag_CuMbxSync_00000313.uc"
$AS_ATTACKER cp -p "$D/att/planted" "$V/r4/$HOSTDIR/diag_CuMbxSync_00000313.uc"
vrun --cache-dir "$V/r4"
is_rc 3 "loosened host directory (0777): UNKNOWN"
like "$line1" "cache directory $V/r4/$HOSTDIR is writable by group or others \(mode 0777\) and its files may have been planted, nothing written there" \
    "loosened host directory: path and reason"
[ "$(stat -c %a "$V/r4/$HOSTDIR")" = 777 ]
ok $? "loosened host directory: not silently chmod-ed back"
sane "loosened host directory"
[ "$(stat -c %u "$V/r4/$HOSTDIR/diag_CuMbxSync_00000313.uc")" = 4242 ]
ok $? "loosened host directory: the planted file left for the admin to see"
# A loosened root.
as_victim mkdir -m 700 "$V/r5"
as_victim chmod 757 "$V/r5"
vrun --cache-dir "$V/r5"
is_rc 3 "loosened root (0757): UNKNOWN"
like "$line1" "cache directory $V/r5 is writable by group or others \(mode 0757\)" \
    "loosened root: path and reason"
[ -z "$(ls -A "$V/r5")" ]
ok $? "loosened root: nothing written there"
# A root below a directory others may write to (not sticky).
mkdir "$D/open"
chmod 777 "$D/open"
vrun --cache-dir "$D/open/cache"
is_rc 3 "root below a directory others may write to: UNKNOWN"
like "$line1" "cache directory $D/open/cache: $D/open is writable by group or others \(mode 0777\) and not sticky, nothing written there" \
    "root below a directory others may write to: path and reason"
[ ! -e "$D/open/cache" ]
ok $? "root below a directory others may write to: nothing made there"

# Planted files in a sound host directory (left by root, or from a time
# it was loosened): another user's file, a symbolic link to one.
as_victim mkdir -m 700 "$V/r6"
vrun --cache-dir "$V/r6"
is_rc 0 "planted: the first run OK"
cp -p "$D/att/planted" "$V/r6/$HOSTDIR/diag_CuMbxSync_00000313.uc"
vrun --cache-dir "$V/r6"
is_rc 3 "planted file of another user: UNKNOWN"
like "$line1" "cache file $V/r6/$HOSTDIR/diag_CuMbxSync_00000313.uc belongs to uid 4242, not to this user \(uid 65534\): not used" \
    "planted file of another user: path and reason"
sane "planted file of another user"
ln -sf "$D/att/planted" "$V/r6/$HOSTDIR/diag_CuMbxSync_00000313.uc"
chown -h nobody:nogroup "$V/r6/$HOSTDIR/diag_CuMbxSync_00000313.uc"
vrun --cache-dir "$V/r6"
is_rc 3 "planted symbolic link: UNKNOWN"
like "$line1" "cache file $V/r6/$HOSTDIR/diag_CuMbxSync_00000313.uc is a symbolic link: not used" \
    "planted symbolic link: path and reason"
# The newest file, always fetched, is never moved over a planted one.
rm -f "$V/r6/$HOSTDIR/diag_CuMbxSync_00000313.uc" "$V/r6/$HOSTDIR/diag_CuMbxSync_00000314.uc"
ln -s "$D/att/planted" "$V/r6/$HOSTDIR/diag_CuMbxSync_00000314.uc"
chown -h nobody:nogroup "$V/r6/$HOSTDIR/diag_CuMbxSync_00000314.uc"
vrun --cache-dir "$V/r6"
is_rc 3 "planted link as the newest file: UNKNOWN"
[ -L "$V/r6/$HOSTDIR/diag_CuMbxSync_00000314.uc" ] &&
    no_temp "$V/r6/$HOSTDIR"
ok $? "planted link as the newest file: left as found, no temporary file"

done_testing
