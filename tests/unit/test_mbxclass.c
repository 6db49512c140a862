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
	/* a DNS step is judged by its outcome, not by its name */
	{ "Starting DNS lookup for autodiscover.example.com", MBXC_NONE },
	{ "DNS lookup for autodiscover.example.com failed", MBXC_DNS },
	{ "DNS query for: _autodiscover._tcp.example.com did not return results",
	  MBXC_DNS },
	{ "LDAP search didn't return results", MBXC_NONE },
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
	{ "Could not connect to Domain Controller (dc1.example.com), Couldn't connect",
	  MBXC_LDAP },
	{ "ErrorNonExistentMailbox, Could not connect to Domain Controller",
	  MBXC_NO_MAILBOX },
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

/*
 * Every error text of Cisco's "Unity Connection Single Inbox Troubleshooting
 * TechNote" (document 116001, updated 2023-03-15,
 * https://www.cisco.com/c/en/us/support/docs/unified-communications/unity-connection/116001-uc-singleinbox-00.html)
 * that the CsExMbxLocator, CsEws, CsWebDav or CsMbxSync traces write, and
 * the informational traces it shows beside them, as whole diag lines with
 * the class each must get.  The messages are the TechNote's (its xxx.xxx
 * placeholders become example.com names); the time, thread and contexts,
 * and the [File.cpp:NNN] prefix where the TechNote shows none, follow the
 * line shapes of domain.md section 4.  Left out: what only the Test page
 * shows (the Scenario 5 OpenSSL "Connection refused" text) and CuImapSvr's
 * CML lines (another log; E_CML_IMAP_CONNECT_FAILED is in cases[] above).
 *
 * The classes follow the TechNote's causes: a domain controller CUC cannot
 * "connect to" is an LDAP bind refused for the password (Services Scenario
 * 2), a CAS server not found "via Active Directory" is the account's rights
 * to search AD (Scenario 5), lookups that return nothing are DNS (Scenarios
 * 1 and 3: "make sure the domain name is correct").  The summaries "Failed
 * to locate an Exchange ... server" name no cause (the lines around them
 * do): `other`.  Traces of a step (Run DNS query, querying dns, the length
 * of a DNS response, LDAP initialize Return Code (0), Successfully
 * connected) are not errors.
 */
#define LOC	"10:15:02.101 |6549,,,CsExMbxLocator,"
#define TBR	"13,[CsExMbxLocator/CsExMbxLocator.cpp:192] Test Button result: "
#define EWSL	"10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,"

