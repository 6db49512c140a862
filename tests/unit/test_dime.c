/* test_dime.c - DIME records and MIME multipart answers split into parts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "dime.h"

#define ENV	"<soapenv:Envelope><soapenv:Body/></soapenv:Envelope>"
#define SOAPT	"http://schemas.xmlsoap.org/soap/envelope/"

/* One DIME record to build: flags, TNF, type, id, data. */
struct rec {
	unsigned	 flags;		/* MB 4, ME 2, CF 1 */
	unsigned	 tnf;
	const char	*type;
	const char	*id;
	const char	*data;
	size_t		 data_len;	/* 0: strlen(data) */
};

static size_t
put_field(unsigned char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	while (n % 4 != 0)
		p[n++] = 0;
	return n;
}

/* Build records into buf; returns the length. */
static size_t
build(unsigned char *buf, const struct rec *r, size_t nrec)
{
	size_t pos = 0, i, tl, il, dl;

	for (i = 0; i < nrec; i++) {
		tl = r[i].type ? strlen(r[i].type) : 0;
		il = r[i].id ? strlen(r[i].id) : 0;
		dl = r[i].data_len ? r[i].data_len : strlen(r[i].data);
		buf[pos] = (unsigned char)(1 << 3 | r[i].flags);
		buf[pos + 1] = (unsigned char)(r[i].tnf << 4);
		buf[pos + 2] = buf[pos + 3] = 0;
		buf[pos + 4] = (unsigned char)(il >> 8);
		buf[pos + 5] = (unsigned char)il;
		buf[pos + 6] = (unsigned char)(tl >> 8);
		buf[pos + 7] = (unsigned char)tl;
		buf[pos + 8] = (unsigned char)(dl >> 24);
		buf[pos + 9] = (unsigned char)(dl >> 16);
		buf[pos + 10] = (unsigned char)(dl >> 8);
		buf[pos + 11] = (unsigned char)dl;
		pos += 12;
		pos += put_field(buf + pos, r[i].id ? r[i].id : "", il);
		pos += put_field(buf + pos, r[i].type ? r[i].type : "", tl);
		pos += put_field(buf + pos, r[i].data, dl);
	}
	return pos;
}

/* Messages that parse: the envelope and attachment they must give. */
static const struct {
	const char	*name;
	struct rec	 recs[5];
	size_t		 nrec;
	size_t		 cut;		/* bytes dropped from the end */
	const char	*soap;
	const char	*attach;	/* NULL: none */
	unsigned	 nparts;
} good[] = {
	{ "envelope and file", {
	    { 4, 2, SOAPT, "uuid:1", ENV, 0 },
	    { 2, 1, "application/octet-stream", "uuid:2", "line 1\nline 2\n", 0 } },
	    2, 0, ENV, "line 1\nline 2\n", 2 },
	{ "envelope only", { { 6, 2, SOAPT, NULL, ENV, 0 } }, 1, 0, ENV,
	    NULL, 1 },
	{ "file in three chunks", {
	    { 4, 2, SOAPT, "a", ENV, 0 },
	    { 1, 1, "text/plain", "b", "abc", 0 },
	    { 1, 0, NULL, NULL, "defgh", 0 },
	    { 2, 0, NULL, NULL, "ij", 0 } },
	    4, 0, ENV, "abcdefghij", 2 },
	{ "chunked envelope", {
	    { 5, 2, SOAPT, NULL, "<soapenv:Envelope>", 0 },
	    { 0, 0, NULL, NULL, "</soapenv:Envelope>", 0 },
	    { 2, 3, NULL, NULL, "x", 0 } },
	    3, 0, "<soapenv:Envelope></soapenv:Envelope>", "x", 2 },
	{ "empty attachment", {
	    { 4, 2, SOAPT, NULL, ENV, 0 },
	    { 2, 1, "text/plain", NULL, "", 0 } }, 2, 0, ENV, "", 2 },
	{ "third record ignored", {
	    { 4, 2, SOAPT, NULL, ENV, 0 },
	    { 0, 1, "text/plain", NULL, "one", 0 },
	    { 2, 1, "text/plain", NULL, "two", 0 } }, 3, 0, ENV, "one", 3 },
	{ "last padding left out", {
	    { 4, 2, SOAPT, NULL, ENV, 0 },
	    { 2, 1, "text/plain", NULL, "12345", 0 } }, 2, 3, ENV, "12345",
	    2 },
};

