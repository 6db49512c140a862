/*
 * check_cuc_mbxsync - rate and kind of Single Inbox sync failures in
 * CuMbxSync's diagnostic logs, with the admin's next step.
 *
 * When Single Inbox does not sync, or lags both ways, Cisco's procedure is
 * to read the newest diag_CuMbxSync_*.uc files for HTTP failures and match
 * them against a table of causes (shared/domain.md, section 4).  This
 * check does that continuously: it reads the newest file first from its
 * end and stops at the start of the window, so it costs the lines in the
 * window and not the history kept on disk.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cucsvc.h"
#include "deadline.h"
#include "diag.h"
#include "logfile.h"
#include "mbxclass.h"
#include "numfmt.h"
#include "options.h"
#include "output.h"
#include "plugin.h"
#include "range.h"
#include "state.h"
#include "timeparse.h"

#define PROGNAME	"check_cuc_mbxsync"
#define CHECK		"MBXSYNC"
#define LOGDIR_PATTERN	"diag_CuMbxSync_*.uc"
#define DEFAULT_WINDOW	900.0
#define DEFAULT_WARNING	"1"	/* errors per minute */
#define DEFAULT_CRITICAL "10"
#define MAX_PATTERNS	64	/* -f, --logdir and - together */
#define MAX_HOSTS	8	/* hosts remembered per class */
#define HOST_MAX	128
#define EXAMPLE_MAX	200	/* characters of an example line */
#define TZ_MAX		(14 * 3600)
#define CUC_SERVICE	"Connection Mailbox Sync"
#define CUC_LOOKBACK	86400.0	/* list a day back: an idle log rotates rarely */

enum {
	OPT_LOGDIR = OPT_PLUGIN_BASE,
	OPT_WINDOW,
	OPT_NOW,
	OPT_TZ_OFFSET,
	OPT_ERROR_PATTERN,
	OPT_IGNORE_PATTERN
};

struct config {
	struct common_opts	 common;
	struct threshold	 thr;
	const char		*patterns[MAX_PATTERNS];
	size_t			 npatterns;
	char			*owned[MAX_PATTERNS];	/* --logdir patterns built here */
	size_t			 nowned;
	double			 window;
	double			 now;
	bool			 has_now;
	int			 tz_offset;	/* seconds east of UTC */
	struct mbxpatterns	 pats;
	struct cucsvc_opts	 cuc;		/* --cuc: the files from CUC */
};

struct host_count {
	char		 name[HOST_MAX];
	unsigned long	 count;
};

struct class_stats {
	unsigned long		 count;
	struct host_count	 hosts[MAX_HOSTS];
	size_t			 nhosts;
	bool			 more_hosts;	/* hosts beyond MAX_HOSTS */
	char			 example[EXAMPLE_MAX * 4 + 8];	/* newest line */
};

/* What the walk through the files found. */
struct tally {
	unsigned long		 lines;		/* parsed, in the window */
	unsigned long		 errors;
	unsigned long		 parsed;	/* parsed, anywhere read */
	unsigned long		 unparsed;	/* not diag lines, where read */
	unsigned long		 files_read;
	unsigned long		 files_vanished;
	char			 first_unparsed_file[512];
	bool			 remote;	/* read through --cuc */
	double			 fetch_time;
	unsigned long long	 fetched;
	struct class_stats	 cls[MBXC_COUNT];
};

static void
usage(FILE *fp)
{
	fputs(
"Usage: " PROGNAME " {-f FILE|GLOB|- ... | --logdir=DIR |\n"
"                          --cuc=HOST[:PORT] --extra-opts=SECTION}\n"
"                         [--window=SECS] [--now=TIME] [--tz-offset=+HH:MM]\n"
"                         [-w RATE] [-c RATE]\n"
"                         [--error-pattern=RE ...] [--ignore-pattern=RE ...]\n",
	    fp);
}

