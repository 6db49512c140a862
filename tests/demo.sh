#!/bin/sh
# make demo: every check of the suite on the bundled sample data
# (tests/data/sample/), as an admin would run them by hand with -v.
# The sample logs are replayed at a fixed --now, so the answers are stable.
#
#   sh tests/demo.sh --sample DIR   only copy the sample data into DIR, with
#                                   the modification times CUC gave the files
#                                   (the README's examples run on it)
BIN=${BIN:-plugins}
NOW=2026-11-25T10:00:00Z

# Log files carry their dates in their modification times, which git does
# not keep: work on a copy stamped as CUC would have left it.
# stamped_sample DIR: the sample data copied into DIR (made if need be).
stamped_sample() {
	mkdir -p "$1" && cp -R tests/data/sample/. "$1/" || return 1
	touch -d 2026-11-25T09:41:59Z "$1"/mbxsync/diag_CuMbxSync_00000312.uc
	touch -d 2026-11-25T09:50:59Z "$1"/mbxsync/diag_CuMbxSync_00000313.uc
	touch -d 2026-11-25T10:00:00Z "$1"/mbxsync/diag_CuMbxSync_00000314.uc
	touch -d 2026-11-25T09:58:00Z "$1"/subscriptions.txt
}

if [ "$1" = --sample ] && [ -n "$2" ]; then
	case $2 in /*) dir=$2 ;; *) dir=$PWD/$2 ;; esac
	cd "$(dirname "$0")/.." && stamped_sample "$dir"
	exit
fi
cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cuc-demo.XXXXXX") || exit 1
jetty=""
trap '[ -n "$jetty" ] && kill $jetty 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

stamped_sample "$tmp/sample" || exit 1

show() {
	printf '\n$ %s\n' "$*" | sed "s|$tmp/|.../|g"
	"$BIN/$@"
	printf '(exit %d)\n' $?
}

echo "== check_cuc_port: a stand-in for CUC's Jetty on loopback (tests/lab/fake_jetty.py)"
python3 tests/lab/fake_jetty.py --mode soap --port-file "$tmp/port" >/dev/null 2>&1 &
jetty=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$tmp/port")
show check_cuc_port -H 127.0.0.1 -p "$port"
show check_cuc_port -H 127.0.0.1 -p "$port" --soap
show check_cuc_port --listening -p "$port"
kill $jetty 2>/dev/null
wait $jetty 2>/dev/null
jetty=""
show check_cuc_port -H 127.0.0.1 -p "$port" -t 3

echo
echo "== check_cuc_keepalive: Jetty's request log (75 minutes of keepalives, 2014-06-29)"
show check_cuc_keepalive -f "$tmp/sample/jetty/request.log" \
    --now 2014-06-29T16:15:00Z -s 10.20.1.0/24 -v
echo "-- the same log, as if the check ran 20 minutes after it ended:"
show check_cuc_keepalive -f "$tmp/sample/jetty/request.log" \
    --now 2014-06-29T16:35:00Z -s 10.20.1.0/24

echo
echo "== check_cuc_subscriptions: a 'run cuc dbquery' capture of tbl_exsubscription"
show check_cuc_subscriptions -f "$tmp/sample/subscriptions.txt" --now "$NOW" -v

echo
echo "== check_cuc_mbxsync: diag_CuMbxSync logs"
show check_cuc_mbxsync --logdir "$tmp/sample/mbxsync" --now "$NOW" -v
exit 0
