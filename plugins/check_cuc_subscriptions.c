/*
 * check_cuc_subscriptions - stale EWS subscriptions in CUC's
 * unitydyndb:tbl_exsubscription.
 *
 * timestamputc is when CUC last heard from Exchange about a mailbox's
 * subscription; CuMbxSync re-subscribes rows older than 15 minutes.  Many
 * stale rows mean notifications do not arrive (port 7080, a proxy, NAT)
 * and mailbox sync runs late (shared/domain.md section 3).
 *
 * The table is only reachable through the admin CLI, so the check reads a
 * capture of `run cuc dbquery` (cuc_dbquery_collect makes one) from a
 * file, stdin or a URL.  An old or broken capture must never read as
 * healthy: its age is checked and every parse problem is UNKNOWN.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dbquery.h"
#include "deadline.h"
#include "http.h"
#include "logfile.h"
#include "numfmt.h"
#include "options.h"
#include "output.h"
#include "plugin.h"
#include "range.h"
#include "state.h"
#include "timeparse.h"

#define PROGNAME		"check_cuc_subscriptions"
#define CHECK			"SUBSCRIPTIONS"
#define DEFAULT_WARNING		"1%"
#define DEFAULT_CRITICAL	"10%"
#define DEFAULT_STALE_AFTER	900.0	/* CuMbxSync's own rule */
#define DEFAULT_MAX_DUMP_AGE	900.0
#define DEFAULT_LIST		10
#define MAX_LIST		100	/* long output under Nagios's 8 KB */
#define FUTURE_SLACK		60.0	/* clocks disagree this much, no more */
#define URL_MAX_BODY		(64UL * 1024 * 1024)
#define ID_MAX			80

enum {
	OPT_URL = OPT_PLUGIN_BASE,
	OPT_NETRC_FILE,
	OPT_INSECURE,
	OPT_CA_CERT,
	OPT_NOW,
	OPT_STALE_AFTER,
	OPT_MAX_DUMP_AGE,
	OPT_MIN_SUBSCRIPTIONS,
	OPT_LIST
};

struct config {
	struct common_opts	 common;
	struct threshold	 thr;
	const char		*file;
	const char		*url;
	const char		*netrc_file;
	const char		*ca_cert;
	bool			 insecure;
	bool			 has_now;
	double			 now;
	double			 stale_after;
	double			 max_dump_age;	/* 0: not checked */
	unsigned long		 min_subscriptions;
	unsigned long		 list;
	bool			 list_given;
};

/* The capture's bytes and what is known of when it was made. */
struct source {
	struct logfile		 lf;
	bool			 have_lf;
	struct http_client	*client;
	struct http_response	 resp;
	bool			 have_resp;
	const char		*data;
	size_t			 len;
	bool			 has_mtime;	/* a file: its mtime */
	double			 mtime;
	char			 name[300];	/* path, or URL sans login */
};

/* One of the stalest rows, for the long output. */
struct entry {
	double		 ts;		/* -INFINITY: never notified (NULL) */
	unsigned long	 line;
	char		 id[ID_MAX];
};

/* What the rows add up to. */
struct tally {
	const struct config	*cfg;
	const struct dbq_info	*info;	/* taken is set before the 1st row */
	double			 ref;	/* ages count to this time */
	unsigned long		 total;
	unsigned long		 stale;
	unsigned long		 never;	/* NULL timestamputc */
	bool			 has_oldest;
	double			 oldest_ts;
	struct entry		 top[MAX_LIST];	/* oldest first */
	size_t			 ntop;
};

static void
usage(FILE *fp)
{
	fputs(
"Usage: " PROGNAME " {-f FILE|- | --url=URL} [--now=TIME]\n"
"         [-w RANGE[%]] [-c RANGE[%]] [--stale-after=SECS]\n"
"         [--max-dump-age=SECS] [--min-subscriptions=N] [-v|-vv [--list=N]]\n"
"         [--netrc-file=FILE] [--ca-cert=FILE] [--insecure] [-t SECS]\n", fp);
}

