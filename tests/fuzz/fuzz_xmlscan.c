/*
 * fuzz_xmlscan.c - the XML tokenizer on arbitrary bytes (copied to an
 * exact-size buffer without a terminator, so ASan sees any read past the
 * end).  Checks the contract of xmlscan.h: tokens lie inside the input, in
 * order and without overlap; each consumes input (x.p moves past it), so
 * a scan ends within len + 1 calls with XT_END or XT_CUT, which then
 * stays; a text token is a run up to the next '<' or a lone '<'; CDATA is
 * what its brackets hold; a tag name is a local name and its tag is
 * consumed up to its '>'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xmlscan.h"

/*
 * Whether the token at [s, s + n) of [buf, end), read up to next, has the
 * shape of its kind.
 */
static int
token_ok(enum xtok t, const char *s, size_t n, const char *buf,
    const char *end, const char *next)
{
	size_t i;

	switch (t) {
	case XT_TEXT:
		if (n == 1 && s[0] == '<')	/* a cut '<' is XT_CUT */
			return s + 1 < end && next == s + 1;
		return n > 0 && memchr(s, '<', n) == NULL && next == s + n &&
		    (next == end || *next == '<');
	case XT_CDATA:
		return s - buf >= 9 && memcmp(s - 9, "<![CDATA[", 9) == 0 &&
		    end - (s + n) >= 3 && memcmp(s + n, "]]>", 3) == 0 &&
		    next == s + n + 3;
	case XT_OPEN:
	case XT_EMPTY:
	case XT_CLOSE:
		for (i = 0; i < n; i++)
			if (xml_is_space(s[i]) || s[i] == ':' || s[i] == '>' ||
			    (t != XT_CLOSE && s[i] == '/'))
				return 0;
		return next > s + n && next[-1] == '>' &&
		    (t != XT_EMPTY || next[-2] == '/');
	default:
		return 0;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xscan x;
	const char *s, *last, *end;
	char *buf;
	size_t n, count;
	enum xtok t;

	if ((buf = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	end = buf + size;
	xscan_init(&x, buf, size);
	last = buf;
	for (count = 0;; count++) {
		if (count > size)
			abort();	/* a token that consumed nothing */
		t = xscan_next(&x, &s, &n);
		if (t == XT_END || t == XT_CUT)
			break;
		if (s < last || s > end || n > (size_t)(end - s) ||
		    x.p <= last || x.p > end)
			abort();
		if (!token_ok(t, s, n, buf, end, x.p))
			abort();
		last = x.p;
	}
	if (xscan_next(&x, &s, &n) != t)
		abort();
	free(buf);
	return 0;
}
