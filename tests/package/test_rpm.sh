#!/bin/sh
# The RPM spec (rpm/cuc-single-inbox-plugins.spec) builds with rpmbuild
# (Debian's rpm package) from a tarball of the tree, at the Makefile's
# VERSION, and the package holds what `make install` makes, where the Red
# Hat family looks for it; the plugins it holds run.  BuildRequires are not
# checked (--nodeps): Debian's rpm has no database of the installed
# packages.  Skipped, saying why, when rpmbuild is missing.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib.sh"
SPEC=$TOP/rpm/$PKG.spec

if [ -n "$VALGRIND" ] || [ "${SAN:-}" = 1 ]; then
	skip "the RPM builds with its own flags: tested by the plain make check"
	done_testing
	exit 0
fi
if ! command -v rpmbuild > /dev/null 2>&1; then
	skip "no rpmbuild (apt-get install rpm)"
	done_testing
	exit 0
fi

SV=$(sed -n 's/^Version:[[:space:]]*//p' "$SPEC")
[ -n "$VERSION" ] && [ "$SV" = "$VERSION" ]
ok $? "the spec's Version is the Makefile's VERSION ($SV = $VERSION)"

# The tarball: what git tracks (plus new files not ignored), as
# `git archive` would make it.
T=$TMPD/rpmbuild
mkdir -p "$T/SOURCES"
copy_tree "$TMPD/src/$PKG-$VERSION" &&
    tar -C "$TMPD/src" -czf "$T/SOURCES/$PKG-$VERSION.tar.gz" "$PKG-$VERSION"
ok $? "source tarball $PKG-$VERSION.tar.gz"

# Nothing of the calling make or suite reaches the build.
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
    -u O -u BIN -u SAN -u CC -u CFLAGS -u CPPFLAGS -u LDFLAGS \
    rpmbuild -bb --nodeps --define "_topdir $T" "$SPEC" > "$TMPD/build.log" 2>&1
r=$?
ok $r "rpmbuild -bb rpm/$PKG.spec"
[ $r -eq 0 ] || tail -n 20 "$TMPD/build.log" | sed 's/^/#   /'
RPM=""
for f in "$T"/RPMS/*/"$PKG-$VERSION"-1*.rpm; do
	[ -f "$f" ] && RPM=$f
done
[ -f "$RPM" ]
ok $? "the binary RPM ${RPM##*/}"
if [ ! -f "$RPM" ]; then
	done_testing
	exit 1
fi

PD=$(rpm --eval '%{_libdir}')/nagios/plugins
rpm -qlp "$RPM" > "$TMPD/list" 2> /dev/null
for f in $PD/check_cuc_port $PD/check_cuc_keepalive \
    $PD/check_cuc_subscriptions $PD/check_cuc_mbxsync \
    $PD/cuc_dbquery_collect \
    /usr/share/icinga2/include/plugins-contrib.d/cuc-single-inbox.conf \
    /usr/share/doc/$PKG/examples/nagios/commands.cfg \
    /usr/share/doc/$PKG/examples/icinga2/services.conf \
    /usr/share/doc/$PKG/README.md; do
	grep -qx "$f" "$TMPD/list"
	ok $? "the RPM holds $f"
done
# Compressed where brp-compress works (not under Debian's dash).
grep -Eqx '/usr/share/man/man1/check_cuc_port\.1(\.gz)?' "$TMPD/list"
ok $? "the RPM holds /usr/share/man/man1/check_cuc_port.1"
rpm -qp --requires "$RPM" > "$TMPD/req" 2> /dev/null
grep -q '^libcurl.so.4' "$TMPD/req" && grep -q '^expect' "$TMPD/req" &&
    grep -q '^libpcre2-8.so.0' "$TMPD/req" &&
    ! grep -Eq 'icinga2|nagios|python|cmocka' "$TMPD/req"
ok $? "Requires: libcurl.so.4, expect, libpcre2-8 and nothing the tests need"
echo "# Requires: $(tr '\n' ' ' < "$TMPD/req")"

# Its files, unpacked: the CheckCommands point at the RPM's plugindir,
# and the plugins run from there.
X=$TMPD/x
mkdir -p "$X"
cp "$RPM" "$TMPD/p.rpm" && rpm2archive "$TMPD/p.rpm" && tar -C "$X" -xzf "$TMPD/p.rpm.tgz"
grep -q "^	const CucPluginDir = \"$PD\"\$" \
    "$X/usr/share/icinga2/include/plugins-contrib.d/cuc-single-inbox.conf"
ok $? "CucPluginDir is $PD"
for p in check_cuc_port check_cuc_keepalive check_cuc_subscriptions \
    check_cuc_mbxsync; do
	"$X$PD/$p" --version > "$TMPD/stdout" 2> "$TMPD/stderr"
	rc=$?	# shown by ok when it fails
	head -n 1 "$TMPD/stdout" | grep -q "^$p .*$VERSION" && [ ! -s "$TMPD/stderr" ]
	ok $? "$p from the RPM: --version"
done

done_testing
