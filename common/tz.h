/*
 * tz.h - the CUC box's time zone: a fixed offset (--tz-offset), a zone of
 * the system's tz database (--timezone=Europe/Dublin, daylight saving
 * followed), or an offset measured from a log file's last line against
 * its modification time.
 *
 * CuMbxSync's diag lines carry the box's local time of day and no date,
 * no offset (shared/domain.md, section 4).  The offset is only ever
 * needed modulo a day: an offset and the same minus 24 h date every line
 * alike, so a measurement is normalised to TZ_MEASURE_MIN..TZ_MEASURE_MAX.
 */
#ifndef CUC_TZ_H
#define CUC_TZ_H

#include <stdbool.h>
#include <stddef.h>

#define TZ_NAME_MAX	255
#define TZ_DEFAULT_DIR	"/usr/share/zoneinfo"

enum tz_kind {
	TZ_FIXED,	/* one offset at every instant */
	TZ_NAMED	/* the C library's rules for the zone selected by tz_select */
};

struct tz_zone {
	enum tz_kind	 kind;
	int		 offset;	/* TZ_FIXED: seconds east of UTC */
	char		 name[TZ_NAME_MAX + 1];	/* TZ_NAMED */
};

void tz_zone_fixed(struct tz_zone *, int offset);

/*
 * A zone of the tz database: name must be a relative path of letters,
 * digits and "/_+-." with no "." or ".." component, naming a file under
 * tzdir (NULL or empty: TZ_DEFAULT_DIR) that starts with the "TZif" magic.
 * The C library falls back to UTC silently for a name it cannot load;
 * this refuses it instead.  Returns 0, or -1 with err naming the reason.
 */
int tz_zone_named(struct tz_zone *, const char *name, const char *tzdir,
    char *err, size_t errlen);

/*
 * Make a named zone the process's local time zone (TZ=":name", tzset):
 * once, while the options are read, before any tz_offset_at.  Returns 0
 * or -1 (setenv failed).  A fixed zone needs nothing.
 */
int tz_select(const struct tz_zone *);

/* Seconds east of UTC in force at the UTC epoch utc (zone: a struct tz_zone). */
int tz_offset_at(const void *zone, double utc);

/* "+05:30" (always a sign, minutes; seconds when there are any). */
void tz_format_offset(int offset, char *buf, size_t size);

/*
 * "+01:00 IST": the offset in force at utc and, for a named zone, its
 * abbreviation.
 */
void tz_describe(const struct tz_zone *, double utc, char *buf, size_t size);

/*
 * The abbreviation a named zone (zone: a struct tz_zone) gives utc ("IST",
 * "+0530" for zones tzdata names by number) into buf; false for a fixed
 * zone or none.
 */
bool tz_abbr_at(const void *zone, double utc, char *buf, size_t size);

/*
 * Measuring the offset.  The newest file's last line was written just
 * before the file's modification time: its time of day minus the mtime's
 * UTC time of day, to the nearest 15 minutes (every zone's offset is a
 * multiple of 15 minutes since 1979), is the offset in force.
 *
 * What is left over (the residual) is how long before the mtime the line
 * was stamped.  A line is never stamped after its own write, but mtimes
 * may come in whole seconds (so up to TZ_RESIDUAL_AFTER later), and
 * threads stamp lines up to a minute out of order (DIAG_DISORDER_MS) and
 * a buffered write may lag another: TZ_RESIDUAL_BEFORE.  Anything else is
 * an mtime that is not the time of the last write (a copy without -p):
 * the measurement fails rather than shift every date.
 */
#define TZ_MEASURE_STEP		900	/* seconds: offsets are multiples of 15 min */
#define TZ_MEASURE_MIN		(-10 * 3600)	/* the range offsets are given in: */
#define TZ_MEASURE_MAX		(14 * 3600)	/* Hawaii -10:00 .. Kiribati +14:00, exclusive */
#define TZ_RESIDUAL_BEFORE	120.0	/* s a last line may be stamped before the mtime */
#define TZ_RESIDUAL_AFTER	2.0	/* s after (whole-second mtimes, rounding) */

struct tz_measure {
	int	offset;		/* seconds east, TZ_MEASURE_MIN <= offset < TZ_MEASURE_MAX */
	double	residual;	/* s: the line's stamp minus (mtime + offset), mod 15 min */
};

/*
 * From the last line's time of day (ms since midnight, 0..86399999) and
 * the file's mtime (UTC epoch).  Returns 0 when the residual is within
 * -TZ_RESIDUAL_BEFORE..TZ_RESIDUAL_AFTER, else -1; m is filled in both.
 */
int tz_measure(long last_ms, double mtime, struct tz_measure *m);

#endif
