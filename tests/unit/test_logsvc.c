/* test_logsvc.c - selectLogFiles / GetOneFile requests and answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "logsvc.h"

#define ENV_OPEN "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	"<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">" \
	"<soapenv:Body><ns1:selectLogFilesResponse xmlns:ns1=\"http://schemas.cisco.com/ast/soap\">" \
	"<ns1:ResultSet><ns1:SchemaFileSelectionResult><ns1:Node><ns1:name>cuc1</ns1:name>" \
	"<ns1:ServiceList><ns1:ServiceLogs><ns1:SetOfFiles>"
#define ENV_CLOSE "</ns1:SetOfFiles></ns1:ServiceLogs></ns1:ServiceList></ns1:Node>" \
	"</ns1:SchemaFileSelectionResult></ns1:ResultSet></ns1:selectLogFilesResponse>" \
	"</soapenv:Body></soapenv:Envelope>"
#define FILE_(n, p, s, d) "<ns1:File><ns1:name>" n "</ns1:name><ns1:absolutepath>" p \
	"</ns1:absolutepath><ns1:filesize>" s "</ns1:filesize><ns1:modifiedDate>" d \
	"</ns1:modifiedDate></ns1:File>"
#define DIAG "/var/log/active/cuc/diag_CuMbxSync_00000312.uc"

/* 2026-11-25 10:00:00 UTC */
#define T0 1795600800.0

static const struct {
	const char	*name;
	const char	*xml;
	size_t		 count;
	const char	*first_name;
	const char	*first_path;
	unsigned long long first_size;
	double		 first_mtime;	/* 0: none */
} good[] = {
	{ "one file", ENV_OPEN FILE_("diag_CuMbxSync_00000312.uc", DIAG, "1234",
	    "Wed Nov 25 10:00:00 UTC 2026") ENV_CLOSE, 1,
	    "diag_CuMbxSync_00000312.uc", DIAG, 1234, T0 },
	{ "two files, EST", ENV_OPEN FILE_("a.uc", "/x/a.uc", "1",
	    "Wed Nov 25 05:00:00 EST 2026") FILE_("b.uc", "/x/b.uc", "2",
	    "Wed Nov 25 04:59:59 EST 2026") ENV_CLOSE, 2, "a.uc", "/x/a.uc",
	    1, T0 },
	{ "empty set", ENV_OPEN ENV_CLOSE, 0, NULL, NULL, 0, 0 },
	{ "self-closed set", "<Envelope><Body><selectLogFilesResponse>"
	    "<ResultSet><SchemaFileSelectionResult><Node><ServiceList>"
	    "<ServiceLogs><SetOfFiles/></ServiceLogs></ServiceList></Node>"
	    "</SchemaFileSelectionResult></ResultSet></selectLogFilesResponse>"
	    "</Body></Envelope>", 0, NULL, NULL, 0, 0 },
	{ "xsi types, no prefixes, spaces", "<Envelope><Body>"
	    "<selectLogFilesResponse><File>\n  <name xsi:type=\"xsd:string\"> "
	    "x.log </name>\n  <absolutepath xsi:type=\"xsd:string\">/a/x.log"
	    "</absolutepath>\n <filesize>0</filesize><modifiedDate>Wed Nov 25 "
	    "11:00:00 CET 2026</modifiedDate></File></selectLogFilesResponse>"
	    "</Body></Envelope>", 1, "x.log", "/a/x.log", 0, T0 },
	{ "entities and CDATA", "<Envelope><Body><selectLogFilesResponse>"
	    "<File><name>a&amp;b&#41;&#x41;</name><absolutepath><![CDATA[/p/a&b]]>"
	    "</absolutepath><filesize>7</filesize><modifiedDate>Wed Nov 25 "
	    "15:30:00 GMT+05:30 2026</modifiedDate></File>"
	    "</selectLogFilesResponse></Body></Envelope>", 1, "a&b)A", "/p/a&b",
	    7, T0 },
	{ "size and date absent", "<Envelope><Body><selectLogFilesResponse>"
	    "<File><name>n</name><absolutepath>/n</absolutepath><filesize/>"
	    "</File></selectLogFilesResponse></Body></Envelope>", 1, "n", "/n",
	    0, 0 },
	{ "comments and PI", "\xef\xbb\xbf<?xml version='1.0'?><!-- c -->"
	    "<s:Envelope><s:Body><!-- <File> --><r:selectLogFilesResponse>"
	    "</r:selectLogFilesResponse></s:Body></s:Envelope>", 0, NULL, NULL,
	    0, 0 },
};

