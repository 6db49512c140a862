/* test_cucsvc.c - the --cuc options and the cache directory's place. */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cucsvc.h"

static void
test_host(void **state)
{
	static const struct {
		const char	*arg;
		const char	*host;	/* NULL: error */
		unsigned	 port;
	} t[] = {
		{ "cuc1.example.com", "cuc1.example.com", 8443 },
		{ "cuc1:9443", "cuc1", 9443 },
		{ "10.0.0.1:1", "10.0.0.1", 1 },
		{ "[2001:db8::1]:8443", "2001:db8::1", 8443 },
		{ "[::1]", "::1", 8443 },
		{ "2001:db8::1", "2001:db8::1", 8443 },
		{ "cuc1:0", NULL, 0 },
		{ "cuc1:65536", NULL, 0 },
		{ "cuc1:", NULL, 0 },
		{ "cuc1:84x", NULL, 0 },
		{ ":8443", NULL, 0 },
		{ "", NULL, 0 },
		{ "[::1", NULL, 0 },
		{ "[::1]x", NULL, 0 },
		{ "user@cuc1", NULL, 0 },
		{ "cuc1/path", NULL, 0 },
	};
	struct cucsvc_opts o;
	char err[200];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		cucsvc_opts_init(&o);
		err[0] = '\0';
		rc = cucsvc_option(&o, OPT_CUC, t[i].arg, err, sizeof(err));
		if (t[i].host == NULL) {
			if (rc != -1 || strstr(err, "--cuc: \"") == NULL ||
			    strstr(err, "is not HOST[:PORT]") == NULL)
				fail_msg("'%s': rc %d '%s'", t[i].arg, rc, err);
			continue;
		}
		if (rc != 0)
			fail_msg("'%s': %s", t[i].arg, err);
		assert_string_equal(o.host, t[i].host);
		assert_int_equal(o.port, t[i].port);
		assert_true(o.enabled);
	}
}

static void
test_bytes(void **state)
{
	static const struct {
		const char		*arg;
		unsigned long long	 want;	/* 0: error */
	} t[] = {
		{ "1000", 1000 }, { "64K", 65536 }, { "256M", 268435456ULL },
		{ "2g", 2147483648ULL }, { "1024G", 1ULL << 40 },
		{ "1025G", 0 }, { "0", 0 }, { "-1", 0 }, { "1KB", 0 },
		{ "K", 0 }, { "", 0 }, { "1.5M", 0 },
	};
	struct cucsvc_opts o;
	char err[200];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		cucsvc_opts_init(&o);
		rc = cucsvc_option(&o, OPT_CUC_MAX_FILE, t[i].arg, err,
		    sizeof(err));
		if (t[i].want == 0) {
			if (rc != -1 || strstr(err, "--cuc-max-file") == NULL)
				fail_msg("'%s' accepted", t[i].arg);
		} else if (rc != 0 || o.max_file != t[i].want)
			fail_msg("'%s': rc %d, %llu", t[i].arg, rc, o.max_file);
	}
	assert_int_equal(cucsvc_option(&o, OPT_CUC_CACHE_SIZE, "1M", err,
	    sizeof(err)), 0);
	assert_true(o.cache_size == 1048576ULL);
	assert_int_equal(cucsvc_option(&o, 'w', "1", err, sizeof(err)), 1);
}

static void
test_check(void **state)
{
	struct cucsvc_opts o;
	char err[200];

	(void)state;
	cucsvc_opts_init(&o);
	assert_int_equal(cucsvc_check(&o, err, sizeof(err)), 0);
	assert_int_equal(cucsvc_option(&o, OPT_CUC, "cuc1", err, sizeof(err)),
	    0);
	assert_int_equal(cucsvc_check(&o, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "extra-opts"));
	o.user = "mon";
	assert_int_equal(cucsvc_check(&o, err, sizeof(err)), -1);
	o.password = "pw";
	assert_int_equal(cucsvc_check(&o, err, sizeof(err)), 0);
	o.user = "a:S3cr3t";
	assert_int_equal(cucsvc_check(&o, err, sizeof(err)), -1);
	assert_string_equal(err, "--cuc-user holds a ':', which HTTP Basic "
	    "cannot carry in a user name (not shown: a password goes in "
	    "cuc-password, in the extra-opts ini file)");
	o.user = NULL;
	assert_int_equal(cucsvc_check(&o, err, sizeof(err)), -1);
	assert_string_equal(err, "--cuc-password cannot apply without "
	    "--cuc-user");
	o.password = NULL;
	o.netrc_file = "/etc/netrc";
	assert_int_equal(cucsvc_check(&o, err, sizeof(err)), 0);
}

