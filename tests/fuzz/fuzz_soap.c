/*
 * fuzz_soap.c - soap_notification_parse() on arbitrary bytes, checking its
 * contract: 0 with a terminated, trimmed value whose status matches it, or
 * -1 with one of the documented reasons.  The input is copied to an
 * exact-size buffer without a terminator, so ASan catches any read past
 * the length given.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "soap.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct soap_result r;
	char err[200], *buf;
	size_t n;
	int rc;

	if ((buf = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	err[0] = '\0';
	rc = soap_notification_parse(buf, size, &r, err, sizeof(err));
	free(buf);
	if (rc == 0) {
		n = strnlen(r.value, sizeof(r.value));
		if (n == sizeof(r.value))
			abort();
		if (n > 0 && (r.value[0] == ' ' || r.value[n - 1] == ' '))
			abort();
		if ((r.status == SOAP_STATUS_OK) !=
		    (strcasecmp(r.value, "OK") == 0))
			abort();
		if ((r.status == SOAP_STATUS_UNSUBSCRIBE) !=
		    (strcasecmp(r.value, "Unsubscribe") == 0))
			abort();
	} else if (rc == -1) {
		if (strcmp(err, "not a SOAP envelope") != 0 &&
		    strcmp(err, "no SubscriptionStatus in the answer") != 0 &&
		    strncmp(err, "SOAP fault: ", 12) != 0)
			abort();
	} else
		abort();
	return 0;
}
