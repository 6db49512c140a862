/*
 * check_cuc_port - is CUC's notification port (Jetty, TCP 7080) reachable?
 *
 * Exchange pushes EWS notifications to CUC on this port; when they do not
 * arrive, mailbox sync from Exchange to CUC lags (shared/domain.md).  The
 * check connects as Exchange would and, on request, speaks HTTP or a whole
 * SOAP notification to prove the service behind the port answers.
 *
 * The plain TCP run is what schedulers run thousands of times a minute,
 * so it does only what it needs: no locale, no libcurl (http.c loads it
 * only for --http/--soap), numeric addresses resolved without NSS.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deadline.h"
#include "http.h"
#include "numfmt.h"
#include "options.h"
#include "output.h"
#include "plugin.h"
#include "probe.h"
#include "procnet.h"
#include "range.h"
#include "soap.h"
#include "state.h"
#include "tcp.h"

#define PROGNAME	"check_cuc_port"
#define CHECK		"PORT"
#define DEFAULT_PORT	"7080"
#define DEFAULT_PATH	"/NotificationService/services/NotificationService"
#define MAX_EXPECT	16
#define MAX_LISTEN	64
#define SOAP_BODY_MAX	4096
#define ANSWER_MAX	(256UL * 1024)	/* body kept from the server */

enum {
	OPT_HTTP = OPT_PLUGIN_BASE,
	OPT_PATH,
	OPT_EXPECT,
	OPT_SOAP,
	OPT_LISTENING,
	OPT_UNSUBSCRIBE,
	OPT_HTTP_WARNING,
	OPT_HTTP_CRITICAL
};

struct config {
	struct common_opts	 common;
	struct threshold	 thr;
	struct threshold	 http_thr;	/* --http-warning, --http-critical */
	const char		*http_thr_text[2];	/* as given */
	const char		*host;
	const char		*port;
	unsigned long		 portnum;
	int			 ip_version;	/* 0, 4, 6 */
	bool			 http;
	bool			 soap;
	bool			 listening;
	const char		*path;
	bool			 path_given;
	long			 expect[MAX_EXPECT];
	size_t			 nexpect;
	enum state		 unsubscribe_state;
	bool			 unsubscribe_given;
};

static void
usage(FILE *fp)
{
	fputs(
"Usage: " PROGNAME " -H HOST [-p PORT] [-4|-6] [-w SECS] [-c SECS] [-t SECS]\n"
"         [--http|--soap [--path=PATH] [--expect=CODE,...]\n"
"          [--http-warning=RANGE] [--http-critical=RANGE]]\n"
"         [--unsubscribe-state=STATE (with --soap)] [-v]\n"
"       " PROGNAME " --listening [-p PORT] [-4|-6]\n", fp);
}

