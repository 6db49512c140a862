/* test_numfmt.c - locale-independent number formatting and parsing. */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "numfmt.h"

static const struct {
	double		 value;
	int		 decimals;
	const char	*want;
} fmt_cases[] = {
	{ 0, 0, "0" },
	{ 0, 3, "0" },
	{ -0.0, 3, "0" },
	{ 1, 3, "1" },
	{ 1.5, 3, "1.5" },
	{ 1.5, 0, "2" },		/* rounds half away from zero */
	{ 2.5, 0, "3" },
	{ -1.5, 0, "-2" },
	{ 10, 2, "10" },
	{ 100, 0, "100" },
	{ -0.001, 3, "-0.001" },
	{ -0.0004, 3, "0" },		/* no "-0" */
	{ 0.0005, 3, "0.001" },
	{ 0.1, 6, "0.1" },
	{ 0.123456789, 6, "0.123457" },
	{ 0.123456789, 9, "0.123457" },	/* decimals capped at 6 */
	{ 0.7, -2, "1" },		/* negative decimals: 0 */
	{ 1.15, 1, "1.1" },		/* 1.15 is 1.1499999... in binary */
	{ 1.25, 1, "1.3" },		/* exactly half: away from zero */
	{ 0.000001, 6, "0.000001" },
	{ 0.0000001, 6, "0" },
	{ 123456.789, 2, "123456.79" },
	{ 99.9999, 3, "100" },
	{ -99.9996, 3, "-100" },
	{ 1e15, 6, "1000000000000000" },
	{ 9007199254740993.0, 0, "9007199254740992" },
	{ 1e19, 0, "10000000000000000000" },
	{ 18446744073709551616.0, 3, "18446744073709551616" },
	{ -1e20, 2, "-100000000000000000000" },
	{ 1e22, 0, "10000000000000000000000" },
	{ 0.30000000000000004, 6, "0.3" },
	{ 42.0625, 4, "42.0625" },
	{ 42.0625, 2, "42.06" },	/* 4206.25 -> 4206 */
	{ 1234567.5, 6, "1234567.5" },
	/* past 2^53 when scaled: the product's error term is large */
	{ 2888888888888.1113, 6, "2888888888888.111328" },
	{ 1905764124634.374, 5, "1905764124634.37402" },
	{ 192878779196.36652, 6, "192878779196.366516" },
};

static void
test_numfmt_table(void **state)
{
	char buf[400];
	size_t i;
	int n;

	(void)state;
	for (i = 0; i < sizeof(fmt_cases) / sizeof(fmt_cases[0]); i++) {
		n = numfmt(buf, sizeof(buf), fmt_cases[i].value,
		    fmt_cases[i].decimals);
		if (strcmp(buf, fmt_cases[i].want) != 0)
			fail_msg("case %zu: %.17g/%d gave \"%s\", want \"%s\"",
			    i, fmt_cases[i].value, fmt_cases[i].decimals, buf,
			    fmt_cases[i].want);
		assert_int_equal(n, (int)strlen(fmt_cases[i].want));
	}
}

static void
test_numfmt_nonfinite(void **state)
{
	char buf[16];

	(void)state;
	numfmt(buf, sizeof(buf), NAN, 2);
	assert_string_equal(buf, "0");
	numfmt(buf, sizeof(buf), INFINITY, 2);
	assert_string_equal(buf, "0");
	numfmt(buf, sizeof(buf), -INFINITY, 2);
	assert_string_equal(buf, "0");
}

static void
test_numfmt_huge(void **state)
{
	char buf[400];
	int n;

	(void)state;
	n = numfmt(buf, sizeof(buf), 1.7976931348623157e308, 6);
	assert_int_equal(n, 309);
	assert_int_equal((int)strlen(buf), 309);
	assert_memory_equal(buf, "17976931348623157081", 20);
	n = numfmt(buf, sizeof(buf), -1.7976931348623157e308, 0);
	assert_int_equal(n, 310);
	assert_int_equal(buf[0], '-');
}

/* Truncation behaves as snprintf: always terminated, full length returned. */
static void
test_numfmt_truncation(void **state)
{
	char buf[4];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(numfmt(buf, sizeof(buf), 12345.25, 2), 8);
	assert_string_equal(buf, "123");
	assert_int_equal(numfmt(buf, 1, 7, 0), 1);
	assert_string_equal(buf, "");
	assert_int_equal(numfmt(NULL, 0, 7.5, 1), 3);
}

