/*
 * cucsvc.c - list, fetch and cache CUC's log files over its Serviceability
 * SOAP API (cucsvc.h).  The messages are built and read in logsvc.c and
 * dime.c, the cache directory is kept safe in cachedir.c; this file does
 * the I/O: HTTPS through http.c, what is fetched and what is reused.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cachedir.h"
#include "cucsvc.h"
#include "deadline.h"
#include "dime.h"
#include "http.h"
#include "logsvc.h"
#include "numfmt.h"
#include "output.h"
#include "timeparse.h"
#include "tz.h"
#include "zoneabbr.h"

#define PATH_BUF	CACHEDIR_PATH_MAX
#define REQ_MAX		(LOGSVC_PATH_MAX * 6 + 2048)
#define LIST_MAX_BODY	(16UL * 1024 * 1024)	/* a listing of 10000 files */
#define ENVELOPE_ROOM	(64UL * 1024)	/* GetOneFile: room beyond the file */
#define TIME_MARGIN	0.3	/* seconds kept for reporting a slow peer */
#define CLOCK_MARGIN	300.0	/* s: CUC's clock may be ahead of ours */

void
cucsvc_opts_init(struct cucsvc_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->port = CUCSVC_DEFAULT_PORT;
	o->max_file = CUCSVC_DEFAULT_MAX_FILE;
	o->cache_size = CUCSVC_DEFAULT_CACHE;
}

/* HOST, HOST:PORT, [V6]:PORT, [V6] or a bare IPv6 address. */
static int
parse_host(struct cucsvc_opts *o, const char *arg, char *err, size_t errlen)
{
	const char *colon, *host = arg, *port = NULL;
	size_t hlen;
	unsigned long p;
	char *end;

	if (arg[0] == '[') {
		if ((colon = strchr(arg, ']')) == NULL)
			goto bad;
		host = arg + 1;
		hlen = (size_t)(colon - host);
		if (colon[1] == ':')
			port = colon + 2;
		else if (colon[1] != '\0')
			goto bad;
	} else if ((colon = strchr(arg, ':')) != NULL &&
	    strchr(colon + 1, ':') == NULL) {
		hlen = (size_t)(colon - arg);
		port = colon + 1;
	} else
		hlen = strlen(arg);
	if (hlen == 0 || hlen >= sizeof(o->host) ||
	    strcspn(host, "/?#@ \t") < hlen)
		goto bad;
	memcpy(o->host, host, hlen);
	o->host[hlen] = '\0';
	if (port != NULL) {
		errno = 0;
		p = strtoul(port, &end, 10);
		if (*port < '0' || *port > '9' || *end != '\0' || errno != 0 ||
		    p < 1 || p > 65535)
			goto bad;
		o->port = (unsigned)p;
	}
	o->enabled = true;
	return 0;
bad:
	option_error(err, errlen, "cuc", arg, "is not HOST[:PORT]");
	return -1;
}

/* "256M", "64K", "1G", "1000": bytes. */
static int
parse_bytes(const char *name, const char *arg, unsigned long long *out,
    char *err, size_t errlen)
{
	unsigned long long v, mul = 1;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || errno != 0)
		goto bad;
	if (*end == 'K' || *end == 'k')
		mul = 1024ULL;
	else if (*end == 'M' || *end == 'm')
		mul = 1024ULL * 1024;
	else if (*end == 'G' || *end == 'g')
		mul = 1024ULL * 1024 * 1024;
	else if (*end != '\0')
		goto bad;
	if (mul > 1 && end[1] != '\0')
		goto bad;
	if (v == 0 || v > (1ULL << 40) / mul)
		goto bad;
	*out = v * mul;
	return 0;
bad:
	option_error(err, errlen, name, arg, "is not a size: bytes, with K, "
	    "M or G (at most 1 TiB)");
	return -1;
}

int
cucsvc_option(struct cucsvc_opts *o, int opt, const char *arg, char *err,
    size_t errlen)
{
	switch (opt) {
	case OPT_CUC:
		return parse_host(o, arg, err, errlen);
	case OPT_CUC_USER:
		o->user = arg;
		return 0;
	case OPT_CUC_PASSWORD:
		o->password = arg;
		return 0;
	case OPT_CUC_NETRC:
		o->netrc_file = arg;
		return 0;
	case OPT_CUC_CA_CERT:
		o->ca_cert = arg;
		return 0;
	case OPT_CUC_INSECURE:
		o->insecure = true;
		return 0;
	case OPT_CUC_CACHE_DIR:
		if (arg[0] == '\0') {
			option_error(err, errlen, "cache-dir", arg, "is empty");
			return -1;
		}
		o->cache_dir = arg;
		return 0;
	case OPT_CUC_MAX_FILE:
		o->max_file_given = true;
		return parse_bytes("cuc-max-file", arg, &o->max_file, err,
		    errlen);
	case OPT_CUC_CACHE_SIZE:
		o->cache_size_given = true;
		return parse_bytes("cache-size", arg, &o->cache_size, err,
		    errlen);
	}
	return 1;
}

