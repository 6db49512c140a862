/*
 * fuzz_logsvc.c - the selectLogFiles answer parser, the fault reader,
 * the Java date parser, the zone resolution of a parsed list, the MTOM
 * href and getTimeZone readers on arbitrary bytes (copied to an
 * exact-size buffer without a terminator).  Checks: a parsed list has
 * terminated, non-empty names and paths; a resolved list has every dated
 * file's mtime; a cid found is terminated and non-empty; a failure has a
 * reason.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "logsvc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct logsvc_list l;
	char err[300], msg[200], cid[64], tz[128], *buf;
	double e, now;
	int minutes;
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
		if (logsvc_resolve_mtimes(&l, now, size % 2 == 0, 0, err,
		    sizeof(err)) == 0) {
			for (i = 0; i < l.count; i++)
				if (l.files[i].has_mtime &&
				    !l.files[i].mtime_known)
					abort();
		} else if (err[0] == '\0')
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
