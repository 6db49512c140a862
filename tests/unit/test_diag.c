/* test_diag.c - CuMbxSync diag lines and the dates they do not carry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "timeparse.h"

#define LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* Good lines: the fields as the parser must give them back. */
static const struct {
	const char	*line;
	long		 ms;
	const char	*thread, *host, *ctx2, *component;
	long		 level;
	const char	*message;
} good[] = {
	{ "10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,14,"
	  "[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Couldn't connect to server, "
	  "HTTP status code: 503, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST",
	  (10 * 3600 + 37 * 60 + 12) * 1000L + 321, "9156", "mail.example.com",
	  "{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C}", "CsEws", 14,
	  "[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Couldn't connect to server, "
	  "HTTP status code: 503, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST" },
	/* stray space before the component, empty contexts, level -1 */
	{ "00:00:00.000 |4711,,, CsMbxSync,-1,checker thread woke up",
	  0, "4711", "", "", "CsMbxSync", -1, "checker thread woke up" },
	/* spaces around every field, tab before the '|' */
	{ "23:59:59.999\t| 12 , ex01.corp.local , , CsExMbxLocator , 3 ,x",
	  86399999L, "12", "ex01.corp.local", "", "CsExMbxLocator", 3, "x" },
	/* empty message */
	{ "01:02:03.004 |1,h,g,CsWebDav,0,", 3723004L, "1", "h", "g", "CsWebDav", 0, "" },
	/* no space before '|', no milliseconds */
	{ "01:02:03|1,h,g,C,+5,msg, with, commas", 3723000L, "1", "h", "g", "C", 5,
	  "msg, with, commas" },
	/* a leap second stays in the day */
	{ "23:59:60.500 |1,,,C,1,m", 86399999L, "1", "", "", "C", 1, "m" },
	/* bytes that are not ASCII in the message */
	{ "12:00:00.000 |1,h,,C,1,\xc3\xa9\xff\x01", 43200000L, "1", "h", "", "C", 1,
	  "\xc3\xa9\xff\x01" },
};

static void
assert_field(const char *want, const char *got, size_t len)
{
	assert_int_equal(strlen(want), len);
	assert_memory_equal(want, got, len);
}

static void
test_good_lines(void **unused)
{
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(good); i++) {
		struct diag_record r;
		const char *why = NULL;

		print_message("# good[%zu]\n", i);
		assert_int_equal(diag_parse_line(good[i].line,
		    strlen(good[i].line), &r, &why), 0);
		assert_int_equal(r.ms, good[i].ms);
		assert_field(good[i].thread, r.thread, r.thread_len);
		assert_field(good[i].host, r.host, r.host_len);
		assert_field(good[i].ctx2, r.context2, r.context2_len);
		assert_field(good[i].component, r.component, r.component_len);
		assert_int_equal(r.level, good[i].level);
		assert_field(good[i].message, r.message, r.message_len);
	}
}

static const struct {
	const char	*line;
	const char	*why;
} bad[] = {
	{ "", "empty line" },
	{ "garbage", "no time of day" },
	{ "10:37 |1,h,,C,1,m", "no time of day" },
	{ "24:00:00.000 |1,h,,C,1,m", "no time of day" },
	{ "10:61:00.000 |1,h,,C,1,m", "no time of day" },
	{ "10:37:12.321 1,h,,C,1,m", "no '|' after the time" },
	{ "10:37:12.321 ", "no '|' after the time" },
	{ "10:37:12.321 |", "missing field" },
	{ "10:37:12.321 |1,h,,C,1", "missing field" },
	{ "10:37:12.321 |1,h,,C", "missing field" },
	{ "10:37:12.321 |,h,,C,1,m", "empty thread" },
	{ "10:37:12.321 |1,h,, ,1,m", "empty component" },
	{ "10:37:12.321 |1,h,,C,x,m", "bad level" },
	{ "10:37:12.321 |1,h,,C,,m", "bad level" },
	{ "10:37:12.321 |1,h,,C,-,m", "bad level" },
	{ "10:37:12.321 |1,h,,C,1234567890,m", "bad level" },
	{ "10:37:12.321 |1,h,,C,1 2,m", "bad level" },
	{ "    at com.cisco.Foo(Foo.java:12)", "no time of day" },
	{ "2014-06-29 10:37:12,1,h,,C,1,m", "no time of day" },
};