static void
help(FILE *fp)
{
	print_version(fp, PROGNAME);
	fputs("\n"
"Rate and kind of Single Inbox sync failures in Cisco Unity Connection's\n"
"CuMbxSync diagnostic logs (diag_CuMbxSync_*.uc), with what to check next.\n\n",
	    fp);
	usage(fp);
	fputs("\nOptions:\n"
" -f, --logfile=FILE\n"
"    A log file, a glob pattern (quote it), or - for standard input.\n"
"    Repeatable.  Files are read newest first, by the number in the name.\n"
" --logdir=DIR\n"
"    The files " LOGDIR_PATTERN " in DIR.\n", fp);
	cucsvc_help(fp);
	fputs(
"    With --cuc the files of the service \"" CUC_SERVICE "\" are\n"
"    fetched, the newest back to the window's start.\n"
" --window=SECONDS\n"
"    Count the lines of the last SECONDS (default 900): (now-window, now].\n"
" --now=TIME\n"
"    Take TIME as now: @EPOCH or 2026-11-25T10:00:00Z (default: the clock).\n"
" --tz-offset=+HH:MM\n"
"    The CUC box's clock in the log, east of UTC (default +00:00: UTC).\n"
"    Diag lines carry a time of day only; if your CUC logs local time,\n"
"    give its offset (fixed: change it at daylight saving time).\n"
" --error-pattern=REGEX\n"
"    Count lines matching this PCRE2 regex (on the whole line) as errors\n"
"    of class other when no built-in signature matched.  Repeatable.\n"
" --ignore-pattern=REGEX\n"
"    Lines matching this PCRE2 regex are never errors.  Repeatable.\n"
" -w, --warning=RATE (default " DEFAULT_WARNING ")\n"
" -c, --critical=RATE (default " DEFAULT_CRITICAL ")\n"
"    Thresholds on the error rate, errors per minute over the window.\n"
"    A healthy box logs no sync errors.  One mailbox that keeps failing is\n"
"    retried by the 2-minute checker: about 0.5/min, below -w 1.  Several\n"
"    failing mailboxes or a flapping path pass 1/min.  A broken service\n"
"    account, certificate, firewall or DNS fails every mailbox: far more\n"
"    than 10/min on any box with more than a few dozen users.\n", fp);
	common_help(fp);
	fputs("\nClasses (perfdata labels; the first that matches wins):\n"
" throttled (ErrorServerBusy), impersonation (ErrorImpersonateUserDenied),\n"
" no_mailbox (ErrorNonExistentMailbox), connect (couldn't connect, logged\n"
" as 503), timeout (Timeout was reached), tls (SSL connect error,\n"
" certificate problems), dns (failed lookups, no autodiscover SRV record:\n"
" a lookup alone is a trace), ldap (refused binds, AUTH_NOT_INITIALIZED,\n"
" a domain controller unreachable: ahead of connect), http_401, http_403,\n"
" http_404, http_440, http_500, http_503, http_other (other 4xx/5xx), other\n"
" (failed, exception, 0x8... codes, EWS Error... codes, --error-pattern).\n"
" A line with a 2xx/3xx status and nothing more specific is not an error.\n"
"\nStates:\n"
" OK        rate within -w, also when no line lies in the window (the log\n"
"           holds errors only by default, so silence is normal) or the\n"
"           files are empty.\n"
" WARNING   rate beyond -w.  CRITICAL  rate beyond -c.\n"
" UNKNOWN   bad options or regex, no log file, a file that cannot be read\n"
"           (one that vanished in rotation is skipped), over 256 MiB from\n"
"           standard input or a pipe, files holding only lines that are\n"
"           not diag lines, or the -t timeout (its STATE).\n"
"\nDates: a line's date comes from its file's modification time (it bounds\n"
"the last line); walking back, a time of day later than the next line's\n"
"means midnight passed.  Copied files must keep their mtimes (scp -p).\n",
	    fp);
}

static int
add_pattern(struct config *cfg, const char *pattern, char *err,
    size_t errlen)
{
	if (cfg->npatterns == MAX_PATTERNS) {
		snprintf(err, errlen, "more than %d log files or patterns",
		    MAX_PATTERNS);
		return -1;
	}
	cfg->patterns[cfg->npatterns++] = pattern;
	return 0;
}