static void
help(FILE *fp)
{
	print_version(fp, PROGNAME);
	usage(fp);
	fputs("\n"
"Check the port on which Cisco Unity Connection's Jetty takes Exchange's\n"
"push notifications (TCP 7080).  When Exchange cannot reach it, mailbox\n"
"sync from Exchange to CUC lags by about 16 minutes.\n", fp);
	fputs("\nOptions:\n"
" -H, --hostname=HOST\n"
"    CUC server, name or address (required unless --listening).\n"
" -p, --port=PORT\n"
"    TCP port (default " DEFAULT_PORT ").\n"
" -4, -6\n"
"    Use IPv4 or IPv6 only (default: either, in resolver order).\n"
" -w, -c\n"
"    Thresholds on the TCP connect time in seconds (e.g. -w 0.5 -c 2).\n"
"    Not with --listening (no connection is made).\n"
" --http\n"
"    After connecting, GET --path through HTTP and report the status code\n"
"    and the Server header (CUC says Jetty(8.1.14...)).  Any HTTP answer is\n"
"    OK unless --expect is given.\n"
" --path=PATH\n"
"    Path for --http and --soap (default\n"
"    " DEFAULT_PATH ").\n"
" --expect=CODE[,CODE...]\n"
"    HTTP status codes that are OK; any other is CRITICAL (default: any).\n"
"    Only with --http or --soap, as are --path and the two below.\n"
" --http-warning=RANGE, --http-critical=RANGE\n"
"    Thresholds on http_time, the whole HTTP exchange in seconds (Nagios\n"
"    ranges, e.g. --http-warning 1 --http-critical 3; default: none).\n"
" --soap\n"
"    POST an EWS SendNotification with a StatusEvent for a made-up\n"
"    subscription, as Exchange does, and report the SubscriptionStatus of\n"
"    the answer: proves the notification service itself works.  The URL\n"
"    is --path?id=" PROBE_ID "&pid=0\n"
"    (unless --path has a query): an id no Exchange or CUC subscription\n"
"    has (UUID version 0, NCS variant), which check_cuc_keepalive never\n"
"    counts in Jetty's request log.\n"
" --unsubscribe-state=STATE\n"
"    State when the answer says Unsubscribe (default OK: a working CUC\n"
"    answers so for the probe's unknown subscription).  Any status other\n"
"    than OK or Unsubscribe is WARNING.  Only with --soap.\n"
" --listening\n"
"    Run on the CUC box: no connection, read /proc/net/tcp{,6} and tell\n"
"    whether a socket LISTENs on PORT (any address) and which process\n"
"    owns it (when readable, as lsof shows it).  Not with -H, -w, -c or\n"
"    the HTTP options.\n", fp);
	common_help(fp);
	fputs("\nStates:\n"
" OK        connected (and the HTTP answer is as expected; with --soap a\n"
"           SendNotificationResult saying OK or Unsubscribe).\n"
" WARNING   connect time beyond -w, http_time beyond --http-warning; a\n"
"           SubscriptionStatus other than OK or Unsubscribe (Unsubscribe:\n"
"           see --unsubscribe-state).\n"
" CRITICAL  connection refused (nothing listens), host or network\n"
"           unreachable, no answer within the probe's deadline (SYNs\n"
"           dropped by a firewall), connect time beyond -c, http_time\n"
"           beyond --http-critical, no HTTP\n"
"           answer, an answer that breaks off, does not end in time or\n"
"           is over 256 KiB, a status not in --expect, a non-SOAP answer\n"
"           to --soap, nothing listening with --listening.\n"
" UNKNOWN   bad options, a name that does not resolve, /proc unreadable,\n"
"           libcurl missing, or the -t timeout (its STATE).\n"
"\nThe probe gives up min(1 s, 10 %) before -t, so a silent port is\n"
"reported as \"no answer\" (CRITICAL) and not as the plugin timing out.\n"
"\n-v adds one line: the address connected to and the connect time, or\n"
"with --http/--soap the answer's status, type and size.\n"
"\nPerfdata (s, min 0, max = -t; labels never change with the options):\n"
" time       the TCP connect, with -w/-c; absent when no connection was\n"
"            made (refused, unreachable, no answer: nothing measured).\n"
" http_time  with --http or --soap, the whole HTTP exchange, with\n"
"            --http-warning and --http-critical; absent when no HTTP\n"
"            answer came.  --listening prints no perfdata.\n", fp);
}

static int
parse_expect(struct config *cfg, const char *arg, char *err, size_t errlen)
{
	const char *p = arg;
	char *end;
	long code;

	cfg->nexpect = 0;
	for (;;) {
		code = strtol(p, &end, 10);
		if (end == p || code < 100 || code > 999 ||
		    (*end != ',' && *end != '\0') || cfg->nexpect == MAX_EXPECT) {
			option_error(err, errlen, "expect", arg, "is not a list "
			    "of up to %d HTTP codes 100..999 separated by "
			    "commas", MAX_EXPECT);
			return -1;
		}
		cfg->expect[cfg->nexpect++] = code;
		if (*end == '\0')
			return 0;
		p = end + 1;
	}
}

