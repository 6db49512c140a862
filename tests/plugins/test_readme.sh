#!/bin/sh
# The README is the page an admin reads once: it stays under 300 lines,
# keeps the two quick-start commands word for word (CI runs them, .ci/run),
# every command of its ```console blocks runs here on the bundled sample
# data with the first line and exit status it shows (tests/plugins/readme.py
# says how), its Icinga 2 and Nagios snippets pass icinga2 daemon -C and
# nagios4 -v with the shipped files, and its links and those of docs/*.md
# lead to files of the tree.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../lab/icinga/lib.sh"
README=${CUC_README:-$TOP/README.md}	# another copy, while editing
PY="python3 $TOP/tests/plugins/readme.py"
jpid=""
skip() {
	TESTS_RUN=$((TESTS_RUN + 1))
	echo "ok $TESTS_RUN # skip $1"
}
cleanup_hook() {
	if [ -n "$jpid" ]; then
		kill "$jpid" 2> /dev/null
		wait "$jpid" 2> /dev/null
	fi
}

n=$(wc -l < "$README")
[ "$n" -lt 300 ]
ok $? "README.md is under 300 lines (has $n)"

# The quick start, word for word as it always read.
grep -qxF '    apt-get update && apt-get install -y make && make demo    # every check on the bundled sample data' "$README"
ok $? "quick start: apt-get update && apt-get install -y make && make demo"
grep -qxF '    make check                                                # the whole test suite' "$README"
ok $? "quick start: make check"

# --- the console blocks, run in order in one shell from the top of the
# tree, with the plugins of this build first on PATH.
python3 "$TOP/tests/lab/fake_jetty.py" --bind 127.0.0.1 --port 0 \
    --port-file "$TMPD/jetty.port" --mode soap > "$TMPD/jetty.out" 2>&1 &
jpid=$!
wait_file "$TMPD/jetty.port" 10
ok $? "fake Jetty listens (for check_cuc_port)"
W=$TMPD/readme
mkdir -p "$W"
$PY script "$README" "$W"
n=$(grep -c '^echo \$? ' "$W/run.sh")
[ "$n" -ge 8 ]
ok $? "the README's console blocks hold commands ($n)"
(
	cd "$TOP" || exit 1
	PATH=$ABSBIN:$PATH TMPDIR=$TMPD JP=$(cat "$TMPD/jetty.port") \
	    RDEST=$TMPD/root O=$O BIN=$BIN SAN=${SAN:-} sh "$W/run.sh"
)
$PY check "$README" "$W" > "$W/result"
while IFS='	' read -r verdict what why; do
	r=0
	[ "$verdict" = ok ] || r=1
	ok $r "$what"
	[ -z "$why" ] || echo "#   $why"
done < "$W/result"
[ -x "$TMPD/root/usr/lib/nagios/plugins/check_cuc_port" ] &&
    [ -f "$TMPD/root/usr/share/icinga2/include/plugins-contrib.d/cuc-single-inbox.conf" ]
ok $? "make install PREFIX=/usr: plugins and CheckCommands where the README says"

# --- the scheduler snippets with the shipped files.
if command -v "$ICINGA2" > /dev/null 2>&1; then
	T=$TMPD/icinga
	icinga_tree "$T" readme.test
	{
		echo 'include "base.conf"'
		echo "include \"$CONF/services.conf\""
		$PY block "$README" icinga2
	} > "$T/etc/icinga2.conf"
	icinga_validate "$T" readme.test
	r=$?
	grep -q 'object Host' "$T/etc/icinga2.conf" && [ $r -eq 0 ]
	ok $? "the README's Icinga 2 host passes icinga2 daemon -C with services.conf"
	grep -E 'critical' "$T/validate.out" | head -5 | sed 's/^/#   /'
else
	skip "icinga2 not installed"
fi
if command -v "$NAGIOS4" > /dev/null 2>&1 && [ -d /etc/nagios4/objects ]; then
	G=$TMPD/nagios
	mkdir -p "$G/spool"
	$PY block "$README" nagios > "$G/hosts.cfg"
	{
		for f in commands contacts timeperiods templates; do
			echo "cfg_file=/etc/nagios4/objects/$f.cfg"
		done
		[ -d /etc/nagios-plugins/config ] &&
		    echo "cfg_dir=/etc/nagios-plugins/config"
		echo "cfg_file=$CONF/nagios/commands.cfg"
		echo "cfg_file=$CONF/nagios/services.cfg"
		echo "cfg_file=$G/hosts.cfg"
		echo "check_result_path=$G/spool"
		echo "nagios_user=$(id -un)"
		echo "nagios_group=$(id -gn)"
		echo "illegal_macro_output_chars=\`~\$&|'\"<>"
	} > "$G/nagios.cfg"
	"$NAGIOS4" -v "$G/nagios.cfg" > "$G/verify.out" 2>&1 &&
	    grep -q 'define host' "$G/hosts.cfg" &&
	    grep -Eq '^Total Warnings: *0$' "$G/verify.out"
	ok $? "the README's Nagios host passes nagios4 -v with the shipped files"
	grep -E '^(Warning|Error)' "$G/verify.out" | head -5 | sed 's/^/#   /'
else
	skip "nagios4 not installed"
fi

# --- links: README.md and docs/*.md point at files of the tree.  Pages
# other branches bring (install, graphs, security, options, man pages) may
# not be merged yet: skipped while missing.
for page in "$README" "$TOP"/docs/*.md; do
	dir=$(dirname "$page")
	[ "$page" = "$README" ] && dir=$TOP
	grep -o '](\([^)#]*\))' "$page" | sed 's/^](//; s/)$//' |
	    grep -v '^[a-z]*://' | sort -u > "$TMPD/links"
	while read -r l; do
		[ -n "$l" ] || continue
		name=${page#"$TOP"/}
		if [ -e "$dir/$l" ]; then
			ok 0 "$name links to $l"
		else
			case $l in
			*install.md|*graphs.md|*graphs/*.png|*security.md|*options.md|*man-pages.md)
				skip "$name links to $l (not yet merged)" ;;
			*)	ok 1 "$name links to $l" ;;
			esac
		fi
	done < "$TMPD/links"
done

done_testing
