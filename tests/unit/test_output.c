/* test_output.c - the report writer: what Nagios and Icinga will read. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "output.h"

/* Print the report into a string (freed by the caller); *rc the exit code. */
static char *
print_report(const struct report *r, int *rc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	*rc = report_print(r, fp);
	assert_int_equal(fclose(fp), 0);
	assert_non_null(buf);
	return buf;
}

static void
assert_prints(const struct report *r, const char *want, int want_rc)
{
	char *out;
	int rc;

	out = print_report(r, &rc);
	if (strcmp(out, want) != 0)
		fail_msg("printed\n\"%s\"\nwant\n\"%s\"", out, want);
	assert_int_equal(rc, want_rc);
	free(out);
}

static struct range
mkrange(const char *text)
{
	struct range r;

	assert_int_equal(range_parse(text, 0, &r, NULL), 0);
	return r;
}

static void
test_first_line(void **state)
{
	static struct report r;

	(void)state;
	report_init(&r, "PORT");
	report_summary(&r, "%s:%d accepts connections", "cuc1", 7080);
	assert_prints(&r, "CUC PORT OK - cuc1:7080 accepts connections\n", 0);

	report_fail(&r, STATE_CRITICAL, "connection refused by %s", "cuc1");
	assert_prints(&r, "CUC PORT CRITICAL - connection refused by cuc1\n", 2);
}

static void
test_states_and_exit(void **state)
{
	static struct report r;

	(void)state;
	report_init(&r, "X");
	assert_int_equal(r.state, STATE_OK);
	report_raise(&r, STATE_UNKNOWN);
	assert_int_equal(r.state, STATE_UNKNOWN);
	report_raise(&r, STATE_WARNING);
	assert_int_equal(r.state, STATE_WARNING);
	report_raise(&r, STATE_UNKNOWN);	/* UNKNOWN ranks below WARNING */
	assert_int_equal(r.state, STATE_WARNING);
	report_raise(&r, STATE_OK);
	assert_int_equal(r.state, STATE_WARNING);
	report_summary(&r, "s");
	assert_prints(&r, "CUC X WARNING - s\n", 1);
	report_set_state(&r, STATE_OK);		/* outright, even downwards */
	assert_prints(&r, "CUC X OK - s\n", 0);
	report_set_state(&r, STATE_UNKNOWN);
	assert_prints(&r, "CUC X UNKNOWN - s\n", 3);
	report_set_state(&r, (enum state)7);	/* out of range: UNKNOWN, 3 */
	assert_prints(&r, "CUC X UNKNOWN - s\n", 3);
}

/* No summary: no dangling " - "; no perfdata: no '|'. */
static void
test_empty_summary(void **state)
{
	static struct report r;
	struct perf p = { .label = "a", .value = 1 };

	(void)state;
	report_init(&r, "PORT");
	assert_prints(&r, "CUC PORT OK\n", 0);
	assert_int_equal(report_perf(&r, &p), 0);
	assert_prints(&r, "CUC PORT OK | a=1\n", 0);
	report_init(&r, NULL);
	report_set_state(&r, STATE_CRITICAL);
	assert_prints(&r, "CUC CRITICAL\n", 2);
}

static void
test_line_with_perf_and_details(void **state)
{
	static struct report r;
	struct range w = mkrange("1"), c = mkrange("5");
	struct perf p = {
		.label = "time", .value = 0.0123456, .uom = "s", .decimals = 6,
		.warning = &w, .critical = &c, .has_min = true, .min = 0,
		.has_max = true, .max = 10
	};
	struct perf q = { .label = "count", .value = 3, .uom = "c" };

	(void)state;
	report_init(&r, "PORT");
	report_summary(&r, "connected in 0.012 s");
	assert_int_equal(report_perf(&r, &p), 0);
	assert_int_equal(report_perf(&r, &q), 0);
	report_detail(&r, "line %d", 1);
	report_detail(&r, "line %d; still long output", 2);
	assert_prints(&r,
	    "CUC PORT OK - connected in 0.012 s | "
	    "time=0.012346s;1;5;0;10 count=3c\n"
	    "line 1\n"
	    "line 2; still long output\n", 0);
}

