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
#include "tz.h"

#define PROGNAME	"check_cuc_mbxsync"
#define CHECK		"MBXSYNC"
#define LOGDIR_PATTERN	"diag_CuMbxSync_*.uc"
#define DEFAULT_WINDOW	900.0
#define DEFAULT_MAX_LOG_AGE 3600.0	/* see --help */
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
	OPT_TIMEZONE,
	OPT_MAX_LOG_AGE,
	OPT_ERROR_PATTERN,
	OPT_IGNORE_PATTERN
};

/* Where the box's offset comes from. */
enum zone_source {
	ZONE_MEASURED,		/* the newest last line against its mtime */
	ZONE_FIXED,		/* --tz-offset */
	ZONE_NAMED		/* --timezone */
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
	enum zone_source	 zone_source;
	struct tz_zone		 zone;		/* --tz-offset or --timezone */
	double			 max_log_age;	/* 0: not checked */
	bool			 max_log_age_given;
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
	/* the log's age: the newest file's mtime */
	bool			 has_age;
	double			 age;
	bool			 newest_is_stream;
	char			 newest_file[512];
	/* the offset the lines were dated with */
	bool			 zone_set;
	int			 measured;	/* seconds east, ZONE_MEASURED */
	struct tz_measure	 measure;
	long			 measure_ms;	/* the last line measured */
	double			 measure_mtime;
	char			 measure_file[512];
	bool			 has_newest_line;
	double			 newest_line;	/* UTC date of the newest line */
};

static void
usage(FILE *fp)
{
	fputs(
"Usage: " PROGNAME " {-f FILE ... | --logdir=DIR | --cuc=HOST[:PORT]}\n"
"         [--window=SECS] [-w RATE] [-c RATE] [--max-log-age=SECS] [-v]\n"
"         [--timezone=ZONE | --tz-offset=+HH:MM] [...] (see below)\n",
	    fp);
}

static void
help(FILE *fp)
{
	print_version(fp, PROGNAME);
	usage(fp);
	fputs("\n"
"Rate and kind of Single Inbox sync failures in Cisco Unity Connection's\n"
"CuMbxSync diagnostic logs (diag_CuMbxSync_*.uc), with what to check next.\n",
	    fp);
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
" --timezone=ZONE\n"
"    The CUC box's time zone, a name of the tz database under $TZDIR or\n"
"    " TZ_DEFAULT_DIR " (Europe/Dublin, America/New_York; CUC's CLI\n"
"    shows it with 'show timezone config'): each line is dated with the\n"
"    offset in force at its own time, daylight saving included.  With\n"
"    --cuc it also reads the dates of CUC's listing in this zone (the\n"
"    files' mtimes, so the log's age), as --tz-offset does.\n"
" --tz-offset=+HH:MM\n"
"    A fixed offset east of UTC instead (+00:00: the box logs UTC).\n"
"    Without either, the offset is measured: the newest file's last line\n"
"    was written at the file's modification time, so its time of day\n"
"    against the mtime's gives the offset, to the nearest 15 minutes.\n"
"    It holds for the whole window: lines from before a daylight-saving\n"
"    change within the window are dated an hour off, most out of the\n"
"    window (--timezone follows the change).\n"
" --max-log-age=SECONDS\n"
"    The newest file must have been written within this (default 3600),\n"
"    else UNKNOWN \"newest log file FILE is N s old\".  CuMbxSync writes\n"
"    constantly (Cisco's listing of /var/log/active/cuc in its Single\n"
"    Inbox note shows a ~37 KB file rolled every 30 s to a minute), so\n"
"    an hour without a write is a service or a copy job that stopped.\n"
"    With --cuc, no file listed for a day is the same.  Standard input\n"
"    has no age and is not checked (given with - alone, it is an error).\n"
"    0 turns the guard off.\n"
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
" as 503), ews_timeout (Timeout was reached; `timeout' in 0.1.0), tls\n"
" (SSL connect error, certificate problems), dns (failed lookups, no\n"
" autodiscover SRV record: a lookup alone is a trace), ldap (refused\n"
" binds, AUTH_NOT_INITIALIZED, a domain controller unreachable: ahead of\n"
" connect), http_401, http_403, http_404, http_440, http_500, http_503,\n"
" http_other (other 4xx/5xx), other (failed, exception, 0x8... codes, EWS\n"
" Error... codes, --error-pattern).\n"
" A line with a 2xx/3xx status and nothing more specific is not an error.\n"
"\nStates:\n"
" OK        rate within -w, also when no line lies in the window (quiet\n"
"           minutes are normal) or the files are empty, as long as the\n"
"           newest file is younger than --max-log-age.\n"
" WARNING   rate beyond -w.  CRITICAL  rate beyond -c.\n"
" UNKNOWN   bad options or regex, no log file, a file that cannot be read\n"
"           (one that vanished in rotation is skipped), over 256 MiB from\n"
"           standard input or a pipe, files holding only lines that are\n"
"           not diag lines, a newest file older than --max-log-age, an\n"
"           offset that cannot be measured (standard input without\n"
"           --timezone or --tz-offset; a last line more than 2 minutes\n"
"           off any zone's offset from its file's mtime: a copy that lost\n"
"           it), or the -t timeout (its STATE).\n"
"\nDates: a line's date comes from its file's modification time (it bounds\n"
"the last line); walking back, a time of day later than the next line's\n"
"means midnight passed.  Copied files must keep their mtimes (scp -p,\n"
"rsync -t): they date the lines and measure the box's offset.\n"
"\nPerfdata (labels and units never change with the options):\n"
" errors          error lines in the window (min 0, max lines).\n"
" errors_per_min  errors per minute over the window, with -w/-c (rate in\n"
"                 0.1.0).\n"
" lines           diag lines in the window; unparsed: lines read that\n"
"                 are not diag lines.\n"
" <class>         one error count per class above, always all of them\n"
"                 (min 0, max errors): 0 is a measured zero.\n"
" log_age         s since the newest file was written; absent for\n"
"                 standard input (no mtime) and when --cuc lists no\n"
"                 file: never made up.\n"
" fetch_time, fetched  with --cuc only: s and bytes of the download.\n"
"An empty window is measured: errors 0, errors_per_min 0, lines 0.\n"
"\n-v adds one line: each class seen with its count and hosts.  -vv adds\n"
"the window, files read and vanished, the offset used and how it was\n"
"measured, the log's age, and per class its advice and newest line.\n",
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
		option_error(err, errlen, "logdir", dir, "is empty");
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
		option_error(err, errlen, "tz-offset", arg, "is not an "
		    "offset: expected +HH:MM or -HH:MM (at most 14 h)");
		return -1;
	}
	*out = off;
	return 0;
}

