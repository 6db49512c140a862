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

/* Lines dated from the file's mtime, walking back without a midnight. */
static void
test_clock_same_day(void **unused)
{
	struct diag_clock clk;
	double mtime = utc(2026, 11, 25, 10, 0, 5);

	(void)unused;
	diag_clock_init(&clk, 0);
	diag_clock_file(&clk, mtime);
	assert_true(diag_clock_back(&clk, tod(10, 0, 4, 500)) ==
	    utc(2026, 11, 25, 10, 0, 4) + 0.5);
	assert_true(diag_clock_back(&clk, tod(9, 59, 0, 0)) ==
	    utc(2026, 11, 25, 9, 59, 0));
	assert_true(diag_clock_back(&clk, tod(0, 0, 0, 0)) ==
	    utc(2026, 11, 25, 0, 0, 0));
	assert_true(diag_clock_before(&clk, utc(2026, 11, 25, 0, 1, 0)));
	assert_false(diag_clock_before(&clk, utc(2026, 11, 24, 23, 59, 0)));
	/* mtimes come in whole seconds: a last line in the same second stays */
	diag_clock_init(&clk, 0);
	diag_clock_file(&clk, mtime);
	assert_true(diag_clock_back(&clk, tod(10, 0, 5, 900)) ==
	    utc(2026, 11, 25, 10, 0, 5) + 0.9);
}

/* The last line later than the mtime's time of day: written before midnight. */
static void
test_clock_last_line_before_midnight(void **unused)
{
	struct diag_clock clk;

	(void)unused;
	diag_clock_init(&clk, 0);
	diag_clock_file(&clk, utc(2026, 11, 25, 0, 0, 1));
	assert_true(diag_clock_back(&clk, tod(23, 59, 59, 900)) ==
	    utc(2026, 11, 24, 23, 59, 59) + 0.9);
}

/* Midnight inside a file: a time later than the line after it. */
static void
test_clock_midnight_in_file(void **unused)
{
	struct diag_clock clk;

	(void)unused;
	diag_clock_init(&clk, 0);
	diag_clock_file(&clk, utc(2026, 11, 25, 0, 10, 0));
	assert_true(diag_clock_back(&clk, tod(0, 9, 0, 0)) ==
	    utc(2026, 11, 25, 0, 9, 0));
	assert_true(diag_clock_back(&clk, tod(0, 0, 0, 1)) ==
	    utc(2026, 11, 25, 0, 0, 0) + 0.001);
	assert_true(diag_clock_back(&clk, tod(23, 59, 59, 999)) ==
	    utc(2026, 11, 24, 23, 59, 59) + 0.999);
	assert_true(diag_clock_back(&clk, tod(12, 0, 0, 0)) ==
	    utc(2026, 11, 24, 12, 0, 0));
	/* a second midnight in the same file */
	assert_true(diag_clock_back(&clk, tod(13, 0, 0, 0)) ==
	    utc(2026, 11, 23, 13, 0, 0));
}

/*
 * Midnight between files: the older file's mtime was touched after
 * midnight too (a copy), so only the newer file's first line tells.
 */
static void
test_clock_midnight_between_files(void **unused)
{
	struct diag_clock clk;

	(void)unused;
	diag_clock_init(&clk, 0);
	diag_clock_file(&clk, utc(2026, 11, 25, 0, 5, 0));
	assert_true(diag_clock_back(&clk, tod(0, 4, 0, 0)) ==
	    utc(2026, 11, 25, 0, 4, 0));
	assert_true(diag_clock_back(&clk, tod(0, 0, 30, 0)) ==
	    utc(2026, 11, 25, 0, 0, 30));
	/* older file, its mtime later than the newer file's first line */
	diag_clock_file(&clk, utc(2026, 11, 25, 0, 3, 0));
	assert_true(diag_clock_back(&clk, tod(23, 59, 50, 0)) ==
	    utc(2026, 11, 24, 23, 59, 50));
	/* an older file copied at the end of the day: the chain still dates it */
	diag_clock_file(&clk, utc(2026, 11, 25, 23, 59, 30));
	assert_true(diag_clock_back(&clk, tod(23, 59, 55, 0)) ==
	    utc(2026, 11, 24, 23, 59, 55));
	/* older file with a proper mtime before midnight */
	diag_clock_file(&clk, utc(2026, 11, 24, 23, 50, 0));
	assert_true(diag_clock_back(&clk, tod(23, 49, 0, 0)) ==
	    utc(2026, 11, 24, 23, 49, 0));
}

