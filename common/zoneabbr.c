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

/* "4.5 h", "1 h", "30 min" for a difference of minutes. */
static void
fmt_span(char *buf, size_t size, int minutes)
{
	if (minutes < 0)
		minutes = -minutes;
	if (minutes < 60)
		snprintf(buf, size, "%d min", minutes);
	else
		snprintf(buf, size, "%g h", minutes / 60.0);
}

/* -v: how the newest date's zone was read. */
static void
note_anchor(char *note, size_t size, const struct zoneabbr_date *d,
    const int *off, size_t n, int chosen, bool fixed)
{
	char a[16], olist[120], slist[120], one[24];
	size_t i, ol = 0, sl = 0, older = 0;

	if (note == NULL || size == 0)
		return;
	fmt_offset(a, sizeof(a), chosen);
	if (fixed || n <= 1) {
		snprintf(note, size, "%s: %s, %s", d->zone, fixed ? "fixed" :
		    "one offset", a);
		return;
	}
	olist[0] = slist[0] = '\0';
	for (i = 0; i < n; i++) {
		if (off[i] <= chosen)
			continue;
		fmt_offset(one, sizeof(one), off[i]);
		ol += (size_t)snprintf(olist + ol, ol < sizeof(olist) ?
		    sizeof(olist) - ol : 0, "%s%s", older ? ", " : "", one);
		fmt_span(one, sizeof(one), off[i] - chosen);
		if (sl < sizeof(slist))
			sl += (size_t)snprintf(slist + sl, sizeof(slist) - sl,
			    "%s%s", older ? ", " : "", one);
		older++;
	}
	if (older == 0)
		snprintf(note, size, "%s read as %s: the only reading not "
		    "after CUC's Date (give --timezone to be sure)", d->zone,
		    a);
	else
		snprintf(note, size, "%s read as %s: the freshest reading "
		    "against CUC's Date (%s would make %s %s older; give "
		    "--timezone to be sure)", d->zone, a, olist, d->name,
		    slist);
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
	return zoneabbr_resolve_noted(d, n, now, has_now, max_age, NULL, 0,
	    err, errlen);
}

int
zoneabbr_resolve_noted(struct zoneabbr_date *d, size_t n, double now,
    bool has_now, double max_age, char *note, size_t notelen, char *err,
    size_t errlen)
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
	if (rc == 1) {
		chosen = fixed;
		note_anchor(note, notelen, &d[newest], NULL, 0, chosen, true);
	} else {
		noff = offsets_of(arows, an, off);
		if (resolve_anchor(&d[newest], off, noff, now, has_now,
		    max_age, &chosen, err, errlen) != 0)
			return -1;
		note_anchor(note, notelen, &d[newest], off, noff, chosen,
		    false);
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

/* --- the box's zone given ------------------------------------------------ */

/* The offsets (minutes) the listed zone allows; 0: any (unknown to us). */
static size_t
allowed_offsets(const char *zone, int *out)
{
	const struct zoneabbr *rows;
	size_t nrows;
	int fixed;

	if (fixed_zone(zone, &fixed)) {
		out[0] = fixed;
		return 1;
	}
	if (zoneabbr_find(zone, strlen(zone), &rows, &nrows) == 0)
		return 0;
	return offsets_of(rows, nrows, out);
}

static bool
has_offset(const int *off, size_t n, int minutes)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (off[i] == minutes)
			return true;
	return false;
}

/* Add seconds o to the set (at most OFFSETS_MAX). */
static void
add_offset(int *set, size_t *n, int o)
{
	if (!has_offset(set, *n, o) && *n < OFFSETS_MAX)
		set[(*n)++] = o;
}

/*
 * The readings of wall clock w in k's zone: the offsets o (seconds) in
 * force at w - o.  Offsets lie within -14 h..+14 h, so the ones in force
 * over w +- 15 h are all the candidates: the same at both ends and the
 * middle is the common case, else every hour is looked at.
 */