/*
 * --tz-offset or --timezone: one of them, once.  A named zone is checked
 * here (the C library would fall back to UTC in silence).
 */
static int
zone_option(struct config *cfg, enum zone_source src, int offset,
    const char *name, char *err, size_t errlen)
{
	if (cfg->zone_source != ZONE_MEASURED &&
	    cfg->zone_source != src) {
		snprintf(err, errlen, "--timezone and --tz-offset exclude each "
		    "other: give one");
		return -1;
	}
	cfg->zone_source = src;
	if (src == ZONE_FIXED) {
		tz_zone_fixed(&cfg->zone, offset);
		return 0;
	}
	return tz_zone_named(&cfg->zone, name, getenv("TZDIR"), err, errlen);
}

static int
plugin_option(void *config, int opt, const char *arg, char *err, size_t errlen)
{
	struct config *cfg = config;
	int rc, off;

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
			option_error(err, errlen, "window", arg, "is not above "
			    "0 seconds");
			return -1;
		}
		return 0;
	case OPT_NOW:
		if (time_parse_user(arg, &cfg->now) != 0) {
			option_error(err, errlen, "now", arg, "is not a time: "
			    "expected @EPOCH or YYYY-MM-DDTHH:MM:SS[Z|+HH:MM]");
			return -1;
		}
		cfg->has_now = true;
		return 0;
	case OPT_TZ_OFFSET:
		if (parse_tz(arg, &off, err, errlen) != 0)
			return -1;
		return zone_option(cfg, ZONE_FIXED, off, NULL, err, errlen);
	case OPT_TIMEZONE:
		return zone_option(cfg, ZONE_NAMED, 0, arg, err, errlen);
	case OPT_MAX_LOG_AGE:
		cfg->max_log_age_given = true;
		return seconds_option("max-log-age", arg, &cfg->max_log_age,
		    err, errlen);
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
	cfg->max_log_age = DEFAULT_MAX_LOG_AGE;
	cfg->zone_source = ZONE_MEASURED;
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
		snprintf(err, errlen, "\"%s\": unexpected argument (options "
		    "start with -; - alone is standard input)", arg);
		return -1;
	}
	return add_pattern(config, "-", err, errlen);
}