static void
help(FILE *fp)
{
	print_version(fp, PROGNAME);
	usage(fp);
	fputs("\n"
"Count the Exchange (EWS) subscriptions of Cisco Unity Connection that\n"
"have not heard from Exchange for --stale-after seconds, from a capture of\n"
"  run cuc dbquery unitydyndb select * from tbl_exsubscription\n"
"as cuc_dbquery_collect writes it (or saved by hand, or by dbaccess).\n"
"Stale rows mean notifications do not reach CUC on port 7080 and mailbox\n"
"sync lags; CuMbxSync re-subscribes rows older than 15 minutes.\n", fp);
	fputs("\nOptions:\n"
" -f, --file=PATH\n"
"    The capture; - reads standard input.\n"
" --url=URL\n"
"    Fetch the capture with libcurl: file://, sftp://, https:// (http://).\n"
"    Credentials come from --netrc-file (or an sftp key in ~/.ssh), never\n"
"    from the command line: put options in --extra-opts to hide them.\n"
"    sftp: libcurl reads the key from ~/.ssh/id_rsa whatever its type\n"
"    (use ed25519 or ecdsa: current sshd refuses libssh2's ssh-rsa), and\n"
"    the host key must be in ~/.ssh/known_hosts.\n"
" --netrc-file=FILE\n"
"    netrc with the login for --url (not with file://).\n"
" --ca-cert=FILE\n"
"    CA bundle to verify the https server with (https:// only).\n"
" --insecure\n"
"    Do not verify the https server's certificate nor the sftp host key\n"
"    (default: verify both; https:// and sftp:// only).\n"
" --now=TIME\n"
"    Take TIME as the current time: @EPOCH or ISO 8601 (2026-11-25T10:00Z).\n"
" --stale-after=SECONDS\n"
"    A subscription is stale when CUC heard nothing for it for longer than\n"
"    this (default 900, CuMbxSync's own limit: a healthy subscription gets\n"
"    a keepalive every 5 minutes, so 3 were missed).  A NULL timestamputc\n"
"    (never notified) is stale.\n"
" -w, --warning=RANGE[%]\n"
" -c, --critical=RANGE[%]\n"
"    Thresholds on the number of stale subscriptions, or on their share of\n"
"    all when written with % (default -w 1% -c 10%: a share fits a lab with\n"
"    30 mailboxes and a cluster with 20,000 alike; on a healthy box no row\n"
"    is stale, 1% is a few mailboxes with trouble, 10% is a whole Exchange\n"
"    server or the notification path failing).  -w '~:' turns one off.\n"
" --max-dump-age=SECONDS\n"
"    The capture must have been taken within this (default 900), else\n"
"    UNKNOWN \"dump is N s old\".  Its time is the collector's first line\n"
"    (taken=), else the file's mtime; stdin and URLs without that line\n"
"    have no time and are UNKNOWN.  0 turns the guard off.\n"
" --min-subscriptions=N\n"
"    Fewer rows than N (No records found included) are CRITICAL: sync is\n"
"    set up but nothing is subscribed (default 1; 0 turns it off).\n"
" --list=N\n"
"    With -vv, list the N stalest subscriptions: id, last notification,\n"
"    age (default 10, at most 100, 0: none).\n", fp);
	common_help(fp);
	fputs("\n"
"Ages count to the time the capture was taken (else to now), so a\n"
"capture a few minutes old does not make fresh rows look stale.\n"
"\nNot rows: the prompts of the admin CLI (admin:) and of dbaccess\n"
"(unitydyndb>), with or without the command after them, before the header\n"
"and after the rows; the CLI pager's \"Press <enter> for 1 line, ...\"\n"
"prompt and its terminal escapes, the rows around it being read as usual\n"
"(-vv counts them).  Rows after the prompt that ends the output are a\n"
"second answer: UNKNOWN.\n"
"\nStates:\n"
" OK        stale subscriptions within -w.\n"
" WARNING   stale count or share beyond -w.\n"
" CRITICAL  beyond -c; fewer than --min-subscriptions rows.\n"
" UNKNOWN   capture missing, unreadable or older than --max-dump-age,\n"
"           no time for it, a URL that fails; a capture with no\n"
"           timestamputc column, a header without rows, an unparsable\n"
"           row, rows after the closing prompt or a CLI error (the line\n"
"           is named); bad options, -t.\n"
"\nPerfdata (labels and units never change with the options; min 0):\n"
" stale          stale rows (max = subscriptions), with -w/-c as counts.\n"
" stale_share    % of the rows that are stale (max 100), with -w/-c as\n"
"                shares; absent when there are no rows.\n"
" subscriptions  rows in the capture (critical below --min-subscriptions).\n"
" oldest         s since the stalest row's timestamputc (to when the\n"
"                capture was taken); absent when no row has a time (no\n"
"                rows, or all NULL).\n"
" dump_age       s since the capture was taken; absent when that is not\n"
"                known (standard input or a URL without the collector's\n"
"                line, with --max-dump-age=0).\n"
"\n-v adds one line: the three stalest subscriptions and their ages.  -vv\n"
"describes the capture (rows, header line, columns, pager prompts, when\n"
"it was taken) and lists the --list stalest.\n", fp);
}

