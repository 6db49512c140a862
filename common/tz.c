/* tz.c - the CUC box's time zone: fixed, named or measured; see tz.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tz.h"

#define DAY_S	86400.0

void
tz_zone_fixed(struct tz_zone *z, int offset)
{
	memset(z, 0, sizeof(*z));
	z->kind = TZ_FIXED;
	z->offset = offset;
}

static bool
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '+' ||
	    c == '-' || c == '.';
}

/* A relative path of name characters, no empty, "." or ".." component. */
static const char *
name_problem(const char *name)
{
	const char *p, *comp;
	size_t len;

	if (name[0] == '\0')
		return "empty";
	if (strlen(name) > TZ_NAME_MAX)
		return "too long";
	if (name[0] == '/')
		return "an absolute path: give a name such as Europe/Dublin";
	for (p = name; *p != '\0'; p++)
		if (!name_char(*p))
			return "not a zone name such as Europe/Dublin";
	for (comp = name; ; comp = p + 1) {
		p = strchr(comp, '/');
		len = p != NULL ? (size_t)(p - comp) : strlen(comp);
		if (len == 0 || (len == 1 && comp[0] == '.') ||
		    (len == 2 && comp[0] == '.' && comp[1] == '.'))
			return "not a zone name such as Europe/Dublin";
		if (p == NULL)
			return NULL;
	}
}

int
tz_zone_named(struct tz_zone *z, const char *name, const char *tzdir,
    char *err, size_t errlen)
{
	char path[4096], magic[4];
	const char *why;
	ssize_t n;
	int fd;

	if ((why = name_problem(name)) != NULL) {
		snprintf(err, errlen, "--timezone: \"%s\": %s",
		    name, why);
		return -1;
	}
	if (tzdir == NULL || tzdir[0] == '\0')
		tzdir = TZ_DEFAULT_DIR;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", tzdir, name) >=
	    sizeof(path)) {
		snprintf(err, errlen, "--timezone: \"%s\" is too long", name);
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0) {
		snprintf(err, errlen, "--timezone: \"%s\": no such zone in %s "
		    "(%s)", name, tzdir, strerror(errno));
		return -1;
	}
	n = read(fd, magic, sizeof(magic));
	close(fd);
	if (n != (ssize_t)sizeof(magic) || memcmp(magic, "TZif", 4) != 0) {
		snprintf(err, errlen, "--timezone: \"%s\" is no zone: %s is "
		    "not a tz database zone file", name, path);
		return -1;
	}
	memset(z, 0, sizeof(*z));
	z->kind = TZ_NAMED;
	memcpy(z->name, name, strlen(name) + 1);
	return 0;
}

int
tz_select(const struct tz_zone *z)
{
	char env[TZ_NAME_MAX + 2];

	if (z->kind != TZ_NAMED)
		return 0;
	snprintf(env, sizeof(env), ":%s", z->name);
	if (setenv("TZ", env, 1) != 0)
		return -1;
	tzset();
	return 0;
}

/* floor(x) for |x| < 1e15 (and NaN out), else 0: no undefined cast. */
static int64_t
floor_i64(double x)
{
	int64_t k;

	if (!(x > -1e15 && x < 1e15))
		return 0;
	k = (int64_t)x;
	if ((double)k > x)
		k--;
	return k;
}

/* The second holding utc, kept inside time_t's range. */
static time_t
to_time(double utc)
{
	return (time_t)floor_i64(utc);
}

static bool
named_local(double utc, struct tm *tm)
{
	time_t t = to_time(utc);

	return localtime_r(&t, tm) != NULL;
}

int
tz_offset_at(const void *zone, double utc)
{
	const struct tz_zone *z = zone;
	struct tm tm;

	if (z->kind == TZ_FIXED)
		return z->offset;
	if (!named_local(utc, &tm))
		return 0;
	return (int)tm.tm_gmtoff;
}

void
tz_format_offset(int offset, char *buf, size_t size)
{
	int a = offset < 0 ? -offset : offset;

	if (a % 60 != 0)
		snprintf(buf, size, "%c%02d:%02d:%02d", offset < 0 ? '-' : '+',
		    a / 3600, a / 60 % 60, a % 60);
	else
		snprintf(buf, size, "%c%02d:%02d", offset < 0 ? '-' : '+',
		    a / 3600, a / 60 % 60);
}

void
tz_describe(const struct tz_zone *z, double utc, char *buf, size_t size)
{
	struct tm tm;
	char off[16];

	if (z->kind == TZ_FIXED || !named_local(utc, &tm)) {
		tz_format_offset(tz_offset_at(z, utc), buf, size);
		return;
	}
	tz_format_offset((int)tm.tm_gmtoff, off, sizeof(off));
	snprintf(buf, size, "%s %s", off, tm.tm_zone != NULL ? tm.tm_zone :
	    "");
}

bool
tz_abbr_at(const void *zone, double utc, char *buf, size_t size)
{
	const struct tz_zone *z = zone;
	struct tm tm;

	if (z->kind != TZ_NAMED || !named_local(utc, &tm) ||
	    tm.tm_zone == NULL || size == 0)
		return false;
	snprintf(buf, size, "%s", tm.tm_zone);
	return true;
}

/* x modulo m, in [0, m). */
static double
fmod_pos(double x, double m)
{
	double q = x / m;

	if (!(q > -1e15 && q < 1e15))
		return 0;
	return x - (double)floor_i64(q) * m;
}

int
tz_measure(long last_ms, double mtime, struct tz_measure *m)
{
	double diff, steps;
	int64_t k;
	int off;

	if (last_ms < 0 || last_ms >= 86400000L)
		last_ms = 0;
	/* The line's time of day minus the mtime's, in -12 h .. +12 h. */
	diff = fmod_pos((double)last_ms / 1000.0 - fmod_pos(mtime, DAY_S) +
	    DAY_S / 2, DAY_S) - DAY_S / 2;
	steps = diff / TZ_MEASURE_STEP;
	k = (int64_t)(steps < 0 ? steps - 0.5 : steps + 0.5);
	off = (int)k * TZ_MEASURE_STEP;
	m->residual = diff - off;
	if (off < TZ_MEASURE_MIN)
		off += 86400;
	else if (off >= TZ_MEASURE_MAX)
		off -= 86400;
	m->offset = off;
	return m->residual >= -TZ_RESIDUAL_BEFORE &&
	    m->residual <= TZ_RESIDUAL_AFTER ? 0 : -1;
}
