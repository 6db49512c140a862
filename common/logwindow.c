/*
 * logwindow.c - the lines of a log from where a time window starts
 * (logwindow.h).
 */
#define _GNU_SOURCE	/* memrchr */
#include <pthread.h>
#include <stdatomic.h>
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

/* Whole lines to the caller: as a block when it takes them so. */
static void
hand(const char *data, size_t len, const struct logwindow_ops *ops, void *ctx)
{
	if (ops->block != NULL) {
		if (len > 0)
			ops->block(ctx, data, len);
	} else
		read_lines(data, len, ops, ctx);
}

static void
flush(const struct logwindow_ops *ops, void *ctx)
{
	if (ops->flush != NULL)
		ops->flush(ctx);
}

/*
 * The reads' buffer: LOGWINDOW_CHUNK bytes from a start that moves within
 * READ_ALIGN bytes.  Each read lands at the same offset within 64 bytes
 * as its bytes have in the file (and so in the page cache): the kernel
 * copies such a read fastest.  A destination 1 to 31 bytes past its
 * source, modulo a page, makes the copy's loads look as if they waited on
 * its own stores (4K aliasing): on the virtual machine of issue 17 a 1 GB
 * day read so took four times as long (406 ms instead of 94 ms); placed
 * at random, one read in 130 is.
 */
#define READ_ALIGN	64

static char *
read_buffer(void)
{
	return aligned_alloc(READ_ALIGN, LOGWINDOW_CHUNK + READ_ALIGN);
}

/* Where in buf the carry goes, so that the read after it lands aligned. */
static char *
read_start(char *buf, size_t from, size_t carry)
{
	return buf + ((from - carry) & (READ_ALIGN - 1));
}

/* logwindow_read with a buffer from read_buffer (NULL: mapped). */
static void
read_region(const struct logfile *lf, size_t from, size_t to,
    const struct logwindow_ops *ops, void *ctx, char *buf)
{
	const char *nl;
	char *data = buf;
	size_t carry = 0, have, used, start;
	ssize_t n;
	bool skip = false;	/* in the rest of a line longer than a chunk */

	if (lf->fd == -1 || buf == NULL) {
		hand(lf->data + from, to - from, ops, ctx);
		flush(ops, ctx);
		return;
	}
	while (from < to) {
		data = read_start(buf, from, carry);
		n = logfile_pread(lf, data + carry, LOGWINDOW_CHUNK - carry <
		    to - from ? LOGWINDOW_CHUNK - carry : to - from, from);
		if (n <= 0)
			break;	/* truncated under us: what was read counts */
		from += (size_t)n;
		have = carry + (size_t)n;
		start = 0;
		if (skip) {
			if ((nl = memchr(data, '\n', have)) == NULL) {
				carry = 0;
				continue;
			}
			start = (size_t)(nl - data) + 1;
			skip = false;
		}
		if ((nl = memrchr(data + start, '\n', have - start)) != NULL)
			used = (size_t)(nl - data) + 1;
		else if (start == 0 && have == LOGWINDOW_CHUNK) {
			/* a huge line: its first chunk is the line, once */
			used = have;
			skip = true;
		} else
			used = start;
		hand(data + start, used - start, ops, ctx);
		flush(ops, ctx);	/* before the buffer changes */
		carry = have - used;
		memmove(read_start(buf, from, carry), data + used, carry);
	}
	if (!skip)	/* a last line without LF */
		hand(read_start(buf, from, carry), carry, ops, ctx);
	flush(ops, ctx);
}

void
logwindow_read(const struct logfile *lf, size_t from, size_t to,
    const struct logwindow_ops *ops, void *ctx)
{
	char *buf = lf->fd == -1 ? NULL : read_buffer();

	read_region(lf, from, to, ops, ctx, buf);
	free(buf);
}

bool
logwindow_splits(const struct logfile *lf, size_t from)
{
	return from <= lf->len && lf->len - from >= LOGWINDOW_THREAD_MIN;
}

/*
 * The region [from, lf->len) cut into pieces that the threads take in
 * turn, whichever is free: a thread that starts late, or is slowed by a
 * neighbour, takes fewer.
 */
struct share {
	const struct logfile		*lf;
	size_t				 from;
	size_t				 pieces;
	atomic_size_t			 next;	/* the next piece to take */
	const struct logwindow_ops	*ops;
	void				*ctx2;	/* the second thread's */
};

/*
 * The first line start in [off, limit) (from is one), or limit when no
 * line starts there.  A file is probed with pread, not through its
 * mapping: the pages of the region stay unmapped (a full-day scan would
 * otherwise map a page per piece).  The reads grow from 512 bytes, where
 * a usual line ends, to 64 KiB: with the limit, a 100 MB line costs its
 * length once, not once for every piece it spans.
 */
static size_t
line_start(const struct logfile *lf, size_t from, size_t off, size_t limit)
{
	char probe[64 * 1024];
	const char *nl;
	size_t want = 512;
	ssize_t n;

	if (off <= from)
		return from;
	if (limit > lf->len)
		limit = lf->len;
	if (off >= limit)
		return limit;
	off--;		/* a line starts after an LF */
	if (lf->fd == -1) {
		nl = memchr(lf->data + off, '\n', limit - off);
		return nl != NULL ? (size_t)(nl - lf->data) + 1 : limit;
	}
	while (off < limit) {
		if (want > limit - off)
			want = limit - off;
		if ((n = logfile_pread(lf, probe, want, off)) <= 0)
			break;
		if ((nl = memchr(probe, '\n', (size_t)n)) != NULL)
			return off + (size_t)(nl - probe) + 1;
		off += (size_t)n;
		if (want < sizeof(probe))
			want *= 2;
	}
	return limit;
}

/* Each piece holds the lines that start in it. */
static void
read_pieces(struct share *sh, void *ctx)
{
	char *buf = sh->lf->fd == -1 ? NULL : read_buffer();
	size_t k, start, end, a, b;

	while ((k = atomic_fetch_add(&sh->next, 1)) < sh->pieces) {
		start = sh->from + k * LOGWINDOW_PIECE;
		end = k + 1 == sh->pieces ? sh->lf->len : start +
		    LOGWINDOW_PIECE;
		a = line_start(sh->lf, sh->from, start, end);
		if (a >= end)
			continue;	/* inside a line begun before */
		b = line_start(sh->lf, sh->from, end, sh->lf->len);
		read_region(sh->lf, a, b, sh->ops, ctx, buf);
	}
	free(buf);
}

static void *
second_thread(void *arg)
{
	struct share *sh = arg;

	read_pieces(sh, sh->ctx2);
	return NULL;
}

int
logwindow_read_split(const struct logfile *lf, size_t from,
    const struct logwindow_ops *ops, void *ctx, void *ctx2)
{
	struct share sh;
	pthread_t tid;

	if (ctx2 == NULL || !logwindow_splits(lf, from)) {
		logwindow_read(lf, from, lf->len, ops, ctx);
		return 0;
	}
	sh.lf = lf;
	sh.from = from;
	sh.pieces = (lf->len - from + LOGWINDOW_PIECE - 1) / LOGWINDOW_PIECE;
	atomic_init(&sh.next, 0);
	sh.ops = ops;
	sh.ctx2 = ctx2;
	if (pthread_create(&tid, NULL, second_thread, &sh) != 0) {
		logwindow_read(lf, from, lf->len, ops, ctx);
		return 0;
	}
	read_pieces(&sh, ctx);
	pthread_join(tid, NULL);
	return 1;
}
