/* test_range.c - Nagios ranges: the guideline table, its edges, errors. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "range.h"

#define NV	8
#define END	-999999	/* ends a value list */

/*
 * The monitoring-plugins guideline table plus the edges: for each range,
 * values that must alert and values that must not.
 */
static const struct {
	const char	*text;
	double		 alert[NV];
	double		 quiet[NV];
} alert_cases[] = {
	/* 10: alert if < 0 or > 10 (ends inclusive) */
	{ "10", { -1, -0.001, 10.001, 11, 1e9, END },
	    { 0, 0.001, 5, 9.999, 10, END } },
	/* 10: alert if < 10 */
	{ "10:", { -1, 0, 9.999, END }, { 10, 10.001, 1e12, END } },
	/* ~:10 alert if > 10 */
	{ "~:10", { 10.001, 11, 1e12, END }, { -1e12, -1, 0, 10, END } },
	/* 10:20 alert if < 10 or > 20 */
	{ "10:20", { -10, 0, 9.999, 20.001, 21, END },
	    { 10, 15, 20, END } },
	/* @10:20 alert if >= 10 and <= 20 */
	{ "@10:20", { 10, 10.5, 15, 20, END },
	    { 9.999, 20.001, 0, -15, 100, END } },
	/* edges named in the issue */
	{ "~:2", { 2.001, 3, END }, { 2, 1, -100, END } },
	{ "@10", { 0, 5, 10, END }, { -0.001, 10.001, END } },
	{ "@10:", { 10, 1e9, END }, { 9.999, END } },
	{ "@~:10", { -1e9, 10, END }, { 10.001, END } },
	{ "0", { -0.001, 0.001, END }, { 0, END } },
	{ "5:5", { 4.999, 5.001, END }, { 5, END } },
	/* decimals and negatives */
	{ "-1.5:2.25", { -1.501, 2.26, END }, { -1.5, 0, 2.25, END } },
	{ "-10:-5", { -10.5, -4.9, 0, END }, { -10, -7, -5, END } },
	{ "-5:", { -5.1, END }, { -5, 0, 1e9, END } },
	{ "~:-5", { -4.9, 0, END }, { -5, -100, END } },
	{ ".5:1.", { 0.4, 1.1, END }, { 0.5, 1, END } },
	{ "1e1:2E1", { 9, 21, END }, { 10, 20, END } },
	/* nothing before ':' is -infinity, as "~" */
	{ ":10", { 11, END }, { -1e9, 10, END } },
	{ "~:", { END }, { -1e300, 0, 1e300, END } },
	{ "@~:", { -1e300, 0, 1e300, END }, { END } },
	{ "+3", { 3.5, END }, { 3, END } },
};

static void
test_alert_table(void **state)
{
	struct range r;
	const char *why;
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(alert_cases) / sizeof(alert_cases[0]); i++) {
		if (range_parse(alert_cases[i].text, 0, &r, &why) != 0)
			fail_msg("\"%s\" refused: %s", alert_cases[i].text, why);
		for (j = 0; j < NV && alert_cases[i].alert[j] != END; j++)
			if (!range_alerts(&r, alert_cases[i].alert[j]))
				fail_msg("\"%s\" does not alert at %g",
				    alert_cases[i].text, alert_cases[i].alert[j]);
		for (j = 0; j < NV && alert_cases[i].quiet[j] != END; j++)
			if (range_alerts(&r, alert_cases[i].quiet[j]))
				fail_msg("\"%s\" alerts at %g",
				    alert_cases[i].text, alert_cases[i].quiet[j]);
	}
}

/* What the parser stores, field by field. */
static void
test_parsed_fields(void **state)
{
	struct range r;

	(void)state;
	assert_int_equal(range_parse("10", 0, &r, NULL), 0);
	assert_true(r.start == 0 && r.end == 10 && !r.start_infinite &&
	    !r.end_infinite && !r.inside && !r.percent);
	assert_int_equal(range_parse("@~:-2.5", 0, &r, NULL), 0);
	assert_true(r.inside && r.start_infinite && r.end == -2.5 &&
	    !r.end_infinite);
	assert_int_equal(range_parse("3:", 0, &r, NULL), 0);
	assert_true(r.start == 3 && r.end_infinite && !r.start_infinite);
}

