/*
 * zoneabbr.h - what the zone abbreviations of Java's Date.toString()
 * ("Wed May 16 02:11:27 IST 2018") stand for, and how a listing of such
 * dates is turned into UTC times when an abbreviation is ambiguous: IST
 * is +05:30 (India), +01:00 (Dublin's summer) or +02:00 (Israel), CST is
 * US Central or China, AST Atlantic or Arabia.
 *
 * The table (zoneabbr_data.c) is generated from the tz database and
 * Java's own names by tests/lab/gen_zoneabbr.py; see there.  Pure: no
 * I/O, no allocation.
 */
#ifndef CUC_ZONEABBR_H
#define CUC_ZONEABBR_H

#include <stdbool.h>
#include <stddef.h>

struct zoneabbr {
	const char	*abbr;
	short		 minutes;	/* east of UTC */
	short		 region;	/* zones sharing names and offsets */
};

extern const struct zoneabbr zoneabbr_table[];	/* sorted by abbr */
extern const unsigned zoneabbr_count;

#define ZONEABBR_SKEW		120.0	/* s a file may seem after CUC's Date */
#define ZONEABBR_MAX_AGE	1800.0	/* s: default plausibility bound */

/*
 * The rows of one abbreviation (n bytes at s): *first and *count.
 * Returns the number of distinct offsets among them (0: unknown).
 */
unsigned zoneabbr_find(const char *s, size_t n, const struct zoneabbr **first,
    size_t *count);

/* One listed date: in, the wall clock read as UTC and its zone text. */
struct zoneabbr_date {
	double		 wall;		/* epoch of the wall clock as if UTC */
	const char	*zone;		/* "IST", "GMT+05:30", "UTC" */
	const char	*name;		/* the file, for messages */
	double		 utc;		/* out */
	int		 minutes;	/* out: the offset used */
};

/*
 * Give every date its UTC time.  The rule:
 *  - "GMT+05:30", "UTC", "GMT" and abbreviations with a single offset need
 *    nothing more;
 *  - the newest date (largest wall clock) with an ambiguous abbreviation
 *    is read against CUC's own clock `now` (the HTTP Date of the same
 *    answer): each candidate offset gives an age now - utc.  Candidates
 *    making the file later than now + ZONEABBR_SKEW are out; of the rest
 *    the smallest age wins (a smaller offset gives a later time, so this
 *    is the smallest offset that fits), unless a second candidate also
 *    gives an age within max_age: then the dates do not say which, and
 *    that is an error, never a guess;
 *  - every other ambiguous date takes the offset its abbreviation has in
 *    the newest date's region (GMT/IST in Dublin, CST/CDT in Chicago),
 *    else the candidate closest to the newest date's offset.
 * has_now false: no Date, so an ambiguous newest date is an error.
 * max_age <= 0 means ZONEABBR_MAX_AGE.  Returns 0, or -1 with err
 * ("modifiedDate zone IST fits +01:00 and +02:00: ...").
 */
int zoneabbr_resolve(struct zoneabbr_date *d, size_t n, double now,
    bool has_now, double max_age, char *err, size_t errlen);

/*
 * The same, with how the newest date's zone was read into note (for -v:
 * "IST read as +01:00: the freshest reading against CUC's Date (...)").
 */
int zoneabbr_resolve_noted(struct zoneabbr_date *d, size_t n, double now,
    bool has_now, double max_age, char *note, size_t notelen, char *err,
    size_t errlen);

/*
 * The box's zone, when the plugin was told it (--timezone, --tz-offset):
 * then every date is read in it and the abbreviation only has to agree.
 */
struct zoneabbr_known {
	const void	*zone;
	int		(*offset_at)(const void *zone, double utc); /* s east */
	/* Its abbreviation at utc into buf; false: none.  May be NULL. */
	bool		(*abbr_at)(const void *zone, double utc, char *buf,
			    size_t size);
	const char	*label;		/* "--timezone Asia/Jerusalem" */
};

/*
 * Every date read in k's zone: wall clock W is the UTC time W - o where o
 * is the offset in force at W - o.  The listed zone must allow o (an
 * abbreviation of the table with that offset, the same fixed offset, or
 * an abbreviation we do not know): else an error naming both.  A wall
 * clock the zone skips (spring forward) is an error too.  In the repeated
 * autumn hour the reading whose offset the abbreviation allows wins, then
 * the one whose abbreviation the zone gives, then the later one.
 * Returns 0, or -1 with err; note as above.
 */
int zoneabbr_resolve_known(struct zoneabbr_date *d, size_t n,
    const struct zoneabbr_known *k, char *note, size_t notelen, char *err,
    size_t errlen);

#endif
