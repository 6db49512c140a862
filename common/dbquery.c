/*
 * dbquery.c - parse a capture of `run cuc dbquery`; see dbquery.h.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dbquery.h"
#include "timeparse.h"

#define CLI_FAILED	"Executed command unsuccessfully"
#define NO_RECORDS	"No records found"
#define PROMPT		"admin:"
/*
 * The admin CLI's pager, between bold on/off, erased with CR ESC[K once a
 * key is pressed (the VOS patterns of CiscoTestAutomation/unicon.plugins,
 * src/unicon/plugins/vos/patterns.py and service_implementation.py).
 */
#define PAGER		"Press <enter> for 1 line, <space> for one page, " \
			"or <q> to quit"
#define ESC		'\033'
#define DBQ_MAX_COLUMNS_TEXT	"64"	/* DBQ_MAX_COLUMNS as text */

/* Where the columns are, found from the header and its dashes. */
struct layout {
	unsigned	 ncols;
	size_t		 start[DBQ_MAX_COLUMNS];
	size_t		 name_end[DBQ_MAX_COLUMNS];	/* of the header name */
	bool		 by_runs;	/* starts from dashes runs (CUC) */
	int		 ts_col;
	int		 id_col;	/* -1: no subscriptionid */
};

/* One value of a row, pointing into the input. */
struct cell {
	const char	*s;
	size_t		 len;
};

/* Why a row did not split or parse (the message is written by the caller). */
enum rowfail {
	ROW_OK,
	ROW_MISALIGNED,		/* cells do not sit at the header's positions */
	ROW_COUNT,		/* split at blanks: not one value per column */
	ROW_BAD_TS		/* timestamputc is not a datetime */
};

/*
 * The next line at *pos: its start and length without LF and without any
 * CRs before it (a pty makes CR CR LF).  False at the end of data.
 */
static bool
next_line(const char *data, size_t len, size_t *pos, const char **line,
    size_t *llen)
{
	const char *p, *nl;
	size_t n;

	if (*pos >= len)
		return false;
	p = data + *pos;
	nl = memchr(p, '\n', len - *pos);
	n = nl != NULL ? (size_t)(nl - p) : len - *pos;
	*pos += n + (nl != NULL);
	while (n > 0 && p[n - 1] == '\r')
		n--;
	*line = p;
	*llen = n;
	return true;
}

static bool
is_blank_char(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && is_blank_char(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_blank_char((*s)[*len - 1]))
		(*len)--;
}

static bool
is_blank_line(const char *s, size_t len)
{
	trim(&s, &len);
	return len == 0;
}

/* True when s starts with the string word (after leading blanks). */
static bool
starts_with(const char *s, size_t len, const char *word, bool nocase)
{
	size_t n = strlen(word);

	trim(&s, &len);
	if (len < n)
		return false;
	return nocase ? strncasecmp(s, word, n) == 0 : memcmp(s, word, n) == 0;
}

static bool
contains(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word), i;

	for (i = 0; i + n <= len; i++)
		if (s[i] == word[0] && memcmp(s + i, word, n) == 0)
			return true;
	return false;
}

/* A line of dashes and blanks only, with at least three dashes. */
static bool
is_dashes(const char *s, size_t len)
{
	size_t i, dashes = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '-')
			dashes++;
		else if (!is_blank_char(s[i]))
			return false;
	}
	return dashes >= 3;
}

/*
 * dbaccess's chatter around the rows: "12 row(s) retrieved.",
 * "Database closed.".  Tested on every row, so it looks at the first
 * bytes only.
 */
static bool
is_dbaccess_note(const char *s, size_t len)
{
	static const char rows[] = " row(s) retrieved";
	size_t i = 0;

	trim(&s, &len);
	if (len > 0 && s[0] == 'D')
		return starts_with(s, len, "Database closed", false) ||
		    starts_with(s, len, "Database selected", false);
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > 0 && len - i >= sizeof(rows) - 1 &&
	    memcmp(s + i, rows, sizeof(rows) - 1) == 0;
}

