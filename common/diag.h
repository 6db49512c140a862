/*
 * diag.h - lines of Cisco Unity Connection's CuMbxSync diagnostic log
 * (diag_CuMbxSync_<8 digits>.uc), and the dates they do not carry.
 *
 * A line reads
 *	HH:MM:SS.mmm |<thread>,<context1>,<context2>,<Component>,<level>,<message>
 * context1 is usually the Exchange host and may be empty, context2 a GUID
 * or empty, there may be a stray space before the component, the level is
 * a number that can be -1, and the message may hold commas.
 *
 * The parser is pure: it takes bytes and points into them; it never reads
 * files, allocates or prints, so it is table-tested and fuzzed.
 */
#ifndef CUC_DIAG_H
#define CUC_DIAG_H

#include <stdbool.h>
#include <stddef.h>

/* One parsed line; the strings point into the line given (not terminated). */
struct diag_record {
	long		 ms;		/* milliseconds since midnight, 0..86399999 */
	const char	*thread;
	size_t		 thread_len;
	const char	*host;		/* context1, trimmed; may be empty */
	size_t		 host_len;
	const char	*context2;	/* trimmed; may be empty */
	size_t		 context2_len;
	const char	*component;	/* trimmed, never empty */
	size_t		 component_len;
	long		 level;
	const char	*message;	/* the rest of the line, commas included */
	size_t		 message_len;
};

/*
 * Parse one line (no line end).  Returns 0, or -1 with *why (if not NULL)
 * set to a static description of the first problem ("no time of day",
 * "no '|' after the time", "missing field", "bad level", ...).
 */
int diag_parse_line(const char *line, size_t len, struct diag_record *rec,
    const char **why);

/*
 * The date of each line.
 *
 * Lines carry only the time of day.  Walking newest first, every line is
 * dated at the latest moment with its time of day that is not later than
 * its bound, where the bound is the earliest of: the modification time of
 * the file it is in (which bounds the file's last line) and the times
 * already given to newer lines (in this file and in newer files).  So a
 * time of day later than the line after it means midnight passed, within
 * a file and between files alike, and a file written long after the one
 * before it is anchored by its own modification time.
 *
 * Threads stamp their lines a little out of order, and modification
 * times may come in whole seconds; a line up to DIAG_DISORDER_MS later
 * than its bound is taken as the same day rather than a day earlier.  The bound itself never moves later, so disorder
 * does not accumulate.
 *
 * Times are in the CUC box's clock: a fixed offset, `tz_offset` seconds
 * east of UTC (0: the log is in UTC), or a zone whose offset changes
 * (daylight saving), given as a function.  The epochs returned are UTC.
 *
 * With a zone, a line is dated under each offset in force within the day
 * before its bound (at most two: no zone changes twice within a day), and
 * the latest date whose offset is really in force at that instant wins:
 * so the hour repeated in autumn is read newest first and a line from
 * before the change keeps the old offset.  A time in the hour skipped in
 * spring (none is valid) is dated with the offset in force at the bound.
 * The clock keeps what it learnt of the zone (one change and the span
 * around it) so that a line costs no call to the zone function, a day of
 * log a single call, and a change about twenty.
 *
 * The state is a plain struct: no I/O, no clock.
 */
#define DIAG_DISORDER_MS	60000L

/* Seconds east of UTC in force at the UTC epoch utc. */
typedef int (*diag_offset_fn)(const void *zone, double utc);

struct diag_clock {
	double		 bound;		/* UTC epoch no older line can be later than (+ disorder) */
	bool		 has_bound;
	int		 tz_offset;	/* seconds east of UTC when offset_at is NULL */
	diag_offset_fn	 offset_at;	/* the zone's offset, or NULL: tz_offset */
	const void	*zone;
	/* What the clock learnt of the zone: `before` on [lo, change), `after` on [change, top]. */
	bool		 known;
	double		 lo, change, top;
	int		 before, after;
};

void diag_clock_init(struct diag_clock *, int tz_offset);

/*
 * Date with the zone's offsets from now on (offset_at(zone, t) must be a
 * pure function of t); NULL: the fixed tz_offset again.
 */
void diag_clock_zone(struct diag_clock *, diag_offset_fn offset_at,
    const void *zone);

/*
 * Enter the next (older) file, whose modification time is `mtime` (UTC
 * epoch); for a stream without one pass the time the reading started.
 */
void diag_clock_file(struct diag_clock *, double mtime);

/* The UTC epoch of the next older line, whose time of day is ms; moves the bound. */
double diag_clock_back(struct diag_clock *, long ms);

/*
 * True when no older line can lie after `t`: a reader walking back can
 * stop once this holds for the start of its window.
 */
bool diag_clock_before(const struct diag_clock *, double t);

#endif
