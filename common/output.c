/*
 * output.c - the plugin's report; see output.h and shared/consumers.md.
 *
 * Everything is built in the report's fixed buffers (no allocation), and
 * every number goes through numfmt so the locale never decides the
 * decimal separator.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "output.h"

#define CUT_LINE	"(long output cut)\n"
#define CUT_LEN		(sizeof(CUT_LINE) - 1)

/* Units both schedulers and the metric writers take as they are. */
static const char *const perf_units[] = {
	"", "s", "ms", "us", "%", "B", "KB", "MB", "TB", "c"
};

static bool
is_control(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

/*
 * What each character of a line becomes.  Plugin output is rendered as
 * HTML by Icinga Web 2 and the Nagios CGIs, shown in terminals by -v
 * runs, and read by people: text from the monitored side (ids, client
 * fields, Server headers, file names, CUC's messages) must not carry
 * markup, terminal controls, text-direction overrides or broken UTF-8
 * there.  The whole line goes through here, the plugin's own words
 * included (they hold none of these but the quotes, which stay readable
 * as typographic quotes).
 *
 *	'|'		'/'  (the perfdata separator; shared/consumers.md)
 *	';'		','  on line 1 (Nagios turns it into ':')
 *	< > & " '	U+2039 U+203A U+FF06 U+201D U+2019 (look alike, inert)
 *	C0, DEL, C1	'?'
 *	U+061C U+200E U+200F U+202A..U+202E U+2066..U+2069
 *	U+2028 U+2029	'?'  (bidi controls, line and paragraph separators)
 *	invalid UTF-8	'?'  for each byte that starts no valid sequence
 *
 * The replacements are themselves left alone, so sanitising twice
 * changes nothing.
 */

static bool
is_continuation(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/*
 * The length of the well-formed UTF-8 sequence (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF) starting at s, its code
 * point in *cp; 0 when s starts none.  s is NUL-terminated, and NUL is
 * no continuation byte, so nothing is read past the end.
 */
static size_t
utf8_sequence(const unsigned char *s, unsigned long *cp)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (s[0] == 0xe0)
		lo = 0xa0;		/* overlong */
	else if (s[0] == 0xed)
		hi = 0x9f;		/* surrogates */
	else if (s[0] == 0xf0)
		lo = 0x90;		/* overlong */
	else if (s[0] == 0xf4)
		hi = 0x8f;		/* past U+10FFFF */
	if (s[1] < lo || s[1] > hi)
		return 0;
	*cp = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if (!is_continuation(s[i]))
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return n;
}

/* C1 controls and the invisible characters that reorder or break text. */
static bool
is_hidden_control(unsigned long cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
	    cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

/*
 * The replacement of the character at s (NULL: keep it as it is), and
 * its length in *len.
 */
static const char *
char_replacement(const unsigned char *s, bool opening, bool first_line,
    size_t *len)
{
	unsigned long cp;

	*len = 1;
	switch (s[0]) {
	case '|':	return "/";
	case '<':	return "\xe2\x80\xb9";		/* U+2039 */
	case '>':	return "\xe2\x80\xba";		/* U+203A */
	case '&':	return "\xef\xbc\x86";		/* U+FF06 */
	case '"':	return opening ? "\xe2\x80\x9c" :	/* U+201C */
			    "\xe2\x80\x9d";			/* U+201D */
	case '\'':	return opening ? "\xe2\x80\x98" :	/* U+2018 */
			    "\xe2\x80\x99";			/* U+2019 */
	case ';':	return first_line ? "," : NULL;
	}
	if (is_control(s[0]))
		return "?";
	if (s[0] < 0x80)
		return NULL;
	if ((*len = utf8_sequence(s, &cp)) == 0) {
		*len = 1;
		return "?";
	}
	return is_hidden_control(cp) ? "?" : NULL;
}

size_t
text_sanitise(char *dst, size_t size, const char *src, bool first_line)
{
	const unsigned char *s = (const unsigned char *)(src != NULL ? src : "");
	const char *rep;
	size_t in, out = 0, len, outlen;
	bool full = size == 0, opening;

	for (in = 0; s[in] != '\0'; in += len) {
		/*
		 * A quote after a space or a “(” opens (“15m”), any
		 * other closes (CUC’s), so messages read as typeset.
		 */
		opening = in == 0 || strchr(" \t(", s[in - 1]) != NULL;
		rep = char_replacement(s + in, opening, first_line, &len);
		outlen = rep != NULL ? strlen(rep) : len;
		/* Whole characters only: a cut never splits one. */
		if (!full && out + outlen < size)
			memcpy(dst + out, rep != NULL ? rep : (const char *)s +
			    in, outlen);
		else if (!full) {
			dst[out] = '\0';
			full = true;
		}
		out += outlen;
	}
	if (!full)
		dst[out] = '\0';
	return out;
}

void
report_init(struct report *r, const char *check)
{
	memset(r, 0, sizeof(*r));
	r->check = check;
	r->state = STATE_OK;
}

void
report_set_state(struct report *r, enum state st)
{
	r->state = st;
}

void
report_raise(struct report *r, enum state st)
{
	r->state = state_worst(r->state, st);
}

void
report_vsummary(struct report *r, const char *fmt, va_list ap)
{
	/* A little longer than the summary so a cut character is seen. */
	char raw[REPORT_SUMMARY_MAX + 8];

	vsnprintf(raw, sizeof(raw), fmt, ap);
	text_sanitise(r->summary, sizeof(r->summary), raw, true);
}

void
report_summary(struct report *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_vsummary(r, fmt, ap);
	va_end(ap);
}

void
report_fail(struct report *r, enum state st, const char *fmt, ...)
{
	va_list ap;

	report_set_state(r, st);
	va_start(ap, fmt);
	report_vsummary(r, fmt, ap);
	va_end(ap);
}

/*
 * Long output keeps room for the cut notice at all times, so a report
 * that overflowed still ends with it and stays under REPORT_DETAILS_MAX.
 * Once a line did not fit, later lines are dropped too: a reader should
 * not see line 9 after a cut line 8.
 */
void
report_detail(struct report *r, const char *fmt, ...)
{
	char raw[REPORT_DETAILS_MAX + 8], line[REPORT_DETAILS_MAX];
	size_t room, len, need;
	va_list ap;
	int n;

	if (r->details_cut)
		return;
	va_start(ap, fmt);
	n = vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	if (n < 0)
		raw[0] = '\0';
	need = text_sanitise(line, sizeof(line), raw, false);
	len = strlen(line);
	/* Total kept below the buffer: text, '\n', the cut line, NUL. */
	room = REPORT_DETAILS_MAX - 1 - CUT_LEN - r->details_len;
	if (len + 1 <= room && (size_t)n < sizeof(line) && need == len) {
		memcpy(r->details + r->details_len, line, len);
		r->details_len += len;
		r->details[r->details_len++] = '\n';
		r->details[r->details_len] = '\0';
		return;
	}
	/* Keep what fits of this line, then nothing more. */
	if (room > 1) {
		text_sanitise(r->details + r->details_len, room, line, false);
		len = strlen(r->details + r->details_len);
		if (len > 0) {
			r->details_len += len;
			r->details[r->details_len++] = '\n';
			r->details[r->details_len] = '\0';
		}
	}
	r->details_cut = true;
}

static bool
perf_label_ok(const char *label)
{
	const unsigned char *p;

	if (label == NULL || *label == '\0')
		return false;
	for (p = (const unsigned char *)label; *p != '\0'; p++)
		if (strchr("='|<>&\"", *p) != NULL || is_control(*p))
			return false;
	return true;
}

static bool
perf_unit_ok(const char *uom)
{
	size_t i;

	if (uom == NULL)
		return true;
	for (i = 0; i < sizeof(perf_units) / sizeof(perf_units[0]); i++)
		if (strcmp(uom, perf_units[i]) == 0)
			return true;
	return false;
}

int
report_perf(struct report *r, const struct perf *p)
{
	/* warn, crit, min, max: trailing empty ones are not printed. */
	char field[4][320], item[REPORT_PERF_MAX], value[320];
	size_t len, i, last;
	int n;

	if (!perf_label_ok(p->label) || !perf_unit_ok(p->uom))
		return -1;
	for (i = 0; i < 4; i++)
		field[i][0] = '\0';
	if (p->warning != NULL)
		range_format(p->warning, field[0], sizeof(field[0]));
	if (p->critical != NULL)
		range_format(p->critical, field[1], sizeof(field[1]));
	if (p->has_min)
		numfmt(field[2], sizeof(field[2]), p->min, 6);
	if (p->has_max)
		numfmt(field[3], sizeof(field[3]), p->max, 6);
	numfmt(value, sizeof(value), p->value, p->decimals);

	n = snprintf(item, sizeof(item), strchr(p->label, ' ') != NULL ?
	    "'%s'=%s%s" : "%s=%s%s", p->label, value,
	    p->uom != NULL ? p->uom : "");
	if (n < 0 || (size_t)n >= sizeof(item))
		return -1;
	len = (size_t)n;
	for (last = 4; last > 0 && field[last - 1][0] == '\0'; last--)
		;
	for (i = 0; i < last; i++) {
		n = snprintf(item + len, sizeof(item) - len, ";%s", field[i]);
		if (n < 0 || (size_t)n >= sizeof(item) - len)
			return -1;
		len += (size_t)n;
	}

	/* Separator, item and NUL must fit. */
	if (r->perf_len + (r->perf_len > 0) + len >= sizeof(r->perf))
		return -1;
	if (r->perf_len > 0)
		r->perf[r->perf_len++] = ' ';
	memcpy(r->perf + r->perf_len, item, len);
	r->perf_len += len;
	r->perf[r->perf_len] = '\0';
	return 0;
}

/*
 * An empty summary prints "CUC PORT OK" alone, with no dangling " - ";
 * a report without perfdata has no '|'.
 */
int
report_metric(struct report *r, const char *label, double value,
    const char *uom, int decimals, const struct threshold *thr)
{
	struct perf p;

	memset(&p, 0, sizeof(p));
	p.label = label;
	p.value = value;
	p.uom = uom;
	p.decimals = decimals;
	if (thr != NULL && thr->has_warning)
		p.warning = &thr->warning;
	if (thr != NULL && thr->has_critical)
		p.critical = &thr->critical;
	p.has_min = true;
	return report_perf(r, &p);
}

int
report_count(struct report *r, const char *label, unsigned long count,
    unsigned long whole, const struct threshold *thr)
{
	struct perf p;

	memset(&p, 0, sizeof(p));
	p.label = label;
	p.value = (double)count;
	if (thr != NULL && thr->has_warning)
		p.warning = &thr->warning;
	if (thr != NULL && thr->has_critical)
		p.critical = &thr->critical;
	p.has_min = true;
	p.has_max = true;
	p.max = (double)whole;
	return report_perf(r, &p);
}

int
report_print(const struct report *r, FILE *fp)
{
	enum state st = r->state;

	if ((unsigned)st > STATE_UNKNOWN)
		st = STATE_UNKNOWN;
	fputs("CUC ", fp);
	if (r->check != NULL && r->check[0] != '\0')
		fprintf(fp, "%s ", r->check);
	fputs(state_name(st), fp);
	if (r->summary[0] != '\0')
		fprintf(fp, " - %s", r->summary);
	if (r->perf_len > 0)
		fprintf(fp, " | %s", r->perf);
	fputc('\n', fp);
	if (r->details_len > 0)
		fwrite(r->details, 1, r->details_len, fp);
	if (r->details_cut)
		fputs(CUT_LINE, fp);
	fflush(fp);
	return (int)st;
}

void
text_appendf(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (size == 0 || *len >= size - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n < 0)
		buf[*len] = '\0';
	else
		*len = *len + (size_t)n < size - 1 ? *len + (size_t)n : size - 1;
}
