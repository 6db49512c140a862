/*
 * xmlscan.h - a small tolerant XML tokenizer for the SOAP answers we read.
 *
 * The answers (soap.c, logsvc.c) need the text of a few elements, found by
 * local name, not a document tree: a real XML parser (libxml2) would cost
 * every run its load time.  So this only cuts bytes into tokens: tags by
 * local name (prefixes differ between Jetty, .NET, Axis and hand-written
 * answers), text and CDATA as raw bytes (entities are the caller's), and
 * comments, declarations and processing instructions skipped.  Attributes
 * are skipped too (quotes honoured, so '>' or '/' inside them is harmless).
 * It never reads past the length given.  Pure: no I/O, no allocation.
 */
#ifndef CUC_XMLSCAN_H
#define CUC_XMLSCAN_H

#include <stdbool.h>
#include <stddef.h>

enum xtok {
	XT_END,		/* the input is used up */
	XT_OPEN,	/* a start tag <p:name ...> */
	XT_EMPTY,	/* an empty-element tag <p:name .../> */
	XT_CLOSE,	/* an end tag </p:name > */
	XT_TEXT,	/* character data up to the next '<' (or a stray '<') */
	XT_CDATA,	/* the inside of <![CDATA[...]]> */
	XT_CUT		/* the input stops inside markup */
};

struct xscan {
	const char	*p;	/* the next byte to read */
	const char	*end;	/* one past the last byte */
};

/*
 * Start scanning len bytes at data (no terminator needed).  A UTF-8 byte
 * order mark at the start is skipped: it may precede the declaration and
 * is not text.
 */
void xscan_init(struct xscan *, const char *data, size_t len);

/*
 * The next token.  For tags *s, *n is the local name (after the last ':',
 * maybe empty); for text and CDATA the raw bytes, never empty for text.
 * A '<' that starts no markup ('<' then space or '>') is returned alone as
 * one byte of text.  Every other token consumes at least one byte, so a
 * scan of len bytes ends within len + 1 calls.  XT_END and XT_CUT leave
 * *s, *n unspecified and are returned again by every later call: a cut is
 * the caller's to judge (an error, or "use what was read").
 */
enum xtok xscan_next(struct xscan *, const char **s, size_t *n);

/* XML's whitespace: space, tab, CR, LF. */
bool xml_is_space(char c);

/* Whether the n bytes at s are all XML whitespace (true for none). */
bool xml_is_blank(const char *s, size_t n);

/* Remove XML whitespace from both ends of the string buf, in place. */
void xml_trim(char *buf);

#endif