static int
plugin_option(void *config, int opt, const char *arg, char *err, size_t errlen)
{
	struct config *cfg = config;
	switch (opt) {
	case 'H':
		/* no host name holds one; user:password@host would be shown */
		if (strchr(arg, '@') != NULL) {
			option_error(err, errlen, "hostname", arg, "is not a host "
			    "name or address");
			return -1;
		}
		cfg->host = arg;
		return 0;
	case 'p':
		if (uint_option("port", arg, 1, 65535, &cfg->portnum, err,
		    errlen) != 0)
			return -1;
		cfg->port = arg;
		return 0;
	case '4':
		cfg->ip_version = 4;
		return 0;
	case '6':
		cfg->ip_version = 6;
		return 0;
	case OPT_HTTP:
		cfg->http = true;
		return 0;
	case OPT_PATH:
		if (arg[0] != '/') {
			option_error(err, errlen, "path", arg, "does not start "
			    "with /");
			return -1;
		}
		cfg->path = arg;
		cfg->path_given = true;
		return 0;
	case OPT_EXPECT:
		return parse_expect(cfg, arg, err, errlen);
	case OPT_SOAP:
		cfg->soap = true;
		return 0;
	case OPT_LISTENING:
		cfg->listening = true;
		return 0;
	case OPT_UNSUBSCRIBE:
		if (state_parse(arg, &cfg->unsubscribe_state) != 0) {
			option_error(err, errlen, "unsubscribe-state", arg,
			    "is not a state: expected OK, WARNING, CRITICAL, "
			    "UNKNOWN or 0..3");
			return -1;
		}
		cfg->unsubscribe_given = true;
		return 0;
	case OPT_HTTP_WARNING:
		cfg->http_thr.has_warning = true;
		cfg->http_thr_text[0] = arg;
		return range_option("http-warning", arg, 0,
		    &cfg->http_thr.warning, err, errlen);
	case OPT_HTTP_CRITICAL:
		cfg->http_thr.has_critical = true;
		cfg->http_thr_text[1] = arg;
		return range_option("http-critical", arg, 0,
		    &cfg->http_thr.critical, err, errlen);
	}
	return common_option(opt, arg, &cfg->common, err, errlen);
}

/* An option that would be silently ignored is an error, named. */
static int
cannot_apply(const struct config *cfg, char *err, size_t errlen)
{
	const char *http_opt = cfg->nexpect > 0 ? "--expect" :
	    cfg->path_given ? "--path" :
	    cfg->http_thr.has_warning ? "--http-warning" :
	    cfg->http_thr.has_critical ? "--http-critical" : NULL;
	const char *no_connect = cfg->host != NULL ? "-H" :
	    cfg->common.warning != NULL ? "-w" :
	    cfg->common.critical != NULL ? "-c" : NULL;

	if (cfg->http && cfg->soap)
		snprintf(err, errlen, "--http and --soap exclude each other: "
		    "--soap is an HTTP request too");
	else if (cfg->listening && (cfg->http || cfg->soap))
		snprintf(err, errlen, "%s cannot apply with --listening: it "
		    "makes no connection", cfg->http ? "--http" : "--soap");
	else if (cfg->listening && no_connect != NULL)
		snprintf(err, errlen, "%s cannot apply with --listening: it "
		    "makes no connection", no_connect);
	else if (http_opt != NULL && !cfg->http && !cfg->soap)
		snprintf(err, errlen, "%s cannot apply without --http or "
		    "--soap", http_opt);
	else if (cfg->unsubscribe_given && !cfg->soap)
		snprintf(err, errlen, "--unsubscribe-state cannot apply "
		    "without --soap");
	else
		return 0;
	return -1;
}

