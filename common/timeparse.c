/*
 * timeparse.c - time stamps to UTC epoch seconds; see timeparse.h.
 *
 * Calendar arithmetic is done here (Howard Hinnant's days_from_civil)
 * rather than with mktime/timegm: mktime follows TZ, timegm is not
 * standard, and both fail quietly on dates the plugins must reject.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "numfmt.h"
#include "timeparse.h"

#define SECS_PER_DAY	86400

/* Proleptic Gregorian calendar; era = 400 years = 146097 days. */
int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;				/* [0, 399] */
	doy = (153 * (m > 2 ? (int64_t)m - 3 : (int64_t)m + 9) + 2) / 5 +
	    (int64_t)d - 1;				/* [0, 365] */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* [0, 146096] */
	return era * 146097 + doe - 719468;
}

void
civil_from_days(int64_t z, int64_t *year, unsigned *month, unsigned *day)
{
	int64_t era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*month = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*year = y + (*month <= 2);
}

static bool
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned
days_in_month(int64_t y, unsigned m)
{
	static const unsigned char mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : mdays[m - 1];
}

/* Exactly n decimal digits at s[0..n) (bounds checked by the caller). */
static int
digits(const char *s, size_t n, long *out)
{
	long v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/*
 * A fraction's digits at s (up to len bytes, at least 1 and at most max
 * digits, more digits are refused): the value, and the count in *used.
 */
static int
fraction(const char *s, size_t len, size_t max, double *out, size_t *used)
{
	size_t n = 0;
	double scale = 1, v = 0;

	while (n < len && s[n] >= '0' && s[n] <= '9') {
		if (n == max)
			return -1;
		v = v * 10 + (s[n] - '0');
		scale *= 10;
		n++;
	}
	if (n == 0)
		return -1;
	*out = v / scale;
	*used = n;
	return 0;
}

/* Check a civil date and time, then give its epoch (UTC) in *out. */
static int
civil_epoch(long y, long mo, long d, long h, long mi, long s, double *out)
{
	if (mo < 1 || mo > 12 || d < 1 ||
	    d > (long)days_in_month(y, (unsigned)mo) ||
	    h > 23 || mi > 59 || s > 60 || h < 0 || mi < 0 || s < 0)
		return -1;
	*out = (double)(days_from_civil(y, (unsigned)mo, (unsigned)d) *
	    SECS_PER_DAY + h * 3600 + mi * 60 + s);
	return 0;
}

int
time_parse_zone(const char *s, size_t len, int *offset, size_t *used)
{
	long hh, mm;
	size_t n;

	if (len >= 1 && s[0] == 'Z') {
		*offset = 0;
		if (used != NULL)
			*used = 1;
		return 0;
	}
	if (len < 5 || (s[0] != '+' && s[0] != '-'))
		return -1;
	if (len >= 6 && s[3] == ':') {
		if (digits(s + 1, 2, &hh) != 0 || digits(s + 4, 2, &mm) != 0)
			return -1;
		n = 6;
	} else {
		if (digits(s + 1, 2, &hh) != 0 || digits(s + 3, 2, &mm) != 0)
			return -1;
		n = 5;
	}
	if (hh > 23 || mm > 59)
		return -1;
	*offset = (int)((hh * 3600 + mm * 60) * (s[0] == '-' ? -1 : 1));
	if (used != NULL)
		*used = n;
	return 0;
}

int
time_parse_ncsa(const char *s, size_t len, double *epoch, int *has_zone,
    size_t *used)
{
	static const char months[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};
	long d, mo, y, h, mi, sec;
	size_t zused, n = 20;
	double t;
	int off = 0, zone = 0;

	/* 29/Jun/2014:11:30:50 */
	if (len < 20 || s[2] != '/' || s[6] != '/' || s[11] != ':' ||
	    s[14] != ':' || s[17] != ':')
		return -1;
	if (digits(s, 2, &d) != 0 || digits(s + 7, 4, &y) != 0 ||
	    digits(s + 12, 2, &h) != 0 || digits(s + 15, 2, &mi) != 0 ||
	    digits(s + 18, 2, &sec) != 0)
		return -1;
	for (mo = 0; mo < 12; mo++)
		if (memcmp(s + 3, months[mo], 3) == 0)
			break;
	if (mo == 12 || civil_epoch(y, mo + 1, d, h, mi, sec, &t) != 0)
		return -1;
	/* " +0000": only a signed offset; anything else is left to the caller. */
	if (len > 21 && s[20] == ' ' && (s[21] == '+' || s[21] == '-') &&
	    time_parse_zone(s + 21, len - 21, &off, &zused) == 0) {
		zone = 1;
		n = 21 + zused;
	}
	*epoch = t - off;
	if (has_zone != NULL)
		*has_zone = zone;
	if (used != NULL)
		*used = n;
	return 0;
}

int
time_parse_sql(const char *s, size_t len, double *epoch)
{
	long y, mo, d, h, mi, sec;
	double t, frac = 0;
	size_t fused = 0;

	/* 2014-06-29 16:00:45[.fff[fff]] */
	if (len < 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' ||
	    s[13] != ':' || s[16] != ':')
		return -1;
	if (digits(s, 4, &y) != 0 || digits(s + 5, 2, &mo) != 0 ||
	    digits(s + 8, 2, &d) != 0 || digits(s + 11, 2, &h) != 0 ||
	    digits(s + 14, 2, &mi) != 0 || digits(s + 17, 2, &sec) != 0)
		return -1;
	if (len > 19) {
		if (s[19] != '.' ||
		    fraction(s + 20, len - 20, 6, &frac, &fused) != 0 ||
		    20 + fused != len)
			return -1;
	}
	if (civil_epoch(y, mo, d, h, mi, sec, &t) != 0)
		return -1;
	*epoch = t + frac;
	return 0;
}

int
time_parse_tod(const char *s, size_t len, long *ms_of_day, size_t *used)
{
	long h, mi, sec, ms;
	double frac = 0;
	size_t n = 8, fused;

	/* HH:MM:SS[.mmm] */
	if (len < 8 || s[2] != ':' || s[5] != ':' ||
	    digits(s, 2, &h) != 0 || digits(s + 3, 2, &mi) != 0 ||
	    digits(s + 6, 2, &sec) != 0)
		return -1;
	if (h > 23 || mi > 59 || sec > 60)
		return -1;
	/*
	 * Milliseconds, the usual fraction (a diag line's): the same value
	 * as the general case below gives, without floating point.
	 */
	if (len >= 12 && s[8] == '.' && digits(s + 9, 3, &ms) == 0 &&
	    (len == 12 || s[12] < '0' || s[12] > '9')) {
		*ms_of_day = (h * 3600 + mi * 60 + sec) * 1000 + ms;
		if (used != NULL)
			*used = 12;
		return 0;
	}
	/* A '.' not followed by a digit is not part of the time. */
	if (len > 9 && s[8] == '.' &&
	    fraction(s + 9, len - 9, 6, &frac, &fused) == 0)
		n = 9 + fused;
	*ms_of_day = (h * 3600 + mi * 60 + sec) * 1000 +
	    (long)(frac * 1000 + 1e-7);
	if (used != NULL)
		*used = n;
	return 0;
}

/*
 * ISO 8601 as users type it: date, 'T' or a space, HH:MM[:SS[.f]], then
 * Z, +hh:mm, +hhmm or nothing (UTC).  The date alone is refused: "now"
 * given to a second matters for ages.
 */
static int
time_parse_iso(const char *s, double *epoch)
{
	size_t len = strlen(s), n, fused;
	long y, mo, d, h, mi, sec = 0;
	double t, frac = 0;
	int off = 0;

	if (len < 16 || s[4] != '-' || s[7] != '-' ||
	    (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':')
		return -1;
	if (digits(s, 4, &y) != 0 || digits(s + 5, 2, &mo) != 0 ||
	    digits(s + 8, 2, &d) != 0 || digits(s + 11, 2, &h) != 0 ||
	    digits(s + 14, 2, &mi) != 0)
		return -1;
	n = 16;
	if (n < len && s[n] == ':') {
		if (len < 19 || digits(s + 17, 2, &sec) != 0)
			return -1;
		n = 19;
		if (n < len && (s[n] == '.' || s[n] == ',')) {
			if (fraction(s + n + 1, len - n - 1, 9, &frac,
			    &fused) != 0)
				return -1;
			n += 1 + fused;
		}
	}
	if (n < len) {
		if (s[n] == 'z') {
			n++;
		} else {
			if (time_parse_zone(s + n, len - n, &off, &fused) != 0)
				return -1;
			n += fused;
		}
	}
	if (n != len || civil_epoch(y, mo, d, h, mi, sec, &t) != 0)
		return -1;
	*epoch = t + frac - off;
	return 0;
}

int
time_parse_user(const char *text, double *epoch)
{
	double v;

	if (text == NULL)
		return -1;
	if (text[0] == '@') {
		if (numparse(text + 1, &v) != 0)
			return -1;
		*epoch = v;
		return 0;
	}
	return time_parse_iso(text, epoch);
}

void
time_format_utc(double epoch, char *buf, size_t size)
{
	int64_t secs, days, rem, year;
	unsigned month, day;

	if (size == 0)
		return;
	/* Years 0000..9999 only: the format has four digits for them. */
	if (!(epoch >= -62167219200.0 && epoch < 253402300800.0)) {
		snprintf(buf, size, "(time out of range)");
		return;
	}
	secs = (int64_t)epoch;
	if ((double)secs > epoch)
		secs--;			/* floor for times before 1970 */
	days = secs / SECS_PER_DAY;
	rem = secs % SECS_PER_DAY;
	if (rem < 0) {
		rem += SECS_PER_DAY;
		days--;
	}
	civil_from_days(days, &year, &month, &day);
	snprintf(buf, size, "%04lld-%02u-%02u %02d:%02d:%02dZ",
	    (long long)year, month, day, (int)(rem / 3600),
	    (int)(rem / 60 % 60), (int)(rem % 60));
}

double
wallclock_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return (double)time(NULL);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
