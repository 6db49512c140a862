/*
 * cucsvc.h - log files straight from CUC's Serviceability API, as local
 * files the log plugins read like any other.
 *
 * --cuc=HOST[:PORT] replaces -f/--logdir: the service's files from
 * (window start - lookback) up to CUC's own now are listed with
 * selectLogFiles (the relative selection, RelText/RelTime, counted back
 * from CUC's clock; the absolute FromDate/ToDate one when CUC refuses it),
 * the ones the window needs are fetched newest first with GetOneFile
 * (logcollectionservice2, MTOM; DimeGetFileService when that is absent)
 * into a cache directory and handed to the plugin as paths, each with the
 * modification time CUC listed, in UTC (zoneabbr.h reads Java's zone
 * abbreviations, or every date in the box's zone when the query names
 * it; the plugins date lines from it).  A file written after
 * --now is still handed over: the plugins skip lines after --now, as
 * with files on disk.  A file that rotated never
 * changes, so it is fetched once; the file being written is fetched again
 * on every run.  See cucsvc_help() for the options.
 *
 * The cache (--cache-dir, default $XDG_CACHE_HOME/cuc-plugins, else
 * $HOME/.cache/cuc-plugins in a home of the user's own, else
 * /var/tmp/cuc-plugins-$UID) has one directory per HOST_PORT, mode 0700,
 * every directory checked and used through descriptors (cachedir.h: a
 * directory of another user, a symbolic link, one writable by others is
 * UNKNOWN).  Files are fetched into temporary files without the lock and
 * moved in under it (flock, waited for within -t); readers take no lock.
 * Every run, answered or failed, ends by enforcing a size bound: past it
 * the files with the oldest modification times are removed (never the
 * ones of this run).
 */
#ifndef CUC_CUCSVC_H
#define CUC_CUCSVC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "options.h"

#define CUCSVC_DEFAULT_PORT	8443
#define CUCSVC_DEFAULT_MAX_FILE	(256ULL * 1024 * 1024)
#define CUCSVC_DEFAULT_CACHE	(1024ULL * 1024 * 1024)
#define CUCSVC_HOST_MAX		256

/* Option codes, clear of the plugins' own (OPT_PLUGIN_BASE + small n). */
enum {
	OPT_CUC = OPT_PLUGIN_BASE + 0x80,
	OPT_CUC_USER,
	OPT_CUC_PASSWORD,
	OPT_CUC_NETRC,
	OPT_CUC_CA_CERT,
	OPT_CUC_INSECURE,
	OPT_CUC_CACHE_DIR,
	OPT_CUC_MAX_FILE,
	OPT_CUC_CACHE_SIZE
};

#define CUCSVC_LONGOPTS \
	{ "cuc", required_argument, NULL, OPT_CUC }, \
	{ "cuc-user", required_argument, NULL, OPT_CUC_USER }, \
	{ "cuc-password", required_argument, NULL, OPT_CUC_PASSWORD }, \
	{ "netrc-file", required_argument, NULL, OPT_CUC_NETRC }, \
	{ "ca-cert", required_argument, NULL, OPT_CUC_CA_CERT }, \
	{ "insecure", no_argument, NULL, OPT_CUC_INSECURE }, \
	{ "cache-dir", required_argument, NULL, OPT_CUC_CACHE_DIR }, \
	{ "cuc-max-file", required_argument, NULL, OPT_CUC_MAX_FILE }, \
	{ "cache-size", required_argument, NULL, OPT_CUC_CACHE_SIZE }

struct cucsvc_opts {
	bool			 enabled;	/* --cuc given */
	char			 host[CUCSVC_HOST_MAX];	/* without brackets */
	unsigned		 port;
	const char		*user;
	const char		*password;
	const char		*netrc_file;
	const char		*ca_cert;
	bool			 insecure;
	const char		*cache_dir;	/* NULL: the default */
	unsigned long long	 max_file;	/* bytes, per file */
	unsigned long long	 cache_size;	/* bytes, per host directory */
	bool			 max_file_given;
	bool			 cache_size_given;
};

void cucsvc_opts_init(struct cucsvc_opts *);

/*
 * Handle one option.  Returns 0 when handled, 1 when it is not one of
 * ours, -1 with the problem in err.
 */
int cucsvc_option(struct cucsvc_opts *, int opt, const char *arg,
    char *err, size_t errlen);

/* After parsing: credentials present and so on.  0 or -1 with err. */
int cucsvc_check(const struct cucsvc_opts *, char *err, size_t errlen);

/*
 * A log plugin's source, after parsing: either the nlocal paths given
 * with local_opts ("-f/--logdir") or --cuc, never both nor neither, and
 * cucsvc_check().  0 or -1 with err.
 */
int cucsvc_check_source(const struct cucsvc_opts *, size_t nlocal,
    const char *local_opts, char *err, size_t errlen);

/* The help text of the options above, 80 columns. */
void cucsvc_help(FILE *fp);

struct tz_zone;

/* Which files to get. */
struct cucsvc_query {
	const char	*service;	/* "Connection Mailbox Sync" */
	const char	*name_pattern;	/* fnmatch(3) on the name, or NULL */
	double		 from;		/* the window's start */
	double		 now;
	unsigned	 older;		/* files before `from` to fetch too */
	double		 lookback;	/* list from `from - lookback` */
	/*
	 * The box's zone when the plugin was told it (--timezone,
	 * --tz-offset; tz_select done): every modifiedDate is read in it.
	 * NULL: the abbreviations, against CUC's Date (zoneabbr.h).
	 */
	const struct tz_zone *zone;
};

struct cucsvc_result {
	char			**paths;	/* local copies, newest first */
	size_t			  count;
	unsigned		  listed;	/* matching files listed */
	unsigned		  fetched_files;
	unsigned		  cached_files;
	unsigned long long	  fetched;	/* bytes transferred */
	double			  fetch_time;	/* seconds, listing included */
	/* How CUC was asked, for -v (added last: positional initializers). */
	unsigned		  requests;	/* HTTP requests made */
	bool			  legacy_getfile; /* DimeGetFileService used */
	bool			  absolute;	/* FromDate/ToDate selection */
	double			  server_now;	/* CUC's Date, 0: none came */
	double			  client_now;	/* our clock when it came */
	char			  zone_note[320]; /* how modifiedDate was read */
};

/*
 * List, fetch and cache.  Every request is bounded by
 * deadline_remaining().  Returns 0, or -1 with a one-line reason fit for
 * an UNKNOWN summary: "CUC refused the credentials (HTTP 401) ...",
 * "CUC Serviceability fault: <faultstring>", a transfer error, a DIME
 * or MIME error, a file above --cuc-max-file, a cache problem.
 */
int cucsvc_fetch(const struct cucsvc_opts *, const struct cucsvc_query *,
    struct cucsvc_result *, char *err, size_t errlen);
void cucsvc_result_free(struct cucsvc_result *);

struct report;

/*
 * -v: how CUC was asked (requests, selection, GetOneFile endpoint, CUC's
 * clock against ours) and how the newest modifiedDate's zone was read.
 */
void cucsvc_details(struct report *, const struct cucsvc_result *);

/* The perfdata a --cuc run adds: fetch_time (s) and fetched (B). */
void cucsvc_perf(struct report *, double fetch_time,
    unsigned long long fetched);

/*
 * The cache directory for this host (default rules above) into buf.
 * Returns 0 or -1 (too long, no HOME-like place).
 */
int cucsvc_cache_path(const struct cucsvc_opts *, char *buf, size_t size);

#endif
