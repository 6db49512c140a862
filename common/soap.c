/*
 * soap.c - build an EWS SendNotification, read the SendNotificationResult.
 *
 * The answer is read token by token (xmlscan.h) rather than by a real
 * XML parser: all we need is the text of one element, and pulling in
 * libxml2 would cost every run its load time.  Prefixes are ignored
 * (Jetty's stack, .NET and hand-written answers all choose differently).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "soap.h"
#include "xmlscan.h"

#define SOAP_DEPTH	24	/* element names kept; deeper ones only counted */
#define SOAP_NAME	40	/* longest local name kept */

static const char soap_template[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<soap:Envelope"
    " xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
    " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n"
    "  <soap:Header>\n"
    "    <t:RequestServerVersion"
    " xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\""
    " Version=\"Exchange2010_SP2\"/>\n"
    "  </soap:Header>\n"
    "  <soap:Body>\n"
    "    <m:SendNotification"
    " xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\""
    " xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\">\n"
    "      <m:ResponseMessages>\n"
    "        <m:SendNotificationResponseMessage ResponseClass=\"Success\">\n"
    "          <m:ResponseCode>NoError</m:ResponseCode>\n"
    "          <m:Notification>\n"
    "            <t:SubscriptionId>%s</t:SubscriptionId>\n"
    "            <t:PreviousWatermark>AQAAAA==</t:PreviousWatermark>\n"
    "            <t:MoreEvents>false</t:MoreEvents>\n"
    "            <t:StatusEvent>\n"
    "              <t:Watermark>AQAAAA==</t:Watermark>\n"
    "            </t:StatusEvent>\n"
    "          </m:Notification>\n"
    "        </m:SendNotificationResponseMessage>\n"
    "      </m:ResponseMessages>\n"
    "    </m:SendNotification>\n"
    "  </soap:Body>\n"
    "</soap:Envelope>\n";

int
soap_notification_build(char *buf, size_t size, const char *subscription_id)
{
	const char *id = subscription_id ? subscription_id :
	    SOAP_PROBE_SUBSCRIPTION;

	/* Ids are base64 or uuids; anything needing escapes is a caller bug. */
	if (id[0] == '\0' || strpbrk(id, "<>&\"'") != NULL)
		return -1;
	return snprintf(buf, size, soap_template, id);
}

/* What the scanner has seen so far. */
struct scan {
	char		 names[SOAP_DEPTH][SOAP_NAME];
	size_t		 depth;		/* open elements, may exceed SOAP_DEPTH */
	bool		 root_seen;
	bool		 envelope;	/* the root element is an Envelope */
	int		 collect;	/* 0 none, 1 status, 2 fault text */
	bool		 status_done;	/* a whole SubscriptionStatus was read */
	bool		 fault;
	char		 status[64];
	size_t		 status_len;
	char		 fault_text[160];
	size_t		 fault_len;
};

static bool
has_ancestor(const struct scan *s, const char *name)
{
	size_t i, n = s->depth < SOAP_DEPTH ? s->depth : SOAP_DEPTH;

	for (i = 0; i < n; i++)
		if (strcmp(s->names[i], name) == 0)
			return true;
	return false;
}

static void
append(char *buf, size_t size, size_t *len, const char *p, size_t n)
{
	for (; n > 0 && *len + 1 < size; p++, n--) {
		/* Collapse runs of whitespace; the value is trimmed later. */
		if (xml_is_space(*p)) {
			if (*len > 0 && buf[*len - 1] == ' ')
				continue;
			buf[(*len)++] = ' ';
		} else
			buf[(*len)++] = *p;
	}
	buf[*len] = '\0';
}

static void
text(struct scan *s, const char *p, size_t n)
{
	if (s->collect == 1)
		append(s->status, sizeof(s->status), &s->status_len, p, n);
	else if (s->collect == 2)
		append(s->fault_text, sizeof(s->fault_text), &s->fault_len, p, n);
}

/* Which element's text to keep, decided when it opens. */
static int
collect_for(const struct scan *s, const char *name)
{
	if (strcmp(name, "SubscriptionStatus") == 0 && !s->status_done &&
	    has_ancestor(s, "SendNotificationResult"))
		return 1;
	/* SOAP 1.1 faultstring, SOAP 1.2 Reason/Text. */
	if (s->fault && s->fault_len == 0 && (strcmp(name, "faultstring") == 0 ||
	    (strcmp(name, "Text") == 0 && has_ancestor(s, "Reason"))))
		return 2;
	return 0;
}

/* A start or empty tag whose local name is at [name, name + n). */
static void
open_element(struct scan *s, const char *name, size_t n, bool empty)
{
	char local[SOAP_NAME];

	if (n >= sizeof(local))
		n = sizeof(local) - 1;
	memcpy(local, name, n);
	local[n] = '\0';

	if (!s->root_seen) {
		s->root_seen = true;
		s->envelope = strcmp(local, "Envelope") == 0;
	}
	if (strcmp(local, "Fault") == 0 && has_ancestor(s, "Body"))
		s->fault = true;
	if (empty)
		return;
	s->collect = collect_for(s, local);
	if (s->depth < SOAP_DEPTH)
		memcpy(s->names[s->depth], local, n + 1);
	s->depth++;
}

static void
close_element(struct scan *s)
{
	if (s->collect == 1)
		s->status_done = true;
	s->collect = 0;
	if (s->depth > 0)
		s->depth--;
	/* Text after a child closes belongs to the parent: not collected. */
}

/* Feed one token to the scan; false when the answer is not SOAP. */
static bool
feed(struct scan *s, enum xtok t, const char *p, size_t n)
{
	switch (t) {
	case XT_TEXT:
		if (!s->root_seen)	/* text before any element */
			return xml_is_blank(p, n);
		text(s, p, n);
		return true;
	case XT_CDATA:
		text(s, p, n);
		return true;
	case XT_OPEN:
	case XT_EMPTY:
		open_element(s, p, n, t == XT_EMPTY);
		return s->envelope;	/* the root decides */
	case XT_CLOSE:
		close_element(s);
		return true;
	default:
		return true;
	}
}

/* The answer from an envelope read to its end (or to a cut). */
static int
verdict(struct scan *s, struct soap_result *out, char *err, size_t errlen)
{
	if (s->status_done) {
		xml_trim(s->status);
		memcpy(out->value, s->status, sizeof(out->value));
		if (strcasecmp(s->status, "OK") == 0)
			out->status = SOAP_STATUS_OK;
		else if (strcasecmp(s->status, "Unsubscribe") == 0)
			out->status = SOAP_STATUS_UNSUBSCRIBE;
		else
			out->status = SOAP_STATUS_OTHER;
		return 0;
	}
	if (s->fault) {
		xml_trim(s->fault_text);
		snprintf(err, errlen, "SOAP fault: %s",
		    s->fault_text[0] ? s->fault_text : "(no faultstring)");
		return -1;
	}
	snprintf(err, errlen, "no SubscriptionStatus in the answer");
	return -1;
}

int
soap_notification_parse(const char *body, size_t len, struct soap_result *out,
    char *err, size_t errlen)
{
	struct scan s;
	struct xscan x;
	enum xtok t;
	const char *p;
	size_t n;
	bool soap = true;

	memset(&s, 0, sizeof(s));
	memset(out, 0, sizeof(*out));
	xscan_init(&x, body, len);
	/* A cut inside markup ends the scan: judge what was read. */
	while (soap && (t = xscan_next(&x, &p, &n)) != XT_END && t != XT_CUT)
		soap = feed(&s, t, p, n);
	if (!soap || !s.envelope) {
		snprintf(err, errlen, "not a SOAP envelope");
		return -1;
	}
	return verdict(&s, out, err, errlen);
}