static const struct {
	const char	*text;
	unsigned	 flags;
} bad_cases[] = {
	{ "", 0 }, { "@", 0 }, { "abc", 0 }, { "1:2x", 0 }, { "5%", 0 },
	{ "5%%", RANGE_PERCENT }, { "%", RANGE_PERCENT }, { "@%", RANGE_PERCENT },
	{ "20:10", 0 }, { "@20:10", 0 }, { "-1:-2", 0 }, { "0.5:0.4", 0 },
	{ "1:2:3", 0 }, { "~", 0 }, { "~10", 0 }, { "~~:10", 0 },
	{ "10:~", 0 }, { " 10", 0 }, { "10 ", 0 }, { "1 :2", 0 },
	{ "1,5", 0 }, { "@@10", 0 }, { "10@", 0 }, { "x:10", 0 },
	{ "10:x", 0 }, { "1e", 0 }, { "1e400", 0 }, { "nan", 0 },
	{ "inf", 0 }, { "-", 0 }, { ".", 0 }, { "10%:20%", RANGE_PERCENT },
	{ "%10", RANGE_PERCENT }, { "10\n", 0 },
};

static void
test_bad_ranges(void **state)
{
	struct range r;
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		why = NULL;
		memset(&r, 0x5a, sizeof(r));
		if (range_parse(bad_cases[i].text, bad_cases[i].flags, &r,
		    &why) == 0)
			fail_msg("\"%s\" accepted", bad_cases[i].text);
		assert_non_null(why);
		assert_true(strlen(why) > 0);
	}
	assert_int_equal(range_parse(NULL, 0, &r, &why), -1);
}

static void
test_error_reasons(void **state)
{
	struct range r;
	const char *why;

	(void)state;
	assert_int_equal(range_parse("20:10", 0, &r, &why), -1);
	assert_string_equal(why, "its start is above its end");
	assert_int_equal(range_parse("1:2x", 0, &r, &why), -1);
	assert_string_equal(why, "trailing characters");
	assert_int_equal(range_parse("", 0, &r, &why), -1);
	assert_string_equal(why, "empty range");
}

static void
test_percent(void **state)
{
	struct range r;

	(void)state;
	assert_int_equal(range_parse("80%", RANGE_PERCENT, &r, NULL), 0);
	assert_true(r.percent && r.end == 80);
	assert_true(range_alerts(&r, 80.5));
	assert_false(range_alerts(&r, 80));
	assert_int_equal(range_parse("@10:20%", RANGE_PERCENT, &r, NULL), 0);
	assert_true(r.percent && r.inside && r.start == 10 && r.end == 20);
	assert_int_equal(range_parse("10:%", RANGE_PERCENT, &r, NULL), 0);
	assert_true(r.percent && r.end_infinite);
	assert_int_equal(range_parse("80", RANGE_PERCENT, &r, NULL), 0);
	assert_false(r.percent);
}

static void
test_nan_alerts(void **state)
{
	struct range r;

	(void)state;
	assert_int_equal(range_parse("~:", 0, &r, NULL), 0);
	assert_true(range_alerts(&r, NAN));
	assert_int_equal(range_parse("10", 0, &r, NULL), 0);
	assert_true(range_alerts(&r, NAN));
}

static const struct {
	const char	*text;
	const char	*want;
} format_cases[] = {
	{ "10", "10" },			/* plain upper bound: number alone */
	{ "0:10", "10" },
	{ "2.5", "2.5" },
	{ "0", "0" },
	{ "10:", "10:" },
	{ "0:", "0:" },
	{ "~:10", "~:10" },
	{ ":10", "~:10" },
	{ "10:20", "10:20" },
	{ "@10:20", "@10:20" },
	{ "@10", "@0:10" },
	{ "-1.5:2.25", "-1.5:2.25" },
	{ "~:", "~:" },
	{ "1e1", "10" },
	{ "0.0000001", "0" },		/* 6 decimals at most */
	{ "12.3456789", "12.345679" },
	{ "-0.0000001:5", "5" },	/* start prints as 0: plain again */
};

