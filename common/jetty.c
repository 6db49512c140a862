/*
 * jetty.c - parse one line of Jetty's NCSA request log; see jetty.h.
 *
 * Hand-written on purpose: a full-day scan runs this on ~6 million lines,
 * so every field is checked in one pass over the bytes, without regex,
 * sscanf, strptime or timegm (which would consult the C library's zone).
 */
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

/* "Jan".."Dec" (case-insensitive) to 1..12, or 0; a switch, it is hot. */
static unsigned
month_number(const char *s)
{
	uint32_t k = (uint32_t)(s[0] | 0x20) << 16 |
	    (uint32_t)(s[1] | 0x20) << 8 | (uint32_t)(s[2] | 0x20);

#define MON(a, b, c)	((uint32_t)(a) << 16 | (uint32_t)(b) << 8 | (uint32_t)(c))
	switch (k) {
	case MON('j', 'a', 'n'): return 1;
	case MON('f', 'e', 'b'): return 2;
	case MON('m', 'a', 'r'): return 3;
	case MON('a', 'p', 'r'): return 4;
	case MON('m', 'a', 'y'): return 5;
	case MON('j', 'u', 'n'): return 6;
	case MON('j', 'u', 'l'): return 7;
	case MON('a', 'u', 'g'): return 8;
	case MON('s', 'e', 'p'): return 9;
	case MON('o', 'c', 't'): return 10;
	case MON('n', 'o', 'v'): return 11;
	case MON('d', 'e', 'c'): return 12;
	}
#undef MON
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

/* parse_zone, remembering the last "+hhmm" seen in cache. */
static const char *
zone_cached(const char *p, const char *end, int *off,
    struct jetty_cache *cache)
{
	const char *q;

	if (cache != NULL && cache->zone_valid && end - p >= 6 &&
	    memcmp(p, cache->zone, 5) == 0 && !is_digit(p[5]) && p[5] != ':') {
		*off = cache->zone_off;
		return p + 5;
	}
	if ((q = parse_zone(p, end, off)) != NULL && cache != NULL &&
	    q - p == 5) {
		memcpy(cache->zone, p, 5);
		cache->zone_off = *off;
		cache->zone_valid = true;
		memcpy(cache->tail, JETTY_TAIL, JETTY_TAIL_LEN);
		memcpy(cache->tail + 1, p, 5);
	}
	return q;
}

/*
 * The stamp starting at '[' (p points at it): "[dd/Mon/yyyy:HH:MM:SS[.f]
 * +zzzz]" or "[dd/Mon/yyyy:HH:MM:SS] -zzzz" or without a zone (GMT).
 * Returns the byte after the stamp and zone, or NULL.
 */
static const char *
parse_stamp(const char *p, const char *end, int64_t *t,
    struct jetty_cache *cache)
{
	int day, year_hi, year_lo, hh, mi, ss, off = 0;
	unsigned mon;
	int64_t hour;

	/* "[29/Jun/2014:11:30:50" is 21 bytes, then at least "]". */
	if (end - p < 22 || p[3] != '/' || p[7] != '/' || p[12] != ':' ||
	    p[15] != ':' || p[18] != ':')
		return NULL;
	if ((mi = two_digits(p + 16)) < 0 || mi > 59 ||
	    (ss = two_digits(p + 19)) < 0 || ss > 60)
		return NULL;
	/* "29/Jun/2014:11" as the line before: its hour is known */
	if (cache != NULL && cache->valid &&
	    memcmp(p + 1, cache->key, sizeof(cache->key)) == 0)
		hour = cache->hour;
	else {
		if ((day = two_digits(p + 1)) < 1 || day > 31 ||
		    (mon = month_number(p + 4)) == 0 ||
		    (year_hi = two_digits(p + 8)) < 0 ||
		    (year_lo = two_digits(p + 10)) < 0 ||
		    (hh = two_digits(p + 13)) < 0 || hh > 23)
			return NULL;
		hour = civil_days(year_hi * 100 + year_lo, mon,
		    (unsigned)day) * 86400 + hh * 3600;
		if (cache != NULL) {
			memcpy(cache->key, p + 1, sizeof(cache->key));
			cache->hour = hour;
			cache->valid = true;
			memcpy(cache->head, " - - [", 6);
			memcpy(cache->head + 6, p + 1, sizeof(cache->key));
		}
	}
	p += 21;
	if (*p == '.' || *p == ',') {	/* a fraction, if the format has one */
		p++;
		while (p < end && is_digit(*p))
			p++;
	}
	if (p < end && *p == ' ') {		/* Jetty: zone inside */
		if ((p = zone_cached(p + 1, end, &off, cache)) == NULL)
			return NULL;
	}
	if (p >= end || *p != ']')
		return NULL;
	p++;
	/* Cisco's tech note: zone after the bracket ("] -0000"). */
	if (end - p >= 6 && p[0] == ' ' && (p[1] == '+' || p[1] == '-') &&
	    is_digit(p[2])) {
		if ((p = zone_cached(p + 1, end, &off, cache)) == NULL)
			return NULL;
	}
	*t = hour + mi * 60 + ss - off;
	return p;
}

/*
 * The end of an address of the client field: the first byte that is a
 * space, a comma (an X-Forwarded-For list goes on), a control character,
 * a quote, DEL or not ASCII.  Sixteen bytes at a time with SSE2, eight on
 * other little-endian machines: it runs on every line.
 */
static bool
client_byte_ok(unsigned char c)
{
	return c > ' ' && c < 0x7f && c != '"' && c != ',';
}

static inline __attribute__((always_inline)) const char *
client_end(const char *p, const char *end)
{
#if defined(__SSE2__)
	const __m128i space = _mm_set1_epi8(' '), del = _mm_set1_epi8(0x7f);
	const __m128i quote = _mm_set1_epi8('"'), comma = _mm_set1_epi8(',');
	__m128i w;
	unsigned m;

	for (; end - p >= 16; p += 16) {
		w = _mm_loadu_si128((const __m128i *)(const void *)p);
		/* signed: above ' ' leaves out control bytes and non-ASCII */
		m = (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(w, space)) ^
		    0xffffu;
		m |= (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(w, del), _mm_cmpeq_epi8(w, quote)),
		    _mm_cmpeq_epi8(w, comma)));
		if (m != 0)
			return p + __builtin_ctz(m);
	}
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t highs = 0x8080808080808080ULL;
	uint64_t w, q, d, k, m;

	for (; end - p >= 8; p += 8) {
		memcpy(&w, p, 8);
		q = w ^ (ones * '"');
		d = w ^ (ones * 0x7f);
		k = w ^ (ones * ',');
		/*
		 * below 0x21, not ASCII, a quote, DEL, a comma; the lowest
		 * flag is exact
		 */
		m = ((w - ones * 0x21) & ~w) | w | ((q - ones) & ~q) |
		    ((d - ones) & ~d) | ((k - ones) & ~k);
		if ((m &= highs) != 0)
			return p + (__builtin_ctzll(m) >> 3);
	}