static int
plugin_option(void *config, int opt, const char *arg, char *err, size_t errlen)
{
	struct config *cfg = config;
	switch (opt) {
	case 'f':
		cfg->file = arg;
		return 0;
	case OPT_URL:
		cfg->url = arg;
		return 0;
	case OPT_NETRC_FILE:
		cfg->netrc_file = arg;
		return 0;
	case OPT_CA_CERT:
		cfg->ca_cert = arg;
		return 0;
	case OPT_INSECURE:
		cfg->insecure = true;
		return 0;
	case OPT_NOW:
		if (time_parse_user(arg, &cfg->now) != 0) {
			option_error(err, errlen, "now", arg, "is not a time: "
			    "expected @EPOCH or ISO 8601 like "
			    "2026-11-25T10:00:00Z");
			return -1;
		}
		cfg->has_now = true;
		return 0;
	case OPT_STALE_AFTER:
		return seconds_option("stale-after", arg, &cfg->stale_after,
		    err, errlen);
	case OPT_MAX_DUMP_AGE:
		return seconds_option("max-dump-age", arg, &cfg->max_dump_age,
		    err, errlen);
	case OPT_MIN_SUBSCRIPTIONS:
		return uint_option("min-subscriptions", arg, 0, 10000000,
		    &cfg->min_subscriptions, err, errlen);
	case OPT_LIST:
		cfg->list_given = true;
		return uint_option("list", arg, 0, MAX_LIST, &cfg->list, err,
		    errlen);
	}
	return common_option(opt, arg, &cfg->common, err, errlen);
}

static bool
url_scheme_ok(const char *url)
{
	static const char *const schemes[] = {
		"file://", "sftp://", "https://", "http://"
	};
	size_t i;

	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
			return true;
	return false;
}


/* An option that would be silently ignored is an error, named. */
static int
cannot_apply(const struct config *cfg, char *err, size_t errlen)
{
	const char *url = cfg->url != NULL ? cfg->url : "";
	bool file = strncasecmp(url, "file://", 7) == 0;
	bool https = strncasecmp(url, "https://", 8) == 0;
	bool sftp = strncasecmp(url, "sftp://", 7) == 0;
	const char *opt = NULL, *why = NULL;

	if (cfg->netrc_file != NULL && (cfg->url == NULL || file)) {
		opt = "--netrc-file";
		why = "a login for --url (not file://)";
	} else if (cfg->ca_cert != NULL && !https) {
		opt = "--ca-cert";
		why = "an https:// --url";
	} else if (cfg->insecure && !https && !sftp) {
		opt = "--insecure";
		why = "an https:// or sftp:// --url";
	} else if (cfg->list_given && cfg->common.verbose < 2) {
		opt = "--list";
		why = "-vv (the list is long output)";
	}
	if (opt == NULL)
		return 0;
	snprintf(err, errlen, "%s cannot apply without %s", opt, why);
	return -1;
}

