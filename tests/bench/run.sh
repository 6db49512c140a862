#!/bin/sh
# Run every benchmark of tests/bench/ in turn; each prints its own figures.
# Environment: O, BIN as for tests/run.sh; BENCH="port mbxsync" narrows it;
# BENCH_DIR keeps the generated logs between runs (default: a temporary
# directory, removed): the 1 GB Jetty day (jetty/) and the day of diag
# files (diag/) are made once and shared by the scripts that read them.
O=${O:-build}
BIN=${BIN:-plugins}
export O BIN
cd "$(dirname "$0")/../.." || exit 1
if [ -n "$BENCH_DIR" ]; then
	base=$BENCH_DIR
	mkdir -p "$base" || exit 1
else
	base=$(mktemp -d "${TMPDIR:-/tmp}/cuc-bench.XXXXXX") || exit 1
	trap 'rm -rf "$base"' EXIT
	trap 'exit 1' INT TERM
fi
rc=0
for b in ${BENCH:-port keepalive subscriptions mbxsync day cuc cuc_cache}; do
	[ -f "tests/bench/$b.sh" ] || continue
	case $b in
	keepalive|cuc)	d=$base/jetty ;;
	mbxsync)	d=$base/diag ;;
	day)		d=$base ;;
	*)		d=$base/$b ;;
	esac
	printf '\n##### %s\n' "$b"
	BENCH_DIR=$d sh "tests/bench/$b.sh" || rc=1
done
exit $rc
