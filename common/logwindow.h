/*
 * logwindow.h - reading the newest part of a log: the lines from where a
 * time window starts to the end of the file.
 *
 * The start is found by bisecting on the lines' stamps, so a check costs
 * the lines in its window and not the size of the file.  Lines may be out
 * of order by up to a slack (a server that stamps a request when it
 * starts but logs it when it ends): the region read starts at a line
 * stamped more than the slack before the window, and every line before
 * that one is then older than the window.  Lines before the window are
 * still handed to the callback: the caller sorts them by their stamps.
 * Nothing here knows a log format: the caller supplies the stamp parser.
 */
#ifndef CUC_LOGWINDOW_H
#define CUC_LOGWINDOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "logfile.h"

#define LOGWINDOW_CHUNK		(256UL * 1024)	/* read at a time */
#define LOGWINDOW_THREAD_MIN	(8UL * 1024 * 1024)	/* a region worth 2 threads */
#define LOGWINDOW_PIECE		(1024UL * 1024)	/* what a thread takes at a time */
#define LOGWINDOW_BISECT_MIN	(16UL * 1024)	/* bisecting stops below this */
#define LOGWINDOW_PROBE_LINES	64	/* stampless lines one probe skips */

/* A line's stamp in epoch seconds: 0, or -1 when it has none. */
typedef int (*logwindow_stamp_fn)(const char *line, size_t len, int64_t *t);

/*
 * The offset of a line start from which reading sees every line stamped
 * at or after ws, given lines out of order by at most slack seconds: a
 * line stamped before ws - slack, found by bisection.  0 when the data
 * starts inside the window or no stamp can be found near its start.
 */
size_t logwindow_start(const char *data, size_t len, int64_t ws,
    int64_t slack, logwindow_stamp_fn stamp);

/* What reading a region calls, with the context it was given. */
struct logwindow_ops {
	/* each line, without its end (LF, CRLF); blank lines too */
	void	(*line)(void *ctx, const char *line, size_t len);
	/* the lines handed so far are about to go away (may be NULL) */
	void	(*flush)(void *ctx);
	/*
	 * Or (when not NULL, instead of line) whole lines at once, with
	 * their ends: a caller that finds line ends as it parses saves a
	 * pass.  The last line of a block may lack its LF.
	 */
	void	(*block)(void *ctx, const char *data, size_t len);
};

/*
 * Hand the lines of [from, to) of lf to ops, in order.  A mapped file is
 * copied in chunks with pread rather than read through the mapping (on a
 * virtual machine the page faults and the unmapping of 1 GB cost more
 * than the copy); of a line longer than LOGWINDOW_CHUNK only the first
 * LOGWINDOW_CHUNK bytes are handed on (once).  A file
 * that shrinks under the reader ends the region early.
 */
void logwindow_read(const struct logfile *lf, size_t from, size_t to,
    const struct logwindow_ops *ops, void *ctx);

/* Whether logwindow_read_split would use a second thread from here. */
bool logwindow_splits(const struct logfile *lf, size_t from);

/*
 * Read [from, lf->len): when logwindow_splits(), by two threads that take
 * pieces of LOGWINDOW_PIECE bytes (cut at line starts) in turn, whichever
 * is free, the second thread's lines going to ctx2 and the others to ctx;
 * returns 1 and the caller merges ctx2 into ctx (which piece went where
 * depends on timing: the merge must not care).  Otherwise (a small region,
 * ctx2 NULL, no thread to be had) all goes to ctx in order and it
 * returns 0.
 */
int logwindow_read_split(const struct logfile *lf, size_t from,
    const struct logwindow_ops *ops, void *ctx, void *ctx2);

#endif
