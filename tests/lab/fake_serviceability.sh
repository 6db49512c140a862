# fake_serviceability.sh - start and stop lab/fake_serviceability.py from
# the sh tests and benchmarks (sourced; run from the top of the tree).
#
# svc_start DIR ARGS...: a fresh server with DIR/cert.pem and DIR/key.pem,
# its requests logged to DIR/count.log (emptied), ARGS passed on (the
# --service lines); its port in $PORT.  Fails when it did not start
# within 10 s.  svc_stop: the server ended and reaped.
SRV_PID=""

svc_stop() {
	if [ -n "$SRV_PID" ]; then
		kill "$SRV_PID" 2> /dev/null
		wait "$SRV_PID" 2> /dev/null
	fi
	SRV_PID=""
}

svc_start() {
	svc_dir=$1
	shift
	svc_stop
	rm -f "$svc_dir/port"
	: > "$svc_dir/count.log"
	python3 tests/lab/fake_serviceability.py --cert "$svc_dir/cert.pem" \
	    --key "$svc_dir/key.pem" --port-file "$svc_dir/port" \
	    --count-log "$svc_dir/count.log" "$@" > /dev/null 2>&1 &
	SRV_PID=$!
	svc_wait=0
	while [ ! -s "$svc_dir/port" ] && [ $svc_wait -lt 100 ]; do
		sleep 0.1
		svc_wait=$((svc_wait + 1))
	done
	PORT=$(cat "$svc_dir/port" 2> /dev/null)
	[ -n "$PORT" ]
}
