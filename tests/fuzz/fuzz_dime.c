/*
 * fuzz_dime.c - soap_parts_split() on arbitrary answers.  The input is a
 * Content-Type line, a newline, then the body; the body is copied to an
 * exact-size buffer (no terminator) so ASan catches any read past its
 * length.  Checks the contract: on success every span lies inside the
 * body and the envelope is present; on failure a reason is given.  For a
 * multipart type, multipart_parse_cid() too (MTOM/XOP), the wanted id
 * taken from a "cid=" parameter of the line (else "f@y").
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dime.h"

static int
inside(const char *p, size_t n, const char *buf, size_t len)
{
	return p >= buf && n <= len && (size_t)(p - buf) <= len - n;
}

static void
check_cid(const char *ct, const uint8_t *data, size_t len)
{
	struct soap_parts p;
	char boundary[DIME_BOUNDARY_MAX + 1], cid[64] = "f@y", err[300];
	const char *c = strstr(ct, "cid=");
	char *buf;
	size_t n, i;
	volatile unsigned sum = 0;

	if (multipart_boundary(ct, boundary, sizeof(boundary)) != 0)
		return;
	if (c != NULL) {
		c += 4;
		n = strcspn(c, ";");
		if (n >= sizeof(cid))
			n = sizeof(cid) - 1;
		memcpy(cid, c, n);
		cid[n] = '\0';
	}
	if ((buf = malloc(len ? len : 1)) == NULL)
		return;
	memcpy(buf, data, len);
	err[0] = '\0';
	if (multipart_parse_cid(buf, len, boundary, cid, &p, err,
	    sizeof(err)) == 0) {
		if (p.soap == NULL || p.attach == NULL ||
		    !inside(p.soap, p.soap_len, buf, len) ||
		    !inside(p.attach, p.attach_len, buf, len))
			abort();
		for (i = 0; i < p.attach_len; i++)
			sum += (unsigned char)p.attach[i];
	} else if (err[0] == '\0')
		abort();
	(void)sum;
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct soap_parts p;
	char ct[300], err[300], *buf;
	const uint8_t *nl = memchr(data, '\n', size < 299 ? size : 299);
	size_t clen = nl ? (size_t)(nl - data) : 0, len, i;
	volatile unsigned sum = 0;
	int rc;

	memcpy(ct, data, clen);
	ct[clen] = '\0';
	data += nl ? clen + 1 : 0;
	len = size - (nl ? clen + 1 : 0);
	if ((buf = malloc(len ? len : 1)) == NULL)
		return 0;
	memcpy(buf, data, len);
	err[0] = '\0';
	rc = soap_parts_split(buf, len, ct, &p, err, sizeof(err));
	if (rc == 0) {
		if (p.nparts == 0 || p.soap == NULL ||
		    !inside(p.soap, p.soap_len, buf, len))
			abort();
		if (p.attach != NULL && (p.nparts < 2 ||
		    !inside(p.attach, p.attach_len, buf, len)))
			abort();
		/* Touch every byte so ASan checks the spans. */
		for (i = 0; i < p.soap_len; i++)
			sum += (unsigned char)p.soap[i];
		for (i = 0; p.attach != NULL && i < p.attach_len; i++)
			sum += (unsigned char)p.attach[i];
		if (p.soap_len == 0 && p.attach_len == 0 && sum != 0)
			abort();
	} else if (rc != -1 || err[0] == '\0' ||
	    strnlen(err, sizeof(err)) == sizeof(err))
		abort();
	check_cid(ct, data, len);
	free(buf);
	return 0;
}
