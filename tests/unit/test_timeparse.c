/* test_timeparse.c - every time format the plugins meet, to UTC epochs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "timeparse.h"

/* 2014-06-29 00:00:00 UTC */
#define D20140629	1404000000.0

static double
absd(double d)
{
	return d < 0 ? -d : d;
}

static void
test_days_from_civil(void **state)
{
	static const struct {
		int64_t		 y;
		unsigned	 m, d;
		int64_t		 days;
	} cases[] = {
		{ 1970, 1, 1, 0 }, { 1970, 1, 2, 1 }, { 1969, 12, 31, -1 },
		{ 2000, 1, 1, 10957 }, { 2000, 2, 29, 11016 },
		{ 2000, 3, 1, 11017 }, { 1900, 3, 1, -25508 },
		{ 2014, 6, 29, 16250 }, { 2038, 1, 19, 24855 },
		{ 1, 1, 1, -719162 }, { 0, 3, 1, -719468 },
		{ 9999, 12, 31, 2932896 }, { -1, 12, 31, -719529 },
	};
	int64_t y;
	unsigned m, d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(days_from_civil(cases[i].y, cases[i].m,
		    cases[i].d), cases[i].days);
		civil_from_days(cases[i].days, &y, &m, &d);
		assert_int_equal(y, cases[i].y);
		assert_int_equal(m, cases[i].m);
		assert_int_equal(d, cases[i].d);
	}
}

/* Inverse of each other over 800 years, one day at a time. */
static void
test_civil_roundtrip(void **state)
{
	int64_t z, y, prev = days_from_civil(1600, 1, 1) - 1;
	unsigned m, d;

	(void)state;
	for (z = prev + 1; z < days_from_civil(2400, 12, 31); z++) {
		civil_from_days(z, &y, &m, &d);
		assert_true(m >= 1 && m <= 12 && d >= 1 && d <= 31);
		assert_int_equal(days_from_civil(y, m, d), z);
		assert_int_equal(z, prev + 1);
		prev = z;
	}
}

static const struct {
	const char	*text;
	int		 rc;
	double		 want;
} user_cases[] = {
	{ "@0", 0, 0 },
	{ "@1404050145", 0, 1404050145 },
	{ "@1404050145.25", 0, 1404050145.25 },
	{ "@-1", 0, -1 },
	{ "2014-06-29T16:15:00Z", 0, D20140629 + 58500 },
	{ "2014-06-29t16:15:00z", 0, D20140629 + 58500 },
	{ "2014-06-29 16:15:00", 0, D20140629 + 58500 },	/* no zone: UTC */
	{ "2014-06-29T16:15:00", 0, D20140629 + 58500 },
	{ "2014-06-29T16:15", 0, D20140629 + 58500 },
	{ "2014-06-29T16:15Z", 0, D20140629 + 58500 },
	{ "2014-06-29T16:15:00.5+02:00", 0, D20140629 + 58500.5 - 7200 },
	{ "2014-06-29T16:15:00,5Z", 0, D20140629 + 58500.5 },
	{ "2014-06-29T16:15:00.123456Z", 0, D20140629 + 58500.123456 },
	{ "2014-06-29T16:15:00+0200", 0, D20140629 + 58500 - 7200 },
	{ "2014-06-29T16:15:00-01:30", 0, D20140629 + 58500 + 5400 },
	{ "2014-06-29T00:30:00+01:00", 0, D20140629 + 1800 - 3600 },
	{ "2016-12-31T23:59:60Z", 0, 1483228800 },	/* leap second */
	{ "2000-02-29T00:00:00Z", 0, 951782400 },
	{ "1969-12-31T23:59:59Z", 0, -1 },
	{ "", -1, 0 }, { "@", -1, 0 }, { "@abc", -1, 0 }, { "@1,5", -1, 0 },
	{ "@ 1", -1, 0 }, { "@1x", -1, 0 }, { "now", -1, 0 },
	{ "2014-06-29", -1, 0 },			/* no time of day */
	{ "2014-06-29T", -1, 0 },
	{ "2014-06-29T16", -1, 0 },
	{ "2014-06-29T16:1", -1, 0 },
	{ "2014-06-29T16:15:0", -1, 0 },
	{ "2014-06-29T16:15:00.", -1, 0 },
	{ "2014-06-29T16:15:00Zx", -1, 0 },
	{ "2014-06-29T16:15:00 Z", -1, 0 },
	{ "2014-06-29T16:15:00+02", -1, 0 },
	{ "2014-06-29T16:15:00+2400", -1, 0 },
	{ "2014-06-29T16:15:00+0260", -1, 0 },
	{ "2014-06-29X16:15:00", -1, 0 },
	{ "2014-13-01T00:00:00Z", -1, 0 },
	{ "2014-00-01T00:00:00Z", -1, 0 },
	{ "2014-06-31T00:00:00Z", -1, 0 },
	{ "2014-06-00T00:00:00Z", -1, 0 },
	{ "2013-02-29T00:00:00Z", -1, 0 },
	{ "1900-02-29T00:00:00Z", -1, 0 },
	{ "2014-06-29T24:00:00Z", -1, 0 },
	{ "2014-06-29T23:60:00Z", -1, 0 },
	{ "2014-06-29T23:59:61Z", -1, 0 },
	{ "14-06-29T23:59:59Z", -1, 0 },
	{ "2014-6-29T23:59:59Z", -1, 0 },
	{ " 2014-06-29T16:15:00Z", -1, 0 },
	{ "2014-06-29T16:15:00Z ", -1, 0 },
	{ "2014-06-29T16:15:00.1234567890Z", -1, 0 },	/* 10 digits */
};