static int
parse_options(int argc, char **argv, void *config, char *err, size_t errlen)
{
	struct config *cfg = config;
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "file", required_argument, NULL, 'f' },
		{ "url", required_argument, NULL, OPT_URL },
		{ "netrc-file", required_argument, NULL, OPT_NETRC_FILE },
		{ "ca-cert", required_argument, NULL, OPT_CA_CERT },
		{ "insecure", no_argument, NULL, OPT_INSECURE },
		{ "now", required_argument, NULL, OPT_NOW },
		{ "stale-after", required_argument, NULL, OPT_STALE_AFTER },
		{ "max-dump-age", required_argument, NULL, OPT_MAX_DUMP_AGE },
		{ "min-subscriptions", required_argument, NULL,
		    OPT_MIN_SUBSCRIPTIONS },
		{ "list", required_argument, NULL, OPT_LIST },
		{ NULL, 0, NULL, 0 }
	};
	static const struct option_table table = {
		COMMON_SHORTOPTS "f:", longopts, plugin_option, NULL
	};
	const char *why;
	char shown[512];
	int rc;

	memset(cfg, 0, sizeof(*cfg));
	common_opts_init(&cfg->common);
	cfg->stale_after = DEFAULT_STALE_AFTER;
	cfg->max_dump_age = DEFAULT_MAX_DUMP_AGE;
	cfg->min_subscriptions = 1;
	cfg->list = DEFAULT_LIST;
	if ((rc = options_getopt(argc, argv, &table, cfg, &cfg->common, err,
	    errlen)) != 0)
		return rc < 0 ? -1 : 0;
	if (common_thresholds(&cfg->common, DEFAULT_WARNING, DEFAULT_CRITICAL,
	    RANGE_PERCENT, &cfg->thr, err, errlen) != 0)
		return -1;
	if ((cfg->file == NULL) == (cfg->url == NULL)) {
		snprintf(err, errlen, "give the capture as either -f FILE (- "
		    "for stdin) or --url=URL (see --help)");
		return -1;
	}
	if (cfg->url != NULL && !url_scheme_ok(cfg->url)) {
		http_url_display(shown, sizeof(shown), cfg->url);
		option_error(err, errlen, "url", shown, "is not a file://, "
		    "sftp://, https:// or http:// URL");
		return -1;
	}
	if (cfg->url != NULL && http_url_check(cfg->url, &why) != 0) {
		snprintf(err, errlen, "--url: %s", why);
		return -1;
	}
	if (cfg->url != NULL && http_url_has_password(cfg->url)) {
		cfg->common.secret = cfg->url;
		cfg->common.secret_option = "--url";
	}
	cfg->common.netrc_file = cfg->netrc_file;
	cfg->common.insecure = cfg->insecure;
	return cannot_apply(cfg, err, errlen);
}

/* The request gives up a little before -t so that it reports first. */
static double
fetch_budget(const struct config *cfg)
{
	double margin = cfg->common.timeout * 0.1, left;

	if (margin > 1.0)
		margin = 1.0;
	left = deadline_remaining() - margin;
	return left > 0.001 ? left : 0.001;
}