static int
parse_options(int argc, char **argv, void *config, char *err, size_t errlen)
{
	struct config *cfg = config;
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "hostname", required_argument, NULL, 'H' },
		{ "port", required_argument, NULL, 'p' },
		{ "http", no_argument, NULL, OPT_HTTP },
		{ "path", required_argument, NULL, OPT_PATH },
		{ "expect", required_argument, NULL, OPT_EXPECT },
		{ "soap", no_argument, NULL, OPT_SOAP },
		{ "listening", no_argument, NULL, OPT_LISTENING },
		{ "unsubscribe-state", required_argument, NULL, OPT_UNSUBSCRIBE },
		{ "http-warning", required_argument, NULL, OPT_HTTP_WARNING },
		{ "http-critical", required_argument, NULL, OPT_HTTP_CRITICAL },
		{ NULL, 0, NULL, 0 }
	};
	static const struct option_table table = {
		COMMON_SHORTOPTS "H:p:46", longopts, plugin_option, NULL
	};
	int rc;

	memset(cfg, 0, sizeof(*cfg));
	common_opts_init(&cfg->common);
	cfg->port = DEFAULT_PORT;
	cfg->portnum = 7080;
	cfg->path = DEFAULT_PATH;
	/* the service works: it only ends the probe's unknown subscription */
	cfg->unsubscribe_state = STATE_OK;
	if ((rc = options_getopt(argc, argv, &table, cfg, &cfg->common, err,
	    errlen)) != 0)
		return rc < 0 ? -1 : 0;
	if (common_thresholds(&cfg->common, NULL, NULL, 0, &cfg->thr, err,
	    errlen) != 0)
		return -1;
	if (cannot_apply(cfg, err, errlen) != 0)
		return -1;
	if (!cfg->listening && (cfg->host == NULL || cfg->host[0] == '\0')) {
		snprintf(err, errlen, "no host given (-H HOST, see --help)");
		return -1;
	}
	return 0;
}

/* "host:port", brackets around an IPv6 literal. */
static void
host_port(char *buf, size_t size, const char *host, const char *port)
{
	if (strchr(host, ':') != NULL)
		snprintf(buf, size, "[%s]:%s", host, port);
	else
		snprintf(buf, size, "%s:%s", host, port);
}

/* The probe stops min(1 s, 10 %) before -t so that it reports first. */
static double
probe_budget(const struct config *cfg)
{
	double margin = cfg->common.timeout * 0.1, left;

	if (margin > 1.0)
		margin = 1.0;
	left = deadline_remaining() - margin;
	return left > 0.001 ? left : 0.001;
}

static void
add_time_perf(struct report *rep, const struct config *cfg, const char *label,
    double value, const struct threshold *thr)
{
	struct perf p;

	memset(&p, 0, sizeof(p));
	p.label = label;
	p.value = value;
	p.uom = "s";
	p.decimals = 6;
	if (thr->has_warning)
		p.warning = &thr->warning;
	if (thr->has_critical)
		p.critical = &thr->critical;
	p.has_min = true;
	p.min = 0;
	p.has_max = true;
	p.max = cfg->common.timeout;
	report_perf(rep, &p);
}

static void
report_connect_failure(struct report *rep, const struct tcp_probe *pr,
    const char *host, const char *target, double budget)
{
	char secs[32];

	switch (pr->result) {
	case TCP_REFUSED:
		report_fail(rep, STATE_CRITICAL, "connection to %s refused "
		    "(nothing listens)", target);
		break;
	case TCP_UNREACHABLE:
		report_fail(rep, STATE_CRITICAL, "%s unreachable: %s", target,
		    pr->message);
		break;
	case TCP_NO_ANSWER:
		numfmt(secs, sizeof(secs), budget, 1);
		report_fail(rep, STATE_CRITICAL, "no answer from %s within %s s "
		    "(SYN dropped by a firewall?)", target, secs);
		break;
	case TCP_NO_NAME:
	case TCP_RESOLVE_ERROR:
		report_fail(rep, STATE_UNKNOWN, "cannot resolve '%s': %s",
		    host, pr->message);
		break;
	default:
		report_fail(rep, STATE_CRITICAL, "cannot connect to %s: %s",
		    target, pr->message);
		break;
	}
}

static bool
expected(const struct config *cfg, long status)
{
	size_t i;

	if (cfg->nexpect == 0)
		return true;
	for (i = 0; i < cfg->nexpect; i++)
		if (cfg->expect[i] == status)
			return true;
	return false;
}

/* ", Server: Jetty(...)" or ", no Server header" for the summary. */
static void
server_note(char *buf, size_t size, const struct http_response *resp)
{
	if (resp->server[0] != '\0')
		snprintf(buf, size, ", Server: %s", resp->server);
	else
		snprintf(buf, size, ", no Server header");
}

