# Shared helpers of the shell tests: run a plugin, check what a scheduler
# sees (exit code, first line, perfdata), print TAP.
#
#   . tests/lib.sh
#   run check_cuc_port -H 127.0.0.1 -p 1     # sets $rc, $out, $line1, $perf, $err
#   is_rc 2 "closed port is CRITICAL"
#   like "$line1" '^CUC PORT CRITICAL - ' "first line"
#   perf_has "time=" "time perfdata"
#   done_testing

BIN=${BIN:-plugins}
O=${O:-build}
TESTS_RUN=0
TESTS_FAILED=0
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/cuc-t.XXXXXX") || exit 1
trap 'cleanup_hook; rm -rf "$TMPD"' EXIT
trap 'exit 1' INT TERM

# Servers a test starts in the background: their pids in $PIDS, stopped
# when the script ends.  A script may redefine cleanup_hook (calling
# stop_servers too if it starts any).
PIDS=""
stop_servers() {
	for p in $PIDS; do
		kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
	PIDS=""
}
cleanup_hook() { stop_servers; }

# run_stdin FILE PLUGIN ARGS...: as run, with FILE on standard input.
run_stdin() {
	in=$1
	shift
	run "$@" < "$in"
}

# start NAME SCRIPT ARGS...: tests/lab/SCRIPT (Python) in the background,
# writing its port to $TMPD/NAME.port and its output to $TMPD/NAME.out;
# its pid in $pid_NAME.  Python starts slowly: start all, then wait.
start() {
	name=$1 script=$2
	shift 2
	python3 "tests/lab/$script" --port-file "$TMPD/$name.port" "$@" \
	    > "$TMPD/$name.out" 2>&1 &
	PIDS="$PIDS $!"
	eval "pid_$name=$!"
}

# wait_port FILE: wait (up to 10 s) for a server's port file and print
# the port; 0 and status 1 when none came.
wait_port() {
	i=0
	while [ ! -s "$1" ]; do
		i=$((i + 1))
		[ "$i" -gt 100 ] && { echo 0; return 1; }
		sleep 0.1
	done
	cat "$1"
}

# port NAME: the port of the server start NAME started.
port() { wait_port "$TMPD/$1.port"; }

# less A B: is A < B (decimals)?
less() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

# run PLUGIN ARGS...: run $BIN/PLUGIN; stdout in $out, stderr in $err.
# Under $VALGRIND (make check-valgrind) the plugin runs inside it: a memory
# error or a definite leak shows as its exit code and text on stderr.
run() {
	prog=$1
	shift
	$VALGRIND "$BIN/$prog" "$@" > "$TMPD/stdout" 2> "$TMPD/stderr"
	rc=$?
	out=$(cat "$TMPD/stdout")
	err=$(cat "$TMPD/stderr")
	line1=$(head -n 1 "$TMPD/stdout")
	case $line1 in
	*"|"*)	perf=${line1#*|}; perf=${perf# } ;;
	*)	perf="" ;;
	esac
}

ok() {
	TESTS_RUN=$((TESTS_RUN + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $TESTS_RUN - $2"
	else
		TESTS_FAILED=$((TESTS_FAILED + 1))
		echo "not ok $TESTS_RUN - $2"
		echo "#   exit $rc, stdout: $(head -c 600 "$TMPD/stdout" 2>/dev/null)"
		[ -s "$TMPD/stderr" ] && echo "#   stderr: $(head -c 300 "$TMPD/stderr")"
	fi
	return 0
}

# same_options HELP OTHER WHAT_HAS WHAT_ONLY: two sorted lists of options,
# --help's and another's; one check that OTHER has every option of HELP
# (WHAT_HAS, naming those missing), one that it has no other (WHAT_ONLY,
# naming those not in --help).
same_options() {
	only=$(comm -23 "$1" "$2" | tr '\n' ' ')
	[ -z "$only" ]
	ok $? "$3${only:+ (missing: $only)}"
	only=$(comm -13 "$1" "$2" | tr '\n' ' ')
	[ -z "$only" ]
	ok $? "$4${only:+ (not in --help: $only)}"
}
is_rc() { [ "$rc" -eq "$1" ]; ok $? "$2 (exit $1)"; }
like() { printf '%s\n' "$1" | grep -Eq -- "$2"; ok $? "$3"; }
unlike() { ! printf '%s\n' "$1" | grep -Eq -- "$2"; ok $? "$3"; }
perf_has() { printf ' %s\n' "$perf" | grep -Fq -- " $1"; ok $? "$2"; }
no_stderr() { [ -z "$err" ]; ok $? "${1:-nothing on stderr}"; }

# Checks every plugin output must pass (shared/consumers.md).
well_formed() {
	w=0
	n=$(printf '%s\n' "$out" | grep -c '|')
	[ "$n" -le 1 ] || w=1
	[ "$n" -eq 0 ] || head -n 1 "$TMPD/stdout" | grep -q '|' || w=1
	printf '%s\n' "$line1" | grep -Eq '^CUC [A-Z]+ (OK|WARNING|CRITICAL|UNKNOWN) - ' || w=1
	text=${line1%%|*}
	case $text in *";"*) w=1 ;; esac
	case $perf in *"  "*) w=1 ;; esac
	ok $w "${1:-output well formed}"
}

# sane WHAT: what the schedulers can parse, nothing on stderr.
sane() {
	well_formed "$1: output well formed"
	no_stderr "$1: nothing on stderr"
}

# opt_err PATTERN WHAT: the run was an option error as monitoring-plugins
# report one: exit 3, line 1 "CUC <CHECK> UNKNOWN - " then PATTERN (ERE)
# naming option and value, line 2 the one-line usage and nothing more.
opt_err() {
	is_rc 3 "$2: UNKNOWN"
	like "$line1" "^CUC [A-Z]+ UNKNOWN - $1" "$2: says what is wrong"
	l2=$(sed -n 2p "$TMPD/stdout")
	like "$l2" "^Usage: $prog [^|]+ \(--help for more\)\$" \
	    "$2: a one-line usage follows"
	[ "$(wc -l < "$TMPD/stdout")" -eq 2 ]
	ok $? "$2: two lines, no more"
	no_stderr "$2: nothing on stderr"
}

done_testing() {
	echo "1..$TESTS_RUN"
	[ "$TESTS_FAILED" -eq 0 ]
}
