/*
 * fuzz_text.h - a fuzzer's input as the C string an option's value is:
 * the bytes up to the first NUL, terminated.  Shared by the targets of
 * functions that take strings.
 */
#ifndef CUC_TESTS_FUZZ_TEXT_H
#define CUC_TESTS_FUZZ_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * A copy of data, terminated (free it); NULL when longer than max (no
 * option value is that long: the fuzzer's time goes to shorter ones) or
 * out of memory.
 */
static char *
fuzz_text(const uint8_t *data, size_t size, size_t max)
{
	char *text;

	if (size > max || (text = malloc(size + 1)) == NULL)
		return NULL;
	memcpy(text, data, size);
	text[size] = '\0';
	return text;
}

#endif