/* Messages that must fail, and a word of the reason. */
static const struct {
	const char	*name;
	struct rec	 recs[4];
	size_t		 nrec;
	size_t		 cut;
	const char	*why;
} bad[] = {
	{ "truncated data", {
	    { 4, 2, SOAPT, NULL, ENV, 0 },
	    { 2, 1, "text/plain", NULL, "0123456789abcdef", 0 } }, 2, 8,
	    "truncated" },
	{ "truncated header", {
	    { 4, 2, SOAPT, NULL, ENV, 0 },
	    { 2, 1, "text/plain", NULL, "0123", 0 } }, 2, 22, "header" },
	{ "no message end", {
	    { 4, 2, SOAPT, NULL, ENV, 0 },
	    { 0, 1, "text/plain", NULL, "0123", 0 } }, 2, 0, "truncated" },
	{ "no message begin", {
	    { 2, 2, SOAPT, NULL, ENV, 0 } }, 1, 0, "begin" },
	{ "begin repeated", {
	    { 4, 2, SOAPT, NULL, ENV, 0 },
	    { 6, 1, "text/plain", NULL, "x", 0 } }, 2, 0, "repeated" },
	{ "chunk changes type", {
	    { 4, 2, SOAPT, NULL, ENV, 0 },
	    { 1, 1, "text/plain", NULL, "x", 0 },
	    { 2, 1, "text/html", NULL, "y", 0 } }, 3, 0, "changes" },
	{ "unchanged outside chunk", {
	    { 4, 2, SOAPT, NULL, ENV, 0 },
	    { 2, 0, NULL, NULL, "y", 0 } }, 2, 0, "unchanged" },
	{ "ends in a chunk", {
	    { 4, 2, SOAPT, NULL, ENV, 0 },
	    { 3, 1, "text/plain", NULL, "x", 0 } }, 2, 0, "chunk" },
};

static void
test_dime_good(void **state)
{
	unsigned char buf[1024];
	struct soap_parts p;
	char err[200];
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		len = build(buf, good[i].recs, good[i].nrec) - good[i].cut;
		err[0] = '\0';
		if (dime_parse((char *)buf, len, &p, err, sizeof(err)) != 0)
			fail_msg("%s: %s", good[i].name, err);
		assert_int_equal(p.soap_len, strlen(good[i].soap));
		assert_memory_equal(p.soap, good[i].soap, p.soap_len);
		if (good[i].attach == NULL)
			assert_null(p.attach);
		else {
			assert_non_null(p.attach);
			assert_int_equal(p.attach_len, strlen(good[i].attach));
			assert_memory_equal(p.attach, good[i].attach,
			    p.attach_len);
		}
		assert_int_equal(p.nparts, good[i].nparts);
	}
}

static void
test_dime_bad(void **state)
{
	unsigned char buf[1024];
	struct soap_parts p;
	char err[200];
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		len = build(buf, bad[i].recs, bad[i].nrec) - bad[i].cut;
		err[0] = '\0';
		if (dime_parse((char *)buf, len, &p, err, sizeof(err)) != -1)
			fail_msg("%s: parsed", bad[i].name);
		if (strstr(err, bad[i].why) == NULL)
			fail_msg("%s: '%s' lacks '%s'", bad[i].name, err,
			    bad[i].why);
	}
}

/* A record announcing 4 GiB of data in a tiny buffer. */
static void
test_dime_huge_length(void **state)
{
	unsigned char buf[16] = { 0x0e, 0x20, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff, 0xff, 0xff, 'a', 'b', 'c', 'd' };
	struct soap_parts p;
	char err[200];

	(void)state;
	assert_int_equal(dime_parse((char *)buf, sizeof(buf), &p, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "truncated"));
	buf[0] = 0x16;	/* version 2 */
	assert_int_equal(dime_parse((char *)buf, sizeof(buf), &p, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "version"));
}

static void
test_dime_trailing(void **state)
{
	unsigned char buf[256];
	struct rec r[1] = { { 6, 2, SOAPT, NULL, ENV, 0 } };
	struct soap_parts p;
	char err[200];
	size_t len = build(buf, r, 1);

	(void)state;
	memcpy(buf + len, "junk", 4);
	assert_int_equal(dime_parse((char *)buf, len + 4, &p, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "after the last"));
	assert_int_equal(dime_parse((char *)buf, 0, &p, err, sizeof(err)), -1);
}