static int
fetch_url(const struct config *cfg, struct source *src, struct report *rep)
{
	struct http_request rq;
	char err[256];

	if ((src->client = http_client_new(err, sizeof(err))) == NULL) {
		report_fail(rep, STATE_UNKNOWN, "%s", err);
		return -1;
	}
	memset(&rq, 0, sizeof(rq));
	rq.url = cfg->url;
	rq.timeout = fetch_budget(cfg);
	rq.insecure = cfg->insecure;
	rq.ca_cert = cfg->ca_cert;
	rq.netrc_file = cfg->netrc_file;
	rq.max_body = URL_MAX_BODY;
	src->have_resp = true;
	if (http_perform(src->client, &rq, &src->resp) != 0) {
		report_fail(rep, STATE_UNKNOWN, "cannot fetch %s: %s",
		    src->name, src->resp.message);
		return -1;
	}
	/* file:// and sftp:// have no status; http(s) must say 200. */
	if (strncasecmp(cfg->url, "http", 4) == 0 && src->resp.status != 200) {
		report_fail(rep, STATE_UNKNOWN, "HTTP %ld from %s",
		    src->resp.status, src->name);
		return -1;
	}
	if (src->resp.body_cut) {
		report_fail(rep, STATE_UNKNOWN, "%s: more than %lu MiB, not a "
		    "dbquery capture", src->name, URL_MAX_BODY >> 20);
		return -1;
	}
	src->data = src->resp.body != NULL ? src->resp.body : "";
	src->len = src->resp.body_len;
	return 0;
}

/* Read the capture.  Returns 0, or -1 with the report failed. */
static int
gather(const struct config *cfg, struct source *src, struct report *rep)
{
	char err[512];

	if (cfg->file != NULL) {
		snprintf(src->name, sizeof(src->name), "%s",
		    strcmp(cfg->file, "-") == 0 ? "stdin" : cfg->file);
		deadline_stepf("reading %s", src->name);
		if (logfile_open(&src->lf, cfg->file, err, sizeof(err)) != 0) {
			report_fail(rep, STATE_UNKNOWN, "cannot read the "
			    "capture: %s", err);
			return -1;
		}
		src->have_lf = true;
		if (src->lf.truncated) {
			report_fail(rep, STATE_UNKNOWN, "%s: more than %lu "
			    "MiB, not a dbquery capture", src->name,
			    LOGFILE_STREAM_CAP >> 20);
			return -1;
		}
		src->data = src->lf.data;
		src->len = src->lf.len;
		src->has_mtime = strcmp(cfg->file, "-") != 0;
		src->mtime = (double)src->lf.mtime;
		return 0;
	}
	http_url_display(src->name, sizeof(src->name), cfg->url);
	deadline_stepf("fetching %s", src->name);
	return fetch_url(cfg, src, rep);
}

/* Keep the cfg->list oldest rows, oldest first; NULL sorts before all. */
static void
keep_stalest(struct tally *t, const struct dbq_row *row, double key)
{
	size_t n = t->cfg->list, i;
	struct entry e;

	if (n == 0 || (t->ntop == n && !(key < t->top[n - 1].ts)))
		return;
	e.ts = key;
	e.line = row->line;
	if (row->id != NULL)
		snprintf(e.id, sizeof(e.id), "%.*s", (int)(row->id_len <
		    ID_MAX - 1 ? row->id_len : ID_MAX - 1), row->id);
	else
		snprintf(e.id, sizeof(e.id), "row at line %lu", row->line);
	i = t->ntop < n ? t->ntop++ : n - 1;
	/* Shift younger entries down; ties keep capture order. */
	while (i > 0 && key < t->top[i - 1].ts) {
		t->top[i] = t->top[i - 1];
		i--;
	}
	t->top[i] = e;
}

static int
count_row(const struct dbq_row *row, void *arg)
{
	struct tally *t = arg;
	double key = row->ts_null ? -INFINITY : row->ts;

	if (t->total == 0 && t->info->has_taken)
		t->ref = t->info->taken;
	t->total++;
	if (row->ts_null) {
		t->never++;
		t->stale++;
	} else {
		if (t->ref - row->ts > t->cfg->stale_after)
			t->stale++;
		if (!t->has_oldest || row->ts < t->oldest_ts)
			t->oldest_ts = row->ts;
		t->has_oldest = true;
	}
	keep_stalest(t, row, key);
	return 0;
}

/* "2026-11-25 09:00:00Z" or "never (NULL)". */
static void
when_text(char *buf, size_t size, double ts)
{
	if (isinf(ts))
		snprintf(buf, size, "never (NULL)");
	else
		time_format_utc(ts, buf, size);
}

