/*
 * logwindow.c - the lines of a log from where a time window starts
 * (logwindow.h).
 */
#define _GNU_SOURCE	/* memrchr */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "logwindow.h"

/*
 * The first line at or after off (a line start, or inside a line: then
 * the next one) whose stamp parses, within LOGWINDOW_PROBE_LINES lines.
 */
static bool
probe_line(const char *data, size_t len, size_t off, logwindow_stamp_fn stamp,
    size_t *start, int64_t *t)
{
	const char *nl;
	size_t e;
	int k;

	if (off > 0) {
		if ((nl = memchr(data + off - 1, '\n', len - off + 1)) == NULL)
			return false;
		off = (size_t)(nl - data) + 1;
	}
	for (k = 0; k < LOGWINDOW_PROBE_LINES && off < len; k++) {
		nl = memchr(data + off, '\n', len - off);
		e = nl != NULL ? (size_t)(nl - data) : len;
		if (stamp(data + off, e - off, t) == 0) {
			*start = off;
			return true;
		}
		off = e + 1;
	}
	return false;
}

/*
 * Stamps may go back by up to slack, so every line before a line stamped
 * before limit is older than the window even if the probes hit lines out
 * of order.
 */
size_t
logwindow_start(const char *data, size_t len, int64_t ws, int64_t slack,
    logwindow_stamp_fn stamp)
{
	int64_t limit = ws - slack, t;
	size_t lo, hi, mid, s;

	if (!probe_line(data, len, 0, stamp, &s, &t) || t >= limit)
		return 0;
	lo = s;
	hi = len;
	while (hi - lo > LOGWINDOW_BISECT_MIN) {
		mid = lo + (hi - lo) / 2;
		if (probe_line(data, len, mid, stamp, &s, &t) && s < hi &&
		    t < limit)
			lo = s;
		else
			hi = mid;
	}
	return lo;
}

static void
read_lines(const char *data, size_t len, const struct logwindow_ops *ops,
    void *ctx)
{
	struct line_cursor c;
	const char *line;
	size_t n;

	line_cursor_start(&c, data, len);
	while (line_next(&c, &line, &n))
		ops->line(ctx, line, n);
}

static void
flush(const struct logwindow_ops *ops, void *ctx)
{
	if (ops->flush != NULL)
		ops->flush(ctx);
}

void
logwindow_read(const struct logfile *lf, size_t from, size_t to,
    const struct logwindow_ops *ops, void *ctx)
{
	char *buf;
	const char *nl;
	size_t carry = 0, have, used, start;
	ssize_t n;
	bool skip = false;	/* in the rest of a line longer than a chunk */

	if (lf->fd == -1 || (buf = malloc(LOGWINDOW_CHUNK)) == NULL) {
		read_lines(lf->data + from, to - from, ops, ctx);
		flush(ops, ctx);
		return;
	}
	while (from < to) {
		n = logfile_pread(lf, buf + carry, LOGWINDOW_CHUNK - carry <
		    to - from ? LOGWINDOW_CHUNK - carry : to - from, from);
		if (n <= 0)
			break;	/* truncated under us: what was read counts */
		from += (size_t)n;
		have = carry + (size_t)n;
		start = 0;
		if (skip) {
			if ((nl = memchr(buf, '\n', have)) == NULL) {
				carry = 0;
				continue;
			}
			start = (size_t)(nl - buf) + 1;
			skip = false;
		}
		if ((nl = memrchr(buf + start, '\n', have - start)) != NULL)
			used = (size_t)(nl - buf) + 1;
		else if (start == 0 && have == LOGWINDOW_CHUNK) {
			/* a huge line: its first chunk is the line, once */
			used = have;
			skip = true;
		} else
			used = start;
		read_lines(buf + start, used - start, ops, ctx);
		flush(ops, ctx);	/* before buf changes */
		carry = have - used;
		memmove(buf, buf + used, carry);
	}
	if (!skip)
		read_lines(buf, carry, ops, ctx);	/* a last line without LF */
	flush(ops, ctx);
	free(buf);
}

bool
logwindow_splits(const struct logfile *lf, size_t from)
{
	return from <= lf->len && lf->len - from >= LOGWINDOW_THREAD_MIN;
}

struct half {
	const struct logfile		*lf;
	size_t				 from;
	size_t				 to;
	const struct logwindow_ops	*ops;
	void				*ctx;
};

static void *
half_thread(void *arg)
{
	struct half *h = arg;

	logwindow_read(h->lf, h->from, h->to, h->ops, h->ctx);
	return NULL;
}

int
logwindow_read_split(const struct logfile *lf, size_t from,
    const struct logwindow_ops *ops, void *ctx, void *ctx2)
{
	struct half h;
	pthread_t tid;
	const char *mid;
	size_t len = lf->len - from;

	if (ctx2 == NULL || !logwindow_splits(lf, from)) {
		logwindow_read(lf, from, lf->len, ops, ctx);
		return 0;
	}
	mid = memchr(lf->data + from + len / 2, '\n', len - len / 2);
	h.lf = lf;
	h.from = from;
	h.to = mid != NULL ? (size_t)(mid - lf->data) + 1 : lf->len;
	h.ops = ops;
	h.ctx = ctx2;
	if (pthread_create(&tid, NULL, half_thread, &h) != 0) {
		logwindow_read(lf, from, lf->len, ops, ctx);
		return 0;
	}
	logwindow_read(lf, h.to, lf->len, ops, ctx);
	pthread_join(tid, NULL);
	return 1;
}
