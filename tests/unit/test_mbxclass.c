/* test_mbxclass.c - classes of CuMbxSync failures, their order and patterns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "mbxclass.h"

#define LEN(a)	(sizeof(a) / sizeof((a)[0]))

#define EWS	"for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST"
#define AUTOD	"for Autodiscovery URL: https://autodiscover.example.com/autodiscover/autodiscover.xml, verb: POST"

/* Messages (the part after the level) and the class they must fall in. */
static const struct {
	const char	*msg;
	enum mbxclass	 want;
} cases[] = {
	/* each class from the shapes in Cisco's documents */
	{ "[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Peer certificate "
	  "cannot be authenticated with given CA certificates, HTTP status code: 0, " EWS, MBXC_TLS },
	{ "[CsEws/CsEwsResponse.cpp:88]: EWS response code: ErrorServerBusy, "
	  "The server cannot service this request right now. HTTP status code: 500", MBXC_THROTTLED },
	{ "[CsEws/CsEwsResponse.cpp:88]: ResponseCode=ErrorImpersonateUserDenied "
	  "HTTP Status code: 500, WEBDAV response headers: HTTP/1.1 500 Internal Server Error",
	  MBXC_IMPERSONATION },
	{ "[CsEws/CsEwsResponse.cpp:88]: ResponseCode=ErrorNonExistentMailbox, "
	  "mailbox jdoe@example.com, HTTP status code: 200", MBXC_NO_MAILBOX },
	{ "[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Couldn't connect to server, "
	  "HTTP status code: 503, " EWS, MBXC_CONNECT },
	{ "HTTP request failed with error: Could not connect to server, HTTP status code: 503, " EWS,
	  MBXC_CONNECT },
	{ "Diagnostic=[Failed to connect to mail.example.com port 443: Connection refused]",
	  MBXC_CONNECT },
	{ "[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Timeout was reached, "
	  "HTTP status code: 0, " EWS, MBXC_TIMEOUT },
	{ "Diagnostic=[Timeout was reached -- operation timed out after 1000 milliseconds with 0 bytes received]",
	  MBXC_TIMEOUT },
	{ "Diagnostic=[SSL connect error -- error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure]",
	  MBXC_TLS },
	{ "HTTP request failed with error: SSL certificate problem: certificate has expired, "
	  "HTTP status code: 0, " EWS, MBXC_TLS },
	{ "[CsExMbxLocator/CsExMbxLocator.cpp:640]: failed to get dns results for "
	  "_autodiscover._tcp.example.com, error 9003", MBXC_DNS },
	{ "HTTP request failed with error: Couldn't resolve host name, HTTP status code: 0, " AUTOD,
	  MBXC_DNS },
	{ "[CsExMbxLocator/LdapSearch.cpp:211]: LDAP authentication bind failed: INVALID_CREDENTIALS",
	  MBXC_LDAP },
	{ "[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, " EWS,
	  MBXC_HTTP_401 },
	{ "[CsExMbxLocator/CsExMbxLocator.cpp:512]: HTTP request failed with error: , "
	  "HTTP status code: 401, " AUTOD, MBXC_HTTP_401 },
	{ "HTTP request failed with error: , HTTP status code: 403, " EWS, MBXC_HTTP_403 },
	{ "HTTP request failed with error: , HTTP status code: 404, " AUTOD, MBXC_HTTP_404 },
	{ "HTTP request failed with error: , HTTP status code: 440, " EWS, MBXC_HTTP_440 },
	{ "[CsWebDav/CsWebDavHttp.cpp:99]: HTTP Status code: 500, WEBDAV response headers: "
	  "HTTP/1.1 500 Internal Server Error", MBXC_HTTP_500 },
	{ "HTTP request failed with error: , HTTP status code: 503, " EWS, MBXC_HTTP_503 },
	{ "HTTP request failed with error: , HTTP status code: 502, " EWS, MBXC_HTTP_OTHER },
	{ "HTTP request failed with error: , HTTP status code: 400, " EWS, MBXC_HTTP_OTHER },
	{ "HTTP request failed with error: , HTTP status code: 599, " EWS, MBXC_HTTP_OTHER },
	{ "WEBDAV response headers: HTTP/1.1 401 Unauthorized", MBXC_HTTP_401 },
	{ "response: HTTP/2 404", MBXC_HTTP_404 },
	{ "[CsMbxSync/ImapSession.cpp:77]: E_CML_IMAP_CONNECT_FAILED (0x80046410) on login",
	  MBXC_OTHER },
	{ "[CsEws/CsEwsResponse.cpp:88]: ResponseCode=ErrorAccessDenied", MBXC_OTHER },
	{ "HTTP request failed with error: Send failure: Connection reset by peer, "
	  "HTTP status code: 0, " EWS, MBXC_OTHER },
	{ "Caught exception in sync thread", MBXC_OTHER },
	{ "hr=0x8004010F while opening folder", MBXC_OTHER },
	/* not errors */
	{ "HTTP status code: 200, " EWS, MBXC_NONE },
	{ "HTTP Status code: 302, WEBDAV response headers: HTTP/1.1 302 Found", MBXC_NONE },
	{ "HTTP/1.1 204 No Content", MBXC_NONE },
	{ "HTTP request failed with error: , HTTP status code: 201, " EWS, MBXC_NONE },
	{ "[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes",
	  MBXC_NONE },
	{ "ResponseCode=NoError, items=12", MBXC_NONE },
	{ "Setting EWS response timeout to 100000 ms", MBXC_NONE },
	{ "LDAP search for autodiscover SCP returned 2 entries", MBXC_NONE },
	{ "user id 0x8004 in list", MBXC_NONE },
	{ "value=0x80046410ff", MBXC_NONE },
	{ "", MBXC_NONE },
	/* precedence: the more specific signature wins */
	{ "ErrorServerBusy ErrorImpersonateUserDenied ErrorNonExistentMailbox", MBXC_THROTTLED },
	{ "ErrorImpersonateUserDenied ErrorNonExistentMailbox Couldn't connect", MBXC_IMPERSONATION },
	{ "ErrorNonExistentMailbox, Timeout was reached", MBXC_NO_MAILBOX },
	{ "Couldn't connect to server (Connection timed out), HTTP status code: 503", MBXC_CONNECT },
	{ "Timeout was reached during SSL connect error, HTTP status code: 500", MBXC_TIMEOUT },
	{ "SSL connect error, failed to get dns results, HTTP status code: 401", MBXC_TLS },
	{ "failed to get dns results, LDAP bind failed", MBXC_DNS },
	{ "LDAP authentication bind failed, HTTP status code: 500", MBXC_LDAP },
	{ "HTTP status code: 404, E_CML_IMAP_CONNECT_FAILED (0x80046410)", MBXC_HTTP_404 },
	/* status 0 is no status: the later header line decides */
	{ "HTTP status code: 0, response: HTTP/1.1 403 Forbidden", MBXC_HTTP_403 },
	/* case does not matter for the built-in signatures */
	{ "TIMEOUT WAS REACHED", MBXC_TIMEOUT },
	{ "errorserverbusy", MBXC_THROTTLED },
	{ "http status CODE:401", MBXC_HTTP_401 },
	{ "HTTP status code=401", MBXC_HTTP_401 },
	/* a 4-digit or longer number is not a status */
	{ "HTTP status code: 4010", MBXC_NONE },
};

