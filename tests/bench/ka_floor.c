/*
 * ka_floor.c - what the keepalive check's whole-day scan costs before it
 * parses a line: its own reader (logwindow_read_split, two threads, the
 * same reads), handing the blocks to a callback that
 *
 *	ka_floor read FILE	does nothing with them;
 *	ka_floor lines FILE	only finds each line's end (memchr);
 *
 * and prints the lines counted (0 for read).  Beside cat and the check
 * (tests/bench/day.sh) it says how much of the check's time is the copy
 * and the splitting that any parser pays, and so how much is left for
 * the parse, the id table and the tally.
 */
#include <stdio.h>
#include <string.h>

#include "logfile.h"
#include "logwindow.h"

struct count {
	unsigned long	lines;
};

static void
nothing(void *ctx, const char *data, size_t len)
{
	(void)ctx;
	(void)data;
	(void)len;
}

static void
line_ends(void *ctx, const char *data, size_t len)
{
	struct count *c = ctx;
	const char *p = data, *end = data + len, *nl;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		c->lines++;
		p = nl + 1;
	}
}

int
main(int argc, char **argv)
{
	static const struct logwindow_ops read_ops = { NULL, NULL, nothing };
	static const struct logwindow_ops lines_ops = { NULL, NULL, line_ends };
	struct logfile lf;
	struct count one = { 0 }, two = { 0 };
	char err[512];

	if (argc != 3 || (strcmp(argv[1], "read") != 0 &&
	    strcmp(argv[1], "lines") != 0)) {
		fprintf(stderr, "usage: ka_floor read|lines FILE\n");
		return 2;
	}
	if (logfile_open(&lf, argv[2], err, sizeof(err)) != 0) {
		fprintf(stderr, "ka_floor: %s\n", err);
		return 1;
	}
	logwindow_read_split(&lf, 0, strcmp(argv[1], "read") == 0 ? &read_ops :
	    &lines_ops, &one, &two);
	printf("%lu\n", one.lines + two.lines);
	logfile_close(&lf);
	return 0;
}