static void
test_user(void **state)
{
	double t;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(user_cases) / sizeof(user_cases[0]); i++) {
		t = -42;
		rc = time_parse_user(user_cases[i].text, &t);
		if (rc != user_cases[i].rc)
			fail_msg("\"%s\": rc %d, want %d", user_cases[i].text,
			    rc, user_cases[i].rc);
		if (rc == 0 && absd(t - user_cases[i].want) > 1e-6)
			fail_msg("\"%s\": %.6f, want %.6f", user_cases[i].text,
			    t, user_cases[i].want);
		if (rc != 0)
			assert_true(t == -42);
	}
	assert_int_equal(time_parse_user(NULL, &t), -1);
}

/* February 29th exactly in leap years: every day of every month checked. */
static void
test_month_lengths(void **state)
{
	static const unsigned mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	static const int years[] = { 1900, 1996, 2000, 2023, 2024, 2100 };
	char buf[64];
	double t;
	size_t yi;
	unsigned m, d, last;

	(void)state;
	for (yi = 0; yi < sizeof(years) / sizeof(years[0]); yi++) {
		int y = years[yi];
		bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

		for (m = 1; m <= 12; m++) {
			last = mdays[m - 1] + (m == 2 && leap);
			for (d = 1; d <= 32; d++) {
				snprintf(buf, sizeof(buf),
				    "%04d-%02u-%02u 12:00:00", y, m, d);
				assert_int_equal(time_parse_sql(buf,
				    strlen(buf), &t), d <= last ? 0 : -1);
			}
		}
	}
}

static const struct {
	const char	*text;
	int		 rc;
	double		 want;
	int		 has_zone;
	size_t		 used;
} ncsa_cases[] = {
	{ "29/Jun/2014:11:30:50 +0000] \"POST", 0, D20140629 + 41450, 1, 26 },
	{ "29/Jun/2014:11:30:50 +0200", 0, D20140629 + 41450 - 7200, 1, 26 },
	{ "29/Jun/2014:11:30:50 -0130", 0, D20140629 + 41450 + 5400, 1, 26 },
	{ "29/Jun/2014:11:30:50] -0000 \"POST", 0, D20140629 + 41450, 0, 20 },
	{ "29/Jun/2014:11:30:50", 0, D20140629 + 41450, 0, 20 },
	{ "29/Jun/2014:11:30:50 +00", 0, D20140629 + 41450, 0, 20 },
	{ "29/Jun/2014:11:30:50 GMT", 0, D20140629 + 41450, 0, 20 },
	{ "01/Jan/1970:00:00:00 +0000", 0, 0, 1, 26 },
	{ "31/Dec/2013:23:59:59 -0100", 0, 1388534400.0 + 3599, 1,
	    26 },
	{ "29/Feb/2016:00:00:00", 0, 1456704000, 0, 20 },
	{ "29/Feb/2015:00:00:00", -1, 0, 0, 0 },
	{ "31/Apr/2014:00:00:00", -1, 0, 0, 0 },
	{ "29/jun/2014:11:30:50", -1, 0, 0, 0 },	/* case-sensitive */
	{ "29/JUN/2014:11:30:50", -1, 0, 0, 0 },
	{ "29/Juni/2014:11:30:50", -1, 0, 0, 0 },
	{ "29/Jux/2014:11:30:50", -1, 0, 0, 0 },
	{ "9/Jun/2014:11:30:50 +0000", -1, 0, 0, 0 },
	{ "29/Jun/14:11:30:50 +0000", -1, 0, 0, 0 },
	{ "29/Jun/2014 11:30:50", -1, 0, 0, 0 },
	{ "29/Jun/2014:24:00:00", -1, 0, 0, 0 },
	{ "29/Jun/2014:11:60:00", -1, 0, 0, 0 },
	{ "29/Jun/2014:11:30:61", -1, 0, 0, 0 },
	{ "29/Jun/2014:11:30:5", -1, 0, 0, 0 },		/* cut short */
	{ "00/Jun/2014:11:30:50", -1, 0, 0, 0 },
	{ "", -1, 0, 0, 0 },
};

