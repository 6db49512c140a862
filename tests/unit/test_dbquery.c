/*
 * test_dbquery.c - every capture shape of `run cuc dbquery` and every way
 * one can be broken; then the fixture files the plugin tests use.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dbquery.h"

#define T0	1404057645.0	/* 2014-06-29 16:00:45 UTC */
#define MAXROWS	8

struct got {
	size_t		n;
	struct dbq_row	row[MAXROWS];
	char		id[MAXROWS][64];
	int		stop_at;	/* stop after this many rows (0: never) */
};

static int
collect(const struct dbq_row *r, void *arg)
{
	struct got *g = arg;

	if (g->n < MAXROWS) {
		g->row[g->n] = *r;
		g->id[g->n][0] = '\0';
		if (r->id != NULL && r->id_len < sizeof(g->id[0])) {
			memcpy(g->id[g->n], r->id, r->id_len);
			g->id[g->n][r->id_len] = '\0';
		}
	}
	g->n++;
	if (g->stop_at > 0 && (int)g->n >= g->stop_at)
		return 7;
	return 0;
}

/* Captures that parse.  ts < 0 means NULL; id NULL means no id. */
static const struct good_case {
	const char	*name;
	const char	*text;
	size_t		 rows;
	double		 ts[3];		/* of the first rows */
	const char	*id[3];
	unsigned long	 line[3];
	bool		 no_records;
	bool		 has_id;
	double		 taken;		/* 0: no collector line */
} good[] = {
	{ "CUC shape with echo and prompt",
	    "admin:run cuc dbquery unitydyndb select * from tbl_exsubscription\n"
	    "\n"
	    "subscriptionid  timestamputc             objectid\n"
	    "--------------  -----------------------  --------\n"
	    "aaa             2014-06-29 16:00:45.775  o1\n"
	    "bbb             2014-06-29 16:00:46.000  o2\n"
	    "\n"
	    "admin:",
	    2, { T0 + 0.775, T0 + 1 }, { "aaa", "bbb" }, { 5, 6 },
	    false, true, 0 },
	{ "no echo, no prompt, no trailing newline",
	    "subscriptionid  timestamputc\n"
	    "--------------  -------------------\n"
	    "aaa             2014-06-29 16:00:45",
	    1, { T0 }, { "aaa" }, { 3 }, false, true, 0 },
	{ "CRLF",
	    "admin:run cuc dbquery unitydyndb select * from tbl_exsubscription\r\n"
	    "\r\n"
	    "timestamputc                subscriptionid\r\n"
	    "--------------------------  --------------\r\n"
	    "2014-06-29 16:00:45.123456  aaa\r\n"
	    "\r\n"
	    "admin:\r\n",
	    1, { T0 + 0.123456 }, { "aaa" }, { 5 }, false, true, 0 },
	{ "CR CR LF from a pty",
	    "timestamputc             subscriptionid\r\r\n"
	    "-----------------------  --------------\r\r\n"
	    "2014-06-29 16:00:45.500  aaa\r\r\n",
	    1, { T0 + 0.5 }, { "aaa" }, { 3 }, false, true, 0 },
	{ "0, 3 and 6 digits of fraction",
	    "timestamputc\n"
	    "--------------------------\n"
	    "2014-06-29 16:00:45\n"
	    "2014-06-29 16:00:45.250\n"
	    "2014-06-29 16:00:45.000001\n",
	    3, { T0, T0 + 0.25, T0 + 0.000001 }, { NULL, NULL, NULL },
	    { 3, 4, 5 }, false, false, 0 },
	{ "No records found",
	    "admin:run cuc dbquery unitydyndb select * from tbl_exsubscription\n"
	    "\n"
	    "No records found\n"
	    "\n"
	    "admin:\n",
	    0, { 0 }, { NULL }, { 0 }, true, false, 0 },
	{ "No records found, CRLF, no echo",
	    "\r\nNo records found\r\n",
	    0, { 0 }, { NULL }, { 0 }, true, false, 0 },
	{ "null cells and an empty one",
	    "subscriptionid  timestamputc             other\n"
	    "--------------  -----------------------  -----\n"
	    "null            2014-06-29 16:00:45.000  null\n"
	    "aaa             null                     x\n"
	    "bbb             NULL\n"
	    "ccc                                      y\n",
	    4, { T0, -1, -1 }, { NULL, "aaa", "bbb" }, { 3, 4, 5 },
	    false, true, 0 },
	{ "dbaccess: one dashes line, one space, notes around",
	    "\n"
	    "Database selected.\n"
	    "\n"
	    "subscriptionid    pid timestamputc            wm\n"
	    "-------------------------------------------------\n"
	    "aaa             25672 2014-06-29 16:00:45.775 w1\n"
	    "bbb                 7 2014-06-29 16:00:46.775\n"
	    "\n"
	    "2 row(s) retrieved.\n"
	    "\n"
	    "Database closed.\n",
	    2, { T0 + 0.775, T0 + 1.775 }, { "aaa", "bbb" }, { 6, 7 },
	    false, true, 0 },
	{ "dbaccess: single spaces, values as wide as the column",
	    "timestamputc            subscriptionid\n"
	    "---------------------------------------\n"
	    "2014-06-29 16:00:45.775 aaaaaaaaaaaaaaa\n",
	    1, { T0 + 0.775 }, { "aaaaaaaaaaaaaaa" }, { 3 }, false, true, 0 },
	{ "a value wider than its column",
	    "subscriptionid  timestamputc             wm\n"
	    "--------------  -----------------------  --\n"
	    "aaaaaaaaaaaaaaaaaa  2014-06-29 16:00:45.000  w\n"
	    "bbb             2014-06-29 16:00:46.000  wwwwww\n",
	    2, { T0, T0 + 1 }, { "aaaaaaaaaaaaaaaaaa", "bbb" }, { 3, 4 },
	    false, true, 0 },
	{ "upper-case header names",
	    "SUBSCRIPTIONID  TIMESTAMPUTC\n"
	    "--------------  -------------------\n"
	    "aaa             2014-06-29 16:00:45\n",
	    1, { T0 }, { "aaa" }, { 3 }, false, true, 0 },
	{ "collector line",
	    "# cuc_dbquery_collect taken=2014-06-29T16:05:00Z host=cuc1 x=y\n"
	    "admin:run cuc dbquery unitydyndb select * from tbl_exsubscription\n"
	    "\n"
	    "timestamputc\n"
	    "-----------------------\n"
	    "2014-06-29 16:00:45.000\n"
	    "admin:\n",
	    1, { T0 }, { NULL }, { 6 }, false, false, T0 + 255 },
	{ "UTF-8 BOM and a comment",
	    "\xef\xbb\xbf# saved by hand\n"
	    "timestamputc\n"
	    "-------------------\n"
	    "2014-06-29 16:00:45\n",
	    1, { T0 }, { NULL }, { 4 }, false, false, 0 },
	{ "text after the prompt is not rows",
	    "timestamputc\n"
	    "-------------------\n"
	    "2014-06-29 16:00:45\n"
	    "admin:exit\n"
	    "Connection to cuc1 closed.\n",
	    1, { T0 }, { NULL }, { 3 }, false, false, 0 },
	{ "indented header and rows",
	    "  timestamputc         id\n"
	    "  -------------------  --\n"
	    "  2014-06-29 16:00:45  x\n",
	    1, { T0 }, { NULL }, { 3 }, false, false, 0 },
	{ "tabs between columns",
	    "subscriptionid\ttimestamputc\n"
	    "--------------\t-------------------\n"
	    "aaa\t2014-06-29 16:00:45\n",
	    1, { T0 }, { "aaa" }, { 3 }, false, true, 0 },
};