static const struct {
	const char	*line;
	enum mbxclass	 want;
} technote[] = {
	/* Unified Messaging Services, Scenario 1: no domain controller in DNS */
	{ LOC "13,AutoDiscoverURLS not found in cache", MBXC_NONE },
	{ LOC "13,[CsExMbxLocator/CsExMbxLocator.cpp:331]: Run DNS query for: "
	  "_ldap._tcp.dc._msdcs.corp.example.com", MBXC_NONE },
	{ LOC "13,[CsExMbxLocator/CCsDNSResolver.cpp:168]: querying dns for "
	  "_ldap._tcp.dc._msdcs.corp.example.com question type 33", MBXC_NONE },
	{ LOC "13,[CsExMbxLocator/CCsDNSResolver.cpp:186] Length of returned DNS "
	  "response is -1", MBXC_NONE },
	{ LOC "10,[CsExMbxLocator/CCsDNSResolver.cpp:190] failed to get dns results "
	  "for _ldap._tcp.dc._msdcs.corp.example.com question type 33", MBXC_DNS },
	{ LOC "11,[CsExMbxLocator/CsExMbxLocator.cpp:359]: DNS query for: "
	  "_ldap._tcp.dc._msdcs.corp.example.com didn't return results", MBXC_DNS },
	{ LOC TBR "Failed to locate a Domain Controller via DNS.", MBXC_DNS },
	{ LOC TBR "Failed to locate an Exchange 2003 server. Connection will not be "
	  "able to Locate Exchange 2003 subscribers.", MBXC_OTHER },
	{ LOC "11,Failed to find DC required for 2003 support", MBXC_OTHER },
	/* Scenario 2: the service account's password */
	{ LOC "10,LDAP initialize non-SSL Return Code (0)", MBXC_NONE },
	{ LOC "10,LDAP authentication bind failed: INVALID_CREDENTIALS", MBXC_LDAP },
	{ LOC "10,CCsLDAPHelper::Init():exit AUTH_NOT_INITIALIZED", MBXC_LDAP },
	{ LOC TBR "Could not connect to Domain Controller (dc1.corp.example.com) "
	  "from DNS", MBXC_LDAP },
	/* Scenario 3: autodiscover URLs unreachable, no SRV record */
	{ LOC "10,[CsExMbxLocator/CsExMbxLocator.cpp:1173]: HTTP request failed with "
	  "error: Couldn't connect to server -- couldn't connect to host, HTTP "
	  "status code: 503, for Autodiscovery URL: http://autodiscover.example.com/ "
	  "autodiscover/autodiscover.xml, verb: GET, query:", MBXC_CONNECT },
	{ LOC TBR "Failed connected to Exchange CAS server at "
	  "(http://autodiscover.example.com/autodiscover/autodiscover.xml)",
	  MBXC_CONNECT },
	{ LOC "13,[CsExMbxLocator/CCsDNSResolver.cpp:168]: querying dns "
	  "for_autodiscover._tcp.example.com question type 33", MBXC_NONE },
	{ LOC "10,[CsExMbxLocator/CCsDNSResolver.cpp:190] failed to get dns results "
	  "for_autodiscover._tcp.example.com question type 33", MBXC_DNS },
	{ LOC TBR "Could not find an Exchange CAS server via Autodiscover DNS SRV "
	  "record", MBXC_DNS },
	{ LOC "11,[CsExMbxLocator/CsExMbxLocator.cpp:636]: DNS query for: "
	  "_autodiscover._tcp.example.com didn't return results", MBXC_DNS },
	{ LOC TBR "Failed to locate an Exchange CAS server. Connection will not be "
	  "able to Locate Exchange 2007/2010 subscribers.", MBXC_OTHER },
	/* Scenario 5: found the DC, but no CAS server through AD */
	{ LOC TBR "Successfully connected to Domain Controller (dc1.corp.example.com) "
	  "from DNS", MBXC_NONE },
	{ LOC TBR "Could not connect to Exchange CAS server "
	  "(https://EX2010-1.corp.example.com/Autodiscover/Autodiscover.xml) from "
	  "Active Directory", MBXC_CONNECT },
	{ LOC TBR "Could not find an Exchange CAS server via Active Directory",
	  MBXC_LDAP },
	{ LOC TBR "Successfully connected to Exchange 2003 server "
	  "(EX2003.corp.example.com) from Active Directory", MBXC_NONE },
	/* Scenario 6 */
	{ LOC TBR "Could not connect to Exchange 2003 server (ncacn_ip_tcp: "
	  "<exchangemailboxserver1.example.com>) from Active Directory", MBXC_CONNECT },
	/* Scenario 4: the Test page's certificate text in the CsEws shape */
	{ EWSL "10,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Peer "
	  "certificate cannot be authenticated with known CA certificates - SSL "
	  "certification problem, verify that the CA cert is OK. Details: "
	  "error:14090086SL routinesSL3_GET_SERVER_CERTIFICATE: certificate verify "
	  "failed, HTTP status code: 0, " EWS, MBXC_TLS },
	/* Unified Messaging Accounts, Scenarios 3 to 6 */
	{ EWSL "10,Failed accessing jdoe@example.com Diagnostic=[Timeout was reached "
	  "-- operation timed out after 1000 milliseconds with 0 bytes recieved]",
	  MBXC_TIMEOUT },
	{ EWSL "10,Failed accessing jdoe@example.com Diagnostic=[] Verb =[] url=[] "
	  "request=[] response[]", MBXC_OTHER },
	{ EWSL "10,HTTP request failed with error: Bad response from server, HTTP "
	  "code returned: 401, HTTP status code: 401", MBXC_HTTP_401 },
	{ EWSL "10,HTTP request failed with error: Couldn't connect to server -- "
	  "couldn't connect to host, HTTP status code: 503", MBXC_CONNECT },
	{ EWSL "10,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: "
	  "Couldn't connect to server -- couldn't connect to host, HTTP status code: "
	  "503, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST",
	  MBXC_CONNECT },
	{ EWSL "10,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Bad "
	  "response from server, HTTP code returned: 401, HTTP status code: 401, "
	  EWS, MBXC_HTTP_401 },
	{ LOC "10,[CsExMbxLocator/CsExMbxLocator.cpp:1173]: HTTP request failed with "
	  "error: Bad response from server, HTTP code returned: 404, HTTP status "
	  "code: 404, for Autodiscovery URL: https://example.com/autodiscover/"
	  "autodiscover.xml, verb: GET, query:", MBXC_HTTP_404 },
	{ EWSL "10,Diagnostic=[SSL connect error -- error:1408F119:SSL "
	  "routines:SSL3_GET_RECORD: decryption failed or bad record mac] "
	  "Verb=[POST]", MBXC_TLS },
	/* "Error codes": the statuses in the Scenario 5 shape */
	{ EWSL "10,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Bad "
	  "response from server, HTTP code returned: 403, HTTP status code: 403, "
	  EWS, MBXC_HTTP_403 },
	{ EWSL "10,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Bad "
	  "response from server, HTTP code returned: 440, HTTP status code: 440, "
	  EWS, MBXC_HTTP_440 },
	{ EWSL "10,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Bad "
	  "response from server, HTTP code returned: 500, HTTP status code: 500, "
	  EWS, MBXC_HTTP_500 },
	{ EWSL "10,[CsEws/CsEwsResponse.cpp:88]: HTTP status=[500 Internal Server "
	  "Error] ErrorImpersonateUserDenied The account does not have permission "
	  "to impersonate the requested user.", MBXC_IMPERSONATION },
	{ EWSL "10,[CsEws/CsEwsResponse.cpp:88]: EWS response code: "
	  "ErrorNonExistentMailbox, The SMTP address has no mailbox associated "
	  "with it.", MBXC_NO_MAILBOX },
	/* Other Issues: the one whole line the TechNote quotes */
	{ "01:10:20.300 |6549,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C}, "
	  "CsWebDav,14,[CsWebDav/CsWebDavMbxClient.cpp:3340]: HTTP Status code: 500, "
	  "WEBDAV response headers: HTTP/1.1 500 Internal Server Error", MBXC_HTTP_500 },
};