static void
test_cases(void **unused)
{
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(cases); i++) {
		enum mbxclass got;

		got = mbxclass_builtin(cases[i].msg, strlen(cases[i].msg));
		if (got != cases[i].want)
			print_message("# case %zu '%s': got %s, want %s\n", i,
			    cases[i].msg, mbxclass_label(got),
			    mbxclass_label(cases[i].want));
		assert_int_equal(got, cases[i].want);
	}
}

/* Every class is reached by at least one case, so none is dead. */
static void
test_every_class_reached(void **unused)
{
	bool seen[MBXC_COUNT + 1] = { false };
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(cases); i++)
		seen[cases[i].want] = true;
	for (i = 0; i <= MBXC_COUNT; i++)
		assert_true(seen[i]);
}

/* Labels are the fixed perfdata labels; titles and advice exist. */
static void
test_labels(void **unused)
{
	static const char *const want[MBXC_COUNT] = {
		"throttled", "impersonation", "no_mailbox", "connect",
		"timeout", "tls", "dns", "ldap", "http_401", "http_403",
		"http_404", "http_440", "http_500", "http_503", "http_other",
		"other"
	};
	int i;

	(void)unused;
	for (i = 0; i < MBXC_COUNT; i++) {
		assert_string_equal(mbxclass_label((enum mbxclass)i), want[i]);
		assert_true(strlen(mbxclass_title((enum mbxclass)i)) > 0);
		assert_true(strlen(mbxclass_advice((enum mbxclass)i)) > 20);
		/* advice goes on line 1: no '|' and no ';' */
		assert_null(strpbrk(mbxclass_advice((enum mbxclass)i), "|;"));
	}
	assert_string_equal(mbxclass_label(MBXC_NONE), "none");
	assert_string_equal(mbxclass_label((enum mbxclass)99), "none");
	assert_string_equal(mbxclass_advice(MBXC_NONE), "");
	assert_true(strstr(mbxclass_advice(MBXC_HTTP_401),
	    "unified messaging service account") != NULL);
}

