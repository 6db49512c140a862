/*
 * check_cuc_keepalive - do Exchange's notifications still reach CUC?
 *
 * Every healthy EWS subscription makes Exchange POST at least one
 * notification (a keepalive) to CUC's Jetty every 5 minutes, and Jetty's
 * request log has a line for each (shared/domain.md section 2).  This check
 * reads that log: how long ago the newest notification CUC answered 2xx
 * arrived, how many subscriptions were heard from, which of them went
 * quiet, how many were answered with an error, and whether they came from
 * the expected Exchange addresses.
 *
 * It costs the lines in the window, not the size of the log: the newest
 * file is mapped, the start of the window is found by bisecting on the
 * stamps (Jetty writes a line when a request ends but stamps it when it
 * started, so the order is loose by seconds: a line counts as "before the
 * window" only when it is SLACK older than the window's start), and only
 * the lines from there to the end are read; a large window is read by two
 * threads (common/logwindow.h).  Memory is the per-subscription table
 * (common/idtable.h).
 */
#include <sys/socket.h>

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cucsvc.h"
#include "deadline.h"
#include "idtable.h"
#include "jetty.h"
#include "logfile.h"
#include "logwindow.h"
#include "netaddr.h"
#include "numfmt.h"
#include "options.h"
#include "output.h"
#include "plugin.h"
#include "probe.h"
#include "range.h"
#include "state.h"
#include "timeparse.h"

#define PROGNAME		"check_cuc_keepalive"
#define CHECK			"KEEPALIVE"
#define CUC_SERVICE		"Connection Jetty"
#define CUC_PATTERN		"*request.log"
#define CUC_LOOKBACK		86400.0	/* list a day back: one older file */
#define DEFAULT_WARNING		"600"	/* two keepalives missed */
#define DEFAULT_CRITICAL	"900"	/* CUC's own 15-minute rule */
#define DEFAULT_WINDOW		3600.0
#define DEFAULT_STALE_AFTER	900.0
#define SLACK			120	/* s: how far out of order lines may be */
#define SKEW_NOTE		300	/* s ahead of now that earns a note */
#define LOOKBACK_MAX		(64UL * 1024 * 1024)	/* bytes, past the window */
#define SUBS_MAX		100000	/* distinct ids kept (bounds memory) */
#define FOREIGN_MAX		16	/* foreign addresses (proxy chains) named */
#define ADDR_MAX		64
#define TALLY_TEXT_MAX		128	/* an address or a proxy chain, named */
#define MAX_LOGS		64
#define MAX_SOURCES		64
#define LIST_MAX		10	/* stalest subscriptions in -v */
#define NO_TIME			INT64_MIN

enum {
	OPT_NOW = OPT_PLUGIN_BASE,
	OPT_WINDOW,
	OPT_STALE_AFTER,
	OPT_STALE_WARNING,
	OPT_STALE_CRITICAL,
	OPT_ERROR_WARNING,
	OPT_ERROR_CRITICAL,
	OPT_FOREIGN_STATE
};

struct config {
	struct common_opts	 common;
	struct threshold	 age_thr;
	struct threshold	 stale_thr;
	struct threshold	 error_thr;
	const char		*logs[MAX_LOGS];
	size_t			 nlogs;
	struct netaddr		 sources[MAX_SOURCES];
	size_t			 nsources;
	enum state		 foreign_state;
	bool			 foreign_state_given;
	bool			 window_given;
	const char		*window_text;	/* as given, for messages */
	bool			 has_now;
	double			 now;
	double			 window;
	double			 stale_after;
	struct cucsvc_opts	 cuc;		/* --cuc: the files from CUC */
};

/* Notifications by sender (a foreign address, or a proxy chain). */
struct foreign {
	char		 addr[TALLY_TEXT_MAX];
	size_t		 len;
	unsigned long	 count;
};

/* What reading lines adds up to; one per thread, merged. */
struct scan {
	const struct config	*cfg;
	int64_t			 ws;		/* window start, inclusive */
	unsigned long		 lines;		/* non-empty lines read */
	unsigned long		 parsed;
	unsigned long		 notifications;	/* in the window */
	unsigned long		 errors;	/* of those, non-2xx */
	unsigned long		 foreign;
	int64_t			 newest_ok;	/* in the window */
	int64_t			 newest_notif;
	int64_t			 before_ok;	/* read, but before the window */
	int64_t			 before_notif;
	int64_t			 newest_line;
	int64_t			 oldest_line;
	unsigned long		 status[1000];	/* by status; [0]: Async */
	struct idtable		 subs;		/* per subscription id */
	const struct idrec	*probe;		/* check_cuc_port's, in subs */
	unsigned long		 probe_lines;	/* its lines, never counted */
	unsigned long		 probe_seeds;	/* notes that made its record */
	struct jetty_cache	 stamps;
	struct foreign		 fsrc[FOREIGN_MAX];
	size_t			 nfsrc;
	unsigned long		 foreign_other;	/* from addresses past FOREIGN_MAX */
	struct foreign		 via[FOREIGN_MAX];	/* X-Forwarded-For chains */
	size_t			 nvia;
	unsigned long		 via_other;	/* by chains past FOREIGN_MAX */
	unsigned long		 proxied;	/* notifications through a proxy */
	char			 last_client[ADDR_MAX];	/* --source cache */
	size_t			 last_client_len;
	bool			 last_foreign;
};

/* A log file taken part in the check. */
struct logread {
	struct logfile	 lf;
	const char	*path;
	size_t		 start;		/* window read from here to the end */
	unsigned long	 lines;
	unsigned long	 parsed;
	bool		 open;		/* opened: it took part */
	bool		 held;		/* still open (lf valid) */
};

static void
usage(FILE *fp)
{
	fputs(
"Usage: " PROGNAME " {-f PATH|GLOB|- ... | --cuc=HOST[:PORT]}\n"
"         [--window=SECS] [-w SECS] [-c SECS] [-s ADDR|CIDR ...] [-v]\n"
"         [--stale-after=SECS] [--stale-warning=RANGE] [...] (see below)\n", fp);
}