static const struct {
	struct perf	 p;
	const char	*warn, *crit;	/* range texts, NULL: none */
	const char	*want;
} perf_cases[] = {
	{ { .label = "a", .value = 1 }, NULL, NULL, "a=1" },
	{ { .label = "a", .value = 1 }, NULL, "5", "a=1;;5" },
	{ { .label = "a", .value = 1 }, "3", NULL, "a=1;3" },
	{ { .label = "a", .value = 1, .has_min = true, .min = 0 }, NULL, NULL,
	    "a=1;;;0" },
	{ { .label = "a", .value = 1, .has_max = true, .max = 9 }, NULL, NULL,
	    "a=1;;;;9" },
	{ { .label = "a", .value = 1, .has_min = true, .min = -1.5 }, "3", NULL,
	    "a=1;3;;-1.5" },
	{ { .label = "a", .value = 1 }, "10:", "@1:2", "a=1;10:;@1:2" },
	{ { .label = "a", .value = 1 }, "~:10", "5:8", "a=1;~:10;5:8" },
	{ { .label = "age", .value = 61.75, .uom = "s", .decimals = 1 }, NULL,
	    NULL, "age=61.8s" },
	{ { .label = "age", .value = 61.75, .uom = "", .decimals = 0 }, NULL,
	    NULL, "age=62" },
	{ { .label = "p", .value = 99.5, .uom = "%", .decimals = 2 }, NULL,
	    NULL, "p=99.5%" },
	{ { .label = "b", .value = 1024, .uom = "B" }, NULL, NULL, "b=1024B" },
	{ { .label = "b", .value = 2, .uom = "KB" }, NULL, NULL, "b=2KB" },
	{ { .label = "b", .value = 2, .uom = "MB" }, NULL, NULL, "b=2MB" },
	{ { .label = "b", .value = 2, .uom = "TB" }, NULL, NULL, "b=2TB" },
	{ { .label = "t", .value = 2, .uom = "ms" }, NULL, NULL, "t=2ms" },
	{ { .label = "t", .value = 2, .uom = "us" }, NULL, NULL, "t=2us" },
	{ { .label = "n", .value = -3, .uom = "c" }, NULL, NULL, "n=-3c" },
	{ { .label = "connect time", .value = 1 }, NULL, NULL,
	    "'connect time'=1" },
	{ { .label = " lead", .value = 1 }, NULL, NULL, "' lead'=1" },
	{ { .label = "a;b", .value = 1 }, NULL, NULL, "a;b=1" },
	{ { .label = "caf\xc3\xa9", .value = 1 }, NULL, NULL, "caf\xc3\xa9=1" },
	{ { .label = "x", .value = 1e-9, .decimals = 6 }, NULL, NULL, "x=0" },
};

static void
test_perf_table(void **state)
{
	static struct report r;
	struct range w, c;
	struct perf p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(perf_cases) / sizeof(perf_cases[0]); i++) {
		report_init(&r, "T");
		p = perf_cases[i].p;
		if (perf_cases[i].warn != NULL) {
			w = mkrange(perf_cases[i].warn);
			p.warning = &w;
		}
		if (perf_cases[i].crit != NULL) {
			c = mkrange(perf_cases[i].crit);
			p.critical = &c;
		}
		if (report_perf(&r, &p) != 0)
			fail_msg("case %zu refused", i);
		if (strcmp(r.perf, perf_cases[i].want) != 0)
			fail_msg("case %zu: \"%s\", want \"%s\"", i, r.perf,
			    perf_cases[i].want);
		assert_int_equal(r.perf_len, strlen(perf_cases[i].want));
	}
}

