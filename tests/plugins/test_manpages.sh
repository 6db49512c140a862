#!/bin/sh
# The man pages (plugins/<name>.1, mdoc) document the options the program
# takes: the short and long options of each page's OPTIONS list and of its
# --help are the same set, so an option added to one only fails here.
# Each page is clean under mandoc -Tlint and has the sections an admin
# looks for.  Reads the pages from the tree and --help from $BIN.
. "$(dirname "$0")/../lib.sh"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SRC=$TOP/plugins
PROGRAMS="check_cuc_port check_cuc_keepalive check_cuc_subscriptions
    check_cuc_mbxsync cuc_dbquery_collect"

# help_opts < HELP: the options of a --help, one a line.  Option entries
# start with one space and a dash in the "Options:" section and later
# (" -f, --logfile=FILE", " --cuc-user=NAME, --cuc-password=PASSWORD",
# " -4, -6", " -H, --host HOST   text"); the entry ends at the first word
# that is not an option.
help_opts() {
	awk '/^Options:/ { on = 1 }
	on && /^ -/ {
		line = $0
		gsub(/,/, " ", line)
		n = split(line, w, " ")
		for (i = 1; i <= n; i++) {
			if (w[i] ~ /^--[a-z]/) {
				sub(/[=[].*/, "", w[i])
				print w[i]
			} else if (w[i] ~ /^-[A-Za-z0-9]$/) {
				print w[i]
			} else {
				break
			}
		}
	}' | sort -u
}

# page_opts PAGE: the options an mdoc page lists in OPTIONS, one a line:
# each "Fl x" of an item (.It) of the section's outer list, "Fl -x" being
# --x.  Items of lists nested in an item are text, not options.
page_opts() {
	awk '/^\.Sh / { on = ($2 == "OPTIONS"); depth = 0; next }
	!on { next }
	/^\.Bl / { depth++; next }
	/^\.El/ { depth--; next }
	depth == 1 && /^\.It / {
		for (i = 2; i < NF; i++)
			if ($i == "Fl")
				print "-" $(i + 1)
	}' "$1" | sort -u
}

# --- The parsers themselves, on made-up input: a test of the test.
printf 'Usage: x\n\nOptions:\n -a, --all=N (default 1)\n    text -b\n -4, -6\n --one=A, --two=B\n -H, --host HOST   text --not\n' |
    help_opts | tr '\n' ' ' > "$TMPD/t"
[ "$(cat "$TMPD/t")" = "--all --host --one --two -4 -6 -H -a " ]
ok $? "help_opts reads short and long options ($(cat "$TMPD/t"))"
printf '.Sh OPTIONS\n.Bl -tag\n.It Fl a , Fl -all Ns = Ns Ar n\n.Bl -tag\n.It Fl x\n.El\n.It Fl 4 , Fl 6\n.El\n.Sh EXIT STATUS\n.Bl -tag\n.It Fl y\n.El\n' \
    > "$TMPD/t.1"
page_opts "$TMPD/t.1" | tr '\n' ' ' > "$TMPD/t"
[ "$(cat "$TMPD/t")" = "--all -4 -6 -a " ]
ok $? "page_opts reads the OPTIONS items only ($(cat "$TMPD/t"))"

for p in $PROGRAMS; do
	page=$SRC/$p.1
	case $p in
	check_cuc_*) prog=$BIN/$p ;;
	*) prog=$SRC/$p ;;	# a script, not built
	esac
	if [ ! -f "$page" ]; then
		ok 1 "$p.1 exists beside the source"
		continue
	fi
	if [ ! -x "$prog" ]; then
		ok 1 "$prog is built"
		continue
	fi

	# NAME is the program; the sections an admin looks for are there.
	sed -n '/^\.Sh NAME/,/^\.Sh/p' "$page" | grep -qx ".Nm $p"
	ok $? "$p.1: NAME is $p"
	miss=""
	for s in NAME SYNOPSIS DESCRIPTION OPTIONS FILES "EXIT STATUS" \
	    EXAMPLES "SEE ALSO"; do
		grep -qx ".Sh $s" "$page" || miss="$miss, $s"
	done
	case $p in
	check_cuc_*)
		grep -qx ".Sh PERFORMANCE DATA" "$page" ||
		    miss="$miss, PERFORMANCE DATA" ;;
	esac
	[ -z "$miss" ]
	ok $? "$p.1: has the usual sections${miss:+ (missing${miss#,})}"
	grep -q 'Icinga' "$page" && grep -q 'define command' "$page"
	ok $? "$p.1: EXAMPLES for Icinga 2 and Nagios"

	# The same options in the page and in --help.
	"$prog" --help < /dev/null 2> /dev/null | help_opts > "$TMPD/help"
	page_opts "$page" > "$TMPD/page"
	[ -s "$TMPD/help" ] && [ -s "$TMPD/page" ]
	ok $? "$p: options found in --help ($(wc -l < "$TMPD/help")) and in the page ($(wc -l < "$TMPD/page"))"
	same_options "$TMPD/help" "$TMPD/page" \
	    "$p.1: documents every option of --help" \
	    "$p.1: lists no option --help lacks"
done

# mandoc -Tlint, every level, run beside the pages so that their
# references to each other resolve.  Set aside: the system's stale
# mandoc.db, and references to pages of other packages (lsof, icinga2,
# nagios4, ssh: present or not depending on what the host installed).
if command -v mandoc > /dev/null 2>&1; then
	ours=$(echo $PROGRAMS | tr ' ' '|')
	for p in $PROGRAMS; do
		[ -f "$SRC/$p.1" ] || continue
		(cd "$SRC" && mandoc -Tlint -W all "$p.1") > "$TMPD/lint" 2>&1
		grep -v -e 'outdated mandoc.db' "$TMPD/lint" |
		    grep -Ev "referenced manual not found: Xr [^ ]+ [0-9]" \
		    > "$TMPD/lint.ours"
		grep -E "referenced manual not found: Xr ($ours) 1" "$TMPD/lint" \
		    >> "$TMPD/lint.ours"
		[ ! -s "$TMPD/lint.ours" ]
		ok $? "$p.1: mandoc -Tlint clean"
		sed 's/^/#   /' "$TMPD/lint.ours" | head -n 10
	done
else
	ok 1 "mandoc is installed (make deps)"
fi

# groff too, as lintian reads a page (its manpage check): no warning.
if command -v man > /dev/null 2>&1 && command -v groff > /dev/null 2>&1; then
	for p in $PROGRAMS; do
		[ -f "$SRC/$p.1" ] || continue
		LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 \
		    -l -Tutf8 -Z "$SRC/$p.1" 2> "$TMPD/groff" > /dev/null
		[ ! -s "$TMPD/groff" ]
		ok $? "$p.1: groff (man --warnings) clean, as lintian checks it"
		sed 's/^/#   /' "$TMPD/groff" | head -n 10
	done
else
	echo "# skip groff check: man or groff missing"
fi

done_testing
