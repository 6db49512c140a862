/*
 * fuzz_logsvc.c - the selectLogFiles answer parser, the fault reader and
 * the Java date parser on arbitrary bytes (copied to an exact-size buffer
 * without a terminator).  Checks: a parsed list has terminated, non-empty
 * names and paths; a failure has a reason.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "logsvc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct logsvc_list l;
	char err[300], msg[200], *buf;
	double e;
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
		logsvc_list_free(&l);
	} else if (err[0] == '\0' || l.files != NULL)
		abort();
	if (logsvc_fault(buf, size, msg, sizeof(msg)) == 1 &&
	    strnlen(msg, sizeof(msg)) == sizeof(msg))
		abort();
	(void)logsvc_java_date(buf, size < 64 ? size : 64, &e);
	free(buf);
	return 0;
}