static void
help(FILE *fp)
{
	print_version(fp, PROGNAME);
	usage(fp);
	fputs("\n"
"Check that Exchange's push notifications (keepalives) reach Cisco Unity\n"
"Connection, from the Jetty request log (NCSA common or combined; both\n"
"stamp shapes, any zone, IPv4/IPv6 clients).  A notification is a POST to\n"
JETTY_NOTIFY_PATH "?id=<id>.\n"
"Every healthy subscription gets one at least every 5 minutes.  Lines of\n"
"check_cuc_port --soap's probe (id=" PROBE_ID ")\n"
"are never counted: not as notifications, subscriptions, errors or\n"
"foreign or proxied, nor for the age.\n", fp);
	fputs("\nOptions:\n"
" -f, --logfile=PATH\n"
"    Jetty request log; repeatable; shell globs (quote them) such as\n"
"    '/logs/*.request.log'; - reads standard input.  Files are taken newest\n"
"    first by the yyyy_mm_dd in their name, else by modification time, and\n"
"    older files are read only while the window reaches into them.\n", fp);
	cucsvc_help(fp);
	fputs(
"    With --cuc the files of the service \"" CUC_SERVICE "\" are\n"
"    fetched, the newest back to the window's start and one more.\n"
" --now=TIME\n"
"    Take TIME as now: @EPOCH or ISO 8601 (2014-06-29T16:15:00Z); for\n"
"    checking a saved log.  Default: the clock.  All times are UTC.\n"
" --window=SECONDS\n"
"    Count notifications stamped within this much before now (default\n"
"    3600; stamps after now count too).  It must be longer than -w and\n"
"    -c: an age the window cannot hold could never pass them.\n"
" -w, --warning=RANGE\n"
" -c, --critical=RANGE\n"
"    Thresholds on age, in seconds (default 600 and 900: two keepalives\n"
"    missed, and CUC's own 15-minute rule).\n"
" --stale-after=SECONDS\n"
"    A subscription seen in the window is stale when its newest notification\n"
"    answered 2xx is older than this (default 900), or it has none.\n"
" --stale-warning=RANGE, --stale-critical=RANGE\n"
"    Thresholds on the number of stale subscriptions (default: none).\n"
" --error-warning=RANGE, --error-critical=RANGE\n"
"    Thresholds on notifications CUC answered non-2xx (default: none).\n"
" -s, --source=ADDR|CIDR\n"
"    The Exchange servers' addresses (repeatable; IPv4 or IPv6, with or\n"
"    without /prefix).  Notifications in the window from any other address\n"
"    (a proxy, a NAT) are `foreign' and named in the output.  A client\n"
"    field holding an X-Forwarded-For list (\"10.20.1.11, 10.99.0.5\") is\n"
"    judged on its first address, the originating one.\n"
" --foreign-state=STATE\n"
"    State for foreign notifications (default WARNING); needs -s.\n", fp);
	common_help(fp);
	fputs("\nWhat is measured (perfdata labels):\n"
" age            seconds since the newest notification CUC answered 2xx\n"
"                or Jetty logged with the status Async (it arrived, its\n"
"                answer was not finished when the line was written: no\n"
"                error, status unknown).  A stamp ahead of now counts as\n"
"                0 (a skew over 300 s is noted).  When the window has\n"
"                notifications but none answered 2xx (errors only), the\n"
"                log is searched further back (up to 64 MiB) for the\n"
"                newest one.  If none is found (or the log has no\n"
"                request line) there is no age to measure: age is left\n"
"                out of the perfdata, and -w/-c judge the time since the\n"
"                oldest line read (at least --window), a lower bound.\n"
" subscriptions  distinct ids in the window.\n"
" stale          of those, stale as --stale-after says (CUC's view);\n"
"                max = subscriptions.\n"
" notifications  notifications in the window.\n"
" errors         of those, answered non-2xx (Async is none); max =\n"
"                notifications.\n"
" foreign        of those, from outside --source (0 without --source);\n"
"                max = notifications.\n"
" unparsed       lines read that are not request-log lines.\n"
"Counts have min 0; labels and units never change with the options.\n"
"\nStates:\n"
" OK        age within -w, no other threshold passed.\n"
" WARNING   age beyond -w; --stale-warning, --error-warning passed;\n"
"           foreign notifications (see --foreign-state).\n"
" CRITICAL  age beyond -c; no notification in the window at all (\"no\n"
"           notifications since ...\"); --stale/--error-critical passed.\n"
" UNKNOWN   a log missing or unreadable (path and reason), a file in\n"
"           which no line read parses (not a Jetty request log?), standard\n"
"           input over 256 MiB, bad options, -t passed.\n"
"\n-v adds one line: the three stalest subscriptions (seconds since their\n"
"newest 2xx), foreign senders and the error statuses with counts.  -vv\n"
"lists them in full: the window, each log read, the stalest subscriptions\n"
"with their last-seen times, foreign addresses and proxy chains\n"
"(X-Forwarded-For) with counts, notifications by status code (Async\n"
"apart), how many lines of check_cuc_port's probe were skipped.\n", fp);
}

/* --- reading lines ------------------------------------------------------ */

static void
scan_init(struct scan *sc, const struct config *cfg, int64_t ws)
{
	memset(sc, 0, sizeof(*sc));
	sc->cfg = cfg;
	sc->ws = ws;
	sc->newest_ok = sc->newest_notif = NO_TIME;
	sc->before_ok = sc->before_notif = NO_TIME;
	sc->newest_line = NO_TIME;
	sc->oldest_line = INT64_MAX;
	idtable_init(&sc->subs, SUBS_MAX);
	/*
	 * The probe's record first: a full table never drops its lines.
	 * Folded in at once: a scan that then reads no line (the second
	 * thread, when the first took every piece) must still hold the
	 * seed that probe_seeds counts.
	 */
	idtable_note(&sc->subs, PROBE_ID, PROBE_ID_LEN, 0, 0, false);
	idtable_flush(&sc->subs);
	sc->probe_seeds = 1;
}

static bool
is_foreign(struct scan *sc, const char *client, size_t len)
{
	const struct config *cfg = sc->cfg;
	struct netaddr a;
	size_t i;

	/* Consecutive lines mostly come from the same few servers. */
	if (len == sc->last_client_len && memcmp(client, sc->last_client,
	    len) == 0)
		return sc->last_foreign;
	sc->last_foreign = true;
	if (netaddr_parse_addr(client, len, &a) == 0)
		for (i = 0; i < cfg->nsources; i++)
			if (netaddr_match(&cfg->sources[i], &a)) {
				sc->last_foreign = false;
				break;
			}
	if (len < sizeof(sc->last_client)) {
		memcpy(sc->last_client, client, len);
		sc->last_client_len = len;
	} else
		sc->last_client_len = SIZE_MAX;
	return sc->last_foreign;
}