static void
test_boundary(void **state)
{
	static const struct {
		const char	*ct;
		const char	*want;	/* NULL: error */
	} t[] = {
		{ "multipart/related; boundary=abc", "abc" },
		{ "multipart/related; type=\"text/xml\"; boundary=\"----=_Part_0_1.2\"; start=\"<x>\"",
		    "----=_Part_0_1.2" },
		{ "multipart/related;\r\n\tBOUNDARY=MIMEBoundaryurn_uuid_X; type=\"application/xop+xml\"",
		    "MIMEBoundaryurn_uuid_X" },
		{ "multipart/related; boundary = x;", "x" },
		{ "multipart/related", NULL },
		{ "multipart/related; boundary=", NULL },
		{ "multipart/related; boundary=\"unterminated", NULL },
		{ "multipart/related; xboundary=a", NULL },
	};
	char out[DIME_BOUNDARY_MAX + 1];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int rc = multipart_boundary(t[i].ct, out, sizeof(out));

		if (t[i].want == NULL) {
			if (rc != -1)
				fail_msg("%s: got '%s'", t[i].ct, out);
		} else {
			if (rc != 0)
				fail_msg("%s: failed", t[i].ct);
			assert_string_equal(out, t[i].want);
		}
	}
}

#define B "----=_Part_7_1234.5678"
#define XML_PART "--" B "\r\nContent-Type: text/xml; charset=UTF-8\r\n" \
	"Content-Transfer-Encoding: binary\r\nContent-Id: <root>\r\n\r\n" ENV "\r\n"
#define FILE_PART(data) "--" B "\r\nContent-Type: application/octet-stream\r\n" \
	"Content-Transfer-Encoding: binary\r\nContent-Id: <f>\r\n\r\n" data "\r\n"
#define CLOSE "--" B "--\r\n"

static const struct {
	const char	*name;
	const char	*body;
	const char	*soap;		/* NULL: must fail */
	const char	*attach;	/* with soap: NULL none; else a word of the reason */
} mp[] = {
	{ "axis answer", "\r\n" XML_PART FILE_PART("a\r\nb\n") CLOSE, ENV,
	    "a\r\nb\n" },
	{ "LF only", "--" B "\nContent-Type: text/xml\n\n" ENV "\n--" B
	    "\n\nfile\n--" B "--", ENV, "file" },
	{ "preamble", "This is MIME.\r\n" XML_PART FILE_PART("x") CLOSE, ENV,
	    "x" },
	{ "boundary text inside data", XML_PART
	    FILE_PART("--" B "x is not a delimiter\r\n") CLOSE, ENV,
	    "--" B "x is not a delimiter\r\n" },
	{ "empty file", XML_PART FILE_PART("") CLOSE, ENV, "" },
	{ "soap only", XML_PART CLOSE, ENV, NULL },
	{ "no close delimiter", XML_PART FILE_PART("abc"), NULL, "closing" },
	{ "cut in data", XML_PART "--" B "\r\n\r\nabc", NULL, "closing" },
	{ "cut in headers", XML_PART "--" B "\r\nContent-Type: text/plain",
	    NULL, "headers" },
	{ "no boundary at all", ENV, NULL, "no MIME boundary" },
	{ "base64 part", XML_PART "--" B "\r\nContent-Transfer-Encoding: "
	    "base64\r\n\r\nYWJj\r\n" CLOSE, NULL, "base64" },
	{ "only close", CLOSE, NULL, "without parts" },
	{ "cut at boundary", XML_PART "--" B, NULL, "truncated" },
};

static void
test_multipart(void **state)
{
	struct soap_parts p;
	char err[200];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(mp) / sizeof(mp[0]); i++) {
		err[0] = '\0';
		rc = multipart_parse(mp[i].body, strlen(mp[i].body), B, &p,
		    err, sizeof(err));
		if (mp[i].soap == NULL) {
			if (rc != -1)
				fail_msg("%s: parsed", mp[i].name);
			if (strstr(err, mp[i].attach) == NULL)
				fail_msg("%s: '%s' lacks '%s'", mp[i].name,
				    err, mp[i].attach);
			continue;
		}
		if (rc != 0)
			fail_msg("%s: %s", mp[i].name, err);
		assert_int_equal(p.soap_len, strlen(mp[i].soap));
		assert_memory_equal(p.soap, mp[i].soap, p.soap_len);
		if (mp[i].attach == NULL)
			assert_null(p.attach);
		else {
			assert_non_null(p.attach);
			assert_int_equal(p.attach_len, strlen(mp[i].attach));
			assert_memory_equal(p.attach, mp[i].attach,
			    p.attach_len);
		}
	}
}

