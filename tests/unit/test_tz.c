/*
 * test_tz.c - the box's zone: names checked before the C library sees
 * them, offsets of real zones on both sides of their changes, and the
 * offset measured from a last line against its file's mtime.
 *
 * Offsets and change dates are those of the tz database (files europe,
 * northamerica, asia, australasia); the zones are the system's
 * (/usr/share/zoneinfo, package tzdata).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "timeparse.h"
#include "tz.h"

#define LEN(a)	(sizeof(a) / sizeof((a)[0]))

static double
utc(int y, int mo, int d, int h, int mi, int s)
{
	return (double)days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400.0 +
	    h * 3600 + mi * 60 + s;
}

/* Names: accepted, or refused with the reason's words. */
static const struct {
	const char	*name;
	const char	*why;	/* NULL: accepted */
} names[] = {
	{ "Europe/Dublin", NULL },
	{ "America/New_York", NULL },
	{ "America/Argentina/Buenos_Aires", NULL },
	{ "Etc/GMT+5", NULL },
	{ "UTC", NULL },
	{ "", "empty" },
	{ "/etc/localtime", "an absolute path" },
	{ "../../etc/passwd", "not a zone name" },
	{ "Europe/../Europe/Dublin", "not a zone name" },
	{ "Europe/./Dublin", "not a zone name" },
	{ "Europe//Dublin", "not a zone name" },
	{ "Europe/Dublin/", "not a zone name" },
	{ "Europe/Dublin Time", "not a zone name" },
	{ "IST", "no such zone" },
	{ "Europe/Nowhere", "no such zone" },
	{ "Europe", "not a tz database zone file" },	/* a directory */
	{ "zone.tab", "not a tz database zone file" },
};

