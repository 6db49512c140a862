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

static bool
is_continuation(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

void
text_sanitise(char *dst, size_t size, const char *src, bool first_line)
{
	size_t n;
	unsigned char c;

	if (size == 0)
		return;
	if (src == NULL)
		src = "";
	for (n = 0; n < size - 1 && src[n] != '\0'; n++) {
		c = (unsigned char)src[n];
		if (c == '|')
			c = '/';
		else if (is_control(c))
			c = '?';
		else if (first_line && c == ';')
			c = ',';
		dst[n] = (char)c;
	}
	/* Cut short inside a UTF-8 sequence: drop the partial character. */
	if (src[n] != '\0' && is_continuation((unsigned char)src[n])) {
		while (n > 0 && is_continuation((unsigned char)dst[n - 1]))
			n--;
		if (n > 0 && (unsigned char)dst[n - 1] >= 0xc0)
			n--;
	}
	dst[n] = '\0';
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
	size_t room, len;
	va_list ap;
	int n;

	if (r->details_cut)
		return;
	va_start(ap, fmt);
	n = vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	if (n < 0)
		raw[0] = '\0';
	text_sanitise(line, sizeof(line), raw, false);
	len = strlen(line);
	/* Total kept below the buffer: text, '\n', the cut line, NUL. */
	room = REPORT_DETAILS_MAX - 1 - CUT_LEN - r->details_len;
	if (len + 1 <= room && (size_t)n < sizeof(line)) {
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
		if (*p == '=' || *p == '\'' || *p == '|' || is_control(*p))
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
