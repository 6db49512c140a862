/*
 * fuzz_time.c - every time parser on the same arbitrary bytes.  The ones
 * taking (s, len) get the exact input, so ASan sees any read past len;
 * time_parse_user and http_date_parse get a NUL-terminated copy.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_text.h"
#include "http.h"
#include "timeparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_epoch(double t)
{
	char buf[64];

	if (t != t)
		abort();	/* NaN: never from a parser */
	time_format_utc(t, buf, sizeof(buf));
	if (strlen(buf) >= sizeof(buf))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *text;
	double t;
	long ms;
	size_t used;
	int zone, off;

	if (time_parse_ncsa(s, size, &t, &zone, &used) == 0) {
		if (used > size || used < 20 || (zone != 0 && zone != 1))
			abort();
		check_epoch(t);
	}
	if (time_parse_zone(s, size, &off, &used) == 0) {
		if (used > size || used == 0 || off < -86400 || off > 86400)
			abort();
	}
	if (time_parse_sql(s, size, &t) == 0)
		check_epoch(t);
	if (time_parse_tod(s, size, &ms, &used) == 0) {
		if (used > size || ms < 0 || ms > 86401000L)
			abort();
	}
	if ((text = fuzz_text(data, size, SIZE_MAX - 1)) == NULL)
		return 0;
	if (time_parse_user(text, &t) == 0)
		check_epoch(t);
	/* CUC's HTTP Date, which reads ambiguous zones (zoneabbr.c) */
	if (http_date_parse(text, &t) == 0)
		check_epoch(t);
	free(text);
	return 0;
}