/* Is "-" all the logs given? */
static bool
only_stdin(const struct config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->npatterns; i++)
		if (strcmp(cfg->patterns[i], "-") != 0)
			return false;
	return cfg->npatterns > 0;
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
		{ "timezone", required_argument, NULL, OPT_TIMEZONE },
		{ "max-log-age", required_argument, NULL, OPT_MAX_LOG_AGE },
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
	cfg->common.secret = cfg->cuc.password;
	cfg->common.secret_option = "--cuc-password";
	cfg->common.netrc_file = cfg->cuc.netrc_file;
	cfg->common.insecure = cfg->cuc.insecure;
	if (common_thresholds(&cfg->common, DEFAULT_WARNING, DEFAULT_CRITICAL,
	    0, &cfg->thr, err, errlen) != 0)
		return -1;
	/* The zone's rules are the C library's: select it once, here. */
	if (cfg->zone_source == ZONE_NAMED && tz_select(&cfg->zone) != 0) {
		option_error(err, errlen, "timezone", cfg->zone.name, "cannot "
		    "be set as TZ");
		return -1;
	}
	if (cfg->max_log_age_given && cfg->max_log_age > 0 &&
	    only_stdin(cfg)) {
		snprintf(err, errlen, "--max-log-age cannot apply to standard "
		    "input alone: it has no modification time");
		return -1;
	}
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
		if (!t->has_newest_line) {
			t->has_newest_line = true;
			t->newest_line = when;
		}
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

/* The time of day of the file's last diag line, over blank and garbage. */
static bool
last_diag_ms(const struct logfile *lf, long *ms)
{
	struct line_cursor cur;
	struct diag_record rec;
	const char *line;
	size_t len;

	line_cursor_end(&cur, lf->data, lf->len);
	while (line_prev(&cur, &line, &len))
		if (diag_parse_line(line, len, &rec, NULL) == 0) {
			*ms = rec.ms;
			return true;
		}
	return false;
}

