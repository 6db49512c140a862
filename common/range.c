/*
 * range.c - Nagios threshold ranges; see range.h for the syntax.
 *
 * Numbers go through numparse/numfmt, never strtod/printf, so "1.5" means
 * the same under every locale and the perfdata always carries '.'.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "range.h"

/*
 * Parse one number in text[0..len): the whole span must be the number.
 * Returns 0, or -1 with *why set.
 */
static int
range_number(const char *text, size_t len, double *out, const char **why)
{
	const char *end;

	if (len == 0) {
		*why = "missing number";
		return -1;
	}
	if (numparse_prefix(text, out, &end) != 0) {
		*why = end == text ? "not a number" : "number out of range";
		return -1;
	}
	if ((size_t)(end - text) != len) {
		*why = "trailing characters";
		return -1;
	}
	return 0;
}

int
range_parse(const char *text, unsigned flags, struct range *out,
    const char **why)
{
	struct range r;
	const char *p, *colon;
	const char *dummy;
	size_t len;

	if (why == NULL)
		why = &dummy;
	memset(&r, 0, sizeof(r));
	if (text == NULL || *text == '\0') {
		*why = "empty range";
		return -1;
	}
	p = text;
	len = strlen(p);
	if (*p == '@') {
		r.inside = true;
		p++;
		len--;
	}
	/* Exactly one '%' at the very end, and only where a percentage fits. */
	if ((flags & RANGE_PERCENT) && len > 0 && p[len - 1] == '%') {
		r.percent = true;
		len--;
	}
	if (len == 0) {
		*why = "empty range";
		return -1;
	}
	colon = memchr(p, ':', len);
	if (colon == NULL) {
		/* "N": 0..N */
		if (range_number(p, len, &r.end, why) != 0)
			return -1;
	} else {
		size_t slen = (size_t)(colon - p);
		size_t elen = len - slen - 1;

		if (slen == 0 || (slen == 1 && *p == '~'))
			r.start_infinite = true;
		else if (range_number(p, slen, &r.start, why) != 0)
			return -1;
		if (elen == 0)
			r.end_infinite = true;
		else if (range_number(colon + 1, elen, &r.end, why) != 0)
			return -1;
	}
	if (!r.start_infinite && !r.end_infinite && r.start > r.end) {
		*why = "its start is above its end";
		return -1;
	}
	*out = r;
	return 0;
}

bool
range_alerts(const struct range *r, double value)
{
	bool outside;

	/* A measurement that is not a number is never silently fine. */
	if (isnan(value))
		return true;
	outside = (!r->start_infinite && value < r->start) ||
	    (!r->end_infinite && value > r->end);
	return r->inside ? !outside : outside;
}

int
range_format(const struct range *r, char *buf, unsigned long size)
{
	char start[320], end[320];	/* DBL_MAX has 309 digits */

	if (r->start_infinite)
		snprintf(start, sizeof(start), "~");
	else
		numfmt(start, sizeof(start), r->start, 6);
	if (r->end_infinite)
		end[0] = '\0';
	else
		numfmt(end, sizeof(end), r->end, 6);
	/* Judged on the printed start, so printing is a fixed point. */
	if (!r->inside && !r->end_infinite && strcmp(start, "0") == 0)
		return snprintf(buf, size, "%s", end);
	return snprintf(buf, size, "%s%s:%s", r->inside ? "@" : "", start,
	    end);
}

enum state
threshold_check(const struct threshold *t, double value)
{
	if (t->has_critical && range_alerts(&t->critical, value))
		return STATE_CRITICAL;
	if (t->has_warning && range_alerts(&t->warning, value))
		return STATE_WARNING;
	return STATE_OK;
}

bool
range_can_alert(const struct range *r, double lo, double hi)
{
	if (r->inside)
		return (r->start_infinite || r->start <= hi) &&
		    (r->end_infinite || r->end >= lo);
	return (!r->start_infinite && lo < r->start) ||
	    (!r->end_infinite && hi > r->end);
}