/* Add count to text's entry of t[*n] (FOREIGN_MAX), or to *other. */
static void
tally_add(struct foreign *t, size_t *n, unsigned long *other,
    const char *text, size_t len, unsigned long count)
{
	size_t i;

	if (len >= TALLY_TEXT_MAX)
		len = TALLY_TEXT_MAX - 1;
	for (i = 0; i < *n; i++)
		if (t[i].len == len && memcmp(t[i].addr, text, len) == 0) {
			t[i].count += count;
			return;
		}
	if (*n == FOREIGN_MAX) {
		*other += count;
		return;
	}
	memcpy(t[*n].addr, text, len);
	t[*n].addr[len] = '\0';
	t[*n].len = len;
	t[(*n)++].count = count;
}

static void
foreign_add(struct scan *sc, const char *client, size_t len,
    unsigned long count)
{
	tally_add(sc->fsrc, &sc->nfsrc, &sc->foreign_other, client, len,
	    count);
}

/*
 * Did the notification arrive?  Answered 2xx, or logged "Async" (Jetty
 * wrote the line before the answer was finished: it arrived, its answer
 * is unknown, and it is no error).
 */
static bool
arrived(int status)
{
	return (status >= 200 && status <= 299) ||
	    status == JETTY_STATUS_ASYNC;
}

/* One request of the window region. */
static void
scan_record(struct scan *sc, const struct jetty_record *r)
{
	bool ok;

	sc->parsed++;
	if (r->time > sc->newest_line)
		sc->newest_line = r->time;
	if (r->time < sc->oldest_line)
		sc->oldest_line = r->time;
	if (!r->notification)
		return;
	ok = arrived(r->status);
	/*
	 * check_cuc_port's probe (probe.h) is no subscription.  Its usual
	 * line (in the window, 200) goes into the table like any other and
	 * is taken out once per id after the walk (scan_drop_probe): only
	 * the other lines pay for a compare.
	 */
	if ((r->time < sc->ws || r->status != 200) &&
	    probe_id_is(r->id, r->id_len)) {
		sc->probe_lines++;
		return;
	}
	if (r->time < sc->ws) {	/* read for the slack only */
		if (r->time > sc->before_notif)
			sc->before_notif = r->time;
		if (ok && r->time > sc->before_ok)
			sc->before_ok = r->time;
		return;
	}
	sc->notifications++;
	sc->status[r->status]++;
	if (r->time > sc->newest_notif)
		sc->newest_notif = r->time;
	if (ok) {
		if (r->time > sc->newest_ok)
			sc->newest_ok = r->time;
	} else
		sc->errors++;
	idtable_note(&sc->subs, r->id, r->id_len, r->time,
	    (unsigned int)r->status, ok);
	/* -s judges the originating address of a proxy's list */
	if (sc->cfg->nsources > 0 && is_foreign(sc, r->client, r->client_len)) {
		if (probe_id_is(r->id, r->id_len))
			return;	/* the monitoring host: never foreign */
		sc->foreign++;
		foreign_add(sc, r->client, r->client_len, 1);
	}
	/* the probe through a proxy is no notification through it either */
	if (r->chain_len != r->client_len && !probe_id_is(r->id, r->id_len)) {
		sc->proxied++;
		tally_add(sc->via, &sc->nvia, &sc->via_other, r->client,
		    r->chain_len, 1);
	}
}

/* Whole lines of the window region; blank lines are no request at all. */
static void
scan_block_cb(void *ctx, const char *data, size_t len)
{
	struct scan *sc = ctx;
	struct jetty_record r;
	const char *p = data, *end = data + len;
	size_t n;
	int rc;

	while (p < end) {
		rc = jetty_parse_next(p, end, &r, &sc->stamps, &n, &p);
		if (n == 0)
			continue;
		sc->lines++;
		if (rc == 0)
			scan_record(sc, &r);
	}
}

/* The lines noted point into the reader's buffer: fold them in now. */
static void
scan_flush_cb(void *ctx)
{
	struct scan *sc = ctx;

	idtable_flush(&sc->subs);
}

static const struct logwindow_ops scan_ops = { NULL, scan_flush_cb,
    scan_block_cb };

static int64_t
max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

/* Fold b (the other thread's share) into a. */
static void
scan_merge(struct scan *a, struct scan *b)
{
	size_t i;

	a->lines += b->lines;
	a->parsed += b->parsed;
	a->notifications += b->notifications;
	a->errors += b->errors;
	a->foreign += b->foreign;
	a->probe_lines += b->probe_lines;
	a->probe_seeds += b->probe_seeds;
	a->proxied += b->proxied;
	a->newest_ok = max64(a->newest_ok, b->newest_ok);
	a->newest_notif = max64(a->newest_notif, b->newest_notif);
	a->before_ok = max64(a->before_ok, b->before_ok);
	a->before_notif = max64(a->before_notif, b->before_notif);
	a->newest_line = max64(a->newest_line, b->newest_line);
	if (b->oldest_line < a->oldest_line)
		a->oldest_line = b->oldest_line;
	for (i = 0; i < sizeof(a->status) / sizeof(a->status[0]); i++)
		a->status[i] += b->status[i];
	idtable_merge(&a->subs, &b->subs);
	for (i = 0; i < b->nfsrc; i++)
		foreign_add(a, b->fsrc[i].addr, b->fsrc[i].len,
		    b->fsrc[i].count);
	a->foreign_other += b->foreign_other;
	for (i = 0; i < b->nvia; i++)
		tally_add(a->via, &a->nvia, &a->via_other, b->via[i].addr,
		    b->via[i].len, b->via[i].count);
	a->via_other += b->via_other;
}

/* Read [from, lf->len) into sc: a big region by two threads. */
static void
scan_file(struct scan *sc, const struct logfile *lf, size_t from)
{
	struct scan *other = NULL;

	if (logwindow_splits(lf, from) &&
	    (other = malloc(sizeof(*other))) != NULL)
		scan_init(other, sc->cfg, sc->ws);
	if (logwindow_read_split(lf, from, &scan_ops, sc, other) == 1)
		scan_merge(sc, other);
	if (other != NULL)
		idtable_free(&other->subs);
	free(other);
}

/*
 * Take the probe's lines that went into the table (in the window, 200)
 * out of every count, once per run: the notifications, their statuses,
 * and the newest times when the probe's were the newest (then the others'
 * come from the table: an id past SUBS_MAX is not there, which can only
 * make the age older, never younger).  The record (made by scan_init, so
 * always there unless memory ran out) stays in the table and sc->probe
 * marks it for the counts made from the table.
 */
