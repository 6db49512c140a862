/*
 * test_zoneabbr.c - Java's zone abbreviations in selectLogFiles dates
 * ("Wed May 16 02:11:27 EDT 2018"): the table and the rule that reads a
 * listing in UTC with CUC's Date header as its clock.
 *
 * The ambiguities are the tz database's and Java's own: IST is Europe/
 * Dublin's summer (+01:00), Asia/Jerusalem's winter (+02:00) and Asia/
 * Kolkata (+05:30); CST America/Chicago (-06:00), America/Havana (-05:00)
 * and Asia/Shanghai (+08:00); AST America/Halifax (-04:00) and Java's
 * Asia/Riyadh (+03:00).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tz.h"
#include "zoneabbr.h"

#define H	3600.0
#define JUL12	1784116800.0	/* 2026-07-15 12:00:00 as wall clock */
#define JAN12	1768478400.0	/* 2026-01-15 12:00:00 */
#define JAN06	1768456800.0	/* 2026-01-15 06:00:00 */
#define JAN20	1768507200.0	/* 2026-01-15 20:00:00 */
#define OCT0150	1792893000.0	/* 2026-10-25 01:50:00: Dublin, before 01:00 UTC */
#define OCT0130	1792891800.0	/* 2026-10-25 01:30:00: after */
#define MAR0159	1772935140.0	/* 2026-03-08 01:59:00: Chicago, CST */
#define MAR0301	1772938860.0	/* 2026-03-08 03:01:00: CDT */
#define MAR2913	1774747800.0	/* 2026-03-29 01:30:00: Dublin skips it */

static const struct {
	const char	*name;
	const char	*zone[2];	/* NULL: fewer dates */
	double		 wall[2];
	double		 now;
	int		 has_now;
	double		 max_age;
	double		 utc[2];
	const char	*err;		/* expected error part, or NULL */
} cases[] = {
	{ "IST, Dublin summer", { "IST" }, { JUL12 }, JUL12 - H + 30, 1, 0,
	    { JUL12 - H }, NULL },
	{ "IST, India", { "IST" }, { JUL12 }, JUL12 - 5.5 * H + 20, 1, 0,
	    { JUL12 - 5.5 * H }, NULL },
	{ "IST, Israel winter", { "IST" }, { JAN12 }, JAN12 - 2 * H + 10, 1,
	    0, { JAN12 - 2 * H }, NULL },
	{ "IST, two candidates within the bound", { "IST" }, { JUL12 },
	    JUL12 - H + 2400, 1, 7200, { 0 }, "fits +01:00 and +02:00" },
	{ "IST, no Date", { "IST" }, { JUL12 }, 0, 0, 0, { 0 },
	    "fits +01:00, +02:00 and +05:30, and CUC sent no Date" },
	{ "IST, after CUC's clock", { "IST" }, { JUL12 }, JUL12 - 6 * H, 1,
	    0, { 0 }, "after CUC's own clock" },
	{ "CST, US Central", { "CST" }, { JAN06 }, JAN06 + 6 * H + 5, 1, 0,
	    { JAN06 + 6 * H }, NULL },
	{ "CST, China", { "CST" }, { JAN20 }, JAN20 - 8 * H + 5, 1, 0,
	    { JAN20 - 8 * H }, NULL },
	{ "AST, Atlantic", { "AST" }, { JAN12 }, JAN12 + 4 * H + 60, 1, 0,
	    { JAN12 + 4 * H }, NULL },
	{ "AST, Arabia", { "AST" }, { JAN12 }, JAN12 - 3 * H + 60, 1, 0,
	    { JAN12 - 3 * H }, NULL },
	{ "EDT and EST need no Date", { "EDT", "EST" }, { JUL12, JAN12 }, 0,
	    0, 0, { JUL12 + 4 * H, JAN12 + 5 * H }, NULL },
	{ "MYT, Java's name", { "MYT" }, { JAN12 }, 0, 0, 0,
	    { JAN12 - 8 * H }, NULL },
	{ "GMT+05:30 form", { "GMT+05:30" }, { JAN12 }, 0, 0, 0,
	    { JAN12 - 5.5 * H }, NULL },
	{ "unknown abbreviation", { "XYZT" }, { JAN12 }, JAN12, 1, 0, { 0 },
	    "zone 'XYZT' is not one we know" },
	{ "unknown in an older file", { "UTC", "QQT" }, { JAN12, JAN06 },
	    JAN12, 1, 0, { 0 }, "'QQT'" },
	/* Dublin, 25 Oct 2026: 01:50 IST (00:50 UTC), then 01:30 GMT. */
	{ "Dublin across the change", { "IST", "GMT" }, { OCT0150, OCT0130 },
	    OCT0130 + 10, 1, 0, { OCT0150 - H, OCT0130 }, NULL },
	/* Chicago, 8 Mar 2026: CDT read by Date, CST in Chicago's region. */
	{ "Chicago across the change", { "CST", "CDT" }, { MAR0159, MAR0301 },
	    MAR0301 + 5 * H + 30, 1, 0, { MAR0159 + 6 * H, MAR0301 + 5 * H },
	    NULL },
	/* The same names when Date says Havana: CST is then Havana's. */
	{ "Havana: CDT -04:00, its CST", { "CST", "CDT" }, { MAR0159, MAR0301 },
	    MAR0301 + 4 * H + 30, 1, 0, { MAR0159 + 5 * H, MAR0301 + 4 * H },
	    NULL },
};

