/*
 * dbquery.h - a capture of the CUC admin CLI's `run cuc dbquery` as rows.
 *
 * The capture is what an operator or cuc_dbquery_collect saved of
 *
 *	admin:run cuc dbquery unitydyndb select * from tbl_exsubscription
 *
 * in any of the shapes seen (shared/domain.md section 3):
 *
 *	# cuc_dbquery_collect taken=2026-11-25T10:00:00Z host=cuc1  (optional)
 *	admin:run cuc dbquery unitydyndb select * from tbl_exsubscription
 *	<blank>
 *	subscriptionid                        timestamputc             ...
 *	------------------------------------  -----------------------  ...
 *	8a4f0c1e-...                          2026-11-25 09:58:12.775  ...
 *	<blank>
 *	admin:
 *
 * with or without the echo and the prompt, LF or CRLF, "No records found"
 * instead of header and rows, any column order, `null` (or an empty cell)
 * for NULL, 0..6 digits of fraction, and the looser dbaccess shape (one
 * dashes line that need not follow the columns, single spaces between
 * columns).
 *
 * Prompts are not rows: the admin CLI's "admin:" and dbaccess's
 * "unitydyndb>" (the seed's capture), alone or with the command, before
 * the header and after the rows; the first one after the rows ends them,
 * and a row after it is an error (a second answer).  Nor is the CLI
 * pager's "Press <enter> for 1 line, <space> for one page, or <q> to
 * quit", with the escapes and CR around it, at the start of a line: what
 * follows it on that line (the next row, once a key was pressed) is read
 * as the terminal showed it, and the prompts are counted in dbq_info.
 *
 * Columns are found from the header: a cell starts where its dashes run
 * starts (or, when the dashes do not follow the columns, where its header
 * name starts: CUC and dbaccess both left-align).  A row that does not fit
 * those positions is split at blanks instead, a date and a time of day
 * that follow each other being one value.
 *
 * The parser is pure (bytes in, rows out through a callback, no
 * allocation) and makes one pass, so 20,000 rows cost a few milliseconds.
 */
#ifndef CUC_DBQUERY_H
#define CUC_DBQUERY_H

#include <stdbool.h>
#include <stddef.h>

/* The first line cuc_dbquery_collect writes; `taken=` is ISO 8601 UTC. */
#define DBQ_COLLECT_TAG		"# cuc_dbquery_collect"

#define DBQ_MAX_COLUMNS		64

struct dbq_row {
	unsigned long	 line;		/* 1-based line of the capture */
	double		 ts;		/* timestamputc, epoch s, if !ts_null */
	bool		 ts_null;	/* timestamputc is NULL or empty */
	const char	*id;		/* subscriptionid (points into input) */
	size_t		 id_len;
};

struct dbq_info {
	bool		 has_taken;	/* a collector line was there */
	double		 taken;		/* when it was taken, epoch s */
	char		 host[128];	/* host= of the collector line or "" */
	bool		 no_records;	/* the CLI said "No records found" */
	bool		 has_id;	/* a subscriptionid column exists */
	unsigned	 columns;	/* columns in the header */
	unsigned long	 header_line;	/* line of the column names or 0 */
	unsigned long	 rows;		/* rows handed to the callback */
	unsigned long	 pager_prompts;	/* the CLI pager's prompts skipped */
	unsigned long	 pager_line;	/* the first one's line, or 0 */
};

/*
 * Called for each row, in capture order.  Return 0 to go on; any other
 * value stops the parse and is returned by dbq_parse().  The dbq_info
 * being filled may be read from the callback: has_taken and taken are set
 * before the first row (the collector line comes first), so ages can be
 * counted as the rows pass.
 */
typedef int (*dbq_row_fn)(const struct dbq_row *, void *arg);

/*
 * Parse len bytes of data (no NUL needed), calling fn (may be NULL) for
 * each row.  Returns 0 when the capture is complete and every row parsed
 * (rows may be 0 only with "No records found"); -1 with the problem,
 * naming its line, in err ("line 7: timestamputc 'x' is not a datetime",
 * "line 4: header has no timestamputc column", "no column header found
 * (line 2 says 'Executed command unsuccessfully')", ...); or fn's non-zero
 * value.  info is filled in either case as far as the parse got.
 */
int dbq_parse(const char *data, size_t len, dbq_row_fn fn, void *arg,
    struct dbq_info *info, char *err, size_t errlen);

#endif