static void
scan_drop_probe(struct scan *sc)
{
	const struct idrec *p, *s;
	int64_t newest_ok = NO_TIME, newest_notif = NO_TIME;
	unsigned long lines;
	size_t pos = 0;

	idtable_flush(&sc->subs);
	if ((p = idtable_find(&sc->subs, PROBE_ID, PROBE_ID_LEN)) == NULL)
		return;
	sc->probe = p;
	lines = p->count - sc->probe_seeds;
	sc->probe_lines += lines;
	sc->notifications -= lines;
	sc->status[200] -= lines;
	if (lines == 0 || ((int64_t)p->last_ok < sc->newest_ok &&
	    (int64_t)p->last_seen < sc->newest_notif))
		return;
	while ((s = idtable_next(&sc->subs, &pos)) != NULL) {
		if (s == p)
			continue;
		if (s->last_ok != 0 && (int64_t)s->last_ok > newest_ok)
			newest_ok = s->last_ok;
		if ((int64_t)s->last_seen > newest_notif)
			newest_notif = s->last_seen;
	}
	if ((int64_t)p->last_ok >= sc->newest_ok)
		sc->newest_ok = newest_ok;
	if ((int64_t)p->last_seen >= sc->newest_notif)
		sc->newest_notif = newest_notif;
}

/*
 * Past the window: the newest notifications before it, for "no
 * notifications since ..." and for the age when the window holds errors
 * only.  Walks back from the window's start through older files until
 * a 2xx-answered one is found (and SLACK more), LOOKBACK_MAX bytes are
 * read, or the log ends.
 */
struct lookback {
	size_t		 bytes;
	bool		 exhausted;	/* the oldest file's start was reached */
	bool		 budget;	/* stopped at LOOKBACK_MAX */
};

/* Returns true when the search is done. */
static bool
lookback_buffer(struct scan *sc, struct logread *lr, size_t end,
    struct lookback *lb)
{
	struct line_cursor c;
	struct jetty_record r;
	const char *line;
	size_t n;

	line_cursor_end(&c, lr->lf.data, end);
	while (line_prev(&c, &line, &n)) {
		lb->bytes += n + 1;
		if (n == 0)
			continue;
		lr->lines++;
		if (jetty_parse(line, n, &r) != 0)
			continue;
		lr->parsed++;
		if (r.time < sc->oldest_line)
			sc->oldest_line = r.time;
		if (sc->before_ok != NO_TIME && r.time < sc->before_ok - SLACK)
			return true;
		if (r.notification && probe_id_is(r.id, r.id_len))
			sc->probe_lines++;
		else if (r.notification) {
			if (r.time > sc->before_notif)
				sc->before_notif = r.time;
			if (arrived(r.status) && r.time > sc->before_ok)
				sc->before_ok = r.time;
		}
		if (lb->bytes >= LOOKBACK_MAX) {
			lb->budget = true;
			return true;
		}
	}
	return false;
}

/* --- options ------------------------------------------------------------ */

static int
add_source(struct config *cfg, const char *arg, char *err, size_t errlen)
{
	const char *why = "invalid";

	if (cfg->nsources == MAX_SOURCES) {
		snprintf(err, errlen, "too many --source (at most %d)",
		    MAX_SOURCES);
		return -1;
	}
	if (netaddr_parse_net(arg, &cfg->sources[cfg->nsources], &why) != 0) {
		option_error(err, errlen, "source", arg, "is not an address "
		    "or network: %s", why);
		return -1;
	}
	cfg->nsources++;
	return 0;
}

static int
optional_range(const char *name, const char *text, struct range *r,
    bool *has, char *err, size_t errlen)
{
	if (range_option(name, text, 0, r, err, errlen) != 0)
		return -1;
	*has = true;
	return 0;
}

static int
plugin_option(void *config, int opt, const char *arg, char *err, size_t errlen)
{
	struct config *cfg = config;
	int rc;

	switch (opt) {
	case 'f':
		if (cfg->nlogs == MAX_LOGS) {
			snprintf(err, errlen, "too many --logfile (at most %d)",
			    MAX_LOGS);
			return -1;
		}
		cfg->logs[cfg->nlogs++] = arg;
		return 0;
	case 's':
		return add_source(cfg, arg, err, errlen);
	case OPT_NOW:
		if (time_parse_user(arg, &cfg->now) != 0 || !isfinite(cfg->now)) {
			option_error(err, errlen, "now", arg, "is not a time: "
			    "expected @EPOCH or ISO 8601 like "
			    "2014-06-29T16:15:00Z");
			return -1;
		}
		cfg->has_now = true;
		return 0;
	case OPT_WINDOW:
		if (seconds_option("window", arg, &cfg->window, err,
		    errlen) != 0)
			return -1;
		cfg->window_given = true;
		cfg->window_text = arg;
		if (cfg->window < 1 || cfg->window > 400 * 86400.0) {
			option_error(err, errlen, "window", arg, "is out of "
			    "range: 1 to 34560000 seconds");
			return -1;
		}
		return 0;
	case OPT_STALE_AFTER:
		return seconds_option("stale-after", arg, &cfg->stale_after,
		    err, errlen);
	case OPT_STALE_WARNING:
		return optional_range("stale-warning", arg,
		    &cfg->stale_thr.warning, &cfg->stale_thr.has_warning, err,
		    errlen);
	case OPT_STALE_CRITICAL:
		return optional_range("stale-critical", arg,
		    &cfg->stale_thr.critical, &cfg->stale_thr.has_critical, err,
		    errlen);
	case OPT_ERROR_WARNING:
		return optional_range("error-warning", arg,
		    &cfg->error_thr.warning, &cfg->error_thr.has_warning, err,
		    errlen);
	case OPT_ERROR_CRITICAL:
		return optional_range("error-critical", arg,
		    &cfg->error_thr.critical, &cfg->error_thr.has_critical, err,
		    errlen);
	case OPT_FOREIGN_STATE:
		if (state_parse(arg, &cfg->foreign_state) != 0) {
			option_error(err, errlen, "foreign-state", arg, "is not "
			    "a state: expected OK, WARNING, CRITICAL or "
			    "UNKNOWN");
			return -1;
		}
		cfg->foreign_state_given = true;
		return 0;
	}
	if ((rc = cucsvc_option(&cfg->cuc, opt, arg, err, errlen)) != 1)
		return rc;
	return common_option(opt, arg, &cfg->common, err, errlen);
}

/*
 * Ages past the window are not measured (nothing there is a
 * notification), so -w or -c where no age in [0, window] alerts could
 * never be what raises the state: say so instead of never alerting.
 */
