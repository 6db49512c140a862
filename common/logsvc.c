/*
 * logsvc.c - selectLogFiles and GetOneFile messages of CUC's
 * Serviceability log collection (see logsvc.h for the shapes).
 *
 * Learned from public clients of the services (read, not copied): the
 * requests carry every FileSelectionCriteria element even when unused
 * (ServiceLogs/item, SystemLogs/item, SearchStr, Frequency OnDemand, JobType
 * DownloadtoClient - list only, nothing is pushed -, ToDate, FromDate as
 * "MM/DD/YY hh:mm AM", TimeZone as "Client: (GMT+0:0)...", RelText None,
 * RelTime 0 - both ignored but required -, and empty Port, IPAddress,
 * UserName, Password, ZipInfo, RemoteFolder); GetOneFile is rpc/encoded
 * with an unqualified FileName.  Answers come from Axis with ns1: prefixes,
 * sometimes xsi:type attributes; we ignore prefixes and attributes.
 *
 * The XML is read by xmlscan.h's tokenizer (no libxml2: its load time
 * would be paid by every run), strict about where the input ends.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "logsvc.h"
#include "timeparse.h"
#include "xmlscan.h"
#include "zoneabbr.h"

#define FIELD_MAX	LOGSVC_PATH_MAX
#define FAULT_MAX	512

static const char select_template[] =
    "<soapenv:Envelope"
    " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
    " xmlns:soap=\"http://schemas.cisco.com/ast/soap\">"
    "<soapenv:Header/><soapenv:Body><soap:selectLogFiles>"
    "<soap:FileSelectionCriteria>"
    "<soap:ServiceLogs><soap:item>%s</soap:item></soap:ServiceLogs>"
    "<soap:SystemLogs><soap:item></soap:item></soap:SystemLogs>"
    "<soap:SearchStr></soap:SearchStr>"
    "<soap:Frequency>OnDemand</soap:Frequency>"
    "<soap:JobType>DownloadtoClient</soap:JobType>"
    "<soap:ToDate>%s</soap:ToDate>"
    "<soap:FromDate>%s</soap:FromDate>"
    "<soap:TimeZone>%s</soap:TimeZone>"
    "<soap:RelText>%s</soap:RelText><soap:RelTime>%u</soap:RelTime>"
    "<soap:Port></soap:Port><soap:IPAddress></soap:IPAddress>"
    "<soap:UserName></soap:UserName><soap:Password></soap:Password>"
    "<soap:ZipInfo></soap:ZipInfo><soap:RemoteFolder></soap:RemoteFolder>"
    "</soap:FileSelectionCriteria></soap:selectLogFiles>"
    "</soapenv:Body></soapenv:Envelope>";

static const char getfile_template[] =
    "<soapenv:Envelope"
    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
    " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
    " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
    " xmlns:soap=\"http://schemas.cisco.com/ast/soap/\">"
    "<soapenv:Header/><soapenv:Body>"
    "<soap:GetOneFile soapenv:encodingStyle="
    "\"http://schemas.xmlsoap.org/soap/encoding/\">"
    "<FileName xsi:type=\"get:FileName\" xmlns:get=\"http://cisco.com/ccm/"
    "serviceability/soap/LogCollection/GetFile/\">%s</FileName>"
    "</soap:GetOneFile></soapenv:Body></soapenv:Envelope>";

/*
 * GetOneFile on logcollectionservice2 (Axis2): document/literal, the body
 * is the bare FileName element of the WSDL's GetOneFileRequest (Cisco's
 * LogCollectionPortTypeService.wsdl in CiscoDevNet's
 * serviceability-python-zeep-samples), SOAPAction "GetOneFile".
 */
static const char getfile2_template[] =
    "<soapenv:Envelope"
    " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
    " xmlns:soap=\"http://schemas.cisco.com/ast/soap\">"
    "<soapenv:Header/><soapenv:Body>"
    "<soap:FileName>%s</soap:FileName>"
    "</soapenv:Body></soapenv:Envelope>";