/* The first option given that only --cuc uses, or NULL. */
static const char *
cuc_only_option(const struct cucsvc_opts *o)
{
	return o->user != NULL ? "--cuc-user" :
	    o->password != NULL ? "--cuc-password" :
	    o->netrc_file != NULL ? "--netrc-file" :
	    o->ca_cert != NULL ? "--ca-cert" :
	    o->insecure ? "--insecure" :
	    o->cache_dir != NULL ? "--cache-dir" :
	    o->max_file_given ? "--cuc-max-file" :
	    o->cache_size_given ? "--cache-size" : NULL;
}

int
cucsvc_check_source(const struct cucsvc_opts *o, size_t nlocal,
    const char *local_opts, char *err, size_t errlen)
{
	const char *unused = cuc_only_option(o);

	if (o->enabled && nlocal > 0) {
		snprintf(err, errlen, "--cuc and %s exclude each other",
		    local_opts);
		return -1;
	}
	if (!o->enabled && nlocal == 0) {
		snprintf(err, errlen, "no log given (%s or --cuc HOST, see "
		    "--help)", local_opts);
		return -1;
	}
	if (!o->enabled && unused != NULL) {
		snprintf(err, errlen, "%s cannot apply without --cuc: the "
		    "logs are read from %s", unused, local_opts);
		return -1;
	}
	return cucsvc_check(o, err, errlen);
}

int
cucsvc_check(const struct cucsvc_opts *o, char *err, size_t errlen)
{
	if (!o->enabled)
		return 0;
	if (o->password != NULL && o->user == NULL) {
		snprintf(err, errlen, "--cuc-password cannot apply without "
		    "--cuc-user");
		return -1;
	}
	/* not quoted: "user:password" typed here would be shown */
	if (o->user != NULL && strchr(o->user, ':') != NULL) {
		snprintf(err, errlen, "--cuc-user holds a ':', which HTTP Basic "
		    "cannot carry in a user name (not shown: a password goes in "
		    "cuc-password, in the extra-opts ini file)");
		return -1;
	}
	if (o->password == NULL && o->netrc_file == NULL) {
		snprintf(err, errlen, "--cuc needs credentials: --cuc-user "
		    "and cuc-password in the extra-opts ini file, or "
		    "--netrc-file");
		return -1;
	}
	return 0;
}

void
cucsvc_help(FILE *fp)
{
	fputs(
" --cuc=HOST[:PORT]\n"
"    Fetch the logs from CUC's Serviceability API over HTTPS (port 8443 by\n"
"    default) instead of reading local files: nothing needs to be copied\n"
"    off the box.  Needs a CUC user allowed to use the Serviceability SOAP\n"
"    APIs (see README) and HTTP Basic credentials:\n"
" --cuc-user=NAME, --cuc-password=PASSWORD\n"
"    Put both in the extra-opts ini section (--extra-opts), never the\n"
"    password on the command line.\n"
" --netrc-file=FILE\n"
"    Or take the login for HOST from this netrc file.\n"
" --ca-cert=FILE\n"
"    CA bundle that signed CUC's tomcat certificate (default: the system's).\n"
" --insecure\n"
"    Do not verify CUC's certificate (a self-signed tomcat certificate).\n"
" --cache-dir=DIR\n"
"    Where fetched files are kept (default $XDG_CACHE_HOME/cuc-plugins, else\n"
"    ~/.cache/cuc-plugins in a home of the user's own, else\n"
"    /var/tmp/cuc-plugins-UID).  It and every directory below it must be the\n"
"    user's, no symbolic link, writable by nobody else (else UNKNOWN); the\n"
"    directories above it root's or the user's.  Rotated files are fetched\n"
"    once; the file being written is fetched on every run.\n"
" --cache-size=BYTES (default 1G)\n"
"    Bound of the cache per CUC host; the oldest files go first.\n"
" --cuc-max-file=BYTES (default 256M)\n"
"    Largest file fetched (K, M, G suffixes).\n"
"    Perfdata with --cuc adds fetch_time (s) and fetched (B).  Any HTTP,\n"
"    TLS, SOAP or attachment failure is UNKNOWN with CUC's own message;\n"
"    HTTP 401 means the user or password is wrong.\n"
"    An ambiguous modifiedDate zone (IST, CST) reads freshest by CUC's Date:\n"
"    give --timezone (mbxsync) if the log may stop for over an hour.\n", fp);
}

/* HOST_PORT: ':' of an IPv6 address is fine in a name, but keep names plain. */
static void
host_dirname(const struct cucsvc_opts *o, char *buf, size_t size)
{
	char host[CUCSVC_HOST_MAX];
	size_t i;

	for (i = 0; o->host[i] != '\0' && i + 1 < sizeof(host); i++)
		host[i] = (o->host[i] == ':' || o->host[i] == '/') ? '_' :
		    o->host[i];
	host[i] = '\0';
	snprintf(buf, size, "%s_%u", host, o->port);
}