#endif
	while (p < end && client_byte_ok((unsigned char)*p))
		p++;
	return p;
}

/* The first byte at or after p that is not a space, or end. */
static const char *
skip_spaces(const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	return p;
}

/*
 * The client field: one address, or an X-Forwarded-For list of them
 * separated by commas with any spaces around them.  An empty element (a
 * doubled or trailing comma) is passed over; "-" after a comma is the
 * ident field, not an address: the list ended with a comma.  Sets client
 * (the first address) and chain_len (to the last) and returns the byte
 * after the field (where the ident field's space is), or NULL.
 */
static const char *
parse_client(const char *line, const char *end, struct jetty_record *rec)
{
	const char *p, *q, *e, *field;

	p = client_end(line, end);
	if (p == line)
		return NULL;
	rec->client = line;
	rec->client_len = rec->chain_len = (size_t)(p - line);
	field = p;
	for (;;) {
		q = skip_spaces(p, end);
		if (q >= end || *q != ',')
			return field;
		q = skip_spaces(q + 1, end);
		e = client_end(q, end);
		if (e == q) {		/* empty: a comma or the end follows */
			if (q < end && *q == ',') {
				p = q;
				continue;
			}
			return q > field && q[-1] == ' ' ? q - 1 : q;
		}
		if (e - q == 1 && *q == '-' && e < end && *e == ' ')
			return q[-1] == ' ' ? q - 1 : q;
		rec->chain_len = (size_t)(e - line);
		p = field = e;
	}
}

