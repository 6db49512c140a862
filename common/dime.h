/*
 * dime.h - split a SOAP answer with an attachment into its SOAP envelope
 * and the attachment's bytes.
 *
 * CUC's DimeGetFileService answers GetOneFile with the file as an
 * attachment, in one of two packagings depending on the release and on
 * what the client accepts:
 *
 *   DIME (Content-Type: application/dime): a sequence of records, each a
 *   12-byte header (version 1, MB/ME/CF flags, TNF, lengths of options,
 *   id, type and data) followed by those fields, each padded to 4 bytes.
 *   The first record is the envelope, the next the file.  A payload may be
 *   split over chunk records (CF set on all but the last).
 *
 *   MIME (Content-Type: multipart/related; boundary=...): parts separated by
 *   "--boundary" lines, each with its own headers; the first part is the
 *   envelope (Axis and CXF put the root first; start= is not consulted),
 *   the next the file.
 *
 * A fault or an error page comes as plain text/xml: the whole body is the
 * envelope and there is no attachment.  Pure: no I/O, no allocation.
 */
#ifndef CUC_DIME_H
#define CUC_DIME_H

#include <stdbool.h>
#include <stddef.h>

#define DIME_BOUNDARY_MAX	200	/* RFC 2046 allows 70; be lenient */

struct soap_parts {
	const char	*soap;		/* the envelope (into the buffer) */
	size_t		 soap_len;
	const char	*attach;	/* the first attachment, NULL if none */
	size_t		 attach_len;
	unsigned	 nparts;	/* parts or records (chunks joined) */
};

/*
 * Read a DIME message.  Chunked payloads are joined in place (buf is
 * rewritten; the spans point into it).  Strict: a version other than 1,
 * a record running past len, a chunk whose type changes, a missing ME
 * flag or bytes after it are errors.  Returns 0, or -1 with the reason.
 */
int dime_parse(char *buf, size_t len, struct soap_parts *out, char *err,
    size_t errlen);

/*
 * The boundary parameter of a multipart Content-Type value (quoted or
 * not) into out.  Returns 0, or -1 when absent, empty or too long.
 */
int multipart_boundary(const char *content_type, char *out, size_t size);

/*
 * Read a multipart/related body with the given boundary.  Part bodies
 * must be binary/8bit/7bit (no base64, no quoted-printable); the closing
 * delimiter must be present.  Returns 0, or -1 with the reason.
 */
int multipart_parse(const char *buf, size_t len, const char *boundary,
    struct soap_parts *out, char *err, size_t errlen);

/*
 * The same, but the attachment is the part whose Content-ID is <cid>, as
 * MTOM/XOP answers refer to it (Axis2's GetOneFile on logcollectionservice2:
 * an xop:Include href="cid:..." in the envelope, W3C XOP 1.0); the first
 * part is the envelope.  A cid matching no part is an error.
 */
int multipart_parse_cid(const char *buf, size_t len, const char *boundary,
    const char *cid, struct soap_parts *out, char *err, size_t errlen);

/*
 * Dispatch on the Content-Type of the answer: application/dime,
 * multipart/related (or any multipart/), else the whole body as the
 * envelope.  buf may be rewritten (DIME chunks).  Returns 0 or -1.
 */
int soap_parts_split(char *buf, size_t len, const char *content_type,
    struct soap_parts *out, char *err, size_t errlen);

#endif
