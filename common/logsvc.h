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
#define LOGSVC_ZONE_MAX		16	/* "IST", "GMT+05:30" */
#define LOGSVC_TZ_MAX		128	/* a TimeZone string */
#define LOGSVC_RELTIME_MAX	127	/* RelTime is an xsd:byte */
#define LOGSVC_TZ_UTC		"Client: (GMT+0:0)GMT Standard Time-UTC"
#define LOGSVC_GETFILE2_ACTION	"SOAPAction: \"GetOneFile\""
#define LOGSVC_GETTZ_ACTION	"SOAPAction: \"getTimeZone\""

struct logsvc_file {
	char		name[LOGSVC_NAME_MAX];
	char		path[LOGSVC_PATH_MAX];	/* absolute path on CUC */
	unsigned long long size;		/* bytes */
	bool		has_size;
	double		mtime;			/* epoch seconds, UTC */
	bool		has_mtime;		/* modifiedDate read */
	bool		mtime_known;		/* mtime set (zone resolved) */
	double		wall;			/* the date's wall clock as UTC */
	char		zone[LOGSVC_ZONE_MAX];	/* its zone text */
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

/*
 * The same with the dates written in the zone `minutes` east of UTC and
 * the TimeZone string naming it: public clients report that CUC rejects
 * (fault "-101") a TimeZone that is not the server's own.
 */
int logsvc_select_abs_request(char *buf, size_t size, const char *service,
    double from, double to, int minutes, const char *timezone);

/*
 * The relative selection: the last reltime units (RelText "Minutes",
 * "Hours", "Days", "Weeks", "Months") by CUC's own clock, no dates and
 * no zone.  RelTime is an xsd:byte in the WSDL: 1..127.  As above.
 */
int logsvc_select_rel_request(char *buf, size_t size, const char *service,
    const char *reltext, unsigned reltime);

/*
 * The smallest unit that covers `seconds` in at most 127 of it, rounded
 * up.  0, or -1 when even 127 months are too short.
 */
int logsvc_rel_span(double seconds, const char **reltext, unsigned *reltime);

/* "Client: (GMT+5:30)" for an offset, the shape of public clients. */
int logsvc_timezone_string(char *buf, size_t size, int minutes);

/* The GetOneFile request for an absolute path; as above. */
int logsvc_getfile_request(char *buf, size_t size, const char *path);

/* The same for logcollectionservice2 (document/literal, MTOM answer). */
int logsvc_getfile2_request(char *buf, size_t size, const char *path);

/* getTimeZone (LocalHost: host) on logcollectionservice2. */
int logsvc_gettz_request(char *buf, size_t size, const char *host);

/*
 * A getTimeZone answer: its TimeZone text into tz and the offset of its
 * "(GMT+h:m)" part.  0, or -1 when there is none or a fault.
 */
int logsvc_gettz_parse(const char *xml, size_t len, char *tz, size_t size,
    int *minutes);

/*
 * The content id an MTOM/XOP answer of GetOneFile refers to: the href
 * "cid:ID" of an xop:Include (any prefix) inside GetOneFileReturn, or of
 * GetOneFileReturn itself (SOAP with attachments), %-escapes decoded
 * (RFC 2392).  Returns 1 with the ID in cid, 0 when there is none, -1
 * when the href is unusable.
 */
int logsvc_xop_cid(const char *xml, size_t len, char *cid, size_t size);

/*
 * Does a fault text say the endpoint or operation does not exist (Axis2
 * "The endpoint reference (EPR) for the Operation not found is ...",
 * "The service cannot be found for the endpoint reference (EPR) ...",
 * Axis 1 "No such operation ...")?  Then the older service is tried.
 */
bool logsvc_fault_absent(const char *fault);

/* Does a fault text reject the selection criteria (code -101)? */
bool logsvc_fault_selection(const char *fault);

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
 * abbreviation (zoneabbr.h), "GMT+05:30" or "UTC".  logsvc_java_wall()
 * gives the wall clock as if UTC and the zone text (zsize bytes room);
 * logsvc_java_date() the UTC time when the zone has a single offset.
 * Both return 0 or -1 (malformed; for the latter also an unknown or
 * ambiguous zone).
 */
int logsvc_java_wall(const char *s, size_t len, double *wall, char *zone,
    size_t zsize);
int logsvc_java_date(const char *s, size_t len, double *epoch);

/*
 * Give every file of the list with a modifiedDate its UTC mtime
 * (zoneabbr_resolve(): ambiguous abbreviations read against CUC's clock
 * `now`, the HTTP Date of the listing, when has_now).  0 or -1 with err.
 */
int logsvc_resolve_mtimes(struct logsvc_list *, double now, bool has_now,
    double max_age, char *err, size_t errlen);

/*
 * The same, reading every date in the box's zone k when not NULL
 * (zoneabbr_resolve_known()), and saying in note how the newest date's
 * zone was read (note may be NULL).
 */
struct zoneabbr_known;
int logsvc_resolve_mtimes_in(struct logsvc_list *, double now,
    bool has_now, double max_age, const struct zoneabbr_known *k,
    char *note, size_t notelen, char *err, size_t errlen);

#endif
