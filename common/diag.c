/* diag.c - CuMbxSync diagnostic lines and their dates; see diag.h. */
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "diag.h"
#include "timeparse.h"

#define DAY_MS		86400000L
#define DAY_S		86400.0

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Trim blanks on both ends of [*s, *s + *len). */
static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && is_blank(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_blank((*s)[*len - 1]))
		(*len)--;
}

/*
 * The first comma in [p, end), or NULL.  The fields before the message
 * are short: sixteen bytes at a time inline (SSE2) costs less there than
 * a call to memchr, and this runs five times a line.
 */
static const char *
find_comma(const char *p, const char *end)
{
#if defined(__SSE2__)
	const __m128i comma = _mm_set1_epi8(',');
	unsigned m;

	for (; end - p >= 16; p += 16) {
		m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(
		    (const __m128i *)(const void *)p), comma));
		if (m != 0)
			return p + __builtin_ctz(m);
	}
#endif
	return memchr(p, ',', (size_t)(end - p));
}

/*
 * Take the field up to the next comma from [*p, end): sets *f and *flen
 * (trimmed) and moves *p past the comma.  Returns -1 when no comma is left.
 */
static int
take_field(const char **p, const char *end, const char **f, size_t *flen)
{
	const char *comma;

	comma = find_comma(*p, end);
	if (comma == NULL)
		return -1;
	*f = *p;
	*flen = (size_t)(comma - *p);
	trim(f, flen);
	*p = comma + 1;
	return 0;
}

/* A level: optional sign and 1..9 digits, nothing else. */
static int
parse_level(const char *s, size_t len, long *out)
{
	size_t i = 0;
	long v = 0;
	bool neg = false;

	if (len > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i++;
	}
	if (i == len || len - i > 9)
		return -1;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = neg ? -v : v;
	return 0;
}

static int
fail(const char **why, const char *text)
{
	if (why != NULL)
		*why = text;
	return -1;
}

int
diag_parse_line(const char *line, size_t len, struct diag_record *rec,
    const char **why)
{
	const char *p, *end, *lv;
	size_t used, lvlen;

	memset(rec, 0, sizeof(*rec));
	if (line == NULL || len == 0)
		return fail(why, "empty line");
	if (time_parse_tod(line, len, &rec->ms, &used) != 0 ||
	    rec->ms < 0 || rec->ms > DAY_MS + 999 || used > len)
		return fail(why, "no time of day");
	if (rec->ms >= DAY_MS)
		rec->ms = DAY_MS - 1;	/* 23:59:60.x, a leap second */
	p = line + used;
	end = line + len;
	while (p < end && is_blank(*p))
		p++;
	if (p == end || *p != '|')
		return fail(why, "no '|' after the time");
	p++;
	if (take_field(&p, end, &rec->thread, &rec->thread_len) != 0 ||
	    take_field(&p, end, &rec->host, &rec->host_len) != 0 ||
	    take_field(&p, end, &rec->context2, &rec->context2_len) != 0 ||
	    take_field(&p, end, &rec->component, &rec->component_len) != 0 ||
	    take_field(&p, end, &lv, &lvlen) != 0)
		return fail(why, "missing field");
	if (rec->thread_len == 0)
		return fail(why, "empty thread");
	if (rec->component_len == 0)
		return fail(why, "empty component");
	if (parse_level(lv, lvlen, &rec->level) != 0)
		return fail(why, "bad level");
	while (p < end && is_blank(*p))
		p++;
	rec->message = p;
	rec->message_len = (size_t)(end - p);
	return 0;
}

/* Start of the day holding t (floor without libm, which no plugin links). */
static double
day_floor(double t)
{
	double d = t / DAY_S;
	int64_t k;

	if (!(d > -1e15 && d < 1e15))
		return 0;	/* not a time: keep the arithmetic finite */
	k = (int64_t)d;
	if ((double)k > d)
		k--;
	return (double)k * DAY_S;
}

void
diag_clock_init(struct diag_clock *clk, int tz_offset)
{
	memset(clk, 0, sizeof(*clk));
	clk->tz_offset = tz_offset;
}

void
diag_clock_zone(struct diag_clock *clk, diag_offset_fn offset_at,
    const void *zone)
{
	clk->offset_at = offset_at;
	clk->zone = zone;
	clk->known = false;
}