static void
test_bad_lines(void **unused)
{
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(bad); i++) {
		struct diag_record r;
		const char *why = NULL;

		print_message("# bad[%zu]\n", i);
		assert_int_equal(diag_parse_line(bad[i].line,
		    strlen(bad[i].line), &r, &why), -1);
		assert_string_equal(why, bad[i].why);
	}
	/* why may be NULL; a NULL line is refused */
	{
		struct diag_record r;

		assert_int_equal(diag_parse_line("x", 1, &r, NULL), -1);
		assert_int_equal(diag_parse_line(NULL, 0, &r, NULL), -1);
	}
}

/* The parser must not read past len: the line is cut inside a field. */
static void
test_length_respected(void **unused)
{
	const char *line = "10:37:12.321 |1,h,,C,7,message";
	struct diag_record r;

	(void)unused;
	assert_int_equal(diag_parse_line(line, 24, &r, NULL), 0);
	assert_int_equal(r.level, 7);
	assert_int_equal(r.message_len, 1);
	assert_int_equal(diag_parse_line(line, 22, &r, NULL), -1);
}

static double
utc(int y, int mo, int d, int h, int mi, int s)
{
	return (double)days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400.0 +
	    h * 3600 + mi * 60 + s;
}

static long
tod(int h, int mi, int s, int msec)
{
	return ((h * 60L + mi) * 60 + s) * 1000 + msec;
}

/*
 * The clock, as scenarios: each a list of steps, run in order.
 *	"init TZ"			a new clock, TZ seconds east of UTC
 *	"file YYYY-MM-DDThh:mm:ss"	enter an older file with that mtime (UTC)
 *	"line hh:mm:ss.mmm = UTC"	the next older line dates to UTC
 *					(YYYY-MM-DDThh:mm:ss.mmm)
 *	"before UTC = yes|no"		diag_clock_before at UTC (whole seconds)
 *	"zone eu|ny|none"		date with a zone's changing offset
 *	"calls N"			the zone was asked at most N times
 *					since the last "zone" step
 */