/*
 * Parse one table case's text (which must parse) into g and info, with
 * the number of rows it must give.
 */
static void
parse_shape(const char *name, const char *text, size_t rows, struct got *g,
    struct dbq_info *info)
{
	char err[256];
	int rc;

	memset(g, 0, sizeof(*g));
	rc = dbq_parse(text, strlen(text), collect, g, info, err, sizeof(err));
	if (rc != 0)
		fail_msg("%s: rc %d: %s", name, rc, err);
	if (g->n != rows || info->rows != rows)
		fail_msg("%s: %zu rows, want %zu", name, g->n, rows);
}

/* Row k's time (< 0: NULL) and line as the case wants them. */
static void
check_row(const char *name, size_t k, const struct dbq_row *r, double ts,
    unsigned long line)
{
	if (ts < 0 ? !r->ts_null : (r->ts_null || fabs(r->ts - ts) > 1e-6))
		fail_msg("%s: row %zu ts %f null %d", name, k, r->ts,
		    r->ts_null);
	if (r->line != line)
		fail_msg("%s: row %zu line %lu, want %lu", name, k, r->line,
		    line);
}

static void
test_good_shapes(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const struct good_case *c = &good[i];
		struct got g;
		struct dbq_info info;

		parse_shape(c->name, c->text, c->rows, &g, &info);
		if (info.no_records != c->no_records ||
		    info.has_id != c->has_id)
			fail_msg("%s: no_records %d has_id %d", c->name,
			    info.no_records, info.has_id);
		if (info.has_taken != (c->taken != 0) ||
		    (c->taken != 0 && info.taken != c->taken))
			fail_msg("%s: taken %d %f", c->name, info.has_taken,
			    info.taken);
		for (k = 0; k < c->rows && k < 3; k++) {
			const struct dbq_row *r = &g.row[k];

			check_row(c->name, k, r, c->ts[k], c->line[k]);
			if (c->id[k] == NULL ? r->id != NULL :
			    strcmp(g.id[k], c->id[k]) != 0)
				fail_msg("%s: row %zu id '%s'", c->name, k,
				    g.id[k]);
		}
	}
}