static int
window_holds(const struct config *cfg, char *err, size_t errlen)
{
	char win[32];
	const char *name = NULL, *text = NULL;

	if (cfg->age_thr.has_critical &&
	    !range_can_alert(&cfg->age_thr.critical, 0, cfg->window)) {
		name = "-c";
		text = cfg->common.critical != NULL ? cfg->common.critical :
		    DEFAULT_CRITICAL " (the default)";
	} else if (cfg->age_thr.has_warning &&
	    !range_can_alert(&cfg->age_thr.warning, 0, cfg->window)) {
		name = "-w";
		text = cfg->common.warning != NULL ? cfg->common.warning :
		    DEFAULT_WARNING " (the default)";
	}
	if (name == NULL)
		return 0;
	numfmt(win, sizeof(win), cfg->window, 3);
	option_error(err, errlen, "window", cfg->window_given ?
	    cfg->window_text : win, "is not longer than %s %s: an older "
	    "notification is outside the window, so no age could ever pass "
	    "%s", name, text, name);
	return -1;
}

static int
parse_options(int argc, char **argv, void *config, char *err, size_t errlen)
{
	struct config *cfg = config;
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		CUCSVC_LONGOPTS,
		{ "logfile", required_argument, NULL, 'f' },
		{ "source", required_argument, NULL, 's' },
		{ "now", required_argument, NULL, OPT_NOW },
		{ "window", required_argument, NULL, OPT_WINDOW },
		{ "stale-after", required_argument, NULL, OPT_STALE_AFTER },
		{ "stale-warning", required_argument, NULL, OPT_STALE_WARNING },
		{ "stale-critical", required_argument, NULL,
		    OPT_STALE_CRITICAL },
		{ "error-warning", required_argument, NULL, OPT_ERROR_WARNING },
		{ "error-critical", required_argument, NULL,
		    OPT_ERROR_CRITICAL },
		{ "foreign-state", required_argument, NULL, OPT_FOREIGN_STATE },
		{ NULL, 0, NULL, 0 }
	};
	static const struct option_table table = {
		COMMON_SHORTOPTS "f:s:", longopts, plugin_option, NULL
	};
	int rc;

	memset(cfg, 0, sizeof(*cfg));
	common_opts_init(&cfg->common);
	cfg->window = DEFAULT_WINDOW;
	cfg->stale_after = DEFAULT_STALE_AFTER;
	cfg->foreign_state = STATE_WARNING;
	cucsvc_opts_init(&cfg->cuc);
	if ((rc = options_getopt(argc, argv, &table, cfg, &cfg->common, err,
	    errlen)) != 0)
		return rc < 0 ? -1 : 0;
	cfg->common.secret = cfg->cuc.password;
	cfg->common.secret_option = "--cuc-password";
	cfg->common.netrc_file = cfg->cuc.netrc_file;
	cfg->common.insecure = cfg->cuc.insecure;
	if (common_thresholds(&cfg->common, DEFAULT_WARNING, DEFAULT_CRITICAL,
	    0, &cfg->age_thr, err, errlen) != 0)
		return -1;
	if (window_holds(cfg, err, errlen) != 0)
		return -1;
	if (cfg->foreign_state_given && cfg->nsources == 0) {
		snprintf(err, errlen, "--foreign-state cannot apply without "
		    "-s/--source: no address is foreign then");
		return -1;
	}
	return cucsvc_check_source(&cfg->cuc, cfg->nlogs, "-f", err, errlen);
}

/* --- gather -------------------------------------------------------------- */

/* Was path given as such (not found by a glob)? */
static bool
given_literally(const struct config *cfg, const char *path)
{
	size_t i;

	for (i = 0; i < cfg->nlogs; i++)
		if (strcmp(cfg->logs[i], path) == 0)
			return true;
	return false;
}

struct run {
	struct loglist	 ll;
	struct logread	*lr;		/* one per path of ll */
	size_t		 nread;		/* files opened, newest first */
	size_t		 last;		/* the file the window starts in */
	bool		 covered;	/* the window starts inside lr[last] */
	int64_t		 now;
	struct scan	 sc;
	struct lookback	 lb;
	unsigned long	 vanished;
	const struct cucsvc_result *cuc;	/* --cuc: how CUC was asked */
};

/* Open ll.paths[i] into run->lr[i]; -1 with the report failed, 1 vanished. */
static int
open_log(const struct config *cfg, struct run *run, size_t i,
    struct report *rep)
{
	struct logread *lr = &run->lr[i];
	char err[512];

	lr->path = run->ll.paths[i];
	deadline_stepf("reading %s", strcmp(lr->path, "-") == 0 ?
	    "standard input" : lr->path);
	if (logfile_open(&lr->lf, lr->path, err, sizeof(err)) != 0) {
		/* rotated away between the glob and now: not an error */
		if (errno == ENOENT && !given_literally(cfg, lr->path)) {
			run->vanished++;
			return 1;
		}
		report_fail(rep, STATE_UNKNOWN, "%s", err);
		return -1;
	}
	lr->open = lr->held = true;
	if (lr->lf.truncated) {
		report_fail(rep, STATE_UNKNOWN, "%s: more than %lu MiB, give "
		    "the file itself with -f", strcmp(lr->path, "-") == 0 ?
		    "standard input" : lr->path, LOGFILE_STREAM_CAP >> 20);
		return -1;
	}
	return 0;
}

static int
check_parsed(const struct logread *lr, struct report *rep)
{
	if (lr->lines > 0 && lr->parsed == 0) {
		report_fail(rep, STATE_UNKNOWN, "%s: no line parses (not a "
		    "Jetty request log?)", strcmp(lr->path, "-") == 0 ?
		    "standard input" : lr->path);
		return -1;
	}
	return 0;
}

/*
 * Done with a file: a window of 1,500 files must not hold 1,500
 * descriptors (and mappings) at once.
 */
static void
release_log(struct logread *lr)
{
	if (lr->held)
		logfile_close(&lr->lf);
	lr->held = false;
}

/*
 * Read the window from the newest file back.  Only the file the window
 * starts in stays open, for the look-back.  Returns 0, or -1 (failed).
 */
static int
gather_window(const struct config *cfg, struct run *run, struct report *rep)
{
	unsigned long lines, parsed;
	struct logread *lr;
	size_t i;
	int rc;

	for (i = 0; i < run->ll.count; i++) {
		lr = &run->lr[i];
		run->nread = i + 1;
		if ((rc = open_log(cfg, run, i, rep)) < 0)
			return -1;
		if (rc > 0)
			continue;
		if (i > 0)
			release_log(&run->lr[run->last]);
		lr->start = logwindow_start(lr->lf.data, lr->lf.len, run->sc.ws,
		    SLACK, jetty_line_time);
		lines = run->sc.lines;
		parsed = run->sc.parsed;
		scan_file(&run->sc, &lr->lf, lr->start);
		lr->lines = run->sc.lines - lines;
		lr->parsed = run->sc.parsed - parsed;
		if (check_parsed(lr, rep) != 0)
			return -1;
		run->last = i;
		if (lr->start > 0) {
			run->covered = true;
			break;
		}
	}
	scan_drop_probe(&run->sc);
	return 0;
}