static void
add_perf(struct report *rep, const char *label, double value,
    const char *uom, int decimals, const struct range *warn,
    const struct range *crit, bool has_max, double max)
{
	struct perf p;

	memset(&p, 0, sizeof(p));
	p.label = label;
	p.value = value;
	p.uom = uom;
	p.decimals = decimals;
	p.warning = warn;
	p.critical = crit;
	p.has_min = true;
	p.min = 0;
	p.has_max = has_max;
	p.max = max;
	report_perf(rep, &p);
}

/* A range alerts on the count, or on the share when written with %. */
static bool
alerts(const struct range *r, double count, double share)
{
	return range_alerts(r, r->percent ? share : count);
}

static void
evaluate(const struct config *cfg, const struct tally *t,
    const char *dumptext, struct report *rep)
{
	const struct threshold *thr = &cfg->thr;
	double share = t->total > 0 ? 100.0 * (double)t->stale /
	    (double)t->total : 0, oldest = 0;
	char sharetext[32], secs[32], oldsecs[32], oldtext[64], never[48];
	char few[160];
	struct range minr;

	if (t->has_oldest)
		oldest = t->ref - t->oldest_ts > 0 ? t->ref - t->oldest_ts : 0;
	if (thr->has_critical && alerts(&thr->critical, t->stale, share))
		report_raise(rep, STATE_CRITICAL);
	else if (thr->has_warning && alerts(&thr->warning, t->stale, share))
		report_raise(rep, STATE_WARNING);
	few[0] = '\0';
	if (t->total < cfg->min_subscriptions) {
		report_raise(rep, STATE_CRITICAL);
		snprintf(few, sizeof(few), ", at least %lu expected",
		    cfg->min_subscriptions);
	}
	if (t->total == 0)	/* the parser allows it only with this */
		report_summary(rep, "no subscriptions (No records found%s)%s",
		    few, dumptext);
	numfmt(sharetext, sizeof(sharetext), share, 1);
	numfmt(secs, sizeof(secs), cfg->stale_after, 1);
	never[0] = '\0';
	if (t->never > 0)
		snprintf(never, sizeof(never), ", %lu never notified",
		    t->never);
	oldtext[0] = '\0';
	if (t->has_oldest) {
		numfmt(oldsecs, sizeof(oldsecs), oldest, 0);
		snprintf(oldtext, sizeof(oldtext), ", oldest %s s", oldsecs);
	}
	if (t->total > 0 && t->total < cfg->min_subscriptions)
		report_summary(rep, "only %lu subscription%s%s, %lu stale "
		    "(%s%%, no notification for over %s s%s)%s%s", t->total,
		    plural(t->total), few, t->stale, sharetext, secs, never,
		    oldtext, dumptext);
	else if (t->total > 0 && t->stale == 0)
		/* reads as the OK it is: nothing "stale" in it */
		report_summary(rep, "%lu subscription%s, each notified within "
		    "%s s%s%s", t->total, plural(t->total), secs, oldtext,
		    dumptext);
	else if (t->total > 0)
		report_summary(rep, "%lu of %lu subscription%s stale (%s%%, no "
		    "notification for over %s s%s)%s%s", t->stale, t->total,
		    plural(t->total), sharetext, secs, never, oldtext,
		    dumptext);

	add_perf(rep, "stale", (double)t->stale, NULL, 0,
	    thr->has_warning && !thr->warning.percent ? &thr->warning : NULL,
	    thr->has_critical && !thr->critical.percent ? &thr->critical :
	    NULL, true, (double)t->total);
	/* No rows: no share, no oldest row.  Left out, not made up. */
	if (t->total > 0)
		add_perf(rep, "stale_share", share, "%", 2, thr->has_warning &&
		    thr->warning.percent ? &thr->warning : NULL,
		    thr->has_critical && thr->critical.percent ?
		    &thr->critical : NULL, true, 100);
	memset(&minr, 0, sizeof(minr));
	minr.start = (double)cfg->min_subscriptions;
	minr.end_infinite = true;
	add_perf(rep, "subscriptions", (double)t->total, NULL, 0, NULL,
	    cfg->min_subscriptions > 0 ? &minr : NULL, false, 0);
	if (t->has_oldest)
		add_perf(rep, "oldest", oldest, "s", 0, NULL, NULL, false, 0);
}