/*
 * Prompts and the admin CLI's pager around and between the rows.  The
 * pager's text and escapes are those Cisco's own automation matches on VOS
 * (CUC's platform): bold on, the text, bold off, and once a key is pressed
 * an optional CR and ESC[K erase, after which the next output follows on
 * the same line (CiscoTestAutomation/unicon.plugins,
 * src/unicon/plugins/vos/patterns.py, service_implementation.py and
 * tests/mock_data/vos/vos_mock_data.yaml).  The dbaccess prompt and its
 * echoed query are the seed's capture (shared/seed/000_601716c3c40b2432.txt).
 * ESC[7m (reverse video) and a CR-spaces-CR erase are the usual shapes of
 * other pagers, kept so the parser does not depend on one terminal.
 */
#define PG	"Press <enter> for 1 line, <space> for one page, or <q> to quit"
#define BOLD_PG	"\033[1m" PG "\033[0m"
#define HDR3	"subscriptionid timestamputc            wm\n" \
		"-----\n"
#define ROW(id, sec)	id " 2014-06-29 16:00:" sec ".000 w\n"

static const struct term_case {
	const char	*name;
	const char	*text;
	size_t		 rows;
	double		 ts[3];		/* of the first rows */
	unsigned long	 line[3];
	unsigned long	 pagers;	/* pager prompts counted */
	unsigned long	 pager_line;
} term[] = {
	{ "dbaccess prompts with the query, as the seed",
	    "unitydyndb> select first 10 * from tbl_exsubscription;\n"
	    HDR3 ROW("a1", "45") ROW("a2", "46") "\n" "unitydyndb>\n",
	    2, { T0, T0 + 1 }, { 4, 5 }, 0, 0 },
	{ "dbaccess prompts alone",
	    "unitydyndb>\n" HDR3 ROW("a1", "45") "unitydyndb>\n",
	    1, { T0 }, { 4 }, 0, 0 },
	{ "dbaccess prompt, CRLF, another database",
	    "unitydirdb> select * from tbl_exsubscription;\r\n"
	    HDR3 ROW("a1", "45") "\r\nunitydirdb> \r\n",
	    1, { T0 }, { 4 }, 0, 0 },
	{ "admin: prompts alone, before and after",
	    "admin:\n\n" HDR3 ROW("a1", "45") "\nadmin:\n",
	    1, { T0 }, { 5 }, 0, 0 },
	{ "admin: echo before, session text after the prompt",
	    "admin:run cuc dbquery unitydyndb select * from tbl_exsubscription\n"
	    HDR3 ROW("a1", "45") "admin:quit\nunitydyndb>\n"
	    "Connection to cuc1 closed.\n",
	    1, { T0 }, { 4 }, 0, 0 },
	{ "pager on a line of its own between rows",
	    HDR3 ROW("a1", "45") BOLD_PG "\033[K\n" ROW("a2", "46"),
	    2, { T0, T0 + 1 }, { 3, 5 }, 1, 4 },
	{ "pager, CR, erase, then the next row on the same line",
	    HDR3 ROW("a1", "45") BOLD_PG "\r\033[K" ROW("a2", "46")
	    BOLD_PG "\r\033[K" ROW("a3", "47"),
	    3, { T0, T0 + 1, T0 + 2 }, { 3, 4, 5 }, 2, 4 },
	{ "pager, erase without CR, then the row (unicon's mock)",
	    HDR3 ROW("a1", "45") BOLD_PG "\033[K" ROW("a2", "46"),
	    2, { T0, T0 + 1 }, { 3, 4 }, 1, 4 },
	{ "pager before the closing prompt",
	    HDR3 ROW("a1", "45") "\n" BOLD_PG "\r\033[Kadmin:\n",
	    1, { T0 }, { 3 }, 1, 5 },
	{ "erase before the prompt (unicon's VOS prompt pattern)",
	    HDR3 ROW("a1", "45") "\033[Kadmin:",
	    1, { T0 }, { 3 }, 0, 0 },
	{ "pager between the header and its dashes",
	    "subscriptionid timestamputc            wm\n"
	    BOLD_PG "\r\033[K-----\n" ROW("a1", "45"),
	    1, { T0 }, { 3 }, 1, 2 },
	{ "pager before the header",
	    "admin:run cuc dbquery unitydyndb select * from tbl_exsubscription\n"
	    BOLD_PG "\r\033[K\n" HDR3 ROW("a1", "45"),
	    1, { T0 }, { 5 }, 1, 2 },
	{ "pager saved without its escapes, row glued to it",
	    HDR3 ROW("a1", "45") PG ROW("a2", "46") PG "\n" ROW("a3", "47"),
	    3, { T0, T0 + 1, T0 + 2 }, { 3, 4, 6 }, 2, 4 },
	{ "reverse video, erased with CR, spaces, CR",
	    HDR3 ROW("a1", "45") "\033[7m" PG "\033[0m\r          \r"
	    ROW("a2", "46"),
	    2, { T0, T0 + 1 }, { 3, 4 }, 1, 4 },
	{ "remains of an erase only: CR and ESC[K before a row",
	    HDR3 "\r\033[K" ROW("a1", "45") "\b\b\033[2K" ROW("a2", "46"),
	    2, { T0, T0 + 1 }, { 3, 4 }, 0, 0 },
	{ "CRLF, pager CR LF, then an erased row",
	    "subscriptionid  timestamputc             wm\r\n"
	    "--------------  -----------------------  --\r\n"
	    "a1              2014-06-29 16:00:45.000  w\r\n"
	    BOLD_PG "\r\n"
	    "\r\033[Ka2              2014-06-29 16:00:46.000  w\r\n"
	    "\r\n" BOLD_PG "\r\033[Kadmin:\r\n",
	    2, { T0, T0 + 1 }, { 3, 5 }, 2, 4 },
	{ "CUC column positions kept after the erase",
	    "subscriptionid  timestamputc             wm\n"
	    "--------------  -----------------------  --\n"
	    BOLD_PG "\r\033[K"
	    "a1              2014-06-29 16:00:45.000  w\n"
	    BOLD_PG "\r\033[K"
	    "a2                                       w\n",
	    2, { T0, -1 }, { 3, 4 }, 2, 3 },
};

