/*
 * test_logwindow.c - where a window starts (small edge buffers, lines out
 * of order within the slack, no stamps at all, stampless runs, a window
 * before or after all lines, bisection on large buffers), and reading a
 * region: the same lines through a mapped file (chunks, lines across
 * chunk ends, a line longer than a chunk) as through memory, line by line
 * or in blocks, and split across two threads giving the same counts as
 * one, a slow thread taking fewer pieces; each read placed in memory as
 * its bytes lie in the file, modulo 64.
 *
 * Lines here are "<epoch> text"; a line not starting with a digit has no
 * stamp.  The module knows no format: this one is the test's.
 */
#include <setjmp.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "logwindow.h"

static int
stamp(const char *line, size_t len, int64_t *t)
{
	size_t i;

	if (len == 0 || line[0] < '0' || line[0] > '9')
		return -1;
	for (*t = 0, i = 0; i < len && line[i] >= '0' && line[i] <= '9'; i++)
		*t = *t * 10 + (line[i] - '0');
	return 0;
}

/*
 * Nothing of the window is skipped: no line before off is stamped at or
 * after ws; off is a line start; a line stamped before ws - slack starts
 * there unless off is 0.
 */
static void
check_start(const char *data, size_t len, int64_t ws, int64_t slack,
    size_t off)
{
	struct line_cursor c;
	const char *line;
	size_t n;
	int64_t t;

	assert_true(off <= len);
	assert_true(off == 0 || data[off - 1] == '\n');
	if (off > 0) {
		assert_int_equal(stamp(data + off, len - off, &t), 0);
		assert_true(t < ws - slack);
	}
	line_cursor_start(&c, data, off);
	while (line_next(&c, &line, &n))
		if (stamp(line, n, &t) == 0)
			assert_true(t < ws);
}

static const struct start_case {
	const char	*name;
	const char	*buf;
	int64_t		 ws;
	int64_t		 slack;
	size_t		 want;
} start_cases[] = {
	{ "empty", "", 100, 10, 0 },
	{ "only newlines", "\n\n\n", 100, 10, 0 },
	{ "no stamps at all", "a\nb\nc\n", 100, 10, 0 },
	{ "one line inside the window", "100 a\n", 100, 10, 0 },
	{ "one line in the slack", "95 a\n", 100, 10, 0 },
	{ "one line before the window, no newline", "50 a", 100, 10, 0 },
	{ "window after all lines", "10 a\n20 b\n30 c\n", 100, 10, 0 },
	{ "window before all lines", "10 a\n20 b\n30 c\n", 5, 1, 0 },
	{ "stampless start, then old lines", "x\n\ny\n10 a\n20 b\n", 100, 10,
	  5 },
	{ "CRLF", "10 a\r\n20 b\r\n", 100, 10, 0 },
};

static void
test_start_small(void **state)
{
	const struct start_case *c;
	size_t i, off;

	(void)state;
	for (i = 0; i < sizeof(start_cases) / sizeof(start_cases[0]); i++) {
		c = &start_cases[i];
		print_message("case: %s\n", c->name);
		off = logwindow_start(c->buf, strlen(c->buf), c->ws, c->slack,
		    stamp);
		assert_int_equal(off, c->want);
		check_start(c->buf, strlen(c->buf), c->ws, c->slack, off);
	}
}

/*
 * A generated log: nlines lines one second apart from t0, each going back
 * by up to jitter seconds (pseudo-random, fixed seed); every gap-th line
 * (when gap > 0), the first lead lines and HOLE lines from hole (when
 * hole > 0) have no stamp.
 */
struct gen {
	const char	*name;
	size_t		 nlines;
	int64_t		 jitter;
	size_t		 gap;
	size_t		 lead;
	size_t		 hole;
	int64_t		 ws;		/* from t0 */
	int64_t		 slack;
	bool		 skips;		/* off > 0 expected */
};

#define HOLE	(LOGWINDOW_PROBE_LINES * 3)