static const struct clock_case {
	const char	*name;
	const char	*steps[16];
} clock_cases[] = {
	{ "walking back without a midnight", {
	    "init 0", "file 2026-11-25T10:00:05",
	    "line 10:00:04.500 = 2026-11-25T10:00:04.500",
	    "line 09:59:00.000 = 2026-11-25T09:59:00.000",
	    "line 00:00:00.000 = 2026-11-25T00:00:00.000",
	    "before 2026-11-25T00:01:00 = yes",
	    "before 2026-11-24T23:59:00 = no",
	    /* mtimes come in whole seconds: a last line in that second stays */
	    "init 0", "file 2026-11-25T10:00:05",
	    "line 10:00:05.900 = 2026-11-25T10:00:05.900", NULL } },
	{ "last line later than the mtime's time of day: before midnight", {
	    "init 0", "file 2026-11-25T00:00:01",
	    "line 23:59:59.900 = 2026-11-24T23:59:59.900", NULL } },
	{ "midnight in a file: a time later than the line after it", {
	    "init 0", "file 2026-11-25T00:10:00",
	    "line 00:09:00.000 = 2026-11-25T00:09:00.000",
	    "line 00:00:00.001 = 2026-11-25T00:00:00.001",
	    "line 23:59:59.999 = 2026-11-24T23:59:59.999",
	    "line 12:00:00.000 = 2026-11-24T12:00:00.000",
	    /* a second midnight in the same file */
	    "line 13:00:00.000 = 2026-11-23T13:00:00.000", NULL } },
	{ "midnight between files, the older one's mtime after it (a copy)", {
	    "init 0", "file 2026-11-25T00:05:00",
	    "line 00:04:00.000 = 2026-11-25T00:04:00.000",
	    "line 00:00:30.000 = 2026-11-25T00:00:30.000",
	    /* older file, its mtime later than the newer file's first line */
	    "file 2026-11-25T00:03:00",
	    "line 23:59:50.000 = 2026-11-24T23:59:50.000",
	    /* an older file copied at the end of the day: the chain dates it */
	    "file 2026-11-25T23:59:30",
	    "line 23:59:55.000 = 2026-11-24T23:59:55.000",
	    /* older file with a proper mtime before midnight */
	    "file 2026-11-24T23:50:00",
	    "line 23:49:00.000 = 2026-11-24T23:49:00.000", NULL } },
	{ "a file written days after the one before: its own mtime anchors it", {
	    "init 0", "file 2026-11-25T10:00:00",
	    "line 09:00:00.000 = 2026-11-25T09:00:00.000",
	    "file 2026-11-22T08:00:00",
	    "line 07:00:00.000 = 2026-11-22T07:00:00.000",
	    "before 2026-11-23T00:00:00 = yes", NULL } },
	{ "threads stamp a little out of order: not a day earlier", {
	    "init 0", "file 2026-11-25T10:00:00",
	    "line 09:00:00.000 = 2026-11-25T09:00:00.000",
	    "line 09:00:00.400 = 2026-11-25T09:00:00.400",
	    /* the bound did not move later: 9:00:30 is still fine, */
	    "line 09:00:30.000 = 2026-11-25T09:00:30.000",
	    /* but 9:01:30, over a minute after 9:00:00: midnight passed */
	    "line 09:01:30.000 = 2026-11-24T09:01:30.000",
	    /* disorder across midnight: 00:00:20 just after 23:59:50 */
	    "init 0", "file 2026-11-25T00:00:30",
	    "line 23:59:50.000 = 2026-11-24T23:59:50.000",
	    "line 00:00:20.000 = 2026-11-25T00:00:20.000",
	    /* and the window test allows for it */
	    "before 2026-11-24T23:59:55 = no", NULL } },
	{ "the box's local clock, --tz-offset east of UTC", {
	    /* UTC+02:00: local 01:30 on the 25th is 23:30 UTC on the 24th */
	    "init 7200", "file 2026-11-24T23:45:00",
	    "line 01:30:00.000 = 2026-11-24T23:30:00.000",
	    /* local midnight, not UTC midnight, is where the day changes */
	    "line 00:10:00.000 = 2026-11-24T22:10:00.000",
	    "line 23:50:00.000 = 2026-11-24T21:50:00.000",
	    /* UTC-05:00: the mtime is 22:00 local */
	    "init -18000", "file 2026-11-25T03:00:00",
	    "line 21:00:00.000 = 2026-11-25T02:00:00.000", NULL } },
	/*
	 * Zones with daylight saving.  "eu" follows the EU rule Europe/Dublin
	 * and Europe/London keep (GMT, +01:00 from 01:00 UTC on the last
	 * Sunday of March to 01:00 UTC on the last Sunday of October), "ny"
	 * the US rule of America/New_York (-05:00, -04:00 from 07:00 UTC on
	 * the second Sunday of March to 06:00 UTC on the first Sunday of
	 * November): tz database, files europe and northamerica.
	 */
	{ "a zone: Dublin's autumn night, the hour 01:00-02:00 twice", {
	    "zone eu", "file 2026-10-25T02:30:00",
	    "line 02:29:00.000 = 2026-10-25T02:29:00.000",
	    /* the second 01:30, in GMT, after the change */
	    "line 01:30:00.000 = 2026-10-25T01:30:00.000",
	    "line 01:00:00.000 = 2026-10-25T01:00:00.000",
	    /* a later time of day: the first pass, in IST */
	    "line 01:59:00.000 = 2026-10-25T00:59:00.000",
	    "line 01:00:30.000 = 2026-10-25T00:00:30.000",
	    "line 00:30:00.000 = 2026-10-24T23:30:00.000",
	    "line 12:00:00.000 = 2026-10-24T11:00:00.000",
	    "before 2026-10-24T11:02:00 = yes", "calls 25", NULL } },
	{ "a zone: Dublin's spring night, the hour 01:00-02:00 skipped", {
	    "zone eu", "file 2026-03-29T01:10:00",
	    "line 02:05:00.000 = 2026-03-29T01:05:00.000",
	    "line 02:00:00.000 = 2026-03-29T01:00:00.000",
	    "line 00:59:59.000 = 2026-03-29T00:59:59.000",
	    "line 00:30:00.000 = 2026-03-29T00:30:00.000",
	    /* a skipped time (no instant has it): the offset at the bound */
	    "zone eu", "file 2026-03-29T12:00:00",
	    "line 01:30:00.000 = 2026-03-29T00:30:00.000", NULL } },
	{ "a zone: New York's autumn night, EDT then EST", {
	    "zone ny", "file 2026-11-01T06:30:00",
	    "line 01:29:00.000 = 2026-11-01T06:29:00.000",
	    "line 01:00:00.000 = 2026-11-01T06:00:00.000",
	    "line 01:59:00.000 = 2026-11-01T05:59:00.000",
	    "line 23:00:00.000 = 2026-11-01T03:00:00.000",
	    "line 09:00:00.000 = 2026-10-31T13:00:00.000", NULL } },
	{ "a zone: summer and winter alike, a few calls for days of log", {
	    "zone ny", "file 2026-07-03T16:00:00",
	    "line 12:00:00.000 = 2026-07-03T16:00:00.000",
	    "line 00:00:00.000 = 2026-07-03T04:00:00.000",
	    "line 12:00:00.000 = 2026-07-02T16:00:00.000",
	    "line 00:00:00.000 = 2026-07-02T04:00:00.000",
	    "line 12:00:00.000 = 2026-07-01T16:00:00.000",
	    "calls 4",
	    "zone ny", "file 2026-01-15T17:00:00",
	    "line 12:00:00.000 = 2026-01-15T17:00:00.000",
	    /* disorder under a zone: the same day, not a day earlier */
	    "line 12:00:30.000 = 2026-01-15T17:00:30.000",
	    /* a file written weeks before: its own mtime anchors it */
	    "file 2025-12-20T10:00:00",
	    "line 04:59:00.000 = 2025-12-20T09:59:00.000",
	    "calls 6", NULL } },
	{ "a zone: a day of lines across the change costs one bisection", {
	    "zone eu", "file 2026-10-25T12:00:00",
	    "line 11:00:00.000 = 2026-10-25T11:00:00.000",
	    "line 06:00:00.000 = 2026-10-25T06:00:00.000",
	    "line 03:00:00.000 = 2026-10-25T03:00:00.000",
	    "line 00:59:00.000 = 2026-10-24T23:59:00.000",
	    "line 18:00:00.000 = 2026-10-24T17:00:00.000",
	    "line 12:00:00.000 = 2026-10-24T11:00:00.000",
	    "line 06:00:00.000 = 2026-10-24T05:00:00.000",
	    "calls 25", NULL } },
};