/*
 * Client field and stamp: the common start of jetty_parse and
 * jetty_line_time.  Returns the byte after the stamp, or NULL.
 */
static const char *
parse_head(const char *line, const char *end, struct jetty_record *rec,
    struct jetty_cache *cache)
{
	const char *p, *b;

	p = parse_client(line, end, rec);
	if (p == NULL || p >= end || *p != ' ')
		return NULL;
	/* ident and user: almost always "- -"; else anything but a quote */
	if (end - p > 6 && memcmp(p, " - - [", 6) == 0)
		b = p + 5;
	else if ((b = memchr(p, '[', (size_t)(end - p))) == NULL ||
	    b[-1] != ' ' || memchr(p, '"', (size_t)(b - p)) != NULL)
		return NULL;
	return parse_stamp(b, end, &rec->time, cache);
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

/*
 * Split the request target [u, uend) into path and id; no allocation.
 * Returns true when the path is the notification path.
 */
static bool
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
		return true;
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
	return rec->path_len == NOTIFY_PATH_LEN &&
	    memcmp(rec->path, JETTY_NOTIFY_PATH, NOTIFY_PATH_LEN) == 0;
}

/*
 * " ddd" or " Async" followed by a space or the end, at p (a closing
 * quote before it).  "Async" is Jetty's word, in its case: "async" is
 * not a status (no Jetty writes it).
 */
static bool
status_follows(const char *p, const char *end)
{
	if (end - p >= 4 && p[0] == ' ' && is_digit(p[1]) &&
	    is_digit(p[2]) && is_digit(p[3]))
		return end - p == 4 || p[4] == ' ';
	return end - p >= 6 && p[0] == ' ' && memcmp(p + 1, "Async", 5) == 0 &&
	    (end - p == 6 || p[6] == ' ');
}

/*
 * The first of the bytes a, b, c in [p, end), or end.  Sixteen bytes at
 * a time with SSE2, eight on other little-endian machines, else a byte
 * loop: it runs over every notification's id.
 */
static const char *
find_any3(const char *p, const char *end, char a, char b, char c)
{
#if defined(__SSE2__)
	const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
	const __m128i vc = _mm_set1_epi8(c);
	__m128i w;
	unsigned m;

	for (; end - p >= 16; p += 16) {
		w = _mm_loadu_si128((const __m128i *)(const void *)p);
		m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(w, va), _mm_cmpeq_epi8(w, vb)),
		    _mm_cmpeq_epi8(w, vc)));
		if (m != 0)
			return p + __builtin_ctz(m);
	}
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t highs = 0x8080808080808080ULL;
	uint64_t w, xa, xb, xc, m;

	for (; end - p >= 8; p += 8) {
		memcpy(&w, p, 8);
		xa = w ^ (ones * (unsigned char)a);
		xb = w ^ (ones * (unsigned char)b);
		xc = w ^ (ones * (unsigned char)c);
		/* a zero byte in xa, xb or xc; the lowest flag is exact */
		m = ((xa - ones) & ~xa) | ((xb - ones) & ~xb) |
		    ((xc - ones) & ~xc);
		if ((m &= highs) != 0)
			return p + (__builtin_ctzll(m) >> 3);
	}
#endif
	while (p < end && *p != a && *p != b && *p != c)
		p++;
	return p;
}

/* The end of an id: the first ' ' or '&' in [p, end), or end. */
static const char *
id_stop(const char *p, const char *end)
{
	return find_any3(p, end, ' ', '&', '&');
}

/*
 * memcmp(a, b, n) == 0 for n >= 8, a word at a time with an overlapping
 * last word: inline, where libc's memcmp is a call per line.  No early
 * exit: the loads of a line not yet in cache overlap, and nearly every
 * line compared is equal anyway.
 */
static bool
same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y, diff = 0;
	size_t i;

	for (i = 0; i + 8 < n; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		diff |= x ^ y;
	}
	memcpy(&x, a + n - 8, 8);
	memcpy(&y, b + n - 8, 8);
	return (diff | (x ^ y)) == 0;
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
	return jetty_parse_cached(line, len, rec, NULL);
}