static void
test_technote_116001(void **unused)
{
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(technote); i++) {
		const char *line = technote[i].line;
		struct diag_record r;
		enum mbxclass got;

		assert_int_equal(diag_parse_line(line, strlen(line), &r, NULL),
		    0);
		got = mbxclass_classify(NULL, line, strlen(line), r.message,
		    r.message_len);
		if (got != technote[i].want)
			print_message("# technote %zu '%s': got %s, want %s\n", i,
			    line, mbxclass_label(got),
			    mbxclass_label(technote[i].want));
		assert_int_equal(got, technote[i].want);
	}
}

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

/*
 * The index (mbxclass_indexed, what the plugin runs) answers as the
 * definition (mbxclass_builtin) does: on every case, every cut of it
 * (a text at the start or the end of a message, partly cut off), and the
 * case upper-cased and shifted by one byte (the other parity of every
 * text's position).
 */
static void
test_indexed_same(void **unused)
{
	static struct mbxindex ix;
	char buf[1024];
	size_t i, k, len;

	(void)unused;
	mbxindex_init(&ix);
	for (i = 0; i < LEN(cases); i++) {
		const char *m = cases[i].msg;

		len = strlen(m);
		assert_true(len + 1 < sizeof(buf));
		for (k = 0; k < len; k++) {
			if (mbxclass_indexed(&ix, m + k, len - k) !=
			    mbxclass_builtin(m + k, len - k) ||
			    mbxclass_indexed(&ix, m, len - k) !=
			    mbxclass_builtin(m, len - k))
				print_message("# case %zu cut at %zu: '%s'\n",
				    i, k, m);
			assert_int_equal(mbxclass_indexed(&ix, m + k, len - k),
			    mbxclass_builtin(m + k, len - k));
			assert_int_equal(mbxclass_indexed(&ix, m, len - k),
			    mbxclass_builtin(m, len - k));
		}
		buf[0] = ' ';
		for (k = 0; k < len; k++)
			buf[k + 1] = (m[k] >= 'a' && m[k] <= 'z') ?
			    (char)(m[k] - 'a' + 'A') : m[k];
		assert_int_equal(mbxclass_indexed(&ix, buf, len + 1),
		    mbxclass_builtin(buf, len + 1));
		assert_int_equal(mbxclass_indexed(&ix, buf + 1, len),
		    mbxclass_builtin(buf + 1, len));
		assert_int_equal(mbxclass_indexed(&ix, m, len), cases[i].want);
	}
	assert_int_equal(mbxclass_indexed(&ix, NULL, 0), MBXC_NONE);
	assert_int_equal(mbxclass_indexed(&ix, "", 0), MBXC_NONE);
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
		"ews_timeout", "tls", "dns", "ldap", "http_401", "http_403",
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
	assert_non_null(strstr(err, "--error-pattern: \"a(b\" is not a regular "
	    "expression: "));
	assert_non_null(strstr(err, "missing closing parenthesis"));
	assert_non_null(strstr(err, "at offset 3"));
	assert_int_equal(mbxpatterns_add(&p, true, "x[", err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "--ignore-pattern: \"x[\" is not a "
	    "regular expression: "));
	assert_non_null(strstr(err, "at offset 2"));
	assert_int_equal(p.nerror + p.nignore, 0);
	mbxpatterns_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_indexed_same),
		cmocka_unit_test(test_every_class_reached),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_http_status),
		cmocka_unit_test(test_real_lines),
		cmocka_unit_test(test_technote_116001),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_bad_pattern),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
