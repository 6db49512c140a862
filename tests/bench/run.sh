#!/bin/sh
# Run every benchmark of tests/bench/ in turn; each prints its own figures.
# Environment: O, BIN as for tests/run.sh; BENCH="port mbxsync" narrows it.
O=${O:-build}
BIN=${BIN:-plugins}
export O BIN
cd "$(dirname "$0")/../.." || exit 1
rc=0
for b in ${BENCH:-port keepalive subscriptions mbxsync cuc_cache}; do
	[ -f "tests/bench/$b.sh" ] || continue
	printf '\n##### %s\n' "$b"
	sh "tests/bench/$b.sh" || rc=1
done
exit $rc
