/* test_options.c - common options: -t, -v, -w/-c, number options, help. */
#include <limits.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "options.h"

#define LEN(a)	(sizeof(a) / sizeof((a)[0]))

static void
test_init_defaults(void **unused)
{
	struct common_opts o;

	(void)unused;
	memset(&o, 0xa5, sizeof(o));
	common_opts_init(&o);
	assert_true(o.timeout == 10.0);
	assert_int_equal(o.timeout_state, STATE_UNKNOWN);
	assert_int_equal(o.verbose, 0);
	assert_null(o.warning);
	assert_null(o.critical);
	assert_false(o.help);
	assert_false(o.version);
}

static const struct {
	const char	*arg;
	int		 rc;
	double		 timeout;	/* when rc == 0 */
	enum state	 st;
	const char	*err;		/* substring of the message when rc != 0 */
} timeout_cases[] = {
	{ "5", 0, 5, STATE_UNKNOWN, NULL },
	{ "0.5", 0, 0.5, STATE_UNKNOWN, NULL },
	{ "0.2", 0, 0.2, STATE_UNKNOWN, NULL },
	{ "1e1", 0, 10, STATE_UNKNOWN, NULL },
	{ "86400", 0, 86400, STATE_UNKNOWN, NULL },
	{ "10:CRITICAL", 0, 10, STATE_CRITICAL, NULL },
	{ "10:critical", 0, 10, STATE_CRITICAL, NULL },
	{ "10:crit", 0, 10, STATE_CRITICAL, NULL },
	{ "3:warning", 0, 3, STATE_WARNING, NULL },
	{ "3:WARN", 0, 3, STATE_WARNING, NULL },
	{ "7:ok", 0, 7, STATE_OK, NULL },
	{ "7:unknown", 0, 7, STATE_UNKNOWN, NULL },
	{ "2.5:2", 0, 2.5, STATE_CRITICAL, NULL },
	{ "2.5:0", 0, 2.5, STATE_OK, NULL },
	{ "", -1, 0, 0, "--timeout: \"\" is not" },
	{ "0", -1, 0, 0, "--timeout: \"0\" is not" },
	{ "-1", -1, 0, 0, "--timeout: \"-1\" is not" },
	{ "abc", -1, 0, 0, "--timeout: \"abc\" is not" },
	{ "5x", -1, 0, 0, "--timeout: \"5x\" is not" },
	{ " 5", -1, 0, 0, "--timeout: \" 5\" is not" },
	{ "5,5", -1, 0, 0, "--timeout: \"5,5\" is not" },
	{ "86401", -1, 0, 0, "at most 86400" },
	{ "nan", -1, 0, 0, "--timeout: \"nan\" is not" },
	{ "inf", -1, 0, 0, "--timeout: \"inf\" is not" },
	{ ":CRITICAL", -1, 0, 0, "\":CRITICAL\" is not SECONDS[:STATE]" },
	{ "5:", -1, 0, 0, "--timeout: \"5:\" names no state" },
	{ "5:4", -1, 0, 0, "--timeout: \"5:4\" names no state" },
	{ "5:bad", -1, 0, 0, "--timeout: \"5:bad\" names no state" },
	{ "5:crit:x", -1, 0, 0, "--timeout: \"5:crit:x\" names no state" },
	{ "10:CRITICAL ", -1, 0, 0, "names no state after ':'" },
};

static void
check_timeouts(void)
{
	struct common_opts o;
	char err[256];
	size_t i;

	for (i = 0; i < LEN(timeout_cases); i++) {
		int rc;

		common_opts_init(&o);
		err[0] = '\0';
		rc = common_option('t', timeout_cases[i].arg, &o, err,
		    sizeof(err));
		if (rc != timeout_cases[i].rc)
			fail_msg("-t '%s': rc %d, want %d (%s)",
			    timeout_cases[i].arg, rc, timeout_cases[i].rc, err);
		if (rc == 0) {
			if (o.timeout != timeout_cases[i].timeout ||
			    o.timeout_state != timeout_cases[i].st)
				fail_msg("-t '%s': %g/%d", timeout_cases[i].arg,
				    o.timeout, o.timeout_state);
		} else {
			if (strstr(err, timeout_cases[i].err) == NULL)
				fail_msg("-t '%s': message '%s' lacks '%s'",
				    timeout_cases[i].arg, err,
				    timeout_cases[i].err);
			/* A bad value leaves the defaults alone. */
			assert_true(o.timeout == DEFAULT_TIMEOUT);
			assert_int_equal(o.timeout_state, STATE_UNKNOWN);
		}
	}
}