/* -v: where the capture came from and the stalest rows. */
/*
 * -v: one line more (monitoring-plugins' level 1, "additional
 * information"): the three stalest subscriptions and their ages.  -vv
 * describes the capture and lists --list of them.
 */
static void
stalest_line(const struct config *cfg, const struct tally *t,
    struct report *rep)
{
	char line[600], age[32];
	size_t i, len = 0;

	for (i = 0; i < t->ntop && i < 3; i++) {
		const struct entry *e = &t->top[i];

		if (isinf(e->ts))
			snprintf(age, sizeof(age), "never notified");
		else {
			numfmt(age, sizeof(age), t->ref - e->ts, 0);
			strcat(age, " s");
		}
		text_appendf(line, sizeof(line), &len, "%s%s %s%s",
		    i > 0 ? ", " : "stalest: ", e->id, age,
		    isinf(e->ts) || t->ref - e->ts > cfg->stale_after ?
		    " STALE" : "");
	}
	if (len == 0)
		text_appendf(line, sizeof(line), &len, "%lu row%s read",
		    t->total, plural(t->total));
	report_detail(rep, "%s", line);
}

static void
describe(const struct config *cfg, const struct source *src,
    const struct dbq_info *info, const struct tally *t,
    const char *timenote, struct report *rep)
{
	char when[48], age[32];
	size_t i;

	if (info->no_records)
		report_detail(rep, "capture %s: No records found", src->name);
	else
		report_detail(rep, "capture %s: %lu rows, header at line %lu, "
		    "%u columns%s", src->name, info->rows, info->header_line,
		    info->columns, info->has_id ? "" : ", no subscriptionid");
	if (info->pager_prompts > 0)
		report_detail(rep, "skipped %lu prompt%s of the CLI pager (first "
		    "at line %lu): pagination was on; 'set cli pagination "
		    "off' before the query keeps them out",
		    info->pager_prompts, info->pager_prompts == 1 ? "" : "s",
		    info->pager_line);
	report_detail(rep, "%s", timenote);
	if (t->ntop == 0)
		return;
	report_detail(rep, "stalest subscriptions (id, last notification, "
	    "age):");
	for (i = 0; i < t->ntop; i++) {
		const struct entry *e = &t->top[i];
		bool stale = isinf(e->ts) || t->ref - e->ts >
		    cfg->stale_after;

		when_text(when, sizeof(when), e->ts);
		if (isinf(e->ts))
			snprintf(age, sizeof(age), "-");
		else
			numfmt(age, sizeof(age), t->ref - e->ts, 0);
		report_detail(rep, "%s  %s  %s%s%s", e->id, when, age,
		    isinf(e->ts) ? "" : " s", stale ? "  STALE" : "");
	}
}

/*
 * When the capture was taken: the collector's line, else the file's
 * mtime.  Returns false when neither is known (stdin, a URL).
 */
static bool
dump_time(const struct source *src, const struct dbq_info *info,
    double *when, char *note, size_t notesize)
{
	char buf[48];

	if (info->has_taken) {
		*when = info->taken;
		time_format_utc(*when, buf, sizeof(buf));
		snprintf(note, notesize, "taken %s per collector line%s%s",
		    buf, info->host[0] ? ", host " : "", info->host);
		return true;
	}
	if (src->has_mtime) {
		*when = src->mtime;
		time_format_utc(*when, buf, sizeof(buf));
		snprintf(note, notesize, "taken %s per file mtime", buf);
		return true;
	}
	snprintf(note, notesize, "time taken unknown (no collector line)");
	return false;
}

