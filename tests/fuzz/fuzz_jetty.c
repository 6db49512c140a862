/*
 * fuzz_jetty.c - the request-log line parser, the line cursors and the
 * client address parser on arbitrary bytes.  Every field of a record must
 * lie inside its line (the client's whole proxy chain too), and
 * walking the buffer backwards must give the lines forwards in reverse,
 * the stamp cache must not change answers, and walking the buffer with
 * jetty_parse_next must give the lines and the answers that line_next
 * and jetty_parse_cached give.  The walk runs twice: on the input, and on
 * the input behind a usual notification and the start of another (in
 * the same hour and zone), so that mutations reach the fast path's
 * compares (stamp, zone and request, id, status, line end) and not only
 * its first refusal.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jetty.h"
#include "jetty_walk.h"
#include "logfile.h"
#include "netaddr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A notification as CUC logs it (gen_jetty_day's shape), then a line cut
 * after its hour: the input goes on from the minute. */
#define PRIMER	"10.20.1.13 - - [29/Jun/2014:11:57:41 +0000] \"POST " \
	JETTY_NOTIFY_PATH "?id=c1b69a27-0911-6a06-c576-763c2af398f1&pid=9092" \
	" HTTP/1.1\" 200 343\n10.20.1.11 - - [29/Jun/2014:11"

/* The walk on PRIMER + data, in a buffer of that size exactly. */
static void
primed_walk(const uint8_t *data, size_t size)
{
	size_t n = sizeof(PRIMER) - 1 + size;
	char *buf;

	if ((buf = malloc(n)) == NULL)
		return;
	memcpy(buf, PRIMER, sizeof(PRIMER) - 1);
	if (size > 0)
		memcpy(buf + sizeof(PRIMER) - 1, data, size);
	if (jetty_walk_agrees(buf, n) < 1)	/* the primer itself parses */
		abort();
	free(buf);
}

static void
inside(const char *line, size_t len, const char *p, size_t n)
{
	if (p == NULL || n == 0)
		return;
	if (p < line || p + n > line + len)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data, *line;
	struct line_cursor fwd, back;
	struct jetty_record r, rc;
	struct jetty_cache cache;
	struct netaddr a;
	size_t n, nf = 0, nb = 0;
	int64_t t;

	memset(&cache, 0, sizeof(cache));
	line_cursor_start(&fwd, buf, size);
	while (line_next(&fwd, &line, &n)) {
		nf++;
		/* the stamp cache never changes an answer */
		if ((jetty_parse_cached(line, n, &rc, &cache) == 0) !=
		    (jetty_parse(line, n, &r) == 0))
			abort();
		if (jetty_parse(line, n, &r) == 0) {
			if (rc.time != r.time || rc.notification != r.notification)
				abort();
			inside(line, n, r.client, r.client_len);
			inside(line, n, r.client, r.chain_len);
			if (r.chain_len < r.client_len)
				abort();
			inside(line, n, r.method, r.method_len);
			inside(line, n, r.path, r.path_len);
			inside(line, n, r.id, r.id_len);
			if ((r.status != JETTY_STATUS_ASYNC && (r.status < 100 ||
			    r.status > 999)) || r.client_len == 0)
				abort();
			if (jetty_line_time(line, n, &t) != 0 || t != r.time)
				abort();
			(void)netaddr_parse_addr(r.client, r.client_len, &a);
		}
	}
	line_cursor_end(&back, buf, size);
	while (line_prev(&back, &line, &n))
		nb++;
	if (nf != nb)
		abort();
	if (jetty_walk_agrees(buf, size) < 0)
		abort();
	primed_walk(data, size);
	return 0;
}