static void
test_terminal_shapes(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(term) / sizeof(term[0]); i++) {
		const struct term_case *c = &term[i];
		struct got g;
		struct dbq_info info;

		parse_shape(c->name, c->text, c->rows, &g, &info);
		if (info.pager_prompts != c->pagers ||
		    info.pager_line != c->pager_line)
			fail_msg("%s: %lu pager prompts from line %lu, want "
			    "%lu from %lu", c->name, info.pager_prompts,
			    info.pager_line, c->pagers, c->pager_line);
		for (k = 0; k < c->rows && k < 3; k++) {
			const struct dbq_row *r = &g.row[k];

			check_row(c->name, k, r, c->ts[k], c->line[k]);
			if (g.id[k][0] != 'a')
				fail_msg("%s: row %zu id '%s'", c->name, k,
				    g.id[k]);
		}
	}
}

/* Captures that must not parse, and what the error must say. */
static const struct {
	const char	*name;
	const char	*text;
	const char	*want;
} bad[] = {
	{ "empty", "", "empty capture" },
	{ "blank and prompts only", "\n\nadmin:\n\n", "prompts" },
	{ "no timestamputc column",
	    "admin:run cuc dbquery unitydyndb select * from tbl_exsubscription\n"
	    "\n"
	    "subscriptionid  objectid\n"
	    "--------------  --------\n"
	    "aaa             o1\n",
	    "line 3: header has no timestamputc column" },
	{ "timestamputc only as a prefix",
	    "timestamputcx\n-------------\nx\n", "no timestamputc" },
	{ "header but no rows",
	    "\ntimestamputc\n------------\n\nadmin:\n",
	    "line 2: header but no rows" },
	{ "bad month",
	    "timestamputc\n-----------------------\n"
	    "2014-06-29 16:00:45.000\n2014-13-29 16:00:45.000\n",
	    "line 4: timestamputc '2014-13-29 16:00:45.000' is not a datetime" },
	{ "bad hour",
	    "subscriptionid  timestamputc\n--------------  ---------------\n"
	    "a               2014-06-29 25:00:45\n",
	    "line 3: timestamputc" },
	{ "text in the timestamp",
	    "subscriptionid  timestamputc\n--------------  ---------------\n"
	    "a               yesterday\n",
	    "line 3: timestamputc 'yesterday' is not a datetime" },
	{ "7 digits of fraction",
	    "timestamputc\n---------------------------\n"
	    "2014-06-29 16:00:45.1234567\n",
	    "line 3: timestamputc" },
	{ "cut in the middle of a row",
	    "subscriptionid  timestamputc             wm\n"
	    "--------------  -----------------------  --\n"
	    "aaa             2014-06-29 16:0",
	    "line 3: timestamputc '2014-06-29 16:0' is not a datetime" },
	{ "row with too many values",
	    "subscriptionid  timestamputc\n"
	    "--------------  -------------------\n"
	    "a b c d         2014-06-29 16:00:45\n",
	    "line 3: row does not fit the header's 2 columns (5 values)" },
	{ "a short line of text after the rows is not a NULL row",
	    "subscriptionid  timestamputc             wm\n"
	    "--------------  -----------------------  --\n"
	    "aaa             2014-06-29 16:00:45.000  w\n"
	    "Bye\n",
	    "line 4: row does not fit the header's 3 columns (1 values)" },
	{ "a sentence after the rows is not a row",
	    "subscriptionid  timestamputc             wm\n"
	    "--------------  -----------------------  --\n"
	    "aaa             2014-06-29 16:00:45.000  w\n"
	    "Connection to cuc1 closed.\n",
	    "line 4: row does not fit the header's 3 columns (4 values)" },
	{ "CLI error alone",
	    "admin:run cuc dbquery unitydyndb select * from x\n"
	    "Executed command unsuccessfully\nadmin:\n",
	    "line 2: the CLI says 'Executed command unsuccessfully'" },
	{ "CLI error after the SQL error",
	    "admin:run cuc dbquery unitydyndb select * from x\n\n"
	    "  -206: The specified table (x) is not in the database.\n\n"
	    "Executed command unsuccessfully\nadmin:\n",
	    "line 5: the CLI says 'Executed command unsuccessfully' after "
	    "line 3 '-206: The specified table (x) is not in the database.'" },
	{ "CLI error after rows",
	    "timestamputc\n-------------------\n2014-06-29 16:00:45\n"
	    "Executed command unsuccessfully\n",
	    "line 4: the CLI says" },
	{ "not a capture",
	    "<html><body>502 Bad Gateway</body></html>\n",
	    "no column header found (line 1 says '<html><body>502 Bad" },
	{ "dashes without a header",
	    "\n-----  -----\nx  y\n", "line 2: dashes row without a header" },
	{ "header that is not names",
	    "Press <enter> for 1 line\n---------\nx\n",
	    "line 1: header 'Press <enter> for 1 line' is not a list" },
	{ "rows again after the closing prompt",
	    HDR3 ROW("a1", "45") "admin:\n" ROW("a2", "46"),
	    "line 5: rows again after the prompt at line 4 (two answers" },
	{ "a dbaccess prompt in the middle of the rows",
	    HDR3 ROW("a1", "45") "unitydyndb>\n\n" ROW("a2", "46"),
	    "line 6: rows again after the prompt at line 4" },
	{ "a second answer after the prompt",
	    HDR3 ROW("a1", "45") "admin:run cuc dbquery unitydyndb select "
	    "* from tbl_exsubscription\n\n"
	    "subscriptionid timestamputc            wm\n-----\n"
	    ROW("a2", "46"),
	    "line 7: rows again after the prompt at line 4" },
	{ "a pager inside a row is not skipped",
	    HDR3 "a1 2014-06-29 16:0" BOLD_PG "\r\033[K0:45.000 w\n",
	    "line 3: row does not fit the header's 3 columns" },
	{ "a bad timestamp after a pager is still an error",
	    HDR3 ROW("a1", "45") BOLD_PG "\r\033[K"
	    "a2 2014-06-29 16:00:61.000 w\n",
	    "line 4: timestamputc '2014-06-29 16:00:61.000' is not a datetime" },
	{ "pager prompts only",
	    BOLD_PG "\r\033[K\n" BOLD_PG "\n",
	    "blank lines, prompts and comments only" },
	{ "a '>' inside a word is no prompt",
	    "x>y\n", "no column header found (line 1 says 'x>y')" },
	{ "collector line without time",
	    "# cuc_dbquery_collect host=cuc1\ntimestamputc\n---\n"
	    "2014-06-29 16:00:45\n",
	    "line 1: collector line has no valid taken= time" },
	{ "collector line with a bad time",
	    "# cuc_dbquery_collect taken=yesterday\n", "line 1: collector" },
};

