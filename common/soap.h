/*
 * soap.h - the EWS push notification exchanged on CUC's port 7080.
 *
 * Exchange POSTs a SendNotification (events for one subscription) to CUC's
 * Jetty; CUC answers a SendNotificationResult whose SubscriptionStatus is
 * OK (keep sending) or Unsubscribe (end the subscription).  check_cuc_port
 * --soap plays Exchange with a StatusEvent (a keepalive) for a made-up
 * subscription id and reads the answer.  Pure: no I/O, no printing.
 */
#ifndef CUC_SOAP_H
#define CUC_SOAP_H

#include <stddef.h>

/* The headers Exchange sends with a notification (for http_request.headers). */
#define SOAP_CONTENT_TYPE	"Content-Type: text/xml; charset=utf-8"
#define SOAP_ACTION_NOTIFY	"SOAPAction: \"http://schemas.microsoft.com/" \
				"exchange/services/2006/messages/SendNotification\""

/* The subscription id of the probe: base64 of "check_cuc_port probe". */
#define SOAP_PROBE_SUBSCRIPTION	"Y2hlY2tfY3VjX3BvcnQgcHJvYmU="

/*
 * Write a SendNotification request carrying one StatusEvent for
 * subscription_id (NULL: SOAP_PROBE_SUBSCRIPTION) into buf.  Returns the
 * length as snprintf does (>= size: the buffer was too small), or -1 when
 * the id holds characters that would need XML escaping.
 */
int soap_notification_build(char *buf, size_t size,
    const char *subscription_id);

enum soap_status {
	SOAP_STATUS_OK,			/* "OK" */
	SOAP_STATUS_UNSUBSCRIBE,	/* "Unsubscribe" */
	SOAP_STATUS_OTHER		/* any other text, in value */
};

struct soap_result {
	enum soap_status	status;
	char			value[64];	/* the SubscriptionStatus text, trimmed, maybe cut */
};

/*
 * Read a SendNotification answer: an Envelope whose Body holds a
 * SendNotificationResult with a SubscriptionStatus.  Namespace prefixes
 * (any or none), XML declarations, comments, CDATA and whitespace around
 * the value are accepted.  Returns 0 and fills *out, or -1 with the reason
 * in err: "not a SOAP envelope", "SOAP fault: <faultstring>",
 * "no SubscriptionStatus in the answer".
 */
int soap_notification_parse(const char *body, size_t len,
    struct soap_result *out, char *err, size_t errlen);

#endif
