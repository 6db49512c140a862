/*
 * xmlscan.c - the XML tokenizer of the SOAP answers (see xmlscan.h).
 *
 * Strict about where the input ends (every read is bounded by end, the
 * input needs no terminator), tolerant about everything else: what is not
 * well-formed is still cut into tokens rather than refused, and judging
 * the answer is left to the caller.
 */
#include <string.h>

#include "xmlscan.h"

void
xscan_init(struct xscan *x, const char *data, size_t len)
{
	x->p = data;
	x->end = data + len;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		x->p += 3;
}

bool
xml_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool
xml_is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!xml_is_space(s[i]))
			return false;
	return true;
}

void
xml_trim(char *buf)
{
	size_t n = strlen(buf), i = 0;

	while (n > 0 && xml_is_space(buf[n - 1]))
		buf[--n] = '\0';
	while (xml_is_space(buf[i]))
		i++;
	memmove(buf, buf + i, n - i + 1);
}

/* Whether [p, end) starts with the string lit. */
static bool
starts(const char *p, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}

/* Find the bytes of needle in [p, end); NULL if absent. */
static const char *
find(const char *p, const char *end, const char *needle)
{
	for (; (p = memchr(p, needle[0], (size_t)(end - p))) != NULL; p++)
		if (starts(p, end, needle))
			return p;
	return NULL;
}

/* Narrow the name at [*s, *s + *n) to its local name (after the last ':'). */
static void
local_name(const char **s, size_t *n)
{
	const char *c;

	for (c = *s + *n; c > *s && c[-1] != ':'; c--)
		;
	*n -= (size_t)(c - *s);
	*s = c;
}

/*
 * Where the comment, processing instruction or declaration at p ends
 * (NULL: cut), or p itself when none starts there.  A declaration ends
 * at its first '>': an internal DOCTYPE subset is not worth the code.
 */
static const char *
skip_misc(const char *p, const char *end)
{
	const char *q;

	if (starts(p, end, "<!--"))
		return (q = find(p + 4, end, "-->")) ? q + 3 : NULL;
	if (starts(p, end, "<?"))
		return (q = find(p + 2, end, "?>")) ? q + 2 : NULL;
	if (starts(p, end, "<!"))
		return (q = memchr(p, '>', (size_t)(end - p))) ? q + 1 : NULL;
	return p;
}

static enum xtok
text_token(struct xscan *x, const char **s, size_t *n)
{
	const char *q = memchr(x->p, '<', (size_t)(x->end - x->p));

	if (q == NULL)
		q = x->end;
	*s = x->p;
	*n = (size_t)(q - x->p);
	x->p = q;
	return XT_TEXT;
}

static enum xtok
cdata_token(struct xscan *x, const char **s, size_t *n)
{
	const char *q = find(x->p + 9, x->end, "]]>");

	if (q == NULL)
		return XT_CUT;
	*s = x->p + 9;
	*n = (size_t)(q - *s);
	x->p = q + 3;
	return XT_CDATA;
}

/* An end tag: anything between the name and '>' is ignored. */
static enum xtok
close_token(struct xscan *x, const char **s, size_t *n)
{
	const char *q;

	for (q = x->p + 2; q < x->end && !xml_is_space(*q) && *q != '>'; q++)
		;
	*s = x->p + 2;
	*n = (size_t)(q - *s);
	if ((q = memchr(q, '>', (size_t)(x->end - q))) == NULL)
		return XT_CUT;
	local_name(s, n);
	x->p = q + 1;
	return XT_CLOSE;
}

/* The '>' that ends a tag whose attributes start at p: one outside quotes. */
static const char *
tag_end(const char *p, const char *end)
{
	char quote = 0;

	for (; p < end; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'')
			quote = *p;
		else if (*p == '>')
			return p;
	}
	return NULL;
}

/* A start or empty-element tag, or a stray '<' when no name follows. */
static enum xtok
open_token(struct xscan *x, const char **s, size_t *n)
{
	const char *q, *name = x->p + 1, *end = x->end;

	for (q = name; q < end && !xml_is_space(*q) && *q != '>' && *q != '/';
	    q++)
		;
	if (q == end)
		return XT_CUT;
	if (q == name) {	/* "< " or "<>": a byte of text, not markup */
		*s = x->p++;
		*n = 1;
		return XT_TEXT;
	}
	*s = name;
	*n = (size_t)(q - name);
	if ((q = tag_end(q, end)) == NULL)
		return XT_CUT;
	local_name(s, n);
	x->p = q + 1;
	return q[-1] == '/' ? XT_EMPTY : XT_OPEN;
}

enum xtok
xscan_next(struct xscan *x, const char **s, size_t *n)
{
	const char *q;

	for (;;) {
		if (x->p >= x->end)
			return XT_END;
		if (*x->p != '<')
			return text_token(x, s, n);
		if (starts(x->p, x->end, "<![CDATA["))
			return cdata_token(x, s, n);
		if ((q = skip_misc(x->p, x->end)) == NULL)
			return XT_CUT;
		if (q != x->p) {
			x->p = q;
			continue;
		}
		if (starts(x->p, x->end, "</"))
			return close_token(x, s, n);
		return open_token(x, s, n);
	}
}
