/*
 * fuzz_range.c - range_parse on arbitrary bytes.  What it accepts must
 * format into text it accepts again (what a plugin prints as perfdata
 * thresholds), with nothing a perfdata reader would split on.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_text.h"
#include "range.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_one(const char *text, unsigned flags)
{
	static const double probes[] = { -1e9, -1, 0, 0.5, 1, 10, 1e9 };
	struct range r, again;
	const char *why = NULL;
	char buf[1024], num[1024];
	size_t i;
	int n;

	if (range_parse(text, flags, &r, &why) != 0) {
		if (why == NULL || *why == '\0')
			abort();	/* every refusal says why */
		return;
	}
	if (!r.start_infinite && !r.end_infinite && r.start > r.end)
		abort();
	if (r.percent && !(flags & RANGE_PERCENT))
		abort();
	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
		(void)range_alerts(&r, probes[i]);
	n = range_format(&r, buf, sizeof(buf));
	if (n < 0 || (size_t)n >= sizeof(buf) || strlen(buf) != (size_t)n)
		abort();
	if (strpbrk(buf, " ;=|'\n") != NULL)
		abort();
	if (range_parse(buf, 0, &again, &why) != 0)
		abort();
	if (again.inside != r.inside || again.start_infinite !=
	    r.start_infinite || again.end_infinite != r.end_infinite)
		abort();
	/* Formatting is a fixed point: printed once, printed the same. */
	range_format(&again, num, sizeof(num));
	if (strcmp(num, buf) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if ((text = fuzz_text(data, size, 4096)) == NULL)
		return 0;
	check_one(text, 0);
	check_one(text, RANGE_PERCENT);
	free(text);
	return 0;
}
