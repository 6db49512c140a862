# cuc-single-inbox-plugins - monitoring plugins for Cisco Unity Connection
# Single Inbox.  GNU make + pkg-config; see README.md.
#
#   make            build plugins/check_cuc_*
#   make demo       run every check on the bundled sample data
#   make check      build and run the whole test suite
#   make check SAN=1   the same under AddressSanitizer + UBSan (build-san/)
#   make check-valgrind   the same under valgrind memcheck
#   make fuzz FUZZ_SECONDS=N   run each libFuzzer target for N s (clang)
#   make bench      the benchmarks of tests/bench/
#   make graphs     docs/graphs/*.png from the outage scenario (tests/lab/test_graphs.sh)
#   make install    PREFIX=/usr/local DESTDIR= PLUGINDIR=$(PREFIX)/lib/nagios/plugins
#   make man        check the man pages (plugins/*.1, mdoc) with mandoc
#   make deps       install what is missing (apt-get, as root): deps-build
#                   (build, install, demo) and deps-test (make check)

VERSION		= 0.2.0
PREFIX		?= /usr/local
PLUGINDIR	?= $(PREFIX)/lib/nagios/plugins
plugindir	?= $(PLUGINDIR)
PKG_CONFIG	?= pkg-config
CC		?= cc
CFLAGS		?= -O2 -g
WARNFLAGS	= -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS	+= -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
		   -DCUC_VERSION=\"$(VERSION)\" -Icommon
FUZZ_SECONDS	?= 60

# SAN=1: a separate tree built with AddressSanitizer + UndefinedBehaviorSanitizer.
ifeq ($(SAN),1)
O		?= build-san
BIN		?= build-san/plugins
CFLAGS		+= -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
		   -fno-sanitize-recover=undefined
LDFLAGS		+= -fsanitize=address,undefined
endif
O		?= build
BIN		?= plugins

# Evaluated when a recipe runs, so `make deps` can install them first.
CURL_CFLAGS	= $(shell $(PKG_CONFIG) --cflags libcurl)
PCRE2_CFLAGS	= $(shell $(PKG_CONFIG) --cflags libpcre2-8)
PCRE2_LIBS	= $(shell $(PKG_CONFIG) --libs libpcre2-8)
CMOCKA_CFLAGS	= $(shell $(PKG_CONFIG) --cflags cmocka)
CMOCKA_LIBS	= $(shell $(PKG_CONFIG) --libs cmocka)

# libcurl is dlopen()ed on first use (common/http.c): no plugin links it.
LIBS		= -Wl,--as-needed -ldl -lm
LIBS_check_cuc_mbxsync = $(PCRE2_LIBS)

