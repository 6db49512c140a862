#!/bin/sh
# The README's first command on a fresh Debian 12 machine: in a minbase
# root holding a copy of the tree (what a fresh clone holds), as root,
#
#   apt-get update && apt-get install -y make && make demo
#
# builds the plugins and runs every check on the sample data, and installs
# only what building and running them needs (make deps-build): none of the
# packages only the tests need (make deps-test).  Needs root and the Debian
# mirror, else skipped saying why; the root comes from build/debootstrap/
# (tests/package/lib.sh).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib.sh"

if [ -n "$VALGRIND" ] || [ "${SAN:-}" = 1 ]; then
	skip "make demo in a fresh root builds its own way: tested by the plain make check"
	done_testing
	exit 0
fi

# What make demo may and may not install, as the Makefile lists them.
pkgs() {
	make -s -C "$TOP" --no-print-directory -f - print <<-EOF
	include Makefile
	print: ; @echo \$(foreach d,\$($1),\$(lastword \$(subst =, ,\$(d))))
	EOF
}
BUILD_PKGS=$(pkgs DEPS_BUILD)
TEST_ONLY=""
for p in $(pkgs DEPS_TEST); do
	case " $BUILD_PKGS " in *" $p "*) ;; *) TEST_ONLY="$TEST_ONLY $p" ;; esac
done
echo "# deps-build: $BUILD_PKGS"
echo "# test only:$TEST_ONLY"
printf '%s\n' "$BUILD_PKGS" | grep -qw libcurl4-openssl-dev &&
    printf '%s\n' "$TEST_ONLY" | grep -qw libcmocka-dev &&
    printf '%s\n' "$TEST_ONLY" | grep -qw icinga2
ok $? "the Makefile lists the build and the test dependencies apart"

skip_unless_root_and_network "make demo in a fresh Debian root"
R=$TMPD/root
fresh_root "$R"
r=$?
ok $r "a fresh Debian 12 minbase root"
if [ $r -ne 0 ]; then
	done_testing
	exit 1
fi
copy_tree "$R/root/cuc"
in_root "$R" sh -c 'cd /root/cuc &&
    apt-get update && apt-get install -y make && make demo' \
    > "$TMPD/demo.log" 2>&1
r=$?
ok $r "apt-get update && apt-get install -y make && make demo (exit $r)"
[ $r -eq 0 ] || tail -n 20 "$TMPD/demo.log" | sed 's/^/#   /'
grep '^make deps-build: installing' "$TMPD/demo.log" | sed 's/^/# /'

# Every check of the demo ran and answered.
for c in PORT KEEPALIVE SUBSCRIPTIONS MBXSYNC; do
	grep -Eq "^CUC $c (OK|WARNING|CRITICAL) - " "$TMPD/demo.log"
	ok $? "the demo shows check_cuc_$(echo $c | tr A-Z a-z) answering"
done

# Installed: the build dependencies.
in_root "$R" dpkg-query -W -f '${Package} ${Status}\n' > "$TMPD/status" 2>&1
miss=""
for p in $BUILD_PKGS; do
	grep -q "^$p install ok installed" "$TMPD/status" || miss="$miss $p"
done
[ -z "$miss" ]
ok $? "make demo installed the build dependencies${miss:+ (missing:$miss)}"

# What make demo asked apt-get for holds no test-only package (openssl may
# come all the same: ca-certificates depends on it); the schedulers, sshd
# and cmocka are not there at all.
asked=$(sed -n 's/^make deps-build: installing//p' "$TMPD/demo.log")
extra=""
for p in $TEST_ONLY; do
	case " $asked " in *" $p "*) extra="$extra $p" ;; esac
done
for p in icinga2 nagios4-core openssh-server libcmocka-dev; do
	grep -q "^$p install ok installed" "$TMPD/status" && extra="$extra $p"
done
[ -n "$asked" ] && [ -z "$extra" ]
ok $? "and nothing only the tests need${extra:+ (installed:$extra)}"

done_testing
