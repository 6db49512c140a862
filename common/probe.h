/*
 * probe.h - the subscription id of check_cuc_port --soap's own probe.
 *
 * Jetty logs the probe's POST like any notification, so the keepalive
 * check must know it to never count it as Exchange's (a dead log would
 * read OK while the probe runs).  The id is UUID-shaped, so a real CUC
 * takes it as an unknown subscription and answers Unsubscribe, not a parse
 * fault; but no generator can make it: the version nibble (the 13th hex
 * digit) is 0 and the variant nibble (the 17th) is 0, the NCS variant,
 * where every Exchange or CUC id is RFC 4122 (version 1..8, variant 8..b;
 * Java's UUID.randomUUID and .NET's Guid.NewGuid both give version 4).
 * "c4ecc4c0" reads "check cuc", the tail is the port, 7080.  The nil UUID
 * (all zeros) is not used: other software sends it as a placeholder.
 */
#ifndef CUC_PROBE_H
#define CUC_PROBE_H

#include <stdbool.h>
#include <stddef.h>

#define PROBE_ID	"c4ecc4c0-0000-0000-0000-000000007080"
#define PROBE_ID_LEN	(sizeof(PROBE_ID) - 1)
/* What check_cuc_port --soap appends to --path (pid as Exchange numbers it). */
#define PROBE_QUERY	"?id=" PROBE_ID "&pid=0"

/* Is the id value of a notification URL (not NUL-terminated) PROBE_ID? */
bool probe_id_is(const char *id, size_t len);

#endif
