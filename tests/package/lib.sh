# Helpers of the package tests: a copy of the tree as a fresh clone has
# it, and fresh Debian 12 roots to install into.  Source after tests/lib.sh.
#
#   copy_tree DIR            what git tracks (plus new files not ignored)
#   skip_unless_root_and_network WHY
#                            skip the rest (printing the reason) without
#                            root or without the Debian mirror
#   fresh_root DIR [PKG...]  a Debian 12 minbase root in DIR, with PKG...
#                            installed (no recommends); 1 when it failed
#   in_root DIR CMD...       CMD chrooted in DIR, /proc mounted
#
# The roots come from build/debootstrap/: debootstrap runs once, and each
# root (minbase, minbase plus PKG...) is kept as a tar for later runs; rm
# the directory to start over.  CUC_DEBIAN_MIRROR names another mirror.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
PKG=cuc-single-inbox-plugins
MIRROR=${CUC_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
CACHE=$TOP/build/debootstrap
VERSION=$(sed -n 's/^VERSION[[:space:]]*=[[:space:]]*//p' "$TOP/Makefile")

skip() {
	TESTS_RUN=$((TESTS_RUN + 1))
	echo "ok $TESTS_RUN # skip $1"
}

# need CMD PACKAGE: make deps installs the package tools; a missing one is
# a failure, not a skip.
need() {
	command -v "$1" > /dev/null 2>&1 && return 0
	ok 1 "$1 is installed (make deps, or apt-get install $2)"
	done_testing
	exit 1
}

copy_tree() {
	mkdir -p "$1" || return 1
	if git -C "$TOP" rev-parse --git-dir > /dev/null 2>&1; then
		(cd "$TOP" && git ls-files -z -co --exclude-standard |
		    tar -cf - --null --no-recursion -T -) | tar -xf - -C "$1"
	else
		# Without git: all but the build trees and the built plugins
		# (their man pages and sources beside them stay).
		(cd "$TOP" && tar -cf - --exclude=./build --exclude='./build-*' \
		    --exclude=./plugins/check_cuc_port \
		    --exclude=./plugins/check_cuc_keepalive \
		    --exclude=./plugins/check_cuc_subscriptions \
		    --exclude=./plugins/check_cuc_mbxsync .) | tar -xf - -C "$1"
	fi
}

skip_unless_root_and_network() {
	if [ "$(id -u)" != 0 ]; then
		skip "$1 needs root (chroot, unshare)"
		done_testing
		exit 0
	fi
	if ! python3 -c 'import sys, urllib.request
urllib.request.urlopen(sys.argv[1] + "/dists/" + sys.argv[2] + "/Release", timeout=10)' \
	    "$MIRROR" "$SUITE" > /dev/null 2>&1; then
		skip "$1: no network ($MIRROR/dists/$SUITE/Release unreachable)"
		done_testing
		exit 0
	fi
	need debootstrap debootstrap
	need unshare util-linux
}

# The mount of /proc lives in a mount namespace of its own: it ends with
# the command, so nothing is left mounted under a root that is removed.
in_root() {
	unshare -m --propagation private sh -c '
	    r=$1; shift
	    mount -t proc proc "$r/proc" || exit 125
	    exec chroot "$r" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
	        PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"
	' sh "$@"
}

# root_tar [PKG...]: the cached tar of minbase plus PKG..., made if need
# be (from the minbase tar, itself made by debootstrap); its path on
# stdout.  No daemon starts in a root (policy-rc.d).
root_tar() {
	_name=$SUITE-minbase
	[ $# -eq 0 ] || _name=$_name-$(echo "$*" | tr ' ' '+')
	_tar=$CACHE/$_name.tar
	if [ -s "$_tar" ]; then
		echo "$_tar"
		return 0
	fi
	mkdir -p "$CACHE" || return 1
	# mktemp's 0700 would be the root's / in every copy: _apt and nagios
	# could not reach a file.
	_b=$(mktemp -d "$CACHE/root.XXXXXX") && chmod 755 "$_b" || return 1
	if [ $# -eq 0 ]; then
		echo "# debootstrap $SUITE from $MIRROR into $_tar (once)" >&2
		debootstrap --variant=minbase "$SUITE" "$_b" "$MIRROR" \
		    > "$_b.log" 2>&1 &&
		    printf '#!/bin/sh\nexit 101\n' > "$_b/usr/sbin/policy-rc.d" &&
		    chmod 755 "$_b/usr/sbin/policy-rc.d"
	else
		_base=$(root_tar) &&
		    echo "# $* into $_tar (once)" >&2 &&
		    tar -C "$_b" --numeric-owner -xpf "$_base" &&
		    cp /etc/resolv.conf "$_b/etc/resolv.conf" &&
		    in_root "$_b" apt-get update -q > "$_b.log" 2>&1 &&
		    in_root "$_b" apt-get install -y -q --no-install-recommends "$@" \
		    >> "$_b.log" 2>&1
	fi &&
	    in_root "$_b" apt-get clean &&
	    rm -rf "$_b"/var/lib/apt/lists/* &&
	    tar -C "$_b" --numeric-owner -cf "$_tar.tmp" . &&
	    mv "$_tar.tmp" "$_tar"
	_r=$?
	[ $_r -eq 0 ] || tail -n 20 "$_b.log" | sed 's/^/#   /' >&2
	rm -rf "$_b" "$_b.log" "$_tar.tmp"
	[ $_r -eq 0 ] && echo "$_tar"
}

fresh_root() {
	_dir=$1
	shift
	_t=$(root_tar "$@") || return 1
	mkdir -p "$_dir" &&
	    tar -C "$_dir" --numeric-owner -xpf "$_t" &&
	    cp /etc/resolv.conf "$_dir/etc/resolv.conf" &&
	    in_root "$_dir" apt-get update -q > "$_dir.apt.log" 2>&1
}