/* getTimeZone of the same WSDL: LocalHost in, a TimeZone string out. */
static const char gettz_template[] =
    "<soapenv:Envelope"
    " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
    " xmlns:soap=\"http://schemas.cisco.com/ast/soap\">"
    "<soapenv:Header/><soapenv:Body>"
    "<soap:LocalHost>%s</soap:LocalHost>"
    "</soapenv:Body></soapenv:Envelope>";

/* Escape text for XML into dst; -1 when it does not fit. */
static int
xml_escape(char *dst, size_t size, const char *s)
{
	size_t n = 0, k;
	const char *rep;
	char one[2];

	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		default:
			one[0] = *s;
			one[1] = '\0';
			rep = one;
		}
		k = strlen(rep);
		if (n + k >= size)
			return -1;
		memcpy(dst + n, rep, k);
		n += k;
	}
	dst[n] = '\0';
	return 0;
}

/* "MM/DD/YY hh:mm AM" in UTC, to the minute (rounded up when `up`). */
static void
cisco_date(double epoch, bool up, char *buf, size_t size)
{
	int64_t t = (int64_t)epoch, days, secs, y;
	unsigned mo, d, h;

	if ((double)t > epoch)
		t--;	/* floor for negative fractions */
	if (up && (t % 60 != 0 || (double)t < epoch))
		t += 60 - ((t % 60 + 60) % 60);
	days = t / 86400;
	secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil_from_days(days, &y, &mo, &d);
	h = (unsigned)(secs / 3600);
	snprintf(buf, size, "%02u/%02u/%02u %02u:%02u %s", mo, d,
	    (unsigned)(((y % 100) + 100) % 100), h % 12 == 0 ? 12 : h % 12,
	    (unsigned)(secs / 60 % 60), h < 12 ? "AM" : "PM");
}

int
logsvc_select_request(char *buf, size_t size, const char *service,
    double from, double to)
{
	return logsvc_select_abs_request(buf, size, service, from, to, 0,
	    LOGSVC_TZ_UTC);
}

int
logsvc_select_abs_request(char *buf, size_t size, const char *service,
    double from, double to, int minutes, const char *timezone)
{
	char esc[512], tz[LOGSVC_TZ_MAX * 6], f[32], t[32];

	if (service[0] == '\0' || xml_escape(esc, sizeof(esc), service) != 0 ||
	    xml_escape(tz, sizeof(tz), timezone) != 0)
		return -1;
	/* The dates are read in the zone TimeZone names. */
	cisco_date(from + minutes * 60.0, false, f, sizeof(f));
	cisco_date(to + minutes * 60.0, true, t, sizeof(t));
	return snprintf(buf, size, select_template, esc, t, f, tz, "None", 0u);
}

int
logsvc_select_rel_request(char *buf, size_t size, const char *service,
    const char *reltext, unsigned reltime)
{
	char esc[512];

	if (service[0] == '\0' || xml_escape(esc, sizeof(esc), service) != 0 ||
	    reltime == 0 || reltime > LOGSVC_RELTIME_MAX)
		return -1;
	/* No dates, no zone: CUC counts back from its own clock. */
	return snprintf(buf, size, select_template, esc, "", "", "", reltext,
	    reltime);
}

int
logsvc_rel_span(double seconds, const char **reltext, unsigned *reltime)
{
	/* The WSDL's RelText values; a month taken as 31 days. */
	static const struct { const char *text; double unit; } u[] = {
		{ "Minutes", 60 }, { "Hours", 3600 }, { "Days", 86400 },
		{ "Weeks", 7 * 86400 }, { "Months", 31 * 86400 }
	};
	double n;
	size_t i;

	if (seconds < 60)
		seconds = 60;
	for (i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		n = seconds / u[i].unit;
		if ((double)(unsigned)n < n)
			n = (unsigned)n + 1;
		if (n <= LOGSVC_RELTIME_MAX) {
			*reltext = u[i].text;
			*reltime = (unsigned)n;
			return 0;
		}
	}
	return -1;
}

int
logsvc_timezone_string(char *buf, size_t size, int minutes)
{
	int a = minutes < 0 ? -minutes : minutes;

	/* The shape public clients send: "Client: (GMT-8:0)...". */
	return snprintf(buf, size, "Client: (GMT%c%d:%d)", minutes < 0 ?
	    '-' : '+', a / 60, a % 60);
}

