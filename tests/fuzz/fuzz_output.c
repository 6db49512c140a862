/*
 * fuzz_output.c - text_sanitise on arbitrary bytes: whatever a log line,
 * a peer's header or a file name holds, what the writer makes of it is
 * valid UTF-8 with no HTML special, no control, no bidi control or line
 * separator, no '|' (and no ';' on line 1); a cut result is a prefix of
 * the whole one, ends between characters, and sanitising again changes
 * nothing.  The checks decode UTF-8 here, independently of output.c.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_text.h"
#include "output.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Length of the valid UTF-8 character at s and its code point; 0 if none. */
static size_t
decode(const unsigned char *s, unsigned long *cp)
{
	size_t n, i;
	unsigned long min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0)
		n = 2, min = 0x80, *cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3, min = 0x800, *cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		n = 4, min = 0x10000, *cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	if (*cp < min || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return n;
}

static bool
forbidden(unsigned long cp, bool first_line)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
	    (cp < 0x80 && strchr("|<>&\"'", (int)cp) != NULL) ||
	    (first_line && cp == ';') ||
	    cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x2028 || cp == 0x2029;
}

/* Every character valid and allowed; abort otherwise. */
static void
check_clean(const char *text, bool first_line)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned long cp;
	size_t n;

	while (*s != '\0') {
		if ((n = decode(s, &cp)) == 0 || forbidden(cp, first_line))
			abort();
		s += n;
	}
}

static void
check_one(const char *src, size_t srclen, bool first_line)
{
	char *whole, *again, cut[64];
	size_t need, size = 3 * srclen + 1, len, n;

	if ((whole = malloc(size)) == NULL || (again = malloc(size)) == NULL) {
		free(whole);
		return;
	}
	need = text_sanitise(whole, size, src, first_line);
	/* Nothing grows past three bytes, and the result is whole. */
	if (need >= size || strlen(whole) != need)
		abort();
	check_clean(whole, first_line);
	if (text_sanitise(again, size, whole, first_line) != need ||
	    strcmp(again, whole) != 0)
		abort();
	/* Every cut: a prefix of the whole, between two characters. */
	for (n = 1; n <= sizeof(cut); n++) {
		if (text_sanitise(cut, n, src, first_line) != need)
			abort();
		len = strlen(cut);
		if (len >= n || strncmp(cut, whole, len) != 0)
			abort();
		if (need >= n && len + 3 < n - 1)
			abort();	/* cut more than a character short */
		if ((whole[len] & 0xc0) == 0x80)
			abort();	/* inside a character */
	}
	free(whole);
	free(again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if ((text = fuzz_text(data, size, 4096)) == NULL)
		return 0;
	check_one(text, strlen(text), true);
	check_one(text, strlen(text), false);
	free(text);
	return 0;
}