static void
test_perf_refused(void **state)
{
	static const char *const bad_labels[] = {
		"", "a=b", "it's", "'q'", "a|b", "a\nb", "a\tb", "a\rb",
		"a\x7f", "\x01", "<b>", "a&b", "a\"b",
	};
	static const char *const bad_units[] = {
		"GB", "kb", "S", "m", "min", "sec", "%%", " s", "s ", "KiB",
		"bytes", "|", "c;",
	};
	static struct report r;
	struct perf p = { .label = "ok", .value = 1 };
	size_t i;

	(void)state;
	report_init(&r, "T");
	assert_int_equal(report_perf(&r, &p), 0);
	for (i = 0; i < sizeof(bad_labels) / sizeof(bad_labels[0]); i++) {
		p.label = bad_labels[i];
		p.uom = NULL;
		if (report_perf(&r, &p) != -1)
			fail_msg("label \"%s\" accepted", bad_labels[i]);
	}
	p.label = NULL;
	assert_int_equal(report_perf(&r, &p), -1);
	for (i = 0; i < sizeof(bad_units) / sizeof(bad_units[0]); i++) {
		p.label = "u";
		p.uom = bad_units[i];
		if (report_perf(&r, &p) != -1)
			fail_msg("unit \"%s\" accepted", bad_units[i]);
	}
	/* Nothing refused left a trace. */
	assert_string_equal(r.perf, "ok=1");
	assert_int_equal(r.perf_len, 4);
}

/* A full buffer refuses the item whole and keeps what was there. */
static void
test_perf_full(void **state)
{
	static struct report r;
	char label[64], before[REPORT_PERF_MAX];
	struct perf p = { .value = 123456 };
	int i, added = 0;

	(void)state;
	report_init(&r, "T");
	for (i = 0; i < 1000; i++) {
		snprintf(label, sizeof(label), "metric_number_%04d", i);
		p.label = label;
		memcpy(before, r.perf, sizeof(before));
		if (report_perf(&r, &p) != 0) {
			assert_string_equal(r.perf, before);
			break;
		}
		added++;
	}
	assert_true(added > 10 && added < 1000);
	assert_true(r.perf_len < REPORT_PERF_MAX);
	assert_int_equal(strlen(r.perf), r.perf_len);
	/* single spaces between items, none at the ends */
	assert_null(strstr(r.perf, "  "));
	assert_true(r.perf[0] != ' ' && r.perf[r.perf_len - 1] != ' ');
}

static const struct {
	const char	*src;
	bool		 first_line;
	const char	*want;
} sanitise_cases[] = {
	{ "plain text", true, "plain text" },
	{ "a|b", true, "a/b" },
	{ "a|b", false, "a/b" },
	{ "a;b", true, "a,b" },
	{ "a;b", false, "a;b" },
	{ "a\nb\rc\td", true, "a?b?c?d" },
	{ "x\x1b[31my\x7f", false, "x?[31my?" },
	{ "caf\xc3\xa9 ok", true, "caf\xc3\xa9 ok" },	/* UTF-8 kept */
	{ "", true, "" },
	/*
	 * Hostile text from the monitored side (issue 15), as Icinga Web 2
	 * and the Nagios CGIs would render it: markup becomes look-alikes
	 * (U+2039 U+203A U+FF06; quotes typeset: U+201C U+2018 opening,
	 * U+201D U+2019 closing), everything invisible '?'.
	 */
#define LT	"\xe2\x80\xb9"
#define GT	"\xe2\x80\xba"
#define AMP	"\xef\xbc\x86"
#define DQ	"\xe2\x80\x9d"
#define SQ	"\xe2\x80\x99"
#define LDQ	"\xe2\x80\x9c"
#define LSQ	"\xe2\x80\x98"
	/* an option error quoting its value, and an apostrophe */
	{ "--window: \"15m\" is not CUC's (\"x\") ('y') \"[\"", true,
	    "--window: " LDQ "15m" DQ " is not CUC" SQ "s (" LDQ "x" DQ ") ("
	    LSQ "y" SQ ") " LDQ "[" DQ },
	{ "\"a\"\t'b'", false, LDQ "a" DQ "?" LSQ "b" SQ },
	/* a notification id: POST ...?id=<script>alert(1)</script> */
	{ "  <script>alert(1)</script>: none", false,
	    "  " LT "script" GT "alert(1)" LT "/script" GT ": none" },
	/* a Jetty client field (X-Forwarded-For) */
	{ "proxy chain <b>10.0.0.1</b>", false,
	    "proxy chain " LT "b" GT "10.0.0.1" LT "/b" GT },
	/* a Server header */
	{ "HTTP 200, Jetty<img src=x onerror='alert(1)'>", true,
	    "HTTP 200, Jetty" LT "img src=x onerror=" SQ "alert(1)" SQ GT },
	{ "<a href=\"https://evil/\">CUC</a> &amp; more", true,
	    LT "a href=" DQ "https://evil/" DQ GT "CUC" LT "/a" GT " " AMP
	    "amp, more" },
	/* C0, DEL, C1 (U+0085 NEL, U+009B CSI); U+00A0 kept */
	{ "a\x01\x1f\x7f\xc2\x85\xc2\x9b" "31mb\xc2\xa0" "c", true,
	    "a????" "?31mb\xc2\xa0" "c" },
	/* invalid UTF-8: lone continuation, bare C1 byte, overlong '<', a
	 * surrogate, past U+10FFFF, a truncated sequence, 0xff */
	{ "a\x80" "b\x9b" "c\xc0\xbc" "d\xed\xa0\x80" "e\xf4\x90\x80\x80"
	  "f\xe2\x82g\xff",
	    false, "a?b?c??d???e????f??g?" },
	/* bidi overrides and marks: an id shown by -v reading backwards */
	{ "id \xe2\x80\xaegpj.exe\xe2\x80\xac ok", false, "id ?gpj.exe? ok" },
	{ "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xad\xe2\x81\xa6\xe2\x81\xa7"
	  "\xe2\x81\xa8\xe2\x81\xa9\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", false,
	    "??????????" },
	/* line and paragraph separators */
	{ "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", true, "a?b?c" },
	/* kept: 4-byte UTF-8, the look-alikes themselves (idempotent) */
	{ "\xf0\x9f\x93\xa7 " LT "x" GT, false, "\xf0\x9f\x93\xa7 " LT "x" GT },
};

