/*
 * test_jetty.c - the Jetty request-log line parser: both stamp shapes, any
 * zone, IPv4/IPv6 clients, X-Forwarded-For lists, common and combined
 * format, CRLF, the status "Async", what makes a notification, and
 * garbage of every kind.  Stamps are checked against
 * timeparse.c's general NCSA parser as well as against known epochs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "jetty.h"
#include "logfile.h"
#include "../fuzz/jetty_walk.h"
#include "timeparse.h"

#define T0	1404041450	/* 2014-06-29 11:30:50 UTC */
#define NP	"/NotificationService/services/NotificationService"

static const struct good {
	const char	*name;
	const char	*line;
	const char	*client;
	int64_t		 time;
	const char	*method;
	const char	*path;
	const char	*id;	/* NULL: none */
	int		 status;
	int		 notification;
	const char	*chain;	/* the whole client list; NULL: client */
} good[] = {
	{ "jetty default shape",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=abc-123&pid=25672 HTTP/1.1\" 200 343",
	    "10.1.2.3", T0, "POST", NP, "abc-123", 200, 1, NULL },
	{ "cisco tech note shape, zone outside",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50] -0000 \"POST " NP
	    "?id=abc-123&pid=25672 HTTP/1.1\" 200 343",
	    "10.1.2.3", T0, "POST", NP, "abc-123", 200, 1, NULL },
	{ "no zone at all is GMT",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "10.1.2.3", T0, "POST", NP, "x", 200, 1, NULL },
	{ "positive zone",
	    "10.1.2.3 - - [29/Jun/2014:13:30:50 +0200] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "10.1.2.3", T0, "POST", NP, "x", 200, 1, NULL },
	{ "negative half-hour zone outside brackets",
	    "10.1.2.3 - - [29/Jun/2014:07:00:50] -0430 \"POST " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "10.1.2.3", T0, "POST", NP, "x", 200, 1, NULL },
	{ "zone with a colon",
	    "10.1.2.3 - - [29/Jun/2014:17:00:50 +05:30] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "10.1.2.3", T0, "POST", NP, "x", 200, 1, NULL },
	{ "zone moves the date back a day",
	    "10.1.2.3 - - [30/Jun/2014:01:30:50 +1400] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "10.1.2.3", T0, "POST", NP, "x", 200, 1, NULL },
	{ "milliseconds in the stamp",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50.123 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "10.1.2.3", T0, "POST", NP, "x", 200, 1, NULL },
	{ "IPv6 client",
	    "2001:db8::10 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "2001:db8::10", T0, "POST", NP, "x", 200, 1, NULL },
	{ "IPv4-mapped client",
	    "::ffff:10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "::ffff:10.1.2.3", T0, "POST", NP, "x", 200, 1, NULL },
	{ "bracketed IPv6 with zone id",
	    "[fe80::1%eth0] - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "[fe80::1%eth0]", T0, "POST", NP, "x", 200, 1, NULL },
	{ "combined format",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x&pid=1 HTTP/1.1\" 200 343 \"-\" \"ExchangeServicesClient/15.0\"",
	    "10.1.2.3", T0, "POST", NP, "x", 200, 1, NULL },
	{ "combined format with latency after it",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343 \"http://a/?\\\"q\" \"UA \\\"x\\\"\" 12",
	    "10.1.2.3", T0, "POST", NP, "x", 200, 1, NULL },
	{ "CRLF",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343\r",
	    "10.1.2.3", T0, "POST", NP, "x", 200, 1, NULL },
	{ "id second among parameters",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?pid=25672&id=FQBleGNoMDEu%2BY29=&x=1 HTTP/1.1\" 200 343",
	    "10.1.2.3", T0, "POST", NP, "FQBleGNoMDEu%2BY29=", 200, 1, NULL },
	{ "pid= is not id=",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?pid=25672 HTTP/1.1\" 200 343",
	    "10.1.2.3", T0, "POST", NP, NULL, 200, 0, NULL },
	{ "empty id is no notification",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=&pid=1 HTTP/1.1\" 200 343",
	    "10.1.2.3", T0, "POST", NP, "", 200, 0, NULL },
	{ "error status is still a notification",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" 503 0",
	    "10.1.2.3", T0, "POST", NP, "x", 503, 1, NULL },
	{ "byte count '-'",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" 500 -",
	    "10.1.2.3", T0, "POST", NP, "x", 500, 1, NULL },
	{ "line cut after the status",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" 200",
	    "10.1.2.3", T0, "POST", NP, "x", 200, 1, NULL },
	{ "absolute-form target",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST "
	    "http://cuc1:7080" NP "?id=x HTTP/1.1\" 200 343",
	    "10.1.2.3", T0, "POST", NP, "x", 200, 1, NULL },
	{ "GET of the same path is not a notification",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"GET " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "10.1.2.3", T0, "GET", NP, "x", 200, 0, NULL },
	{ "POST elsewhere is not a notification",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "x?id=x HTTP/1.1\" 200 343",
	    "10.1.2.3", T0, "POST", NP "x", "x", 200, 0, NULL },
	{ "wsdl fetch",
	    "10.9.9.9 - - [29/Jun/2014:11:30:50 +0000] \"GET " NP
	    "?wsdl HTTP/1.1\" 200 8870",
	    "10.9.9.9", T0, "GET", NP, NULL, 200, 0, NULL },
	{ "request Jetty could not read",
	    "10.9.9.9 - - [29/Jun/2014:11:30:50 +0000] \"-\" 400 0",
	    "10.9.9.9", T0, "", "", NULL, 400, 0, NULL },
	{ "request without protocol",
	    "10.9.9.9 - - [29/Jun/2014:11:30:50 +0000] \"GET /x\" 200 1",
	    "10.9.9.9", T0, "GET", "/x", NULL, 200, 0, NULL },
	{ "user name logged",
	    "10.9.9.9 - admin [29/Jun/2014:11:30:50 +0000] \"GET /a HTTP/1.1\" 200 1",
	    "10.9.9.9", T0, "GET", "/a", NULL, 200, 0, NULL },
	{ "host name client",
	    "exch01.example.com - - [29/Jun/2014:11:30:50 +0000] \"GET /a HTTP/1.1\" 200 1",
	    "exch01.example.com", T0, "GET", "/a", NULL, 200, 0, NULL },
	{ "lower-case month",
	    "10.9.9.9 - - [29/jun/2014:11:30:50 +0000] \"GET /a HTTP/1.1\" 200 1",
	    "10.9.9.9", T0, "GET", "/a", NULL, 200, 0, NULL },
	{ "leap day",
	    "10.9.9.9 - - [29/Feb/2016:00:00:00 +0000] \"GET /a HTTP/1.1\" 200 1",
	    "10.9.9.9", 1456704000, "GET", "/a", NULL, 200, 0, NULL },
	{ "new year's eve",
	    "10.9.9.9 - - [31/Dec/1999:23:59:59 +0000] \"GET /a HTTP/1.1\" 200 1",
	    "10.9.9.9", 946684799, "GET", "/a", NULL, 200, 0, NULL },
	/*
	 * The seed's excerpt (Cisco's note, shared/seed): the size wrapped
	 * onto the next line leaves a line that ends at its status.
	 */
	{ "seed's wrapped line, status last",
	    "173.37.183.83 - - [29/Jun/2014:11:30:50] -0000 \"POST " NP
	    "?id=2348c723-2466-4fco-bda0-b9419fb0215e&pid=25672 HTTP/1.1\" 200",
	    "173.37.183.83", T0, "POST", NP,
	    "2348c723-2466-4fco-bda0-b9419fb0215e", 200, 1, NULL },
	/*
	 * Behind a proxy, Jetty 7/8's NCSARequestLog (preferProxiedForAddress)
	 * logs the X-Forwarded-For header as it came: the originating client
	 * first, then each proxy, ", " between them.
	 */
	{ "forwarded for, 2 addresses",
	    "10.20.1.11, 10.99.0.5 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x&pid=1 HTTP/1.1\" 200 343",
	    "10.20.1.11", T0, "POST", NP, "x", 200, 1,
	    "10.20.1.11, 10.99.0.5" },
	{ "forwarded for, 3 addresses",
	    "10.20.1.11, 10.99.0.5, 10.99.0.6 - - [29/Jun/2014:11:30:50 +0000] "
	    "\"POST " NP "?id=x HTTP/1.1\" 200 343",
	    "10.20.1.11", T0, "POST", NP, "x", 200, 1,
	    "10.20.1.11, 10.99.0.5, 10.99.0.6" },
	{ "forwarded for, 1 address and a trailing comma",
	    "10.20.1.11, - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "10.20.1.11", T0, "POST", NP, "x", 200, 1, "10.20.1.11" },
	{ "forwarded for, 2 addresses and a trailing comma",
	    "10.20.1.11, 10.99.0.5, - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "10.20.1.11", T0, "POST", NP, "x", 200, 1,
	    "10.20.1.11, 10.99.0.5" },
	{ "forwarded for, IPv6 first",
	    "2001:db8:20::11, 10.99.0.5 - - [29/Jun/2014:11:30:50 +0000] \"POST "
	    NP "?id=x HTTP/1.1\" 200 343",
	    "2001:db8:20::11", T0, "POST", NP, "x", 200, 1,
	    "2001:db8:20::11, 10.99.0.5" },
	{ "forwarded for, IPv6 proxy",
	    "10.20.1.11, 2001:db8::5 - - [29/Jun/2014:11:30:50 +0000] \"POST "
	    NP "?id=x HTTP/1.1\" 200 343",
	    "10.20.1.11", T0, "POST", NP, "x", 200, 1,
	    "10.20.1.11, 2001:db8::5" },
	{ "forwarded for, no space after the comma",
	    "10.20.1.11,10.99.0.5 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "10.20.1.11", T0, "POST", NP, "x", 200, 1, "10.20.1.11,10.99.0.5" },
	{ "forwarded for, spaces around the comma",
	    "10.20.1.11 ,  10.99.0.5 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "10.20.1.11", T0, "POST", NP, "x", 200, 1,
	    "10.20.1.11 ,  10.99.0.5" },
	{ "forwarded for, an empty element",
	    "10.20.1.11,, 10.99.0.5 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "10.20.1.11", T0, "POST", NP, "x", 200, 1,
	    "10.20.1.11,, 10.99.0.5" },
	{ "forwarded for, a user logged",
	    "10.20.1.11, 10.99.0.5 - admin [29/Jun/2014:11:30:50 +0000] \"GET "
	    "/a HTTP/1.1\" 200 1",
	    "10.20.1.11", T0, "GET", "/a", NULL, 200, 0,
	    "10.20.1.11, 10.99.0.5" },
	{ "forwarded for, unknown client",
	    "unknown, 10.99.0.5 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" 200 343",
	    "unknown", T0, "POST", NP, "x", 200, 1, "unknown, 10.99.0.5" },
	/* Jetty 7/8 write "Async" for a response not finished at log time. */
	{ "status Async",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x&pid=1 HTTP/1.1\" Async 0",
	    "10.1.2.3", T0, "POST", NP, "x", JETTY_STATUS_ASYNC, 1, NULL },
	{ "status Async, line ends",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50] -0000 \"POST " NP
	    "?id=x HTTP/1.1\" Async",
	    "10.1.2.3", T0, "POST", NP, "x", JETTY_STATUS_ASYNC, 1, NULL },
	{ "status Async, byte count -",
	    "10.20.1.11, 10.99.0.5 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP
	    "?id=x HTTP/1.1\" Async - \"-\" \"UA\"",
	    "10.20.1.11", T0, "POST", NP, "x", JETTY_STATUS_ASYNC, 1,
	    "10.20.1.11, 10.99.0.5" },
	{ "status Async of another request",
	    "10.9.9.9 - - [29/Jun/2014:11:30:50 +0000] \"GET /a HTTP/1.1\" Async 0",
	    "10.9.9.9", T0, "GET", "/a", NULL, JETTY_STATUS_ASYNC, 0, NULL },
};

static const struct bad {
	const char	*name;
	const char	*line;
} bad[] = {
	{ "empty", "" },
	{ "only spaces", "     " },
	{ "log4j line", "2014-06-29 16:00:01,123 INFO  [main] Jetty started" },
	{ "no client", " - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" 200 1" },
	{ "no stamp", "10.1.2.3 - - \"GET / HTTP/1.1\" 200 1" },
	{ "cut in the stamp", "10.1.2.3 - - [29/Jun/2014:11:3" },
	{ "cut after the stamp", "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000]" },
	{ "cut in the request", "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP "?id=x" },
	{ "no status", "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\"" },
	{ "status not digits", "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" OK 1" },
	{ "status two digits", "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" 20 1" },
	{ "status four digits", "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" 2000 1" },
	{ "status 000", "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" 000 1" },
	{ "day 32", "10.1.2.3 - - [32/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" 200 1" },
	{ "day 00", "10.1.2.3 - - [00/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" 200 1" },
	{ "bad month", "10.1.2.3 - - [29/Jux/2014:11:30:50 +0000] \"GET / HTTP/1.1\" 200 1" },
	{ "hour 24", "10.1.2.3 - - [29/Jun/2014:24:30:50 +0000] \"GET / HTTP/1.1\" 200 1" },
	{ "minute 60", "10.1.2.3 - - [29/Jun/2014:11:60:50 +0000] \"GET / HTTP/1.1\" 200 1" },
	{ "second 61", "10.1.2.3 - - [29/Jun/2014:11:30:61 +0000] \"GET / HTTP/1.1\" 200 1" },
	{ "bad zone", "10.1.2.3 - - [29/Jun/2014:11:30:50 +00x0] \"GET / HTTP/1.1\" 200 1" },
	{ "zone hours 24", "10.1.2.3 - - [29/Jun/2014:11:30:50 +2400] \"GET / HTTP/1.1\" 200 1" },
	{ "short zone", "10.1.2.3 - - [29/Jun/2014:11:30:50 +00] \"GET / HTTP/1.1\" 200 1" },
	{ "iso stamp", "10.1.2.3 - - [2014-06-29T11:30:50Z] \"GET / HTTP/1.1\" 200 1" },
	{ "no space before request", "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000]\"GET / HTTP/1.1\" 200 1" },
	{ "request not quoted", "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] GET / HTTP/1.1 200 1" },
	{ "quote in client", "10.1\"2.3 - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" 200 1" },
	{ "quote before stamp", "10.1.2.3 - \" [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" 200 1" },
	{ "control char in client", "10.1.2.3\x01 - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" 200 1" },
	{ "only a CR", "\r" },
	{ "only a bracket", "10.1.2.3 [" },
	/* the seed's excerpt: a size wrapped onto its own line */
	{ "a line holding only a number", "343" },
	{ "a number and a CR", "343\r" },
	{ "async in lower case (no Jetty writes it)",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" async 1" },
	{ "ASYNC", "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" ASYNC 1" },
	{ "a longer word than Async",
	    "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" Asynchronous 1" },
	{ "Async cut", "10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" Asyn" },
	{ "a list that starts with a comma",
	    ", 10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" 200 1" },
	{ "a list of commas",
	    ",, - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" 200 1" },
	{ "a list cut after its comma", "10.20.1.11," },
	{ "a list cut after a space", "10.20.1.11, " },
	{ "a list and no stamp",
	    "10.20.1.11, 10.99.0.5 - - \"GET / HTTP/1.1\" 200 1" },
	{ "a quote after the comma",
	    "10.20.1.11, \"x - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" 200 1" },
	{ "a control byte in the list",
	    "10.20.1.11, 10.99\x01.0.5 - - [29/Jun/2014:11:30:50 +0000] \"GET / HTTP/1.1\" 200 1" },
};

static void
test_good(void **state)
{
	const struct good *g = *state;
	struct jetty_record r;
	const char *chain;
	int64_t t;

	if (jetty_parse(g->line, strlen(g->line), &r) != 0)
		fail_msg("%s: did not parse", g->name);
	assert_int_equal(r.client_len, strlen(g->client));
	assert_memory_equal(r.client, g->client, r.client_len);
	chain = g->chain != NULL ? g->chain : g->client;
	assert_int_equal(r.chain_len, strlen(chain));
	assert_memory_equal(r.client, chain, r.chain_len);
	assert_int_equal(r.time, g->time);
	assert_int_equal(r.method_len, strlen(g->method));
	assert_memory_equal(r.method, g->method, r.method_len);
	assert_int_equal(r.path_len, strlen(g->path));
	assert_memory_equal(r.path, g->path, r.path_len);
	if (g->id == NULL)
		assert_null(r.id);
	else {
		assert_non_null(r.id);
		assert_int_equal(r.id_len, strlen(g->id));
		assert_memory_equal(r.id, g->id, r.id_len);
	}
	assert_int_equal(r.status, g->status);
	assert_int_equal(r.notification, g->notification);
	assert_int_equal(jetty_line_time(g->line, strlen(g->line), &t), 0);
	assert_int_equal(t, g->time);
}

static void
test_bad(void **state)
{
	const struct bad *b = *state;
	struct jetty_record r;

	if (jetty_parse(b->line, strlen(b->line), &r) == 0)
		fail_msg("%s: parsed", b->name);
}

/*
 * Never reads past len: line is cut at every length in a buffer of
 * exactly that size.  From the status on (status, its end, past it)
 * every cut parses, none before.
 */
static void
every_prefix(const char *line, const char *status)
{
	struct jetty_record r;
	char buf[512];
	size_t n, size = strlen(line);
	int ok = 0;

	assert_true(size < sizeof(buf));
	for (n = 0; n < size; n++) {
		memcpy(buf + sizeof(buf) - n, line, n);	/* flush with the end */
		if (jetty_parse(buf + sizeof(buf) - n, n, &r) == 0)
			ok++;
	}
	assert_int_equal(ok, (int)(size - (size_t)(strstr(line, status) -
	    line) - strlen(status)));
}

static void
test_every_prefix(void **state)
{
	(void)state;
	every_prefix("2001:db8::10 - - [29/Jun/2014:11:30:50] -0000 \"POST "
	    NP "?id=abc&pid=1 HTTP/1.1\" 200 343 \"-\" \"UA\"\r", "\" 200");
	every_prefix("10.20.1.11, 2001:db8::5 ,10.99.0.6 - - [29/Jun/2014:11:"
	    "30:50 +0000] \"POST " NP "?id=abc HTTP/1.1\" Async 0 \"-\"\r",
	    "\" Async");
}

/* The stamp agrees with timeparse.c's general NCSA parser. */
static void
test_stamp_against_timeparse(void **state)
{
	static const char *const stamps[] = {
		"01/Jan/1970:00:00:00 +0000", "29/Jun/2014:11:30:50 +0000",
		"29/Jun/2014:13:30:50 +0200", "01/Mar/2016:00:00:00 -0800",
		"31/Dec/2099:23:59:59 +1400", "28/Feb/2100:12:00:00 -1200",
		"15/Oct/1999:00:00:00 +0000", "10/Aug/2026:07:07:07 +0530",
	};
	char line[160];
	struct jetty_record r;
	double e;
	int has_zone;
	size_t used, i;

	(void)state;
	for (i = 0; i < sizeof(stamps) / sizeof(stamps[0]); i++) {
		snprintf(line, sizeof(line), "1.2.3.4 - - [%s] \"GET / "
		    "HTTP/1.1\" 200 1", stamps[i]);
		assert_int_equal(jetty_parse(line, strlen(line), &r), 0);
		assert_int_equal(time_parse_ncsa(stamps[i], strlen(stamps[i]),
		    &e, &has_zone, &used), 0);
		assert_int_equal(r.time, (int64_t)e);
	}
}

/* With a cache shared across lines, every answer is the uncached one. */
static void
test_cached(void **state)
{
	struct jetty_cache cache;
	struct jetty_record a, b;
	size_t i, k;
	int ra, rb;

	(void)state;
	memset(&cache, 0, sizeof(cache));
	for (k = 0; k < 2; k++) {	/* twice: the second pass hits the cache */
		for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
			ra = jetty_parse(good[i].line, strlen(good[i].line), &a);
			rb = jetty_parse_cached(good[i].line,
			    strlen(good[i].line), &b, &cache);
			assert_int_equal(ra, rb);
			assert_int_equal(a.time, b.time);
		}
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			ra = jetty_parse(bad[i].line, strlen(bad[i].line), &a);
			rb = jetty_parse_cached(bad[i].line, strlen(bad[i].line),
			    &b, &cache);
			assert_int_equal(ra, rb);
		}
	}
}

/* Every table line, twice (the second time the fast path is warm). */
static void
test_next_agrees(void **state)
{
	static const char *const ends[] = { "\n", "\r\n", "\r\r\n" };
	char buf[16384];
	size_t len, i, k, e;

	(void)state;
	for (e = 0; e < sizeof(ends) / sizeof(ends[0]); e++) {
		len = 0;
		for (k = 0; k < 2; k++) {
			for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
				len += (size_t)snprintf(buf + len,
				    sizeof(buf) - len, "%s%s", good[i].line,
				    ends[e]);
			for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
				len += (size_t)snprintf(buf + len,
				    sizeof(buf) - len, "%s%s", bad[i].line,
				    ends[e]);
		}
		assert_true(len < sizeof(buf) - 1);
		assert_int_equal(jetty_walk_agrees(buf, len),
		    (long)(2 * (sizeof(good) / sizeof(good[0]))));
	}
}

/*
 * Lines the fast path takes and lines just off it, after a line that
 * warms it: cut at every length, flush with the end of the buffer, each
 * walk agrees (and, under ASan, reads nothing past the end).
 */
static void
test_next_every_cut(void **state)
{
#define WARM	"10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP \
	"?id=w HTTP/1.1\" 200 1\n"
#define WARM_GMT "10.1.2.3 - - [29/Jun/2014:11:30:50] -0000 \"POST " NP \
	"?id=w HTTP/1.1\" 200 1\n"
	static const char *const lines[] = {
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:07 +0000] \"POST " NP
		    "?id=975de235-7d0a-9651-d9fb-f088fc3e9fdb&pid=25672 "
		    "HTTP/1.1\" 200 343\r\nx\n",
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:07 +0000] \"POST " NP
		    "?id=abc HTTP/1.1\" 503\r\n",
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:07 +0000] \"POST " NP
		    "?id=a\nbc HTTP/1.1\" 200 1\n",
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:07 +0000] \"POST " NP
		    "?id=abc&p\nid HTTP/1.1\" 200 1\n",
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:07 +0000] \"POST " NP
		    "?id=abc HTTP/1.1\" 200\r\r\n",
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:07 +0000] \"POST " NP
		    "?id=abc HTTP/1.1\" 200x\n",
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:07 +0000] \"POST " NP
		    "?id=abc HTTP/1.1\" 099 1\n",
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:07 +0100] \"POST " NP
		    "?id=abc HTTP/1.1\" 200 1\n",
		WARM "10.1.2.4 - - [29/Jun/2014:12:31:07 +0000] \"POST " NP
		    "?id=abc HTTP/1.1\" 200 1\n",
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:07] \"POST " NP
		    "?id=abc HTTP/1.1\" 200 1\n",
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:07 +0000] -0000 \"POST "
		    NP "?id=abc HTTP/1.1\" 200 1\n",
		WARM_GMT "10.1.2.4 - - [29/Jun/2014:11:31:07] -0000 \"POST " NP
		    "?id=abc HTTP/1.1\" 200 1\n",
		WARM_GMT "10.1.2.4 - - [29/Jun/2014:11:31:07]X-0000 \"POST " NP
		    "?id=abc HTTP/1.1\" 200 1\n",
		WARM_GMT "10.1.2.4 - - [29/Jun/2014:11:31:07] -0100 \"POST " NP
		    "?id=abc HTTP/1.1\" 200 1\n",
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:07 +0000] \"POST " NP
		    "?id=abc HTTP/1.0\" 200 1\n",
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:07 +0000] \"POST " NP
		    "?id=ab\"c HTTP/1.1\" 200 1\n",
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:61 +0000] \"POST " NP
		    "?id=abc HTTP/1.1\" 200 1\n",
		WARM "[fe80::1%eth0]-1234567 - - [29/Jun/2014:11:31:07 +0000] "
		    "\"POST " NP "?id=abc HTTP/1.1\" 200 1\n",
		WARM "10.20.1.11, 10.99.0.5 - - [29/Jun/2014:11:31:07 +0000] "
		    "\"POST " NP "?id=abc HTTP/1.1\" 200 1\n",
		WARM "10.20.1.11,10.99.0.5 - - [29/Jun/2014:11:31:07 +0000] "
		    "\"POST " NP "?id=abc HTTP/1.1\" 200 1\n",
		WARM "10.20.1.11, - - [29/Jun/2014:11:31:07 +0000] "
		    "\"POST " NP "?id=abc HTTP/1.1\" 200 1\n",
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:07 +0000] \"POST " NP
		    "?id=abc HTTP/1.1\" Async 0\r\n",
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:07 +0000] \"POST " NP
		    "?id=abc HTTP/1.1\" Async\n",
		WARM "10.1.2.4 - - [29/Jun/2014:11:31:07 +0000] \"POST " NP
		    "?id=abc HTTP/1.1\" async 0\n",
		WARM_GMT "173.37.183.83 - - [29/Jun/2014:11:39:54] -0000 \"POST "
		    NP "?id=2348c723&pid=25672 HTTP/1.1\" 200\n343\n",
	};
	struct jetty_cache cache;
	struct jetty_record r;
	const char *p, *next;
	char buf[512];
	size_t i, n, size, len;
	unsigned long slow;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		size = strlen(lines[i]);
		assert_true(size <= sizeof(buf));
		for (n = 0; n <= size; n++) {
			memcpy(buf + sizeof(buf) - n, lines[i], n);
			assert_true(jetty_walk_agrees(buf + sizeof(buf) - n,
			    n) >= 0);
		}
	}
	/* the fast path is exercised: the warm line's successor takes it */
	memset(&cache, 0, sizeof(cache));
	p = lines[0];
	for (n = 0; n < 3; n++) {
		(void)jetty_parse_next(p, lines[0] + strlen(lines[0]), &r,
		    &cache, &len, &next);
		p = next;
	}
	assert_int_equal(cache.fast, 1);
	/* the common line stays on it; a list or Async goes the general way */
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		memset(&cache, 0, sizeof(cache));
		p = lines[i];
		slow = 0;
		for (n = 0; n < 2; n++) {
			slow += jetty_parse_next(p, lines[i] + strlen(lines[i]),
			    &r, &cache, &len, &next) == 0;
			p = next;
		}
		if (strstr(lines[i], ", ") != NULL ||
		    strstr(lines[i], "Async") != NULL)
			assert_int_equal(cache.fast, 0);
		if (i == 0)
			assert_int_equal(cache.fast, 1);
		assert_true(slow >= 1);
	}
#undef WARM
#undef WARM_GMT
}

/*
 * The fast path compares whole spans (the stamp up to the minute, the
 * zone and request up to the id) against the warm line's: every byte of
 * the usual notification (as gen_jetty_day and CUC write it), changed to
 * each byte that means something to the parser, in each of the stamp's
 * shapes, must still give the full parser's answer.
 */
static void
test_next_every_byte(void **state)
{
#define WARM1	"10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] \"POST " NP \
	"?id=w HTTP/1.1\" 200 1\n"
#define WARM2	"10.1.2.3 - - [29/Jun/2014:11:30:50] -0000 \"POST " NP \
	"?id=w HTTP/1.1\" 200 1\n"
	static const char *const lines[] = {
		WARM1 "10.20.1.13 - - [29/Jun/2014:11:57:41 +0000] \"POST " NP
		    "?id=c1b69a27-0911-6a06-c576-763c2af398f1&pid=9092 "
		    "HTTP/1.1\" 200 343\n",
		WARM2 "10.20.1.13 - - [29/Jun/2014:11:57:41] -0000 \"POST " NP
		    "?id=c1b69a27-0911-6a06-c576-763c2af398f1&pid=9092 "
		    "HTTP/1.1\" 200 343\n",
	};
	static const char subst[] = { ' ', '\n', '\r', '"', '&', ':', '[',
	    ']', '+', '-', '0', '5', '6', '9', 'A', 'x', '?', ',', '\0',
	    '\x7f', '\x80', '\xff' };
	struct jetty_cache cache;
	struct jetty_record r;
	const char *p, *next;
	char buf[512];
	size_t i, j, k, size, warm, len;
	long parsed;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		size = strlen(lines[i]);
		warm = strlen(i == 0 ? WARM1 : WARM2);
		assert_true(size <= sizeof(buf));
		memcpy(buf, lines[i], size);
		assert_int_equal(jetty_walk_agrees(buf, size), 2);
		/* unchanged, the second line takes the fast path */
		memset(&cache, 0, sizeof(cache));
		for (p = buf, k = 0; k < 2; k++, p = next)
			assert_int_equal(jetty_parse_next(p, buf + size, &r,
			    &cache, &len, &next), 0);
		assert_int_equal(cache.fast, 1);
		assert_int_equal(r.id_len, 36);
		assert_int_equal(r.status, 200);
		for (j = warm; j < size; j++)
			for (k = 0; k < sizeof(subst); k++) {
				memcpy(buf, lines[i], size);
				buf[j] = subst[k];
				parsed = jetty_walk_agrees(buf, size);
				if (parsed < 0)
					print_message("line %zu, byte %zu to "
					    "0x%02x\n", i, j,
					    (unsigned char)subst[k]);
				assert_true(parsed >= 0);
			}
	}
#undef WARM1
#undef WARM2
}

int
main(void)
{
	struct CMUnitTest tests[sizeof(good) / sizeof(good[0]) +
	    sizeof(bad) / sizeof(bad[0]) + 6];
	size_t n = 0, i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct CMUnitTest t = { good[i].name, test_good, NULL, NULL,
		    (void *)(uintptr_t)&good[i] };
		tests[n++] = t;
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct CMUnitTest t = { bad[i].name, test_bad, NULL, NULL,
		    (void *)(uintptr_t)&bad[i] };
		tests[n++] = t;
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_every_prefix);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
	    test_stamp_against_timeparse);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_cached);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_next_agrees);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_next_every_cut);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_next_every_byte);
	return _cmocka_run_group_tests("jetty", tests, n, NULL, NULL);
}
