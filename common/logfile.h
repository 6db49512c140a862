/*
 * logfile.h - reading log files by line, newest first, and ordering them.
 *
 * A regular file is mapped, not read: a check that walks back from the end
 * touches only the pages of the lines it looks at, so it costs the lines in
 * its window and not the size of the file.  Anything else (stdin, a pipe)
 * is read into memory up to a cap.
 */
#ifndef CUC_LOGFILE_H
#define CUC_LOGFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#define LOGFILE_STREAM_CAP	(256UL * 1024 * 1024)	/* most read from a pipe */

struct logfile {
	const char	*path;		/* as given ("-" for stdin) */
	const char	*data;
	size_t		 len;
	time_t		 mtime;		/* 0 for a stream */
	bool		 mapped;	/* data is an mmap, else malloc'd */
	bool		 truncated;	/* a stream longer than the cap: only its start */
	int		 fd;		/* a mapped file stays open (-1: none) */
};

/*
 * Copy up to len bytes at off of a mapped file into buf (pread on fd; for
 * a stream, from data).  A long sequential scan is cheaper this way than
 * through the mapping: no page faults, no page-table teardown, and the
 * bytes arrive in cache.  Returns the bytes copied (0 at the end), or -1.
 */
ssize_t logfile_pread(const struct logfile *, char *buf, size_t len,
    size_t off);

/*
 * Open path ("-": standard input) for reading.  Returns 0, or -1 with
 * "<path>: <strerror>" (or "is a directory", ...) in err.
 */
int logfile_open(struct logfile *, const char *path, char *err, size_t errlen);
void logfile_close(struct logfile *);

/* A cursor over the lines of a buffer; line ends (LF, CRLF) are not included. */
struct line_cursor {
	const char	*data;
	size_t		 len;
	size_t		 pos;	/* next line ends before pos (backwards) or starts at pos (forwards) */
};

void line_cursor_end(struct line_cursor *, const char *data, size_t len);	/* for line_prev */
void line_cursor_start(struct line_cursor *, const char *data, size_t len);	/* for line_next */

/* The previous (line_prev) or next (line_next) line; false when none is left. */
bool line_prev(struct line_cursor *, const char **line, size_t *len);
bool line_next(struct line_cursor *, const char **line, size_t *len);

/* How a list of log files is ordered: index 0 is the newest. */
enum logorder {
	LOGORDER_DATE_NAME,	/* yyyy_mm_dd in the name, else mtime (Jetty) */
	LOGORDER_NUMBER_NAME,	/* the last run of digits in the name (diag_CuMbxSync_00001234.uc) */
	LOGORDER_MTIME
};

struct loglist {
	char	**paths;	/* newest first */
	size_t	  count;
};

/*
 * Expand patterns (paths or glob(3) patterns; "-" kept as is) into a list
 * ordered newest first.  A pattern that matches nothing is kept as given so
 * that opening it reports the system's reason.  With `given` (the logs the
 * user named) every one must be there instead: a path (not "-") that cannot
 * be opened for reading or is a directory, or a glob that matches nothing,
 * fails with "<path>: <reason>" in err (for a glob, its directory's reason,
 * else "no file matches").  Files a glob finds are not opened here: one that
 * goes between the listing and its reading is rotation, which the plugins
 * tolerate.  Returns 0 or -1 (out of memory, or a log missing) with err set.
 */
int loglist_expand(struct loglist *, const char *const *patterns,
    size_t npatterns, enum logorder, bool given, char *err, size_t errlen);
void loglist_free(struct loglist *);

#endif
