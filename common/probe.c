/*
 * probe.c - telling check_cuc_port's probe from Exchange (probe.h).
 */
#include <string.h>

#include "probe.h"

bool
probe_id_is(const char *id, size_t len)
{
	return len == PROBE_ID_LEN && memcmp(id, PROBE_ID, PROBE_ID_LEN) == 0;
}
