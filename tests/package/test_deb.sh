#!/bin/sh
# The Debian package as an admin gets it: dpkg-buildpackage -us -uc -b on a
# copy of the tree (what a fresh clone holds), lintian without errors or
# warnings, then in a fresh Debian 12 minbase root (with icinga2, as on a
# monitoring host): dpkg -i and apt-get -f install, each plugin run from
# /usr/lib/nagios/plugins (--version and a real check on the sample data),
# the installed CheckCommands through the stock icinga2.conf
# (icinga2 daemon -C), and dpkg -P leaving no file behind.
#
# The root comes from build/debootstrap/ (tests/package/lib.sh).  Needs
# root (chroot, unshare) and the Debian mirror (apt-get -f install):
# without either the root part is skipped, saying why.  KEEP_ROOT=DIR keeps
# the root and the logs there, to look into a failure.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib.sh"
PD=/usr/lib/nagios/plugins

if [ -n "$VALGRIND" ] || [ "${SAN:-}" = 1 ]; then
	skip "the package builds with Debian's flags: tested by the plain make check"
	done_testing
	exit 0
fi
need dpkg-buildpackage dpkg-dev
need dh debhelper
need fakeroot fakeroot
need lintian lintian

# --- The version is the Makefile's.
CL=$(dpkg-parsechangelog -l "$TOP/debian/changelog" -S Version 2> /dev/null)
[ -n "$VERSION" ] && [ "$CL" = "$VERSION" ]
ok $? "debian/changelog is at the Makefile's VERSION ($CL = $VERSION)"

# --- Build from a copy of what a fresh clone holds.
SRC=$TMPD/src/$PKG-$VERSION
copy_tree "$SRC"
# The source package too (3.0 native), so lintian sees debian/ itself.
(cd "$TMPD/src" && dpkg-source -b "$PKG-$VERSION") > "$TMPD/source.log" 2>&1
ok $? "dpkg-source -b (the source package)"
# Nothing of the calling make or suite reaches the package build: it runs
# with dpkg-buildflags alone, as on a developer's machine.
(cd "$SRC" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
    -u O -u BIN -u SAN -u CC -u CFLAGS -u CPPFLAGS -u LDFLAGS \
    dpkg-buildpackage -us -uc -b) > "$TMPD/build.log" 2>&1
r=$?
ok $r "dpkg-buildpackage -us -uc -b"
[ $r -eq 0 ] || tail -n 20 "$TMPD/build.log" | sed 's/^/#   /'
DEB=$TMPD/src/${PKG}_${VERSION}_$(dpkg --print-architecture).deb
CHANGES=${DEB%.deb}.changes
[ -f "$DEB" ]
ok $? "${DEB##*/} built"
if [ ! -f "$DEB" ]; then
	done_testing
	exit 1
fi

# Depends: the shared libraries the binaries link, and what they load or
# run that dpkg-shlibdeps cannot see (libcurl.so.4 by dlopen, expect).
dep=$(dpkg-deb -f "$DEB" Depends)
echo "# Depends: $dep"
printf '%s\n' "$dep" | grep -q 'libc6' &&
    printf '%s\n' "$dep" | grep -q 'libpcre2-8-0' &&
    printf '%s\n' "$dep" | grep -q 'libcurl4' &&
    ! printf '%s\n' "$dep" | grep -Eq 'icinga2|nagios|python|cmocka|openssh-server'
ok $? "Depends: libc6, libpcre2-8-0, libcurl4 and nothing the tests need"

dpkg-deb -c "$DEB" | awk '{ print $6 }' | sed 's|^\./|/|' > "$TMPD/contents"
for f in $PD/check_cuc_port $PD/check_cuc_keepalive \
    $PD/check_cuc_subscriptions $PD/check_cuc_mbxsync \
    $PD/cuc_dbquery_collect \
    /usr/share/icinga2/include/plugins-contrib.d/cuc-single-inbox.conf \
    /usr/share/man/man1/check_cuc_port.1.gz \
    /usr/share/doc/$PKG/examples/nagios/commands.cfg \
    /usr/share/doc/$PKG/examples/icinga2/services.conf \
    /usr/share/doc/$PKG/copyright; do
	grep -qx "$f" "$TMPD/contents"
	ok $? "the package holds $f"
done
[ ! -d "$TOP/icinga-conf/graphite" ] ||
    grep -q "^/usr/share/doc/$PKG/examples/graphite/." "$TMPD/contents"
