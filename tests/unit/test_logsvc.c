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
	{ "no zone", ENV_OPEN FILE_("a", "/a", "1", "Wed Nov 25 10:00:00 "
	    "2026") ENV_CLOSE, "unreadable modifiedDate" },
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
		{ "Wed Nov 25 02:00:00 PST 2026", -1 },	/* US or Manila */
		{ "Wed Nov 25 03:00:00 PDT 2026", T0 },
		{ "Wed Nov 25 11:00:00 CET 2026", T0 },
		{ "Wed Nov 25 12:00:00 CEST 2026", T0 },
		{ "Wed Nov 25 15:30:00 GMT+05:30 2026", T0 },
		{ "Wed Nov 25 18:00:00 MYT 2026", T0 },
		{ "Wed Nov 25 15:45:00 NPT 2026", T0 },
		{ "Wed Nov 25 05:00:00 COT 2026", T0 },
		/* ambiguous: logsvc_resolve_mtimes() needs CUC's Date */
		{ "Wed Nov 25 15:30:00 IST 2026", -1 },
		{ "Wed Nov 25 04:00:00 CST 2026", -1 },
		{ "Wed Nov 25 10:00:00 XYZT 2026", -1 },
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

/* Ambiguous and unknown zones wait for the listing's Date. */
static void
test_resolve(void **state)
{
	static const char xml[] = ENV_OPEN
	    FILE_("b.uc", "/x/b.uc", "2", "Wed Jul 15 11:00:00 IST 2026")
	    FILE_("a.uc", "/x/a.uc", "1", "Wed Jul 15 10:40:00 IST 2026")
	    ENV_CLOSE;
	static const char unknown[] = ENV_OPEN
	    FILE_("a.uc", "/x/a.uc", "1", "Wed Jul 15 10:40:00 XYZT 2026")
	    ENV_CLOSE;
	const double t = 1784109600;	/* 2026-07-15 10:00:00 UTC */
	struct logsvc_list l;
	char err[300], note[64];

	(void)state;
	assert_int_equal(logsvc_list_parse(xml, strlen(xml), &l, err,
	    sizeof(err)), 0);
	assert_true(l.files[0].has_mtime && !l.files[0].mtime_known);
	assert_string_equal(l.files[0].zone, "IST");
	/* Dublin: CUC's Date 10:00:20 UTC, the newest 20 s old */
	assert_int_equal(logsvc_resolve_mtimes(&l, t + 20, true, 0, err,
	    sizeof(err)), 0);
	assert_true(l.files[0].mtime_known);
	assert_true(l.files[0].mtime == t && l.files[1].mtime == t - 1200);
	/* India: Date 05:30:20 UTC */
	assert_int_equal(logsvc_resolve_mtimes(&l, t - 4.5 * 3600 + 20, true,
	    0, err, sizeof(err)), 0);
	assert_true(l.files[0].mtime == t - 4.5 * 3600);
	/* no Date: an error naming the candidates */
	assert_int_equal(logsvc_resolve_mtimes(&l, 0, false, 0, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "IST fits +01:00, +02:00 and +05:30"));
	logsvc_list_free(&l);
	assert_int_equal(logsvc_list_parse(unknown, strlen(unknown), &l, err,
	    sizeof(err)), 0);
	assert_int_equal(logsvc_resolve_mtimes(&l, t, true, 0, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "a.uc: modifiedDate zone 'XYZT'"));
	logsvc_list_free(&l);
	/* an empty listing: nothing to resolve, and the note said (empty) */
	memset(&l, 0, sizeof(l));
	memset(note, 'x', sizeof(note));
	assert_int_equal(logsvc_resolve_mtimes_in(&l, t, true, 0, NULL, note,
	    sizeof(note), err, sizeof(err)), 0);
	assert_string_equal(note, "");
}