static const struct {
	const char	*name;
	const char	*xml;
	const char	*why;
} bad[] = {
	{ "fault", "<soapenv:Envelope><soapenv:Body><soapenv:Fault><faultcode>"
	    "soapenv:Server</faultcode><faultstring>Service Name is not "
	    "valid</faultstring></soapenv:Fault></soapenv:Body>"
	    "</soapenv:Envelope>", "SOAP fault: Service Name is not valid" },
	{ "fault 1.2", "<e:Envelope><e:Body><e:Fault><e:Code><e:Value>e:Sender"
	    "</e:Value></e:Code><e:Reason><e:Text xml:lang=\"en\">bad</e:Text>"
	    "</e:Reason></e:Fault></e:Body></e:Envelope>", "SOAP fault: bad" },
	{ "html", "<html><body>401</body></html>", "not a SOAP envelope" },
	{ "text", "Unauthorized", "not a SOAP envelope" },
	{ "empty", "", "not a SOAP envelope" },
	{ "cut in a tag", ENV_OPEN "<ns1:File><ns1:na", "cut short" },
	{ "cut in a file", ENV_OPEN "<ns1:File><ns1:name>a</ns1:name>",
	    "cut short" },
	{ "no response", "<Envelope><Body><other/></Body></Envelope>",
	    "no selectLogFilesResponse" },
	{ "file without path", ENV_OPEN "<ns1:File><ns1:name>a</ns1:name>"
	    "</ns1:File>" ENV_CLOSE, "without absolutepath" },
	{ "file without name", ENV_OPEN "<ns1:File><ns1:absolutepath>/a"
	    "</ns1:absolutepath></ns1:File>" ENV_CLOSE, "without name" },
	{ "bad size", ENV_OPEN FILE_("a", "/a", "12x", "Wed Nov 25 10:00:00 "
	    "UTC 2026") ENV_CLOSE, "bad filesize" },
	{ "negative size", ENV_OPEN FILE_("a", "/a", "-1", "Wed Nov 25 "
	    "10:00:00 UTC 2026") ENV_CLOSE, "bad filesize" },
	{ "unknown zone", ENV_OPEN FILE_("a", "/a", "1", "Wed Nov 25 10:00:00 "
	    "XYZT 2026") ENV_CLOSE, "unreadable modifiedDate" },
	{ "NUL in a name", "<Envelope><Body><selectLogFilesResponse><File>"
	    "<name>a\0b</name>", "too long or holding NUL" },
};

static void
test_list_good(void **state)
{
	struct logsvc_list l;
	char err[300];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		err[0] = '\0';
		if (logsvc_list_parse(good[i].xml, strlen(good[i].xml), &l,
		    err, sizeof(err)) != 0)
			fail_msg("%s: %s", good[i].name, err);
		if (l.count != good[i].count)
			fail_msg("%s: %zu files", good[i].name, l.count);
		if (l.count > 0) {
			assert_string_equal(l.files[0].name, good[i].first_name);
			assert_string_equal(l.files[0].path, good[i].first_path);
			assert_true(l.files[0].size == good[i].first_size);
			assert_int_equal(l.files[0].has_mtime,
			    good[i].first_mtime != 0);
			if (good[i].first_mtime != 0 &&
			    l.files[0].mtime != good[i].first_mtime)
				fail_msg("%s: mtime %.0f", good[i].name,
				    l.files[0].mtime);
		}
		logsvc_list_free(&l);
	}
}

static void
test_list_bad(void **state)
{
	struct logsvc_list l;
	char err[300];
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		len = strlen(bad[i].xml);
		if (strcmp(bad[i].name, "NUL in a name") == 0)
			len += 12;	/* past the NUL */
		if (logsvc_list_parse(bad[i].xml, len, &l, err,
		    sizeof(err)) != -1)
			fail_msg("%s: parsed", bad[i].name);
		if (strstr(err, bad[i].why) == NULL)
			fail_msg("%s: '%s' lacks '%s'", bad[i].name, err,
			    bad[i].why);
		assert_null(l.files);
	}
}