static int
add_logdir(struct config *cfg, const char *dir, char *err, size_t errlen)
{
	size_t len = strlen(dir);
	char *p;

	if (len == 0) {
		snprintf(err, errlen, "invalid --logdir: empty");
		return -1;
	}
	if ((p = malloc(len + sizeof(LOGDIR_PATTERN) + 1)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	snprintf(p, len + sizeof(LOGDIR_PATTERN) + 1, "%s%s" LOGDIR_PATTERN,
	    dir, dir[len - 1] == '/' ? "" : "/");
	cfg->owned[cfg->nowned++] = p;
	return add_pattern(cfg, p, err, errlen);
}

static int
parse_tz(const char *arg, int *out, char *err, size_t errlen)
{
	size_t used;
	int off;

	if (time_parse_zone(arg, strlen(arg), &off, &used) != 0 ||
	    used != strlen(arg) || off < -TZ_MAX || off > TZ_MAX) {
		snprintf(err, errlen, "invalid --tz-offset '%s': expected "
		    "+HH:MM or -HH:MM (at most 14 h)", arg);
		return -1;
	}
	*out = off;
	return 0;
}

static int
plugin_option(void *config, int opt, const char *arg, char *err, size_t errlen)
{
	struct config *cfg = config;
	int rc;

	switch (opt) {
	case 'f':
		return add_pattern(cfg, arg, err, errlen);
	case OPT_LOGDIR:
		return add_logdir(cfg, arg, err, errlen);
	case OPT_WINDOW:
		if (seconds_option("window", arg, &cfg->window, err,
		    errlen) != 0)
			return -1;
		if (cfg->window <= 0) {
			snprintf(err, errlen, "invalid --window '%s': must be "
			    "above 0", arg);
			return -1;
		}
		return 0;
	case OPT_NOW:
		if (time_parse_user(arg, &cfg->now) != 0) {
			snprintf(err, errlen, "invalid --now '%s': expected "
			    "@EPOCH or YYYY-MM-DDTHH:MM:SS[Z|+HH:MM]", arg);
			return -1;
		}
		cfg->has_now = true;
		return 0;
	case OPT_TZ_OFFSET:
		return parse_tz(arg, &cfg->tz_offset, err, errlen);
	case OPT_ERROR_PATTERN:
		return mbxpatterns_add(&cfg->pats, false, arg, err, errlen);
	case OPT_IGNORE_PATTERN:
		return mbxpatterns_add(&cfg->pats, true, arg, err, errlen);
	}
	if ((rc = cucsvc_option(&cfg->cuc, opt, arg, err, errlen)) != 1)
		return rc;
	return common_option(opt, arg, &cfg->common, err, errlen);
}

static void
config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	common_opts_init(&cfg->common);
	cfg->window = DEFAULT_WINDOW;
	mbxpatterns_init(&cfg->pats);
	cucsvc_opts_init(&cfg->cuc);
}

static void
config_free(void *config)
{
	struct config *cfg = config;
	size_t i;

	for (i = 0; i < cfg->nowned; i++)
		free(cfg->owned[i]);
	cfg->nowned = 0;
	mbxpatterns_free(&cfg->pats);
}

/* A lone "-" is an operand to getopt: take it as -f -. */
static int
operand_dash(void *config, const char *arg, char *err, size_t errlen)
{
	if (strcmp(arg, "-") != 0) {
		snprintf(err, errlen, "unexpected argument '%s' (see --help)",
		    arg);
		return -1;
	}
	return add_pattern(config, "-", err, errlen);
}

static int
parse_options(int argc, char **argv, void *config, char *err, size_t errlen)
{
	struct config *cfg = config;
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		CUCSVC_LONGOPTS,
		{ "logfile", required_argument, NULL, 'f' },
		{ "logdir", required_argument, NULL, OPT_LOGDIR },
		{ "window", required_argument, NULL, OPT_WINDOW },
		{ "now", required_argument, NULL, OPT_NOW },
		{ "tz-offset", required_argument, NULL, OPT_TZ_OFFSET },
		{ "error-pattern", required_argument, NULL, OPT_ERROR_PATTERN },
		{ "ignore-pattern", required_argument, NULL,
		    OPT_IGNORE_PATTERN },
		{ NULL, 0, NULL, 0 }
	};
	static const struct option_table table = {
		COMMON_SHORTOPTS "f:", longopts, plugin_option, operand_dash
	};
	int rc;

	config_init(cfg);
	if ((rc = options_getopt(argc, argv, &table, cfg, &cfg->common, err,
	    errlen)) != 0)
		return rc < 0 ? -1 : 0;
	if (common_thresholds(&cfg->common, DEFAULT_WARNING, DEFAULT_CRITICAL,
	    0, &cfg->thr, err, errlen) != 0)
		return -1;
	return cucsvc_check_source(&cfg->cuc, cfg->npatterns, "-f/--logdir",
	    err, errlen);
}


/*
 * Copy n bytes of a log line into a C string: a NUL byte would end what
 * is printed there, so it becomes '?' like the other control characters
 * the output writer replaces.
 */