static void
test_requests_current(void **state)
{
	char buf[4096];
	const char *text;
	unsigned n;
	int len;

	(void)state;
	/* relative: no dates, no zone */
	len = logsvc_select_rel_request(buf, sizeof(buf), "Connection Jetty",
	    "Minutes", 20);
	assert_true(len > 0 && (size_t)len < sizeof(buf));
	assert_non_null(strstr(buf, "<soap:RelText>Minutes</soap:RelText>"
	    "<soap:RelTime>20</soap:RelTime>"));
	assert_non_null(strstr(buf, "<soap:ToDate></soap:ToDate>"
	    "<soap:FromDate></soap:FromDate><soap:TimeZone></soap:TimeZone>"));
	assert_int_equal(logsvc_select_rel_request(buf, sizeof(buf), "S",
	    "Hours", 128), -1);
	assert_int_equal(logsvc_select_rel_request(buf, sizeof(buf), "S",
	    "Hours", 0), -1);
	/* the span: smallest unit in at most 127 of it, rounded up */
	assert_int_equal(logsvc_rel_span(1260, &text, &n), 0);
	assert_string_equal(text, "Minutes");
	assert_int_equal(n, 21);
	assert_int_equal(logsvc_rel_span(1261, &text, &n), 0);
	assert_int_equal(n, 22);
	assert_int_equal(logsvc_rel_span(127 * 60 + 1, &text, &n), 0);
	assert_string_equal(text, "Hours");
	assert_int_equal(n, 3);
	assert_int_equal(logsvc_rel_span(12 * 86400, &text, &n), 0);
	assert_string_equal(text, "Days");
	assert_int_equal(n, 12);
	assert_int_equal(logsvc_rel_span(400 * 86400, &text, &n), 0);
	assert_string_equal(text, "Weeks");
	assert_int_equal(logsvc_rel_span(20 * 365 * 86400.0, &text, &n), -1);
	/* absolute in the server's zone, its TimeZone string */
	assert_true(logsvc_timezone_string(buf, sizeof(buf), -480) > 0);
	assert_string_equal(buf, "Client: (GMT-8:0)");
	assert_true(logsvc_timezone_string(buf, sizeof(buf), 330) > 0);
	assert_string_equal(buf, "Client: (GMT+5:30)");
	len = logsvc_select_abs_request(buf, sizeof(buf), "S", T0 - 900,
	    T0 + 30, 60, "(GMT+1:0)Europe/Dublin");
	assert_true(len > 0);
	assert_non_null(strstr(buf, "<soap:FromDate>11/25/26 10:45 AM"));
	assert_non_null(strstr(buf, "<soap:ToDate>11/25/26 11:01 AM"));
	assert_non_null(strstr(buf, "<soap:TimeZone>(GMT+1:0)Europe/Dublin<"));
	assert_non_null(strstr(buf, "<soap:RelText>None</soap:RelText>"
	    "<soap:RelTime>0</soap:RelTime>"));
	/* GetOneFile on logcollectionservice2: the bare FileName element */
	len = logsvc_getfile2_request(buf, sizeof(buf), DIAG);
	assert_true(len > 0);
	assert_non_null(strstr(buf, "<soapenv:Body><soap:FileName>" DIAG
	    "</soap:FileName></soapenv:Body>"));
	assert_int_equal(logsvc_getfile2_request(buf, sizeof(buf), ""), -1);
	len = logsvc_gettz_request(buf, sizeof(buf), "cuc1");
	assert_non_null(strstr(buf, "<soap:LocalHost>cuc1</soap:LocalHost>"));
}

static void
test_gettz(void **state)
{
	static const struct {
		const char	*xml;
		int		 rc;
		int		 minutes;
		const char	*tz;
	} t[] = {
		{ "<e:Envelope><e:Body><ns:TimeZone>(GMT+1:0)Europe/Dublin"
		    "</ns:TimeZone></e:Body></e:Envelope>", 0, 60,
		    "(GMT+1:0)Europe/Dublin" },
		{ "<Envelope><Body><TimeZone>Client: (GMT-8:0)America/"
		    "Los_Angeles</TimeZone></Body></Envelope>", 0, -480,
		    "Client: (GMT-8:0)America/Los_Angeles" },
		{ "<Envelope><Body><TimeZone>(GMT+5:30)Asia/Kolkata"
		    "</TimeZone></Body></Envelope>", 0, 330, NULL },
		{ "<Envelope><Body><TimeZone>Europe/Dublin</TimeZone></Body>"
		    "</Envelope>", -1, 0, NULL },
		{ "<Envelope><Body><Fault><faultstring>(GMT+1:0)</faultstring>"
		    "</Fault></Body></Envelope>", -1, 0, NULL },
		{ "<Envelope><Body><TimeZone>(GMT+99:0)</TimeZone></Body>"
		    "</Envelope>", -1, 0, NULL },
	};
	char tz[128];
	size_t i;
	int m;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		m = 12345;
		if (logsvc_gettz_parse(t[i].xml, strlen(t[i].xml), tz,
		    sizeof(tz), &m) != t[i].rc)
			fail_msg("case %zu: rc", i);
		if (t[i].rc == 0 && m != t[i].minutes)
			fail_msg("case %zu: %d minutes", i, m);
		if (t[i].tz != NULL)
			assert_string_equal(tz, t[i].tz);
	}
}