static void
test_sanitise(void **state)
{
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(sanitise_cases) / sizeof(sanitise_cases[0]);
	    i++) {
		text_sanitise(buf, sizeof(buf), sanitise_cases[i].src,
		    sanitise_cases[i].first_line);
		assert_string_equal(buf, sanitise_cases[i].want);
	}
	text_sanitise(buf, sizeof(buf), NULL, true);
	assert_string_equal(buf, "");
	/* Cut at the size, never inside a UTF-8 character. */
	text_sanitise(buf, 5, "abcdef", true);
	assert_string_equal(buf, "abcd");
	text_sanitise(buf, 5, "abc\xc3\xa9", true);
	assert_string_equal(buf, "abc");
	text_sanitise(buf, 6, "ab\xe2\x82\xac", true);	/* euro sign: 3 bytes */
	assert_string_equal(buf, "ab\xe2\x82\xac");
	text_sanitise(buf, 5, "ab\xe2\x82\xac", true);
	assert_string_equal(buf, "ab");
	text_sanitise(buf, 1, "abc", true);
	assert_string_equal(buf, "");
	/* A replacement is longer than what it replaces: cut before it. */
	assert_int_equal(text_sanitise(buf, 5, "a<b", true), 5);
	assert_string_equal(buf, "a" LT);
	assert_int_equal(text_sanitise(buf, 4, "a<b", true), 5);
	assert_string_equal(buf, "a");
	assert_int_equal(text_sanitise(buf, sizeof(buf), "a<b", true), 5);
	buf[0] = 'x';
	text_sanitise(buf, 0, "abc", true);
	assert_int_equal(buf[0], 'x');
}

/* What reaches stdout holds one '|' (the perfdata one) and no ';' before it. */
static void
test_report_sanitised(void **state)
{
	static struct report r;
	struct perf p = { .label = "a", .value = 1 };
	char *out, *nl;
	int rc;

	(void)state;
	report_init(&r, "MBXSYNC");
	report_fail(&r, STATE_WARNING, "peer said \"%s\"",
	    "500 | bad; really\nbad\x1b");
	report_detail(&r, "log: %s", "a|b;c\td\ne");
	assert_int_equal(report_perf(&r, &p), 0);
	out = print_report(&r, &rc);
	assert_int_equal(rc, 1);
	assert_string_equal(out,
	    "CUC MBXSYNC WARNING - peer said \xe2\x80\x9c" "500 / bad, really?bad?"
	    DQ
	    " | a=1\n"
	    "log: a/b;c?d?e\n");
	nl = strchr(out, '\n');
	assert_non_null(nl);
	assert_ptr_equal(strchr(out, '|'), strrchr(out, '|'));
	free(out);
}

