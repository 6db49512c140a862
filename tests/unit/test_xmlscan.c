/* test_xmlscan.c - the XML tokenizer: input -> token sequence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xmlscan.h"

#define TOKS_MAX	8

struct tok {
	enum xtok	 t;
	const char	*s;	/* the token's bytes; NULL for XT_END, XT_CUT */
};

#define END		{ XT_END, NULL }
#define CUT		{ XT_CUT, NULL }
#define OPEN(s)		{ XT_OPEN, s }
#define EMPTY(s)	{ XT_EMPTY, s }
#define CLOSE(s)	{ XT_CLOSE, s }
#define TEXT(s)		{ XT_TEXT, s }
#define CDATA(s)	{ XT_CDATA, s }

/* Each input and every token it must give, up to the XT_END or XT_CUT. */
static const struct {
	const char	*name;
	const char	*in;
	struct tok	 want[TOKS_MAX];
} cases[] = {
	{ "empty input", "", { END } },
	{ "text only", "hello, world", { TEXT("hello, world"), END } },
	{ "whitespace only", " \r\n\t", { TEXT(" \r\n\t"), END } },
	{ "prefixes give local names", "<s:Envelope><m:a:b>x</m:a:b>"
	    "</s:Envelope>", { OPEN("Envelope"), OPEN("b"), TEXT("x"),
	    CLOSE("b"), CLOSE("Envelope"), END } },
	{ "empty prefix or name", "<:a><p:/></:a>", { OPEN("a"), EMPTY(""),
	    CLOSE("a"), END } },
	{ "attributes quoting > and /", "<a x='>' y=\"/>\" z='\"'>t</a>",
	    { OPEN("a"), TEXT("t"), CLOSE("a"), END } },
	{ "attribute ending in a quoted /", "<a x=\"/\">", { OPEN("a"),
	    END } },
	{ "empty elements", "<a/><p:b x='1' /><c\n/>", { EMPTY("a"),
	    EMPTY("b"), EMPTY("c"), END } },
	{ "name ends at a space", "<a\tb='c'>", { OPEN("a"), END } },
	{ "close tags with spaces", "</p:a ></b\n\t>", { CLOSE("a"),
	    CLOSE("b"), END } },
	{ "close tag without name", "</>", { CLOSE(""), END } },
	{ "comment between text", "a<!-- <b> -- x > -->c", { TEXT("a"),
	    TEXT("c"), END } },
	{ "comments only", "<!----><!-- x -->", { END } },
	{ "CDATA raw", "<a><![CDATA[<b>&amp;]]]></a>", { OPEN("a"),
	    CDATA("<b>&amp;]"), CLOSE("a"), END } },
	{ "empty CDATA", "<![CDATA[]]>", { CDATA(""), END } },
	{ "PI and declaration", "<?xml version='1.0'?><?pi a>b?>x",
	    { TEXT("x"), END } },
	{ "DOCTYPE", "<!DOCTYPE html>\n<html>", { TEXT("\n"), OPEN("html"),
	    END } },
	{ "byte order mark skipped", "\xef\xbb\xbf<a/>", { EMPTY("a"),
	    END } },
	{ "byte order mark later is text", "a\xef\xbb\xbf", {
	    TEXT("a\xef\xbb\xbf"), END } },
	{ "stray < in text", "a < b", { TEXT("a "), TEXT("<"), TEXT(" b"),
	    END } },
	{ "stray <>", "<>", { TEXT("<"), TEXT(">"), END } },
	{ "stray < before a tag", "<\t<a>", { TEXT("<"), TEXT("\t"),
	    OPEN("a"), END } },
	{ "cut: lone <", "<", { CUT } },
	{ "cut: in a name", "x<ab", { TEXT("x"), CUT } },
	{ "cut: in attributes", "<a x='1'", { CUT } },
	{ "cut: in a quoted >", "<a x='>", { CUT } },
	{ "cut: before /> ends", "<a/", { CUT } },
	{ "cut: in a close tag", "<a>b</a", { OPEN("a"), TEXT("b"), CUT } },
	{ "cut: after </", "</", { CUT } },
	{ "cut: close tag space", "</a ", { CUT } },
	{ "cut: in a comment", "<!-- x --", { CUT } },
	{ "cut: comment start", "<!-", { CUT } },
	{ "cut: in CDATA", "<![CDATA[x]]", { CUT } },
	{ "cut: CDATA start", "<![CDATA", { CUT } },
	{ "cut: in a PI", "<?xml ?", { CUT } },
	{ "cut: in a declaration", "<!DOCTYPE html", { CUT } },
	{ "cut after text stays cut", "ok<", { TEXT("ok"), CUT } },
};

