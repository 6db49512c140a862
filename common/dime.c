/*
 * dime.c - DIME records and MIME multipart/related parts, the two ways a
 * SOAP service sends a file along with its answer.
 *
 * DIME (draft-nielsen-dime-02, what Axis 1 calls "DIME attachments"):
 *
 *	byte 0	VERSION (5 bits, 1) | MB | ME | CF
 *	byte 1	TYPE_T (4 bits) | reserved (4 bits)
 *	2..3	OPTIONS_LENGTH	4..5 ID_LENGTH	6..7 TYPE_LENGTH (big endian)
 *	8..11	DATA_LENGTH (big endian)
 *	then OPTIONS, ID, TYPE and DATA, each padded with zeros to 4 bytes.
 *
 * MB marks the first record, ME the last; CF says the payload goes on in
 * the next record, whose TYPE_T is 0 ("unchanged") with no id or type.
 * Every length is checked against what is left before anything is read,
 * so a truncated or lying record is an error and never an over-read.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dime.h"

#define DIME_HEADER	12
#define DIME_VERSION	1
#define DIME_MB		0x04
#define DIME_ME		0x02
#define DIME_CF		0x01
#define TNF_UNCHANGED	0
#define MIME_HEADER_MAX	512	/* longest part header line looked at */

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* Length padded to 4 bytes (lengths < 2^32: no overflow in 64 bits). */
static uint64_t
pad4(uint64_t n)
{
	return (n + 3) & ~(uint64_t)3;
}

/* Record the payload that just ended as part number out->nparts. */
static void
dime_part_done(struct soap_parts *out, const char *p, size_t n)
{
	if (out->nparts == 0) {
		out->soap = p;
		out->soap_len = n;
	} else if (out->nparts == 1) {
		out->attach = p;
		out->attach_len = n;
	}
	out->nparts++;
}

int
dime_parse(char *buf, size_t len, struct soap_parts *out, char *err,
    size_t errlen)
{
	const unsigned char *h;
	uint64_t optlen, idlen, typelen, datalen, need, nopad;
	size_t pos = 0, left, plen = 0;
	char *pstart = NULL, *data;
	unsigned rec, tnf;
	bool chunk = false, last = false, more;

	memset(out, 0, sizeof(*out));
	for (rec = 0; pos < len && !last; rec++) {
		left = len - pos;
		if (left < DIME_HEADER) {
			snprintf(err, errlen, "DIME record %u truncated in its "
			    "header (%zu of 12 bytes)", rec + 1, left);
			return -1;
		}
		h = (const unsigned char *)buf + pos;
		if (h[0] >> 3 != DIME_VERSION) {
			snprintf(err, errlen, "DIME record %u: version %u, not "
			    "1", rec + 1, h[0] >> 3);
			return -1;
		}
		if ((rec == 0) != ((h[0] & DIME_MB) != 0)) {
			snprintf(err, errlen, "DIME record %u: message begin "
			    "flag %s", rec + 1, rec == 0 ? "missing" :
			    "repeated");
			return -1;
		}
		last = (h[0] & DIME_ME) != 0;
		/* Read now: joining a chunk moves bytes over h. */
		more = (h[0] & DIME_CF) != 0;
		tnf = h[1] >> 4;
		optlen = be16(h + 2);
		idlen = be16(h + 4);
		typelen = be16(h + 6);
		datalen = be32(h + 8);
		if (chunk && (tnf != TNF_UNCHANGED || typelen != 0 ||
		    idlen != 0)) {
			snprintf(err, errlen, "DIME record %u: a chunk that "
			    "changes its type", rec + 1);
			return -1;
		}
		if (!chunk && tnf == TNF_UNCHANGED) {
			snprintf(err, errlen, "DIME record %u: type "
			    "\"unchanged\" outside a chunked payload", rec + 1);
			return -1;
		}
		nopad = DIME_HEADER + pad4(optlen) + pad4(idlen) +
		    pad4(typelen) + datalen;
		need = DIME_HEADER + pad4(optlen) + pad4(idlen) +
		    pad4(typelen) + pad4(datalen);
		/* The last record's final padding may be left out. */
		if (need > left && !(last && nopad == left)) {
			snprintf(err, errlen, "DIME record %u truncated: %llu "
			    "bytes announced, %zu left", rec + 1,
			    (unsigned long long)need, left);
			return -1;
		}
		if (need > left)
			need = left;
		data = buf + pos + (size_t)(nopad - datalen);
		if (!chunk) {
			pstart = data;
			plen = (size_t)datalen;
		} else {
			/* Join in place: the chunk moves back over headers. */
			memmove(pstart + plen, data, (size_t)datalen);
			plen += (size_t)datalen;
		}
		chunk = more;
		if (!chunk)
			dime_part_done(out, pstart, plen);
		pos += (size_t)need;
	}
	if (!last) {
		snprintf(err, errlen, "DIME message truncated: no record "
		    "with the message end flag");
		return -1;
	}
	if (chunk) {
		snprintf(err, errlen, "DIME message ends inside a chunked "
		    "payload");
		return -1;
	}
	if (pos != len) {
		snprintf(err, errlen, "%zu bytes after the last DIME record",
		    len - pos);
		return -1;
	}
	return 0;
}