int
logsvc_gettz_request(char *buf, size_t size, const char *host)
{
	char esc[512];

	if (xml_escape(esc, sizeof(esc), host) != 0)
		return -1;
	return snprintf(buf, size, gettz_template, esc);
}

/* A GetOneFile request of either endpoint: template with the path. */
static int
getfile_request(char *buf, size_t size, const char *template,
    const char *path)
{
	char esc[LOGSVC_PATH_MAX * 6];

	if (path[0] == '\0' || xml_escape(esc, sizeof(esc), path) != 0)
		return -1;
	return snprintf(buf, size, template, esc);
}

int
logsvc_getfile2_request(char *buf, size_t size, const char *path)
{
	return getfile_request(buf, size, getfile2_template, path);
}

int
logsvc_getfile_request(char *buf, size_t size, const char *path)
{
	return getfile_request(buf, size, getfile_template, path);
}

/* --- decoding text ------------------------------------------------------- */

static bool
name_is(const char *s, size_t n, const char *want)
{
	return strlen(want) == n && strncasecmp(s, want, n) == 0;
}

/* Append UTF-8 for code point c; false when it does not fit. */
static bool
put_utf8(char *buf, size_t size, size_t *len, unsigned long c)
{
	unsigned char u[4];
	size_t k;

	if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = '?';
	if (c < 0x80) {
		u[0] = (unsigned char)c;
		k = 1;
	} else if (c < 0x800) {
		u[0] = (unsigned char)(0xc0 | c >> 6);
		u[1] = (unsigned char)(0x80 | (c & 0x3f));
		k = 2;
	} else if (c < 0x10000) {
		u[0] = (unsigned char)(0xe0 | c >> 12);
		u[1] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		u[2] = (unsigned char)(0x80 | (c & 0x3f));
		k = 3;
	} else {
		u[0] = (unsigned char)(0xf0 | c >> 18);
		u[1] = (unsigned char)(0x80 | (c >> 12 & 0x3f));
		u[2] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		u[3] = (unsigned char)(0x80 | (c & 0x3f));
		k = 4;
	}
	if (*len + k >= size)
		return false;
	memcpy(buf + *len, u, k);
	*len += k;
	buf[*len] = '\0';
	return true;
}

/*
 * Append text to buf, decoding entities unless raw.  Returns false when
 * it does not fit (or a NUL would enter).  An unknown entity is kept as is.
 */
static bool
append_text(char *buf, size_t size, size_t *len, const char *s, size_t n,
    bool raw)
{
	static const struct { const char *name; char c; } ents[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' }
	};
	unsigned long c;
	size_t i, k, j;
	bool done;

	for (i = 0; i < n; i++) {
		if (s[i] == '\0')
			return false;
		if (!raw && s[i] == '&') {
			done = false;
			for (k = 0; k < sizeof(ents) / sizeof(ents[0]); k++) {
				j = strlen(ents[k].name);
				if (n - i - 1 >= j &&
				    memcmp(s + i + 1, ents[k].name, j) == 0) {
					if (!put_utf8(buf, size, len,
					    (unsigned char)ents[k].c))
						return false;
					i += j;
					done = true;
					break;
				}
			}
			if (!done && i + 2 < n && s[i + 1] == '#') {
				bool hex = s[i + 2] == 'x' || s[i + 2] == 'X';

				c = 0;
				for (j = i + (hex ? 3 : 2); j < n && j - i < 12;
				    j++) {
					int v = s[j] >= '0' && s[j] <= '9' ?
					    s[j] - '0' : hex && s[j] >= 'a' &&
					    s[j] <= 'f' ? s[j] - 'a' + 10 :
					    hex && s[j] >= 'A' && s[j] <= 'F' ?
					    s[j] - 'A' + 10 : -1;

					if (v < 0)
						break;
					c = c * (hex ? 16 : 10) + (unsigned)v;
				}
				if (j < n && s[j] == ';' &&
				    j > i + (hex ? 3u : 2u)) {
					if (!put_utf8(buf, size, len, c))
						return false;
					i = j;
					done = true;
				}
			}
			if (done)
				continue;
		}
		if (*len + 1 >= size)
			return false;
		buf[(*len)++] = s[i];
		buf[*len] = '\0';
	}
	return true;
}

