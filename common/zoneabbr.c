/*
 * zoneabbr.c - zone abbreviations to offsets, and the rule that reads a
 * listing of Java dates in UTC (zoneabbr.h).
 */
#include <stdio.h>
#include <string.h>

#include "timeparse.h"
#include "zoneabbr.h"

#define OFFSETS_MAX	16	/* distinct offsets of one abbreviation */

static int
abbr_cmp(const char *a, const char *s, size_t n)
{
	int c = strncmp(a, s, n);

	if (c != 0)
		return c;
	return a[n] != '\0';
}

unsigned
zoneabbr_find(const char *s, size_t n, const struct zoneabbr **first,
    size_t *count)
{
	size_t lo = 0, hi = zoneabbr_count, mid, i, k;
	int seen[OFFSETS_MAX];
	unsigned distinct = 0;

	*first = NULL;
	*count = 0;
	if (n == 0 || n > 8)
		return 0;
	while (lo < hi) {	/* the first row not below s */
		mid = lo + (hi - lo) / 2;
		if (abbr_cmp(zoneabbr_table[mid].abbr, s, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < zoneabbr_count &&
	    abbr_cmp(zoneabbr_table[i].abbr, s, n) == 0; i++) {
		for (k = 0; k < distinct; k++)
			if (seen[k] == zoneabbr_table[i].minutes)
				break;
		if (k == distinct && distinct < OFFSETS_MAX)
			seen[distinct++] = zoneabbr_table[i].minutes;
	}
	if (i > lo) {
		*first = &zoneabbr_table[lo];
		*count = i - lo;
	}
	return distinct;
}

/* "GMT+05:30", "UTC-3", "GMT", "UTC": a fixed offset in minutes. */
static bool
fixed_zone(const char *z, int *minutes)
{
	size_t n = strlen(z), used;
	int off;

	if (n < 3 || (memcmp(z, "GMT", 3) != 0 && memcmp(z, "UTC", 3) != 0))
		return false;
	if (n == 3) {
		*minutes = 0;
		return true;
	}
	if (time_parse_zone(z + 3, n - 3, &off, &used) != 0 || used != n - 3)
		return false;
	*minutes = off / 60;
	return true;
}

static void
fmt_offset(char *buf, size_t size, int minutes)
{
	int a = minutes < 0 ? -minutes : minutes;

	snprintf(buf, size, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60,
	    a % 60);
}

/* The candidates of d's zone, fixed ones as a single row. */
static int
candidates(const struct zoneabbr_date *d, const struct zoneabbr **rows,
    size_t *nrows, int *fixed, char *err, size_t errlen)
{
	*rows = NULL;
	*nrows = 0;
	if (fixed_zone(d->zone, fixed))
		return 1;
	if (zoneabbr_find(d->zone, strlen(d->zone), rows, nrows) == 0) {
		snprintf(err, errlen, "%s: modifiedDate zone '%.12s' is not "
		    "one we know (no offset for it)", d->name, d->zone);
		return -1;
	}
	return 0;
}

/* The distinct offsets of rows (at most OFFSETS_MAX), ascending. */
static size_t
offsets_of(const struct zoneabbr *rows, size_t nrows, int *out)
{
	size_t i, k, n = 0;
	int t;

	for (i = 0; i < nrows; i++) {
		for (k = 0; k < n && out[k] != rows[i].minutes; k++)
			;
		if (k == n && n < OFFSETS_MAX)
			out[n++] = rows[i].minutes;
	}
	for (i = 1; i < n; i++)	/* insertion sort: a handful */
		for (k = i; k > 0 && out[k - 1] > out[k]; k--) {
			t = out[k];
			out[k] = out[k - 1];
			out[k - 1] = t;
		}
	return n;
}

/* List the offsets "+01:00, +02:00 and +05:30" into buf. */
static void
list_offsets(char *buf, size_t size, const int *off, size_t n)
{
	char one[16];
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n && len < size; i++) {
		fmt_offset(one, sizeof(one), off[i]);
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i == 0 ? "" : i + 1 == n ? " and " : ", ", one);
	}
}

