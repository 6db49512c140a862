/* test_soap.c - the EWS SendNotification request and its answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "soap.h"

#define ENV_OPEN	"<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
#define ENV_CLOSE	"</soap:Body></soap:Envelope>"
#define RESULT(v)	"<SendNotificationResult xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\">" \
			"<SubscriptionStatus>" v "</SubscriptionStatus></SendNotificationResult>"

/* Answers that parse: the status and value they must give. */
static const struct {
	const char		*name;
	const char		*body;
	enum soap_status	 status;
	const char		*value;
} good[] = {
	{ "jetty answer", "<?xml version='1.0' encoding='UTF-8'?>"
	    ENV_OPEN RESULT("OK") ENV_CLOSE, SOAP_STATUS_OK, "OK" },
	{ "unsubscribe", ENV_OPEN RESULT("Unsubscribe") ENV_CLOSE,
	    SOAP_STATUS_UNSUBSCRIBE, "Unsubscribe" },
	{ "other value", ENV_OPEN RESULT("Pause") ENV_CLOSE,
	    SOAP_STATUS_OTHER, "Pause" },
	{ "empty value", ENV_OPEN RESULT("") ENV_CLOSE, SOAP_STATUS_OTHER, "" },
	{ "whitespace around the value", ENV_OPEN
	    RESULT("\n\t  OK \r\n ") ENV_CLOSE, SOAP_STATUS_OK, "OK" },
	{ "case of the value", ENV_OPEN RESULT("unsubscribe") ENV_CLOSE,
	    SOAP_STATUS_UNSUBSCRIBE, "unsubscribe" },
	{ "prefixed everywhere",
	    "<s:Envelope xmlns:s=\"x\"><s:Header/><s:Body>"
	    "<m:SendNotificationResult xmlns:m=\"y\">"
	    "<m:SubscriptionStatus>OK</m:SubscriptionStatus>"
	    "</m:SendNotificationResult></s:Body></s:Envelope>",
	    SOAP_STATUS_OK, "OK" },
	{ "no prefixes", "<Envelope><Body><SendNotificationResult>"
	    "<SubscriptionStatus>Unsubscribe</SubscriptionStatus>"
	    "</SendNotificationResult></Body></Envelope>",
	    SOAP_STATUS_UNSUBSCRIBE, "Unsubscribe" },
	{ "pretty printed with BOM and comments", "\xef\xbb\xbf"
	    "<?xml version=\"1.0\"?>\n<!-- jetty -->\n"
	    "<soapenv:Envelope xmlns:soapenv=\"a\">\n  <soapenv:Body>\n"
	    "    <ns2:SendNotificationResult xmlns:ns2=\"b\">\n"
	    "      <!-- <SubscriptionStatus>Unsubscribe</SubscriptionStatus> -->\n"
	    "      <ns2:SubscriptionStatus >\n        OK\n      "
	    "</ns2:SubscriptionStatus>\n    </ns2:SendNotificationResult>\n"
	    "  </soapenv:Body>\n</soapenv:Envelope>\n", SOAP_STATUS_OK, "OK" },
	{ "attributes with > inside quotes", "<e:Envelope a='>' b=\"<\">"
	    "<e:Body><SendNotificationResult q=\"/>\">"
	    "<SubscriptionStatus x='1'>OK</SubscriptionStatus>"
	    "</SendNotificationResult></e:Body></e:Envelope>",
	    SOAP_STATUS_OK, "OK" },
	{ "CDATA value", ENV_OPEN RESULT("<![CDATA[Unsubscribe]]>") ENV_CLOSE,
	    SOAP_STATUS_UNSUBSCRIBE, "Unsubscribe" },
	{ "first status wins", ENV_OPEN RESULT("OK") RESULT("Unsubscribe")
	    ENV_CLOSE, SOAP_STATUS_OK, "OK" },
	{ "cut after the status", ENV_OPEN RESULT("OK") "</soap:Bo",
	    SOAP_STATUS_OK, "OK" },
	{ "long value cut", ENV_OPEN RESULT("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") ENV_CLOSE,
	    SOAP_STATUS_OTHER, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
	{ "inner spaces collapsed", ENV_OPEN RESULT("Not \n\n  OK") ENV_CLOSE,
	    SOAP_STATUS_OTHER, "Not OK" },
	{ "a stray < in the value is kept", ENV_OPEN RESULT("a < b") ENV_CLOSE,
	    SOAP_STATUS_OTHER, "a < b" },
};

/* Answers that do not parse: the start of the reason they must give. */
static const struct {
	const char	*name;
	const char	*body;
	const char	*why;
} bad[] = {
	{ "empty", "", "not a SOAP envelope" },
	{ "whitespace only", " \n\t", "not a SOAP envelope" },
	{ "html", "<!DOCTYPE html>\n<html><body>It works</body></html>",
	    "not a SOAP envelope" },
	{ "plain text", "OK", "not a SOAP envelope" },
	{ "text before the root", "x<Envelope><Body>" RESULT("OK")
	    "</Body></Envelope>", "not a SOAP envelope" },
	{ "json", "{\"SubscriptionStatus\":\"OK\"}", "not a SOAP envelope" },
	{ "a stray < before the root", "< <Envelope><Body>" RESULT("OK")
	    "</Body></Envelope>", "not a SOAP envelope" },
	{ "status outside a result", ENV_OPEN
	    "<SubscriptionStatus>OK</SubscriptionStatus>" ENV_CLOSE,
	    "no SubscriptionStatus" },
	{ "result without status", ENV_OPEN "<SendNotificationResult/>"
	    ENV_CLOSE, "no SubscriptionStatus" },
	{ "cut inside the value", ENV_OPEN "<SendNotificationResult>"
	    "<SubscriptionStatus>O", "no SubscriptionStatus" },
	{ "cut inside a tag", ENV_OPEN "<SendNotificationResult><Subscrip",
	    "no SubscriptionStatus" },
	{ "commented out", ENV_OPEN "<!-- " RESULT("OK") " -->" ENV_CLOSE,
	    "no SubscriptionStatus" },
	{ "soap 1.1 fault", ENV_OPEN "<soap:Fault><faultcode>soap:Server"
	    "</faultcode><faultstring>Subscription not found</faultstring>"
	    "</soap:Fault>" ENV_CLOSE, "SOAP fault: Subscription not found" },
	{ "soap 1.2 fault", "<env:Envelope><env:Body><env:Fault><env:Code/>"
	    "<env:Reason><env:Text xml:lang=\"en\">busy</env:Text></env:Reason>"
	    "</env:Fault></env:Body></env:Envelope>", "SOAP fault: busy" },
	{ "fault without text", ENV_OPEN "<soap:Fault/>" ENV_CLOSE,
	    "SOAP fault: (no faultstring)" },
	{ "unterminated comment", "<!-- ", "not a SOAP envelope" },
};

static void
test_good_answers(void **state)
{
	struct soap_result r;
	char err[200];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		err[0] = '\0';
		if (soap_notification_parse(good[i].body, strlen(good[i].body),
		    &r, err, sizeof(err)) != 0)
			fail_msg("%s: rejected: %s", good[i].name, err);
		if (r.status != good[i].status)
			fail_msg("%s: status %d", good[i].name, (int)r.status);
		if (strcmp(r.value, good[i].value) != 0)
			fail_msg("%s: value '%s'", good[i].name, r.value);
	}
}