static void
test_ncsa(void **state)
{
	double t;
	size_t i, used, len;
	int zone, rc;

	(void)state;
	for (i = 0; i < sizeof(ncsa_cases) / sizeof(ncsa_cases[0]); i++) {
		len = strlen(ncsa_cases[i].text);
		used = 999;
		zone = -1;
		rc = time_parse_ncsa(ncsa_cases[i].text, len, &t, &zone, &used);
		if (rc != ncsa_cases[i].rc)
			fail_msg("\"%s\": rc %d", ncsa_cases[i].text, rc);
		if (rc != 0)
			continue;
		if (t != ncsa_cases[i].want)
			fail_msg("\"%s\": %.0f, want %.0f", ncsa_cases[i].text,
			    t, ncsa_cases[i].want);
		assert_int_equal(zone, ncsa_cases[i].has_zone);
		assert_int_equal(used, ncsa_cases[i].used);
	}
}

/* len bounds the read: a stamp cut by len is not read past it. */
static void
test_ncsa_len(void **state)
{
	const char *s = "29/Jun/2014:11:30:50 +0200";
	double t;
	size_t used;
	int zone;

	(void)state;
	assert_int_equal(time_parse_ncsa(s, 19, &t, &zone, &used), -1);
	assert_int_equal(time_parse_ncsa(s, 20, &t, &zone, &used), 0);
	assert_int_equal(zone, 0);
	assert_int_equal(used, 20);
	assert_int_equal(time_parse_ncsa(s, 25, &t, &zone, &used), 0);
	assert_int_equal(zone, 0);		/* "+020" is no zone */
	assert_int_equal(time_parse_ncsa(s, 26, &t, &zone, &used), 0);
	assert_int_equal(zone, 1);
	assert_true(t == D20140629 + 41450 - 7200);
}

static const struct {
	const char	*text;
	int		 rc;
	int		 offset;
	size_t		 used;
} zone_cases[] = {
	{ "Z", 0, 0, 1 }, { "+0000", 0, 0, 5 }, { "-0000", 0, 0, 5 },
	{ "+0100", 0, 3600, 5 }, { "-0130", 0, -5400, 5 },
	{ "+01:30", 0, 5400, 6 }, { "-05:00", 0, -18000, 6 },
	{ "+1400", 0, 50400, 5 }, { "+0530 x", 0, 19800, 5 },
	{ "Z+0100", 0, 0, 1 },
	{ "z", -1, 0, 0 }, { "", -1, 0, 0 }, { "+", -1, 0, 0 },
	{ "+01", -1, 0, 0 }, { "+010", -1, 0, 0 }, { "0100", -1, 0, 0 },
	{ "+01:3", -1, 0, 0 }, { "+2400", -1, 0, 0 }, { "+0060", -1, 0, 0 },
	{ "+ab00", -1, 0, 0 }, { "UTC", -1, 0, 0 }, { "GMT", -1, 0, 0 },
};