static const struct {
	const char	*text;
	int		 rc;
	double		 want;
} parse_cases[] = {
	{ "0", 0, 0 },
	{ "10", 0, 10 },
	{ "-10", 0, -10 },
	{ "+10", 0, 10 },
	{ "1.5", 0, 1.5 },
	{ "-1.25", 0, -1.25 },
	{ ".5", 0, 0.5 },
	{ "5.", 0, 5 },
	{ "1e3", 0, 1000 },
	{ "1E-3", 0, 0.001 },
	{ "2.5e+2", 0, 250 },
	{ "0.1", 0, 0.1 },
	{ "0.3", 0, 0.3 },
	{ "123456.789", 0, 123456.789 },
	{ "00012", 0, 12 },
	{ "0.000000000000000000000000001", 0, 1e-27 },
	{ "12345678901234567890123", 0, 12345678901234567890123.0 },
	{ "1.7976931348623157e308", 0, 1.7976931348623157e308 },
	{ "4.9e-324", 0, 4.9e-324 },
	{ "1e-400", 0, 0 },
	{ "", -1, 0 },
	{ "-", -1, 0 },
	{ "+", -1, 0 },
	{ ".", -1, 0 },
	{ "-.", -1, 0 },
	{ "e5", -1, 0 },
	{ "1,5", -1, 0 },		/* never a decimal comma */
	{ "1.5.2", -1, 0 },
	{ "1e", -1, 0 },
	{ "1e+", -1, 0 },
	{ " 1", -1, 0 },
	{ "1 ", -1, 0 },
	{ "abc", -1, 0 },
	{ "nan", -1, 0 },
	{ "inf", -1, 0 },
	{ "0x10", -1, 0 },
	{ "1e400", -1, 0 },		/* out of range */
	{ "--1", -1, 0 },
};

/*
 * Valgrind computes long double at double precision, so values at the
 * ends of the double range (DBL_MAX, denormals) round differently there.
 */
static int
under_valgrind(void)
{
	const char *p = getenv("LD_PRELOAD");

	return p != NULL && strstr(p, "vgpreload") != NULL;
}

static void
test_numparse_table(void **state)
{
	double v;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		if (under_valgrind() && (fabs(parse_cases[i].want) > 1e300 ||
		    (parse_cases[i].want != 0 &&
		    fabs(parse_cases[i].want) < 1e-300)))
			continue;
		v = -12345;
		rc = numparse(parse_cases[i].text, &v);
		if (rc != parse_cases[i].rc)
			fail_msg("\"%s\": rc %d, want %d", parse_cases[i].text,
			    rc, parse_cases[i].rc);
		if (rc == 0 && v != parse_cases[i].want)
			fail_msg("\"%s\": %.17g, want %.17g",
			    parse_cases[i].text, v, parse_cases[i].want);
		if (rc != 0)
			assert_true(v == -12345);	/* untouched on error */
	}
	assert_int_equal(numparse(NULL, &v), -1);
}

static const struct {
	const char	*text;
	int		 rc;
	double		 want;
	size_t		 used;
} prefix_cases[] = {
	{ "10:20", 0, 10, 2 },
	{ "-1.5:2", 0, -1.5, 4 },
	{ "5%", 0, 5, 1 },
	{ "1e", 0, 1, 1 },		/* 'e' without digits: not ours */
	{ "1e+x", 0, 1, 1 },
	{ "2x", 0, 2, 1 },
	{ "3.5.1", 0, 3.5, 3 },
	{ "x", -1, 0, 0 },
	{ ":", -1, 0, 0 },
};

static void
test_numparse_prefix(void **state)
{
	const char *end;
	double v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(prefix_cases) / sizeof(prefix_cases[0]); i++) {
		end = NULL;
		assert_int_equal(numparse_prefix(prefix_cases[i].text, &v, &end),
		    prefix_cases[i].rc);
		assert_non_null(end);
		assert_int_equal((size_t)(end - prefix_cases[i].text),
		    prefix_cases[i].used);
		if (prefix_cases[i].rc == 0)
			assert_true(v == prefix_cases[i].want);
	}
}

/* Every formatted value reads back to itself at 6 decimals. */
static void
test_roundtrip(void **state)
{
	static const double values[] = {
		0.5, 1.25, 3.141593, -2.718282, 1000000, 0.000123, 86400,
		-0.25, 7e12
	};
	char buf[64];
	double v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		numfmt(buf, sizeof(buf), values[i], 6);
		assert_int_equal(numparse(buf, &v), 0);
		assert_true(v == values[i]);
	}
}

/* A comma-decimal locale changes nothing; the locale must exist. */
static void
test_locale_independent(void **state)
{
	char buf[32];
	double v;

	(void)state;
	if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL)
		fail_msg("locale de_DE.UTF-8 missing: run `make deps` as root");
	snprintf(buf, sizeof(buf), "%.1f", 1.5);
	assert_string_equal(buf, "1,5");	/* the locale really is active */
	numfmt(buf, sizeof(buf), 1.5, 3);
	assert_string_equal(buf, "1.5");
	assert_int_equal(numparse("2.25", &v), 0);
	assert_true(v == 2.25);
	assert_int_equal(numparse("2,25", &v), -1);
	setlocale(LC_ALL, "C");
}

static void
test_plural(void **state)
{
	(void)state;
	assert_string_equal(plural(0), "s");
	assert_string_equal(plural(1), "");
	assert_string_equal(plural(2), "s");
	assert_string_equal(plural(11), "s");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numfmt_table),
		cmocka_unit_test(test_numfmt_nonfinite),
		cmocka_unit_test(test_numfmt_huge),
		cmocka_unit_test(test_numfmt_truncation),
		cmocka_unit_test(test_numparse_table),
		cmocka_unit_test(test_numparse_prefix),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_locale_independent),
		cmocka_unit_test(test_plural),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