int
jetty_parse_cached(const char *line, size_t len, struct jetty_record *rec,
    struct jetty_cache *cache)
{
	const char *end = line + len, *p, *m, *u, *uend, *cq;
	bool notify_path = false;

	if (len > 0 && end[-1] == '\r')
		end--;
	memset(rec, 0, sizeof(*rec));
	rec->method = rec->path = "";
	if ((p = parse_head(line, end, rec, cache)) == NULL)
		return -1;
	if (end - p < 2 || p[0] != ' ' || p[1] != '"')
		return -1;
	p += 2;
	m = p;
	if (end - p > 4 && memcmp(p, "POST", 4) == 0)
		p += 4;		/* the usual method: skip the loop */
	while (p < end && *p >= 'A' && *p <= 'Z')
		p++;
	if (p - m == 4 && memcmp(m, "POST", 4) == 0 &&
	    end - p > (ptrdiff_t)NOTIFY_PATH_LEN + 5 &&
	    same_bytes(p, " " JETTY_NOTIFY_PATH "?id=", NOTIFY_PATH_LEN + 5)) {
		/* the usual line, a notification: id first in the query */
		rec->method = m;
		rec->method_len = 4;
		rec->path = p + 1;
		rec->path_len = NOTIFY_PATH_LEN;
		rec->id = p + NOTIFY_PATH_LEN + 5;
		uend = id_stop(rec->id, end);
		rec->id_len = (size_t)(uend - rec->id);
		if (uend < end && *uend == '&' &&
		    (uend = memchr(uend, ' ', (size_t)(end - uend))) == NULL)
			uend = end;
		if ((cq = find_status(uend, end)) == NULL) {
			/* "POST /path?id=x&y" without a protocol */
			if ((cq = memchr(rec->id, '"', (size_t)(end -
			    rec->id))) == NULL ||
			    (cq = find_status(cq, end)) == NULL)
				return -1;
			if (rec->id + rec->id_len > cq)
				rec->id_len = (size_t)(cq - rec->id);
		}
		notify_path = true;
	} else if (p < end && *p == ' ' && p > m) {
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
		notify_path = parse_target(u, uend, rec);
	} else if ((cq = find_status(m, end)) == NULL)
		return -1;	/* "-" or a request Jetty could not read */
	if (cq[2] == 'A')
		rec->status = JETTY_STATUS_ASYNC;
	else if ((rec->status = (cq[2] - '0') * 100 + (cq[3] - '0') * 10 +
	    (cq[4] - '0')) < 100)
		return -1;
	rec->notification = notify_path && rec->id_len > 0 &&
	    rec->method_len == 4 && memcmp(rec->method, "POST", 4) == 0;
	return 0;
}

int
jetty_line_time(const char *line, size_t len, int64_t *t)
{
	struct jetty_record rec;

	if (parse_head(line, line + len, &rec, NULL) == NULL)
		return -1;
	*t = rec.time;
	return 0;
}

/*
 * The request target from the id on: the end of the id (the first ' ' or
 * '&') in *id_end, and the space that ends the target returned; NULL when
 * an LF or the end of the buffer comes first.  One pass: with SSE2, both
 * in the same sixteen bytes.
 */
static const char *
target_end(const char *p, const char *end, const char **id_end)
{
#if defined(__SSE2__)
	const __m128i space = _mm_set1_epi8(' '), lf = _mm_set1_epi8('\n');
	const __m128i amp = _mm_set1_epi8('&');
	__m128i w;
	unsigned stop, id_stop_bits;

	*id_end = NULL;
	for (; end - p >= 16; p += 16) {
		w = _mm_loadu_si128((const __m128i *)(const void *)p);
		stop = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(w, space), _mm_cmpeq_epi8(w, lf)));
		id_stop_bits = stop |
		    (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, amp));
		if (*id_end == NULL && id_stop_bits != 0)
			*id_end = p + __builtin_ctz(id_stop_bits);
		if (stop != 0) {
			p += __builtin_ctz(stop);
			return *p == ' ' ? p : NULL;
		}
	}
	for (; p < end; p++) {
		if (*id_end == NULL && (*p == '&' || *p == ' ' || *p == '\n'))
			*id_end = p;
		if (*p == ' ' || *p == '\n')
			return *p == ' ' ? p : NULL;
	}
	return NULL;