static void
test_zone(void **state)
{
	size_t i, used;
	int off;

	(void)state;
	for (i = 0; i < sizeof(zone_cases) / sizeof(zone_cases[0]); i++) {
		off = 12345;
		used = 999;
		if (time_parse_zone(zone_cases[i].text,
		    strlen(zone_cases[i].text), &off, &used) !=
		    zone_cases[i].rc)
			fail_msg("\"%s\": wrong result", zone_cases[i].text);
		if (zone_cases[i].rc != 0)
			continue;
		assert_int_equal(off, zone_cases[i].offset);
		assert_int_equal(used, zone_cases[i].used);
	}
	/* len, not the NUL, ends the input */
	assert_int_equal(time_parse_zone("+0100", 4, &off, &used), -1);
}

static const struct {
	const char	*text;
	int		 rc;
	double		 want;
} sql_cases[] = {
	{ "2014-06-29 16:00:45", 0, D20140629 + 57645 },
	{ "2014-06-29 16:00:45.775", 0, D20140629 + 57645.775 },
	{ "2014-06-29 16:00:45.775123", 0, D20140629 + 57645.775123 },
	{ "2014-06-29 16:00:45.7", 0, D20140629 + 57645.7 },
	{ "2014-06-29 16:00:45.0", 0, D20140629 + 57645 },
	{ "1970-01-01 00:00:00", 0, 0 },
	{ "2014-06-29 16:00:45.", -1, 0 },
	{ "2014-06-29 16:00:45.7751234", -1, 0 },	/* 7 digits */
	{ "2014-06-29 16:00:45 ", -1, 0 },
	{ "2014-06-29 16:00:45Z", -1, 0 },
	{ "2014-06-29T16:00:45", -1, 0 },
	{ "2014-06-29 16:00", -1, 0 },
	{ "2014-06-29 16:00:4", -1, 0 },
	{ "2014-02-30 16:00:45", -1, 0 },
	{ "2014-06-29 25:00:45", -1, 0 },
	{ "null", -1, 0 },
	{ "", -1, 0 },
};

static void
test_sql(void **state)
{
	double t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(sql_cases) / sizeof(sql_cases[0]); i++) {
		if (time_parse_sql(sql_cases[i].text, strlen(sql_cases[i].text),
		    &t) != sql_cases[i].rc)
			fail_msg("\"%s\": wrong result", sql_cases[i].text);
		if (sql_cases[i].rc == 0 &&
		    absd(t - sql_cases[i].want) > 1e-6)
			fail_msg("\"%s\": %.6f", sql_cases[i].text, t);
	}
	/* exactly len bytes: a longer buffer is not read on */
	assert_int_equal(time_parse_sql("2014-06-29 16:00:45  x", 19, &t), 0);
	assert_true(t == D20140629 + 57645);
	assert_int_equal(time_parse_sql("2014-06-29 16:00:45.775", 21, &t), 0);
	assert_true(absd(t - (D20140629 + 57645.7)) < 1e-6);
}

static const struct {
	const char	*text;
	int		 rc;
	long		 ms;
	size_t		 used;
} tod_cases[] = {
	{ "00:00:00.000 |", 0, 0, 12 },
	{ "16:00:45.775 |12,", 0, 57645775, 12 },
	{ "16:00:45", 0, 57645000, 8 },
	{ "16:00:45 |", 0, 57645000, 8 },
	{ "16:00:45.|", 0, 57645000, 8 },	/* '.' alone not ours */
	{ "16:00:45.7", 0, 57645700, 10 },
	{ "16:00:45.123456", 0, 57645123, 15 },
	{ "23:59:59.999", 0, 86399999, 12 },
	{ "23:59:60.500", 0, 86400500, 12 },	/* leap second */
	{ "24:00:00.000", -1, 0, 0 },
	{ "12:60:00.000", -1, 0, 0 },
	{ "12:00:61.000", -1, 0, 0 },
	{ "1:00:00.000", -1, 0, 0 },
	{ "12:00", -1, 0, 0 },
	{ "12-00-00", -1, 0, 0 },
	{ "", -1, 0, 0 },
};