static void
test_fault(void **state)
{
	char msg[100];
	const char *f = "<soapenv:Envelope><soapenv:Body><soapenv:Fault>"
	    "<faultcode>soapenv:Server.userException</faultcode>"
	    "<faultstring>java.io.FileNotFoundException: /var/log/x (No such "
	    "file)</faultstring></soapenv:Fault></soapenv:Body>"
	    "</soapenv:Envelope>";
	const char *code_only = "<Envelope><Body><Fault><faultcode>Client"
	    "</faultcode></Fault></Body></Envelope>";
	const char *none = "<Envelope><Body><GetOneFileResponse/></Body>"
	    "</Envelope>";

	(void)state;
	assert_int_equal(logsvc_fault(f, strlen(f), msg, sizeof(msg)), 1);
	assert_string_equal(msg, "java.io.FileNotFoundException: /var/log/x "
	    "(No such file)");
	assert_int_equal(logsvc_fault(code_only, strlen(code_only), msg,
	    sizeof(msg)), 1);
	assert_string_equal(msg, "Client");
	assert_int_equal(logsvc_fault(none, strlen(none), msg, sizeof(msg)),
	    0);
	assert_int_equal(logsvc_fault("<html><Fault/></html>", 21, msg,
	    sizeof(msg)), 0);
}

static void
test_java_date(void **state)
{
	static const struct {
		const char	*s;
		double		 want;	/* -1: error */
	} t[] = {
		{ "Wed Nov 25 10:00:00 UTC 2026", T0 },
		{ "Wed Nov 25 10:00:00 GMT 2026", T0 },
		{ "Wed Nov 25 02:00:00 PST 2026", T0 },
		{ "Wed Nov 25 03:00:00 PDT 2026", T0 },
		{ "Wed Nov 25 11:00:00 CET 2026", T0 },
		{ "Wed Nov 25 12:00:00 CEST 2026", T0 },
		{ "Wed Nov 25 15:30:00 IST 2026", T0 },
		{ "Wed Nov 25 08:00:00 GMT-02:00 2026", T0 },
		{ "Thu Jan 1 00:00:00 UTC 1970", 0 },
		{ "Wed May 16 02:11:27 EDT 2018", 1526451087 },
		{ "Wed Nov 25 10:00:00 2026", -1 },
		{ "Wed Foo 25 10:00:00 UTC 2026", -1 },
		{ "Wed Nov 25 10:00 UTC 2026", -1 },
		{ "Wed Nov 25 24:00:00 UTC 2026", -1 },
		{ "Wed Nov 25 10:00:00 UTC 2026 x", -1 },
		{ "Wed Nov 251 10:00:00 UTC 2026", -1 },
		{ "", -1 },
	};
	double e;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		rc = logsvc_java_date(t[i].s, strlen(t[i].s), &e);
		if (t[i].want < 0) {
			if (rc != -1)
				fail_msg("'%s' parsed", t[i].s);
		} else if (rc != 0 || e != t[i].want)
			fail_msg("'%s': rc %d, %.0f", t[i].s, rc, e);
	}
}

static void
test_requests(void **state)
{
	char buf[4096];
	int n;

	(void)state;
	n = logsvc_select_request(buf, sizeof(buf), "Connection Mailbox Sync",
	    T0 - 900 + 30, T0 + 1);
	assert_true(n > 0 && (size_t)n < sizeof(buf));
	assert_non_null(strstr(buf, "<soap:ServiceLogs><soap:item>Connection "
	    "Mailbox Sync</soap:item></soap:ServiceLogs>"));
	/* from rounded down to the minute, to rounded up */
	assert_non_null(strstr(buf, "<soap:FromDate>11/25/26 09:45 AM"
	    "</soap:FromDate>"));
	assert_non_null(strstr(buf, "<soap:ToDate>11/25/26 10:01 AM"
	    "</soap:ToDate>"));
	assert_non_null(strstr(buf, "<soap:JobType>DownloadtoClient"));
	n = logsvc_select_request(buf, sizeof(buf), "A&B", T0 + 3600 * 3,
	    T0 + 3600 * 14);
	assert_true(n > 0);
	assert_non_null(strstr(buf, "<soap:item>A&amp;B</soap:item>"));
	assert_non_null(strstr(buf, "<soap:FromDate>11/25/26 01:00 PM"));
	assert_non_null(strstr(buf, "<soap:ToDate>11/26/26 12:00 AM"));
	assert_int_equal(logsvc_select_request(buf, sizeof(buf), "", 0, 0), -1);
	n = logsvc_getfile_request(buf, sizeof(buf), DIAG);
	assert_true(n > 0 && (size_t)n < sizeof(buf));
	assert_non_null(strstr(buf, "\">" DIAG "</FileName>"));
	assert_non_null(strstr(buf, "<soap:GetOneFile "));
	n = logsvc_getfile_request(buf, 10, DIAG);
	assert_true(n >= 10);
	assert_int_equal(logsvc_getfile_request(buf, sizeof(buf), ""), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_good),
		cmocka_unit_test(test_list_bad),
		cmocka_unit_test(test_fault),
		cmocka_unit_test(test_java_date),
		cmocka_unit_test(test_requests),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
