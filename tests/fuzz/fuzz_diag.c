/*
 * fuzz_diag.c - libFuzzer target for the CuMbxSync diag line parser, the
 * date reconstruction and the failure classifier.
 *
 * Any bytes, taken line by line, must give a record or an error, never a
 * crash or a read past the input; every field of a record must point
 * inside its line, the time of day must lie in the day, every class must
 * be a real one with a label, and walking back through the lines the
 * dates must never move later than the first bound plus the allowed
 * disorder, each at most a day before the bound: with a fixed offset and
 * with a zone whose offset changes at any pace (the input's second byte
 * picks one), as no real zone does.  Each line's time of day measured
 * against the bound gives an offset in the documented range and a
 * residual within half a step.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "mbxclass.h"
#include "tz.h"

static void
check_field(const char *line, size_t len, const char *f, size_t flen)
{
	if (flen > 0 && (f < line || f + flen > line + len))
		abort();
}

/* A made-up zone: the offset of each period of t, from the input's bytes. */
struct fake_zone {
	const uint8_t	*bytes;
	size_t		 n;
	double		 period;
};

static int
fake_offset(const void *zone, double t)
{
	const struct fake_zone *z = zone;
	double k = floor(t / z->period);

	if (!isfinite(k) || z->n == 0)
		return 0;
	return ((int)z->bytes[(size_t)fmod(fabs(k), (double)z->n)] - 128) *
	    900 / 8;
}

/* The classifier's index, built on the first input (it is the same for all). */
static const struct mbxindex *
index_once(void)
{
	static struct mbxindex ix;
	static bool built;

	if (!built) {
		mbxindex_init(&ix);
		built = true;
	}
	return &ix;
}

/* An mtime near the bound, whole seconds or not, from the input. */
static double
t_mtime(const uint8_t *data, size_t size, double bound)
{
	return size > 2 ? bound + (double)data[2] * 337.1 : bound;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size, *nl, *line;
	struct diag_clock clk;
	struct diag_record r;
	const char *why;
	double bound = 1764000000.0, t, prev;
	enum mbxclass c;
	size_t len;

	struct fake_zone zone = { data, size < 16 ? size : 16, 3600.0 };

	diag_clock_init(&clk, size > 0 ? ((int)data[0] - 128) * 300 : 0);
	if (size > 1 && (data[1] & 1) != 0) {
		zone.period = 60.0 * (1 + data[1]);
		diag_clock_zone(&clk, fake_offset, &zone);
	}
	diag_clock_file(&clk, bound);
	prev = bound;
	/* Lines from the end backwards, as the plugin reads them. */
	while (end > s) {
		nl = end;
		while (nl > s && nl[-1] != '\n')
			nl--;
		line = nl;
		len = (size_t)(end - nl);
		end = nl > s ? nl - 1 : s;
		why = NULL;
		if (diag_parse_line(line, len, &r, &why) != 0) {
			if (why == NULL || why[0] == '\0')
				abort();
			continue;
		}
		if (r.ms < 0 || r.ms >= 86400000L)
			abort();
		check_field(line, len, r.thread, r.thread_len);
		check_field(line, len, r.host, r.host_len);
		check_field(line, len, r.context2, r.context2_len);
		check_field(line, len, r.component, r.component_len);
		check_field(line, len, r.message, r.message_len);
		if (r.thread_len == 0 || r.component_len == 0)
			abort();
		{
			struct tz_measure m;
			int rc = tz_measure(r.ms, t_mtime(data, size, bound), &m);

			if (m.offset < TZ_MEASURE_MIN || m.offset >= TZ_MEASURE_MAX ||
			    m.offset % TZ_MEASURE_STEP != 0 ||
			    !(m.residual >= -TZ_MEASURE_STEP / 2.0 &&
			    m.residual <= TZ_MEASURE_STEP / 2.0) ||
			    (rc == 0) != (m.residual >= -TZ_RESIDUAL_BEFORE &&
			    m.residual <= TZ_RESIDUAL_AFTER))
				abort();
		}
		t = diag_clock_back(&clk, r.ms);
		if (!isfinite(t) || t > prev + DIAG_DISORDER_MS / 1000.0 ||
		    t <= prev + DIAG_DISORDER_MS / 1000.0 - 86400.0 ||
		    t > bound + DIAG_DISORDER_MS / 1000.0)
			abort();
		if (t < prev)
			prev = t;
		c = mbxclass_classify(NULL, line, len, r.message,
		    r.message_len);
		if ((unsigned)c > MBXC_NONE || mbxclass_label(c) == NULL ||
		    mbxclass_indexed(index_once(), r.message, r.message_len) != c)
			abort();
	}
	/* The whole input as one message; the index answers as the definition. */
	c = mbxclass_builtin(s, size);
	if ((unsigned)c > MBXC_NONE || mbxclass_indexed(index_once(), s, size) != c)
		abort();
	(void)mbxclass_http_status(s, size);
	return 0;
}