static void
test_format(void **state)
{
	struct range r;
	char buf[64];
	size_t i;
	int n;

	(void)state;
	for (i = 0; i < sizeof(format_cases) / sizeof(format_cases[0]); i++) {
		assert_int_equal(range_parse(format_cases[i].text, 0, &r, NULL),
		    0);
		n = range_format(&r, buf, sizeof(buf));
		if (strcmp(buf, format_cases[i].want) != 0)
			fail_msg("\"%s\" formats as \"%s\", want \"%s\"",
			    format_cases[i].text, buf, format_cases[i].want);
		assert_int_equal(n, (int)strlen(buf));
	}
	/* Truncated like snprintf. */
	assert_int_equal(range_parse("@100:200", 0, &r, NULL), 0);
	assert_int_equal(range_format(&r, buf, 4), 8);
	assert_string_equal(buf, "@10");
}

static const struct {
	const char	*warn;		/* NULL: none */
	const char	*crit;
	double		 value;
	enum state	 want;
} threshold_cases[] = {
	{ "10", "20", 5, STATE_OK },
	{ "10", "20", 10, STATE_OK },
	{ "10", "20", 10.5, STATE_WARNING },
	{ "10", "20", 20, STATE_WARNING },
	{ "10", "20", 20.5, STATE_CRITICAL },
	{ "10", "20", -1, STATE_CRITICAL },	/* outside both */
	{ "20", "10", 15, STATE_CRITICAL },	/* critical checked first */
	{ NULL, "20", 15, STATE_OK },
	{ NULL, "20", 25, STATE_CRITICAL },
	{ "10", NULL, 25, STATE_WARNING },
	{ NULL, NULL, 1e9, STATE_OK },
	{ "@0:5", "@0:1", 3, STATE_WARNING },
	{ "@0:5", "@0:1", 1, STATE_CRITICAL },
	{ "@0:5", "@0:1", 6, STATE_OK },
	{ "5:", "2:", 4, STATE_WARNING },
	{ "5:", "2:", 1, STATE_CRITICAL },
};

static void
test_threshold_check(void **state)
{
	struct threshold t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(threshold_cases) / sizeof(threshold_cases[0]);
	    i++) {
		memset(&t, 0, sizeof(t));
		if (threshold_cases[i].warn != NULL) {
			t.has_warning = true;
			assert_int_equal(range_parse(threshold_cases[i].warn, 0,
			    &t.warning, NULL), 0);
		}
		if (threshold_cases[i].crit != NULL) {
			t.has_critical = true;
			assert_int_equal(range_parse(threshold_cases[i].crit, 0,
			    &t.critical, NULL), 0);
		}
		if (threshold_check(&t, threshold_cases[i].value) !=
		    threshold_cases[i].want)
			fail_msg("case %zu: %g gave %d, want %d", i,
			    threshold_cases[i].value,
			    threshold_check(&t, threshold_cases[i].value),
			    threshold_cases[i].want);
	}
}

/* keepalive's --window check: can any age in [lo, hi] alert? */
static const struct {
	const char	*range;
	double		 lo, hi;
	bool		 can;
} can_alert_cases[] = {
	{ "900", 0, 3600, true },	/* ages past 900 fit the window */
	{ "900", 0, 900, false },	/* 900 itself is inside 0..900 */
	{ "900", 0, 600, false },
	{ "~:900", 0, 600, false },
	{ "10:900", 0, 600, true },	/* below 10 alerts */
	{ "10:", 0, 5, true },
	{ "10:", 10, 20, false },
	{ "~:", 0, 1e9, false },	/* never alerts */
	{ "@0:10", 0, 5, true },
	{ "@700:800", 0, 600, false },
	{ "@600:800", 0, 600, true },	/* ends inclusive */
	{ "@~:-1", 0, 600, false },
	{ "@1000:", 0, 600, false },
	{ "@1000:", 0, 1000, true },
};

static void
test_can_alert(void **state)
{
	struct range r;
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(can_alert_cases) / sizeof(can_alert_cases[0]);
	    i++) {
		assert_int_equal(range_parse(can_alert_cases[i].range, 0, &r,
		    &why), 0);
		if (range_can_alert(&r, can_alert_cases[i].lo,
		    can_alert_cases[i].hi) != can_alert_cases[i].can)
			fail_msg("%s in [%g, %g]: want %d",
			    can_alert_cases[i].range, can_alert_cases[i].lo,
			    can_alert_cases[i].hi, can_alert_cases[i].can);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alert_table),
		cmocka_unit_test(test_parsed_fields),
		cmocka_unit_test(test_bad_ranges),
		cmocka_unit_test(test_error_reasons),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_nan_alerts),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_threshold_check),
		cmocka_unit_test(test_can_alert),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