static void
copy_text(char *dst, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dst[i] = src[i] != '\0' ? src[i] : '?';
	dst[n] = '\0';
}

/* Count one error of class c from host (len bytes) in st. */
static void
count_host(struct class_stats *st, const char *host, size_t len)
{
	char name[HOST_MAX];
	size_t i;

	if (len == 0)
		return;
	if (len >= HOST_MAX)
		len = HOST_MAX - 1;
	copy_text(name, host, len);
	for (i = 0; i < st->nhosts; i++) {
		if (strcmp(st->hosts[i].name, name) == 0) {
			st->hosts[i].count++;
			return;
		}
	}
	if (st->nhosts == MAX_HOSTS) {
		st->more_hosts = true;
		return;
	}
	memcpy(st->hosts[st->nhosts].name, name, len + 1);
	st->hosts[st->nhosts].count = 1;
	st->nhosts++;
}

/*
 * Keep the line as an example: at most EXAMPLE_MAX characters (UTF-8
 * sequences counted as one, never cut inside), "..." when shortened.
 */
static void
keep_example(char *dst, size_t size, const char *line, size_t len)
{
	size_t i = 0, chars = 0;

	while (i < len && chars < EXAMPLE_MAX) {
		i++;
		while (i < len && ((unsigned char)line[i] & 0xc0) == 0x80)
			i++;
		chars++;
	}
	if (i < len) {
		/* room for the dots within the limit */
		size_t keep = 0, c = 0;

		while (keep < len && c < EXAMPLE_MAX - 3) {
			keep++;
			while (keep < len &&
			    ((unsigned char)line[keep] & 0xc0) == 0x80)
				keep++;
			c++;
		}
		if (keep > size - 4)
			keep = size - 4;
		copy_text(dst, line, keep);
		memcpy(dst + keep, "...", 4);
		return;
	}
	if (i > size - 1)
		i = size - 1;
	copy_text(dst, line, i);
}