/* True when c is an ASCII letter, digit or '_' (a column name). */
static bool
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* The index after the escape sequence at s[i] (ESC): CSI or ESC + one. */
static size_t
skip_escape(const char *s, size_t len, size_t i)
{
	i++;
	if (i < len && s[i] == '[') {
		for (i++; i < len && (unsigned char)s[i] >= 0x20 &&
		    (unsigned char)s[i] <= 0x3f; i++)
			;
		return i < len ? i + 1 : i;	/* the final byte */
	}
	return i < len ? i + 1 : i;
}

/*
 * What a terminal shows of a line that starts with controls: the text
 * after the last CR, escape sequence or pager prompt at its start (a
 * saved session holds the pager, then the erase, then the next line).
 * Blanks that a CR or an escape follows are overwritten too.  True when
 * the pager prompt was there.
 */
static bool
strip_terminal(const char **s, size_t *len)
{
	static const char pager[] = PAGER;
	const char *p = *s;
	size_t n = *len, i = 0, vis = 0, j;
	bool had_pager = false;

	while (i < n) {
		if (p[i] == ESC)
			vis = i = skip_escape(p, n, i);
		else if (p[i] == '\r' || p[i] == '\b')
			vis = ++i;
		else if (p[i] == ' ' || p[i] == '\t') {
			for (j = i; j < n && (p[j] == ' ' || p[j] == '\t'); j++)
				;
			if (j == n || (p[j] != ESC && p[j] != '\r' &&
			    p[j] != '\b'))
				break;
			i = j;
		} else if (p[i] == 'P' && n - i >= sizeof(pager) - 1 &&
		    memcmp(p + i, pager, sizeof(pager) - 1) == 0) {
			vis = i += sizeof(pager) - 1;
			had_pager = true;
		} else
			break;
	}
	*s = p + vis;
	*len = n - vis;
	return had_pager;
}

/*
 * A prompt of the admin CLI ("admin:") or of dbaccess (the database's
 * name and '>': the seed's "unitydyndb>"), alone or with the command.
 */
static bool
is_prompt(const char *s, size_t len)
{
	size_t i;

	trim(&s, &len);
	if (len >= sizeof(PROMPT) - 1 &&
	    memcmp(s, PROMPT, sizeof(PROMPT) - 1) == 0)
		return true;
	for (i = 0; i < len && is_name_char(s[i]); i++)
		;
	return i > 0 && i < len && s[i] == '>' &&
	    (i + 1 == len || is_blank_char(s[i + 1]));
}

