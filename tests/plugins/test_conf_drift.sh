#!/bin/sh
# No drift between the plugins and the scheduler configuration we ship:
# every option of a plugin's --help is an argument of its Icinga 2
# CheckCommand and every argument is an option of the plugin (--help and
# --version excepted), each argument's custom variable is named
# <command>_<option>, and every option the Nagios examples pass exists.
# Needs no scheduler: it reads --help and the files.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../lab/icinga/lib.sh"

ICONF=$CONF/cuc-single-inbox.conf

for p in port keepalive subscriptions mbxsync; do
	plugin=$BIN/check_cuc_$p
	cmd=cuc_$p
	if [ ! -x "$plugin" ]; then
		ok 1 "$cmd: $plugin is built"
		continue
	fi
	"$plugin" --help > "$TMPD/help" 2>&1
	$TOOL help-options < "$TMPD/help" | cut -f 1 |
	    grep -Evx -- '--help|--version' | sort > "$TMPD/opts"
	[ -s "$TMPD/opts" ]
	ok $? "$cmd: --help lists options"
	if ! $TOOL conf-arguments "$ICONF" "$cmd" > "$TMPD/args.tsv"; then
		ok 1 "$cmd: CheckCommand in $ICONF"
		continue
	fi
	cut -f 1 "$TMPD/args.tsv" | sort > "$TMPD/args"

	same_options "$TMPD/opts" "$TMPD/args" \
	    "$cmd: every --help option is an argument" \
	    "$cmd: every argument is a --help option"

	# cuc_port_unsubscribe_state for --unsubscribe-state; -4/-6 are
	# ipv4/ipv6 as in the ITL.
	bad=$(awk -F '\t' -v c="$cmd" '{
		o = $1
		if (o == "-4") o = "ipv4"; else if (o == "-6") o = "ipv6"
		sub(/^-+/, "", o); gsub(/-/, "_", o)
		if ($2 != c "_" o) printf "%s=%s ", $1, $2
	}' "$TMPD/args.tsv")
	[ -z "$bad" ]
	ok $? "$cmd: variables are ${cmd}_<option>${bad:+ (wrong: $bad)}"

	# Every long option a Nagios example passes to this plugin.
	used=$(grep -h "check_cuc_$p" "$CONF"/nagios/*.cfg 2> /dev/null |
	    grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
	unknown=""
	for o in $used; do
		grep -qx -- "$o" "$TMPD/opts" || unknown="$unknown $o"
	done
	[ -n "$used" ] && [ -z "$unknown" ]
	ok $? "check_cuc_$p: Nagios examples use it with --help options only${unknown:+ (unknown:$unknown)}"
done

done_testing