int
cucsvc_cache_path(const struct cucsvc_opts *o, char *buf, size_t size)
{
	char root[PATH_BUF], host[CUCSVC_HOST_MAX + 8];
	int n;

	if (o->cache_dir != NULL)
		n = snprintf(root, sizeof(root), "%s", o->cache_dir);
	else
		n = cachedir_default_root(root, sizeof(root));
	if (n < 0 || (size_t)n >= sizeof(root))
		return -1;
	host_dirname(o, host, sizeof(host));
	n = snprintf(buf, size, "%s/%s", root, host);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* dir/name into buf; -1 when it does not fit. */
static int
join_path(char *buf, size_t size, const char *dir, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/*
 * A run's cache: the host directory below the root, checked and held by
 * descriptor (cachedir.h), and its lock file, taken only to move fetched
 * files in and to trim.
 */
struct cache {
	struct cachedir	dir;
	int		lock_fd;
};

static int
cache_open(const struct cucsvc_opts *o, struct cache *c, char *err,
    size_t errlen)
{
	struct cachedir root;
	char path[PATH_BUF], host[CUCSVC_HOST_MAX + 8];
	int rc;

	c->dir.fd = c->lock_fd = -1;
	if (o->cache_dir != NULL)
		snprintf(path, sizeof(path), "%s", o->cache_dir);
	else if (cachedir_default_root(path, sizeof(path)) != 0) {
		snprintf(err, errlen, "cache directory path too long");
		return -1;
	}
	if (cachedir_open_root(&root, path, err, errlen) != 0)
		return -1;
	host_dirname(o, host, sizeof(host));
	rc = cachedir_open_sub(&c->dir, &root, host, err, errlen);
	cachedir_close(&root);
	if (rc != 0)
		return -1;
	if ((c->lock_fd = cachedir_lock_open(&c->dir, err, errlen)) < 0) {
		cachedir_close(&c->dir);
		return -1;
	}
	return 0;
}

static void
cache_close(struct cache *c)
{
	if (c->lock_fd >= 0)
		close(c->lock_fd);
	c->lock_fd = -1;
	cachedir_close(&c->dir);
}

/* Seconds the lock may be waited for: within -t, time kept to report. */
static double
lock_wait(void)
{
	double t = deadline_remaining() - 2 * TIME_MARGIN;

	return t > 0 ? t : 0;
}

/* Which GetOneFile answers: unknown until the first file. */
enum getfile_ep { EP_UNKNOWN, EP_CURRENT, EP_LEGACY };

/* One run's conversation with CUC. */
struct session {
	struct http_client	 *hc;
	const struct cucsvc_opts *o;
	struct cucsvc_result	 *r;
	enum getfile_ep		  ep;		/* remembered for the run */
	double			  server_now;	/* CUC's Date, when has_now */
	bool			  has_now;
	bool			  legacy_404;	/* DimeGetFileService: 404 */
};

/* Seconds for the next request, or -1 when none are left. */
static double
request_time(void)
{
	double t = deadline_remaining() - TIME_MARGIN;

	return t >= 0.05 ? t : -1;
}

/* One SOAP call.  Returns 0 with resp filled (any status), -1 with err. */
static int
soap_call(struct session *ss, const char *path, const char *action,
    const char *body, size_t max_body, const char *what,
    struct http_response *resp, char *err, size_t errlen)
{
	const struct cucsvc_opts *o = ss->o;
	double now;
	const char *headers[] = { LOGSVC_CONTENT_TYPE, action,
	    "Accept: application/dime, multipart/related, text/xml", NULL };
	struct http_request rq;
	char url[CUCSVC_HOST_MAX + 128], userpwd[512];
	double t;

	if ((t = request_time()) < 0) {
		snprintf(err, errlen, "no time left for %s (-t)", what);
		return -1;
	}
	snprintf(url, sizeof(url), strchr(o->host, ':') ? "https://[%s]:%u%s" :
	    "https://%s:%u%s", o->host, o->port, path);
	memset(&rq, 0, sizeof(rq));
	rq.url = url;
	rq.body = body;
	rq.body_len = strlen(body);
	rq.headers = headers;
	rq.timeout = t;
	rq.insecure = o->insecure;
	rq.ca_cert = o->ca_cert;
	rq.max_body = max_body;
	if (o->password != NULL) {
		snprintf(userpwd, sizeof(userpwd), "%s:%s", o->user,
		    o->password);
		rq.userpwd = userpwd;
	} else
		rq.netrc_file = o->netrc_file;
	ss->r->requests++;
	if (http_perform(ss->hc, &rq, resp) != 0) {
		snprintf(err, errlen, "CUC %s:%u: %s failed: %s", o->host,
		    o->port, what, resp->message);
		http_response_free(resp);
		explicit_bzero(userpwd, sizeof(userpwd));
		return -1;
	}
	explicit_bzero(userpwd, sizeof(userpwd));
	/* CUC's own clock, the latest answer's. */
	if (http_date_parse(resp->date, &now) == 0) {
		ss->server_now = now;
		ss->has_now = true;
		ss->r->server_now = now;
		ss->r->client_now = wallclock_now();
	}
	return 0;
}

/*
 * Judge the status and split the answer; parts->soap is the envelope.
 * Returns 0 or -1 with a user-facing reason in err.
 */
static int
answer_parts(const struct cucsvc_opts *o, struct http_response *resp,
    const char *what, struct soap_parts *parts, char *err, size_t errlen)
{
	char why[300], fault[512];

	if (resp->status == 401) {
		snprintf(err, errlen, "CUC refused the credentials (HTTP 401) "
		    "of %s%s: check --cuc-user and the password", o->user ?
		    "user " : "the netrc login", o->user ? o->user : "");
		return -1;
	}
	if (resp->status == 403) {
		snprintf(err, errlen, "CUC denied %s (HTTP 403): the user "
		    "lacks a Serviceability role (see README)", what);
		return -1;
	}
	if (resp->body_cut) {
		snprintf(err, errlen, "%s: the answer is larger than "
		    "--cuc-max-file (%llu bytes)", what, o->max_file);
		return -1;
	}
	if (soap_parts_split(resp->body ? resp->body : (char *)"",
	    resp->body_len, resp->content_type, parts, why,
	    sizeof(why)) != 0) {
		snprintf(err, errlen, "%s: %s (HTTP %ld)", what, why,
		    resp->status);
		return -1;
	}
	if (logsvc_fault(parts->soap, parts->soap_len, fault,
	    sizeof(fault)) == 1) {
		snprintf(err, errlen, "CUC Serviceability fault on %s: %s",
		    what, fault);
		return -1;
	}
	if (resp->status != 200) {
		snprintf(err, errlen, "CUC answered %s with HTTP %ld", what,
		    resp->status);
		return -1;
	}
	return 0;
}

/*
 * One selectLogFiles call.  Returns 0 with the list, 1 with a SOAP fault's
 * text in fault (the caller decides), -1 with err.
 */
static int
select_call(struct session *ss, const char *req, struct logsvc_list *list,
    char *fault, size_t fsize, char *err, size_t errlen)
{
	struct http_response resp;
	struct soap_parts parts;
	char why[300];
	int rc = -1;

	deadline_step("listing the log files on CUC");
	if (soap_call(ss, LOGSVC_SELECT_PATH, LOGSVC_SELECT_ACTION, req,
	    LIST_MAX_BODY, "selectLogFiles", &resp, err, errlen) != 0)
		return -1;
	ss->r->fetched += resp.body_len;
	if (resp.status != 401 && resp.status != 403 && !resp.body_cut &&
	    soap_parts_split(resp.body ? resp.body : (char *)"",
	    resp.body_len, resp.content_type, &parts, why, sizeof(why)) == 0 &&
	    logsvc_fault(parts.soap, parts.soap_len, fault, fsize) == 1) {
		rc = 1;
		goto out;
	}
	/*
	 * The listing's cap is ours, not --cuc-max-file: say which, and
	 * that the answer was cut, before anything reads the cut XML.
	 */
	if (resp.body_cut && resp.status != 401 && resp.status != 403) {
		snprintf(err, errlen, "selectLogFiles: CUC's listing is over "
		    "the %lu MiB (%lu bytes) cap on a listing: the service "
		    "keeps too many files in the span asked; lower its trace "
		    "file count on CUC", LIST_MAX_BODY / (1024 * 1024),
		    LIST_MAX_BODY);
		goto out;
	}
	if (answer_parts(ss->o, &resp, "selectLogFiles", &parts, err,
	    errlen) != 0)
		goto out;
	if (logsvc_list_parse(parts.soap, parts.soap_len, list, why,
	    sizeof(why)) != 0) {
		snprintf(err, errlen, "selectLogFiles: %s", why);
		goto out;
	}
	rc = 0;
out:
	http_response_free(&resp);
	return rc;
}

/* The server's TimeZone string from getTimeZone; -1 when it gives none. */
static int
server_timezone(struct session *ss, char *tz, size_t size, int *minutes)
{
	struct http_response resp;
	struct soap_parts parts;
	char req[1024], why[300], err[300];
	int rc = -1;

	if (logsvc_gettz_request(req, sizeof(req), ss->o->host) < 0 ||
	    soap_call(ss, LOGSVC_SELECT_PATH, LOGSVC_GETTZ_ACTION, req,
	    64 * 1024, "getTimeZone", &resp, err, sizeof(err)) != 0)
		return -1;
	if (resp.status == 200 && soap_parts_split(resp.body ? resp.body :
	    (char *)"", resp.body_len, resp.content_type, &parts, why,
	    sizeof(why)) == 0)
		rc = logsvc_gettz_parse(parts.soap, parts.soap_len, tz, size,
		    minutes);
	http_response_free(&resp);
	return rc;
}

/*
 * The absolute selection, from `from` to CUC's now: the dates in the
 * server's zone and its TimeZone string (getTimeZone), else UTC.  Public
 * clients report that a TimeZone other than the server's is refused with
 * -101: that is an error saying so.
 */
static int
list_absolute(struct session *ss, const struct cucsvc_query *q,
    double from, struct logsvc_list *list, char *err, size_t errlen)
{
	char req[REQ_MAX], tz[LOGSVC_TZ_MAX], fault[512];
	double to = (ss->has_now ? ss->server_now : wallclock_now()) +
	    CLOCK_MARGIN;
	int minutes = 0, n, rc;

	if (server_timezone(ss, tz, sizeof(tz), &minutes) != 0) {
		snprintf(tz, sizeof(tz), "%s", LOGSVC_TZ_UTC);
		minutes = 0;
	}
	n = logsvc_select_abs_request(req, sizeof(req), q->service, from, to,
	    minutes, tz);
	if (n < 0 || (size_t)n >= sizeof(req)) {
		snprintf(err, errlen, "cannot build the selectLogFiles "
		    "request");
		return -1;
	}
	ss->r->absolute = true;
	if ((rc = select_call(ss, req, list, fault, sizeof(fault), err,
	    errlen)) != 1)
		return rc;
	if (logsvc_fault_selection(fault))
		snprintf(err, errlen, "CUC refused the selection of files "
		    "(-101) with TimeZone '%.60s' (it wants its own zone): "
		    "%s", tz, fault);
	else
		snprintf(err, errlen, "CUC Serviceability fault on "
		    "selectLogFiles: %s", fault);
	return -1;
}

/*
 * List from `from - lookback` to CUC's now.  The relative selection
 * first: RelTime units back from CUC's own clock, no dates, no zone.  Its
 * span comes from our clock with a margin; when CUC's Date shows that its
 * clock is ahead by more than the margin, once more with the span it
 * needs.  A fault on the relative form (an older CUC) falls back to the
 * absolute one.
 */
static int
list_files(struct session *ss, const struct cucsvc_query *q,
    struct logsvc_list *list, char *err, size_t errlen)
{
	char req[REQ_MAX], fault[512];
	const char *text;
	double start = q->from - q->lookback;
	double span = wallclock_now() - start + CLOCK_MARGIN, covered;
	unsigned reltime, tries;
	int n, rc;

	for (tries = 0; tries < 2; tries++) {
		if (logsvc_rel_span(span, &text, &reltime) != 0)
			break;	/* more than 127 months: dates it is */
		n = logsvc_select_rel_request(req, sizeof(req), q->service,
		    text, reltime);
		if (n < 0 || (size_t)n >= sizeof(req)) {
			snprintf(err, errlen, "cannot build the "
			    "selectLogFiles request");
			return -1;
		}
		rc = select_call(ss, req, list, fault, sizeof(fault), err,
		    errlen);
		if (rc == 1)
			break;	/* refused: try the dates */
		if (rc != 0 || !ss->has_now)
			return rc;
		covered = ss->server_now - span;
		if (covered <= start + 1 || tries == 1)
			return 0;
		logsvc_list_free(list);
		span = ss->server_now - start + CLOCK_MARGIN;
	}
	return list_absolute(ss, q, start, list, err, errlen);
}

static int
by_newest(const void *a, const void *b)
{
	const struct logsvc_file *x = a, *y = b;

	if (x->mtime != y->mtime)
		return x->mtime > y->mtime ? -1 : 1;
	return -strcmp(x->name, y->name);
}

/* The file's name as a cache file name: [A-Za-z0-9._-] only, no leading dot. */
static void
cache_name(const struct logsvc_file *f, char *buf, size_t size)
{
	const char *base = strrchr(f->path, '/');
	size_t i;

	base = f->name[0] ? f->name : base ? base + 1 : f->path;
	for (i = 0; base[i] != '\0' && i + 1 < size; i++) {
		char c = base[i];

		buf[i] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    (c == '.' && i > 0)) ? c : '_';
	}
	buf[i] = '\0';
}

/*
 * Keep a fetched file: written to a temporary file without the lock, moved
 * in as name under it (a longer copy a concurrent run moved in stays).
 * 0 or -1 with err.
 */
static int
cache_store(struct cache *c, const char *name, const char *data, size_t len,
    double mtime, char *err, size_t errlen)
{
	char tmp[CACHEDIR_TEMP_MAX];
	int fd, rc;

	if ((fd = cachedir_temp(&c->dir, tmp, sizeof(tmp), err, errlen)) < 0)
		return -1;
	if (cachedir_fill(fd, data, len, mtime) != 0) {
		snprintf(err, errlen, "cache %s/%s: %s", c->dir.path, name,
		    strerror(errno));
		cachedir_discard(&c->dir, fd, tmp);
		return -1;
	}
	deadline_step("waiting for the cache's lock");
	if (cachedir_lock(&c->dir, c->lock_fd, lock_wait(), err,
	    errlen) != 0) {
		cachedir_discard(&c->dir, fd, tmp);
		return -1;
	}
	rc = cachedir_commit(&c->dir, fd, tmp, name, err, errlen);
	cachedir_unlock(c->lock_fd);
	return rc;
}

/*
 * Is this answer to GetOneFile on logcollectionservice2 the sign that the
 * service or operation is not there (a CUC before it): HTTP 404, or a
 * fault saying the endpoint or operation is unknown (logsvc.h)?  Anything
 * else (401, 403, a missing file) is CUC's answer and no reason to try
 * the older service.
 */
static bool
current_absent(struct http_response *resp)
{
	struct soap_parts parts;
	char why[300], fault[512];

	if (resp->status == 404)
		return true;
	if (resp->status == 401 || resp->status == 403 || resp->body_cut)
		return false;
	return soap_parts_split(resp->body ? resp->body : (char *)"",
	    resp->body_len, resp->content_type, &parts, why,
	    sizeof(why)) == 0 && logsvc_fault(parts.soap, parts.soap_len,
	    fault, sizeof(fault)) == 1 && logsvc_fault_absent(fault);
}

/*
 * The file's bytes in an answer: MTOM/XOP (the part the envelope's
 * xop:Include names) from the current service; DIME or MIME (the record
 * or part after the envelope) from the older one.  0 or -1 with err.
 */
static int
file_bytes(const struct cucsvc_opts *o, struct http_response *resp,
    bool current, const char *what, struct soap_parts *parts, char *err,
    size_t errlen)
{
	char cid[512], boundary[DIME_BOUNDARY_MAX + 1], why[300];
	int rc;

	if (answer_parts(o, resp, what, parts, err, errlen) != 0)
		return -1;
	if (!current || parts->nparts < 2)
		return 0;
	rc = logsvc_xop_cid(parts->soap, parts->soap_len, cid, sizeof(cid));
	if (rc < 0) {
		snprintf(err, errlen, "%s: an unusable xop:Include href in "
		    "the answer", what);
		return -1;
	}
	if (rc == 0)
		return 0;	/* no reference: the part after the envelope */
	if (multipart_boundary(resp->content_type, boundary,
	    sizeof(boundary)) != 0 || multipart_parse_cid(resp->body,
	    resp->body_len, boundary, cid, parts, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "%s: %s", what, why);
		return -1;
	}
	return 0;
}

static int
fetch_one(struct session *ss, struct cache *c, const struct logsvc_file *f,
    const char *name, char *err, size_t errlen)
{
	const struct cucsvc_opts *o = ss->o;
	struct http_response resp;
	struct soap_parts parts;
	char req[REQ_MAX], what[LOGSVC_NAME_MAX + 32];
	bool current;
	int n;

	snprintf(what, sizeof(what), "GetOneFile %s", f->name);
	if (f->has_size && f->size > o->max_file) {
		snprintf(err, errlen, "%s is %llu bytes, above --cuc-max-file "
		    "(%llu)", f->name, f->size, o->max_file);
		return -1;
	}
	deadline_step("fetching a log file from CUC");
	if (ss->ep != EP_LEGACY) {
		n = logsvc_getfile2_request(req, sizeof(req), f->path);
		if (n < 0 || (size_t)n >= sizeof(req))
			goto toolong;
		if (soap_call(ss, LOGSVC_SELECT_PATH, LOGSVC_GETFILE2_ACTION,
		    req, (size_t)o->max_file + ENVELOPE_ROOM, what, &resp,
		    err, errlen) != 0)
			return -1;
		ss->r->fetched += resp.body_len;
		if (ss->ep == EP_UNKNOWN && current_absent(&resp)) {
			http_response_free(&resp);
			ss->ep = EP_LEGACY;
		} else
			ss->ep = EP_CURRENT;
	}
	if (ss->ep == EP_LEGACY) {
		ss->r->legacy_getfile = true;
		n = logsvc_getfile_request(req, sizeof(req), f->path);
		if (n < 0 || (size_t)n >= sizeof(req))
			goto toolong;
		if (soap_call(ss, LOGSVC_GETFILE_PATH, LOGSVC_GETFILE_ACTION,
		    req, (size_t)o->max_file + ENVELOPE_ROOM, what, &resp,
		    err, errlen) != 0)
			return -1;
		ss->r->fetched += resp.body_len;
		ss->legacy_404 = resp.status == 404;
	}
	current = ss->ep == EP_CURRENT;
	if (file_bytes(o, &resp, current, what, &parts, err, errlen) != 0)
		goto fail;
	if (parts.attach == NULL) {
		snprintf(err, errlen, "%s: no attachment in the answer", what);
		goto fail;
	}
	if (parts.attach_len > o->max_file) {
		snprintf(err, errlen, "%s is %zu bytes, above --cuc-max-file "
		    "(%llu)", f->name, parts.attach_len, o->max_file);
		goto fail;
	}
	if (cache_store(c, name, parts.attach, parts.attach_len, f->mtime,
	    err, errlen) != 0)
		goto fail;
	http_response_free(&resp);
	return 0;
fail:
	http_response_free(&resp);
	return -1;
toolong:
	snprintf(err, errlen, "cannot build the GetOneFile request for %s",
	    f->name);
	return -1;
}

/* Trim's keep(): is name one of this run's files (r->paths, in dir)? */
struct in_use {
	const struct cucsvc_result	*r;
	const char			*dir;
};

static bool
in_use(const char *name, const void *arg)
{
	const struct in_use *u = arg;
	size_t i, dl = strlen(u->dir);

	for (i = 0; i < u->r->count; i++)
		if (strncmp(u->r->paths[i], u->dir, dl) == 0 &&
		    u->r->paths[i][dl] == '/' &&
		    strcmp(u->r->paths[i] + dl + 1, name) == 0)
			return true;
	return false;
}

/* Is the cached copy sb the listed file (size and time agree)? */
static bool
cached_ok(const struct stat *sb, const struct logsvc_file *f)
{
	if (f->has_size && (unsigned long long)sb->st_size != f->size)
		return false;
	return sb->st_mtime == (time_t)f->mtime;
}

/* Choose, fetch or reuse, and list the local copies in r. */
static int
fetch_needed(struct session *ss, const struct cucsvc_query *q,
    struct cache *c, struct logsvc_list *l, char *err, size_t errlen)
{
	struct cucsvc_result *r = ss->r;
	char name[256], path[PATH_BUF];
	struct stat sb;
	unsigned older = 0;
	size_t i;
	int rc;

	if ((r->paths = calloc(l->count ? l->count : 1,
	    sizeof(*r->paths))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < l->count; i++) {
		const struct logsvc_file *f = &l->files[i];

		/* A file ends at its mtime: older ones end before `from`. */
		if (i > 0 && f->mtime < q->from && older++ >= q->older)
			break;
		cache_name(f, name, sizeof(name));
		if (join_path(path, sizeof(path), c->dir.path, name) != 0) {
			snprintf(err, errlen, "cache path too long for %s",
			    f->name);
			return -1;
		}
		/* Planted, or not ours: refused, never read nor replaced. */
		if ((rc = cachedir_stat(&c->dir, name, &sb, err, errlen)) < 0)
			return -1;
		/* The newest file is still being written: always fetch it. */
		if (i > 0 && rc == 1 && cached_ok(&sb, f))
			r->cached_files++;
		else {
			if (fetch_one(ss, c, f, name, err, errlen) != 0)
				return -1;
			r->fetched_files++;
		}
		if ((r->paths[r->count] = strdup(path)) == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		r->count++;
	}
	return 0;
}

/*
 * Keep the files matching the pattern and with a date, in UTC (the zone
 * read against CUC's clock: zoneabbr.h); newest first.
 */
static int
select_files(const struct session *ss, const struct cucsvc_query *q,
    struct logsvc_list *l, char *err, size_t errlen)
{
	struct zoneabbr_known known;
	char why[400], label[TZ_NAME_MAX + 32], off[16];

	size_t i, k = 0;

	for (i = 0; i < l->count; i++) {
		if (q->name_pattern != NULL &&
		    fnmatch(q->name_pattern, l->files[i].name, 0) != 0)
			continue;
		if (!l->files[i].has_mtime) {
			snprintf(err, errlen, "selectLogFiles: %s has no "
			    "modifiedDate", l->files[i].name);
			return -1;
		}
		if (k != i)
			l->files[k] = l->files[i];
		k++;
	}
	l->count = k;
	/* A healthy CUC log is written within ZONEABBR_MAX_AGE. */
	if (q->zone != NULL) {
		if (q->zone->kind == TZ_NAMED)
			snprintf(label, sizeof(label), "--timezone %s",
			    q->zone->name);
		else {
			tz_format_offset(q->zone->offset, off, sizeof(off));
			snprintf(label, sizeof(label), "--tz-offset %s", off);
		}
		known.zone = q->zone;
		known.offset_at = tz_offset_at;
		known.abbr_at = tz_abbr_at;
		known.label = label;
	}
	if (logsvc_resolve_mtimes_in(l, ss->server_now, ss->has_now, 0,
	    q->zone != NULL ? &known : NULL, ss->r->zone_note,
	    sizeof(ss->r->zone_note), why, sizeof(why)) != 0) {
		snprintf(err, errlen, "selectLogFiles: %s", why);
		return -1;
	}
	if (l->count > 1)
		qsort(l->files, l->count, sizeof(*l->files), by_newest);
	return 0;
}

/*
 * The GetOneFile endpoint a past run fell back to, kept in the host
 * directory (".getfile", "legacy"): it spares an older CUC the current
 * service's 404 on every run.  Only the fallback is kept: the current
 * service is tried afresh each run.  Best effort both ways.
 */
static enum getfile_ep
endpoint_load(const struct cache *c)
{
	char buf[16], err[PATH_BUF + 200];
	struct stat sb;
	ssize_t n;
	int fd;

	if (cachedir_stat(&c->dir, ".getfile", &sb, err, sizeof(err)) != 1 ||
	    (fd = openat(c->dir.fd, ".getfile", O_RDONLY | O_CLOEXEC |
	    O_NOFOLLOW | O_NONBLOCK)) < 0)
		return EP_UNKNOWN;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return EP_UNKNOWN;
	buf[n] = '\0';
	return strcmp(buf, "legacy\n") == 0 ? EP_LEGACY : EP_UNKNOWN;
}

/*
 * Keep a new fallback; forget one the older service no longer serves.
 * Under the lock, as every change to the directory.
 */
static void
endpoint_save(const struct cache *c, enum getfile_ep was, enum getfile_ep now,
    bool legacy_404)
{
	static const char text[] = "legacy\n";
	int fd;

	if (was == EP_LEGACY && legacy_404) {
		(void)unlinkat(c->dir.fd, ".getfile", 0);
		return;
	}
	if (now != EP_LEGACY || was == EP_LEGACY ||
	    (fd = openat(c->dir.fd, ".getfile", O_WRONLY | O_CREAT | O_TRUNC |
	    O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600)) < 0)
		return;
	if (write(fd, text, sizeof(text) - 1) < 0) {
		/* best effort: the next run tries again */
	}
	close(fd);
}

/*
 * Every run ends here, answered or failed half-way: under the lock
 * (waited for within -t), the fallback kept, killed runs' temporary files
 * removed and the bound enforced, never on this run's files.  Without the
 * lock in time, the next run does it.
 */
static void
cache_finish(const struct cucsvc_opts *o, struct cache *c,
    const struct session *ss, enum getfile_ep was)
{
	struct in_use u = { ss->r, c->dir.path };
	char err[PATH_BUF + 200];

	deadline_step("waiting for the cache's lock");
	if (cachedir_lock(&c->dir, c->lock_fd, lock_wait(), err,
	    sizeof(err)) == 0) {
		endpoint_save(c, was, ss->ep, ss->legacy_404);
		cachedir_trim(&c->dir, o->cache_size, in_use, &u);
		cachedir_unlock(c->lock_fd);
	}
	cache_close(c);
}

int
cucsvc_fetch(const struct cucsvc_opts *o, const struct cucsvc_query *q,
    struct cucsvc_result *r, char *err, size_t errlen)
{
	struct session ss;
	struct logsvc_list list = { NULL, 0 };
	struct cache cache;
	double t0 = monotonic_now();
	enum getfile_ep was = EP_UNKNOWN;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	deadline_step("opening the cache directory");
	if (cache_open(o, &cache, err, errlen) != 0)
		return -1;
	memset(&ss, 0, sizeof(ss));
	ss.o = o;
	ss.r = r;
	ss.ep = endpoint_load(&cache);
	was = ss.ep;
	if ((ss.hc = http_client_new(err, errlen)) == NULL)
		goto out;
	if (list_files(&ss, q, &list, err, errlen) != 0 ||
	    select_files(&ss, q, &list, err, errlen) != 0)
		goto out;
	/* No file at all is no error: the plugin says what silence means. */
	r->listed = (unsigned)list.count;
	if (fetch_needed(&ss, q, &cache, &list, err, errlen) != 0)
		goto out;
	rc = 0;
out:
	cache_finish(o, &cache, &ss, was);
	r->fetch_time = monotonic_now() - t0;
	logsvc_list_free(&list);
	http_client_free(ss.hc);
	deadline_step(NULL);
	return rc;
}

void
cucsvc_result_free(struct cucsvc_result *r)
{
	size_t i;

	for (i = 0; r->paths != NULL && i < r->count; i++)
		free(r->paths[i]);
	free(r->paths);
	r->paths = NULL;
	r->count = 0;
}

void
cucsvc_perf(struct report *rep, double fetch_time, unsigned long long fetched)
{
	struct perf p;

	memset(&p, 0, sizeof(p));
	p.label = "fetch_time";
	p.value = fetch_time;
	p.uom = "s";
	p.decimals = 3;
	p.has_min = true;
	(void)report_perf(rep, &p);
	p.label = "fetched";
	p.value = (double)fetched;
	p.uom = "B";
	p.decimals = 0;
	(void)report_perf(rep, &p);
}

void
cucsvc_details(struct report *rep, const struct cucsvc_result *r)
{
	char skew[64], d[32];
	double diff = r->server_now - r->client_now;

	if (r->server_now <= 0)
		snprintf(skew, sizeof(skew), "no Date from CUC");
	else if (diff > -1 && diff < 1)
		snprintf(skew, sizeof(skew), "CUC's clock agrees with ours");
	else {
		numfmt(d, sizeof(d), diff < 0 ? -diff : diff, 0);
		snprintf(skew, sizeof(skew), "CUC's clock %s s %s ours", d,
		    diff > 0 ? "ahead of" : "behind");
	}
	report_detail(rep, "--cuc: %u requests, %s selection, GetOneFile %s, "
	    "%u listed, %u fetched, %u cached; %s", r->requests, r->absolute ?
	    "absolute (FromDate/ToDate)" : "relative (RelText/RelTime)",
	    r->legacy_getfile ? "on DimeGetFileService" : r->fetched_files >
	    0 ? "on logcollectionservice2" : "not needed", r->listed,
	    r->fetched_files, r->cached_files, skew);
	if (r->zone_note[0] != '\0')
		report_detail(rep, "--cuc: modifiedDate zone %s", r->zone_note);
}