/* Evaluate a --soap answer. */
static void
judge_soap(struct report *rep, const struct config *cfg,
    const struct http_response *resp, const char *target)
{
	struct soap_result sr;
	char why[200], server[180];
	enum state st;

	server_note(server, sizeof(server), resp);
	if (resp->body == NULL || soap_notification_parse(resp->body,
	    resp->body_len, &sr, why, sizeof(why)) != 0) {
		if (resp->body == NULL)
			snprintf(why, sizeof(why), "empty body");
		report_fail(rep, STATE_CRITICAL, "no SOAP answer from %s: %s "
		    "(HTTP %ld, %s%s)", target, why, resp->status,
		    resp->content_type[0] ? resp->content_type : "no type",
		    server);
		return;
	}
	st = sr.status == SOAP_STATUS_OK ? STATE_OK :
	    sr.status == SOAP_STATUS_UNSUBSCRIBE ? cfg->unsubscribe_state :
	    STATE_WARNING;
	report_raise(rep, st);
	report_summary(rep, "notification service at %s answered "
	    "SubscriptionStatus %s (HTTP %ld%s)", target,
	    sr.value[0] ? sr.value : "(empty)", resp->status, server);
	if (!expected(cfg, resp->status))
		report_fail(rep, STATE_CRITICAL, "HTTP %ld from %s is not "
		    "in --expect (SubscriptionStatus %s%s)", resp->status,
		    target, sr.value, server);
}

static void
judge_http(struct report *rep, const struct config *cfg,
    const struct http_response *resp, const char *target)
{
	char server[180];

	server_note(server, sizeof(server), resp);
	if (!expected(cfg, resp->status)) {
		report_fail(rep, STATE_CRITICAL, "HTTP %ld from %s, not in "
		    "--expect%s", resp->status, target, server);
		return;
	}
	report_summary(rep, "HTTP %ld from %s%s", resp->status, target,
	    server);
}

/*
 * A status line came but the answer broke off, never ended in time, had
 * giant headers or a body over ANSWER_MAX: nothing Jetty's notification
 * service sends, and judging its status alone would call it OK.
 */
static void
judge_broken(struct report *rep, const struct http_response *resp,
    const char *target, double timeout)
{
	char server[180], secs[32];

	server_note(server, sizeof(server), resp);
	if (resp->error == 0)
		report_fail(rep, STATE_CRITICAL, "%s sent an answer over %lu "
		    "KiB (HTTP %ld%s): not Jetty's notification service?",
		    target, ANSWER_MAX >> 10, resp->status, server);
	else if (resp->total_time >= timeout - 0.01) {
		numfmt(secs, sizeof(secs), timeout, 1);
		report_fail(rep, STATE_CRITICAL, "HTTP %ld from %s but the "
		    "answer did not end within %s s%s", resp->status, target,
		    secs, server);
	} else
		report_fail(rep, STATE_CRITICAL, "broken HTTP answer from %s: "
		    "%s (HTTP %ld%s)", target, resp->message, resp->status,
		    server);
}

/* --http-warning/--http-critical: a slow answer is named in the summary. */
static void
judge_http_time(struct report *rep, const struct config *cfg, double secs)
{
	char sum[REPORT_SUMMARY_MAX], num[32];
	enum state st = threshold_check(&cfg->http_thr, secs);

	if (st == STATE_OK)
		return;
	report_raise(rep, st);
	numfmt(num, sizeof(num), secs, 3);
	snprintf(sum, sizeof(sum), "%s", rep->summary);
	report_summary(rep, "%s, HTTP exchange took %s s (--http-%s %s)",
	    sum, num, st == STATE_CRITICAL ? "critical" : "warning",
	    st == STATE_CRITICAL ? cfg->http_thr_text[1] :
	    cfg->http_thr_text[0]);
}