/* Look before the window when it has no 2xx-answered notification. */
static int
gather_lookback(const struct config *cfg, struct run *run, struct report *rep)
{
	struct logread *lr;
	size_t i;
	int rc;

	if (run->sc.newest_ok != NO_TIME || run->nread == 0)
		return 0;
	deadline_step("looking for the newest notification");
	for (i = run->last; i < run->ll.count; i++) {
		lr = &run->lr[i];
		if (i >= run->nread) {
			run->nread = i + 1;
			if ((rc = open_log(cfg, run, i, rep)) < 0)
				return -1;
			if (rc > 0)
				continue;
			lr->start = lr->lf.len;
		}
		if (!lr->held)
			continue;
		if (lookback_buffer(&run->sc, lr, lr->start, &run->lb))
			return check_parsed(lr, rep);
		if (check_parsed(lr, rep) != 0)
			return -1;
		release_log(lr);
	}
	run->lb.exhausted = true;
	return 0;
}

/* --- evaluate and report ------------------------------------------------- */

static void
fmt_time(int64_t t, char *buf, size_t size)
{
	time_format_utc((double)t, buf, size);
}

static double
age_of(const struct run *run, int64_t t)
{
	return t >= run->now ? 0.0 : (double)(run->now - t);
}

/*
 * Is a staler than b?  Equally stale ones by id: the table's order
 * depends on its hash and on which thread read which lines first, and
 * the list must not.
 */
static bool
staler(const struct idtable *t, const struct idrec *a, const struct idrec *b)
{
	size_t n = a->id_len < b->id_len ? a->id_len : b->id_len;
	int c;

	if (a->last_ok != b->last_ok)
		return a->last_ok < b->last_ok;
	if ((c = memcmp(idtable_id(t, a), idtable_id(t, b), n)) != 0)
		return c < 0;
	return a->id_len < b->id_len;
}

/* The stalest subscriptions: LIST_MAX of them, stalest first. */
static size_t
stalest(const struct scan *sc, const struct idrec **top)
{
	size_t n = 0, pos = 0, j;
	const struct idrec *s;

	while ((s = idtable_next(&sc->subs, &pos)) != NULL) {
		if (s == sc->probe)
			continue;
		if (n == LIST_MAX && !staler(&sc->subs, s, top[n - 1]))
			continue;
		j = n < LIST_MAX ? n++ : n - 1;
		for (; j > 0 && staler(&sc->subs, s, top[j - 1]); j--)
			top[j] = top[j - 1];
		top[j] = s;
	}
	return n;
}

static unsigned long
count_stale(const struct run *run, double stale_after)
{
	const struct idrec *s;
	unsigned long n = 0;
	size_t pos = 0;

	while ((s = idtable_next(&run->sc.subs, &pos)) != NULL)
		if (s != run->sc.probe && (s->last_ok == 0 ||
		    age_of(run, s->last_ok) > stale_after))
			n++;
	return n;
}

/* Distinct ids heard from, the probe's not among them. */
static size_t
subscriptions(const struct scan *sc)
{
	return sc->subs.used - (sc->probe != NULL);
}

/* An id as text: a NUL shown as '?', not cut (output.h cleans the rest). */
static void
id_text(const struct idtable *t, const struct idrec *r, char *buf,
    size_t size)
{
	const char *id = idtable_id(t, r);
	size_t i;

	for (i = 0; i < r->id_len && i + 1 < size; i++)
		buf[i] = id[i] == '\0' ? '?' : id[i];
	buf[i] = '\0';
}

/*
 * -v: one line more (monitoring-plugins' level 1, "additional
 * information"): the stalest subscriptions, the foreign senders, the
 * statuses that were errors.  -vv has them all, line by line.
 */
static void
detail_line(const struct run *run, struct report *rep)
{
	const struct scan *sc = &run->sc;
	const struct idrec *top[LIST_MAX];
	char line[900], id[IDTABLE_ID_MAX + 1];
	size_t i, n, len = 0;

	n = stalest(sc, top);
	for (i = 0; i < n && i < 3; i++) {
		id_text(&sc->subs, top[i], id, sizeof(id));
		if (top[i]->last_ok == 0)
			text_appendf(line, sizeof(line), &len, "%s%s never 2xx",
			    i > 0 ? ", " : "stalest: ", id);
		else
			text_appendf(line, sizeof(line), &len, "%s%s %.0f s",
			    i > 0 ? ", " : "stalest: ", id,
			    age_of(run, top[i]->last_ok));
	}
	for (i = 0; i < sc->nfsrc && i < 3; i++)
		text_appendf(line, sizeof(line), &len, "%s%s %lu",
		    i > 0 ? ", " : len > 0 ? "; foreign: " : "foreign: ",
		    sc->fsrc[i].addr, sc->fsrc[i].count);
	for (i = 1, n = 0; i < sizeof(sc->status) / sizeof(sc->status[0]);
	    i++)
		if (sc->status[i] > 0 && (i < 200 || i > 299))
			text_appendf(line, sizeof(line), &len, "%s%zu: %lu",
			    n++ > 0 ? ", " : len > 0 ? "; errors by status: " :
			    "errors by status: ", i, sc->status[i]);
	if (len == 0)
		text_appendf(line, sizeof(line), &len, "no subscription heard "
		    "from in the window");
	report_detail(rep, "%s", line);
}

