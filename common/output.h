/*
 * output.h - the plugin's report: state, summary, perfdata, long output.
 *
 * Printed as
 *	CUC <CHECK> <STATE> - <summary> | <perfdata>
 *	<long output line>
 *	...
 * following what Icinga 2 and Nagios 4 really parse (shared/consumers.md):
 * all perfdata on line 1 separated by single spaces, no '|' anywhere in
 * text, no ';' in line 1's text, control characters replaced, '.' as
 * decimal separator, long output kept well under Nagios's 8 KB.  Both
 * render the text as HTML: markup, controls, bidi overrides and broken
 * UTF-8 are replaced too (text_sanitise()).
 *
 * The report has fixed-size buffers: nothing here allocates, so a report
 * can still be printed after memory ran out.
 */
#ifndef CUC_OUTPUT_H
#define CUC_OUTPUT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "range.h"
#include "state.h"

#define REPORT_SUMMARY_MAX	1024
#define REPORT_PERF_MAX		2048
#define REPORT_DETAILS_MAX	6144	/* long output; Nagios cuts past 8 KB */

struct report {
	const char	*check;		/* "PORT", "KEEPALIVE", ... */
	enum state	 state;
	char		 summary[REPORT_SUMMARY_MAX];
	char		 perf[REPORT_PERF_MAX];
	size_t		 perf_len;
	char		 details[REPORT_DETAILS_MAX];
	size_t		 details_len;
	bool		 details_cut;	/* some long output did not fit */
};

/* One perfdata item.  Unset optional fields are left out. */
struct perf {
	const char		*label;	/* no '=', no quote; quoted if it holds a space */
	double			 value;
	const char		*uom;	/* NULL/"" or one of s ms us % B KB MB TB c */
	int			 decimals;	/* digits after the point, 0..6 */
	const struct range	*warning;	/* NULL: none */
	const struct range	*critical;
	bool			 has_min;
	double			 min;
	bool			 has_max;
	double			 max;
};

void report_init(struct report *, const char *check);

/* Set the state outright; report_raise() keeps the worse of old and new. */
void report_set_state(struct report *, enum state);
void report_raise(struct report *, enum state);

/* Replace the summary (sanitised: one line, no '|', no ';'). */
void report_summary(struct report *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void report_vsummary(struct report *, const char *fmt, va_list);

/* Set state and summary in one go; the usual way to fail. */
void report_fail(struct report *, enum state, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Append one long-output line (sanitised: no '|', control chars replaced). */
void report_detail(struct report *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Append a perfdata item.  Returns 0, or -1 (item not added) for an
 * invalid label or unit or when the perfdata buffer is full.
 */
int report_perf(struct report *, const struct perf *);

/*
 * The usual counter or gauge: min 0, no max, the ranges of thr that are
 * set (thr may be NULL).  Returns as report_perf.
 */
int report_metric(struct report *, const char *label, double value,
    const char *uom, int decimals, const struct threshold *thr);

/*
 * A count of part of a whole (stale of the subscriptions, errors of the
 * lines): as report_metric with no unit, and max = whole so that graphs
 * scale.  Returns as report_perf.
 */
int report_count(struct report *, const char *label, unsigned long count,
    unsigned long whole, const struct threshold *thr);

/* Write the report to fp and return the exit code (the state). */
int report_print(const struct report *, FILE *fp);

/*
 * Copy src into dst (size bytes, always terminated when size > 0) made
 * safe to print, whatever it holds: '|' becomes '/', with `first_line`
 * ';' becomes ',', the HTML specials < > & " ' become look-alikes
 * (U+2039 U+203A U+FF06, and typographic quotes: U+201C U+2018 after a
 * space, a tab, '(' or at the start, U+201D U+2019 elsewhere), and C0/C1
 * controls, DEL, bidi
 * controls, line separators and invalid UTF-8 become '?'.  Cut between
 * characters, never inside one.  Returns the length the whole result
 * needs (as snprintf: a result >= size was cut).  Every line of a report
 * passes here, so text from the monitored side cannot reach the output
 * any other way.
 */
size_t text_sanitise(char *dst, size_t size, const char *src, bool first_line);

/*
 * Append printf-style to buf (size bytes, *len used): for building the
 * one line -v adds.  What does not fit is cut; buf stays terminated.
 */
void text_appendf(char *buf, size_t size, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