static void
test_timeout_table(void **unused)
{
	(void)unused;
	check_timeouts();
}

/* The same table with a comma-decimal locale active, when there is one. */
static void
test_timeout_locale(void **unused)
{
	const char *locales[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8" };
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(locales); i++)
		if (setlocale(LC_ALL, locales[i]) != NULL)
			break;
	if (i == LEN(locales))
		skip();
	check_timeouts();
	setlocale(LC_ALL, "C");
}

static void
test_common_flags(void **unused)
{
	struct common_opts o;
	char err[128] = "";

	(void)unused;
	common_opts_init(&o);
	assert_int_equal(common_option('v', NULL, &o, err, sizeof(err)), 0);
	assert_int_equal(common_option('v', NULL, &o, err, sizeof(err)), 0);
	assert_int_equal(common_option('v', NULL, &o, err, sizeof(err)), 0);
	assert_int_equal(o.verbose, 3);
	assert_int_equal(common_option('h', NULL, &o, err, sizeof(err)), 0);
	assert_true(o.help);
	assert_false(o.version);
	assert_int_equal(common_option('V', NULL, &o, err, sizeof(err)), 0);
	assert_true(o.version);
	assert_int_equal(common_option('w', "5:", &o, err, sizeof(err)), 0);
	assert_int_equal(common_option('c', "junk", &o, err, sizeof(err)), 0);
	assert_string_equal(o.warning, "5:");
	assert_string_equal(o.critical, "junk");	/* parsed later */
	/* A plugin's own option is not ours. */
	assert_int_equal(common_option('H', "host", &o, err, sizeof(err)), 1);
	assert_int_equal(common_option(OPT_PLUGIN_BASE, NULL, &o, err,
	    sizeof(err)), 1);
	assert_string_equal(err, "");
	/* Full spellings were consumed before; an abbreviation is refused. */
	assert_int_equal(common_option(OPT_EXTRA_OPTS, "x@y", &o, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "--extra-opts must be spelled out in full");
	err[0] = '\0';
	optopt = 'x';
	assert_int_equal(common_option('?', NULL, &o, err, sizeof(err)), -1);
	assert_string_equal(err, "-x: unknown option or missing value");
}

/* The whole getopt_long path a plugin takes. */
static void
test_getopt_loop(void **unused)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "hostname", required_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 }
	};
	char *argv[] = { "check_x", "-vv", "--verbose", "-t", "2.5:crit",
	    "-H", "cuc1", "--warning=1:2", "-c", "~:3", NULL };
	struct common_opts o;
	char err[128];
	const char *host = NULL;
	int opt;

	(void)unused;
	common_opts_init(&o);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(10, argv, COMMON_SHORTOPTS "H:", longopts,
	    NULL)) != -1) {
		int rc = common_option(opt, optarg, &o, err, sizeof(err));

		assert_int_not_equal(rc, -1);
		if (rc == 1 && opt == 'H')
			host = optarg;
	}
	assert_int_equal(o.verbose, 3);
	assert_true(o.timeout == 2.5);
	assert_int_equal(o.timeout_state, STATE_CRITICAL);
	assert_string_equal(host, "cuc1");
	assert_string_equal(o.warning, "1:2");
	assert_string_equal(o.critical, "~:3");
}

/* options_getopt: a plugin's table, operands taken or refused. */
struct toy {
	struct common_opts	 common;
	const char		*host;
	int			 dashes;	/* "-" operands taken */
};

