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

/*
 * As monitoring-plugins: whatever another section holds (no header of its
 * own: every '[' made '('), our section after it is read whole.
 */
static void
check_other_section(const char *text, size_t len)
{
	static const char head[] = "[zz]\n", tail[] = "\n[check_x]\nkk=v\n";
	char **args = NULL, *buf;
	int nargs = 0, bad = -1, rc;
	size_t i;

	if ((buf = malloc(sizeof(head) + len + sizeof(tail))) == NULL)
		return;
	memcpy(buf, head, sizeof(head) - 1);
	for (i = 0; i < len; i++)
		buf[sizeof(head) - 1 + i] = text[i] == '[' ? '(' : text[i];
	memcpy(buf + sizeof(head) - 1 + len, tail, sizeof(tail) - 1);
	rc = ini_section_args(buf, sizeof(head) - 1 + len + sizeof(tail) - 1,
	    "check_x", &args, &nargs, &bad);
	if (rc != 1 || nargs != 1 || strcmp(args[0], "--kk=v") != 0)
		abort();
	free(args[0]);
	free(args);
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;

	check(text, size, "check_x");
	check(text, size, "");
	check(text, size, "a");
	check_other_section(text, size);
	return 0;
}