#else
	const char *s;

	s = find_any3(p, end, ' ', '&', '\n');
	*id_end = s;
	if (s < end && *s == '&')
		s = find_any3(s, end, ' ', '\n', '\n');
	return s < end && *s == ' ' ? s : NULL;
#endif
}

/*
 * The usual line, a notification in the shape of the line before it
 * (same date and hour, same zone), parsed in one pass over [line, end)
 * that stops at the status: its first LF is not known yet, so every scan
 * here stops at an LF as well, and anything unusual returns NULL for
 * jetty_parse_cached to decide.  Returns the byte after the status.
 */
#define FAST_REQUEST	" \"POST " JETTY_NOTIFY_PATH "?id="
#define FAST_PROTOCOL	" HTTP/1.1\" "
#define FAST_MIN	(5 + 28 + sizeof(FAST_REQUEST) - 1 + 1)

#if defined(__SSE2__)
/* a[0, 16) == b[0, 16) as a mask of unequal bytes (0: equal) */
static unsigned
diff16(const char *a, const char *b)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
	    _mm_loadu_si128((const __m128i *)(const void *)a),
	    _mm_loadu_si128((const __m128i *)(const void *)b))) ^ 0xffffu;
}

/* s[0, JETTY_TAIL_LEN) == cache->tail, in five loads (the last overlaps) */
static bool
same_tail(const char *s, const char *t)
{
	return (diff16(s, t) | diff16(s + 16, t + 16) | diff16(s + 32, t + 32) |
	    diff16(s + 48, t + 48) | diff16(s + JETTY_TAIL_LEN - 16,
	    t + JETTY_TAIL_LEN - 16)) == 0;
}
#endif

/* The stamp's " - - [29/Jun/2014:11" as cached, at p (94 bytes at least). */
static bool
same_head(const char *p, const struct jetty_cache *cache)
{
#if defined(__SSE2__)
	uint64_t x, y;

	memcpy(&x, p + JETTY_HEAD_LEN - 8, 8);
	memcpy(&y, cache->head + JETTY_HEAD_LEN - 8, 8);
	return diff16(p, cache->head) == 0 && x == y;
#else
	return memcmp(p, cache->head, JETTY_HEAD_LEN) == 0;
#endif
}

/*
 * ":MM:SS" at s (8 bytes readable): minutes 0..59 and seconds 0..60, as
 * parse_stamp takes them; the bytes checked a word at a time.
 */
static bool
minute_second(const char *s, int *mi, int *ss)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* bytes 0 and 3 colons; 1, 2, 4, 5 digits (0x30 + 0..9) */
	const uint64_t colons = 0x000000ff0000ffULL, colon_bytes =
	    0x0000003a00003aULL, hi = 0x0000f0f000f0f000ULL,
	    digits = 0x0000303000303000ULL, six = 0x0000060600060600ULL;
	uint64_t w;

	memcpy(&w, s, 8);
	/* a digit's high nibble is 3, and still 3 with 6 added */
	if ((w & colons) != colon_bytes || (w & hi) != digits ||
	    ((w + six) & hi) != digits)
		return false;
	*mi = (s[1] - '0') * 10 + (s[2] - '0');
	*ss = (s[4] - '0') * 10 + (s[5] - '0');
#else
	if (s[0] != ':' || s[3] != ':' || (*mi = two_digits(s + 1)) < 0 ||
	    (*ss = two_digits(s + 4)) < 0)
		return false;
#endif
	return *mi <= 59 && *ss <= 60;
}

/*
 * From the stamp's end at s (after the seconds): the zone in a shape the
 * cache knows, then the notification's request up to its id.  Returns
 * the id's first byte, or NULL.
 */
