/*
 * fuzz_procnet.c - procnet_parse() on arbitrary bytes as a v4 and a v6
 * table, checking its contract: every socket stored has a port that fits
 * 16 bits and a terminated address, no more are stored than room was
 * given, and an input that does not start with the header is refused.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "procnet.h"

#define ROOM	4

static void
check(const char *text, size_t len, bool v6)
{
	struct procnet_socket out[ROOM];
	size_t found = 0, bad = 0, i;
	int rc;

	rc = procnet_parse(text, len, v6, 0, out, ROOM, &found, &bad);
	if (rc != 0 && rc != -1)
		abort();
	if (rc == -1 && (found != 0 || bad != 0))
		abort();
	for (i = 0; i < found && i < ROOM; i++) {
		if (out[i].port > 65535 || out[i].v6 != v6)
			abort();
		if (strnlen(out[i].addr, sizeof(out[i].addr)) ==
		    sizeof(out[i].addr))
			abort();
		if (v6 == (strchr(out[i].addr, ':') == NULL))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf;

	/* Exact size, no terminator: reads past the end are caught. */
	if ((buf = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	check(buf, size, false);
	check(buf, size, true);
	free(buf);
	return 0;
}