static char *
generate(const struct gen *g, size_t *len)
{
	size_t i, cap = g->nlines * 64 + 1, n = 0;
	uint32_t r = 12345;
	char *buf;
	int64_t t;

	assert_non_null(buf = malloc(cap));
	for (i = 0; i < g->nlines; i++) {
		r = r * 1103515245 + 12345;
		t = 1000000 + (int64_t)i - (g->jitter > 0 ?
		    (int64_t)((r >> 8) % (uint32_t)(g->jitter + 1)) : 0);
		if (i < g->lead || (g->gap > 0 && i % g->gap == 0) ||
		    (g->hole > 0 && i >= g->hole && i < g->hole + HOLE))
			n += (size_t)snprintf(buf + n, cap - n,
			    "-- no stamp here %zu --\n", i);
		else
			n += (size_t)snprintf(buf + n, cap - n,
			    "%lld GET /some/path/of/a/request/%zu 200\n",
			    (long long)t, i);
	}
	*len = n;
	return buf;
}

static const struct gen gen_cases[] = {
	{ "in order, mid window", 20000, 0, 0, 0, 0, 15000, 10, true },
	{ "out of order within slack", 20000, 60, 0, 0, 0, 15000, 120, true },
	{ "out of order, slack exactly the jitter", 20000, 120, 0, 0, 0,
	  12000, 120, true },
	{ "stampless every 10th line", 20000, 30, 10, 0, 0, 10000, 60, true },
	{ "stampless lead within a probe", 20000, 0, 0,
	  LOGWINDOW_PROBE_LINES - 1, 0, 15000, 10, true },
	{ "stampless lead past a probe: read all", 20000, 0, 0,
	  LOGWINDOW_PROBE_LINES + 1, 0, 15000, 10, false },
	{ "stampless run just before the window", 20000, 0, 0, 0,
	  15000 - HOLE, 15000, 10, true },
	{ "stampless run across the window start", 20000, 20, 0, 0, 14950,
	  15000, 30, true },
	{ "window after all lines", 20000, 5, 0, 0, 0, 30000, 10, true },
	{ "window before all lines", 20000, 5, 0, 0, 0, -100, 10, false },
	{ "window starts at the first line", 20000, 0, 0, 0, 0, 0, 0, false },
};

static void
test_start_bisect(void **state)
{
	const struct gen *g;
	char *buf;
	size_t i, len, off, boundary;
	const char *p;

	(void)state;
	for (i = 0; i < sizeof(gen_cases) / sizeof(gen_cases[0]); i++) {
		g = &gen_cases[i];
		print_message("case: %s\n", g->name);
		buf = generate(g, &len);
		assert_true(len > 4 * LOGWINDOW_BISECT_MIN);
		off = logwindow_start(buf, len, 1000000 + g->ws, g->slack,
		    stamp);
		check_start(buf, len, 1000000 + g->ws, g->slack, off);
		if (!g->skips)
			assert_int_equal(off, 0);
		else {
			/*
			 * It pays: the start is within a bisection step (plus
			 * the slack's and a probe's worth of lines) of the
			 * first line of the window.
			 */
			if (g->ws >= (int64_t)g->nlines)
				boundary = len;
			else {
				p = strstr(buf, "request/");
				boundary = 0;
				while (p != NULL && (size_t)strtoul(p + 8, NULL,
				    10) < (size_t)g->ws)
					p = strstr(p + 8, "request/");
				assert_non_null(p);
				boundary = (size_t)(p - buf);
			}
			assert_true(off > 0);
			assert_true(boundary - off <= LOGWINDOW_BISECT_MIN +
			    (size_t)(g->slack + g->jitter + HOLE) * 64 +
			    LOGWINDOW_PROBE_LINES * 64);
		}
		free(buf);
	}
}

/* What reading adds up to: lines, bytes, stamps; one per thread. */
struct tally {
	unsigned long	 lines;
	unsigned long	 blank;
	unsigned long	 bytes;
	uint64_t	 sum;		/* of stamps */
	uint64_t	 hash;		/* order-sensitive, of every line */
	unsigned long	 flushes;
	unsigned long	 since_flush;
	size_t		 longest;
};