/* --http / --soap over the address the probe reached. */
static void
http_check(struct report *rep, const struct config *cfg,
    const struct tcp_probe *pr, const char *target)
{
	struct http_client *client;
	struct http_request rq;
	struct http_response resp;
	char url[1024], host_hdr[320], addr[80], err[256], body[SOAP_BODY_MAX];
	char secs[32];
	const char *headers[4];
	int n, r;

	deadline_step("loading libcurl");
	if ((client = http_client_new(err, sizeof(err))) == NULL) {
		report_fail(rep, STATE_UNKNOWN, "%s", err);
		return;
	}
	/* Same address as the probe, the name in Host: as Exchange sends it. */
	host_port(addr, sizeof(addr), pr->address, cfg->port);
	snprintf(url, sizeof(url), "http://%s%s%s", addr, cfg->path,
	    cfg->soap && strchr(cfg->path, '?') == NULL ?
	    PROBE_QUERY : "");
	host_port(host_hdr + 6, sizeof(host_hdr) - 6, cfg->host, cfg->port);
	memcpy(host_hdr, "Host: ", 6);
	memset(&rq, 0, sizeof(rq));
	rq.url = url;
	rq.ip_version = cfg->ip_version;
	rq.max_body = ANSWER_MAX;
	headers[0] = host_hdr;
	headers[1] = NULL;
	if (cfg->soap) {
		n = soap_notification_build(body, sizeof(body), NULL);
		if (n < 0 || (size_t)n >= sizeof(body)) {
			report_fail(rep, STATE_UNKNOWN, "cannot build the SOAP "
			    "request");
			http_client_free(client);
			return;
		}
		rq.body = body;
		rq.body_len = (size_t)n;
		headers[1] = SOAP_CONTENT_TYPE;
		headers[2] = SOAP_ACTION_NOTIFY;
		headers[3] = NULL;
	}
	rq.headers = headers;
	rq.timeout = probe_budget(cfg);
	deadline_stepf("waiting for the HTTP answer of %s", target);
	r = http_perform(client, &rq, &resp);
	if (r != 0 && resp.status == 0 && resp.total_time >= rq.timeout - 0.01) {
		numfmt(secs, sizeof(secs), rq.timeout, 1);
		report_fail(rep, STATE_CRITICAL, "no HTTP answer from %s within "
		    "%s s", target, secs);
	} else if (r != 0 && resp.status == 0)
		report_fail(rep, STATE_CRITICAL, "no HTTP answer from %s: %s",
		    target, resp.message);
	else if (r != 0 || resp.body_cut)
		judge_broken(rep, &resp, target, rq.timeout);
	else if (cfg->soap)
		judge_soap(rep, cfg, &resp, target);
	else
		judge_http(rep, cfg, &resp, target);
	if (resp.status != 0) {
		add_time_perf(rep, cfg, "http_time", resp.total_time,
		    &cfg->http_thr);
		judge_http_time(rep, cfg, resp.total_time);
		if (cfg->common.verbose > 0)
			report_detail(rep, "HTTP %ld, %s, %zu bytes%s", resp.status,
			    resp.content_type[0] ? resp.content_type : "no type",
			    resp.body_len, resp.body_cut ? " (cut)" : "");
	}
	http_response_free(&resp);
	http_client_free(client);
}

static void
port_check(struct report *rep, const struct config *cfg)
{
	struct tcp_probe pr;
	char target[300], secs[32], sum[REPORT_SUMMARY_MAX], why[96];
	enum state tstate;
	double budget;

	host_port(target, sizeof(target), cfg->host, cfg->port);
	deadline_stepf("connecting to %s", target);
	budget = probe_budget(cfg);
	tcp_probe(cfg->host, cfg->port, cfg->ip_version, budget, &pr);
	if (pr.result != TCP_CONNECTED) {
		report_connect_failure(rep, &pr, cfg->host, target, budget);
		return;
	}
	add_time_perf(rep, cfg, "time", pr.connect_time, &cfg->thr);
	tstate = threshold_check(&cfg->thr, pr.connect_time);
	report_raise(rep, tstate);
	numfmt(secs, sizeof(secs), pr.connect_time, 6);
	/* a passed threshold is named: the state says which, not why */
	why[0] = '\0';
	if (tstate != STATE_OK)
		snprintf(why, sizeof(why), " (-%c %s)",
		    tstate == STATE_CRITICAL ? 'c' : 'w',
		    tstate == STATE_CRITICAL ? cfg->common.critical :
		    cfg->common.warning);
	if (strcmp(pr.address, cfg->host) == 0)
		report_summary(rep, "connected to %s in %s s%s", target, secs,
		    why);
	else
		report_summary(rep, "connected to %s (%s) in %s s%s", target,
		    pr.address, secs, why);
	/* -v: one line more, the address connected to (HTTP: its answer) */
	if (cfg->http || cfg->soap || cfg->common.verbose > 0)
		report_detail(rep, "TCP connect to %s took %s s", pr.address,
		    secs);
	if (cfg->http || cfg->soap) {
		http_check(rep, cfg, &pr, target);
		/* The HTTP summary replaced ours: keep a slow connect visible. */
		if (tstate != STATE_OK) {
			snprintf(sum, sizeof(sum), "%s", rep->summary);
			report_summary(rep, "%s, TCP connect took %s s%s", sum,
			    secs, why);
		}
	}
}