static void
test_http_status(void **unused)
{
	(void)unused;
	assert_int_equal(mbxclass_http_status("HTTP status code: 401, x", 24), 401);
	assert_int_equal(mbxclass_http_status("HTTP/1.1 500 Internal", 21), 500);
	assert_int_equal(mbxclass_http_status("HTTP/1.1 50", 11), 0);
	assert_int_equal(mbxclass_http_status("status code: 0", 14), 0);
	assert_int_equal(mbxclass_http_status("nothing", 7), 0);
	assert_int_equal(mbxclass_http_status(NULL, 0), 0);
	/* the length is respected: "401" cut to "40" */
	assert_int_equal(mbxclass_http_status("status code: 401", 15), 40);
}

/* A whole line through the parser, then the classifier. */
static void
test_real_lines(void **unused)
{
	static const struct {
		const char	*line;
		enum mbxclass	 want;
	} lines[] = {
		{ "10:37:12.321 |9156,mail.example.com,,CsEws,14,[CsEws/CsEwsHttp.cpp:312]: "
		  "HTTP request failed with error: , HTTP status code: 401, " EWS, MBXC_HTTP_401 },
		{ "10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C}, CsEws,-1,"
		  "Diagnostic=[Timeout was reached -- operation timed out after 1000 milliseconds]",
		  MBXC_TIMEOUT },
		{ "10:37:12.321 |9156,,,CsMbxSync,11,subscribed 12 mailboxes", MBXC_NONE },
		/* the host name is not the message: no false DNS match */
		{ "10:37:12.321 |9156,dns-failed.example.com,,CsEws,11,subscribed", MBXC_NONE },
	};
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(lines); i++) {
		struct diag_record r;

		assert_int_equal(diag_parse_line(lines[i].line,
		    strlen(lines[i].line), &r, NULL), 0);
		assert_int_equal(mbxclass_classify(NULL, lines[i].line,
		    strlen(lines[i].line), r.message, r.message_len),
		    lines[i].want);
	}
}

static enum mbxclass
classify_line(struct mbxpatterns *p, const char *line)
{
	struct diag_record r;

	assert_int_equal(diag_parse_line(line, strlen(line), &r, NULL), 0);
	return mbxclass_classify(p, line, strlen(line), r.message,
	    r.message_len);
}

static void
test_patterns(void **unused)
{
	struct mbxpatterns p;
	char err[256];
	const char *l1 = "10:00:00.000 |1,mail.example.com,,CsEws,1,HTTP status code: 401";
	const char *l2 = "10:00:00.000 |1,lab.example.com,,CsEws,1,HTTP status code: 401";
	const char *l3 = "10:00:00.000 |1,h,,CsMbxSync,1,queue length 5000 exceeds limit";
	const char *l4 = "10:00:00.000 |1,h,,CsMbxSync,1,queue length 10";

	(void)unused;
	mbxpatterns_init(&p);
	assert_int_equal(mbxpatterns_add(&p, true, "^[^,]*,lab\\.", err,
	    sizeof(err)), 0);
	assert_int_equal(mbxpatterns_add(&p, false, "exceeds (limit|quota)",
	    err, sizeof(err)), 0);
	assert_int_equal(mbxpatterns_add(&p, false, "(?i)QUEUE FULL",
	    err, sizeof(err)), 0);
	assert_int_equal(p.nignore, 1);
	assert_int_equal(p.nerror, 2);
	/* the built-in class stays; ignore wins over it; error adds `other` */
	assert_int_equal(classify_line(&p, l1), MBXC_HTTP_401);
	assert_int_equal(classify_line(&p, l2), MBXC_NONE);
	assert_int_equal(classify_line(&p, l3), MBXC_OTHER);
	assert_int_equal(classify_line(&p, l4), MBXC_NONE);
	assert_int_equal(mbxclass_classify(&p, NULL, 0, NULL, 0), MBXC_NONE);
	mbxpatterns_free(&p);
	assert_int_equal(p.nerror, 0);
	mbxpatterns_free(&p);	/* twice is harmless */
}

static void
test_bad_pattern(void **unused)
{
	struct mbxpatterns p;
	char err[256];

	(void)unused;
	mbxpatterns_init(&p);
	assert_int_equal(mbxpatterns_add(&p, false, "a(b", err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "invalid --error-pattern 'a(b': "));
	assert_non_null(strstr(err, "missing closing parenthesis"));
	assert_non_null(strstr(err, "at offset 3"));
	assert_int_equal(mbxpatterns_add(&p, true, "x[", err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "invalid --ignore-pattern 'x[': "));
	assert_non_null(strstr(err, "at offset 2"));
	assert_int_equal(p.nerror + p.nignore, 0);
	mbxpatterns_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_every_class_reached),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_http_status),
		cmocka_unit_test(test_real_lines),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_bad_pattern),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