static int
toy_option(void *cfg, int opt, const char *arg, char *err, size_t errlen)
{
	struct toy *t = cfg;

	if (opt == 'H') {
		t->host = arg;
		return 0;
	}
	return common_option(opt, arg, &t->common, err, errlen) < 0 ? -1 : 0;
}

static int
toy_operand(void *cfg, const char *arg, char *err, size_t errlen)
{
	struct toy *t = cfg;

	if (strcmp(arg, "-") != 0) {
		snprintf(err, errlen, "not a dash: '%s'", arg);
		return -1;
	}
	t->dashes++;
	return 0;
}

static const struct {
	const char	*name;
	const char	*args[6];	/* after argv[0]; NULL-terminated */
	int		 operands;	/* the table takes operands */
	int		 rc;
	const char	*host;
	int		 dashes;
	const char	*err;		/* substring when rc == -1 */
} getopt_cases[] = {
	{ "options only", { "-H", "cuc1", "-v", NULL }, 0, 0, "cuc1", 0, NULL },
	{ "help stops the checks", { "-h", "extra", NULL }, 0, 1, NULL, 0,
	    NULL },
	{ "version too", { "--version", "-H", "x", NULL }, 0, 1, "x", 0,
	    NULL },
	{ "operand refused", { "-H", "a", "stray", NULL }, 0, -1, "a", 0,
	    "\"stray\": unexpected argument" },
	{ "operands taken", { "-", "-H", "b", "-", NULL }, 1, 0, "b", 2,
	    NULL },
	{ "operand handler refuses", { "x", NULL }, 1, -1, NULL, 0,
	    "not a dash: 'x'" },
	{ "unknown option", { "-Z", NULL }, 0, -1, NULL, 0,
	    "-Z: unknown option" },
	{ "missing value", { "-H", NULL }, 0, -1, NULL, 0,
	    "-H: needs a value" },
	{ "unknown long option", { "--bogus=5", NULL }, 0, -1, NULL, 0,
	    "--bogus: unknown option" },
	{ "long missing value", { "--hostname", NULL }, 0, -1, NULL, 0,
	    "--hostname: needs a value" },
	{ "abbreviation missing value", { "--host", NULL }, 0, -1, NULL, 0,
	    "--host: needs a value" },
	{ "value where none is taken", { "--verbose=2", NULL }, 0, -1, NULL,
	    0, "--verbose: takes no value (\"--verbose=2\")" },
	{ "ambiguous", { "--ver", NULL }, 0, -1, NULL, 0,
	    "--ver: ambiguous, could be --version, --verbose" },
	{ "short after a long with =", { "--hostname=x", "-vZ", NULL }, 0, -1,
	    "x", 0, "-Z: unknown option" },
	{ "bad common value", { "-t", "0", NULL }, 0, -1, NULL, 0,
	    "--timeout" },
};

static void
test_options_getopt(void **unused)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "hostname", required_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 }
	};
	const struct option_table plain = { COMMON_SHORTOPTS "H:", longopts,
	    toy_option, NULL };
	const struct option_table dash = { COMMON_SHORTOPTS "H:", longopts,
	    toy_option, toy_operand };
	char *argv[8], err[128];
	struct toy t;
	size_t i, n;
	int rc;

	(void)unused;
	for (i = 0; i < LEN(getopt_cases); i++) {
		print_message("case: %s\n", getopt_cases[i].name);
		argv[0] = "check_toy";
		for (n = 0; getopt_cases[i].args[n] != NULL; n++)
			argv[n + 1] = (char *)(uintptr_t)getopt_cases[i].args[n];
		argv[n + 1] = NULL;
		memset(&t, 0, sizeof(t));
		common_opts_init(&t.common);
		err[0] = '\0';
		rc = options_getopt((int)n + 1, argv, getopt_cases[i].operands ?
		    &dash : &plain, &t, &t.common, err, sizeof(err));
		assert_int_equal(rc, getopt_cases[i].rc);
		if (getopt_cases[i].host != NULL)
			assert_string_equal(t.host, getopt_cases[i].host);
		assert_int_equal(t.dashes, getopt_cases[i].dashes);
		if (getopt_cases[i].err != NULL)
			assert_non_null(strstr(err, getopt_cases[i].err));
	}
}