static void
details(const struct config *cfg, const struct run *run, struct report *rep)
{
	const struct scan *sc = &run->sc;
	const struct idrec *top[LIST_MAX];
	char t1[64], t2[64], line[512], id[IDTABLE_ID_MAX + 1], st[16];
	size_t i, n, len;

	if (sc->newest_line != NO_TIME && sc->newest_line - run->now >
	    SKEW_NOTE) {
		fmt_time(sc->newest_line, t1, sizeof(t1));
		report_detail(rep, "clock skew: the newest line (%s) is %lld s "
		    "ahead of now", t1, (long long)(sc->newest_line - run->now));
	}
	if (sc->subs.dropped > 0)
		report_detail(rep, "more than %d distinct ids (or out of "
		    "memory): %lu notifications of further ids not tracked",
		    SUBS_MAX, sc->subs.dropped);
	if (run->vanished > 0)
		report_detail(rep, "%lu log file(s) vanished while reading "
		    "(rotated)", run->vanished);
	if (cfg->common.verbose < 2) {
		if (cfg->common.verbose == 1)
			detail_line(run, rep);
		return;
	}
	fmt_time(sc->ws, t1, sizeof(t1));
	fmt_time(run->now, t2, sizeof(t2));
	report_detail(rep, "window %s to %s: %lu lines read, %lu unparsed",
	    t1, t2, sc->lines, sc->lines - sc->parsed);
	if (run->cuc != NULL)
		cucsvc_details(rep, run->cuc);
	for (i = 0; i < run->nread; i++)
		if (run->lr[i].open)
			report_detail(rep, "log %s: %lu lines read", strcmp(
			    run->lr[i].path, "-") == 0 ? "standard input" :
			    run->lr[i].path, run->lr[i].lines);
	if (sc->probe_lines > 0)
		report_detail(rep, "skipped %lu lines of check_cuc_port --soap "
		    "probes (id %s)", sc->probe_lines, PROBE_ID);
	n = stalest(sc, top);
	if (n > 0)
		report_detail(rep, "stalest subscriptions (newest 2xx or "
		    "Async, last seen, status, notifications in window):");
	for (i = 0; i < n; i++) {
		if (top[i]->last_ok == 0)
			snprintf(t1, sizeof(t1), "none");
		else {
			fmt_time(top[i]->last_ok, t1, sizeof(t1));
			len = strlen(t1);
			snprintf(t1 + len, sizeof(t1) - len, " (%.0f s ago)",
			    age_of(run, top[i]->last_ok));
		}
		fmt_time(top[i]->last_seen, t2, sizeof(t2));
		id_text(&sc->subs, top[i], id, sizeof(id));
		snprintf(st, sizeof(st), "%u", top[i]->last_status);
		report_detail(rep, "  %s: %s, %s, %s, %lu", id, t1, t2,
		    top[i]->last_status == JETTY_STATUS_ASYNC ? "Async" : st,
		    (unsigned long)top[i]->count);
	}
	for (i = 0; i < sc->nfsrc; i++)
		report_detail(rep, "foreign source %s: %lu notifications",
		    sc->fsrc[i].addr, sc->fsrc[i].count);
	if (sc->foreign_other > 0)
		report_detail(rep, "foreign sources beyond these %d: %lu "
		    "notifications", FOREIGN_MAX, sc->foreign_other);
	if (sc->proxied > 0)
		report_detail(rep, "%lu notifications through a proxy "
		    "(X-Forwarded-For lists)", sc->proxied);
	for (i = 0; i < sc->nvia; i++)
		report_detail(rep, "proxy chain %s: %lu notifications (-s "
		    "judges its first address)", sc->via[i].addr,
		    sc->via[i].count);
	if (sc->via_other > 0)
		report_detail(rep, "proxy chains beyond these %d: %lu "
		    "notifications", FOREIGN_MAX, sc->via_other);
	len = 0;
	line[0] = '\0';
	for (i = 1; i < sizeof(sc->status) / sizeof(sc->status[0]); i++) {
		if (sc->status[i] == 0 || len >= sizeof(line))
			continue;
		len += (size_t)snprintf(line + len, sizeof(line) - len,
		    "%s%zu: %lu", len > 0 ? ", " : "", i, sc->status[i]);
	}
	if (sc->status[JETTY_STATUS_ASYNC] > 0 && len < sizeof(line))
		len += (size_t)snprintf(line + len, sizeof(line) - len,
		    "%sAsync: %lu", len > 0 ? ", " : "",
		    sc->status[JETTY_STATUS_ASYNC]);
	if (len > 0)
		report_detail(rep, "notifications by status: %s", line);
	if (sc->status[JETTY_STATUS_ASYNC] > 0)
		report_detail(rep, "%lu notifications logged Async (answer not "
		    "finished when Jetty wrote the line): arrived, status "
		    "unknown, neither 2xx nor error",
		    sc->status[JETTY_STATUS_ASYNC]);
}

/* "12 from foreign 10.9.8.7" (+ how many other addresses). */
static void
foreign_text(const struct scan *sc, char *buf, size_t size)
{
	size_t i, best = 0;
	unsigned long others;

	for (i = 1; i < sc->nfsrc; i++)
		if (sc->fsrc[i].count > sc->fsrc[best].count)
			best = i;
	others = sc->nfsrc - 1 + (sc->foreign_other > 0);
	if (others == 0)
		snprintf(buf, size, ", %lu from foreign %s", sc->foreign,
		    sc->fsrc[best].addr);
	else
		snprintf(buf, size, ", %lu from foreign %s and %lu other "
		    "address%s", sc->foreign, sc->fsrc[best].addr, others,
		    others == 1 ? "" : "es");
}

/* "-c 900": the age threshold st says was passed, or "". */
static const char *
age_why(const struct config *cfg, enum state st, char *buf, size_t size)
{
	buf[0] = '\0';
	if (st == STATE_CRITICAL)
		snprintf(buf, size, "-c %s", cfg->common.critical != NULL ?
		    cfg->common.critical : DEFAULT_CRITICAL);
	else if (st == STATE_WARNING)
		snprintf(buf, size, "-w %s", cfg->common.warning != NULL ?
		    cfg->common.warning : DEFAULT_WARNING);
	return buf;
}