static size_t
readings(double w, const struct zoneabbr_known *k, int *sol)
{
	int set[OFFSETS_MAX], a, b, c;
	size_t n = 0, i, ns = 0;
	int h;

	a = k->offset_at(k->zone, w - 15 * 3600.0);
	b = k->offset_at(k->zone, w);
	c = k->offset_at(k->zone, w + 15 * 3600.0);
	add_offset(set, &n, b);
	if (a != b || c != b)
		for (h = -15; h <= 15; h++)
			add_offset(set, &n, k->offset_at(k->zone,
			    w + h * 3600.0));
	for (i = 0; i < n && ns < 2; i++)
		if (k->offset_at(k->zone, w - set[i]) == set[i])
			sol[ns++] = set[i];
	if (ns == 2 && sol[0] > sol[1]) {	/* the later reading first */
		a = sol[0];
		sol[0] = sol[1];
		sol[1] = a;
	}
	return ns;
}

/* Does k's zone call utc by the listed abbreviation? */
static bool
abbr_matches(const struct zoneabbr_known *k, double utc, const char *zone)
{
	char buf[32];

	return k->abbr_at != NULL && k->abbr_at(k->zone, utc, buf,
	    sizeof(buf)) && strcmp(buf, zone) == 0;
}

/* One date in k's zone; *repeated: it fell in the repeated hour. */
static int
known_one(struct zoneabbr_date *d, const struct zoneabbr_known *k,
    bool *repeated, char *err, size_t errlen)
{
	int sol[2], fit[2], allowed[OFFSETS_MAX], o;
	char list[160], a[16];
	size_t ns, nallowed, nfit = 0, i;

	*repeated = false;
	nallowed = allowed_offsets(d->zone, allowed);
	if ((ns = readings(d->wall, k, sol)) == 0) {
		snprintf(err, errlen, "modifiedDate of %s (zone %s) is a wall "
		    "clock %s skips (a daylight-saving gap): is that the box's "
		    "zone?", d->name, d->zone, k->label);
		return -1;
	}
	for (i = 0; i < ns; i++)
		if (nallowed == 0 || has_offset(allowed, nallowed,
		    sol[i] / 60))
			fit[nfit++] = sol[i];
	if (nfit == 0) {
		list_offsets(list, sizeof(list), allowed, nallowed);
		fmt_offset(a, sizeof(a), sol[0] / 60);
		snprintf(err, errlen, "modifiedDate zone %s of %s (%s) "
		    "contradicts %s (%s there): which is the box's zone?",
		    d->zone, d->name, list, k->label, a);
		return -1;
	}
	o = fit[0];
	if (nfit == 2) {
		/*
		 * The repeated autumn hour, and the abbreviation allows both
		 * readings (or is unknown to us): the one the zone itself
		 * calls by that abbreviation, else the later reading (the
		 * smaller offset), as a clock just past the change would be.
		 */
		*repeated = true;
		if (!abbr_matches(k, d->wall - fit[0], d->zone) &&
		    abbr_matches(k, d->wall - fit[1], d->zone))
			o = fit[1];
	} else if (ns == 2)
		*repeated = true;
	d->minutes = o / 60;
	d->utc = d->wall - o;
	return 0;
}

int
zoneabbr_resolve_known(struct zoneabbr_date *d, size_t n,
    const struct zoneabbr_known *k, char *note, size_t notelen, char *err,
    size_t errlen)
{
	size_t i, newest = 0;
	bool repeated, newest_repeated = false;
	char a[16];

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (d[i].wall > d[newest].wall)
			newest = i;
		if (known_one(&d[i], k, &repeated, err, errlen) != 0)
			return -1;
		if (i == newest)
			newest_repeated = repeated;
	}
	if (note != NULL && notelen > 0) {
		fmt_offset(a, sizeof(a), d[newest].minutes);
		snprintf(note, notelen, "%s read in %s: %s%s", d[newest].zone,
		    k->label, a, newest_repeated ? " (the repeated hour: "
		    "the reading the abbreviation names, else the later)" :
		    "");
	}
	return 0;
}
