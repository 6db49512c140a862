#!/bin/sh
# make install into a DESTDIR: the plugins in plugindir, the CheckCommands
# where the ITL reads plugins-contrib.d/ (with CucPluginDir set to the real
# plugindir, never the DESTDIR), the Nagios and Icinga examples under
# share/doc/.../examples/, the man page of each program; the installed
# CheckCommands pass icinga2 daemon -C and point at the installed plugins.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../lab/icinga/lib.sh"
MAKEFILE=${CUC_MAKEFILE:-$TOP/Makefile}	# a patched copy, while developing
PLUGINS="check_cuc_port check_cuc_keepalive check_cuc_subscriptions check_cuc_mbxsync"

# inst ROOT PREFIX [VAR=VALUE...]: make install, output in ROOT.log
inst() {
	_root=$1 _prefix=$2
	shift 2
	make -C "$TOP" -f "$MAKEFILE" --no-print-directory O="$O" BIN="$BIN" \
	    SAN="${SAN:-}" DESTDIR="$_root" PREFIX="$_prefix" "$@" install \
	    > "$_root.log" 2>&1
}

# --- PREFIX=/usr, the Debian layout.
R=$TMPD/root
inst "$R" /usr
r=$?
ok $r "make install DESTDIR=... PREFIX=/usr"
[ $r -eq 0 ] || tail -n 5 "$R.log" | sed 's/^/#   /'

PD=$R/usr/lib/nagios/plugins
for p in $PLUGINS; do
	[ -x "$PD/$p" ] && [ "$(stat -c %a "$PD/$p")" = 755 ]
	ok $? "$p installed in plugindir, mode 755"
done
[ -x "$PD/cuc_dbquery_collect" ]
ok $? "cuc_dbquery_collect installed next to them"

IC=$R/usr/share/icinga2/include/plugins-contrib.d/cuc-single-inbox.conf
[ -f "$IC" ] && [ "$(stat -c %a "$IC")" = 644 ]
ok $? "CheckCommands in share/icinga2/include/plugins-contrib.d/"
grep -q '^	const CucPluginDir = "/usr/lib/nagios/plugins"$' "$IC" 2> /dev/null
ok $? "CucPluginDir is the plugindir"
[ -f "$IC" ] && ! grep -q "$R" "$IC"
ok $? "no DESTDIR inside the installed file"
sed 's|^\(	const CucPluginDir = \)".*"|\1""|' "$IC" > "$TMPD/a" 2> /dev/null
sed 's|^\(	const CucPluginDir = \)".*"|\1""|' "$CONF/cuc-single-inbox.conf" \
    > "$TMPD/b"
cmp -s "$TMPD/a" "$TMPD/b"
ok $? "otherwise the file is icinga-conf/cuc-single-inbox.conf"

DOC=$R/usr/share/doc/cuc-single-inbox-plugins/examples
for f in nagios/commands.cfg nagios/services.cfg icinga2/services.conf \
    graphite/cuc_port.ini graphite/cuc_keepalive.ini \
    graphite/cuc_subscriptions.ini graphite/cuc_mbxsync.ini; do
	[ -f "$DOC/$f" ]
	ok $? "example $f in share/doc/cuc-single-inbox-plugins/examples/"
done

# The pages of the tree (test_manpages.sh checks what they say), one per
# program, the collector's too.
MAN=$R/usr/share/man/man1
for p in $PLUGINS cuc_dbquery_collect; do
	[ -f "$MAN/$p.1" ] && [ "$(stat -c %a "$MAN/$p.1")" = 644 ] &&
	    cmp -s "$MAN/$p.1" "$TOP/plugins/$p.1"
	ok $? "$p.1 in share/man/man1, mode 644, the page of the tree"
done
[ "$(ls "$MAN" 2> /dev/null | wc -l)" -eq 5 ]
ok $? "five man pages and nothing else in share/man/man1"
[ "$(ls "$PD" 2> /dev/null | wc -l)" -eq 5 ]
ok $? "five programs and nothing else in plugindir"

# The installed CheckCommands as Debian's icinga2.conf reads them.
if command -v "$ICINGA2" > /dev/null 2>&1; then
	T=$TMPD/icinga
	icinga_tree "$T" install.test
	sed -i "s|^include \"$CONF/cuc-single-inbox.conf\"|include \"$IC\"|;/^const CucPluginDir/d" \
	    "$T/etc/base.conf"
	echo 'include "base.conf"' > "$T/etc/icinga2.conf"
	icinga_validate "$T" install.test
	ok $? "icinga2 daemon -C accepts the installed CheckCommands"
	# shellcheck disable=SC2046
	"$ICINGA2" object list --type CheckCommand --name cuc_keepalive \
	    $(icinga_defs "$T" install.test) > "$TMPD/obj" 2>&1
	grep -q '"/usr/lib/nagios/plugins/check_cuc_keepalive"' "$TMPD/obj"
	ok $? "cuc_keepalive runs /usr/lib/nagios/plugins/check_cuc_keepalive"
else
	ok 1 "icinga2 is installed (apt-get install icinga2)"
fi

# --- Another layout: plugindir of one's own.
R2=$TMPD/root2
inst "$R2" /opt/cuc plugindir=/opt/cuc/libexec
ok $? "make install PREFIX=/opt/cuc plugindir=/opt/cuc/libexec"
[ -x "$R2/opt/cuc/libexec/check_cuc_port" ]
ok $? "plugins in the plugindir given"
grep -q '^	const CucPluginDir = "/opt/cuc/libexec"$' \
    "$R2/opt/cuc/share/icinga2/include/plugins-contrib.d/cuc-single-inbox.conf" \
    2> /dev/null
ok $? "CucPluginDir follows plugindir"
[ -f "$R2/opt/cuc/share/man/man1/check_cuc_port.1" ]
ok $? "man pages under PREFIX/share/man/man1"

# --- PLUGINDIR, the spelling of the README and the RPM spec.
R3=$TMPD/root3
inst "$R3" /usr PLUGINDIR=/usr/lib64/nagios/plugins
ok $? "make install PREFIX=/usr PLUGINDIR=/usr/lib64/nagios/plugins"
[ -x "$R3/usr/lib64/nagios/plugins/check_cuc_port" ] &&
    [ ! -e "$R3/usr/lib/nagios/plugins/check_cuc_port" ]
ok $? "plugins in PLUGINDIR only"
grep -q '^	const CucPluginDir = "/usr/lib64/nagios/plugins"$' \
    "$R3/usr/share/icinga2/include/plugins-contrib.d/cuc-single-inbox.conf" \
    2> /dev/null
ok $? "CucPluginDir follows PLUGINDIR"

done_testing
