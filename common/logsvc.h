/*
 * logsvc.h - the messages of CUC's Serviceability log collection services:
 * build the selectLogFiles and GetOneFile requests, read the file list and
 * SOAP faults.  Pure: no I/O, no printing.
 *
 * The shapes (learned from public clients of the services, see logsvc.c)
 * are, with any namespace prefix or none:
 *
 *   selectLogFiles on /logcollectionservice2/services/
 *   LogCollectionPortTypeService answers
 *     Envelope/Body/selectLogFilesResponse/ResultSet/SchemaFileSelectionResult
 *       /Node/ServiceList/ServiceLogs/SetOfFiles/File*
 *   where each File holds name, absolutepath, filesize and modifiedDate
 *   ("Wed May 16 02:11:27 EDT 2018", Java's Date.toString()).
 *
 *   GetOneFile on /logcollectionservice/services/DimeGetFileService answers
 *   an envelope and the file as a DIME or MIME attachment (dime.h).
 *
 *   A failure is a SOAP Fault with a faultstring.
 */
#ifndef CUC_LOGSVC_H
#define CUC_LOGSVC_H

#include <stdbool.h>
#include <stddef.h>

#define LOGSVC_SELECT_PATH	"/logcollectionservice2/services/" \
				"LogCollectionPortTypeService"
#define LOGSVC_GETFILE_PATH	"/logcollectionservice/services/" \
				"DimeGetFileService"
#define LOGSVC_SELECT_ACTION	"SOAPAction: \"selectLogFiles\""
#define LOGSVC_GETFILE_ACTION	"SOAPAction: \"http://schemas.cisco.com/" \
				"ast/soap/action/#LogCollectionPort" \
				"#GetOneFile\""
#define LOGSVC_CONTENT_TYPE	"Content-Type: text/xml; charset=utf-8"
#define LOGSVC_NAME_MAX		256
#define LOGSVC_PATH_MAX		1024
#define LOGSVC_FILES_MAX	10000	/* files kept from one listing */

struct logsvc_file {
	char		name[LOGSVC_NAME_MAX];
	char		path[LOGSVC_PATH_MAX];	/* absolute path on CUC */
	unsigned long long size;		/* bytes */
	bool		has_size;
	double		mtime;			/* epoch seconds, UTC */
	bool		has_mtime;
};

struct logsvc_list {
	struct logsvc_file	*files;	/* in the answer's order */
	size_t			 count;
};

/*
 * The selectLogFiles request for service (e.g. "Connection Mailbox Sync")
 * between the epoch times from and to (sent in UTC, to the minute: from
 * rounded down, to up).  Returns the length as snprintf does, or -1 when
 * the service name is empty or too long.
 */
int logsvc_select_request(char *buf, size_t size, const char *service,
    double from, double to);

/* The GetOneFile request for an absolute path; as above. */
int logsvc_getfile_request(char *buf, size_t size, const char *path);

/*
 * Read a selectLogFiles answer.  Files without a name or path are errors;
 * size and date may be absent (has_size/has_mtime false) or unreadable
 * (error naming the file).  An answer without SetOfFiles or with an empty
 * one is a valid empty list.  A Fault is an error "SOAP fault: <text>".
 * Returns 0 (free with logsvc_list_free) or -1 with the reason.
 */
int logsvc_list_parse(const char *xml, size_t len, struct logsvc_list *out,
    char *err, size_t errlen);
void logsvc_list_free(struct logsvc_list *);

/*
 * When xml holds a SOAP Fault, copy its faultstring (or Reason/Text, or
 * faultcode when that is all) into msg and return 1; else 0.
 */
int logsvc_fault(const char *xml, size_t len, char *msg, size_t size);

/*
 * Java's Date.toString(): "Wed May 16 02:11:27 EDT 2018", the zone an
 * abbreviation (a fixed table), "GMT+05:30" or "UTC".  Returns 0 or -1
 * (unknown zone or malformed).
 */
int logsvc_java_date(const char *s, size_t len, double *epoch);

#endif