static const struct {
	const char	*text;
	int		 rc;
	double		 value;
} seconds_cases[] = {
	{ "0", 0, 0 }, { "900", 0, 900 }, { "0.5", 0, 0.5 },
	{ "1.25", 0, 1.25 }, { "-1", -1, 0 }, { "", -1, 0 },
	{ "1,5", -1, 0 }, { "5s", -1, 0 }, { "abc", -1, 0 },
	{ "inf", -1, 0 }, { "nan", -1, 0 }, { "1e999", -1, 0 },
};

static void
test_seconds_option(void **unused)
{
	char err[256];
	double v;
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(seconds_cases); i++) {
		int rc;

		v = -42;
		err[0] = '\0';
		rc = seconds_option("max-age", seconds_cases[i].text, &v, err,
		    sizeof(err));
		if (rc != seconds_cases[i].rc)
			fail_msg("'%s': rc %d", seconds_cases[i].text, rc);
		if (rc == 0 && v != seconds_cases[i].value)
			fail_msg("'%s': %g", seconds_cases[i].text, v);
		if (rc != 0) {
			char want[128];

			snprintf(want, sizeof(want), "--max-age: \"%s\" is "
			    "not a number of seconds (0 or more, decimals "
			    "allowed)",
			    seconds_cases[i].text);
			assert_string_equal(err, want);
			assert_true(v == -42);
		}
	}
}

static const struct {
	const char	*text;
	unsigned long	 min, max;
	int		 rc;
	unsigned long	 value;
} uint_cases[] = {
	{ "7080", 1, 65535, 0, 7080 },
	{ "1", 1, 65535, 0, 1 },
	{ "65535", 1, 65535, 0, 65535 },
	{ "0", 0, 10, 0, 0 },
	{ "007", 0, 10, 0, 7 },
	{ "18446744073709551615", 0, ULONG_MAX, 0, ULONG_MAX },
	{ "0", 1, 65535, -1, 0 },
	{ "65536", 1, 65535, -1, 0 },
	{ "18446744073709551616", 0, ULONG_MAX, -1, 0 },
	{ "99999999999999999999999", 0, ULONG_MAX, -1, 0 },
	{ "", 0, 10, -1, 0 },
	{ "-1", 0, 10, -1, 0 },
	{ "+5", 0, 10, -1, 0 },
	{ " 5", 0, 10, -1, 0 },
	{ "5 ", 0, 10, -1, 0 },
	{ "0x5", 0, 10, -1, 0 },
	{ "1.0", 0, 10, -1, 0 },
};

static void
test_uint_option(void **unused)
{
	char err[256];
	unsigned long v;
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(uint_cases); i++) {
		int rc;

		v = 4242;
		err[0] = '\0';
		rc = uint_option("port", uint_cases[i].text, uint_cases[i].min,
		    uint_cases[i].max, &v, err, sizeof(err));
		if (rc != uint_cases[i].rc)
			fail_msg("'%s': rc %d", uint_cases[i].text, rc);
		if (rc == 0 && v != uint_cases[i].value)
			fail_msg("'%s': %lu", uint_cases[i].text, v);
		if (rc != 0) {
			char want[160];

			snprintf(want, sizeof(want), "--port: \"%s\" is "
			    "not a whole number from %lu to %lu",
			    uint_cases[i].text, uint_cases[i].min,
			    uint_cases[i].max);
			assert_string_equal(err, want);
			assert_true(v == 4242);
		}
	}
	/* A one-letter name is a short option. */
	assert_int_equal(uint_option("p", "x", 1, 2, &v, err, sizeof(err)), -1);
	assert_string_equal(err, "-p: \"x\" is not a whole number from 1 "
	    "to 2");
}