/* The href of XOP (Axis2's MTOM) and of SOAP with attachments. */
static void
test_xop_cid(void **state)
{
	static const struct {
		const char	*xml;
		int		 rc;
		const char	*cid;
	} t[] = {
		{ "<e:Envelope><e:Body><ns:GetOneFileResponse><ns:GetOneFileReturn>"
		    "<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\""
		    " href=\"cid:1.urn:uuid:AB@apache.org\"/></ns:GetOneFileReturn>"
		    "</ns:GetOneFileResponse></e:Body></e:Envelope>", 1,
		    "1.urn:uuid:AB@apache.org" },
		{ "<Envelope><Body><GetOneFileReturn><Include href='cid:a%40b%2Fc'>"
		    "</Include></GetOneFileReturn></Body></Envelope>", 1,
		    "a@b/c" },
		{ "<Envelope><Body><ns1:GetOneFileResponse><GetOneFileReturn "
		    "href=\"cid:F1\"/></ns1:GetOneFileResponse></Body></Envelope>",
		    1, "F1" },
		/* an Include elsewhere is not the file */
		{ "<Envelope><Body><x><Include href=\"cid:z\"/></x><GetOneFileReturn>"
		    "AAAA</GetOneFileReturn></Body></Envelope>", 0, NULL },
		{ "<Envelope><Body><GetOneFileReturn><Include href=\"http://x/\"/>"
		    "</GetOneFileReturn></Body></Envelope>", -1, NULL },
		{ "<Envelope><Body><GetOneFileReturn><Include href=\"cid:%4\"/>"
		    "</GetOneFileReturn></Body></Envelope>", -1, NULL },
		{ "<Envelope><Body><GetOneFileReturn><Include/>"
		    "</GetOneFileReturn></Body></Envelope>", -1, NULL },
		{ "<Envelope><Body><GetOneFileReturn><Include href=\"cid:x",
		    0, NULL },
	};
	char cid[64];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		rc = logsvc_xop_cid(t[i].xml, strlen(t[i].xml), cid,
		    sizeof(cid));
		if (rc != t[i].rc)
			fail_msg("case %zu: rc %d", i, rc);
		if (rc == 1)
			assert_string_equal(cid, t[i].cid);
	}
}

static void
test_fault_kinds(void **state)
{
	(void)state;
	/* Axis2 and Axis 1 wording for a service or operation not there */
	assert_true(logsvc_fault_absent("The endpoint reference (EPR) for "
	    "the Operation not found is /logcollectionservice2/services/"
	    "LogCollectionPortTypeService and the WSA Action = GetOneFile"));
	assert_true(logsvc_fault_absent("The service cannot be found for "
	    "the endpoint reference (EPR) /logcollectionservice2/x"));
	assert_true(logsvc_fault_absent("No such operation 'GetOneFile'"));
	assert_false(logsvc_fault_absent("java.io.FileNotFoundException: "
	    "/var/log/x (No such file or directory)"));
	assert_true(logsvc_fault_selection("-101"));
	assert_true(logsvc_fault_selection("Error -101: bad TimeZone"));
	assert_false(logsvc_fault_selection("code -1010"));
	assert_false(logsvc_fault_selection("x--101"));
	assert_false(logsvc_fault_selection("2-101"));
	assert_false(logsvc_fault_selection("Service Name is not valid"));
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
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_requests_current),
		cmocka_unit_test(test_gettz),
		cmocka_unit_test(test_xop_cid),
		cmocka_unit_test(test_fault_kinds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