/* Long output stays under REPORT_DETAILS_MAX and says it was cut. */
static void
test_details_cap(void **state)
{
	static struct report r;
	char *out, *details, *last;
	int i, rc;
	size_t len;

	(void)state;
	report_init(&r, "T");
	report_summary(&r, "many");
	for (i = 0; i < 1000; i++)
		report_detail(&r, "detail line %04d with some padding text", i);
	assert_true(r.details_cut);
	out = print_report(&r, &rc);
	details = strchr(out, '\n') + 1;
	len = strlen(details);
	assert_true(len <= REPORT_DETAILS_MAX - 1);
	assert_true(len > REPORT_DETAILS_MAX - 100);	/* it was used */
	assert_int_equal(strncmp(details, "detail line 0000 ", 17), 0);
	/* the cut notice is the last line, after a (maybe partial) line */
	assert_true(len > 18);
	last = details + len - 18;
	assert_string_equal(last, "(long output cut)\n");
	assert_int_equal(last[-1], '\n');
	/* no line 999: lines after the cut are dropped, not appended */
	assert_null(strstr(details, "detail line 0999"));
	free(out);

	/* A short line after the cut is dropped too. */
	len = r.details_len;
	report_detail(&r, "x");
	assert_int_equal(r.details_len, len);
}

static void
test_details_no_cut(void **state)
{
	static struct report r;

	(void)state;
	report_init(&r, "T");
	report_detail(&r, "one");
	report_detail(&r, "%s", "");
	report_detail(&r, "three");
	assert_false(r.details_cut);
	assert_prints(&r, "CUC T OK\none\n\nthree\n", 0);
}

/* One line longer than the whole buffer: its start is kept, then the cut. */
static void
test_details_huge_line(void **state)
{
	static struct report r;
	static char big[REPORT_DETAILS_MAX * 2];
	char *out, *details;
	int rc;

	(void)state;
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	report_init(&r, "T");
	report_detail(&r, "%s", big);
	assert_true(r.details_cut);
	out = print_report(&r, &rc);
	details = strchr(out, '\n') + 1;
	assert_true(strlen(details) <= REPORT_DETAILS_MAX - 1);
	assert_int_equal(strncmp(details, "zzzz", 4), 0);
	assert_non_null(strstr(details, "z\n(long output cut)\n"));
	free(out);
}

/*
 * Replacements make a line longer: one that fitted before no longer
 * does, and is cut (between characters) and said to be cut.
 */
static void
test_details_expanded(void **state)
{
	static struct report r;
	static char angles[REPORT_DETAILS_MAX / 2];
	char *out, *details;
	int rc;

	(void)state;
	memset(angles, '<', sizeof(angles) - 1);
	angles[sizeof(angles) - 1] = '\0';
	report_init(&r, "T");
	report_summary(&r, "%s", angles);
	assert_true(strlen(r.summary) < REPORT_SUMMARY_MAX);
	assert_int_equal(strlen(r.summary) % 3, 0);
	assert_null(strchr(r.summary, '<'));
	report_detail(&r, "%s", angles);
	assert_true(r.details_cut);
	out = print_report(&r, &rc);
	details = strchr(out, '\n') + 1;
	assert_true(strlen(details) <= REPORT_DETAILS_MAX - 1);
	assert_null(strchr(details, '<'));
	assert_non_null(strstr(details, LT "\n(long output cut)\n"));
	free(out);
}

/* A long summary is cut, stays one line, and is not cut inside UTF-8. */
static void
test_summary_long(void **state)
{
	static struct report r;
	static char big[REPORT_SUMMARY_MAX * 2];
	size_t i;

	(void)state;
	for (i = 0; i + 2 < sizeof(big); i += 2) {
		big[i] = '\xc3';
		big[i + 1] = '\xa9';
	}
	big[i] = '\0';
	report_init(&r, "T");
	report_summary(&r, "x%s", big);	/* odd offset: the cut lands mid-char */
	assert_true(strlen(r.summary) < REPORT_SUMMARY_MAX);
	assert_true(strlen(r.summary) > REPORT_SUMMARY_MAX - 4);
	assert_int_equal((unsigned char)r.summary[strlen(r.summary) - 1], 0xa9);
}

