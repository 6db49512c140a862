/*
 * fuzz_logsvc.c - the selectLogFiles answer parser, the fault reader,
 * the Java date parser, the zone resolution of a parsed list, the MTOM
 * href and getTimeZone readers on arbitrary bytes (copied to an
 * exact-size buffer without a terminator).  Checks: a parsed list has
 * terminated, non-empty names and paths; a resolved list has every dated
 * file's mtime, also when read in a given zone (a fixed offset from the
 * first byte), with a terminated note; a cid found is terminated and non-empty; a failure has a
 * reason.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "logsvc.h"
#include "tz.h"
#include "zoneabbr.h"

/* Every dated file of l has an mtime after a resolution that worked. */
static void
check_resolved(const struct logsvc_list *l, int rc, const char *err)
{
	size_t i;

	if (rc != 0) {
		if (err[0] == '\0')
			abort();
		return;
	}
	for (i = 0; i < l->count; i++)
		if (l->files[i].has_mtime && !l->files[i].mtime_known)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct logsvc_list l;
	struct zoneabbr_known known;
	struct tz_zone zone;
	char err[300], msg[200], cid[64], tz[128], note[320], *buf;
	double e, now;
	int minutes, rc;
	size_t i;

	if ((buf = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	err[0] = '\0';
	if (logsvc_list_parse(buf, size, &l, err, sizeof(err)) == 0) {
		for (i = 0; i < l.count; i++) {
			if (strnlen(l.files[i].name, LOGSVC_NAME_MAX) ==
			    LOGSVC_NAME_MAX || l.files[i].name[0] == '\0')
				abort();
			if (strnlen(l.files[i].path, LOGSVC_PATH_MAX) ==
			    LOGSVC_PATH_MAX || l.files[i].path[0] == '\0')
				abort();
		}
		/* CUC's clock from the first bytes: near 2026, or none */
		now = 1795600800.0 + (size > 1 ? (data[0] - 128) * 300.0 +
		    data[1] : 0);
		err[0] = '\0';
		check_resolved(&l, logsvc_resolve_mtimes(&l, now, size % 2 ==
		    0, 0, err, sizeof(err)), err);
		/* The box's zone given: -12:00 .. +14:00 by 15 minutes. */
		tz_zone_fixed(&zone, size > 0 ? (data[0] % 105 - 48) * 900 :
		    0);
		known.zone = &zone;
		known.offset_at = tz_offset_at;
		known.abbr_at = tz_abbr_at;
		known.label = "--tz-offset";
		err[0] = '\0';
		note[sizeof(note) - 1] = 'x';
		rc = logsvc_resolve_mtimes_in(&l, now, true, 0, &known, note,
		    sizeof(note), err, sizeof(err));
		check_resolved(&l, rc, err);
		if (strnlen(note, sizeof(note)) == sizeof(note))
			abort();
		logsvc_list_free(&l);
	} else if (err[0] == '\0' || l.files != NULL)
		abort();
	if (logsvc_xop_cid(buf, size, cid, sizeof(cid)) == 1 &&
	    (cid[0] == '\0' || strnlen(cid, sizeof(cid)) == sizeof(cid)))
		abort();
	if (logsvc_gettz_parse(buf, size, tz, sizeof(tz), &minutes) == 0 &&
	    (minutes < -15 * 60 || minutes > 15 * 60))
		abort();
	if (logsvc_fault(buf, size, msg, sizeof(msg)) == 1 &&
	    strnlen(msg, sizeof(msg)) == sizeof(msg))
		abort();
	(void)logsvc_java_date(buf, size < 64 ? size : 64, &e);
	free(buf);
	return 0;
}
