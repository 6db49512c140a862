#!/bin/sh
# check_cuc_subscriptions on the captures of tests/data/subscriptions:
# exit codes, first lines and perfdata; every guard (old dump, dump from
# the future, no time, min-subscriptions), % thresholds, stdin, --url
# (file:// and http:// through libcurl), missing input, 20,000 rows.
#
# Git keeps no mtimes, so the captures are copied and dated here: each was
# "taken" at 2026-11-25 10:00:00Z, and the check runs 2 minutes later.
# Every fixture's rows were heard from 60 s, 300 s and 3600 s (less the
# fraction) before 10:00:00: one of three is stale.
. tests/lib.sh

P=check_cuc_subscriptions
D=$TMPD/data
NOW=2026-11-25T10:02:00Z
cp -R tests/data/subscriptions "$D" || exit 1
for f in "$D"/*.txt; do
	touch -d 2026-11-25T10:00:00Z "$f" || exit 1
done


# --- every capture shape gives the same answer ---------------------------
for f in cuc cuc_crlf pty bare_frac6 frac0 reordered dbaccess wide_value \
    no_id collected pager; do
	run $P -f "$D/$f.txt" --now $NOW -w 0 -c 5
	is_rc 1 "$f: one stale of three is WARNING with -w 0"
	like "$line1" '^CUC SUBSCRIPTIONS WARNING - 1 of 3 subscriptions stale \(33\.3%, no notification for over 900 s\), oldest 3[56][90][90] s, dump 120 s old \|' "$f: first line"
	perf_has "stale=1;0;5;0;3 " "$f: stale perfdata with thresholds"
	perf_has "stale_share=33.33%;;;0;100 " "$f: stale_share perfdata"
	perf_has "subscriptions=3;;1:;0 " "$f: subscriptions perfdata"
	case $f in
	frac0)	perf_has "oldest=3600s;;;0 " "$f: oldest perfdata" ;;
	*)	perf_has "oldest=3599s;;;0 " "$f: oldest perfdata" ;;
	esac
	perf_has "dump_age=120s;;;0" "$f: dump_age perfdata"
	well_formed "$f: well formed"
	no_stderr "$f: nothing on stderr"
done

# pager.txt is cuc_crlf.txt as a terminal log keeps it when the CLI's pager
# was answered: its prompt in bold, erased with CR ESC[K, the next row on
# the same line (the shapes Cisco's unicon VOS plugin matches:
# CiscoTestAutomation/unicon.plugins, src/unicon/plugins/vos/patterns.py).
run $P -f "$D/pager.txt" --now $NOW -vv
like "$out" 'skipped 3 prompts of the CLI pager \(first at line 6\)' "-v counts the pager prompts skipped"
run $P -f "$D/cuc.txt" --now $NOW -vv
unlike "$out" 'pager' "no pager line in -v without pager prompts"

# A prompt in the middle: rows after it are a second answer, not ignored.
awk 'NR == 6 { print "admin:" } { print }' "$D/cuc.txt" > "$D/mid_prompt.txt"
touch -d 2026-11-25T10:00:00Z "$D/mid_prompt.txt"
run $P -f "$D/mid_prompt.txt" --now $NOW
is_rc 3 "rows after a prompt in the middle: UNKNOWN"
like "$line1" "^CUC SUBSCRIPTIONS UNKNOWN - .*mid_prompt\.txt: line 7: rows again after the prompt at line 6 \(two answers in one capture\?\)" "mid prompt: line named"
well_formed "mid prompt: well formed"

# --- the seed's own capture ----------------------------------------------
# tests/data/subscriptions/seed_dbaccess.txt is the tbl_exsubscription
# capture of shared/seed/000_601716c3c40b2432.txt byte for byte: the
# dbaccess prompt and query, one dashes line, single spaces, ten rows
# heard between 16:00:45.775 and 16:02:11.486 UTC, a blank line and the
# closing "unitydyndb>".  Some of its ids are not well-formed uuids; they
# are listed as they are.
S=$D/seed_dbaccess.txt
touch -d 2014-06-29T16:03:00Z "$S"
run $P -f "$S" --now 2014-06-29T16:05:00Z
is_rc 0 "seed capture, taken at 16:03: all ten fresh is OK"
# an OK line reads as OK: nothing "stale" in it
like "$line1" '^CUC SUBSCRIPTIONS OK - 10 subscriptions, each notified within 900 s, oldest 134 s, dump 120 s old \|' "seed, fresh: first line"
perf_has "stale=0;;;0;10 " "seed, fresh: stale perfdata"
perf_has "stale_share=0%;1;10;0;100 " "seed, fresh: stale_share perfdata"
perf_has "subscriptions=10;;1:;0 " "seed, fresh: subscriptions perfdata"
perf_has "oldest=134s;;;0 " "seed, fresh: oldest perfdata"
perf_has "dump_age=120s;;;0" "seed, fresh: dump_age perfdata"
well_formed "seed, fresh: well formed"
no_stderr "seed, fresh: nothing on stderr"

run_stdin "$S" $P -f - --max-dump-age 0 --now 2014-06-29T16:05:00Z -vv
is_rc 0 "seed capture on stdin, ages to --now 16:05: OK"
like "$line1" ' - 10 subscriptions, each notified within 900 s, oldest 254 s \|' "seed on stdin: ages count to --now"
like "$out" 'capture stdin: 10 rows, header at line 2, 3 columns' "seed: -v names the header line"
like "$out" 'e3bebe03-0ca7-4cec-956c-6d1d1f1fea0e6  2014-06-29 16:00:47Z  253 s' "seed: a malformed id is listed as it is"

# The 15-minute rule: taken at 16:16, the nine rows heard before 16:01
# are stale and the one of 16:02:11 is not.
touch -d 2014-06-29T16:16:00Z "$S"
run $P -f "$S" --now 2014-06-29T16:16:30Z -w 5 -c 10
is_rc 1 "seed capture taken at 16:16: 9 stale beyond -w 5"
like "$line1" '^CUC SUBSCRIPTIONS WARNING - 9 of 10 subscriptions stale \(90%, no notification for over 900 s\), oldest 914 s, dump 30 s old \|' "seed at 16:16: first line"
perf_has "stale=9;5;10;0;10 " "seed at 16:16: stale perfdata"

touch -d 2014-06-29T16:20:00Z "$S"
run $P -f "$S" --now 2014-06-29T16:20:00Z
is_rc 2 "seed capture taken at 16:20: all ten stale is CRITICAL"
like "$line1" '^CUC SUBSCRIPTIONS CRITICAL - 10 of 10 subscriptions stale \(100%, no notification for over 900 s\), oldest 1154 s, dump 0 s old \|' "seed at 16:20: first line"
perf_has "stale=10;;;0;10 " "seed at 16:20: stale perfdata"
perf_has "stale_share=100%;1;10;0;100 " "seed at 16:20: stale_share perfdata"
perf_has "oldest=1154s;;;0 " "seed at 16:20: oldest perfdata"

# --- thresholds ----------------------------------------------------------
run $P -f "$D/cuc.txt" --now $NOW
is_rc 2 "defaults -w 1% -c 10%: 33% stale is CRITICAL"
perf_has "stale_share=33.33%;1;10;0;100 " "default % thresholds on stale_share"
perf_has "stale=1;;;0;3 " "no count thresholds on stale by default"

run $P -f "$D/cuc.txt" --now $NOW -w 30% -c 50%
is_rc 1 "33% stale beyond -w 30% is WARNING"
perf_has "stale_share=33.33%;30;50;0;100 " "% thresholds on stale_share"

run $P -f "$D/cuc.txt" --now $NOW -w 40% -c 50%
is_rc 0 "33% stale within -w 40% is OK"
like "$line1" '^CUC SUBSCRIPTIONS OK - 1 of 3 ' "OK first line"

run $P -f "$D/cuc.txt" --now $NOW -w 40% -c 0
is_rc 2 "mixed: count -c 0 alerts on one stale row"
perf_has "stale=1;;0;0;3 " "count critical on stale, % warning on stale_share"
perf_has "stale_share=33.33%;40;;0;100 " "% warning on stale_share"

run $P -f "$D/cuc.txt" --now $NOW -w 5 -c 10
is_rc 0 "one stale row within -w 5 is OK"

run $P -f "$D/cuc.txt" --now $NOW --stale-after 3600
is_rc 0 "--stale-after 3600: nothing is stale"
like "$line1" ' - 3 subscriptions, each notified within 3600 s,' "--stale-after in the summary"

run $P -f "$D/nulls.txt" --now $NOW -w 1 -c 3
is_rc 1 "a NULL timestamputc is stale: 2 of 4 beyond -w 1"
like "$line1" ' - 2 of 4 subscriptions stale \(50%, no notification for over 900 s, 1 never notified\), oldest 3599 s' "NULL counted as never notified"
perf_has "stale=2;1;3;0;4 " "nulls: stale perfdata"

# --- min-subscriptions -----------------------------------------------------
run $P -f "$D/no_records.txt" --now $NOW
is_rc 2 "No records found is CRITICAL"
like "$line1" '^CUC SUBSCRIPTIONS CRITICAL - no subscriptions \(No records found, at least 1 expected\), dump 120 s old \|' "No records found first line"
perf_has "subscriptions=0;;1:;0 " "no records: subscriptions=0"
perf_has "stale=0;;;0;0 " "no records: stale 0 of 0"
unlike "$perf" 'stale_share=|oldest=' "no records: no share and no oldest row to measure (left out, not 0)"
well_formed "no records: well formed"

run $P -f "$D/no_records.txt" --now $NOW --min-subscriptions 0
is_rc 0 "--min-subscriptions 0 accepts an empty table"

run $P -f "$D/cuc.txt" --now $NOW --min-subscriptions 4 -w 5 -c 10
is_rc 2 "3 rows below --min-subscriptions 4 is CRITICAL"
like "$line1" ' - only 3 subscriptions, at least 4 expected, 1 stale \(33\.3%' "min-subscriptions first line"
perf_has "subscriptions=3;;4:;0 " "min-subscriptions as critical range"

# --- the dump's age ----------------------------------------------------------
run $P -f "$D/cuc.txt" --now 2026-11-25T10:20:00Z
is_rc 3 "a dump 20 min old is UNKNOWN"
like "$line1" '^CUC SUBSCRIPTIONS UNKNOWN - dump is 1200 s old, more than 900 s \(.*cuc\.txt, taken 2026-11-25 10:00:00Z per file mtime\)' "old dump names its age and source"
perf_has "dump_age=1200s" "old dump: dump_age perfdata"
well_formed "old dump: well formed"

run $P -f "$D/cuc.txt" --now 2026-11-25T10:20:00Z --max-dump-age 1800 -w 0 -c 5
is_rc 1 "--max-dump-age 1800 accepts it; ages count to the dump's time"
perf_has "stale=1;" "ages count to the dump's time, not to --now"

run $P -f "$D/cuc.txt" --now 2026-11-25T09:50:00Z
is_rc 3 "a dump dated 10 min ahead is UNKNOWN"
like "$line1" 'dump is dated 600 s in the future' "future dump named"

touch -d 2026-11-20T00:00:00Z "$D/collected.txt"
run $P -f "$D/collected.txt" --now $NOW -w 0 -c 5
is_rc 1 "the collector line wins over an old mtime"
like "$line1" 'dump 120 s old' "collector line's time used"
run $P -f "$D/collected.txt" --now $NOW -vv
like "$out" 'taken 2026-11-25 10:00:00Z per collector line, host cuc1.example.com' "-v names the collector line and host"

# --- stdin -----------------------------------------------------------------------
run_stdin "$D/collected.txt" $P -f - --now $NOW -w 0 -c 5
is_rc 1 "stdin with a collector line"
perf_has "stale=1;0;5;0;3 " "stdin: stale perfdata"
perf_has "dump_age=120s" "stdin: dump_age from the collector line"

run_stdin "$D/cuc.txt" $P -f - --now $NOW
is_rc 3 "stdin without a collector line has no time: UNKNOWN"
like "$line1" 'cannot tell how old the dump from stdin is: no cuc_dbquery_collect line \(--max-dump-age=0 accepts it\)' "no time named"

run_stdin "$D/cuc_crlf.txt" $P -f - --now 2026-11-25T10:00:00Z --max-dump-age 0 -w 0 -c 5
is_rc 1 "stdin, --max-dump-age 0: ages count to --now"
unlike "$perf" 'dump_age' "no dump_age without a time"

# --- broken captures: UNKNOWN naming the line ---------------------------------------
for c in "no_timestamputc:line 3: header has no timestamputc column" \
    "bad_timestamp:line 6: timestamputc ‘2026-11-25 25:61:00.000’ is not a datetime" \
    "header_only:line 3: header but no rows" \
    "truncated:line 7: timestamputc" \
    "cli_error:line 5: the CLI says ‘Executed command unsuccessfully’ after line 3 ‘-206" \
    "garbage:no column header found \(line 1 says ‘‹html›" \
    "empty:no column header and no ‘No records found’ \(empty capture\)"; do
	f=${c%%:*}
	want=${c#*:}
	run $P -f "$D/$f.txt" --now $NOW
	is_rc 3 "$f: UNKNOWN"
	like "$line1" "^CUC SUBSCRIPTIONS UNKNOWN - .*$f\.txt: $want" "$f: names the problem"
	well_formed "$f: well formed"
	no_stderr "$f: nothing on stderr"
done

run $P -f "$TMPD/nonexistent.txt" --now $NOW
is_rc 3 "missing file is UNKNOWN"
like "$line1" "^CUC SUBSCRIPTIONS UNKNOWN - cannot read the capture: .*nonexistent\.txt: No such file or directory" "missing file: reason"

run $P -f "$D" --now $NOW
is_rc 3 "a directory is UNKNOWN"

# --- --url ------------------------------------------------------------------------
run $P --url "file://$D/collected.txt" --now $NOW -w 0 -c 5
is_rc 1 "--url file:// through libcurl"
perf_has "stale=1;0;5;0;3 " "--url file://: stale perfdata"
perf_has "dump_age=120s" "--url file://: time from the collector line"
no_stderr "--url file://: nothing on stderr"

run $P --url "file://$D/cuc.txt" --now $NOW
is_rc 3 "--url without a collector line has no time"
like "$line1" "cannot tell how old the dump from file://.*cuc\.txt is" "--url: no time named"

run $P --url "file://$D/missing.txt" --now $NOW
is_rc 3 "--url to a missing file is UNKNOWN"
like "$line1" "^CUC SUBSCRIPTIONS UNKNOWN - cannot fetch file://.*missing\.txt: " "--url missing: reason"

run $P --url "ftp://127.0.0.1/x" --now $NOW
opt_err '--url: “ftp://127\.0\.0\.1/x” is not a file://, sftp://, https:// or http:// URL$' "--url ftp://"
run $P --url "ftp://mon:s3cret@127.0.0.1/x" --now $NOW
opt_err '--url: “ftp://127\.0\.0\.1/x” is not' "--url ftp:// with a password"
unlike "$out" 's3cret' "a refused --url never shows its password"

# Local HTTP and HTTPS servers (127.0.0.1, a free port each) for status
# handling and TLS verification.
mkdir -p "$TMPD/www"
cp "$D/collected.txt" "$TMPD/www/"
# serve DIR PORTFILE [CERT KEY]: in the background, for at most 120 s.
serve() {
	python3 -c '
import http.server, socketserver, ssl, sys, os, time
d, portfile = sys.argv[1], sys.argv[2]
class H(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a, **k):
        super().__init__(*a, directory=d, **k)
    def log_message(self, *a):
        pass
s = socketserver.TCPServer(("127.0.0.1", 0), H)
if len(sys.argv) > 4:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[3], sys.argv[4])
    s.socket = ctx.wrap_socket(s.socket, server_side=True)
open(portfile + ".tmp", "w").write(str(s.server_address[1]))
os.rename(portfile + ".tmp", portfile)
s.timeout = 1
end = time.time() + 120
while time.time() < end:
    try:
        s.handle_request()
    except Exception:
        pass
' "$@" 2> /dev/null &
}
serve "$TMPD/www" "$TMPD/port"
srv=$!
srv2=""
cleanup_hook() {
	kill $srv $srv2 2> /dev/null
	wait $srv $srv2 2> /dev/null
}
port=$(wait_port "$TMPD/port")
run $P --url "http://u:pw@127.0.0.1:$port/collected.txt" --now $NOW -w 0 -c 5
is_rc 1 "--url http:// 200"
perf_has "stale=1;0;5;0;3 " "--url http://: stale perfdata"
run $P --url "http://u:pw@127.0.0.1:$port/none.txt" --now $NOW
is_rc 3 "--url http:// 404 is UNKNOWN"
like "$line1" "^CUC SUBSCRIPTIONS UNKNOWN - HTTP 404 from http://127\.0\.0\.1:$port/none\.txt" "404 named, credentials not shown"

if command -v openssl > /dev/null 2>&1 &&
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$TMPD/key.pem" \
    -out "$TMPD/cert.pem" > /dev/null 2>&1; then
	serve "$TMPD/www" "$TMPD/tlsport" "$TMPD/cert.pem" "$TMPD/key.pem"
	srv2=$!
	tport=$(wait_port "$TMPD/tlsport")
	url="https://127.0.0.1:$tport/collected.txt"
	run $P --url "$url" --now $NOW -w 0 -c 5
	is_rc 3 "https: an unknown CA is refused (verification on by default)"
	like "$line1" "^CUC SUBSCRIPTIONS UNKNOWN - cannot fetch https://127\.0\.0\.1:$tport/collected\.txt: .*(certificate|SSL)" "https: the certificate problem named"
	run $P --url "$url" --now $NOW -w 0 -c 5 --ca-cert "$TMPD/cert.pem"
	is_rc 1 "https with --ca-cert"
	perf_has "stale=1;0;5;0;3 " "https --ca-cert: stale perfdata"
	run $P --url "$url" --now $NOW -w 0 -c 5 --insecure
	is_rc 1 "https with --insecure"
else
	echo "# skip https: no openssl to make a certificate"
fi
cleanup_hook
cleanup_hook() { :; }

# --- 20,000 rows ------------------------------------------------------------------------
python3 tests/lab/gen_dbquery.py --rows 20000 --stale 300 --collector \
    --now 2026-11-25T10:00:00Z > "$TMPD/big.txt" || exit 1
run $P -f "$TMPD/big.txt" --now $NOW
is_rc 1 "20,000 rows, 300 stale (1.5%) is WARNING"
like "$line1" ' - 300 of 20000 subscriptions stale \(1\.5%' "20k: first line"
perf_has "stale=300;;;0;20000 " "20k: stale perfdata"
perf_has "subscriptions=20000;" "20k: subscriptions perfdata"
python3 tests/lab/gen_dbquery.py --rows 20000 --stale 300 --shape dbaccess \
    --frac 6 --crlf --collector --now 2026-11-25T10:00:00Z > "$TMPD/big2.txt"
run $P -f "$TMPD/big2.txt" --now $NOW
perf_has "stale=300;;;0;20000 " "20k rows in the dbaccess shape, CRLF, 6 digits"

# --- long output --------------------------------------------------------------------
run $P -f "$D/nulls.txt" --now $NOW -vv --list 2
like "$out" 'stalest subscriptions \(id, last notification, age\):' "-v lists the stalest"
n=$(printf '%s\n' "$out" | grep -c 'STALE$')
[ "$n" -eq 2 ]
ok $? "--list 2 lists two rows"
like "$out" '6f1c2d3e-0004-4a5b-8c7d-000000000004  never \(NULL\)  -  STALE' "never-notified row listed first"
like "$out" 'row at line 7  2026-11-25 09:00:00Z  3599 s  STALE' "a row without id is named by its line"
run $P -f "$D/cuc.txt" --now $NOW
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ]
ok $? "no long output without -v"

# --- options -----------------------------------------------------------------------
run $P --help
is_rc 3 "--help exits 3"
like "$out" 'default -w 1% -c 10%' "--help justifies the defaults"
[ "$(printf '%s\n' "$out" | awk 'length > 80' | wc -l)" -eq 0 ]
ok $? "--help fits 80 columns"
run $P -V
is_rc 3 "-V exits 3"
run $P --now $NOW
is_rc 3 "no input is a usage error"
like "$line1" '^CUC SUBSCRIPTIONS UNKNOWN - give the capture as either -f FILE' "no input named"
run $P -f "$D/cuc.txt" --url "file://$D/cuc.txt"
opt_err 'give the capture as either -f FILE \(- for stdin\) or --url=URL' "-f and --url together"
run $P -f "$D/cuc.txt" -w 1x
opt_err '--warning: “1x” is not a range: trailing characters$' "bad -w"
run $P -f "$D/cuc.txt" -c 5%%
opt_err '--critical: “5%%” is not a range' "bad -c"
run $P -f "$D/cuc.txt" --now yesterday
opt_err '--now: “yesterday” is not a time' "bad --now"
run $P -f "$D/cuc.txt" --list 101 -vv
opt_err '--list: “101” is not a whole number from 0 to 100$' "--list above 100"
run $P -f "$D/cuc.txt" --min-subscriptions -1
opt_err '--min-subscriptions: “-1” is not a whole number' "--min-subscriptions -1"
run $P -f "$D/cuc.txt" --stale-after 15m
opt_err '--stale-after: “15m” is not a number of seconds' "--stale-after 15m"
run $P -f "$D/cuc.txt" --max-dump-age x
opt_err '--max-dump-age: “x” is not a number of seconds' "--max-dump-age x"
# -v: one line more (the stalest three), -vv the capture and the list
run $P -f "$D/cuc.txt" --now $NOW
n0=$(wc -l < "$TMPD/stdout")
run $P -f "$D/cuc.txt" --now $NOW -v
[ "$(wc -l < "$TMPD/stdout")" -eq $((n0 + 1)) ]; ok $? "-v adds exactly one line"
like "$(sed -n 2p "$TMPD/stdout")" '^stalest: [^ ]+ [0-9]+ s STALE, [^ ]+ [0-9]+ s, [^ ]+ [0-9]+ s$' \
    "-v: the three stalest with their ages, the stale one marked"
run $P -f "$D/cuc.txt" --now $NOW -vv
like "$out" '^capture .*: 3 rows, header at line' "-vv: the capture described"
like "$out" '^options \(after --extra-opts\): ' "-vv: the configuration"
run $P -f "$D/cuc.txt" --bogus
opt_err '--bogus: unknown option$' "unknown option"
run $P -f "$D/cuc.txt" extra
opt_err '“extra”: unexpected argument' "stray argument"
# options that cannot apply are errors, not ignored
run $P -f "$D/cuc.txt" --now $NOW --list 3
opt_err '--list cannot apply without -vv \(the list is long output\)$' "--list without -v"
run $P -f "$D/cuc.txt" --now $NOW --list 3 -v
opt_err '--list cannot apply without -vv' "--list with -v (one line)"
run $P -f "$D/cuc.txt" --now $NOW --netrc-file /dev/null
opt_err '--netrc-file cannot apply without a login for --url \(not file://\)$' "--netrc-file with -f"
run $P --url "file://$D/cuc.txt" --now $NOW --netrc-file /dev/null
opt_err '--netrc-file cannot apply' "--netrc-file with file://"
run $P -f "$D/cuc.txt" --now $NOW --ca-cert /dev/null
opt_err '--ca-cert cannot apply without an https:// --url$' "--ca-cert with -f"
run $P --url "sftp://h/x" --now $NOW --ca-cert /dev/null
opt_err '--ca-cert cannot apply without an https:// --url$' "--ca-cert with sftp://"
run $P -f "$D/cuc.txt" --now $NOW --insecure
opt_err '--insecure cannot apply without an https:// or sftp:// --url$' "--insecure with -f"
run $P --url "http://h/x" --now $NOW --insecure
opt_err '--insecure cannot apply' "--insecure with http://"

printf '[subs]\nfile = %s\nnow = %s\nwarning = 0\ncritical = 5\n' \
    "$D/cuc.txt" "$NOW" > "$TMPD/plugins.ini"
run $P --extra-opts="subs@$TMPD/plugins.ini"
is_rc 1 "options from --extra-opts"
perf_has "stale=1;0;5;0;3 " "extra-opts thresholds used"
# a shared ini: another plugin's section holds lines this one would call
# malformed, and a header cut short; as monitoring-plugins, not read
printf '# shared\n[check_other]\n=no key\n--dash = x\ntwo words = 1\n[broken\n[subs]\nfile = %s\nnow = %s\nwarning = 0\ncritical = 5\n[after] junk\nnot an option\n' \
    "$D/cuc.txt" "$NOW" > "$TMPD/shared.ini"
run $P --extra-opts="subs@$TMPD/shared.ini"
is_rc 1 "another section's errors do not break this one"
perf_has "stale=1;0;5;0;3 " "shared ini: our section read whole"
# our own section's error is still one, with the usage line
printf '[subs]\nfile = %s\n=oops\n' "$D/cuc.txt" > "$TMPD/bad.ini"
run $P --extra-opts="subs@$TMPD/bad.ini"
opt_err "--extra-opts: ‘$TMPD/bad.ini’ line 3: malformed" "our section's malformed line"
run $P --extra-opts="nosuch@$TMPD/shared.ini"
opt_err "--extra-opts: section \\[nosuch\\] not found in ‘$TMPD/shared.ini’" "a missing section"

# A FIFO nobody writes to: the -t guard reports what the plugin waited on.
mkfifo "$TMPD/fifo"
run $P -f "$TMPD/fifo" -t 1
is_rc 3 "a read that blocks ends at -t"
like "$line1" '^CUC SUBSCRIPTIONS UNKNOWN - timed out after 1 s while reading .*fifo' "timeout names the step"

done_testing