static void
evaluate(const struct config *cfg, struct run *run, struct report *rep)
{
	const struct scan *sc = &run->sc;
	int64_t ok_t, notif_t;
	unsigned long stale;
	double age;
	char t1[64], head[256], fgn[160], why[80];
	enum state st;

	ok_t = sc->newest_ok != NO_TIME ? sc->newest_ok : sc->before_ok;
	notif_t = max64(sc->newest_notif, sc->before_notif);
	/* no 2xx found anywhere we looked: a lower bound */
	if (ok_t != NO_TIME)
		age = age_of(run, ok_t);
	else if (sc->oldest_line != INT64_MAX)
		age = age_of(run, sc->oldest_line) > cfg->window ?
		    age_of(run, sc->oldest_line) : cfg->window;
	else
		age = cfg->window;
	stale = count_stale(run, cfg->stale_after);

	st = threshold_check(&cfg->age_thr, age);
	if (sc->notifications == 0) {
		st = STATE_CRITICAL;
		if (notif_t != NO_TIME) {
			fmt_time(notif_t, t1, sizeof(t1));
			snprintf(head, sizeof(head), "no notifications since %s "
			    "(%.0f s ago)", t1, age_of(run, notif_t));
		} else if (sc->oldest_line == INT64_MAX)
			snprintf(head, sizeof(head), "no notifications: the "
			    "log has no request lines");
		else {
			fmt_time(sc->oldest_line, t1, sizeof(t1));
			snprintf(head, sizeof(head), "no notifications in %s "
			    "(back to %s)", run->lb.budget ? "the last 64 MiB "
			    "of the log" : "the log", t1);
		}
	} else if (sc->newest_ok != NO_TIME)
		snprintf(head, sizeof(head), "newest notification %.0f s "
		    "ago%s%s%s", age, st != STATE_OK ? " (" : "",
		    age_why(cfg, st, why, sizeof(why)), st != STATE_OK ?
		    ")" : "");
	else if (ok_t != NO_TIME) {
		fmt_time(ok_t, t1, sizeof(t1));
		snprintf(head, sizeof(head), "no notification answered 2xx "
		    "since %s (%.0f s ago%s%s)", t1, age, st != STATE_OK ?
		    ", " : "", age_why(cfg, st, why, sizeof(why)));
	} else {
		fmt_time(sc->oldest_line, t1, sizeof(t1));
		snprintf(head, sizeof(head), "no notification answered 2xx in "
		    "%s (back to %s)", run->lb.budget ? "the last 64 MiB of "
		    "the log" : "the log", t1);
	}
	st = state_worst(st, threshold_check(&cfg->stale_thr, (double)stale));
	st = state_worst(st, threshold_check(&cfg->error_thr,
	    (double)sc->errors));
	fgn[0] = '\0';
	if (cfg->nsources > 0 && sc->foreign > 0) {
		st = state_worst(st, cfg->foreign_state);
		foreign_text(sc, fgn, sizeof(fgn));
	}
	report_set_state(rep, st);
	report_summary(rep, "%s, %zu subscription%s, %lu stale, %lu "
	    "notification%s, %lu error%s%s", head, subscriptions(sc),
	    plural(subscriptions(sc)), stale, sc->notifications,
	    plural(sc->notifications), sc->errors, plural(sc->errors), fgn);
	/* A lower bound is no measurement: left out, not made up. */
	if (ok_t != NO_TIME)
		report_metric(rep, "age", age, "s", 0, &cfg->age_thr);
	report_metric(rep, "subscriptions", (double)subscriptions(sc), NULL,
	    0, NULL);
	report_count(rep, "stale", stale, subscriptions(sc), &cfg->stale_thr);
	report_metric(rep, "notifications", (double)sc->notifications, NULL, 0,
	    NULL);
	report_count(rep, "errors", sc->errors, sc->notifications,
	    &cfg->error_thr);
	report_count(rep, "foreign", sc->foreign, sc->notifications, NULL);
	report_metric(rep, "unparsed", (double)(sc->lines - sc->parsed), NULL,
	    0, NULL);
	details(cfg, run, rep);
}

static void
keepalive_check(void *config, struct report *rep)
{
	const struct config *cfg = config;
	struct run run;
	struct cucsvc_result cr = { .paths = NULL };
	const char *const *logs = cfg->logs;
	size_t nlogs = cfg->nlogs;
	char err[512];
	double now;
	int64_t window;
	size_t i;

	memset(&run, 0, sizeof(run));
	now = cfg->has_now ? cfg->now : wallclock_now();
	/* whole seconds, as the stamps (truncation: epochs are positive) */
	run.now = (int64_t)now;
	window = (int64_t)cfg->window;
	if ((double)window < cfg->window)
		window++;
	scan_init(&run.sc, cfg, run.now - window);
	if (cfg->cuc.enabled) {
		/* Fetched into the cache, then read as files on disk. */
		struct cucsvc_query q = { .service = CUC_SERVICE,
		    .name_pattern = CUC_PATTERN,
		    .from = (double)(run.now - window), .now = now,
		    .older = 1, .lookback = CUC_LOOKBACK, .zone = NULL };

		if (cucsvc_fetch(&cfg->cuc, &q, &cr, err, sizeof(err)) != 0) {
			report_fail(rep, STATE_UNKNOWN, "%s", err);
			if (cfg->common.verbose >= 2)
				cucsvc_details(rep, &cr);
			cucsvc_result_free(&cr);
			idtable_free(&run.sc.subs);
			return;
		}
		logs = (const char *const *)cr.paths;
		nlogs = cr.count;
		run.cuc = &cr;
		if (nlogs == 0) {
			/* Jetty logs every request: a silent day is no notification. */
			report_fail(rep, STATE_CRITICAL, "no notification: CUC "
			    "lists no " CUC_SERVICE " request log written in "
			    "the last %.0f s", (double)window + CUC_LOOKBACK);
			if (cfg->common.verbose >= 2)
				cucsvc_details(rep, &cr);
			cucsvc_perf(rep, cr.fetch_time, cr.fetched);
			cucsvc_result_free(&cr);
			idtable_free(&run.sc.subs);
			return;
		}
	}
	/* Each log named must be there: none is skipped in silence. */
	if (loglist_expand(&run.ll, logs, nlogs, LOGORDER_DATE_NAME,
	    !cfg->cuc.enabled, err, sizeof(err)) != 0) {
		report_fail(rep, STATE_UNKNOWN, "%s", err);
		cucsvc_result_free(&cr);
		idtable_free(&run.sc.subs);
		return;
	}
	if ((run.lr = calloc(run.ll.count, sizeof(*run.lr))) == NULL) {
		report_fail(rep, STATE_UNKNOWN, "out of memory");
		loglist_free(&run.ll);
		cucsvc_result_free(&cr);
		idtable_free(&run.sc.subs);
		return;
	}
	if (gather_window(cfg, &run, rep) == 0 &&
	    gather_lookback(cfg, &run, rep) == 0) {
		/* Counts from a table that could not grow would lie. */
		if (run.sc.subs.nomem)
			report_fail(rep, STATE_UNKNOWN, "out of memory after "
			    "%zu subscriptions: counts incomplete",
			    run.sc.subs.used);
		else
			evaluate(cfg, &run, rep);
	}
	if (cfg->cuc.enabled)
		cucsvc_perf(rep, cr.fetch_time, cr.fetched);
	for (i = 0; i < run.nread; i++)
		release_log(&run.lr[i]);
	idtable_free(&run.sc.subs);
	free(run.lr);
	loglist_free(&run.ll);
	cucsvc_result_free(&cr);
}

int
main(int argc, char **argv)
{
	static const struct plugin plugin = {
		PROGNAME, CHECK, parse_options, help, keepalive_check, NULL,
		"{-f LOG ... or --cuc HOST} [--window SECS] [-w SECS] "
		"[-c SECS] [-s ADDR ...]"
	};
	struct config cfg;

	return plugin_main(&plugin, &cfg, &cfg.common, argc, argv);
}