/* True when a line holds nothing but blanks. */
static bool
blank_line(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/*
 * Walk one file back from its end.  Returns true when the walk reached
 * the window's start: older files need not be read.
 */
static bool
scan_file(struct config *cfg, struct diag_clock *clk,
    const struct logfile *lf, double now, double start, struct tally *t)
{
	struct line_cursor cur;
	struct diag_record rec;
	const char *line;
	size_t len;
	double when;
	enum mbxclass c;

	line_cursor_end(&cur, lf->data, lf->len);
	while (line_prev(&cur, &line, &len)) {
		if (blank_line(line, len))
			continue;
		if (diag_parse_line(line, len, &rec, NULL) != 0) {
			/* copied: the path dies with the file list */
			if (t->unparsed++ == 0)
				snprintf(t->first_unparsed_file,
				    sizeof(t->first_unparsed_file), "%s",
				    lf->path);
			continue;
		}
		t->parsed++;
		when = diag_clock_back(clk, rec.ms);
		if (when > now)
			continue;	/* after --now */
		if (when <= start) {
			if (diag_clock_before(clk, start))
				return true;
			continue;
		}
		t->lines++;
		c = mbxclass_classify(&cfg->pats, line,
		    len, rec.message, rec.message_len);
		if (c == MBXC_NONE)
			continue;
		t->errors++;
		if (t->cls[c].count++ == 0)
			keep_example(t->cls[c].example,
			    sizeof(t->cls[c].example), line, len);
		count_host(&t->cls[c], rec.host, rec.host_len);
	}
	return false;
}

/*
 * Read the files newest first until the window's start.  Returns 0, or
 * -1 with the report failed (no file, unreadable file).
 */
static int
gather_files(struct report *rep, struct config *cfg,
    const char *const *patterns, size_t npatterns, double now,
    struct tally *t)
{
	struct loglist ll;
	struct diag_clock clk;
	struct logfile lf;
	struct stat sb;
	char err[512], first_err[512];
	double start = now - cfg->window;
	size_t i;
	bool done = false;

	deadline_step("listing the log files");
	if (loglist_expand(&ll, patterns, npatterns, LOGORDER_NUMBER_NAME, err,
	    sizeof(err)) != 0) {
		report_fail(rep, STATE_UNKNOWN, "%s", err);
		return -1;
	}
	first_err[0] = '\0';
	diag_clock_init(&clk, cfg->tz_offset);
	deadline_step("reading the log files");
	for (i = 0; i < ll.count && !done; i++) {
		if (logfile_open(&lf, ll.paths[i], err, sizeof(err)) != 0) {
			/* Gone since the listing (rotation), or never there. */
			if (strcmp(ll.paths[i], "-") != 0 &&
			    stat(ll.paths[i], &sb) != 0 && errno == ENOENT) {
				t->files_vanished++;
				if (first_err[0] == '\0')
					snprintf(first_err, sizeof(first_err),
					    "%s", err);
				continue;
			}
			report_fail(rep, STATE_UNKNOWN, "%s", err);
			loglist_free(&ll);
			return -1;
		}
		/*
		 * Only a stream's start was kept, and the newest lines are
		 * at its end: counting what was kept could say OK wrongly.
		 */
		if (lf.truncated) {
			report_fail(rep, STATE_UNKNOWN, "%s: more than %lu MiB "
			    "from a stream: give the file instead",
			    strcmp(ll.paths[i], "-") == 0 ? "standard input" :
			    ll.paths[i], LOGFILE_STREAM_CAP >> 20);
			logfile_close(&lf);
			loglist_free(&ll);
			return -1;
		}
		t->files_read++;
		/* A stream has no mtime: its last line is before now. */
		diag_clock_file(&clk, lf.mtime != 0 ? (double)lf.mtime : now);
		if (diag_clock_before(&clk, start))
			done = true;	/* this file and all older ones */
		else
			done = scan_file(cfg, &clk, &lf, now, start, t);
		logfile_close(&lf);
	}
	loglist_free(&ll);
	if (t->files_read == 0) {
		report_fail(rep, STATE_UNKNOWN, "no log files: %s",
		    first_err[0] != '\0' ? first_err : "nothing matched");
		return -1;
	}
	if (t->parsed == 0 && t->unparsed > 0) {
		report_fail(rep, STATE_UNKNOWN, "%lu lines read, none is a "
		    "CuMbxSync diag line (first in %s)", t->unparsed,
		    t->first_unparsed_file);
		return -1;
	}
	return 0;
}

/*
 * The files: given, or fetched from CUC into the cache (their mtimes set
 * from CUC's listing, so lines are dated as from files on disk).  Nothing
 * listed in the window is a quiet log, as an empty file would be.
 */
static int
gather(struct report *rep, struct config *cfg, double now,
    struct tally *t)
{
	struct cucsvc_query q = { CUC_SERVICE, LOGDIR_PATTERN,
	    now - cfg->window, now, 0, CUC_LOOKBACK };
	struct cucsvc_result cr;
	char err[512];
	int rc;

	if (!cfg->cuc.enabled)
		return gather_files(rep, cfg, cfg->patterns, cfg->npatterns,
		    now, t);
	rc = cucsvc_fetch(&cfg->cuc, &q, &cr, err, sizeof(err));
	t->remote = true;
	t->fetch_time = cr.fetch_time;
	t->fetched = cr.fetched;
	if (rc != 0)
		report_fail(rep, STATE_UNKNOWN, "%s", err);
	else if (cr.count > 0)
		rc = gather_files(rep, cfg, (const char *const *)cr.paths,
		    cr.count, now, t);
	cucsvc_result_free(&cr);
	return rc;
}

static enum mbxclass
dominant_class(const struct tally *t)
{
	enum mbxclass best = MBXC_NONE;
	int c;

	for (c = 0; c < MBXC_COUNT; c++)
		if (t->cls[c].count > 0 && (best == MBXC_NONE ||
		    t->cls[c].count > t->cls[best].count))
			best = (enum mbxclass)c;
	return best;
}

static const struct host_count *
dominant_host(const struct class_stats *st)
{
	const struct host_count *best = NULL;
	size_t i;

	for (i = 0; i < st->nhosts; i++)
		if (best == NULL || st->hosts[i].count > best->count)
			best = &st->hosts[i];
	return best;
}

/* " from host" / " from host and N more hosts" / "" into buf. */
static void
hosts_phrase(char *buf, size_t size, const struct class_stats *st)
{
	const struct host_count *h = dominant_host(st);

	if (h == NULL)
		buf[0] = '\0';
	else if (st->nhosts == 1 && !st->more_hosts)
		snprintf(buf, size, " from %s", h->name);
	else
		snprintf(buf, size, " from %s and %s%zu more host%s", h->name,
		    st->more_hosts ? "over " : "", st->nhosts - 1,
		    st->nhosts - 1 == 1 && !st->more_hosts ? "" : "s");
}

static void
add_details(struct report *rep, const struct config *cfg,
    const struct tally *t, double now)
{
	char from[32], to[32], hosts[MAX_HOSTS * (HOST_MAX + 16)];
	bool done[MBXC_COUNT] = { false };
	size_t i, len;
	int n, c, best;

	time_format_utc(now - cfg->window, from, sizeof(from));
	time_format_utc(now, to, sizeof(to));
	report_detail(rep, "window %s .. %s: files read %lu, vanished %lu, "
	    "lines in the window %lu, lines not in the diag format %lu", from,
	    to, t->files_read, t->files_vanished, t->lines, t->unparsed);
	/* Classes by count, most first. */
	for (n = 0; n < MBXC_COUNT; n++) {
		best = -1;
		for (c = 0; c < MBXC_COUNT; c++)
			if (!done[c] && t->cls[c].count > 0 && (best < 0 ||
			    t->cls[c].count > t->cls[best].count))
				best = c;
		if (best < 0)
			break;
		done[best] = true;
		hosts[0] = '\0';
		len = 0;
		for (i = 0; i < t->cls[best].nhosts && len < sizeof(hosts);
		    i++)
			len += (size_t)snprintf(hosts + len, sizeof(hosts) -
			    len, "%s%s %lu", i ? ", " : " from ",
			    t->cls[best].hosts[i].name,
			    t->cls[best].hosts[i].count);
		report_detail(rep, "%s: %lux %s%s%s: %s",
		    mbxclass_label((enum mbxclass)best), t->cls[best].count,
		    mbxclass_title((enum mbxclass)best), hosts,
		    t->cls[best].more_hosts ? " and more" : "",
		    mbxclass_advice((enum mbxclass)best));
		report_detail(rep, "  newest: %s", t->cls[best].example);
	}
}

static void
evaluate(struct report *rep, const struct config *cfg,
    const struct tally *t, double now)
{
	char win[32], rate_s[32], hosts[HOST_MAX + 64];
	double rate = (double)t->errors / (cfg->window / 60.0);
	enum mbxclass top = dominant_class(t);
	int c;

	numfmt(win, sizeof(win), cfg->window, 3);
	numfmt(rate_s, sizeof(rate_s), rate, 2);
	report_raise(rep, threshold_check(&cfg->thr, rate));
	if (t->lines == 0)
		report_summary(rep, "no log lines in the last %s s", win);
	else if (top == MBXC_NONE)
		report_summary(rep, "no sync errors in %lu lines in the last "
		    "%s s", t->lines, win);
	else {
		hosts_phrase(hosts, sizeof(hosts), &t->cls[top]);
		report_summary(rep, "%lux %s%s: %s - %lu errors in the last "
		    "%s s, %s/min", t->cls[top].count, mbxclass_title(top),
		    hosts, mbxclass_advice(top), t->errors, win, rate_s);
	}
	report_metric(rep, "errors", (double)t->errors, NULL, 0, NULL);
	report_metric(rep, "rate", rate, NULL, 3, &cfg->thr);
	report_metric(rep, "lines", (double)t->lines, NULL, 0, NULL);
	report_metric(rep, "unparsed", (double)t->unparsed, NULL, 0, NULL);
	for (c = 0; c < MBXC_COUNT; c++)
		report_metric(rep, mbxclass_label((enum mbxclass)c),
		    (double)t->cls[c].count, NULL, 0, NULL);
	if (t->remote)
		cucsvc_perf(rep, t->fetch_time, t->fetched);
	if (cfg->common.verbose > 0)
		add_details(rep, cfg, t, now);
}

static void
run_check(void *config, struct report *rep)
{
	struct config *cfg = config;	/* the patterns keep match state */
	struct tally *t;
	double now;

	now = cfg->has_now ? cfg->now : wallclock_now();
	/* A tally holds an example line per class: keep it off the stack. */
	if ((t = calloc(1, sizeof(*t))) == NULL)
		report_fail(rep, STATE_UNKNOWN, "out of memory");
	else if (gather(rep, cfg, now, t) == 0)
		evaluate(rep, cfg, t, now);
	free(t);
}

int
main(int argc, char **argv)
{
	static const struct plugin plugin = {
		PROGNAME, CHECK, parse_options, help, run_check, config_free
	};
	struct config cfg;

	return plugin_main(&plugin, &cfg, &cfg.common, argc, argv);
}