void
diag_clock_file(struct diag_clock *clk, double mtime)
{
	/* The file's last line was written before its last modification. */
	if (!clk->has_bound || mtime < clk->bound)
		clk->bound = mtime;
	clk->has_bound = true;
}

/* The latest UTC instant <= latest whose time of day is ms under offset. */
static double
latest_with_tod(double latest, int offset, long ms)
{
	double local = latest + offset;
	double t = day_floor(local) + (double)ms / 1000.0;

	if (t > local)
		t -= DAY_S;	/* later than the line after it: midnight passed */
	return t - offset;
}

/*
 * How far the clock looks down for the zone's next change at once: over
 * a day, so one look covers the day a line may lie before its bound.
 */
#define ZONE_STEP	(26 * 3600.0)

/* The second holding t, as a double (t within +-1e15). */
static double
second_floor(double t)
{
	int64_t k = (int64_t)t;

	if ((double)k > t)
		k--;
	return (double)k;
}

static void
zone_restart(struct diag_clock *clk, double top)
{
	clk->before = clk->after = clk->offset_at(clk->zone, top);
	clk->lo = clk->change = clk->top = top;
	clk->known = true;
}

/*
 * The zone changes below lo, between x (offset o) and lo (clk->before):
 * find the first second of the new offset by bisection, whole seconds
 * (every zone's changes fall on them).
 */
static double
zone_change(const struct diag_clock *clk, double x, int o)
{
	double a = second_floor(x), h = -second_floor(-clk->lo), mid;

	if (clk->offset_at(clk->zone, h) == o)
		return clk->lo;	/* two changes within the step: keep lo */
	while (h - a > 1) {
		mid = second_floor(a + (h - a) / 2);
		if (clk->offset_at(clk->zone, mid) == o)
			a = mid;
		else
			h = mid;
	}
	return h;
}

/* Make sure the clock knows the zone's offsets over [need, latest]. */
static void
zone_learn(struct diag_clock *clk, double need, double latest)
{
	double x, t;
	int o;

	if (!clk->known || latest > clk->top || need < clk->lo - ZONE_STEP)
		zone_restart(clk, latest);
	if (need >= clk->lo)
		return;
	x = clk->lo - ZONE_STEP;
	o = clk->offset_at(clk->zone, x);
	if (o != clk->before) {
		t = zone_change(clk, x, o);
		/* The change above is forgotten: what is known ends there. */
		if (clk->change < clk->top && clk->before != clk->after)
			clk->top = clk->change;
		clk->after = clk->before;
		clk->before = o;
		clk->change = t;
	}
	clk->lo = x;
}

static int
zone_offset(const struct diag_clock *clk, double t)
{
	return t < clk->change ? clk->before : clk->after;
}

/* A date under a zone: the latest candidate whose offset is in force. */
static double
zone_back(struct diag_clock *clk, long ms)
{
	double latest = clk->bound + DIAG_DISORDER_MS / 1000.0;
	double t, best = 0;
	int o_top, o_low;
	bool found = false;

	if (!(latest > -1e15 && latest < 1e15))
		return latest_with_tod(latest, 0, ms);
	zone_learn(clk, latest - DAY_S, latest);
	o_top = zone_offset(clk, latest);
	o_low = zone_offset(clk, latest - DAY_S);
	t = latest_with_tod(latest, o_top, ms);
	if (zone_offset(clk, t) == o_top) {
		best = t;
		found = true;
	}
	if (o_low != o_top) {
		t = latest_with_tod(latest, o_low, ms);
		if (zone_offset(clk, t) == o_low && (!found || t > best)) {
			best = t;
			found = true;
		}
	}
	if (!found)	/* a time the zone skipped */
		best = latest_with_tod(latest, zone_offset(clk, clk->bound),
		    ms);
	return best;
}

double
diag_clock_back(struct diag_clock *clk, long ms)
{
	double t;

	if (ms < 0 || ms >= DAY_MS)
		ms = 0;
	if (!clk->has_bound)
		clk->has_bound = true;	/* bound 0: the epoch's first day */
	if (clk->offset_at != NULL)
		t = zone_back(clk, ms);
	else
		t = latest_with_tod(clk->bound + DIAG_DISORDER_MS / 1000.0,
		    clk->tz_offset, ms);
	if (t < clk->bound)
		clk->bound = t;
	return t;
}

bool
diag_clock_before(const struct diag_clock *clk, double t)
{
	return clk->has_bound && clk->bound + DIAG_DISORDER_MS / 1000.0 <= t;
}