static void
test_bad_shapes(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct got g;
		struct dbq_info info;
		char err[256];
		int rc;

		memset(&g, 0, sizeof(g));
		strcpy(err, "unset");
		rc = dbq_parse(bad[i].text, strlen(bad[i].text), collect, &g,
		    &info, err, sizeof(err));
		if (rc != -1)
			fail_msg("%s: rc %d", bad[i].name, rc);
		if (strstr(err, bad[i].want) == NULL)
			fail_msg("%s: error '%s', want '%s'", bad[i].name, err,
			    bad[i].want);
	}
}

/* The callback can stop the parse; its value comes back. */
static void
test_callback_stops(void **state)
{
	const char *t = "timestamputc\n-------------------\n"
	    "2014-06-29 16:00:45\n2014-06-29 16:00:46\n2014-06-29 16:00:47\n";
	struct got g;
	struct dbq_info info;
	char err[64];

	(void)state;
	memset(&g, 0, sizeof(g));
	g.stop_at = 2;
	assert_int_equal(dbq_parse(t, strlen(t), collect, &g, &info, err,
	    sizeof(err)), 7);
	assert_int_equal(g.n, 2);
	/* No callback at all is fine too. */
	assert_int_equal(dbq_parse(t, strlen(t), NULL, NULL, &info, err,
	    sizeof(err)), 0);
	assert_int_equal(info.rows, 3);
	assert_int_equal(info.header_line, 1);
	assert_int_equal(info.columns, 1);
}