/*
 * Under a comma-decimal locale everything still prints with '.'.  The
 * locale must exist (`make deps` generates it): a missing locale fails
 * here rather than passing without having tested anything.
 */
static void
test_comma_locale(void **state)
{
	static struct report r;
	struct range w, c;
	struct perf p = {
		.label = "time", .value = 1.5, .uom = "s", .decimals = 3,
		.has_min = true, .min = 0.25, .has_max = true, .max = 10.5
	};
	char probe[16];

	(void)state;
	if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL)
		fail_msg("locale de_DE.UTF-8 missing: run `make deps` as root");
	snprintf(probe, sizeof(probe), "%.1f", 0.5);
	assert_string_equal(probe, "0,5");	/* the locale is really active */
	assert_int_equal(range_parse("0.75", 0, &w, NULL), 0);
	assert_int_equal(range_parse("@1.25:2.5", 0, &c, NULL), 0);
	p.warning = &w;
	p.critical = &c;
	report_init(&r, "PORT");
	report_summary(&r, "connected");
	assert_int_equal(report_perf(&r, &p), 0);
	assert_prints(&r,
	    "CUC PORT OK - connected | time=1.5s;0.75;@1.25:2.5;0.25;10.5\n",
	    0);
	setlocale(LC_ALL, "C");
}

/* report_metric: min 0, only the threshold ranges that are set. */
static void
test_metric(void **state)
{
	struct report r;
	struct threshold thr;

	(void)state;
	memset(&thr, 0, sizeof(thr));
	report_init(&r, "T");
	assert_int_equal(report_metric(&r, "count", 3, NULL, 0, NULL), 0);
	assert_int_equal(range_parse("600", 0, &thr.warning, NULL), 0);
	thr.has_warning = true;
	assert_int_equal(report_metric(&r, "age", 32.25, "s", 1, &thr), 0);
	assert_int_equal(range_parse("900", 0, &thr.critical, NULL), 0);
	thr.has_critical = true;
	assert_int_equal(report_metric(&r, "rate", 0.1234, NULL, 3, &thr), 0);
	assert_string_equal(r.perf,
	    "count=3;;;0 age=32.3s;600;;0 rate=0.123;600;900;0");
	assert_int_equal(report_metric(&r, "a=b", 1, NULL, 0, NULL), -1);
	assert_int_equal(report_metric(&r, "x", 1, "furlongs", 0, NULL), -1);
}

/* A count of part of a whole carries min 0 and max = the whole. */
static void
test_count(void **state)
{
	struct report r;
	struct threshold thr;

	(void)state;
	memset(&thr, 0, sizeof(thr));
	report_init(&r, "T");
	assert_int_equal(report_count(&r, "stale", 2, 30, NULL), 0);
	assert_int_equal(range_parse("10", 0, &thr.warning, NULL), 0);
	thr.has_warning = true;
	assert_int_equal(report_count(&r, "errors", 0, 0, &thr), 0);
	assert_string_equal(r.perf, "stale=2;;;0;30 errors=0;10;;0;0");
	assert_int_equal(report_count(&r, "a b'", 1, 1, NULL), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_line),
		cmocka_unit_test(test_metric),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_states_and_exit),
		cmocka_unit_test(test_empty_summary),
		cmocka_unit_test(test_line_with_perf_and_details),
		cmocka_unit_test(test_perf_table),
		cmocka_unit_test(test_perf_refused),
		cmocka_unit_test(test_perf_full),
		cmocka_unit_test(test_sanitise),
		cmocka_unit_test(test_report_sanitised),
		cmocka_unit_test(test_details_cap),
		cmocka_unit_test(test_details_no_cut),
		cmocka_unit_test(test_details_huge_line),
		cmocka_unit_test(test_details_expanded),
		cmocka_unit_test(test_summary_long),
		cmocka_unit_test(test_comma_locale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