/* The zones of the table, their changes in UTC; calls counted. */
static unsigned zone_calls;

static int
zone_eu(const void *zone, double t)
{
	(void)zone;
	zone_calls++;
	return t >= 1774746000.0 && t < 1792890000.0 ? 3600 : 0;
}

static int
zone_ny(const void *zone, double t)
{
	(void)zone;
	zone_calls++;
	return t >= 1772953200.0 && t < 1793512800.0 ? -14400 : -18000;
}

static void
test_clock(void **state)
{
	const struct clock_case *c = *state;
	struct diag_clock clk;
	const char *step;
	int tz, y, mo, d, h, mi, sec, ms, lh, lmi, lsec, lms, n;
	char yn[4], zname[8];
	unsigned calls;
	size_t i;

	diag_clock_init(&clk, 0);
	for (i = 0; (step = c->steps[i]) != NULL; i++) {
		if (sscanf(step, "init %d", &tz) == 1)
			diag_clock_init(&clk, tz);
		else if (sscanf(step, "zone %7s", zname) == 1) {
			diag_clock_init(&clk, 0);
			diag_clock_zone(&clk, strcmp(zname, "eu") == 0 ? zone_eu :
			    strcmp(zname, "ny") == 0 ? zone_ny : NULL, NULL);
			zone_calls = 0;
		} else if (sscanf(step, "calls %u", &calls) == 1) {
			if (zone_calls > calls)
				fail_msg("%s: %u calls, more than %u", c->name,
				    zone_calls, calls);
		}
		else if (sscanf(step, "file %d-%d-%dT%d:%d:%d", &y, &mo, &d, &h,
		    &mi, &sec) == 6)
			diag_clock_file(&clk, utc(y, mo, d, h, mi, sec));
		else if ((n = sscanf(step, "line %d:%d:%d.%d = %d-%d-%dT%d:%d:%d.%d",
		    &lh, &lmi, &lsec, &lms, &y, &mo, &d, &h, &mi, &sec, &ms)) == 11) {
			double got = diag_clock_back(&clk, tod(lh, lmi, lsec, lms));
			char buf[32];

			if (got != utc(y, mo, d, h, mi, sec) + ms / 1000.0) {
				time_format_utc(got, buf, sizeof(buf));
				fail_msg("%s: %s (got %s)", c->name, step, buf);
			}
		} else if (sscanf(step, "before %d-%d-%dT%d:%d:%d = %3s", &y, &mo,
		    &d, &h, &mi, &sec, yn) == 7) {
			if (diag_clock_before(&clk, utc(y, mo, d, h, mi, sec)) !=
			    (strcmp(yn, "yes") == 0))
				fail_msg("%s: %s", c->name, step);
		} else
			fail_msg("%s: bad step '%s'", c->name, step);
	}
	assert_true(i > 0);
}

int
main(void)
{
	struct CMUnitTest tests[3 + LEN(clock_cases)] = {
		cmocka_unit_test(test_good_lines),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_length_respected),
	};
	size_t i;

	for (i = 0; i < LEN(clock_cases); i++) {
		struct CMUnitTest t = { clock_cases[i].name, test_clock, NULL,
		    NULL, (void *)(uintptr_t)&clock_cases[i] };

		tests[3 + i] = t;
	}
	return _cmocka_run_group_tests("diag", tests, LEN(tests), NULL, NULL);
}