/* A file written days after the one before it: its own mtime anchors it. */
static void
test_clock_gap_between_files(void **unused)
{
	struct diag_clock clk;

	(void)unused;
	diag_clock_init(&clk, 0);
	diag_clock_file(&clk, utc(2026, 11, 25, 10, 0, 0));
	assert_true(diag_clock_back(&clk, tod(9, 0, 0, 0)) ==
	    utc(2026, 11, 25, 9, 0, 0));
	diag_clock_file(&clk, utc(2026, 11, 22, 8, 0, 0));
	assert_true(diag_clock_back(&clk, tod(7, 0, 0, 0)) ==
	    utc(2026, 11, 22, 7, 0, 0));
	assert_true(diag_clock_before(&clk, utc(2026, 11, 23, 0, 0, 0)));
}

/* Threads stamp a little out of order: not a day earlier. */
static void
test_clock_disorder(void **unused)
{
	struct diag_clock clk;

	(void)unused;
	diag_clock_init(&clk, 0);
	diag_clock_file(&clk, utc(2026, 11, 25, 10, 0, 0));
	assert_true(diag_clock_back(&clk, tod(9, 0, 0, 0)) ==
	    utc(2026, 11, 25, 9, 0, 0));
	assert_true(diag_clock_back(&clk, tod(9, 0, 0, 400)) ==
	    utc(2026, 11, 25, 9, 0, 0) + 0.4);
	/* the bound did not move later: 9:00:30 after 9:00:00.4 is still fine, */
	assert_true(diag_clock_back(&clk, tod(9, 0, 30, 0)) ==
	    utc(2026, 11, 25, 9, 0, 30));
	/* but 9:01:30 is more than a minute after 9:00:00: midnight passed */
	assert_true(diag_clock_back(&clk, tod(9, 1, 30, 0)) ==
	    utc(2026, 11, 24, 9, 1, 30));
	/* disorder across midnight: 00:00:20 just after a 23:59:50 bound */
	diag_clock_init(&clk, 0);
	diag_clock_file(&clk, utc(2026, 11, 25, 0, 0, 30));
	assert_true(diag_clock_back(&clk, tod(23, 59, 50, 0)) ==
	    utc(2026, 11, 24, 23, 59, 50));
	assert_true(diag_clock_back(&clk, tod(0, 0, 20, 0)) ==
	    utc(2026, 11, 25, 0, 0, 20));
	/* and the window test allows for it */
	assert_false(diag_clock_before(&clk, utc(2026, 11, 24, 23, 59, 55)));
}

/* Times in the box's local clock, --tz-offset east of UTC. */
static void
test_clock_tz_offset(void **unused)
{
	struct diag_clock clk;

	(void)unused;
	/* UTC+02:00: local 01:30 on the 25th is 23:30 UTC on the 24th */
	diag_clock_init(&clk, 7200);
	diag_clock_file(&clk, utc(2026, 11, 24, 23, 45, 0));
	assert_true(diag_clock_back(&clk, tod(1, 30, 0, 0)) ==
	    utc(2026, 11, 24, 23, 30, 0));
	/* local midnight, not UTC midnight, is where the day changes */
	assert_true(diag_clock_back(&clk, tod(0, 10, 0, 0)) ==
	    utc(2026, 11, 24, 22, 10, 0));
	assert_true(diag_clock_back(&clk, tod(23, 50, 0, 0)) ==
	    utc(2026, 11, 24, 21, 50, 0));
	/* UTC-05:00 */
	diag_clock_init(&clk, -18000);
	diag_clock_file(&clk, utc(2026, 11, 25, 3, 0, 0));	/* 22:00 local */
	assert_true(diag_clock_back(&clk, tod(21, 0, 0, 0)) ==
	    utc(2026, 11, 25, 2, 0, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_lines),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_length_respected),
		cmocka_unit_test(test_clock_same_day),
		cmocka_unit_test(test_clock_last_line_before_midnight),
		cmocka_unit_test(test_clock_midnight_in_file),
		cmocka_unit_test(test_clock_midnight_between_files),
		cmocka_unit_test(test_clock_gap_between_files),
		cmocka_unit_test(test_clock_disorder),
		cmocka_unit_test(test_clock_tz_offset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
