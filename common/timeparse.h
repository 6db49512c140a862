/*
 * timeparse.h - the time formats the plugins meet, all to UTC epoch seconds.
 *
 * No function here consults the TZ environment or the C library's time
 * zone: every stamp either carries its offset or is UTC by definition.
 * Times are doubles (seconds since the epoch, fractions kept to the
 * microsecond), ages are differences of them.
 */
#ifndef CUC_TIMEPARSE_H
#define CUC_TIMEPARSE_H

#include <stddef.h>
#include <stdint.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
int64_t days_from_civil(int64_t year, unsigned month, unsigned day);

/* Inverse of days_from_civil. */
void civil_from_days(int64_t days, int64_t *year, unsigned *month,
    unsigned *day);

/*
 * --now and other user-given times: "@<epoch>" (decimals allowed) or ISO
 * 8601 "2014-06-29T16:15:00Z", "2014-06-29T16:15:00.5+02:00",
 * "2014-06-29 16:15:00" (no zone: UTC).  Returns 0 or -1.
 */
int time_parse_user(const char *text, double *epoch);

/*
 * NCSA log stamp "29/Jun/2014:11:30:50" at s (len bytes available),
 * optionally followed by " +0000".  Sets *epoch (zone applied when present,
 * else UTC), *has_zone, and *used to the bytes consumed.  Returns 0 or -1.
 */
int time_parse_ncsa(const char *s, size_t len, double *epoch, int *has_zone,
    size_t *used);

/* A zone offset "+0000", "-0130", "+01:30", "Z": seconds east of UTC. */
int time_parse_zone(const char *s, size_t len, int *offset, size_t *used);

/*
 * SQL datetime "2014-06-29 16:00:45[.fff[fff]]" (UTC), exactly len bytes.
 * Returns 0 or -1.
 */
int time_parse_sql(const char *s, size_t len, double *epoch);

/* Time of day "HH:MM:SS[.mmm]" at s; milliseconds since midnight. */
int time_parse_tod(const char *s, size_t len, long *ms_of_day,
    size_t *used);

/* "2014-06-29 16:00:45Z" (UTC, whole seconds) into buf. */
void time_format_utc(double epoch, char *buf, size_t size);

/* The wall clock, epoch seconds. */
double wallclock_now(void);

#endif
