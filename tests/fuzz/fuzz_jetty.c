/*
 * fuzz_jetty.c - the request-log line parser, the line cursors and the
 * client address parser on arbitrary bytes.  Every field of a record must
 * lie inside its line (the client's whole proxy chain too), and
 * walking the buffer backwards must give the lines forwards in reverse,
 * the stamp cache must not change answers, and walking the buffer with
 * jetty_parse_next must give the lines and the answers that line_next
 * and jetty_parse_cached give.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jetty.h"
#include "jetty_walk.h"
#include "logfile.h"
#include "netaddr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	return 0;
}