static void
test_resolve(void **state)
{
	struct zoneabbr_date d[2];
	char err[300];
	size_t i, k, n;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(d, 0, sizeof(d));
		for (n = 0; n < 2 && cases[i].zone[n] != NULL; n++) {
			d[n].zone = cases[i].zone[n];
			d[n].wall = cases[i].wall[n];
			d[n].name = "f";
		}
		err[0] = '\0';
		rc = zoneabbr_resolve(d, n, cases[i].now, cases[i].has_now,
		    cases[i].max_age, err, sizeof(err));
		if (cases[i].err != NULL) {
			if (rc != -1 || strstr(err, cases[i].err) == NULL)
				fail_msg("%s: rc %d, '%s'", cases[i].name, rc,
				    err);
			continue;
		}
		if (rc != 0)
			fail_msg("%s: %s", cases[i].name, err);
		for (k = 0; k < n; k++)
			if (d[k].utc != cases[i].utc[k])
				fail_msg("%s: date %zu at %.0f, not %.0f",
				    cases[i].name, k, d[k].utc,
				    cases[i].utc[k]);
	}
}

/*
 * The box's zone given (--timezone, --tz-offset): every date read in it,
 * the abbreviation only checked.  Transitions from the tz database:
 * Europe/Dublin leaves IST at 01:00 UTC on 25 Oct 2026 (01:00..02:00
 * local twice) and enters it at 01:00 UTC on 29 Mar 2026 (01:00..02:00
 * local never); Asia/Jerusalem is IST +02:00 in winter, IDT +03:00 in
 * summer.
 */
static const struct {
	const char	*name;
	const char	*tz;		/* named zone, or NULL: fixed */
	int		 fixed;		/* s east, when tz is NULL */
	const char	*zone;		/* the listed abbreviation */
	double		 wall;
	double		 utc;
	const char	*text;		/* expected in err (or note if ok) */
} known[] = {
	{ "Israel winter, IST", "Asia/Jerusalem", 0, "IST", JAN12,
	    JAN12 - 2 * H, "IST read in --timezone Asia/Jerusalem: +02:00" },
	{ "Israel summer, IDT", "Asia/Jerusalem", 0, "IDT", JUL12,
	    JUL12 - 3 * H, NULL },
	{ "Dublin summer, IST", "Europe/Dublin", 0, "IST", JUL12, JUL12 - H,
	    NULL },
	{ "Dublin winter, GMT", "Europe/Dublin", 0, "GMT", JAN12, JAN12,
	    NULL },
	{ "Dublin repeated hour, IST: the first", "Europe/Dublin", 0, "IST",
	    OCT0130, OCT0130 - H, "the repeated hour" },
	{ "Dublin repeated hour, GMT: the second", "Europe/Dublin", 0, "GMT",
	    OCT0130, OCT0130, NULL },
	{ "Dublin repeated hour, unknown name: the later", "Europe/Dublin", 0,
	    "QQT", OCT0130, OCT0130, NULL },
	{ "Dublin's skipped hour", "Europe/Dublin", 0, "GMT", MAR2913, 0,
	    "skips" },
	{ "India, IST", "Asia/Kolkata", 0, "IST", JAN12, JAN12 - 5.5 * H,
	    NULL },
	{ "EST contradicts Kolkata", "Asia/Kolkata", 0, "EST", JAN12, 0,
	    "zone EST of f (-05:00) contradicts --timezone Asia/Kolkata "
	    "(+05:30 there)" },
	{ "CST in Chicago", "America/Chicago", 0, "CST", JAN06,
	    JAN06 + 6 * H, NULL },
	{ "CST read in Shanghai", "Asia/Shanghai", 0, "CST", JAN20,
	    JAN20 - 8 * H, NULL },
	{ "--tz-offset, IST", NULL, 19800, "IST", JAN12, JAN12 - 5.5 * H,
	    "read in --tz-offset +05:30: +05:30" },
	{ "--tz-offset, GMT+05:30", NULL, 19800, "GMT+05:30", JAN12,
	    JAN12 - 5.5 * H, NULL },
	{ "--tz-offset contradicted", NULL, 19800, "EDT", JUL12, 0,
	    "contradicts --tz-offset +05:30" },
};