/* Scan len bytes at in and compare with case i's tokens. */
static void
check_case(size_t i, const char *in, size_t len)
{
	struct xscan x;
	const struct tok *w;
	const char *s;
	size_t n, k;
	enum xtok t;

	xscan_init(&x, in, len);
	for (k = 0; k < TOKS_MAX; k++) {
		w = &cases[i].want[k];
		t = xscan_next(&x, &s, &n);
		if (t != w->t)
			fail_msg("%s: token %zu is %d, not %d", cases[i].name,
			    k, (int)t, (int)w->t);
		if (t == XT_END || t == XT_CUT)
			break;
		if (s < in || n > len || s > in + len - n)
			fail_msg("%s: token %zu outside the input",
			    cases[i].name, k);
		if (n != strlen(w->s) || memcmp(s, w->s, n) != 0)
			fail_msg("%s: token %zu is '%.*s', not '%s'",
			    cases[i].name, k, (int)n, s, w->s);
	}
	/* The end, or the cut, stays. */
	if (xscan_next(&x, &s, &n) != t)
		fail_msg("%s: token after the last is not the last",
		    cases[i].name);
}

static void
test_tokens(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_case(i, cases[i].in, strlen(cases[i].in));
}

/* Each input flush against the end of its allocation: ASan sees overreads. */
static void
test_flush_end(void **state)
{
	size_t i, len;
	char *buf;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		len = strlen(cases[i].in);
		buf = malloc(len ? len : 1);
		assert_non_null(buf);
		memcpy(buf, cases[i].in, len);
		check_case(i, buf, len);
		free(buf);
	}
}

/* The length given is honoured even when more bytes follow. */
static void
test_length_honoured(void **state)
{
	static const char in[] = "<a>bc</a><![CDATA[x]]>";
	struct xscan x;
	const char *s;
	size_t n;

	(void)state;
	xscan_init(&x, in, 5);
	assert_int_equal(xscan_next(&x, &s, &n), XT_OPEN);
	assert_int_equal(xscan_next(&x, &s, &n), XT_TEXT);
	assert_int_equal(n, 2);
	assert_int_equal(xscan_next(&x, &s, &n), XT_END);
	xscan_init(&x, in, 8);
	assert_int_equal(xscan_next(&x, &s, &n), XT_OPEN);
	assert_int_equal(xscan_next(&x, &s, &n), XT_TEXT);
	assert_int_equal(xscan_next(&x, &s, &n), XT_CUT);
	xscan_init(&x, in + 9, 12);
	assert_int_equal(xscan_next(&x, &s, &n), XT_CUT);
	xscan_init(&x, "\xef\xbb\xbf", 2);	/* half a mark is text */
	assert_int_equal(xscan_next(&x, &s, &n), XT_TEXT);
	assert_int_equal(n, 2);
}

static void
test_space_and_trim(void **state)
{
	static const struct {
		const char	*in;
		const char	*want;
	} trims[] = {
		{ "", "" }, { " \t\r\n", "" }, { "a", "a" },
		{ "\n  OK \r\n", "OK" }, { " a b ", "a b" }, { "\va\v", "\va\v" },
	};
	char buf[32];
	size_t i;

	(void)state;
	assert_true(xml_is_space(' ') && xml_is_space('\t') &&
	    xml_is_space('\r') && xml_is_space('\n'));
	assert_false(xml_is_space('\v') || xml_is_space('\f') ||
	    xml_is_space('\0') || xml_is_space('a') || xml_is_space('\xa0'));
	assert_true(xml_is_blank("", 0));
	assert_true(xml_is_blank(" \t\r\nx", 4));
	assert_false(xml_is_blank(" \t\r\nx", 5));
	assert_false(xml_is_blank("<", 1));
	for (i = 0; i < sizeof(trims) / sizeof(trims[0]); i++) {
		snprintf(buf, sizeof(buf), "%s", trims[i].in);
		xml_trim(buf);
		assert_string_equal(buf, trims[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_flush_end),
		cmocka_unit_test(test_length_honoured),
		cmocka_unit_test(test_space_and_trim),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