/* --- Java dates ----------------------------------------------------------- */

/*
 * The offset of a zone text when it has exactly one: "GMT+05:30", "UTC",
 * or an abbreviation with a single offset in zoneabbr.h's table.
 */
static int
zone_minutes(const char *z, size_t n, int *out)
{
	const struct zoneabbr *rows;
	size_t count, used;
	int off;

	/* Zones without an abbreviation print as "GMT+05:30". */
	if (n > 3 && (memcmp(z, "GMT", 3) == 0 || memcmp(z, "UTC", 3) == 0) &&
	    time_parse_zone(z + 3, n - 3, &off, &used) == 0 && used == n - 3) {
		*out = off / 60;
		return 0;
	}
	if (zoneabbr_find(z, n, &rows, &count) != 1)
		return -1;
	*out = rows[0].minutes;
	return 0;
}

static int
two_digits(const char *s, int *out)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return 0;
}

int
logsvc_java_wall(const char *s, size_t len, double *wall, char *zone,
    size_t zsize)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	const char *tok[6], *p = s, *end = s + len;
	size_t tlen[6], i, k;
	int day = 0, hh, mm, ss, year = 0;
	unsigned mon = 0;

	for (i = 0; i < 6; i++) {
		while (p < end && *p == ' ')
			p++;
		if (p == end)
			return -1;
		tok[i] = p;
		while (p < end && *p != ' ')
			p++;
		tlen[i] = (size_t)(p - tok[i]);
	}
	while (p < end && *p == ' ')
		p++;
	if (p != end || tlen[0] != 3 || tlen[1] != 3 || tlen[3] != 8 ||
	    tlen[5] != 4 || tlen[2] < 1 || tlen[2] > 2)
		return -1;
	for (k = 0; k < 12; k++)
		if (memcmp(tok[1], months + 3 * k, 3) == 0)
			mon = (unsigned)k + 1;
	if (mon == 0)
		return -1;
	for (k = 0; k < tlen[2]; k++) {
		if (tok[2][k] < '0' || tok[2][k] > '9')
			return -1;
		day = day * 10 + (tok[2][k] - '0');
	}
	for (k = 0; k < 4; k++) {
		if (tok[5][k] < '0' || tok[5][k] > '9')
			return -1;
		year = year * 10 + (tok[5][k] - '0');
	}
	if (two_digits(tok[3], &hh) != 0 || tok[3][2] != ':' ||
	    two_digits(tok[3] + 3, &mm) != 0 || tok[3][5] != ':' ||
	    two_digits(tok[3] + 6, &ss) != 0)
		return -1;
	if (day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60)
		return -1;
	if (tlen[4] == 0 || tlen[4] >= zsize)
		return -1;
	memcpy(zone, tok[4], tlen[4]);
	zone[tlen[4]] = '\0';
	*wall = (double)(days_from_civil(year, mon, (unsigned)day) * 86400 +
	    hh * 3600 + mm * 60 + ss);
	return 0;
}

int
logsvc_java_date(const char *s, size_t len, double *epoch)
{
	char zone[LOGSVC_ZONE_MAX];
	double wall;
	int zmin;

	if (logsvc_java_wall(s, len, &wall, zone, sizeof(zone)) != 0 ||
	    zone_minutes(zone, strlen(zone), &zmin) != 0)
		return -1;
	*epoch = wall - zmin * 60.0;
	return 0;
}

/* --- the answers ---------------------------------------------------------- */

enum field { F_NONE = -1, F_NAME, F_PATH, F_SIZE, F_DATE, F_COUNT };

