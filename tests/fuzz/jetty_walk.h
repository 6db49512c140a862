/*
 * jetty_walk.h - walking a buffer with jetty_parse_next must give the
 * lines that line_next gives and, field for field, the answers of
 * jetty_parse_cached on them.  Shared by tests/unit/test_jetty.c and the
 * fuzz target, so both hold the fast path to the same rule.
 */
#ifndef CUC_TESTS_JETTY_WALK_H
#define CUC_TESTS_JETTY_WALK_H

#include <stdbool.h>
#include <string.h>

#include "jetty.h"
#include "logfile.h"

static bool
jetty_same_record(const struct jetty_record *a, const struct jetty_record *b)
{
	return a->client == b->client && a->client_len == b->client_len &&
	    a->chain_len == b->chain_len &&
	    a->time == b->time && a->method_len == b->method_len &&
	    a->path_len == b->path_len && a->id == b->id &&
	    a->id_len == b->id_len && a->status == b->status &&
	    a->notification == b->notification &&
	    (a->method_len == 0 || a->method == b->method) &&
	    (a->path_len == 0 || a->path == b->path);
}

/* The lines that parsed, or -1 at the first disagreement. */
static long
jetty_walk_agrees(const char *buf, size_t size)
{
	struct jetty_cache ca, cb;
	struct jetty_record a, b;
	struct line_cursor c;
	const char *p = buf, *end = buf + size, *line, *next;
	size_t n, len;
	long parsed = 0;
	int ra, rb;

	memset(&ca, 0, sizeof(ca));
	memset(&cb, 0, sizeof(cb));
	line_cursor_start(&c, buf, size);
	while (line_next(&c, &line, &n)) {
		if (p >= end)
			return -1;
		rb = jetty_parse_cached(line, n, &b, &cb);
		ra = jetty_parse_next(p, end, &a, &ca, &len, &next);
		if (p != line || len != n || ra != rb ||
		    (ra == 0 && !jetty_same_record(&a, &b)))
			return -1;
		parsed += ra == 0;
		p = next;
	}
	return p == end ? parsed : -1;
}

#endif