static void
tally_line(void *ctx, const char *line, size_t len)
{
	struct tally *t = ctx;
	int64_t s;
	size_t i;

	t->lines++;
	t->since_flush++;
	t->bytes += len;
	if (len == 0)
		t->blank++;
	if (len > t->longest)
		t->longest = len;
	if (stamp(line, len, &s) == 0)
		t->sum += (uint64_t)s;
	for (i = 0; i < len; i++)
		t->hash = (t->hash ^ (unsigned char)line[i]) * 1099511628211ULL;
	t->hash = (t->hash ^ '\n') * 1099511628211ULL;
}

static void
tally_flush(void *ctx)
{
	struct tally *t = ctx;

	t->flushes++;
	t->since_flush = 0;
}

/* The same tally from blocks of whole lines (the caller splits them). */
static void
tally_block(void *ctx, const char *data, size_t len)
{
	struct line_cursor c;
	const char *line;
	size_t n;

	assert_true(len > 0);
	line_cursor_start(&c, data, len);
	while (line_next(&c, &line, &n))
		tally_line(ctx, line, n);
}

static const struct logwindow_ops tally_ops = { tally_line, tally_flush,
    NULL };
static const struct logwindow_ops block_ops = { NULL, tally_flush,
    tally_block };

/* Write buf to a temporary file and open it mapped. */
static void
open_tmp(struct logfile *lf, char *path, size_t size, const char *buf,
    size_t len)
{
	char err[256];
	FILE *fp;
	int fd;

	snprintf(path, size, "/tmp/test_logwindow.XXXXXX");
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(fp = fdopen(fd, "w"));
	assert_int_equal(fwrite(buf, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(logfile_open(lf, path, err, sizeof(err)), 0);
	assert_int_equal(lf->len, len);
}

/* The same buffer as a stream (no file: lines straight from memory). */
static void
as_stream(struct logfile *lf, const char *buf, size_t len)
{
	memset(lf, 0, sizeof(*lf));
	lf->path = "-";
	lf->data = buf;
	lf->len = len;
	lf->fd = -1;
}

static void
tally_equal(const struct tally *a, const struct tally *b)
{
	assert_int_equal(a->lines, b->lines);
	assert_int_equal(a->blank, b->blank);
	assert_int_equal(a->bytes, b->bytes);
	assert_int_equal(a->sum, b->sum);
}

static void
tally_merge(struct tally *a, const struct tally *b)
{
	a->lines += b->lines;
	a->blank += b->blank;
	a->bytes += b->bytes;
	a->sum += b->sum;
}

/* Buffers read from every offset: mapped (in chunks) as from memory. */
static const struct read_case {
	const char	*name;
	const char	*buf;
	unsigned long	 lines;
} read_cases[] = {
	{ "empty", "", 0 },
	{ "one line, no newline", "10 a", 1 },
	{ "blank lines", "\n\n10 a\n\n", 4 },
	{ "CRLF", "10 a\r\n20 b\r\n", 2 },
	{ "no trailing newline", "10 a\n20 b", 2 },
};

static void
test_read_small(void **state)
{
	const struct read_case *c;
	struct logfile mapped, mem;
	struct tally a, b;
	char path[64];
	size_t i, from, len;

	(void)state;
	for (i = 0; i < sizeof(read_cases) / sizeof(read_cases[0]); i++) {
		c = &read_cases[i];
		print_message("case: %s\n", c->name);
		len = strlen(c->buf);
		open_tmp(&mapped, path, sizeof(path), c->buf, len);
		as_stream(&mem, c->buf, len);
		memset(&a, 0, sizeof(a));
		logwindow_read(&mapped, 0, len, &tally_ops, &a);
		assert_int_equal(a.lines, c->lines);
		assert_true(a.flushes >= 1);
		assert_int_equal(a.since_flush, 0);	/* flushed at the end */
		for (from = 0; from <= len; from++) {
			memset(&a, 0, sizeof(a));
			memset(&b, 0, sizeof(b));
			logwindow_read(&mapped, from, len, &tally_ops, &a);
			logwindow_read(&mem, from, len, &tally_ops, &b);
			tally_equal(&a, &b);
			assert_int_equal(a.hash, b.hash);
			memset(&b, 0, sizeof(b));
			logwindow_read(&mapped, from, len, &block_ops, &b);
			tally_equal(&a, &b);
			assert_int_equal(a.hash, b.hash);
			memset(&b, 0, sizeof(b));
			logwindow_read(&mem, from, len, &block_ops, &b);
			tally_equal(&a, &b);
			assert_int_equal(a.hash, b.hash);
		}
		logfile_close(&mapped);
		unlink(path);
	}
}

/*
 * A large buffer: lines across chunk ends, one line longer than a chunk
 * (cut by the file reader), and a region worth two threads: one thread or
 * two, mapped or not, the same lines.
 */
static void
test_read_large(void **state)
{
	struct logfile mapped, mem;
	struct tally one, two, mine, other;
	size_t len = 0, cap = LOGWINDOW_THREAD_MIN * 2, i, from;
	char path[64], *buf;
	int rc;

	(void)state;
	assert_non_null(buf = malloc(cap));
	for (i = 0; len < LOGWINDOW_THREAD_MIN + LOGWINDOW_CHUNK * 3; i++)
		len += (size_t)snprintf(buf + len, cap - len,
		    "%zu GET /a/request/of/some/length/%zu 200\n",
		    1000000 + i, i * 7919);
	open_tmp(&mapped, path, sizeof(path), buf, len);
	as_stream(&mem, buf, len);

	/* one thread: mapped in chunks = from memory */
	memset(&one, 0, sizeof(one));
	logwindow_read(&mapped, 0, len, &tally_ops, &one);
	assert_int_equal(one.lines, i);
	assert_true(one.flushes > len / LOGWINDOW_CHUNK);
	memset(&two, 0, sizeof(two));
	logwindow_read(&mem, 0, len, &tally_ops, &two);
	tally_equal(&one, &two);
	assert_int_equal(one.hash, two.hash);

	/* two threads, from a few offsets (mid-line too) */
	for (from = 0; from < 300; from += 37) {
		assert_true(logwindow_splits(&mapped, from));
		memset(&one, 0, sizeof(one));
		logwindow_read(&mapped, from, len, &tally_ops, &one);
		memset(&mine, 0, sizeof(mine));
		memset(&other, 0, sizeof(other));
		rc = logwindow_read_split(&mapped, from, &tally_ops, &mine,
		    &other);
		assert_int_equal(rc, 1);
		/*
		 * Which thread takes which piece is timing: on a loaded
		 * machine one may take them all.  The merged tally is what
		 * must not depend on it.
		 */
		assert_int_equal(mine.since_flush, 0);
		assert_int_equal(other.since_flush, 0);
		tally_merge(&mine, &other);
		tally_equal(&mine, &one);
		memset(&mine, 0, sizeof(mine));
		memset(&other, 0, sizeof(other));
		rc = logwindow_read_split(&mapped, from, &block_ops, &mine,
		    &other);
		assert_int_equal(rc, 1);
		tally_merge(&mine, &other);
		tally_equal(&mine, &one);
		memset(&mine, 0, sizeof(mine));
		memset(&other, 0, sizeof(other));
		rc = logwindow_read_split(&mem, from, &block_ops, &mine,
		    &other);
		assert_int_equal(rc, 1);
		tally_merge(&mine, &other);
		tally_equal(&mine, &one);
	}
	/* no second context, or too small a region: one thread */
	memset(&mine, 0, sizeof(mine));
	assert_int_equal(logwindow_read_split(&mapped, 0, &tally_ops, &mine,
	    NULL), 0);
	assert_int_equal(mine.lines, i);
	from = len - LOGWINDOW_THREAD_MIN + 1;
	assert_false(logwindow_splits(&mapped, from));
	memset(&mine, 0, sizeof(mine));
	memset(&other, 0, sizeof(other));
	assert_int_equal(logwindow_read_split(&mapped, from, &tally_ops, &mine,
	    &other), 0);
	assert_int_equal(other.lines, 0);
	logfile_close(&mapped);
	unlink(path);

	/*
	 * Lines longer than a chunk (one ending exactly at a chunk's end, one
	 * past it, one last without a newline): each handed once, cut to a
	 * chunk; the lines between are whole.
	 */
	len = (size_t)snprintf(buf, cap, "1 before\n");
	memset(buf + len, 'x', LOGWINDOW_CHUNK - len - 1);
	len = LOGWINDOW_CHUNK - 1;
	len += (size_t)snprintf(buf + len, cap - len, "y\n5 mid\n");
	memset(buf + len, 'z', LOGWINDOW_CHUNK * 3 + 10);
	len += LOGWINDOW_CHUNK * 3 + 10;
	len += (size_t)snprintf(buf + len, cap - len, "\n7 after\n");
	memset(buf + len, 'w', LOGWINDOW_CHUNK + 1);
	len += LOGWINDOW_CHUNK + 1;
	open_tmp(&mapped, path, sizeof(path), buf, len);
	memset(&one, 0, sizeof(one));
	logwindow_read(&mapped, 0, len, &tally_ops, &one);
	assert_int_equal(one.lines, 6);
	assert_int_equal(one.longest, LOGWINDOW_CHUNK);
	assert_int_equal(one.sum, 1 + 5 + 7);
	assert_int_equal(one.bytes, 8 + (LOGWINDOW_CHUNK - 9) + 5 +
	    LOGWINDOW_CHUNK + 7 + LOGWINDOW_CHUNK);
	memset(&two, 0, sizeof(two));
	logwindow_read(&mapped, 0, len, &block_ops, &two);
	tally_equal(&one, &two);
	assert_int_equal(one.hash, two.hash);
	logfile_close(&mapped);
	unlink(path);
	free(buf);
}

/*
 * A thread that is slow takes fewer pieces: one side waits in its first
 * block until the other has read all the rest (10 s at most), so it
 * reads one piece and the other all others, whichever started first.
 * On a loaded machine the other may take every piece before this one
 * starts (no block at all): fewer still.
 */
struct slow {
	atomic_ulong	 lines;
	atomic_ulong	*other;
	unsigned long	 total;
	bool		 wait;
	unsigned long	 blocks;
};

static void
slow_block(void *ctx, const char *data, size_t len)
{
	struct slow *sl = ctx;
	struct timespec ms = { 0, 1000000 };
	unsigned long n = 0;
	const char *p = data, *nl;
	int i;

	while ((nl = memchr(p, '\n', len - (size_t)(p - data))) != NULL) {
		n++;
		p = nl + 1;
	}
	atomic_fetch_add(&sl->lines, n);
	if (sl->wait && sl->blocks++ == 0)
		for (i = 0; i < 10000 && atomic_load(&sl->lines) +
		    atomic_load(sl->other) < sl->total; i++)
			nanosleep(&ms, NULL);
}

static void
test_split_balance(void **state)
{
	static const struct logwindow_ops slow_ops = { NULL, NULL, slow_block };
	struct logfile mem;
	struct slow mine, other;
	size_t len = 0, cap = LOGWINDOW_THREAD_MIN * 2, i;
	char *buf;

	(void)state;
	assert_non_null(buf = malloc(cap));
	for (i = 0; len < LOGWINDOW_THREAD_MIN + LOGWINDOW_PIECE / 2; i++)
		len += (size_t)snprintf(buf + len, cap - len,
		    "%zu a line of 32 bytes or so\n", 1000000 + i);
	as_stream(&mem, buf, len);
	memset(&mine, 0, sizeof(mine));
	memset(&other, 0, sizeof(other));
	atomic_init(&mine.lines, 0);
	atomic_init(&other.lines, 0);
	mine.other = &other.lines;
	other.other = &mine.lines;
	mine.total = other.total = i;
	mine.wait = true;
	assert_int_equal(logwindow_read_split(&mem, 0, &slow_ops, &mine,
	    &other), 1);
	assert_int_equal(atomic_load(&mine.lines) + atomic_load(&other.lines),
	    i);
	assert_true(mine.blocks <= 1);
	assert_true(atomic_load(&mine.lines) <= LOGWINDOW_PIECE / 25 + 1);
	assert_true(atomic_load(&other.lines) >= i - LOGWINDOW_PIECE / 25 - 1);
	free(buf);
}

/*
 * Every block lies in memory at the offset, modulo 64, that its first
 * byte has in the file: each read landed so (logwindow.c, read_buffer).
 * Lines here begin with their own offset in the file; a block's first
 * line says where it came from.  The old reader, a malloc'd buffer with
 * the carry at its start, fails this for most blocks.
 */
struct placed {
	unsigned long	blocks;
	unsigned long	misplaced;
};

static void
placed_block(void *ctx, const char *data, size_t len)
{
	struct placed *pl = ctx;
	uintmax_t off = 0;
	size_t i;

	assert_true(len > 0);
	for (i = 0; i < len && data[i] >= '0' && data[i] <= '9'; i++)
		off = off * 10 + (uintmax_t)(data[i] - '0');
	assert_true(i > 0);
	pl->blocks++;
	if (((uintptr_t)data - off) % 64 != 0)
		pl->misplaced++;
}

static const struct logwindow_ops placed_ops = { NULL, NULL, placed_block };

static void
test_read_aligned(void **state)
{
	struct logfile mapped;
	struct placed one, mine, other;
	size_t len = 0, cap = LOGWINDOW_THREAD_MIN * 2, i, k, from;
	char path[64], *buf;

	(void)state;
	assert_non_null(buf = malloc(cap));
	/* lines of every length modulo 64, and one longer than a chunk */
	for (i = 0; len < LOGWINDOW_THREAD_MIN + LOGWINDOW_CHUNK * 3; i++) {
		len += (size_t)snprintf(buf + len, cap - len, "%zu ", len);
		memset(buf + len, 'x', i == 700 ? LOGWINDOW_CHUNK + 5 : i % 97);
		len += i == 700 ? LOGWINDOW_CHUNK + 5 : i % 97;
		buf[len++] = '\n';
	}
	open_tmp(&mapped, path, sizeof(path), buf, len);
	for (k = 0; k < 4; k++) {	/* from line starts a little apart */
		from = k == 0 ? 0 : (size_t)((char *)memchr(buf + len / 3 +
		    k * 67, '\n', len - len / 3 - k * 67) - buf) + 1;
		memset(&one, 0, sizeof(one));
		logwindow_read(&mapped, from, len, &placed_ops, &one);
		assert_true(one.blocks > len / 3 / LOGWINDOW_CHUNK);
		assert_int_equal(one.misplaced, 0);
	}
	memset(&mine, 0, sizeof(mine));
	memset(&other, 0, sizeof(other));
	assert_int_equal(logwindow_read_split(&mapped, 0, &placed_ops, &mine,
	    &other), 1);
	assert_true(mine.blocks + other.blocks > len / LOGWINDOW_CHUNK);
	assert_int_equal(mine.misplaced + other.misplaced, 0);
	logfile_close(&mapped);
	unlink(path);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_small),
		cmocka_unit_test(test_start_bisect),
		cmocka_unit_test(test_read_small),
		cmocka_unit_test(test_read_large),
		cmocka_unit_test(test_read_aligned),
		cmocka_unit_test(test_split_balance),
	};

	return cmocka_run_group_tests_name("logwindow", tests, NULL, NULL);
}