/*
 * MTOM/XOP as Axis2 sends GetOneFile's answer on logcollectionservice2:
 * root part application/xop+xml with Content-ID <0.urn:uuid:...@apache.org>,
 * the bytes in the part the envelope's xop:Include names (W3C XOP 1.0).
 */
#define MB "MIMEBoundary_0a1b"
#define ROOT "--" MB "\r\nContent-Type: application/xop+xml; charset=UTF-8; " \
	"type=\"text/xml\"\r\nContent-Transfer-Encoding: binary\r\n" \
	"Content-ID: <0.urn:uuid:AA@apache.org>\r\n\r\n<Envelope/>\r\n"
#define PART(id, body) "--" MB "\r\nContent-Type: application/octet-stream" \
	"\r\nContent-Transfer-Encoding: binary\r\nContent-ID: " id \
	"\r\n\r\n" body "\r\n"

static void
test_mtom(void **state)
{
	static const struct {
		const char	*name;
		const char	*body;
		const char	*cid;
		const char	*attach;	/* NULL: error */
		const char	*why;
	} t[] = {
		{ "file second", ROOT PART("<1.urn:uuid:BB@apache.org>",
		    "line 1\nline 2") "--" MB "--\r\n", "1.urn:uuid:BB@apache.org",
		    "line 1\nline 2", NULL },
		{ "file third, another part before", ROOT PART("<x@y>", "other")
		    PART("<f@y>", "the file") "--" MB "--\r\n", "f@y", "the file",
		    NULL },
		{ "id without brackets", ROOT PART("f@y", "bytes") "--" MB
		    "--", "f@y", "bytes", NULL },
		{ "no such id", ROOT PART("<x@y>", "other") "--" MB "--",
		    "f@y", NULL, "no MIME part with the Content-ID <f@y>" },
		{ "the root's id is not the file", ROOT "--" MB "--",
		    "0.urn:uuid:AA@apache.org", NULL, "no MIME part" },
		{ "cut in the file", ROOT PART("<f@y>", "half"), "f@y", NULL,
		    "truncated" },
	};
	struct soap_parts p;
	char err[200];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		err[0] = '\0';
		rc = multipart_parse_cid(t[i].body, strlen(t[i].body), MB,
		    t[i].cid, &p, err, sizeof(err));
		if (t[i].attach == NULL) {
			if (rc != -1 || strstr(err, t[i].why) == NULL)
				fail_msg("%s: rc %d '%s'", t[i].name, rc, err);
			continue;
		}
		if (rc != 0)
			fail_msg("%s: %s", t[i].name, err);
		assert_int_equal(p.soap_len, strlen("<Envelope/>"));
		assert_memory_equal(p.soap, "<Envelope/>", p.soap_len);
		if (p.attach == NULL || p.attach_len != strlen(t[i].attach) ||
		    memcmp(p.attach, t[i].attach, p.attach_len) != 0)
			fail_msg("%s: wrong attachment", t[i].name);
	}
}

static void
test_split(void **state)
{
	char body[] = "\r\n" XML_PART FILE_PART("data") CLOSE;
	char xml[] = ENV;
	unsigned char dime[256];
	struct rec r[2] = { { 4, 2, SOAPT, NULL, ENV, 0 },
	    { 2, 1, "text/plain", NULL, "dime data", 0 } };
	struct soap_parts p;
	char err[200];
	size_t len;

	(void)state;
	assert_int_equal(soap_parts_split(body, strlen(body),
	    "multipart/related; type=\"text/xml\"; boundary=\"" B "\"", &p,
	    err, sizeof(err)), 0);
	assert_int_equal(p.attach_len, 4);
	assert_int_equal(soap_parts_split(xml, strlen(xml),
	    "text/xml; charset=utf-8", &p, err, sizeof(err)), 0);
	assert_ptr_equal(p.soap, xml);
	assert_null(p.attach);
	len = build(dime, r, 2);
	assert_int_equal(soap_parts_split((char *)dime, len,
	    "application/dime", &p, err, sizeof(err)), 0);
	assert_int_equal(p.attach_len, 9);
	assert_memory_equal(p.attach, "dime data", 9);
	assert_int_equal(soap_parts_split(body, strlen(body),
	    "multipart/related", &p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "boundary"));
	assert_int_equal(soap_parts_split(xml, strlen(xml), NULL, &p, err,
	    sizeof(err)), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dime_good),
		cmocka_unit_test(test_dime_bad),
		cmocka_unit_test(test_dime_huge_length),
		cmocka_unit_test(test_dime_trailing),
		cmocka_unit_test(test_boundary),
		cmocka_unit_test(test_multipart),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_mtom),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