/* The input need not be NUL-terminated: only len bytes are read. */
static void
test_length_bounded(void **state)
{
	const char *t = "timestamputc\n-------------------\n"
	    "2014-06-29 16:00:45GARBAGE";
	struct dbq_info info;
	char err[128];

	(void)state;
	assert_int_equal(dbq_parse(t, strlen(t) - 7, NULL, NULL, &info, err,
	    sizeof(err)), 0);
	assert_int_equal(info.rows, 1);
}

/* A tiny error buffer is still terminated. */
static void
test_small_err(void **state)
{
	char err[8];
	struct dbq_info info;

	(void)state;
	memset(err, 'x', sizeof(err));
	assert_int_equal(dbq_parse("junk\n", 5, NULL, NULL, &info, err,
	    sizeof(err)), -1);
	assert_non_null(memchr(err, '\0', sizeof(err)));
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	*len = 0;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf != NULL && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

/* The fixtures of tests/data/subscriptions, as the plugin tests use them. */
static const struct {
	const char	*file;
	long		 rows;		/* -1: must fail */
	const char	*want;		/* error text, or id of the third row */
	int		 nulls;		/* rows with NULL timestamputc */
} fixtures[] = {
	{ "cuc.txt", 3, "6f1c2d3e-0003-4a5b-8c7d-000000000003", 0 },
	{ "cuc_crlf.txt", 3, "6f1c2d3e-0003-4a5b-8c7d-000000000003", 0 },
	{ "pty.txt", 3, "6f1c2d3e-0003-4a5b-8c7d-000000000003", 0 },
	{ "bare_frac6.txt", 3, "6f1c2d3e-0003-4a5b-8c7d-000000000003", 0 },
	{ "frac0.txt", 3, "6f1c2d3e-0003-4a5b-8c7d-000000000003", 0 },
	{ "collected.txt", 3, "6f1c2d3e-0003-4a5b-8c7d-000000000003", 0 },
	{ "reordered.txt", 3, "6f1c2d3e-0003-4a5b-8c7d-000000000003", 0 },
	{ "dbaccess.txt", 3, "6f1c2d3e-0003-4a5b-8c7d-000000000003", 0 },
	{ "wide_value.txt", 3, "6f1c2d3e-0003-4a5b-8c7d-000000000003", 0 },
	/* cuc_crlf.txt as a terminal log holds it with the pager answered */
	{ "pager.txt", 3, "6f1c2d3e-0003-4a5b-8c7d-000000000003", 0 },
	{ "nulls.txt", 4, "", 1 },
	{ "no_id.txt", 3, "", 0 },
	{ "no_records.txt", 0, NULL, 0 },
	{ "no_timestamputc.txt", -1, "line 3: header has no timestamputc", 0 },
	{ "bad_timestamp.txt", -1, "line 6: timestamputc '2026-11-25 25:61", 0 },
	{ "cli_error.txt", -1, "line 5: the CLI says", 0 },
	{ "header_only.txt", -1, "line 3: header but no rows", 0 },
	{ "truncated.txt", -1, "line 7: timestamputc", 0 },
	{ "garbage.txt", -1, "no column header found (line 1", 0 },
	{ "empty.txt", -1, "empty capture", 0 },
};

/*
 * The seed's own capture, byte for byte (shared/seed/000_601716c3c40b2432.txt,
 * the block from "unitydyndb> select first 10 * ..." to the "unitydyndb>"
 * after the blank line): dbaccess's lone dashes, single spaces, and ids
 * that are not well-formed uuids ("1fcd6b64d-...", a last group of 13
 * digits, "2drdfdfc-...") that are reported as they are.
 */
static void
test_seed_capture(void **state)
{
	static const char *ids[] = {
		"0a37d81e-bc62-47b3-a3d9-30b3c7384211",
		"4bca6b5d-6a79-41b7-ac1c-5cf3be3229a8",
		"e6df8710-1a9c-4df5-bfa9-3ad6f1f69fd1",
		"f9c1d61a-5a3f-477e-8cea-66ac8881c0f9",
		"e3bebe03-0ca7-4cec-956c-6d1d1f1fea0e6",
		"11b5def5-c45d-43b0-845b-12df8638f96c",
		"c2280dea-654d-49c1-a68c-467bf486db56",
		"88c58ed5-d417-44f4-811c-aeb959e0374b",
	};
	const char *path = "tests/data/subscriptions/seed_dbaccess.txt";
	struct got g;
	struct dbq_info info;
	char err[256];
	size_t len, k;
	char *buf;

	(void)state;
	if ((buf = slurp(path, &len)) == NULL)
		fail_msg("cannot read %s (run from the top directory)", path);
	memset(&g, 0, sizeof(g));
	if (dbq_parse(buf, len, collect, &g, &info, err, sizeof(err)) != 0)
		fail_msg("%s: %s", path, err);
	free(buf);
	assert_int_equal(g.n, 10);
	assert_int_equal(info.rows, 10);
	assert_int_equal(info.header_line, 2);
	assert_int_equal(info.columns, 3);
	assert_true(info.has_id);
	for (k = 0; k < MAXROWS; k++) {
		assert_string_equal(g.id[k], ids[k]);
		assert_int_equal(g.row[k].line, k + 4);
	}
	assert_true(fabs(g.row[0].ts - (T0 + 0.775)) < 1e-6);
	assert_true(fabs(g.row[4].ts - (T0 + 2.256)) < 1e-6);
	assert_true(fabs(g.row[7].ts - (T0 + 3.223)) < 1e-6);
}

static void
test_fixtures(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		char path[256], err[256];
		struct got g;
		struct dbq_info info;
		size_t len = 0;
		char *buf;
		int rc, nulls = 0;

		snprintf(path, sizeof(path), "tests/data/subscriptions/%s",
		    fixtures[i].file);
		if ((buf = slurp(path, &len)) == NULL)
			fail_msg("cannot read %s (run from the top directory)",
			    path);
		memset(&g, 0, sizeof(g));
		rc = dbq_parse(buf, len, collect, &g, &info, err, sizeof(err));
		free(buf);
		if (fixtures[i].rows < 0) {
			if (rc != -1 || strstr(err, fixtures[i].want) == NULL)
				fail_msg("%s: rc %d '%s'", path, rc, err);
			continue;
		}
		if (rc != 0 || (long)g.n != fixtures[i].rows)
			fail_msg("%s: rc %d, %zu rows: %s", path, rc, g.n, err);
		for (size_t k = 0; k < g.n && k < MAXROWS; k++)
			nulls += g.row[k].ts_null;
		if (nulls != fixtures[i].nulls)
			fail_msg("%s: %d NULL timestamps", path, nulls);
		if (fixtures[i].want != NULL && g.n >= 3 &&
		    strcmp(g.id[2], fixtures[i].want) != 0)
			fail_msg("%s: third id '%s'", path, g.id[2]);
		/* every fixture's third row is 2026-11-25 09:00:00 */
		if (g.n >= 3 && floor(g.row[2].ts) != 1795597200.0)
			fail_msg("%s: third ts %f", path, g.row[2].ts);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_shapes),
		cmocka_unit_test(test_terminal_shapes),
		cmocka_unit_test(test_bad_shapes),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_length_bounded),
		cmocka_unit_test(test_small_err),
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_seed_capture),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