/* The newest date: its offset, by CUC's clock when ambiguous. */
static int
resolve_anchor(const struct zoneabbr_date *d, const int *off, size_t n,
    double now, bool has_now, double max_age, int *chosen, char *err,
    size_t errlen)
{
	char list[160], a[16], b[16];
	size_t i, best = n, second = n;
	double age;

	if (n == 1) {
		*chosen = off[0];
		return 0;
	}
	list_offsets(list, sizeof(list), off, n);
	if (!has_now) {
		snprintf(err, errlen, "modifiedDate zone %s fits %s, and CUC "
		    "sent no Date header to choose (%s)", d->zone, list,
		    d->name);
		return -1;
	}
	/* Offsets ascend, so ages do: the first that fits is the youngest. */
	for (i = 0; i < n; i++) {
		age = now - (d->wall - off[i] * 60.0);
		if (age < -ZONEABBR_SKEW)
			continue;
		if (best == n)
			best = i;
		else if (second == n)
			second = i;
	}
	if (best == n) {
		snprintf(err, errlen, "modifiedDate of %s (zone %s: %s) is "
		    "after CUC's own clock whatever the offset", d->name,
		    d->zone, list);
		return -1;
	}
	if (second != n && now - (d->wall - off[second] * 60.0) <= max_age) {
		fmt_offset(a, sizeof(a), off[best]);
		fmt_offset(b, sizeof(b), off[second]);
		snprintf(err, errlen, "modifiedDate zone %s fits %s and %s: "
		    "%s is %.0f s or %.0f s old by CUC's clock; give "
		    "--timezone", d->zone, a, b, d->name,
		    now - (d->wall - off[best] * 60.0),
		    now - (d->wall - off[second] * 60.0));
		return -1;
	}
	*chosen = off[best];
	return 0;
}

/* Is region r among the anchor's rows with offset `chosen`? */
static bool
in_regions(int r, const struct zoneabbr *arows, size_t an, int chosen)
{
	size_t i;

	for (i = 0; i < an; i++)
		if (arows[i].minutes == chosen && arows[i].region == r)
			return true;
	return false;
}

/* An older date: its abbreviation in the anchor's region, else closest. */
static int
resolve_other(struct zoneabbr_date *d, const struct zoneabbr *rows,
    size_t nrows, const struct zoneabbr *arows, size_t an, int chosen,
    char *err, size_t errlen)
{
	int off[OFFSETS_MAX], pick = 0, dist, bestd = -1;
	size_t i, n = 0, k;
	bool tie = false;

	for (i = 0; i < nrows; i++) {
		if (!in_regions(rows[i].region, arows, an, chosen))
			continue;
		for (k = 0; k < n && off[k] != rows[i].minutes; k++)
			;
		if (k == n && n < OFFSETS_MAX)
			off[n++] = rows[i].minutes;
	}
	if (n == 1) {
		d->minutes = off[0];
		return 0;
	}
	n = offsets_of(rows, nrows, off);
	for (i = 0; i < n; i++) {
		dist = off[i] > chosen ? off[i] - chosen : chosen - off[i];
		if (bestd < 0 || dist < bestd) {
			bestd = dist;
			pick = off[i];
			tie = false;
		} else if (dist == bestd)
			tie = true;
	}
	if (tie) {
		snprintf(err, errlen, "modifiedDate zone %s of %s: two "
		    "offsets equally close to the newest file's", d->zone,
		    d->name);
		return -1;
	}
	d->minutes = pick;
	return 0;
}

int
zoneabbr_resolve(struct zoneabbr_date *d, size_t n, double now,
    bool has_now, double max_age, char *err, size_t errlen)
{
	const struct zoneabbr *arows, *rows;
	size_t an, nr, i, newest = 0;
	int off[OFFSETS_MAX], fixed, chosen, rc;
	size_t noff;

	if (n == 0)
		return 0;
	if (max_age <= 0)
		max_age = ZONEABBR_MAX_AGE;
	for (i = 1; i < n; i++)
		if (d[i].wall > d[newest].wall)
			newest = i;
	if ((rc = candidates(&d[newest], &arows, &an, &fixed, err,
	    errlen)) < 0)
		return -1;
	if (rc == 1)
		chosen = fixed;
	else {
		noff = offsets_of(arows, an, off);
		if (resolve_anchor(&d[newest], off, noff, now, has_now,
		    max_age, &chosen, err, errlen) != 0)
			return -1;
	}
	for (i = 0; i < n; i++) {
		if (i == newest)
			d[i].minutes = chosen;
		else if ((rc = candidates(&d[i], &rows, &nr, &fixed, err,
		    errlen)) < 0)
			return -1;
		else if (rc == 1)
			d[i].minutes = fixed;
		else if (offsets_of(rows, nr, off) == 1)
			d[i].minutes = off[0];
		else if (resolve_other(&d[i], rows, nr, arows, an, chosen,
		    err, errlen) != 0)
			return -1;
		d[i].utc = d[i].wall - d[i].minutes * 60.0;
	}
	return 0;
}