static const struct {
	const char	*warning, *critical;
	int		 rc;
	const char	*err;
} threshold_cases[] = {
	{ NULL, NULL, 0, NULL },
	{ "10", NULL, 0, NULL },
	{ NULL, "~:2", 0, NULL },
	{ "1:5", "@10:20", 0, NULL },
	{ "1:2x", "5", -1, "--warning: \"1:2x\" is not a range: trailing characters" },
	{ "5", "1:2x", -1, "--critical: \"1:2x\" is not a range: trailing characters" },
	{ "abc", NULL, -1, "--warning: \"abc\" is not a range: " },
	{ "5%", NULL, -1, "--warning: \"5%\" is not a range: " },
	{ NULL, "20:10", -1, "--critical: \"20:10\" is not a range: its start is above its end" },
	{ "", NULL, -1, "--warning: \"\" is not a range: " },
};

static void
test_threshold_options(void **unused)
{
	struct threshold t;
	char err[256];
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(threshold_cases); i++) {
		int rc;

		err[0] = '\0';
		rc = threshold_options(threshold_cases[i].warning,
		    threshold_cases[i].critical, 0, &t, err, sizeof(err));
		if (rc != threshold_cases[i].rc)
			fail_msg("case %zu: rc %d (%s)", i, rc, err);
		if (rc != 0) {
			if (strncmp(err, threshold_cases[i].err,
			    strlen(threshold_cases[i].err)) != 0)
				fail_msg("case %zu: '%s'", i, err);
			continue;
		}
		assert_int_equal(t.has_warning,
		    threshold_cases[i].warning != NULL);
		assert_int_equal(t.has_critical,
		    threshold_cases[i].critical != NULL);
	}
	/* The parsed ranges act as the guideline says. */
	assert_int_equal(threshold_options("10", "20", 0, &t, err,
	    sizeof(err)), 0);
	assert_int_equal(threshold_check(&t, 5), STATE_OK);
	assert_int_equal(threshold_check(&t, 15), STATE_WARNING);
	assert_int_equal(threshold_check(&t, 25), STATE_CRITICAL);
	/* Percent only with the flag. */
	assert_int_equal(threshold_options("80%", NULL, RANGE_PERCENT, &t, err,
	    sizeof(err)), 0);
	assert_true(t.warning.percent);
}

/* -w/-c as given win over the plugin's defaults; NULL defaults: none. */
static const struct {
	const char	*given_w, *given_c, *def_w, *def_c;
	int		 rc;
	double		 ok, warn, crit;	/* values judged OK, WARNING, CRITICAL */
} defaults_cases[] = {
	{ NULL, NULL, "600", "900", 0, 600, 601, 901 },
	{ "10", NULL, "600", "900", 0, 10, 11, 901 },
	{ NULL, "2000", "600", "900", 0, 600, 601, 2001 },
	{ "1", "2", "600", "900", 0, 1, 1.5, 3 },
	{ NULL, NULL, NULL, "5", 0, 5, -1, 6 },
	{ "x", NULL, "600", "900", -1, 0, 0, 0 },
	{ NULL, NULL, "bad", "900", -1, 0, 0, 0 },
};

static void
test_common_thresholds(void **unused)
{
	struct common_opts o;
	struct threshold t;
	char err[256];
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(defaults_cases); i++) {
		common_opts_init(&o);
		o.warning = defaults_cases[i].given_w;
		o.critical = defaults_cases[i].given_c;
		assert_int_equal(common_thresholds(&o, defaults_cases[i].def_w,
		    defaults_cases[i].def_c, 0, &t, err, sizeof(err)),
		    defaults_cases[i].rc);
		if (defaults_cases[i].rc != 0)
			continue;
		assert_int_equal(threshold_check(&t, defaults_cases[i].ok),
		    STATE_OK);
		if (defaults_cases[i].warn >= 0)
			assert_int_equal(threshold_check(&t,
			    defaults_cases[i].warn), STATE_WARNING);
		assert_int_equal(threshold_check(&t, defaults_cases[i].crit),
		    STATE_CRITICAL);
	}
	/* the option is named in the message */
	common_opts_init(&o);
	o.critical = "1:x";
	assert_int_equal(common_thresholds(&o, "1", "2", 0, &t, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "--critical"));
}