ok $? "the graph templates (icinga-conf/graphite/, if any) are in examples/"

# No errors or warnings; overrides only in debian/, each with its reason.
lintian --fail-on error,warning "$TMPD/src/${PKG}_$VERSION.dsc" "$CHANGES" \
    > "$TMPD/lintian" 2>&1
r=$?
sed -n '/^[EWIPX]: /s/^/#   /p' "$TMPD/lintian"
ok $r "lintian on the source and binary packages: no errors or warnings"

# --- The root part: a fresh Debian 12 minbase root with icinga2, as on a
# monitoring host, and ca-certificates, which apt recommends (so apt-get
# autoremove keeps it, and the openssl it depends on, once libcurl4 pulled
# them in).
skip_unless_root_and_network "installing the package in a Debian root"
R=$TMPD/root
fresh_root "$R" icinga2 ca-certificates
r=$?
ok $r "a fresh Debian 12 root with icinga2, apt-get update"
if [ $r -ne 0 ]; then
	done_testing
	exit 1
fi

# Everything but the package manager's own state, caches, logs and what
# icinga2 daemon -C writes: what dpkg -P must leave as it was.
files() {
	(cd "$R" && find . -xdev \( -path ./proc -o -path ./dev -o -path ./sys \
	    -o -path ./run -o -path ./tmp -o -path ./var/tmp -o -path ./var/cache \
	    -o -path ./var/log -o -path ./var/lib/apt -o -path ./var/lib/dpkg \
	    -o -path ./var/lib/icinga2 \) -prune -o -printf '%p %y\n') | sort
}
files > "$TMPD/before"

cp "$DEB" "$R/tmp/$PKG.deb"
in_root "$R" dpkg -i "/tmp/$PKG.deb" > "$TMPD/install.log" 2>&1
echo "# dpkg -i: exit $? (dependencies missing from minbase are expected)"
in_root "$R" apt-get -f install -y -q >> "$TMPD/install.log" 2>&1
r=$?
ok $r "dpkg -i, then apt-get -f install"
[ $r -eq 0 ] || tail -n 20 "$TMPD/install.log" | sed 's/^/#   /'
st=$(in_root "$R" dpkg-query -W -f '${Status}' $PKG 2> /dev/null)
[ "$st" = "install ok installed" ]
ok $? "$PKG is installed ($st)"

# rrun CMD...: CMD in the root; $rc, $out, $err, $line1 as lib.sh's run.
rrun() {
	in_root "$R" "$@" > "$TMPD/stdout" 2> "$TMPD/stderr"
	rc=$?
	out=$(cat "$TMPD/stdout")
	err=$(cat "$TMPD/stderr")
	line1=$(head -n 1 "$TMPD/stdout")
}

for p in check_cuc_port check_cuc_keepalive check_cuc_subscriptions \
    check_cuc_mbxsync; do
	rrun $PD/$p --version
	[ $rc -eq 0 ] || [ $rc -eq 3 ]	# monitoring-plugins' print_revision: 3
	[ $? -eq 0 ] && [ -z "$err" ] &&
	    printf '%s\n' "$line1" | grep -q "^$p .*$VERSION"
	ok $? "$PD/$p --version: $line1"
done
# The collector runs under expect, which apt-get -f install brought.
rrun $PD/cuc_dbquery_collect --help
[ $rc -eq 0 ] && printf '%s\n' "$out" | grep -q 'cuc_dbquery_collect -H HOST'
ok $? "$PD/cuc_dbquery_collect --help (expect installed with it)"

# Real checks on the bundled sample data, stamped as make demo does.
cp -R "$TOP/tests/data/sample" "$R/tmp/sample"
S=$R/tmp/sample
touch -d 2026-11-25T09:41:59Z "$S"/mbxsync/diag_CuMbxSync_00000312.uc
touch -d 2026-11-25T09:50:59Z "$S"/mbxsync/diag_CuMbxSync_00000313.uc
touch -d 2026-11-25T10:00:00Z "$S"/mbxsync/diag_CuMbxSync_00000314.uc
touch -d 2026-11-25T09:58:00Z "$S"/subscriptions.txt
NOW=2026-11-25T10:00:00Z

rrun $PD/check_cuc_keepalive -f /tmp/sample/jetty/request.log \
    --now 2014-06-29T16:15:00Z -s 10.20.1.0/24