static void
test_resolve_known(void **state)
{
	struct zoneabbr_date d;
	struct zoneabbr_known k;
	struct tz_zone z;
	char err[400], note[320], label[64];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (known[i].tz != NULL) {
			assert_int_equal(tz_zone_named(&z, known[i].tz, NULL,
			    err, sizeof(err)), 0);
			assert_int_equal(tz_select(&z), 0);
			snprintf(label, sizeof(label), "--timezone %s",
			    known[i].tz);
		} else {
			tz_zone_fixed(&z, known[i].fixed);
			snprintf(label, sizeof(label), "--tz-offset +05:30");
		}
		k.zone = &z;
		k.offset_at = tz_offset_at;
		k.abbr_at = tz_abbr_at;
		k.label = label;
		memset(&d, 0, sizeof(d));
		d.zone = known[i].zone;
		d.wall = known[i].wall;
		d.name = "f";
		err[0] = note[0] = '\0';
		rc = zoneabbr_resolve_known(&d, 1, &k, note, sizeof(note), err,
		    sizeof(err));
		if (known[i].utc == 0) {
			if (rc != -1 || strstr(err, known[i].text) == NULL)
				fail_msg("%s: rc %d, '%s'", known[i].name, rc,
				    err);
			continue;
		}
		if (rc != 0)
			fail_msg("%s: %s", known[i].name, err);
		if (d.utc != known[i].utc)
			fail_msg("%s: at %.0f, not %.0f", known[i].name, d.utc,
			    known[i].utc);
		if (known[i].text != NULL && strstr(note, known[i].text) ==
		    NULL)
			fail_msg("%s: note '%s'", known[i].name, note);
	}
}

/*
 * Without a zone, an Israeli box whose log stopped 70 minutes ago reads
 * as Dublin's summer: the freshest reading wins (documented; --timezone
 * is the way out, and the note says so).
 */
static void
test_resolve_noted(void **state)
{
	struct zoneabbr_date d;
	char err[300], note[320];

	(void)state;
	memset(&d, 0, sizeof(d));
	d.zone = "IST";
	d.wall = JAN12;
	d.name = "diag_CuMbxSync_00000090.uc";
	assert_int_equal(zoneabbr_resolve_noted(&d, 1, JAN12 - 2 * H + 4200,
	    true, 0, note, sizeof(note), err, sizeof(err)), 0);
	assert_true(d.utc == JAN12 - H);
	assert_string_equal(note, "IST read as +01:00: the freshest reading "
	    "against CUC's Date (+02:00, +05:30 would make "
	    "diag_CuMbxSync_00000090.uc 1 h, 4.5 h older; give --timezone "
	    "to be sure)");
	d.zone = "EDT";
	assert_int_equal(zoneabbr_resolve_noted(&d, 1, 0, false, 0, note,
	    sizeof(note), err, sizeof(err)), 0);
	assert_string_equal(note, "EDT: one offset, -04:00");
}

static void
test_table(void **state)
{
	const struct zoneabbr *rows;
	size_t count;
	unsigned i;

	(void)state;
	for (i = 1; i < zoneabbr_count; i++)
		assert_true(strcmp(zoneabbr_table[i - 1].abbr,
		    zoneabbr_table[i].abbr) <= 0);
	assert_int_equal(zoneabbr_find("IST", 3, &rows, &count), 3);
	assert_int_equal(zoneabbr_find("EDT", 3, &rows, &count), 1);
	assert_int_equal(rows[0].minutes, -240);
	/* Java's names that tzdata dropped */
	assert_int_equal(zoneabbr_find("NPT", 3, &rows, &count), 1);
	assert_int_equal(rows[0].minutes, 345);
	assert_int_equal(zoneabbr_find("COT", 3, &rows, &count), 1);
	assert_int_equal(zoneabbr_find("TRT", 3, &rows, &count), 1);
	assert_int_equal(zoneabbr_find("BDT", 3, &rows, &count), 1);
	assert_int_equal(zoneabbr_find("EAT", 3, &rows, &count), 1);
	assert_int_equal(zoneabbr_find("WAT", 3, &rows, &count), 1);
	assert_int_equal(zoneabbr_find("IDT", 3, &rows, &count), 1);
	assert_true(zoneabbr_find("PHT", 3, &rows, &count) >= 1);
	/* a prefix is no match */
	assert_int_equal(zoneabbr_find("IS", 2, &rows, &count), 0);
	assert_int_equal(zoneabbr_find("ISTX", 4, &rows, &count), 0);
	assert_int_equal(zoneabbr_find("", 0, &rows, &count), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_resolve_known),
		cmocka_unit_test(test_resolve_noted),
		cmocka_unit_test(test_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