static void
test_tod(void **state)
{
	size_t i, used;
	long ms;

	(void)state;
	for (i = 0; i < sizeof(tod_cases) / sizeof(tod_cases[0]); i++) {
		used = 999;
		ms = -1;
		if (time_parse_tod(tod_cases[i].text, strlen(tod_cases[i].text),
		    &ms, &used) != tod_cases[i].rc)
			fail_msg("\"%s\": wrong result", tod_cases[i].text);
		if (tod_cases[i].rc != 0)
			continue;
		assert_int_equal(ms, tod_cases[i].ms);
		assert_int_equal(used, tod_cases[i].used);
	}
}

/*
 * Three fraction digits take a shortcut: every one of the 1,000 gives
 * what a fourth digit, 0, through the general case gives.
 */
static void
test_tod_millis(void **state)
{
	char three[16], four[16];
	size_t used3, used4;
	long ms3, ms4, k;

	(void)state;
	for (k = 0; k < 1000; k++) {
		snprintf(three, sizeof(three), "07:08:09.%03ld |", k);
		snprintf(four, sizeof(four), "07:08:09.%03ld0 |", k);
		assert_int_equal(time_parse_tod(three, strlen(three), &ms3,
		    &used3), 0);
		assert_int_equal(time_parse_tod(four, strlen(four), &ms4,
		    &used4), 0);
		assert_int_equal(ms3, ms4);
		assert_int_equal(ms3, (7 * 3600 + 8 * 60 + 9) * 1000 + k);
		assert_int_equal(used3, 12);
		assert_int_equal(used4, 13);
	}
}

static void
test_format_utc(void **state)
{
	static const struct {
		double		 t;
		const char	*want;
	} cases[] = {
		{ 0, "1970-01-01 00:00:00Z" },
		{ D20140629 + 57645.775, "2014-06-29 16:00:45Z" },
		{ -0.5, "1969-12-31 23:59:59Z" },
		{ -86400, "1969-12-31 00:00:00Z" },
		{ 951782400, "2000-02-29 00:00:00Z" },
		{ 253402300799.0, "9999-12-31 23:59:59Z" },
		{ -62167219200.0, "0000-01-01 00:00:00Z" },
	};
	char buf[32], small[8];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		time_format_utc(cases[i].t, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].want);
	}
	time_format_utc(1e300, buf, sizeof(buf));
	assert_null(strchr(buf, '-'));		/* no bogus date */
	time_format_utc(0, small, sizeof(small));
	assert_string_equal(small, "1970-01");
}

/* The parsers and the formatter agree with each other. */
static void
test_format_parse_roundtrip(void **state)
{
	char buf[32];
	double t, back;

	(void)state;
	for (t = -2e9; t < 4e9; t += 7777777) {
		time_format_utc(t, buf, sizeof(buf));
		assert_int_equal(time_parse_user(buf, &back), 0);
		assert_true(back == t);
		buf[19] = '\0';				/* drop the Z */
		assert_int_equal(time_parse_sql(buf, 19, &back), 0);
		assert_true(back == t);
	}
}

/* The clock is read, not guessed: after 2020 and moving forward. */
static void
test_wallclock(void **state)
{
	double a, b;

	(void)state;
	a = wallclock_now();
	b = wallclock_now();
	assert_true(a > 1577836800.0);
	assert_true(b >= a);
}

/* TZ in the environment changes nothing. */
static void
test_tz_ignored(void **state)
{
	double a, b;

	(void)state;
	setenv("TZ", "UTC", 1);
	assert_int_equal(time_parse_user("2014-06-29 16:15:00", &a), 0);
	setenv("TZ", "America/New_York", 1);
	assert_int_equal(time_parse_user("2014-06-29 16:15:00", &b), 0);
	assert_true(a == b);
	assert_true(a == D20140629 + 58500);
	unsetenv("TZ");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days_from_civil),
		cmocka_unit_test(test_civil_roundtrip),
		cmocka_unit_test(test_user),
		cmocka_unit_test(test_month_lengths),
		cmocka_unit_test(test_ncsa),
		cmocka_unit_test(test_ncsa_len),
		cmocka_unit_test(test_zone),
		cmocka_unit_test(test_sql),
		cmocka_unit_test(test_tod),
		cmocka_unit_test(test_tod_millis),
		cmocka_unit_test(test_format_utc),
		cmocka_unit_test(test_format_parse_roundtrip),
		cmocka_unit_test(test_wallclock),
		cmocka_unit_test(test_tz_ignored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
