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
    "<soap:TimeZone>Client: (GMT+0:0)GMT Standard Time-UTC</soap:TimeZone>"
    "<soap:RelText>None</soap:RelText><soap:RelTime>0</soap:RelTime>"
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
	char esc[512], f[32], t[32];

	if (service[0] == '\0' || xml_escape(esc, sizeof(esc), service) != 0)
		return -1;
	cisco_date(from, false, f, sizeof(f));
	cisco_date(to, true, t, sizeof(t));
	return snprintf(buf, size, select_template, esc, t, f);
}

int
logsvc_getfile_request(char *buf, size_t size, const char *path)
{
	char esc[LOGSVC_PATH_MAX * 6];

	if (path[0] == '\0' || xml_escape(esc, sizeof(esc), path) != 0)
		return -1;
	return snprintf(buf, size, getfile_template, esc);
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

static const struct {
	const char	*abbr;
	int		 minutes;	/* east of UTC */
} zones[] = {
	{ "UTC", 0 }, { "GMT", 0 }, { "UT", 0 }, { "Z", 0 }, { "WET", 0 },
	{ "WEST", 60 }, { "BST", 60 }, { "IST", 330 }, { "CET", 60 },
	{ "CEST", 120 }, { "MET", 60 }, { "MEST", 120 }, { "EET", 120 },
	{ "EEST", 180 }, { "MSK", 180 }, { "SAST", 120 }, { "GST", 240 },
	{ "PKT", 300 }, { "ICT", 420 }, { "WIB", 420 }, { "HKT", 480 },
	{ "SGT", 480 }, { "AWST", 480 }, { "JST", 540 }, { "KST", 540 },
	{ "ACST", 570 }, { "ACDT", 630 }, { "AEST", 600 }, { "AEDT", 660 },
	{ "NZST", 720 }, { "NZDT", 780 }, { "HST", -600 }, { "AKST", -540 },
	{ "AKDT", -480 }, { "PST", -480 }, { "PDT", -420 }, { "MST", -420 },
	{ "MDT", -360 }, { "CST", -360 }, { "CDT", -300 }, { "EST", -300 },
	{ "EDT", -240 }, { "AST", -240 }, { "ADT", -180 }, { "NST", -210 },
	{ "NDT", -150 }, { "BRT", -180 }, { "ART", -180 }
};

static int
zone_minutes(const char *z, size_t n, int *out)
{
	size_t i, used;
	int off;

	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
		if (strlen(zones[i].abbr) == n &&
		    memcmp(zones[i].abbr, z, n) == 0) {
			*out = zones[i].minutes;
			return 0;
		}
	/* Zones without an abbreviation print as "GMT+05:30". */
	if (n > 3 && (memcmp(z, "GMT", 3) == 0 || memcmp(z, "UTC", 3) == 0) &&
	    time_parse_zone(z + 3, n - 3, &off, &used) == 0 && used == n - 3) {
		*out = off / 60;
		return 0;
	}
	return -1;
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
logsvc_java_date(const char *s, size_t len, double *epoch)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	const char *tok[6], *p = s, *end = s + len;
	size_t tlen[6], i, k;
	int day = 0, hh, mm, ss, zmin, year = 0;
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
	if (zone_minutes(tok[4], tlen[4], &zmin) != 0)
		return -1;
	*epoch = (double)(days_from_civil(year, mon, (unsigned)day) * 86400 +
	    hh * 3600 + mm * 60 + ss) - zmin * 60.0;
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
	int i;

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
		if (logsvc_java_date(ls->val[F_DATE], strlen(ls->val[F_DATE]),
		    &f->mtime) != 0) {
			snprintf(err, errlen, "%s: unreadable modifiedDate "
			    "'%.60s'", f->name, ls->val[F_DATE]);
			return -1;
		}
		f->has_mtime = true;
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