static void
test_range_option_names(void **unused)
{
	struct range r;
	char err[256];

	(void)unused;
	assert_int_equal(range_option("max-age", "1:2x", 0, &r, err,
	    sizeof(err)), -1);
	assert_string_equal(err,
	    "--max-age: \"1:2x\" is not a range: trailing characters");
	assert_int_equal(range_option("w", "1:2x", 0, &r, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "-w: \"1:2x\" is not a range: trailing "
	    "characters");
	assert_int_equal(range_option("@10:20", "@10:20", 0, &r, err,
	    sizeof(err)), 0);
	assert_true(r.inside);
}

static char *
capture(void (*fn)(FILE *, const char *), const char *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	fn(fp, arg);
	fclose(fp);
	return buf;
}

static void
help_adapter(FILE *fp, const char *unused)
{
	(void)unused;
	common_help(fp);
}

static void
license_adapter(FILE *fp, const char *unused)
{
	(void)unused;
	print_license(fp);
}

static void
test_help(void **unused)
{
	static const char *const must[] = {
		"-h, --help", "-V, --version", "-v, --verbose",
		"-t, --timeout=SECONDS[:STATE]", "default 10", "default UNKNOWN",
		"-w, --warning=RANGE", "-c, --critical=RANGE",
		"--extra-opts=[SECTION][@FILE]", "MP_CONFIG_FILE",
		"NAGIOS_CONFIG_PATH", "/etc/monitoring-plugins.ini",
		"/etc/monitoring-plugins/monitoring-plugins.ini",
		"/usr/local/etc/monitoring-plugins/monitoring-plugins.ini",
		"/etc/nagios/plugins.ini", "command line wins", "exit code 3",
		"-v adds one line", "-vv\n    also the configuration",
		"-vvv also a trace",
		"other sections are not read",
	};
	char *text = (char *)capture(help_adapter, NULL), *line, *save = NULL;
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(must); i++)
		if (strstr(text, must[i]) == NULL)
			fail_msg("--help lacks '%s'", must[i]);
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strlen(line) > 79)
			fail_msg("help line over 79 columns: '%s'", line);
		assert_null(strchr(line, '\t'));
	}
	free(text);
}

static void
test_version(void **unused)
{
	char *text = capture(print_version, "check_cuc_port"), *line;
	char *save = NULL;

	(void)unused;
	/* one line, as monitoring-plugins' print_revision() */
	assert_string_equal(text,
	    "check_cuc_port " CUC_VERSION " (cuc-single-inbox-plugins)\n");
	free(text);
	text = capture(license_adapter, NULL);
	assert_non_null(strstr(text, "GPL-3.0-or-later"));
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		if (strlen(line) > 79)
			fail_msg("version line over 79 columns: '%s'", line);
	free(text);
}

/*
 * timeout_prescan: argv's -t before extra-opts are read, so that reading
 * them is guarded; what it cannot parse stays the default for the real
 * parse to report.
 */
static const struct {
	const char	*name;
	const char	*argv[6];
	double		 timeout;
	enum state	 st;
} prescan_cases[] = {
	{ "none", { "p", "-H", "a", NULL }, 10.0, STATE_UNKNOWN },
	{ "-t N", { "p", "-t", "3", NULL }, 3.0, STATE_UNKNOWN },
	{ "-tN", { "p", "-t2.5", NULL }, 2.5, STATE_UNKNOWN },
	{ "cluster", { "p", "-vvt", "4:critical", NULL }, 4.0, STATE_CRITICAL },
	{ "cluster joined", { "p", "-vt7", NULL }, 7.0, STATE_UNKNOWN },
	{ "--timeout N", { "p", "--timeout", "5", NULL }, 5.0, STATE_UNKNOWN },
	{ "--timeout=N", { "p", "--timeout=6:2", NULL }, 6.0, STATE_CRITICAL },
	{ "last wins", { "p", "-t", "3", "--timeout=8", NULL }, 8.0,
	    STATE_UNKNOWN },
	{ "invalid kept out", { "p", "-t", "3", "-t", "x", NULL }, 3.0,
	    STATE_UNKNOWN },
	{ "zero refused", { "p", "-t", "0", NULL }, 10.0, STATE_UNKNOWN },
	{ "missing value", { "p", "-t", NULL }, 10.0, STATE_UNKNOWN },
	{ "after --", { "p", "--", "-t", "3", NULL }, 10.0, STATE_UNKNOWN },
	{ "other option's t", { "p", "-wt", "3", NULL }, 10.0, STATE_UNKNOWN },
	{ "abbreviation not seen", { "p", "--time=3", NULL }, 10.0,
	    STATE_UNKNOWN },
};