/* Case-insensitive search for a parameter name followed by '='. */
static const char *
find_param(const char *s, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = s; (p = strchr(p, ';')) != NULL; p++) {
		const char *q = p + 1;

		while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
			q++;
		if (strncasecmp(q, name, n) == 0) {
			q += n;
			while (*q == ' ' || *q == '\t')
				q++;
			if (*q == '=') {
				q++;
				while (*q == ' ' || *q == '\t')
					q++;
				return q;
			}
		}
	}
	return NULL;
}

int
multipart_boundary(const char *content_type, char *out, size_t size)
{
	const char *v = find_param(content_type, "boundary");
	size_t n = 0;

	if (v == NULL || size == 0)
		return -1;
	if (*v == '"') {
		v++;
		while (v[n] != '\0' && v[n] != '"')
			n++;
		if (v[n] != '"')
			return -1;
	} else
		while (v[n] != '\0' && v[n] != ';' && v[n] != ' ' &&
		    v[n] != '\t' && v[n] != '\r' && v[n] != '\n')
			n++;
	if (n == 0 || n >= size || n > DIME_BOUNDARY_MAX)
		return -1;
	memcpy(out, v, n);
	out[n] = '\0';
	return 0;
}

/* memmem(3) is a GNU extension: the first byte by memchr, then compare. */
static const char *
find_bytes(const char *hay, size_t n, const char *needle, size_t k)
{
	const char *p = hay, *end = hay + n;

	while (k > 0 && (size_t)(end - p) >= k &&
	    (p = memchr(p, needle[0], (size_t)(end - p) - k + 1)) != NULL) {
		if (memcmp(p, needle, k) == 0)
			return p;
		p++;
	}
	return NULL;
}

/*
 * Find the next delimiter line "--boundary" at or after pos that starts a
 * line (or the body) and is followed by "--", blanks or a line end.
 * Returns its offset (at the dashes) or len when there is none.
 */
static size_t
find_delim(const char *buf, size_t len, size_t pos, const char *delim,
    size_t dlen)
{
	const char *p;
	size_t at, after;

	while (pos < len) {
		p = find_bytes(buf + pos, len - pos, delim, dlen);
		if (p == NULL)
			return len;
		at = (size_t)(p - buf);
		after = at + dlen;
		if ((at == 0 || buf[at - 1] == '\n') && (after == len ||
		    buf[after] == '-' || buf[after] == '\r' ||
		    buf[after] == '\n' || buf[after] == ' ' ||
		    buf[after] == '\t'))
			return at;
		pos = at + 1;
	}
	return len;
}

/* The value of a header line "Name: value" when its name matches. */
static bool
header_is(const char *line, size_t n, const char *name, const char **value,
    size_t *vlen)
{
	size_t k = strlen(name);

	if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':')
		return false;
	line += k + 1;
	n -= k + 1;
	while (n > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		n--;
	}
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' ||
	    line[n - 1] == '\r'))
		n--;
	*value = line;
	*vlen = n;
	return true;
}

static bool
encoding_ok(const char *v, size_t n)
{
	return (n == 6 && strncasecmp(v, "binary", 6) == 0) ||
	    (n == 4 && strncasecmp(v, "8bit", 4) == 0) ||
	    (n == 4 && strncasecmp(v, "7bit", 4) == 0);
}

/*
 * Read the headers of the part starting at pos; *body is where its body
 * starts.  Returns 0 or -1 (truncated, bad encoding).
 */