struct listscan {
	bool		 envelope;
	bool		 root_seen;
	bool		 response;	/* selectLogFilesResponse seen */
	bool		 fault;
	int		 fault_field;	/* collecting: 1 faultstring, 2 code */
	char		 fault_text[FAULT_MAX];
	size_t		 fault_len;
	char		 fault_code[FAULT_MAX];
	size_t		 code_len;
	bool		 in_file;
	enum field	 field;
	char		 val[F_COUNT][FIELD_MAX];
	size_t		 vlen[F_COUNT];
	bool		 seen[F_COUNT];
};

static enum field
field_of(const char *s, size_t n)
{
	if (name_is(s, n, "name") || name_is(s, n, "filename"))
		return F_NAME;
	if (name_is(s, n, "absolutepath"))
		return F_PATH;
	if (name_is(s, n, "filesize"))
		return F_SIZE;
	if (name_is(s, n, "modifiedDate"))
		return F_DATE;
	return F_NONE;
}

/* Store the File just closed; -1 with err when it is not usable. */
static int
file_done(struct listscan *ls, struct logsvc_list *out, size_t *alloc,
    char *err, size_t errlen)
{
	struct logsvc_file *f, *nf;
	char *endp;
	int i, zmin;

	for (i = 0; i < F_COUNT; i++)
		xml_trim(ls->val[i]);
	if (!ls->seen[F_NAME] || !ls->seen[F_PATH] || ls->val[F_NAME][0] ==
	    '\0' || ls->val[F_PATH][0] == '\0') {
		snprintf(err, errlen, "a File without %s in the list",
		    ls->val[F_NAME][0] == '\0' ? "name" : "absolutepath");
		return -1;
	}
	if (out->count == LOGSVC_FILES_MAX) {
		snprintf(err, errlen, "more than %d files in the list",
		    LOGSVC_FILES_MAX);
		return -1;
	}
	if (out->count == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 16;
		if ((nf = realloc(out->files, *alloc * sizeof(*nf))) == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		out->files = nf;
	}
	if (strlen(ls->val[F_NAME]) >= LOGSVC_NAME_MAX) {
		snprintf(err, errlen, "a file name too long in the list");
		return -1;
	}
	f = &out->files[out->count];
	memset(f, 0, sizeof(*f));
	memcpy(f->name, ls->val[F_NAME], strlen(ls->val[F_NAME]) + 1);
	memcpy(f->path, ls->val[F_PATH], strlen(ls->val[F_PATH]) + 1);
	if (ls->seen[F_SIZE] && ls->val[F_SIZE][0] != '\0') {
		if (ls->val[F_SIZE][0] < '0' || ls->val[F_SIZE][0] > '9' ||
		    (f->size = strtoull(ls->val[F_SIZE], &endp, 10),
		    *endp != '\0') || strlen(ls->val[F_SIZE]) > 19) {
			snprintf(err, errlen, "%s: bad filesize '%.40s'",
			    f->name, ls->val[F_SIZE]);
			return -1;
		}
		f->has_size = true;
	}
	if (ls->seen[F_DATE] && ls->val[F_DATE][0] != '\0') {
		if (logsvc_java_wall(ls->val[F_DATE], strlen(ls->val[F_DATE]),
		    &f->wall, f->zone, sizeof(f->zone)) != 0) {
			snprintf(err, errlen, "%s: unreadable modifiedDate "
			    "'%.60s'", f->name, ls->val[F_DATE]);
			return -1;
		}
		f->has_mtime = true;
		/* An ambiguous zone waits for logsvc_resolve_mtimes(). */
		if (zone_minutes(f->zone, strlen(f->zone), &zmin) == 0) {
			f->mtime = f->wall - zmin * 60.0;
			f->mtime_known = true;
		}
	}
	out->count++;
	return 0;
}

static void
file_start(struct listscan *ls)
{
	int i;

	ls->in_file = true;
	ls->field = F_NONE;
	for (i = 0; i < F_COUNT; i++) {
		ls->val[i][0] = '\0';
		ls->vlen[i] = 0;
		ls->seen[i] = false;
	}
}

/* Feed one token; -1 with err on a bad File. */
static int
list_token(struct listscan *ls, enum xtok t, const char *s, size_t n,
    struct logsvc_list *out, size_t *alloc, char *err, size_t errlen)
{
	if (t == XT_OPEN || t == XT_EMPTY) {
		if (!ls->root_seen) {
			ls->root_seen = true;
			ls->envelope = name_is(s, n, "Envelope");
		}
		if (name_is(s, n, "selectLogFilesResponse"))
			ls->response = true;
		if (name_is(s, n, "Fault"))
			ls->fault = true;
		if (t == XT_EMPTY) {
			if (ls->in_file && field_of(s, n) != F_NONE)
				ls->seen[field_of(s, n)] = true;
			return 0;
		}
		if (ls->fault && (name_is(s, n, "faultstring") ||
		    name_is(s, n, "Text")))
			ls->fault_field = 1;
		else if (ls->fault && (name_is(s, n, "faultcode") ||
		    name_is(s, n, "Value")))
			ls->fault_field = 2;
		if (name_is(s, n, "File") && !ls->in_file)
			file_start(ls);
		else if (ls->in_file && ls->field == F_NONE &&
		    (ls->field = field_of(s, n)) != F_NONE)
			ls->seen[ls->field] = true;
		return 0;
	}
	if (t == XT_TEXT || t == XT_CDATA) {
		if (ls->fault_field == 1)
			append_text(ls->fault_text, sizeof(ls->fault_text),
			    &ls->fault_len, s, n, t == XT_CDATA);
		else if (ls->fault_field == 2)
			append_text(ls->fault_code, sizeof(ls->fault_code),
			    &ls->code_len, s, n, t == XT_CDATA);
		if (ls->in_file && ls->field != F_NONE &&
		    !append_text(ls->val[ls->field], FIELD_MAX,
		    &ls->vlen[ls->field], s, n, t == XT_CDATA)) {
			snprintf(err, errlen, "a File field too long or "
			    "holding NUL in the list");
			return -1;
		}
		return 0;
	}
	/* XT_CLOSE */
	ls->fault_field = 0;
	if (ls->in_file && ls->field != F_NONE && field_of(s, n) == ls->field)
		ls->field = F_NONE;
	else if (ls->in_file && name_is(s, n, "File")) {
		ls->in_file = false;
		return file_done(ls, out, alloc, err, errlen);
	}
	return 0;
}

/* Run the scanner over the answer; -1 on a cut input or a bad File. */
static int
list_scan(const char *xml, size_t len, struct listscan *ls,
    struct logsvc_list *out, size_t *alloc, char *err, size_t errlen)
{
	struct xscan x;
	enum xtok t;
	const char *s;
	size_t n;

	xscan_init(&x, xml, len);
	while ((t = xscan_next(&x, &s, &n)) != XT_END) {
		if (t == XT_CUT) {
			snprintf(err, errlen, "the answer is cut short");
			return -1;
		}
		if (t == XT_TEXT && !ls->root_seen) {
			if (!xml_is_blank(s, n)) {
				snprintf(err, errlen, "not a SOAP envelope");
				return -1;
			}
			continue;
		}
		if (list_token(ls, t, s, n, out, alloc, err, errlen) != 0)
			return -1;
	}
	return 0;
}

int
logsvc_fault(const char *xml, size_t len, char *msg, size_t size)
{
	struct logsvc_list none = { NULL, 0 };
	struct listscan *ls;
	size_t alloc = 0;
	char err[64];
	int found;

	if ((ls = calloc(1, sizeof(*ls))) == NULL)
		return 0;
	(void)list_scan(xml, len, ls, &none, &alloc, err, sizeof(err));
	logsvc_list_free(&none);
	found = ls->fault && ls->envelope;
	if (found) {
		xml_trim(ls->fault_text);
		xml_trim(ls->fault_code);
		snprintf(msg, size, "%s", ls->fault_text[0] ? ls->fault_text :
		    ls->fault_code[0] ? ls->fault_code : "(no faultstring)");
	}
	free(ls);
	return found;
}

int
logsvc_list_parse(const char *xml, size_t len, struct logsvc_list *out,
    char *err, size_t errlen)
{
	struct listscan *ls;
	size_t alloc = 0;
	int rc = -1;

	out->files = NULL;
	out->count = 0;
	if ((ls = calloc(1, sizeof(*ls))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (list_scan(xml, len, ls, out, &alloc, err, errlen) != 0)
		goto done;
	if (!ls->envelope) {
		snprintf(err, errlen, "not a SOAP envelope");
		goto done;
	}
	if (ls->fault) {
		xml_trim(ls->fault_text);
		xml_trim(ls->fault_code);
		snprintf(err, errlen, "SOAP fault: %s", ls->fault_text[0] ?
		    ls->fault_text : ls->fault_code[0] ? ls->fault_code :
		    "(no faultstring)");
		goto done;
	}
	if (!ls->response) {
		snprintf(err, errlen, "no selectLogFilesResponse in the "
		    "answer");
		goto done;
	}
	if (ls->in_file) {
		snprintf(err, errlen, "the answer is cut short");
		goto done;
	}
	rc = 0;
done:
	if (rc != 0)
		logsvc_list_free(out);
	free(ls);
	return rc;
}

void
logsvc_list_free(struct logsvc_list *l)
{
	free(l->files);
	l->files = NULL;
	l->count = 0;
}

int
logsvc_resolve_mtimes(struct logsvc_list *l, double now, bool has_now,
    double max_age, char *err, size_t errlen)
{
	return logsvc_resolve_mtimes_in(l, now, has_now, max_age, NULL, NULL,
	    0, err, errlen);
}

int
logsvc_resolve_mtimes_in(struct logsvc_list *l, double now, bool has_now,
    double max_age, const struct zoneabbr_known *k, char *note,
    size_t notelen, char *err, size_t errlen)
{
	struct zoneabbr_date *d;
	size_t i, n = 0;
	int rc;

	/* a note on every return, an empty listing's too */
	if (note != NULL && notelen > 0)
		note[0] = '\0';
	if (l->count == 0)
		return 0;
	if ((d = calloc(l->count, sizeof(*d))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < l->count; i++) {
		if (!l->files[i].has_mtime)
			continue;
		d[n].wall = l->files[i].wall;
		d[n].zone = l->files[i].zone;
		d[n].name = l->files[i].name;
		n++;
	}
	rc = k != NULL ? zoneabbr_resolve_known(d, n, k, note, notelen, err,
	    errlen) : zoneabbr_resolve_noted(d, n, now, has_now, max_age,
	    note, notelen, err, errlen);
	for (i = 0, n = 0; rc == 0 && i < l->count; i++) {
		if (!l->files[i].has_mtime)
			continue;
		l->files[i].mtime = d[n++].utc;
		l->files[i].mtime_known = true;
	}
	free(d);
	return rc;
}

/* --- getTimeZone, MTOM/XOP, fault kinds ----------------------------------- */

/* The value of attribute `name` in the tag bytes [p, end); false if none. */
static bool
tag_attr(const char *p, const char *end, const char *name, const char **v,
    size_t *vn)
{
	size_t k = strlen(name);
	char q;

	while (p < end) {
		while (p < end && (xml_is_space(*p) || *p == '/'))
			p++;
		const char *a = p;

		while (p < end && *p != '=' && !xml_is_space(*p) && *p != '>')
			p++;
		const char *an = a, *ae = p;
		const char *colon = memchr(a, ':', (size_t)(ae - a));

		if (colon != NULL)
			an = colon + 1;	/* xop:href is no XOP, but be kind */
		while (p < end && xml_is_space(*p))
			p++;
		if (p == end || *p != '=')
			return false;
		p++;
		while (p < end && xml_is_space(*p))
			p++;
		if (p == end || (*p != '"' && *p != '\''))
			return false;
		q = *p++;
		const char *val = p;

		while (p < end && *p != q)
			p++;
		if (p == end)
			return false;
		if ((size_t)(ae - an) == k && memcmp(an, name, k) == 0) {
			*v = val;
			*vn = (size_t)(p - val);
			return true;
		}
		p++;
	}
	return false;
}

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
	    c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* "cid:ID" with %XX escapes into cid; -1 when not a cid: URL or too long. */
static int
cid_of(const char *v, size_t n, char *cid, size_t size)
{
	size_t i, o = 0;

	if (n < 5 || strncasecmp(v, "cid:", 4) != 0)
		return -1;
	for (i = 4; i < n; i++) {
		char c = v[i];

		if (c == '%') {
			if (i + 2 >= n || hexval(v[i + 1]) < 0 ||
			    hexval(v[i + 2]) < 0)
				return -1;
			c = (char)(hexval(v[i + 1]) * 16 + hexval(v[i + 2]));
			i += 2;
		} else if (c == '&') {
			return -1;	/* entities in an id: not worth it */
		}
		if (c == '\0' || o + 1 >= size)
			return -1;
		cid[o++] = c;
	}
	cid[o] = '\0';
	return o > 0 ? 0 : -1;
}

int
logsvc_xop_cid(const char *xml, size_t len, char *cid, size_t size)
{
	struct xscan x;
	enum xtok t;
	const char *s, *v, *tag;
	size_t n, vn;
	int depth = 0;	/* inside GetOneFileReturn */

	xscan_init(&x, xml, len);
	while ((t = xscan_next(&x, &s, &n)) != XT_END && t != XT_CUT) {
		if (t == XT_CLOSE && name_is(s, n, "GetOneFileReturn"))
			depth = 0;
		if (t != XT_OPEN && t != XT_EMPTY)
			continue;
		tag = s + n;
		if (name_is(s, n, "GetOneFileReturn")) {
			depth = t == XT_OPEN;
			/* SOAP with attachments puts href on the element. */
			if (tag_attr(tag, x.p, "href", &v, &vn))
				return cid_of(v, vn, cid, size) == 0 ? 1 : -1;
		} else if (depth && name_is(s, n, "Include")) {
			if (!tag_attr(tag, x.p, "href", &v, &vn))
				return -1;
			return cid_of(v, vn, cid, size) == 0 ? 1 : -1;
		}
	}
	return 0;
}

int
logsvc_gettz_parse(const char *xml, size_t len, char *tz, size_t size,
    int *minutes)
{
	struct xscan x;
	enum xtok t;
	const char *s, *p;
	size_t n, tl = 0;
	bool in = false, fault = false;
	int h = 0, m = 0, sign;

	tz[0] = '\0';
	xscan_init(&x, xml, len);
	while ((t = xscan_next(&x, &s, &n)) != XT_END && t != XT_CUT) {
		if ((t == XT_OPEN || t == XT_EMPTY) && name_is(s, n, "Fault"))
			fault = true;
		if (t == XT_OPEN)
			in = name_is(s, n, "TimeZone") ||
			    name_is(s, n, "getTimeZone") ||
			    name_is(s, n, "getTimeZoneReturn");
		else if (t == XT_CLOSE)
			in = false;
		else if ((t == XT_TEXT || t == XT_CDATA) && in &&
		    !append_text(tz, size, &tl, s, n, t == XT_CDATA))
			return -1;
	}
	xml_trim(tz);
	/* The offset: "(GMT-8:0)", "(GMT+5:30)". */
	if (fault || (p = strstr(tz, "GMT")) == NULL)
		return -1;
	p += 3;
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9' && h < 100)
		h = h * 10 + (*p++ - '0');
	if (*p == ':') {
		for (p++; *p >= '0' && *p <= '9' && m < 100; p++)
			m = m * 10 + (*p - '0');
	}
	if (h > 14 || m > 59)
		return -1;
	*minutes = sign * (h * 60 + m);
	return 0;
}

static bool
contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

bool
logsvc_fault_absent(const char *fault)
{
	return contains_ci(fault, "Operation not found") ||
	    contains_ci(fault, "service cannot be found") ||
	    contains_ci(fault, "No such operation") ||
	    contains_ci(fault, "Service not found");
}

bool
logsvc_fault_selection(const char *fault)
{
	const char *p;

	/* "-101" as a number of its own, not inside "-1010" or "x-101y". */
	for (p = fault; (p = strstr(p, "-101")) != NULL; p++)
		if ((p[4] < '0' || p[4] > '9') && (p == fault ||
		    (p[-1] != '-' && (p[-1] < '0' || p[-1] > '9'))))
			return true;
	return false;
}