static void
test_bad_answers(void **state)
{
	struct soap_result r;
	char err[200];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		if (soap_notification_parse(bad[i].body, strlen(bad[i].body),
		    &r, err, sizeof(err)) == 0)
			fail_msg("%s: accepted ('%s')", bad[i].name, r.value);
		if (strncmp(err, bad[i].why, strlen(bad[i].why)) != 0)
			fail_msg("%s: reason '%s'", bad[i].name, err);
	}
}

/* The length given is honoured: bytes after it are never read. */
static void
test_length_honoured(void **state)
{
	static const char body[] = ENV_OPEN RESULT("OK") ENV_CLOSE;
	struct soap_result r;
	char err[200];
	const char *cut = strstr(body, "OK</");

	(void)state;
	assert_non_null(cut);
	assert_int_equal(soap_notification_parse(body, (size_t)(cut - body),
	    &r, err, sizeof(err)), -1);
	assert_int_equal(soap_notification_parse(body, sizeof(body) - 1, &r,
	    err, sizeof(err)), 0);
}

/* The request parses as what Exchange sends; its own answer reader rejects it. */
static void
test_build(void **state)
{
	char buf[4096], small[16], err[200];
	struct soap_result r;
	int n;

	(void)state;
	n = soap_notification_build(buf, sizeof(buf), NULL);
	assert_true(n > 0 && (size_t)n < sizeof(buf));
	assert_int_equal((size_t)n, strlen(buf));
	assert_non_null(strstr(buf, "<t:SubscriptionId>" SOAP_PROBE_SUBSCRIPTION
	    "</t:SubscriptionId>"));
	assert_non_null(strstr(buf, "<t:StatusEvent>"));
	assert_non_null(strstr(buf, "<m:SendNotification "));
	assert_non_null(strstr(buf, "soap:Envelope"));
	assert_int_equal(soap_notification_parse(buf, (size_t)n, &r, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "no SubscriptionStatus in the answer");

	n = soap_notification_build(buf, sizeof(buf), "abc-123==");
	assert_true(n > 0);
	assert_non_null(strstr(buf, ">abc-123==</t:SubscriptionId>"));

	/* Too small: snprintf's contract, still terminated. */
	n = soap_notification_build(small, sizeof(small), NULL);
	assert_true((size_t)n >= sizeof(small));
	assert_int_equal(strlen(small), sizeof(small) - 1);

	assert_int_equal(soap_notification_build(buf, sizeof(buf), "a<b"), -1);
	assert_int_equal(soap_notification_build(buf, sizeof(buf), "a&b"), -1);
	assert_int_equal(soap_notification_build(buf, sizeof(buf), ""), -1);
}

static void
test_deep_nesting(void **state)
{
	char body[8192];
	struct soap_result r;
	char err[200];
	size_t len = 0;
	int i;

	(void)state;
	len += (size_t)snprintf(body + len, sizeof(body) - len,
	    "<Envelope><Body><SendNotificationResult>");
	for (i = 0; i < 100; i++)
		len += (size_t)snprintf(body + len, sizeof(body) - len, "<x>");
	len += (size_t)snprintf(body + len, sizeof(body) - len,
	    "<SubscriptionStatus>OK</SubscriptionStatus>");
	/* Deeper than the names kept: the ancestor is still known. */
	assert_int_equal(soap_notification_parse(body, len, &r, err,
	    sizeof(err)), 0);
	assert_string_equal(r.value, "OK");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_answers),
		cmocka_unit_test(test_bad_answers),
		cmocka_unit_test(test_length_honoured),
		cmocka_unit_test(test_build),
		cmocka_unit_test(test_deep_nesting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