/* Copy a quoted excerpt of s for an error message, printable ASCII only. */
static void
excerpt(char *buf, size_t size, const char *s, size_t len)
{
	size_t i, o = 0, max = 64;

	if (size == 0)
		return;
	trim(&s, &len);
	for (i = 0; i < len && i < max && o + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];

		buf[o++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	if (i < len && o + 4 < size) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
}

/*
 * Write fmt (one %lu for the line, then one %s for an excerpt of s when s
 * is not NULL) into err and return -1.
 */
static int
fail(char *err, size_t errlen, const char *fmt, const char *s, size_t len,
    unsigned long line)
{
	char ex[80] = "";

	if (s != NULL)
		excerpt(ex, sizeof(ex), s, len);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(err, errlen, fmt, line, ex);
#pragma GCC diagnostic pop
	return -1;
}

/*
 * The collector's first line: "# cuc_dbquery_collect taken=<iso> host=<h>".
 * Unknown keys are skipped so the line can grow.
 */
static int
parse_collect_line(const char *s, size_t len, struct dbq_info *info,
    char *err, size_t errlen)
{
	size_t i = strlen(DBQ_COLLECT_TAG), j, n;
	char buf[64];

	while (i < len) {
		while (i < len && is_blank_char(s[i]))
			i++;
		for (j = i; j < len && !is_blank_char(s[j]); j++)
			;
		n = j - i;
		if (n > 6 && memcmp(s + i, "taken=", 6) == 0 &&
		    n - 6 < sizeof(buf)) {
			memcpy(buf, s + i + 6, n - 6);
			buf[n - 6] = '\0';
			if (time_parse_user(buf, &info->taken) == 0)
				info->has_taken = true;
		} else if (n > 5 && memcmp(s + i, "host=", 5) == 0)
			excerpt(info->host, sizeof(info->host), s + i + 5,
			    n - 5);
		i = j;
	}
	if (!info->has_taken) {
		snprintf(err, errlen, "line 1: collector line has no valid "
		    "taken= time");
		return -1;
	}
	return 0;
}

/*
 * Columns from the header line h and the dashes line d.  A cell starts at
 * its dashes run when there is one run per name around it, else where its
 * name starts.
 */
static int
parse_header(const char *h, size_t hlen, const char *d, size_t dlen,
    unsigned long hline, struct layout *lay, struct dbq_info *info,
    char *err, size_t errlen)
{
	size_t ts[DBQ_MAX_COLUMNS], te[DBQ_MAX_COLUMNS];
	size_t rs[DBQ_MAX_COLUMNS], re[DBQ_MAX_COLUMNS];
	unsigned nt = 0, nr = 0, k;
	size_t i = 0, j;
	bool runs_fit;

	while (i < hlen) {
		while (i < hlen && is_blank_char(h[i]))
			i++;
		if (i >= hlen)
			break;
		for (j = i; j < hlen && !is_blank_char(h[j]); j++)
			if (!is_name_char(h[j]))
				return fail(err, errlen, "line %lu: header "
				    "'%s' is not a list of column names",
				    h, hlen, hline);
		if (nt == DBQ_MAX_COLUMNS)
			return fail(err, errlen, "line %lu: more than "
			    DBQ_MAX_COLUMNS_TEXT " columns", NULL, 0, hline);
		ts[nt] = i;
		te[nt++] = j;
		i = j;
	}
	for (i = 0; i < dlen && nr <= DBQ_MAX_COLUMNS; ) {
		while (i < dlen && d[i] != '-')
			i++;
		if (i >= dlen)
			break;
		for (j = i; j < dlen && d[j] == '-'; j++)
			;
		if (nr < DBQ_MAX_COLUMNS) {
			rs[nr] = i;
			re[nr] = j;
		}
		nr++;
		i = j;
	}
	runs_fit = nr == nt;
	for (k = 0; runs_fit && k < nt; k++)
		if (ts[k] < rs[k] || te[k] > re[k])
			runs_fit = false;
	lay->ncols = nt;
	lay->by_runs = runs_fit;
	lay->ts_col = lay->id_col = -1;
	for (k = 0; k < nt; k++) {
		lay->start[k] = runs_fit ? rs[k] : ts[k];
		lay->name_end[k] = te[k];
		if (te[k] - ts[k] == 12 &&
		    strncasecmp(h + ts[k], "timestamputc", 12) == 0)
			lay->ts_col = (int)k;
		else if (te[k] - ts[k] == 14 &&
		    strncasecmp(h + ts[k], "subscriptionid", 14) == 0)
			lay->id_col = (int)k;
	}
	info->columns = nt;
	info->header_line = hline;
	info->has_id = lay->id_col >= 0;
	if (lay->ts_col < 0)
		return fail(err, errlen, "line %lu: header has no timestamputc "
		    "column ('%s')", h, hlen, hline);
	return 0;
}

static bool
is_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* "2014-06-29" */
static bool
is_date(const char *s, size_t n)
{
	return n == 10 && is_digits(s, 4) && s[4] == '-' &&
	    is_digits(s + 5, 2) && s[7] == '-' && is_digits(s + 8, 2);
}

/* "16:00:45..." */
static bool
is_time(const char *s, size_t n)
{
	return n >= 5 && is_digits(s, 2) && s[2] == ':' && is_digits(s + 3, 2);
}

/*
 * Values hold no blanks, except a datetime between its date and its time:
 * a cell with one did not come from the header's positions.
 */
static bool
has_inner_blank(const struct cell *c)
{
	size_t i;

	if (c->len > 10 && is_date(c->s, 10) && is_blank_char(c->s[10]))
		return false;
	for (i = 0; i < c->len; i++)
		if (c->s[i] == ' ' || c->s[i] == '\t')
			return true;
	return false;
}

/*
 * Cells at the header's positions; ROW_MISALIGNED when they do not sit
 * there.  Without dashes runs per column (dbaccess) a cell may also start
 * left of its name, back to the end of the name before: dbaccess
 * right-aligns numbers and their names.
 */
static enum rowfail
split_fixed(const char *s, size_t len, const struct layout *lay,
    struct cell *cells)
{
	size_t st[DBQ_MAX_COLUMNS + 1], a, b, i;
	unsigned k, filled = 0;

	for (i = 0; i < lay->start[0] && i < len; i++)
		if (!is_blank_char(s[i]))
			return ROW_MISALIGNED;
	st[0] = lay->start[0];
	for (k = 1; k < lay->ncols; k++) {
		a = lay->start[k];
		if (a < len && !is_blank_char(s[a - 1])) {
			if (lay->by_runs)
				return ROW_MISALIGNED;
			for (b = a - 1; b > lay->name_end[k - 1] &&
			    !is_blank_char(s[b]); b--)
				;
			if (!is_blank_char(s[b]))
				return ROW_MISALIGNED;
			a = b + 1;
		}
		st[k] = a;
	}
	st[lay->ncols] = len;
	for (k = 0; k < lay->ncols; k++) {
		a = st[k] < len ? st[k] : len;
		b = st[k + 1] < len ? st[k + 1] : len;
		if (b < a)
			b = a;
		cells[k].s = s + a;
		cells[k].len = b - a;
		trim(&cells[k].s, &cells[k].len);
		if (cells[k].len > 0)
			filled++;
		if (has_inner_blank(&cells[k]))
			return ROW_MISALIGNED;
	}
	/*
	 * A line of text that is not a row ("Connection closed.") fills one
	 * cell at most; a real row has a key besides its timestamp.
	 */
	if (lay->ncols >= 2 && filled < 2)
		return ROW_MISALIGNED;
	return ROW_OK;
}

/*
 * Cells split at blanks, a date followed by a time of day being one cell.
 * ROW_COUNT (with the count in *found) unless there is one per column.
 */
static enum rowfail
split_blanks(const char *s, size_t len, const struct layout *lay,
    struct cell *cells, unsigned *found)
{
	size_t i = 0, j, k;
	unsigned n = 0;

	while (i < len) {
		while (i < len && is_blank_char(s[i]))
			i++;
		if (i >= len)
			break;
		for (j = i; j < len && !is_blank_char(s[j]); j++)
			;
		if (is_date(s + i, j - i)) {
			for (k = j; k < len && is_blank_char(s[k]); k++)
				;
			if (k > j && k < len) {
				size_t e;

				for (e = k; e < len && !is_blank_char(s[e]);
				    e++)
					;
				if (is_time(s + k, e - k))
					j = e;
			}
		}
		if (n < lay->ncols) {
			cells[n].s = s + i;
			cells[n].len = j - i;
		}
		n++;
		i = j;
	}
	*found = n;
	return n == lay->ncols ? ROW_OK : ROW_COUNT;
}

static bool
is_null(const struct cell *c)
{
	return c->len == 0 ||
	    (c->len == 4 && strncasecmp(c->s, "null", 4) == 0);
}

/* Fill row from cells; ROW_BAD_TS: timestamputc neither NULL nor a datetime. */
static enum rowfail
row_from_cells(const struct cell *cells, const struct layout *lay,
    struct dbq_row *row)
{
	const struct cell *t = &cells[lay->ts_col];

	row->ts = 0;
	row->ts_null = is_null(t);
	if (!row->ts_null && time_parse_sql(t->s, t->len, &row->ts) != 0)
		return ROW_BAD_TS;
	row->id = NULL;
	row->id_len = 0;
	if (lay->id_col >= 0 && !is_null(&cells[lay->id_col])) {
		const struct cell *c = &cells[lay->id_col];
		size_t i;

		for (i = 0; i < c->len; i++)
			if (is_blank_char(c->s[i]))
				return ROW_MISALIGNED;
		row->id = c->s;
		row->id_len = c->len;
	}
	return ROW_OK;
}

/*
 * One row: at the header's positions if it fits them, else split at
 * blanks.  Returns 0, or -1 with the reason in err.
 */
static int
parse_row(const char *s, size_t len, unsigned long line,
    const struct layout *lay, struct dbq_row *row, char *err, size_t errlen)
{
	struct cell fixed[DBQ_MAX_COLUMNS], loose[DBQ_MAX_COLUMNS];
	enum rowfail f1, f2;
	unsigned found = 0;

	row->line = line;
	f1 = split_fixed(s, len, lay, fixed);
	if (f1 == ROW_OK && (f1 = row_from_cells(fixed, lay, row)) == ROW_OK)
		return 0;
	f2 = split_blanks(s, len, lay, loose, &found);
	if (f2 == ROW_OK && (f2 = row_from_cells(loose, lay, row)) == ROW_OK)
		return 0;
	/* A row at the header's positions says best what is wrong. */
	if (f1 == ROW_BAD_TS)
		return fail(err, errlen, "line %lu: timestamputc '%s' is not "
		    "a datetime", fixed[lay->ts_col].s,
		    fixed[lay->ts_col].len, line);
	if (f2 == ROW_BAD_TS)
		return fail(err, errlen, "line %lu: timestamputc '%s' is not "
		    "a datetime", loose[lay->ts_col].s,
		    loose[lay->ts_col].len, line);
	snprintf(err, errlen, "line %lu: row does not fit the header's %u "
	    "columns (%u values)", line, lay->ncols, found);
	return -1;
}

/* Parse state carried from line to line. */
struct parser {
	const char	*prev;		/* the line before, for the header */
	size_t		 prev_len;
	unsigned long	 prev_no;	/* its number, 0: not a header */
	const char	*noise;		/* first line that was not understood */
	size_t		 noise_len;
	unsigned long	 noise_no;
	struct layout	 lay;
	bool		 in_rows;
	unsigned long	 end_no;	/* the prompt after the rows, or 0 */
};

/* A line before the header: remember it or find the header; 1: no records. */
static int
pre_header_line(struct parser *p, const char *s, size_t len,
    unsigned long no, struct dbq_info *info, char *err, size_t errlen)
{
	if (is_blank_line(s, len)) {
		p->prev_no = 0;
		return 0;
	}
	if (contains(s, len, CLI_FAILED)) {
		char why[80];

		if (p->noise == NULL)
			return fail(err, errlen, "line %lu: the CLI says '%s'",
			    s, len, no);
		/* The line before says what went wrong (an SQL error). */
		excerpt(why, sizeof(why), p->noise, p->noise_len);
		snprintf(err, errlen, "line %lu: the CLI says '" CLI_FAILED
		    "' after line %lu '%s'", no, p->noise_no, why);
		return -1;
	}
	if (starts_with(s, len, NO_RECORDS, true)) {
		info->no_records = true;
		return 1;
	}
	if (is_dashes(s, len)) {
		if (p->prev_no == 0)
			return fail(err, errlen, "line %lu: dashes row without "
			    "a header above it", NULL, 0, no);
		if (parse_header(p->prev, p->prev_len, s, len, p->prev_no,
		    &p->lay, info, err, errlen) != 0)
			return -1;
		p->in_rows = true;
		return 0;
	}
	if (is_prompt(s, len) || s[0] == '#' || is_dbaccess_note(s, len)) {
		p->prev_no = 0;
		return 0;
	}
	if (p->noise == NULL) {
		p->noise = s;
		p->noise_len = len;
		p->noise_no = no;
	}
	p->prev = s;
	p->prev_len = len;
	p->prev_no = no;
	return 0;
}

/*
 * The session went on after the prompt that ended the rows (exit, a
 * goodbye) and is not read, but rows there mean a second answer in the
 * same file, and picking either would be a guess.
 */
static int
rows_after_end(const struct parser *p, unsigned long no, char *err,
    size_t errlen)
{
	snprintf(err, errlen, "line %lu: rows again after the prompt at line "
	    "%lu (two answers in one capture?)", no, p->end_no);
	return -1;
}

/* A line that may start with terminal controls or the pager's prompt. */
static bool
may_hold_controls(char c)
{
	return c == ESC || c == '\r' || c == '\b' || c == 'P';
}

int
dbq_parse(const char *data, size_t len, dbq_row_fn fn, void *arg,
    struct dbq_info *info, char *err, size_t errlen)
{
	struct parser p;
	struct dbq_row row;
	const char *s;
	size_t pos = 0, n;
	unsigned long no = 0;
	char scratch[8];
	int rc;

	memset(info, 0, sizeof(*info));
	memset(&p, 0, sizeof(p));
	if (errlen > 0)
		err[0] = '\0';
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		pos = 3;	/* a UTF-8 BOM from an editor */
	while (next_line(data, len, &pos, &s, &n)) {
		no++;
		if (no == 1 && n >= strlen(DBQ_COLLECT_TAG) &&
		    memcmp(s, DBQ_COLLECT_TAG, strlen(DBQ_COLLECT_TAG)) == 0) {
			if (parse_collect_line(s, n, info, err, errlen) != 0)
				return -1;
			continue;
		}
		if (n > 0 && may_hold_controls(s[0]) && strip_terminal(&s, &n)) {
			if (info->pager_prompts++ == 0)
				info->pager_line = no;
			if (is_blank_line(s, n))
				continue;
		}
		if (!p.in_rows) {
			if ((rc = pre_header_line(&p, s, n, no, info, err,
			    errlen)) < 0)
				return -1;
			if (rc > 0)
				return 0;
			continue;
		}
		if (is_blank_line(s, n) || is_dbaccess_note(s, n))
			continue;
		if (p.end_no != 0 && is_prompt(s, n))
			continue;
		if (p.end_no != 0 && is_dashes(s, n))
			return rows_after_end(&p, no, err, errlen);
		/* After the end only a row matters, not why a line is none. */
		rc = parse_row(s, n, no, &p.lay, &row, p.end_no != 0 ?
		    scratch : err, p.end_no != 0 ? sizeof(scratch) : errlen);
		if (p.end_no != 0) {
			if (rc == 0 && !row.ts_null)
				return rows_after_end(&p, no, err, errlen);
			continue;
		}
		if (rc != 0) {
			/* Tested only here: a prompt is never a row. */
			if (is_prompt(s, n)) {
				p.end_no = no;	/* the capture ends here */
				continue;
			}
			if (contains(s, n, CLI_FAILED))
				return fail(err, errlen, "line %lu: the CLI "
				    "says '%s'", s, n, no);
			return -1;
		}
		info->rows++;
		if (fn != NULL && (rc = fn(&row, arg)) != 0)
			return rc;
	}
	if (p.in_rows && info->rows == 0)
		return fail(err, errlen, "line %lu: header but no rows "
		    "(capture cut short?)", NULL, 0, info->header_line);
	if (!p.in_rows) {
		if (p.noise != NULL)
			return fail(err, errlen, "no column header found "
			    "(line %lu says '%s')", p.noise, p.noise_len,
			    p.noise_no);
		snprintf(err, errlen, "no column header and no 'No records "
		    "found' (%s)", no == 0 ? "empty capture" :
		    "blank lines, prompts and comments only");
		return -1;
	}
	return 0;
}