static void
test_timeout_prescan(void **unused)
{
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(prescan_cases); i++) {
		char *argv[6];
		double secs = DEFAULT_TIMEOUT;
		enum state st = STATE_UNKNOWN;
		int argc = 0;

		while (prescan_cases[i].argv[argc] != NULL) {
			argv[argc] = (char *)prescan_cases[i].argv[argc];
			argc++;
		}
		argv[argc] = NULL;
		timeout_prescan(argc, argv, &secs, &st);
		if (secs != prescan_cases[i].timeout ||
		    st != prescan_cases[i].st)
			fail_msg("%s: got %g/%d", prescan_cases[i].name, secs,
			    (int)st);
	}
}

/* -vv shows the options: never a password, nor a URL's user:password@. */
static const struct {
	const char	*args[5];
	const char	*shown;
} redact_cases[] = {
	{ { "-H", "cuc1", "--soap", NULL }, " -H cuc1 --soap" },
	{ { "--cuc-password=s3cret", "-v", NULL },
	    " --cuc-password=(hidden) -v" },
	{ { "--cuc-password", "s3cret", "-v", NULL },
	    " --cuc-password=(hidden) -v" },
	{ { "--url=https://u:s3cret@h/x", NULL }, " --url=https://h/x" },
	{ { "--url", "sftp://u:s3cret@h/x", NULL }, " --url sftp://h/x" },
	/* as http_url_display shows them: an ambiguous @, no scheme */
	{ { "--url=https://u:s3cret@h/x?a=b@c", NULL },
	    " '--url=https://(the rest not shown)'" },
	{ { "--url", "https://h/x@y", NULL },
	    " --url 'https://(the rest not shown)'" },
	{ { "--url=u:s3cret@h/x", NULL },
	    " '--url=(not shown: it holds an at sign)'" },
	{ { "u:s3cret@h://x", NULL }, " '(not shown: it holds an at sign)'" },
	{ { "-f", "a b", "", NULL }, " -f 'a b' ''" },
	{ { "-w", "password", NULL }, " -w password" },
};

static void
test_args_redacted(void **unused)
{
	char *argv[6], buf[256], small[12];
	size_t i, n;

	(void)unused;
	for (i = 0; i < LEN(redact_cases); i++) {
		argv[0] = "check_x";
		for (n = 0; redact_cases[i].args[n] != NULL; n++)
			argv[n + 1] = (char *)(uintptr_t)redact_cases[i].args[n];
		argv[n + 1] = NULL;
		args_redacted(buf, sizeof(buf), (int)n + 1, argv);
		assert_string_equal(buf, redact_cases[i].shown);
		assert_null(strstr(buf, "s3cret"));
	}
	/* cut, terminated, marked */
	argv[0] = "check_x";
	argv[1] = "--hostname=a-long-host-name";
	args_redacted(small, sizeof(small), 2, argv);
	assert_string_equal(small, " --hostn...");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_defaults),
		cmocka_unit_test(test_timeout_table),
		cmocka_unit_test(test_timeout_locale),
		cmocka_unit_test(test_timeout_prescan),
		cmocka_unit_test(test_common_flags),
		cmocka_unit_test(test_getopt_loop),
		cmocka_unit_test(test_options_getopt),
		cmocka_unit_test(test_seconds_option),
		cmocka_unit_test(test_uint_option),
		cmocka_unit_test(test_threshold_options),
		cmocka_unit_test(test_common_thresholds),
		cmocka_unit_test(test_range_option_names),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_args_redacted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
