/*
 * range.h - Nagios threshold ranges and warning/critical thresholds.
 *
 * Syntax (monitoring-plugins guidelines), ends inclusive:
 *	10	alert if < 0 or > 10
 *	10:	alert if < 10
 *	~:10	alert if > 10
 *	10:20	alert if < 10 or > 20
 *	@10:20	alert if >= 10 and <= 20
 * Numbers may be negative and decimal ("-1.5:2.25").  start > end, an empty
 * string and any trailing characters are errors.
 */
#ifndef CUC_RANGE_H
#define CUC_RANGE_H

#include <stdbool.h>

#include "state.h"

struct range {
	double	start;
	double	end;
	bool	start_infinite;		/* "~" or nothing before ':' */
	bool	end_infinite;		/* nothing after ':' */
	bool	inside;			/* leading '@': alert inside */
	bool	percent;		/* trailing '%' (only with RANGE_PERCENT) */
};

/* Flags for range_parse(). */
#define RANGE_PERCENT	0x1	/* accept one trailing '%' and set .percent */

/*
 * Parse text into *out.  Returns 0, or -1 with *why set to a static
 * description of the problem ("trailing characters", "its start is above its end", ...).
 */
int range_parse(const char *text, unsigned flags, struct range *out,
    const char **why);

/* True when value lies where the range alerts. */
bool range_alerts(const struct range *, double value);

/* True when some value in [lo, hi] lies where the range alerts. */
bool range_can_alert(const struct range *, double lo, double hi);

/*
 * Write the range as perfdata wants it: a plain upper bound (0:N) as the
 * number alone so graphs keep it, any other range in its Nagios form.
 * Returns the length written, as snprintf.
 */
int range_format(const struct range *, char *buf, unsigned long size);

struct threshold {
	bool		has_warning;
	bool		has_critical;
	struct range	warning;
	struct range	critical;
};

/* CRITICAL if the critical range alerts, else WARNING if the warning one does, else OK. */
enum state threshold_check(const struct threshold *, double value);

#endif