/*
 * The guard: an old capture, one from the future or one without a time
 * is UNKNOWN.  Returns 0 when it may be evaluated.
 */
static int
check_dump_age(const struct config *cfg, const struct source *src,
    bool known, double age, const char *note, struct report *rep)
{
	char secs[32], max[32];

	if (cfg->max_dump_age <= 0)
		return 0;
	numfmt(max, sizeof(max), cfg->max_dump_age, 1);
	if (!known) {
		report_fail(rep, STATE_UNKNOWN, "cannot tell how old the dump "
		    "from %s is: no cuc_dbquery_collect line (--max-dump-age=0 "
		    "accepts it)", src->name);
		return -1;
	}
	numfmt(secs, sizeof(secs), fabs(age), 0);
	if (age > cfg->max_dump_age) {
		report_fail(rep, STATE_UNKNOWN, "dump is %s s old, more than "
		    "%s s (%s, %s): is the collector running?", secs, max,
		    src->name, note);
		return -1;
	}
	if (age < -FUTURE_SLACK) {
		report_fail(rep, STATE_UNKNOWN, "dump is dated %s s in the "
		    "future (%s, %s): check the clocks", secs, src->name, note);
		return -1;
	}
	return 0;
}

static void
run_check(void *config, struct report *rep)
{
	const struct config *cfg = config;
	struct source src;
	struct dbq_info info;
	struct tally *t;
	char err[512], note[256], dumptext[64], secs[32];
	double now, when = 0, age = 0;
	bool known;

	now = cfg->has_now ? cfg->now : wallclock_now();
	memset(&src, 0, sizeof(src));
	if ((t = calloc(1, sizeof(*t))) == NULL) {
		report_fail(rep, STATE_UNKNOWN, "out of memory");
		return;
	}
	if (gather(cfg, &src, rep) != 0)
		goto out;
	deadline_step("parsing the capture");
	t->cfg = cfg;
	t->info = &info;
	t->ref = src.has_mtime ? src.mtime : now;
	if (dbq_parse(src.data, src.len, count_row, t, &info, err,
	    sizeof(err)) != 0) {
		report_fail(rep, STATE_UNKNOWN, "%s: %s", src.name, err);
		goto out;
	}
	known = dump_time(&src, &info, &when, note, sizeof(note));
	t->ref = known ? when : now;	/* also when there were no rows */
	age = now - when;
	if (check_dump_age(cfg, &src, known, age, note, rep) != 0) {
		if (known)	/* ages are never negative; the text says "future" */
			add_perf(rep, "dump_age", age > 0 ? age : 0, "s", 0,
			    NULL, NULL, false, 0);
		goto out;
	}
	dumptext[0] = '\0';
	if (known) {
		numfmt(secs, sizeof(secs), fabs(age), 0);
		snprintf(dumptext, sizeof(dumptext), age < -0.5 ?
		    ", dump dated %s s ahead" : ", dump %s s old", secs);
	}
	evaluate(cfg, t, dumptext, rep);
	if (known)
		add_perf(rep, "dump_age", age > 0 ? age : 0, "s", 0, NULL,
		    NULL, false, 0);
	if (cfg->common.verbose >= 2)
		describe(cfg, &src, &info, t, note, rep);
	else if (cfg->common.verbose == 1)
		stalest_line(cfg, t, rep);
out:
	if (src.have_lf)
		logfile_close(&src.lf);
	if (src.have_resp)
		http_response_free(&src.resp);
	if (src.client != NULL)
		http_client_free(src.client);
	free(t);
}

int
main(int argc, char **argv)
{
	static const struct plugin plugin = {
		PROGNAME, CHECK, parse_options, help, run_check, NULL,
		"{-f FILE or --url URL} [-w RANGE[%]] [-c RANGE[%]] "
		"[--stale-after SECS] [--max-dump-age SECS]"
	};
	struct config cfg;

	return plugin_main(&plugin, &cfg, &cfg.common, argc, argv);
}