is_rc 0 "installed check_cuc_keepalive on the sample Jetty log"
like "$line1" '^CUC KEEPALIVE OK - .*\| age=' "  its status line and perfdata"
rrun $PD/check_cuc_subscriptions -f /tmp/sample/subscriptions.txt --now $NOW
is_rc 1 "installed check_cuc_subscriptions on the sample capture"
like "$line1" '^CUC SUBSCRIPTIONS WARNING - .*\| stale=' "  its status line and perfdata"
rrun $PD/check_cuc_mbxsync --logdir /tmp/sample/mbxsync --now $NOW
is_rc 0 "installed check_cuc_mbxsync on the sample CuMbxSync logs"
like "$line1" '^CUC MBXSYNC OK - ' "  its status line"
# The root shares the host's network: a fake Jetty on loopback answers the
# SOAP probe, which loads libcurl.so.4 (the libcurl4 of Depends).
start jetty fake_jetty.py --mode soap
P=$(port jetty)
rrun $PD/check_cuc_port -H 127.0.0.1 -p "$P" --soap
is_rc 0 "installed check_cuc_port --soap against a fake Jetty (libcurl loaded)"
like "$line1" '^CUC PORT OK - .*SubscriptionStatus OK' "  its status line"
stop_servers

# The CheckCommands through the stock /etc/icinga2/icinga2.conf, which
# includes <plugins-contrib>: nothing for the admin to add.
rrun icinga2 daemon -C
is_rc 0 "icinga2 daemon -C with the installed CheckCommands"
[ $rc -eq 0 ] || printf '%s\n' "$out" | grep -E 'critical|Error' | head -n 5 |
    sed 's/^/#   /'
rrun icinga2 object list --type CheckCommand
n=0
for p in check_cuc_port check_cuc_keepalive check_cuc_subscriptions \
    check_cuc_mbxsync; do
	printf '%s\n' "$out" | grep -q "\"$PD/$p\"" && n=$((n + 1))
done
[ $n -eq 4 ]
ok $? "icinga2 loaded a CheckCommand for each plugin, run from $PD ($n of 4)"

# The example as docs/install.md has an admin start from it: copied into
# conf.d with one host of the cuc-node template, four services.
EX=/usr/share/doc/$PKG/examples/icinga2/services.conf
cp "$R$EX" "$R/etc/icinga2/conf.d/cuc.conf" &&
    cat > "$R/etc/icinga2/conf.d/cuc-hosts.conf" <<-'EOF'
	object Host "cuc1.example.com" {
	  import "cuc-node"
	  address = "192.0.2.10"
	}
	EOF
rrun icinga2 daemon -C
is_rc 0 "icinga2 daemon -C with $EX in conf.d and a cuc-node host"
rrun icinga2 object list --type Service --name 'cuc1.example.com!cuc-*'
n=$(printf '%s\n' "$out" | grep -c "^Object 'cuc1.example.com!cuc-")
[ "$n" -eq 4 ]
ok $? "the example gives the host its four cuc-* services ($n)"
rm -f "$R/etc/icinga2/conf.d/cuc.conf" "$R/etc/icinga2/conf.d/cuc-hosts.conf"
: > "$TMPD/stdout"
: > "$TMPD/stderr"

# --- Purge: the package's files go, and so do the dependencies apt-get
# brought for it; the root is the file list it was before.
in_root "$R" dpkg -P $PKG > "$TMPD/purge.log" 2>&1
ok $? "dpkg -P $PKG"
in_root "$R" apt-get autoremove --purge -y -q >> "$TMPD/purge.log" 2>&1
ok $? "apt-get autoremove --purge (the dependencies it pulled in)"
in_root "$R" dpkg-query -W $PKG > /dev/null 2>&1
[ $? -ne 0 ]
ok $? "dpkg no longer knows $PKG"
files > "$TMPD/after"
diff "$TMPD/before" "$TMPD/after" > "$TMPD/diff"
r=$?
ok $r "dpkg -P left nothing behind, took nothing else away"
[ $r -eq 0 ] || head -n 20 "$TMPD/diff" | sed 's/^/#   /'
if [ -n "${KEEP_ROOT:-}" ]; then
	cp "$TMPD"/before "$TMPD"/after "$TMPD"/*.log "$KEEP_ROOT"/
	mv "$R" "$KEEP_ROOT/root"
fi

done_testing
