/*
 * fuzz_ini.c - ini_section_args() on arbitrary bytes, for three section
 * names, checking what its contract promises: a count matching the
 * arguments, each one "-" or "--" plus a key and no line break, a line
 * number with every malformed result, nothing left behind on an error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

static void
check(const char *text, size_t len, const char *section)
{
	char **args = NULL;
	int nargs = 0, bad = -1, rc, i;

	rc = ini_section_args(text, len, section, &args, &nargs, &bad);
	if (rc >= 0 && rc != nargs)
		abort();
	if (rc == -1 && (bad <= 0 || nargs != 0))
		abort();
	if (rc == -2 && nargs != 0)
		abort();
	if (rc < -2)
		abort();
	for (i = 0; i < nargs; i++) {
		const char *a = args[i];

		if (a[0] != '-' || a[1] == '\0' || strchr(a, '\n') != NULL)
			abort();
		if (a[1] == '-' && (a[2] == '\0' || a[2] == '='))
			abort();
		free(args[i]);
	}
	free(args);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;

	check(text, size, "check_x");
	check(text, size, "");
	check(text, size, "a");
	return 0;
}