/* Read one /proc table; a missing tcp6 (IPv6 disabled) is no error. */
static int
read_table(const char *path, bool v6, unsigned port,
    struct procnet_socket *socks, size_t max, size_t *n, char *err,
    size_t errlen)
{
	char *text;
	size_t len, found, bad;

	if (procnet_read(path, &text, &len, err, errlen) != 0)
		return v6 && access(path, F_OK) != 0 ? 0 : -1;
	if (procnet_parse(text, len, v6, port, socks + *n, max - *n, &found,
	    &bad) != 0) {
		snprintf(err, errlen, "%s: not a TCP socket table", path);
		free(text);
		return -1;
	}
	*n += found < max - *n ? found : max - *n;
	free(text);
	return 0;
}

static void
listening_check(struct report *rep, const struct config *cfg)
{
	struct procnet_socket socks[MAX_LISTEN], *hit = NULL;
	char err[300], owner[64], addrs[400];
	size_t n = 0, i, matches = 0, alen = 0;
	long pid;
	int r;

	deadline_step("reading /proc/net/tcp");
	if ((cfg->ip_version != 6 && read_table("/proc/net/tcp", false,
	    (unsigned)cfg->portnum, socks, MAX_LISTEN, &n, err, sizeof(err)) != 0) ||
	    (cfg->ip_version != 4 && read_table("/proc/net/tcp6", true,
	    (unsigned)cfg->portnum, socks, MAX_LISTEN, &n, err, sizeof(err)) != 0)) {
		report_fail(rep, STATE_UNKNOWN, "%s", err);
		return;
	}
	addrs[0] = '\0';
	for (i = 0; i < n; i++) {
		if (socks[i].port != cfg->portnum)
			continue;
		if (hit == NULL || (hit->inode == 0 && socks[i].inode != 0))
			hit = &socks[i];
		if (alen < sizeof(addrs))
			alen += (size_t)snprintf(addrs + alen, sizeof(addrs) -
			    alen, "%s%s", matches ? ", " : "", socks[i].addr);
		matches++;
	}
	if (hit == NULL) {
		report_fail(rep, STATE_CRITICAL, "nothing LISTENs on TCP port "
		    "%s", cfg->port);
		return;
	}
	deadline_step("looking for the owner in /proc");
	r = procnet_owner("/proc", hit->inode, owner, sizeof(owner), &pid);
	if (r == 1)
		report_summary(rep, "TCP port %s LISTENs on %s (%s, pid %ld)",
		    cfg->port, addrs, owner[0] ? owner : "?", pid);
	else
		report_summary(rep, "TCP port %s LISTENs on %s (owner not "
		    "readable: run as root to see it)", cfg->port, addrs);
}

static void
run_check(void *config, struct report *rep)
{
	const struct config *cfg = config;

	if (cfg->listening)
		listening_check(rep, cfg);
	else
		port_check(rep, cfg);
}

int
main(int argc, char **argv)
{
	static const struct plugin plugin = {
		PROGNAME, CHECK, parse_options, help, run_check, NULL,
		"{-H HOST or --listening} [-p PORT] [--http or --soap] "
		"[-w SECS] [-c SECS]"
	};
	struct config cfg;

	return plugin_main(&plugin, &cfg, &cfg.common, argc, argv);
}