/* "HH:MM:SS.mmm" of ms since midnight. */
static void
format_tod(long ms, char *buf, size_t size)
{
	snprintf(buf, size, "%02ld:%02ld:%02ld.%03ld", ms / 3600000,
	    ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

/*
 * The offset of the box's clock, before the first line is dated: given,
 * or measured on this file, the newest one with a diag line.  Returns 1
 * (set), 0 (this file holds no diag line, so needs none), or -1 with the
 * report failed.
 */
static int
set_zone(struct report *rep, const struct config *cfg,
    struct diag_clock *clk, const struct logfile *lf, struct tally *t)
{
	char tod[32], when[32], off[32];
	long ms;

	if (cfg->zone_source == ZONE_NAMED) {
		diag_clock_zone(clk, tz_offset_at, &cfg->zone);
		return 1;
	}
	if (cfg->zone_source == ZONE_FIXED) {
		clk->tz_offset = cfg->zone.offset;
		return 1;
	}
	if (!last_diag_ms(lf, &ms))
		return 0;
	if (lf->mtime == 0) {
		report_fail(rep, STATE_UNKNOWN, "%s has no modification time "
		    "to measure the CUC box's offset from: give --timezone=ZONE "
		    "or --tz-offset=+HH:MM", strcmp(lf->path, "-") == 0 ?
		    "standard input" : lf->path);
		return -1;
	}
	t->measure_ms = ms;
	t->measure_mtime = (double)lf->mtime;
	snprintf(t->measure_file, sizeof(t->measure_file), "%s", lf->path);
	if (tz_measure(ms, (double)lf->mtime, &t->measure) != 0) {
		format_tod(ms, tod, sizeof(tod));
		time_format_utc((double)lf->mtime, when, sizeof(when));
		numfmt(off, sizeof(off), (t->measure.residual < 0 ?
		    -t->measure.residual : t->measure.residual) / 60.0, 1);
		report_fail(rep, STATE_UNKNOWN, "the newest line of %s (%s) is "
		    "%s min off any zone offset from the file's mtime (%s): "
		    "were the mtimes kept (scp -p)? or give --timezone or "
		    "--tz-offset", lf->path, tod, off, when);
		return -1;
	}
	clk->tz_offset = t->measure.offset;
	return 1;
}

/*
 * The log's age, from the newest file read: beyond --max-log-age the
 * log stopped arriving.  Returns 0, or -1 with the report failed.
 */
static int
check_log_age(struct report *rep, const struct config *cfg,
    const struct logfile *lf, double now, struct tally *t)
{
	char age[32], max[32];

	snprintf(t->newest_file, sizeof(t->newest_file), "%s", lf->path);
	if (lf->mtime == 0) {
		t->newest_is_stream = true;
		return 0;
	}
	t->has_age = true;
	t->age = now - (double)lf->mtime;
	if (cfg->max_log_age <= 0 || t->age <= cfg->max_log_age)
		return 0;
	numfmt(age, sizeof(age), t->age, 0);
	numfmt(max, sizeof(max), cfg->max_log_age, 1);
	report_fail(rep, STATE_UNKNOWN, "newest log file %s is %s s old, more "
	    "than %s s: is CuMbxSync running, are the copies arriving?",
	    lf->path, age, max);
	report_metric(rep, "log_age", t->age, "s", 0, NULL);
	return -1;
}

/*
 * One file, entered on the clock: the log's age (on the newest), the
 * offset (on the first with a line the window may need), the lines.
 * Sets *done when older files need not be read.  Returns 0, or -1 with
 * the report failed.
 */
static int
read_file(struct report *rep, struct config *cfg,
    struct diag_clock *clk, const struct logfile *lf, double now,
    struct tally *t, bool *done)
{
	double start = now - cfg->window;
	int rc;

	if (t->files_read == 1 && check_log_age(rep, cfg, lf, now, t) != 0)
		return -1;
	if (diag_clock_before(clk, start)) {
		*done = true;	/* this file and all older ones */
		return 0;
	}
	if (!t->zone_set) {
		if ((rc = set_zone(rep, cfg, clk, lf, t)) < 0)
			return -1;
		t->zone_set = rc == 1;
	}
	*done = scan_file(cfg, clk, lf, now, start, t);
	return 0;
}

/*
 * Read the files newest first until the window's start.  Returns 0, or
 * -1 with the report failed (no file, unreadable file).
 */
static int
gather_files(struct report *rep, struct config *cfg,
    const char *const *patterns, size_t npatterns, bool given, double now,
    struct tally *t)
{
	struct loglist ll;
	struct diag_clock clk;
	struct logfile lf;
	struct stat sb;
	char err[512], first_err[512];
	size_t i;
	bool done = false;
	int rc;

	deadline_step("listing the log files");
	if (loglist_expand(&ll, patterns, npatterns, LOGORDER_NUMBER_NAME,
	    given, err, sizeof(err)) != 0) {
		report_fail(rep, STATE_UNKNOWN, "%s", err);
		return -1;
	}
	first_err[0] = '\0';
	diag_clock_init(&clk, 0);
	deadline_step("reading the log files");
	for (i = 0; i < ll.count && !done; i++) {
		/* which file, for the timeout message and -vvv's trace */
		deadline_stepf("reading %s", strcmp(ll.paths[i], "-") == 0 ?
		    "standard input" : ll.paths[i]);
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
		rc = read_file(rep, cfg, &clk, &lf, now, t, &done);
		logfile_close(&lf);
		if (rc != 0) {
			loglist_free(&ll);
			return -1;
		}
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
	/* A zone given reads CUC's listing too, not just the lines. */
	struct cucsvc_query q = { .service = CUC_SERVICE,
	    .name_pattern = LOGDIR_PATTERN, .from = now - cfg->window,
	    .now = now, .older = 0, .lookback = CUC_LOOKBACK,
	    .zone = cfg->zone_source != ZONE_MEASURED ? &cfg->zone : NULL };
	struct cucsvc_result cr;
	char err[512], win[32];
	int rc;

	if (!cfg->cuc.enabled) {
		/* Each log named must be there: none is skipped in silence. */
		return gather_files(rep, cfg, cfg->patterns, cfg->npatterns,
		    true, now, t);
	}
	rc = cucsvc_fetch(&cfg->cuc, &q, &cr, err, sizeof(err));
	t->remote = true;
	t->fetch_time = cr.fetch_time;
	t->fetched = cr.fetched;
	/* First, so an UNKNOWN (a stale log by these dates) shows it too. */
	if (cfg->common.verbose >= 2)
		cucsvc_details(rep, &cr);
	if (rc != 0)
		report_fail(rep, STATE_UNKNOWN, "%s", err);
	else if (cr.count == 0 && cfg->max_log_age > 0 &&
	    cfg->max_log_age < cfg->window + CUC_LOOKBACK) {
		/* Nothing written since the listing's start: older still. */
		numfmt(win, sizeof(win), cfg->window + CUC_LOOKBACK, 0);
		report_fail(rep, STATE_UNKNOWN, "CUC lists no file of \"%s\" "
		    "written in the last %s s, more than --max-log-age: is "
		    "CuMbxSync running?", CUC_SERVICE, win);
		rc = -1;
	} else if (cr.count > 0)
		rc = gather_files(rep, cfg, (const char *const *)cr.paths,
		    cr.count, false, now, t);
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

/* -v: which offset dated the lines, and how it was found. */
static void
zone_detail(struct report *rep, const struct config *cfg,
    const struct tally *t, double now)
{
	char a[64], b[64], tod[32], when[32], alt[128];
	double newest = t->has_newest_line ? t->newest_line : now;
	int other;

	if (!t->zone_set) {
		report_detail(rep, "offset: none needed (no diag line written "
		    "within the window's reach)");
		return;
	}
	switch (cfg->zone_source) {
	case ZONE_NAMED:
		tz_describe(&cfg->zone, newest, a, sizeof(a));
		tz_describe(&cfg->zone, now - cfg->window, b, sizeof(b));
		report_detail(rep, "offset: zone %s (--timezone), %s at the "
		    "newest line, %s at the window's start", cfg->zone.name, a,
		    b);
		return;
	case ZONE_FIXED:
		tz_format_offset(cfg->zone.offset, a, sizeof(a));
		report_detail(rep, "offset: %s, fixed (--tz-offset)", a);
		return;
	case ZONE_MEASURED:
		break;
	}
	format_tod(t->measure_ms, tod, sizeof(tod));
	time_format_utc(t->measure_mtime, when, sizeof(when));
	tz_format_offset(t->measure.offset, a, sizeof(a));
	/* The same time of day a day apart, when that too is a real offset. */
	other = t->measure.offset < 0 ? t->measure.offset + 86400 :
	    t->measure.offset - 86400;
	alt[0] = '\0';
	if (other >= -12 * 3600 && other <= 14 * 3600) {
		tz_format_offset(other, b, sizeof(b));
		snprintf(alt, sizeof(alt), "; %s dates alike: only the time "
		    "of day counts", b);
	}
	numfmt(b, sizeof(b), t->measure.residual < 0 ? -t->measure.residual :
	    t->measure.residual, 3);
	report_detail(rep, "offset: %s measured from %s: last line %s, mtime %s "
	    "gives %s (the line %s s %s it%s)", a, t->measure_file, tod, when, a,
	    b, t->measure.residual > 0 ? "after" : "before", alt);
}

/* The class with most errors not yet shown (marked shown), or -1. */
static int
largest_class(const struct tally *t, bool *done)
{
	int c, best = -1;

	for (c = 0; c < MBXC_COUNT; c++)
		if (!done[c] && t->cls[c].count > 0 && (best < 0 ||
		    t->cls[c].count > t->cls[best].count))
			best = c;
	if (best >= 0)
		done[best] = true;
	return best;
}

/* -v: the log's age, or why it has none. */
static void
age_detail(struct report *rep, const struct config *cfg,
    const struct tally *t)
{
	char age[32], max[32];

	if (cfg->max_log_age > 0)
		numfmt(max, sizeof(max), cfg->max_log_age, 1);
	else
		snprintf(max, sizeof(max), "off");
	if (t->newest_is_stream) {
		report_detail(rep, "log age: not checked, %s has no "
		    "modification time", strcmp(t->newest_file, "-") == 0 ?
		    "standard input" : t->newest_file);
		return;
	}
	if (!t->has_age)
		return;
	numfmt(age, sizeof(age), t->age < 0 ? -t->age : t->age, 0);
	report_detail(rep, "log age: newest file %s written %s s %s now "
	    "(--max-log-age %s)", t->newest_file, age, t->age < 0 ? "after" :
	    "before", max);
}

static void
add_details(struct report *rep, const struct config *cfg,
    const struct tally *t, double now)
{
	char from[32], to[32], hosts[MAX_HOSTS * (HOST_MAX + 16)];
	bool done[MBXC_COUNT] = { false };
	size_t i, len;
	int n, best;

	time_format_utc(now - cfg->window, from, sizeof(from));
	time_format_utc(now, to, sizeof(to));
	report_detail(rep, "window %s .. %s: files read %lu, vanished %lu, "
	    "lines in the window %lu, lines not in the diag format %lu", from,
	    to, t->files_read, t->files_vanished, t->lines, t->unparsed);
	zone_detail(rep, cfg, t, now);
	age_detail(rep, cfg, t);
	/* Classes by count, most first. */
	for (n = 0; n < MBXC_COUNT; n++) {
		if ((best = largest_class(t, done)) < 0)
			break;
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

/*
 * -v: one line more (monitoring-plugins' level 1, "additional
 * information"): every class seen, largest first, with its hosts.  -vv
 * has the window, the offset, the log's age and an example per class.
 */
static void
class_line(struct report *rep, const struct tally *t)
{
	char line[900];
	bool done[MBXC_COUNT] = { false };
	size_t len = 0, i;
	int best;

	for (;;) {
		if ((best = largest_class(t, done)) < 0)
			break;
		text_appendf(line, sizeof(line), &len, "%s%s %lu",
		    len > 0 ? "; " : "errors by class: ",
		    mbxclass_label((enum mbxclass)best), t->cls[best].count);
		for (i = 0; i < t->cls[best].nhosts; i++)
			text_appendf(line, sizeof(line), &len, "%s%s %lu",
			    i > 0 ? ", " : " (", t->cls[best].hosts[i].name,
			    t->cls[best].hosts[i].count);
		if (t->cls[best].nhosts > 0)
			text_appendf(line, sizeof(line), &len, "%s)",
			    t->cls[best].more_hosts ? ", more" : "");
	}
	if (len == 0)
		text_appendf(line, sizeof(line), &len, "no errors: %lu line%s "
		    "in the window, %lu file%s read", t->lines,
		    plural(t->lines), t->files_read, plural(t->files_read));
	report_detail(rep, "%s", line);
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
		report_summary(rep, "no sync errors in %lu line%s in the last "
		    "%s s", t->lines, plural(t->lines), win);
	else if (threshold_check(&cfg->thr, rate) == STATE_OK) {
		/* Below -w: the count first, no advice; it reads as OK. */
		hosts_phrase(hosts, sizeof(hosts), &t->cls[top]);
		report_summary(rep, "%lu error%s in the last %s s, %s/min, "
		    "within thresholds (most: %lux %s%s)", t->errors,
		    plural(t->errors), win, rate_s, t->cls[top].count,
		    mbxclass_title(top), hosts);
	} else {
		hosts_phrase(hosts, sizeof(hosts), &t->cls[top]);
		report_summary(rep, "%lux %s%s: %s - %lu error%s in the last "
		    "%s s, %s/min", t->cls[top].count, mbxclass_title(top),
		    hosts, mbxclass_advice(top), t->errors, plural(t->errors),
		    win, rate_s);
	}
	report_count(rep, "errors", t->errors, t->lines, NULL);
	report_metric(rep, "errors_per_min", rate, NULL, 3, &cfg->thr);
	report_metric(rep, "lines", (double)t->lines, NULL, 0, NULL);
	report_metric(rep, "unparsed", (double)t->unparsed, NULL, 0, NULL);
	for (c = 0; c < MBXC_COUNT; c++)
		report_count(rep, mbxclass_label((enum mbxclass)c),
		    t->cls[c].count, t->errors, NULL);
	/* An age is never negative: -v says "after now". */
	if (t->has_age)
		report_metric(rep, "log_age", t->age > 0 ? t->age : 0, "s", 0,
		    NULL);
	if (t->remote)
		cucsvc_perf(rep, t->fetch_time, t->fetched);
	if (cfg->common.verbose >= 2)
		add_details(rep, cfg, t, now);
	else if (cfg->common.verbose == 1)
		class_line(rep, t);
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
		PROGNAME, CHECK, parse_options, help, run_check, config_free,
		"{-f LOG ... or --logdir DIR or --cuc HOST} [--window SECS] "
		"[-w RATE] [-c RATE]"
	};
	struct config cfg;

	return plugin_main(&plugin, &cfg, &cfg.common, argc, argv);
}