static const char *
fast_request(const char *s, const struct jetty_cache *cache, int *off)
{
#if defined(__SSE2__)
	/* the usual " +0000] \"POST /..?id=" in one compare */
	if (cache->zone_valid && same_tail(s, cache->tail)) {
		*off = cache->zone_off;
		return s + JETTY_TAIL_LEN;
	}
#endif
	if (s[0] == ' ') {		/* "[... +0000]" */
		if (!cache->zone_valid || memcmp(s + 1, cache->zone, 5) != 0 ||
		    s[6] != ']')
			return NULL;
		*off = cache->zone_off;
		s += 7;
	} else if (s[0] == ']' && s[1] == ' ' && (s[2] == '+' || s[2] == '-')) {
		if (!cache->zone_valid || memcmp(s + 2, cache->zone, 5) != 0)
			return NULL;	/* "[...] -0000" */
		*off = cache->zone_off;
		s += 7;
	} else if (s[0] == ']')		/* "[...]": GMT */
		s += 1;
	else
		return NULL;
	if (!same_bytes(s, FAST_REQUEST, sizeof(FAST_REQUEST) - 1))
		return NULL;
	return s + sizeof(FAST_REQUEST) - 1;
}

static const char *
fast_notification(const char *line, const char *end, struct jetty_record *rec,
    struct jetty_cache *cache)
{
	const char *p, *b, *s, *id, *id_end, *st;
	int mi, ss, off = 0;

	p = client_end(line, end);
	if (p == line || (size_t)(end - p) < FAST_MIN || !cache->valid ||
	    !same_head(p, cache))
		return NULL;
	b = p + 5;	/* '[' */
	if (!minute_second(b + 15, &mi, &ss))
		return NULL;
	if ((id = fast_request(b + 21, cache, &off)) == NULL)
		return NULL;
	if ((s = target_end(id, end, &id_end)) == NULL || id_end == id)
		return NULL;
	rec->id_len = (size_t)(id_end - id);
	if ((size_t)(end - s) < sizeof(FAST_PROTOCOL) - 1 + 3 ||
	    memcmp(s, FAST_PROTOCOL, sizeof(FAST_PROTOCOL) - 1) != 0)
		return NULL;
	st = s + sizeof(FAST_PROTOCOL) - 1;
	if (st[0] < '1' || st[0] > '9' || !is_digit(st[1]) || !is_digit(st[2]))
		return NULL;
	/* the status ends the line or a space follows it */
	s = st + 3;
	if (s < end && *s != ' ' && *s != '\n' && !(*s == '\r' &&
	    (s + 1 == end || s[1] == '\n')))
		return NULL;
	rec->client = line;
	rec->client_len = rec->chain_len = (size_t)(p - line);
	rec->time = cache->hour + mi * 60 + ss - off;
	rec->method = id - (sizeof(FAST_REQUEST) - 1) + 2;
	rec->method_len = 4;
	rec->path = rec->method + 5;
	rec->path_len = NOTIFY_PATH_LEN;
	rec->id = id;
	rec->status = (st[0] - '0') * 100 + (st[1] - '0') * 10 + (st[2] - '0');
	rec->notification = true;
	return s;
}

/* The line at line ends at its first LF or at end: its length without CR. */
static inline __attribute__((always_inline)) size_t
line_length(const char *line, const char *end, const char *from,
    const char **next)
{
	const char *nl = NULL, *q;
	size_t n;

	/* after a status the end is a few bytes on: no call for those */
#if defined(__SSE2__)
	if (end - from >= 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)from),
		    _mm_set1_epi8('\n')));

		if (m != 0)
			nl = from + __builtin_ctz(m);
		q = from + 16;
	} else
#endif
	for (q = from; q < end && q - from < 16; q++)
		if (*q == '\n') {
			nl = q;
			break;
		}
	if (nl == NULL && q < end)
		nl = memchr(q, '\n', (size_t)(end - q));

	*next = nl != NULL ? nl + 1 : end;
	n = (size_t)((nl != NULL ? nl : end) - line);
	if (n > 0 && line[n - 1] == '\r')
		n--;
	return n;
}

int
jetty_parse_next(const char *line, const char *end, struct jetty_record *rec,
    struct jetty_cache *cache, size_t *len, const char **next)
{
	const char *s;

	if ((s = fast_notification(line, end, rec, cache)) != NULL) {
		cache->fast++;
		*len = line_length(line, end, s, next);
		return 0;
	}
	*len = line_length(line, end, line, next);
	return jetty_parse_cached(line, *len, rec, cache);
}