/* Exactly one log source: local paths or --cuc (with its credentials). */
static void
test_check_source(void **state)
{
	struct cucsvc_opts o;
	char err[200];

	(void)state;
	cucsvc_opts_init(&o);
	assert_int_equal(cucsvc_check_source(&o, 2, "-f", err, sizeof(err)),
	    0);
	assert_int_equal(cucsvc_check_source(&o, 0, "-f/--logdir", err,
	    sizeof(err)), -1);
	assert_string_equal(err,
	    "no log given (-f/--logdir or --cuc HOST, see --help)");
	assert_int_equal(cucsvc_option(&o, OPT_CUC, "cuc1", err, sizeof(err)),
	    0);
	assert_int_equal(cucsvc_check_source(&o, 1, "-f", err, sizeof(err)),
	    -1);
	assert_string_equal(err, "--cuc and -f exclude each other");
	/* --cuc alone still needs its credentials. */
	assert_int_equal(cucsvc_check_source(&o, 0, "-f", err, sizeof(err)),
	    -1);
	o.user = "mon";
	o.password = "pw";
	assert_int_equal(cucsvc_check_source(&o, 0, "-f", err, sizeof(err)),
	    0);
}

/* Options only --cuc reads are errors with local files, not ignored. */
static void
test_cuc_only_options(void **state)
{
	static const struct {
		int		 opt;
		const char	*arg, *name;
	} t[] = {
		{ OPT_CUC_USER, "mon", "--cuc-user" },
		{ OPT_CUC_PASSWORD, "pw", "--cuc-password" },
		{ OPT_CUC_NETRC, "/n", "--netrc-file" },
		{ OPT_CUC_CA_CERT, "/ca", "--ca-cert" },
		{ OPT_CUC_INSECURE, NULL, "--insecure" },
		{ OPT_CUC_CACHE_DIR, "/c", "--cache-dir" },
		{ OPT_CUC_MAX_FILE, "1M", "--cuc-max-file" },
		{ OPT_CUC_CACHE_SIZE, "1G", "--cache-size" },
	};
	struct cucsvc_opts o;
	char err[200], want[200];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		cucsvc_opts_init(&o);
		assert_int_equal(cucsvc_option(&o, t[i].opt, t[i].arg, err,
		    sizeof(err)), 0);
		assert_int_equal(cucsvc_check_source(&o, 1, "-f", err,
		    sizeof(err)), -1);
		snprintf(want, sizeof(want), "%s cannot apply without --cuc: "
		    "the logs are read from -f", t[i].name);
		assert_string_equal(err, want);
	}
}

static void
test_cache_path(void **state)
{
	struct cucsvc_opts o;
	char buf[512], want[512], err[100], home[] = "/tmp/test_cucsvc.XXXXXX";

	(void)state;
	cucsvc_opts_init(&o);
	assert_int_equal(cucsvc_option(&o, OPT_CUC, "[::1]:9443", err,
	    sizeof(err)), 0);
	o.cache_dir = "/srv/cache";
	assert_int_equal(cucsvc_cache_path(&o, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/srv/cache/__1_9443");
	o.cache_dir = NULL;
	setenv("XDG_CACHE_HOME", "/home/n/.cache", 1);
	assert_int_equal(cucsvc_cache_path(&o, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/home/n/.cache/cuc-plugins/__1_9443");
	setenv("XDG_CACHE_HOME", "relative", 1);	/* ignored, as the spec says */
	setenv("HOME", "/nonexistent", 1);	/* no home: /var/tmp */
	assert_int_equal(cucsvc_cache_path(&o, buf, sizeof(buf)), 0);
	snprintf(want, sizeof(want), "/var/tmp/cuc-plugins-%lu/__1_9443",
	    (unsigned long)geteuid());
	assert_string_equal(buf, want);
	unsetenv("XDG_CACHE_HOME");
	assert_int_equal(cucsvc_cache_path(&o, buf, sizeof(buf)), 0);
	assert_string_equal(buf, want);
	assert_int_equal(cucsvc_cache_path(&o, buf, 10), -1);
	/* A home of the user's own, without XDG_CACHE_HOME: ~/.cache. */
	assert_non_null(mkdtemp(home));
	setenv("HOME", home, 1);
	assert_int_equal(cucsvc_cache_path(&o, buf, sizeof(buf)), 0);
	snprintf(want, sizeof(want), "%s/.cache/cuc-plugins/__1_9443", home);
	assert_string_equal(buf, want);
	/* ... but not one others may write to. */
	assert_int_equal(chmod(home, 0777), 0);
	assert_int_equal(cucsvc_cache_path(&o, buf, sizeof(buf)), 0);
	assert_true(strncmp(buf, "/var/tmp/cuc-plugins-", 21) == 0);
	rmdir(home);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_host),
		cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_check_source),
		cmocka_unit_test(test_cuc_only_options),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_cache_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
