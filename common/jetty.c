/*
 * jetty.c - parse one line of Jetty's NCSA request log; see jetty.h.
 *
 * Hand-written on purpose: a full-day scan runs this on ~6 million lines,
 * so every field is checked in one pass over the bytes, without regex,
 * sscanf, strptime or timegm (which would consult the C library's zone).
 */
#include <string.h>

#include "jetty.h"

#define NOTIFY_PATH_LEN (sizeof(JETTY_NOTIFY_PATH) - 1)

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Two decimal digits at s, or -1. */
static int
two_digits(const char *s)
{
	if (!is_digit(s[0]) || !is_digit(s[1]))
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* "Jan".."Dec" (case-insensitive) to 1..12, or 0. */
static unsigned
month_number(const char *s)
{
	static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	char m[3];
	unsigned i;

	for (i = 0; i < 3; i++)
		m[i] = (char)(s[i] | 0x20);	/* ASCII letters to lower case */
	for (i = 0; i < 12; i++)
		if (memcmp(names + 3 * i, m, 3) == 0)
			return i + 1;
	return 0;
}

/* Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm). */
static int64_t
civil_days(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/*
 * A zone "+0000", "-0130" or "+01:30" at p (before end): seconds east of
 * UTC in *off; returns the byte after it, or NULL.
 */
static const char *
parse_zone(const char *p, const char *end, int *off)
{
	int sign, hh, mm;

	if (end - p < 5 || (*p != '+' && *p != '-'))
		return NULL;
	sign = *p == '-' ? -1 : 1;
	if ((hh = two_digits(p + 1)) < 0)
		return NULL;
	p += 3;
	if (*p == ':') {
		if (end - p < 3)
			return NULL;
		p++;
	}
	if ((mm = two_digits(p)) < 0 || hh > 23 || mm > 59)
		return NULL;
	*off = sign * (hh * 3600 + mm * 60);
	return p + 2;
}

/*
 * The stamp starting at '[' (p points at it): "[dd/Mon/yyyy:HH:MM:SS[.f]
 * +zzzz]" or "[dd/Mon/yyyy:HH:MM:SS] -zzzz" or without a zone (GMT).
 * Returns the byte after the stamp and zone, or NULL.
 */
static const char *
parse_stamp(const char *p, const char *end, int64_t *t)
{
	int day, year_hi, year_lo, hh, mi, ss, off = 0;
	unsigned mon;

	/* "[29/Jun/2014:11:30:50" is 21 bytes, then at least "]". */
	if (end - p < 22 || p[3] != '/' || p[7] != '/' || p[12] != ':' ||
	    p[15] != ':' || p[18] != ':')
		return NULL;
	if ((day = two_digits(p + 1)) < 1 || day > 31 ||
	    (mon = month_number(p + 4)) == 0 ||
	    (year_hi = two_digits(p + 8)) < 0 ||
	    (year_lo = two_digits(p + 10)) < 0 ||
	    (hh = two_digits(p + 13)) < 0 || hh > 23 ||
	    (mi = two_digits(p + 16)) < 0 || mi > 59 ||
	    (ss = two_digits(p + 19)) < 0 || ss > 60)
		return NULL;
	p += 21;
	if (*p == '.' || *p == ',') {	/* a fraction, if the format has one */
		p++;
		while (p < end && is_digit(*p))
			p++;
	}
	if (p < end && *p == ' ') {		/* Jetty: zone inside */
		if ((p = parse_zone(p + 1, end, &off)) == NULL)
			return NULL;
	}
	if (p >= end || *p != ']')
		return NULL;
	p++;
	/* Cisco's tech note: zone after the bracket ("] -0000"). */
	if (end - p >= 6 && p[0] == ' ' && (p[1] == '+' || p[1] == '-') &&
	    is_digit(p[2])) {
		if ((p = parse_zone(p + 1, end, &off)) == NULL)
			return NULL;
	}
	*t = civil_days(year_hi * 100 + year_lo, mon, (unsigned)day) * 86400 +
	    hh * 3600 + mi * 60 + ss - off;
	return p;
}

/*
 * Characters an address or host name may hold in the client field: a
 * table, because this runs on every byte of every client field.
 */
static const uint8_t client_chars[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['.'] = 1, [':'] = 1, ['-'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1,
	['%'] = 1,
};

/*
 * Client field and stamp: the common start of jetty_parse and
 * jetty_line_time.  Returns the byte after the stamp, or NULL.
 */
static const char *
parse_head(const char *line, const char *end, struct jetty_record *rec)
{
	const char *p = line, *b;

	while (p < end && client_chars[(uint8_t)*p])
		p++;
	if (p == line || p >= end || *p != ' ')
		return NULL;
	rec->client = line;
	rec->client_len = (size_t)(p - line);
	/* ident and user: almost always "- -"; else anything but a quote */
	if (end - p > 6 && memcmp(p, " - - [", 6) == 0)
		b = p + 5;
	else if ((b = memchr(p, '[', (size_t)(end - p))) == NULL ||
	    b[-1] != ' ' || memchr(p, '"', (size_t)(b - p)) != NULL)
		return NULL;
	return parse_stamp(b, end, &rec->time);
}

/* Find id= among the query's parameters ('&' separated). */
static void
find_id(const char *q, const char *qend, struct jetty_record *rec)
{
	const char *amp;

	while (q < qend) {
		/* memchr, not a byte loop: ids are long and this is hot */
		if ((amp = memchr(q, '&', (size_t)(qend - q))) == NULL)
			amp = qend;
		if (amp - q >= 3 && q[0] == 'i' && q[1] == 'd' && q[2] == '=') {
			rec->id = q + 3;
			rec->id_len = (size_t)(amp - q - 3);
			return;
		}
		q = amp + 1;
	}
}

/* Split the request target [u, uend) into path and id; no allocation. */
static void
parse_target(const char *u, const char *uend, struct jetty_record *rec)
{
	const char *q, *s;

	/* the usual line: the notification path and its query */
	if ((size_t)(uend - u) > NOTIFY_PATH_LEN &&
	    u[NOTIFY_PATH_LEN] == '?' &&
	    memcmp(u, JETTY_NOTIFY_PATH, NOTIFY_PATH_LEN) == 0) {
		rec->path = u;
		rec->path_len = NOTIFY_PATH_LEN;
		find_id(u + NOTIFY_PATH_LEN + 1, uend, rec);
		return;
	}
	/* absolute-form "http://host:7080/path": keep the path only */
	if (uend - u > 7 && (memcmp(u, "http://", 7) == 0 ||
	    memcmp(u, "https://", 8) == 0)) {
		s = memchr(u, '/', (size_t)(uend - u));
		s = memchr(s + 2, '/', (size_t)(uend - s - 2));
		u = s != NULL ? s : uend;
	}
	q = memchr(u, '?', (size_t)(uend - u));
	rec->path = u;
	rec->path_len = (size_t)((q != NULL ? q : uend) - u);
	if (q != NULL)
		find_id(q + 1, uend, rec);
}

/* " ddd" followed by a space or the end, at p (a closing quote before it). */
static bool
status_follows(const char *p, const char *end)
{
	return end - p >= 4 && p[0] == ' ' && is_digit(p[1]) &&
	    is_digit(p[2]) && is_digit(p[3]) && (end - p == 4 || p[4] == ' ');
}

/* The closing quote of the request: the first quote followed by a status. */
static const char *
find_status(const char *p, const char *end)
{
	const char *cq;

	while ((cq = memchr(p, '"', (size_t)(end - p))) != NULL) {
		if (status_follows(cq + 1, end))
			return cq;
		p = cq + 1;
	}
	return NULL;
}

int
jetty_parse(const char *line, size_t len, struct jetty_record *rec)
{
	const char *end = line + len, *p, *m, *u, *uend, *cq;

	if (len > 0 && end[-1] == '\r')
		end--;
	memset(rec, 0, sizeof(*rec));
	rec->method = rec->path = "";
	if ((p = parse_head(line, end, rec)) == NULL)
		return -1;
	if (end - p < 2 || p[0] != ' ' || p[1] != '"')
		return -1;
	p += 2;
	m = p;
	while (p < end && *p >= 'A' && *p <= 'Z')
		p++;
	if (p < end && *p == ' ' && p > m) {
		rec->method = m;
		rec->method_len = (size_t)(p - m);
		u = ++p;
		/* the target ends at the space before the protocol */
		if ((uend = memchr(u, ' ', (size_t)(end - u))) == NULL)
			uend = end;
		if ((cq = find_status(uend, end)) == NULL) {
			/* "GET /x" without a protocol: the quote ends it */
			if ((uend = memchr(u, '"', (size_t)(end - u))) == NULL ||
			    (cq = find_status(uend, end)) == NULL)
				return -1;
		}
		parse_target(u, uend, rec);
	} else if ((cq = find_status(m, end)) == NULL)
		return -1;	/* "-" or a request Jetty could not read */
	rec->status = (cq[2] - '0') * 100 + (cq[3] - '0') * 10 + (cq[4] - '0');
	if (rec->status < 100)
		return -1;
	rec->notification = rec->id != NULL && rec->id_len > 0 &&
	    rec->method_len == 4 && memcmp(rec->method, "POST", 4) == 0 &&
	    rec->path_len == NOTIFY_PATH_LEN &&
	    memcmp(rec->path, JETTY_NOTIFY_PATH, NOTIFY_PATH_LEN) == 0;
	return 0;
}

int
jetty_line_time(const char *line, size_t len, int64_t *t)
{
	struct jetty_record rec;

	if (parse_head(line, line + len, &rec) == NULL)
		return -1;
	*t = rec.time;
	return 0;
}