static void
test_names(void **unused)
{
	struct tz_zone z;
	char err[512];
	size_t i;
	int rc;

	(void)unused;
	for (i = 0; i < LEN(names); i++) {
		err[0] = '\0';
		rc = tz_zone_named(&z, names[i].name, NULL, err, sizeof(err));
		if (names[i].why == NULL) {
			if (rc != 0)
				fail_msg("%s: refused: %s", names[i].name, err);
			assert_int_equal(z.kind, TZ_NAMED);
			assert_string_equal(z.name, names[i].name);
		} else if (rc == 0 || strstr(err, names[i].why) == NULL ||
		    strstr(err, "--timezone") == NULL)
			fail_msg("%s: want '%s', got rc %d '%s'", names[i].name,
			    names[i].why, rc, err);
	}
	/* $TZDIR is where the names are looked up */
	assert_int_equal(tz_zone_named(&z, "Europe/Dublin", "/nonexistent",
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent"));
}

/* Offsets of real zones: summer and winter, and each side of a change. */
static const struct {
	const char	*zone;
	int		 y, mo, d, h, mi, s;	/* UTC */
	int		 offset;
	const char	*abbr;
} offsets[] = {
	{ "America/New_York", 2026, 1, 15, 12, 0, 0, -5 * 3600, "EST" },
	{ "America/New_York", 2026, 7, 15, 12, 0, 0, -4 * 3600, "EDT" },
	{ "America/New_York", 2026, 3, 8, 6, 59, 59, -5 * 3600, "EST" },
	{ "America/New_York", 2026, 3, 8, 7, 0, 0, -4 * 3600, "EDT" },
	{ "America/New_York", 2026, 11, 1, 5, 59, 59, -4 * 3600, "EDT" },
	{ "America/New_York", 2026, 11, 1, 6, 0, 0, -5 * 3600, "EST" },
	{ "Europe/Dublin", 2026, 1, 15, 12, 0, 0, 0, "GMT" },
	{ "Europe/Dublin", 2026, 7, 15, 12, 0, 0, 3600, "IST" },
	{ "Europe/Dublin", 2026, 10, 25, 0, 59, 59, 3600, "IST" },
	{ "Europe/Dublin", 2026, 10, 25, 1, 0, 0, 0, "GMT" },
	{ "Europe/Dublin", 2026, 3, 29, 0, 59, 59, 0, "GMT" },
	{ "Europe/Dublin", 2026, 3, 29, 1, 0, 0, 3600, "IST" },
	{ "Asia/Kolkata", 2026, 7, 15, 12, 0, 0, 19800, "IST" },
	{ "Australia/Adelaide", 2026, 1, 15, 12, 0, 0, 37800, "ACDT" },
	{ "Australia/Adelaide", 2026, 7, 15, 12, 0, 0, 34200, "ACST" },
	{ "Pacific/Auckland", 2026, 1, 15, 12, 0, 0, 13 * 3600, "NZDT" },
	{ "Pacific/Auckland", 2026, 7, 15, 12, 0, 0, 12 * 3600, "NZST" },
	{ "America/St_Johns", 2026, 1, 15, 12, 0, 0, -12600, "NST" },
	{ "America/St_Johns", 2026, 7, 15, 12, 0, 0, -9000, "NDT" },
};

static void
test_offsets(void **unused)
{
	struct tz_zone z;
	char err[512], buf[64], want[64];
	double t;
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(offsets); i++) {
		assert_int_equal(tz_zone_named(&z, offsets[i].zone, NULL, err,
		    sizeof(err)), 0);
		assert_int_equal(tz_select(&z), 0);
		t = utc(offsets[i].y, offsets[i].mo, offsets[i].d, offsets[i].h,
		    offsets[i].mi, offsets[i].s);
		if (tz_offset_at(&z, t) != offsets[i].offset)
			fail_msg("%s at %zu: %d, want %d", offsets[i].zone, i,
			    tz_offset_at(&z, t), offsets[i].offset);
		/* the fraction of a second is in the same second */
		assert_int_equal(tz_offset_at(&z, t + 0.999), offsets[i].offset);
		tz_format_offset(offsets[i].offset, want, sizeof(want));
		snprintf(want + strlen(want), sizeof(want) - strlen(want),
		    " %s", offsets[i].abbr);
		tz_describe(&z, t, buf, sizeof(buf));
		assert_string_equal(buf, want);
	}
	tz_zone_fixed(&z, -12600);
	assert_int_equal(tz_offset_at(&z, 1e9), -12600);
	tz_describe(&z, 1e9, buf, sizeof(buf));
	assert_string_equal(buf, "-03:30");
	tz_format_offset(20, buf, sizeof(buf));
	assert_string_equal(buf, "+00:00:20");
	tz_format_offset(-9 * 3600 - 1800, buf, sizeof(buf));
	assert_string_equal(buf, "-09:30");
}

/*
 * Measurements: the last line's time of day and the file's mtime (UTC);
 * the offset found and the residual, or a refusal.
 */
static const struct {
	const char	*what;
	int		 h, mi, s, ms;	/* the last line, local */
	int		 y, mo, d, mh, mmi, ms_;	/* mtime, UTC */
	int		 rc;
	int		 offset;
	double		 residual;
} measures[] = {
	{ "UTC, same second", 10, 0, 0, 0, 2026, 11, 25, 10, 0, 0, 0, 0, 0 },
	{ "UTC, stamp in the mtime's second", 10, 0, 0, 900, 2026, 11, 25, 10, 0, 0,
	  0, 0, 0.9 },
	{ "Dublin summer, a line 3 s before", 11, 59, 57, 0, 2026, 7, 1, 11, 0, 0,
	  0, 3600, -3 },
	{ "New York winter", 5, 0, 0, 0, 2026, 1, 15, 10, 0, 0, 0, -5 * 3600, 0 },
	{ "New York summer", 6, 0, 0, 0, 2026, 7, 15, 10, 0, 0, 0, -4 * 3600, 0 },
	{ "Kolkata, across UTC midnight", 5, 29, 0, 0, 2026, 7, 15, 23, 59, 0, 0,
	  19800, 0 },
	{ "Adelaide summer +10:30", 22, 30, 0, 0, 2026, 1, 15, 12, 0, 0, 0, 37800, 0 },
	{ "Auckland +13: its time of day is also -11", 1, 0, 0, 0, 2026, 1, 15, 12, 0,
	  0, 0, 13 * 3600, 0 },
	{ "St John's -02:30", 9, 30, 0, 0, 2026, 7, 15, 12, 0, 0, 0, -9000, 0 },
	{ "Hawaii -10 stays -10", 2, 0, 0, 0, 2026, 7, 15, 12, 0, 0, 0, -10 * 3600, 0 },
	{ "disorder: 119 s before", 9, 58, 1, 0, 2026, 11, 25, 10, 0, 0, 0, 0, -119 },
	{ "over 2 min before: not the last write", 9, 57, 0, 0, 2026, 11, 25, 10, 0, 0,
	  -1, 0, -180 },
	{ "after the mtime: not the last write", 10, 0, 30, 0, 2026, 11, 25, 10, 0, 0,
	  -1, 0, 30 },
	{ "a copy's mtime, 7 min off", 10, 7, 0, 0, 2026, 11, 25, 10, 0, 0, -1, 0, 420 },
	{ "a copy's mtime, 7.5 min off", 10, 7, 30, 0, 2026, 11, 25, 10, 0, 0, -1, 900,
	  -450 },
};

static void
test_measure(void **unused)
{
	struct tz_measure m;
	double mtime;
	long ms;
	size_t i;
	int rc;

	(void)unused;
	for (i = 0; i < LEN(measures); i++) {
		ms = ((measures[i].h * 60L + measures[i].mi) * 60 +
		    measures[i].s) * 1000 + measures[i].ms;
		mtime = utc(measures[i].y, measures[i].mo, measures[i].d,
		    measures[i].mh, measures[i].mmi, measures[i].ms_);
		rc = tz_measure(ms, mtime, &m);
		if (rc != measures[i].rc || m.offset != measures[i].offset ||
		    m.residual < measures[i].residual - 0.001 ||
		    m.residual > measures[i].residual + 0.001)
			fail_msg("%s: rc %d offset %d residual %.3f", measures[i].what,
			    rc, m.offset, m.residual);
		assert_true(m.offset >= TZ_MEASURE_MIN &&
		    m.offset < TZ_MEASURE_MAX);
	}
	/* out of range input stays total */
	assert_int_equal(tz_measure(-5, 0, &m), 0);
	(void)tz_measure(86400000L, 1e300, &m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_measure),
	};

	return cmocka_run_group_tests_name("tz", tests, NULL, NULL);
}