static int
part_headers(const char *buf, size_t len, size_t pos, size_t *body,
    unsigned part, const char **cid, size_t *cidlen, char *err,
    size_t errlen)
{
	const char *nl, *v;
	size_t n, vlen;

	*cid = NULL;
	*cidlen = 0;

	for (;;) {
		nl = memchr(buf + pos, '\n', len - pos);
		if (nl == NULL) {
			snprintf(err, errlen, "MIME part %u truncated in its "
			    "headers", part);
			return -1;
		}
		n = (size_t)(nl - (buf + pos));
		if (n == 0 || (n == 1 && buf[pos] == '\r')) {
			*body = (size_t)(nl - buf) + 1;
			return 0;
		}
		if (header_is(buf + pos, n, "Content-Transfer-Encoding", &v,
		    &vlen) && !encoding_ok(v, vlen)) {
			snprintf(err, errlen, "MIME part %u: unsupported "
			    "Content-Transfer-Encoding '%.*s'", part,
			    (int)(vlen < 40 ? vlen : 40), v);
			return -1;
		}
		if (header_is(buf + pos, n, "Content-ID", &v, &vlen)) {
			/* "<id>": the brackets are not part of the id. */
			if (vlen >= 2 && v[0] == '<' && v[vlen - 1] == '>') {
				v++;
				vlen -= 2;
			}
			*cid = v;
			*cidlen = vlen;
		}
		pos += n + 1;
	}
}

int
multipart_parse(const char *buf, size_t len, const char *boundary,
    struct soap_parts *out, char *err, size_t errlen)
{
	return multipart_parse_cid(buf, len, boundary, NULL, out, err, errlen);
}

int
multipart_parse_cid(const char *buf, size_t len, const char *boundary,
    const char *want, struct soap_parts *out, char *err, size_t errlen)
{
	char delim[DIME_BOUNDARY_MAX + 3];
	size_t dlen, pos, body, end, blen, cidlen;
	const char *cid;
	unsigned part;
	bool found = false;

	memset(out, 0, sizeof(*out));
	if (boundary[0] == '\0' || strlen(boundary) > DIME_BOUNDARY_MAX) {
		snprintf(err, errlen, "bad MIME boundary");
		return -1;
	}
	dlen = (size_t)snprintf(delim, sizeof(delim), "--%s", boundary);
	pos = find_delim(buf, len, 0, delim, dlen);
	if (pos == len) {
		snprintf(err, errlen, "no MIME boundary in the answer");
		return -1;
	}
	for (part = 1;; part++) {
		pos += dlen;
		if (len - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-')
			break;	/* the close delimiter */
		while (pos < len && (buf[pos] == ' ' || buf[pos] == '\t'))
			pos++;
		if (pos < len && buf[pos] == '\r')
			pos++;
		if (pos >= len || buf[pos] != '\n') {
			snprintf(err, errlen, "MIME part %u truncated at its "
			    "boundary", part);
			return -1;
		}
		pos++;
		if (part_headers(buf, len, pos, &body, part, &cid, &cidlen,
		    err, errlen) != 0)
			return -1;
		end = find_delim(buf, len, body, delim, dlen);
		if (end == len) {
			snprintf(err, errlen, "MIME part %u truncated: no "
			    "closing boundary", part);
			return -1;
		}
		/* The line break before the delimiter belongs to it. */
		blen = end - body;
		if (blen > 0 && buf[end - 1] == '\n')
			blen--;
		if (blen > 0 && buf[body + blen - 1] == '\r')
			blen--;
		if (want == NULL || out->nparts == 0)
			dime_part_done(out, buf + body, blen);
		else {
			/* XOP: the part whose Content-ID the envelope names. */
			if (!found && cid != NULL && cidlen == strlen(want) &&
			    memcmp(cid, want, cidlen) == 0) {
				out->attach = buf + body;
				out->attach_len = blen;
				found = true;
			}
			out->nparts++;
		}
		pos = end;
	}
	if (out->nparts == 0) {
		snprintf(err, errlen, "MIME answer without parts");
		return -1;
	}
	if (want != NULL && !found) {
		snprintf(err, errlen, "no MIME part with the Content-ID "
		    "<%.60s> the answer refers to", want);
		return -1;
	}
	return 0;
}

int
soap_parts_split(char *buf, size_t len, const char *content_type,
    struct soap_parts *out, char *err, size_t errlen)
{
	char boundary[DIME_BOUNDARY_MAX + 1];
	const char *ct = content_type ? content_type : "";

	while (*ct == ' ' || *ct == '\t')
		ct++;
	if (strncasecmp(ct, "application/dime", 16) == 0)
		return dime_parse(buf, len, out, err, errlen);
	if (strncasecmp(ct, "multipart/", 10) == 0) {
		if (multipart_boundary(ct, boundary, sizeof(boundary)) != 0) {
			snprintf(err, errlen, "multipart answer without a "
			    "usable boundary");
			return -1;
		}
		return multipart_parse(buf, len, boundary, out, err, errlen);
	}
	memset(out, 0, sizeof(*out));
	out->soap = buf;
	out->soap_len = len;
	out->nparts = 1;
	return 0;
}