COMMON_SRC	= $(wildcard common/*.c)
COMMON_OBJ	= $(COMMON_SRC:%.c=$(O)/%.o)
PLUGIN_SRC	= $(wildcard plugins/check_cuc_*.c)
PLUGINS		= $(PLUGIN_SRC:plugins/%.c=$(BIN)/%)
PLUGIN_SCRIPTS	= $(filter-out %.c %.o %.1,$(wildcard plugins/cuc_*))
UNIT_SRC	= $(wildcard tests/unit/test_*.c)
UNIT_TESTS	= $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
FUZZ_SRC	= $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_REPLAY	= $(FUZZ_SRC:tests/fuzz/%.c=$(O)/tests/%)

HELPER_SRC	= $(wildcard tests/lab/*.c tests/bench/*.c)
HELPERS		= $(patsubst tests/%.c,$(O)/tests/%,$(HELPER_SRC))

.PHONY: all check check-valgrind demo deps deps-build deps-test install clean fuzz bench tests man graphs
.SUFFIXES:
.SECONDARY:

all: $(PLUGINS)

$(O)/%.o: %.c common/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARNFLAGS) $(CFLAGS) $(CURL_CFLAGS) $(PCRE2_CFLAGS) -c -o $@ $<

$(O)/libcuc.a: $(COMMON_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BIN)/check_cuc_%: $(O)/plugins/check_cuc_%.o $(O)/libcuc.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(O)/libcuc.a $(LIBS_$(@F)) $(LIBS)

$(O)/tests/test_%: tests/unit/test_%.c $(O)/libcuc.a common/*.h tests/fuzz/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARNFLAGS) $(CFLAGS) $(CMOCKA_CFLAGS) $(PCRE2_CFLAGS) \
	    -Wno-missing-prototypes -Itests/unit $(LDFLAGS) -o $@ $< \
	    $(O)/libcuc.a $(CMOCKA_LIBS) $(PCRE2_LIBS) $(LIBS)

# Each fuzz target also builds as a plain program that replays its corpus,
# so `make check` runs every seed and every past crash as a regression test.
$(O)/tests/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/*.h \
    $(O)/libcuc.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARNFLAGS) $(CFLAGS) -Wno-missing-prototypes \
	    $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(O)/libcuc.a $(PCRE2_LIBS) $(LIBS)

$(O)/tests/%: tests/%.c $(O)/libcuc.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARNFLAGS) $(CFLAGS) -Wno-missing-prototypes \
	    $(LDFLAGS) -o $@ $< $(O)/libcuc.a $(PCRE2_LIBS) $(LIBS)

tests: $(PLUGINS) $(UNIT_TESTS) $(FUZZ_REPLAY) $(HELPERS)

check: deps
	@$(MAKE) --no-print-directory tests
	@O=$(O) BIN=$(BIN) SAN=$(SAN) sh tests/run.sh

demo: deps-build
	@$(MAKE) -s --no-print-directory all
	@BIN=$(BIN) sh tests/demo.sh

# docs/graphs/*.png: the outage scenario rendered by the real stack.
graphs: deps
	@$(MAKE) --no-print-directory all
	@CUC_GRAPHS_OUT=docs/graphs O=$(O) BIN=$(BIN) sh tests/lab/test_graphs.sh

bench: all $(HELPERS)
	@O=$(O) BIN=$(BIN) sh tests/bench/run.sh

build-fuzz/%: tests/fuzz/%.c $(COMMON_SRC) common/*.h tests/fuzz/*.h
	@mkdir -p $(@D)
	clang $(CPPFLAGS) -g -O1 -fsanitize=fuzzer,address,undefined \
	    $(PCRE2_CFLAGS) -o $@ $< $(COMMON_SRC) $(PCRE2_LIBS) $(LIBS)

# Each target runs FUZZ_SECONDS on its corpus (make -j2 fuzz: two at a
# time).  One that crashes, leaks or times out fails the run; its input is
# in build-fuzz/crashes/: add it to the corpus as a regression test.
FUZZ_RUNS	= $(FUZZ_SRC:tests/fuzz/fuzz_%.c=fuzz-run-%)
fuzz: $(FUZZ_RUNS)
.PRECIOUS: build-fuzz/fuzz_%

fuzz-run-%: build-fuzz/fuzz_%
	@mkdir -p build-fuzz/corpus/$* build-fuzz/crashes
	@corpus=tests/fuzz/corpus/$*; [ -d $$corpus ] || corpus=; \
	if $< -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=build-fuzz/crashes/$*- build-fuzz/corpus/$* \
	    $$corpus > build-fuzz/$*.log 2>&1; then \
		awk '/DONE/ { cov = $$4 } /number_of_executed_units/ { n = $$2 } \
		    END { printf "fuzz_%s: %s executions, coverage %s edges, no crash\n", \
		    "$*", n, cov }' build-fuzz/$*.log; \
	else \
		tail -n 30 build-fuzz/$*.log; echo "fuzz_$*: FAILED"; exit 1; \
	fi

# The suite under valgrind memcheck; VALGRIND= overrides the command.
# No libc freeres: it would flush at _exit() the stdio buffers the timeout
# guard means to drop (a half report after the timeout line).
VALGRIND	?= valgrind -q --error-exitcode=99 --leak-check=full --run-libc-freeres=no \
		   --show-leak-kinds=definite \
		   --errors-for-leak-kinds=definite
check-valgrind: deps
	@$(MAKE) --no-print-directory tests
	@O=$(O) BIN=$(BIN) VALGRIND="$(VALGRIND)" sh tests/run.sh

# Icinga 2's ITL reads plugins-contrib.d/ under its include directory, which
# is /usr/share/icinga2/include on Debian: PREFIX=/usr puts the CheckCommands
# there (or set icinga2includedir alone).
icinga2includedir ?= $(PREFIX)/share/icinga2/include
docdir		?= $(PREFIX)/share/doc/cuc-single-inbox-plugins
# Where Debian puts a package's examples (the .deb and the RPM alike).
exampledir	?= $(docdir)/examples
man1dir		?= $(PREFIX)/share/man/man1
# The man pages are written by hand in mdoc, one beside each program's
# source; tests/plugins/test_manpages.sh keeps their options and --help the
# same.  `make man` checks them with mandoc.
MANPAGES	= $(PLUGIN_SRC:%.c=%.1) $(PLUGIN_SCRIPTS:%=%.1)

man: $(MANPAGES)
	@command -v mandoc >/dev/null 2>&1 || { \
	    echo "make: checking the man pages needs mandoc: apt-get install mandoc"; exit 1; }
	cd plugins && mandoc -Tlint -W warning $(MANPAGES:plugins/%=%)

# The CheckCommands get the real plugindir as CucPluginDir (DESTDIR is only
# where the tree is staged, never written into a file).
install: all
	install -d $(DESTDIR)$(plugindir) \
	    $(DESTDIR)$(icinga2includedir)/plugins-contrib.d \
	    $(DESTDIR)$(exampledir)/icinga2 $(DESTDIR)$(exampledir)/nagios \
	    $(DESTDIR)$(exampledir)/graphite $(DESTDIR)$(man1dir)
	install -m 0755 $(PLUGINS) $(PLUGIN_SCRIPTS) $(DESTDIR)$(plugindir)
	@mkdir -p $(O)
	sed 's|^\([[:space:]]*const CucPluginDir = \)"[^"]*"|\1"$(plugindir)"|' \
	    icinga-conf/cuc-single-inbox.conf > $(O)/cuc-single-inbox.conf
	grep -q 'const CucPluginDir = "$(plugindir)"' $(O)/cuc-single-inbox.conf
	install -m 0644 $(O)/cuc-single-inbox.conf \
	    $(DESTDIR)$(icinga2includedir)/plugins-contrib.d/cuc-single-inbox.conf
	install -m 0644 icinga-conf/services.conf $(DESTDIR)$(exampledir)/icinga2/
	install -m 0644 icinga-conf/nagios/commands.cfg \
	    icinga-conf/nagios/services.cfg $(DESTDIR)$(exampledir)/nagios/
	install -m 0644 icinga-conf/graphite/*.ini $(DESTDIR)$(exampledir)/graphite/
	install -m 0644 $(MANPAGES) $(DESTDIR)$(man1dir)

clean:
	rm -rf build build-san build-fuzz $(PLUGINS)

# Install what a fresh Debian lacks: as root with apt-get, else say how.
# Each dependency is PROBE=PACKAGE, PROBE one of cmd:NAME (on PATH),
# file:PATH (exists) or pc:MODULE (pkg-config knows it), so that a tool
# installed some other way counts as present.
#
# deps-build: building, installing and running the plugins and `make demo`:
# the compiler, libc headers, pkg-config, libcurl and PCRE2 headers; CA
# certificates and the zone database (HTTPS, --timezone); expect for
# cuc_dbquery_collect; python3 for the demo's stand-in Jetty.  (The man
# pages are in the tree: nothing makes them.)
DEPS_BUILD	= cmd:cc=gcc file:/usr/include/stdio.h=libc6-dev \
		  cmd:pkg-config=pkg-config pc:libcurl=libcurl4-openssl-dev \
		  pc:libpcre2-8=libpcre2-dev \
		  file:/etc/ssl/certs/ca-certificates.crt=ca-certificates \
		  file:/usr/share/zoneinfo/Europe/Dublin=tzdata \
		  cmd:expect=expect cmd:python3=python3
# deps-test: only the tests: cmocka; openssl and sshd for the TLS and SSH
# peers; both schedulers; the graph stack; locales (a de_DE.UTF-8 run);
# mandoc (man page lint); the package tests (debhelper, lintian, dpkg-dev,
# fakeroot, debootstrap; build-essential, which dpkg-buildpackage checks
# for whatever the Build-Depends say; rpm for rpmbuild); php-cli and the
# Icinga Web graphite module.
DEPS_TEST	= pc:cmocka=libcmocka-dev cmd:python3=python3 cmd:openssl=openssl \
		  file:/usr/sbin/icinga2=icinga2 file:/usr/sbin/nagios4=nagios4-core \
		  file:/usr/sbin/sshd=openssh-server file:/usr/sbin/locale-gen=locales \
		  file:/usr/bin/carbon-cache=graphite-carbon \
		  file:/usr/bin/graphite-manage=graphite-web \
		  file:/usr/bin/influxd=influxdb cmd:mandoc=mandoc \
		  cmd:dh=debhelper cmd:lintian=lintian \
		  cmd:dpkg-buildpackage=dpkg-dev cmd:fakeroot=fakeroot \
		  file:/usr/share/build-essential/list=build-essential \
		  file:/usr/sbin/debootstrap=debootstrap cmd:rpmbuild=rpm \
		  cmd:php=php-cli $(GRAPHITE_MODULE)=icingaweb2-module-graphite
# The graph test replays its port of the module's template expansion
# against the module's own PHP (tests/lab/graphs/module.py).
GRAPHITE_MODULE	= file:/usr/share/icingaweb2/modules/graphite/library/Graphite/Util/MacroTemplate.php

# $(call install_deps,TARGET,DEPS): apt-get install those missing.
define install_deps
	@missing=""; \
	for d in $(2); do \
	    probe=$${d%=*} pkg=$${d##*=}; \
	    case $$probe in \
	    cmd:*) command -v $${probe#cmd:} >/dev/null 2>&1 ;; \
	    file:*) [ -e $${probe#file:} ] ;; \
	    pc:*) $(PKG_CONFIG) --exists $${probe#pc:} 2>/dev/null ;; \
	    esac || case " $$missing " in *" $$pkg "*) ;; *) missing="$$missing $$pkg" ;; esac; \
	done; \
	if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	        echo "make $(1): installing$$missing"; \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	            apt-get install -y -qq --no-install-recommends$$missing >/dev/null || exit 1; \
	    else \
	        echo "make $(1): missing$$missing; run as root:"; \
	        echo "  apt-get update && apt-get install -y$$missing"; exit 1; \
	    fi; \
	fi
endef

# A test proves numbers keep their '.' under a comma locale: de_DE.UTF-8.
define make_locale
	@if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$$' && [ "$$(id -u)" = 0 ]; then \
	    sed -i 's/^# *de_DE.UTF-8/de_DE.UTF-8/' /etc/locale.gen 2>/dev/null; \
	    grep -q '^de_DE.UTF-8' /etc/locale.gen 2>/dev/null || echo 'de_DE.UTF-8 UTF-8' >> /etc/locale.gen; \
	    locale-gen >/dev/null 2>&1 || true; \
	fi
endef

deps-build:
	$(call install_deps,$@,$(DEPS_BUILD))

deps-test:
	$(call install_deps,$@,$(DEPS_TEST))
	$(make_locale)

# Both in one apt-get run.
deps:
	$(call install_deps,$@,$(DEPS_BUILD) $(DEPS_TEST))
	$(make_locale)
