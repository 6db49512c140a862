/*
 * http.c - libcurl, loaded with dlopen() when a run first needs it.
 *
 * Linking libcurl would make every plugin run load it and the 30-odd
 * libraries behind it (TLS, GSSAPI, LDAP, ...) even for a plain TCP
 * check; see http.h.  curl.h is included for its constants and types only.
 * Nothing here prints: failures go back in the response or err.
 */
#define CURL_DISABLE_TYPECHECK
#define CURL_NO_OLDIES
#define CURL_DISABLE_DEPRECATION

#include <curl/curl.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http.h"
#include "timeparse.h"

#define HTTP_LIBCURL		"libcurl.so.4"
#define HTTP_DEFAULT_MAX_BODY	(1024UL * 1024)
#define HTTP_PROTOCOLS		"http,https,sftp,file"

struct http_client {
	void		*lib;
	CURLcode	(*global_init)(long);
	CURL		*(*easy_init)(void);
	CURLcode	(*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode	(*easy_perform)(CURL *);
	CURLcode	(*easy_getinfo)(CURL *, CURLINFO, ...);
	void		(*easy_cleanup)(CURL *);
	void		(*easy_reset)(CURL *);
	const char	*(*easy_strerror)(CURLcode);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void		(*slist_free_all)(struct curl_slist *);
	CURL		*easy;
	char		 errbuf[CURL_ERROR_SIZE];
};

/* What the callbacks of one transfer write into. */
struct transfer {
	struct http_response	*resp;
	size_t			 cap;
	size_t			 alloc;
};

/* dlsym() into a function pointer without an object/function pointer cast. */
static int
load_symbol(void *lib, const char *name, void *fnptr, char *err,
    size_t errlen)
{
	void *sym = dlsym(lib, name);

	if (sym == NULL) {
		snprintf(err, errlen, "cannot load libcurl: %s missing", name);
		return -1;
	}
	memcpy(fnptr, &sym, sizeof(sym));
	return 0;
}

static int
load_curl(struct http_client *c, char *err, size_t errlen)
{
	const char *why;

	if ((c->lib = dlopen(HTTP_LIBCURL, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		why = dlerror();
		snprintf(err, errlen, "cannot load %s: %s", HTTP_LIBCURL,
		    why ? why : "unknown error");
		return -1;
	}
	if (load_symbol(c->lib, "curl_global_init", &c->global_init, err,
	    errlen) != 0 ||
	    load_symbol(c->lib, "curl_easy_init", &c->easy_init, err,
	    errlen) != 0 ||
	    load_symbol(c->lib, "curl_easy_setopt", &c->easy_setopt, err,
	    errlen) != 0 ||
	    load_symbol(c->lib, "curl_easy_perform", &c->easy_perform, err,
	    errlen) != 0 ||
	    load_symbol(c->lib, "curl_easy_getinfo", &c->easy_getinfo, err,
	    errlen) != 0 ||
	    load_symbol(c->lib, "curl_easy_cleanup", &c->easy_cleanup, err,
	    errlen) != 0 ||
	    load_symbol(c->lib, "curl_easy_reset", &c->easy_reset, err,
	    errlen) != 0 ||
	    load_symbol(c->lib, "curl_easy_strerror", &c->easy_strerror, err,
	    errlen) != 0 ||
	    load_symbol(c->lib, "curl_slist_append", &c->slist_append, err,
	    errlen) != 0 ||
	    load_symbol(c->lib, "curl_slist_free_all", &c->slist_free_all, err,
	    errlen) != 0)
		return -1;
	return 0;
}

struct http_client *
http_client_new(char *err, size_t errlen)
{
	struct http_client *c;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (load_curl(c, err, errlen) != 0)
		goto fail;
	if (c->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(err, errlen, "libcurl: global initialisation failed");
		goto fail;
	}
	if ((c->easy = c->easy_init()) == NULL) {
		snprintf(err, errlen, "libcurl: cannot create a handle");
		goto fail;
	}
	return c;
fail:
	/* libcurl stays mapped: unloading TLS libraries is not safe. */
	free(c);
	return NULL;
}

void
http_client_free(struct http_client *c)
{
	if (c == NULL)
		return;
	if (c->easy != NULL)
		c->easy_cleanup(c->easy);
	free(c);
}

void
http_response_free(struct http_response *resp)
{
	free(resp->body);
	resp->body = NULL;
	resp->body_len = 0;
}

/* Copy a header's value (after "Name:"), trimmed, into dst. */
static void
header_value(char *dst, size_t size, const char *p, size_t n)
{
	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == '\n' ||
	    p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(dst, p, n);
	dst[n] = '\0';
}

static size_t
on_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct transfer *t = arg;
	size_t n = size * nmemb;

	/* A new status line (after 100 Continue, a redirect): start over. */
	if (n >= 5 && memcmp(data, "HTTP/", 5) == 0) {
		t->resp->server[0] = '\0';
		t->resp->content_type[0] = '\0';
		t->resp->date[0] = '\0';
	} else if (n > 5 && strncasecmp(data, "Date:", 5) == 0)
		header_value(t->resp->date, sizeof(t->resp->date), data + 5,
		    n - 5);
	else if (n > 7 && strncasecmp(data, "Server:", 7) == 0)
		header_value(t->resp->server, sizeof(t->resp->server),
		    data + 7, n - 7);
	else if (n > 13 && strncasecmp(data, "Content-Type:", 13) == 0)
		header_value(t->resp->content_type,
		    sizeof(t->resp->content_type), data + 13, n - 13);
	return n;
}

static size_t
on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct transfer *t = arg;
	struct http_response *r = t->resp;
	size_t n = size * nmemb, keep = n, want;
	char *nbody;

	if (r->body_len + n > t->cap) {
		keep = t->cap - r->body_len;
		r->body_cut = true;
	}
	if (r->body_len + keep + 1 > t->alloc) {
		want = t->alloc ? t->alloc : 16384;
		while (want < r->body_len + keep + 1)
			want *= 2;
		if (want > t->cap + 1)
			want = t->cap + 1;
		if ((nbody = realloc(r->body, want)) == NULL)
			return 0;	/* aborts the transfer */
		r->body = nbody;
		t->alloc = want;
	}
	memcpy(r->body + r->body_len, data, keep);
	r->body_len += keep;
	r->body[r->body_len] = '\0';
	/* Returning less than n aborts: we have all we will keep. */
	return r->body_cut ? 0 : n;
}

static long
seconds_ms(double s)
{
	if (s <= 0)
		return 1;
	if (s > 86400.0)
		return 86400000L;
	return (long)(s * 1000.0 + 0.5) > 0 ? (long)(s * 1000.0 + 0.5) : 1;
}

/* The user's ~/.ssh/known_hosts (a path that does not exist if HOME is unset). */
static const char *
known_hosts(char *buf, size_t size)
{
	const char *home = getenv("HOME");

	if (home == NULL || *home == '\0')
		home = "/nonexistent";
	snprintf(buf, size, "%s/.ssh/known_hosts", home);
	return buf;
}

/* The options of one request; returns the first failing setopt's code. */
static CURLcode
set_options(struct http_client *c, const struct http_request *rq,
    struct transfer *t, struct curl_slist *headers)
{
	CURL *h = c->easy;
	CURLcode rc = CURLE_OK;
	char knownhosts[1024];

#define SET(opt, val) do { \
		if (rc == CURLE_OK) \
			rc = c->easy_setopt(h, opt, val); \
	} while (0)
	SET(CURLOPT_URL, rq->url);
	SET(CURLOPT_NOSIGNAL, 1L);	/* the deadline guard owns SIGALRM */
	SET(CURLOPT_NOPROGRESS, 1L);
	SET(CURLOPT_ERRORBUFFER, c->errbuf);
	SET(CURLOPT_TIMEOUT_MS, seconds_ms(rq->timeout));
	SET(CURLOPT_CONNECTTIMEOUT_MS, seconds_ms(rq->connect_timeout > 0 ?
	    rq->connect_timeout : rq->timeout));
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, t);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, t);
	SET(CURLOPT_USERAGENT, "cuc-single-inbox-plugins/" CUC_VERSION);
	SET(CURLOPT_HTTPHEADER, headers);
	SET(CURLOPT_IPRESOLVE, rq->ip_version == 4 ? CURL_IPRESOLVE_V4 :
	    rq->ip_version == 6 ? CURL_IPRESOLVE_V6 : CURL_IPRESOLVE_WHATEVER);
	if (rc == CURLE_OK &&
	    c->easy_setopt(h, CURLOPT_PROTOCOLS_STR, HTTP_PROTOCOLS) ==
	    CURLE_UNKNOWN_OPTION)	/* libcurl before 7.85 */
		rc = c->easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP |
		    CURLPROTO_HTTPS | CURLPROTO_SFTP | CURLPROTO_FILE));
	if (rq->body != NULL) {
		SET(CURLOPT_POST, 1L);
		SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)rq->body_len);
		SET(CURLOPT_POSTFIELDS, rq->body);
	}
	if (rq->method != NULL && strcmp(rq->method, rq->body ? "POST" :
	    "GET") != 0)
		SET(CURLOPT_CUSTOMREQUEST, rq->method);
	if (rq->insecure) {
		SET(CURLOPT_SSL_VERIFYPEER, 0L);
		SET(CURLOPT_SSL_VERIFYHOST, 0L);
	}
	if (rq->ca_cert != NULL)
		SET(CURLOPT_CAINFO, rq->ca_cert);
	/*
	 * libcurl takes any SFTP host key unless given a known_hosts file;
	 * with one and no key callback it refuses a key it does not find
	 * there, as ssh does.  --insecure is the explicit way out.
	 */
	if (!rq->insecure && strncasecmp(rq->url, "sftp:", 5) == 0)
		SET(CURLOPT_SSH_KNOWNHOSTS, known_hosts(knownhosts,
		    sizeof(knownhosts)));
	if (rq->netrc_file != NULL) {
		SET(CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
		SET(CURLOPT_NETRC_FILE, rq->netrc_file);
	}
	if (rq->userpwd != NULL)
		SET(CURLOPT_USERPWD, rq->userpwd);
#undef SET
	return rc;
}

/* Headers of the request: the caller's, and no "Expect: 100-continue". */
static int
build_headers(struct http_client *c, const struct http_request *rq,
    struct curl_slist **out)
{
	struct curl_slist *list = NULL, *next;
	const char *const *hp;

	/* Waiting for 100 Continue costs a round trip or a second. */
	if ((list = c->slist_append(NULL, "Expect:")) == NULL)
		return -1;
	for (hp = rq->headers; hp != NULL && *hp != NULL; hp++) {
		if ((next = c->slist_append(list, *hp)) == NULL) {
			c->slist_free_all(list);
			return -1;
		}
		list = next;
	}
	*out = list;
	return 0;
}

int
http_perform(struct http_client *c, const struct http_request *rq,
    struct http_response *resp)
{
	struct curl_slist *headers = NULL;
	struct transfer t;
	CURLcode rc;
	double d;

	memset(resp, 0, sizeof(*resp));
	memset(&t, 0, sizeof(t));
	t.resp = resp;
	t.cap = rq->max_body ? rq->max_body : HTTP_DEFAULT_MAX_BODY;
	c->errbuf[0] = '\0';
	/* Reset options but keep the handle's connections for reuse. */
	c->easy_reset(c->easy);
	if (build_headers(c, rq, &headers) != 0) {
		resp->error = CURLE_OUT_OF_MEMORY;
		snprintf(resp->message, sizeof(resp->message), "out of memory");
		return -1;
	}
	rc = set_options(c, rq, &t, headers);
	if (rc == CURLE_OK)
		rc = c->easy_perform(c->easy);
	c->easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &resp->status);
	if (c->easy_getinfo(c->easy, CURLINFO_CONNECT_TIME, &d) == CURLE_OK)
		resp->connect_time = d;
	if (c->easy_getinfo(c->easy, CURLINFO_TOTAL_TIME, &d) == CURLE_OK)
		resp->total_time = d;
	/* Detach our list before freeing it: the handle outlives the call. */
	c->easy_setopt(c->easy, CURLOPT_HTTPHEADER, (struct curl_slist *)NULL);
	c->slist_free_all(headers);
	if (rc == CURLE_WRITE_ERROR && resp->body_cut)
		rc = CURLE_OK;	/* we stopped it on purpose */
	if (rc == CURLE_OK)
		return 0;
	resp->error = (int)rc;
	/* libcurl's words for this ("SSL peer certificate or SSH remote
	 * key was not OK") do not say where to look. */
	if (rc == CURLE_PEER_FAILED_VERIFICATION && !rq->insecure &&
	    strncasecmp(rq->url, "sftp:", 5) == 0) {
		char kh[1024];

		snprintf(resp->message, sizeof(resp->message), "SSH host key "
		    "not in %.200s or does not match it",
		    known_hosts(kh, sizeof(kh)));
		return -1;
	}
	snprintf(resp->message, sizeof(resp->message), "%s",
	    c->errbuf[0] ? c->errbuf : c->easy_strerror(rc));
	return -1;
}

int
http_date_parse(const char *s, double *epoch)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char wd[4], mon[4], zone[4];
	int d, y, h, mi, sec, used = 0;
	unsigned k;

	if (sscanf(s, "%3[A-Za-z], %2d %3[A-Za-z] %4d %2d:%2d:%2d %3[A-Z]%n",
	    wd, &d, mon, &y, &h, &mi, &sec, zone, &used) != 8 ||
	    s[used] != '\0' || strcmp(zone, "GMT") != 0)
		return -1;
	for (k = 0; k < 12; k++)
		if (strncmp(mon, months + 3 * k, 3) == 0)
			break;
	if (k == 12 || d < 1 || d > 31 || y < 1970 || h > 23 || mi > 59 ||
	    sec > 60)
		return -1;
	*epoch = (double)(days_from_civil(y, k + 1, (unsigned)d) * 86400 +
	    h * 3600 + mi * 60 + sec);
	return 0;
}

static bool
ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * After "scheme://", or NULL when url does not start with one.  A scheme
 * is RFC 3986's: a letter, then letters, digits, '+', '-' or '.'.  The
 * first "://" anywhere would not do: in "admin:pw@cuc1://x" it would make
 * "admin:pw@cuc1" the scheme, shown as such.
 */
static const char *
url_after_scheme(const char *url)
{
	const char *p = url;

	if (!ascii_letter(*p))
		return NULL;
	while (ascii_letter(*p) || (*p >= '0' && *p <= '9') || *p == '+' ||
	    *p == '-' || *p == '.')
		p++;
	return strncmp(p, "://", 3) == 0 ? p + 3 : NULL;
}

int
http_url_check(const char *url, const char **why)
{
	const char *rest = url_after_scheme(url), *at;
	size_t host_len;

	if (rest == NULL) {
		*why = "no scheme:// in it";
		return -1;
	}
	host_len = strcspn(rest, "/?#");
	at = strchr(rest, '@');
	if (at != NULL && (at >= rest + host_len || strchr(at + 1, '@'))) {
		*why = "an @ may only end user:password@ before the host (write "
		    "any other as %40; / ? # @ in a password as %2F %3F %23 "
		    "%40)";
		return -1;
	}
	return 0;
}

bool
http_url_has_password(const char *url)
{
	const char *rest = url_after_scheme(url), *at, *colon;

	if (rest == NULL || (at = strchr(rest, '@')) == NULL)
		return false;
	colon = strchr(rest, ':');
	return colon != NULL && colon < at;
}

void
http_url_display(char *buf, size_t size, const char *url)
{
	const char *rest = url_after_scheme(url), *at, *why;

	if (rest == NULL && strchr(url, '@') != NULL)
		/* no scheme (forgotten?): "user:password@host" as typed */
		snprintf(buf, size, "(not shown: it holds an at sign)");
	else if (rest == NULL || (at = strchr(rest, '@')) == NULL)
		snprintf(buf, size, "%s", url);
	else if (http_url_check(url, &why) == 0)
		snprintf(buf, size, "%.*s%s", (int)(rest - url), url, at + 1);
	else
		snprintf(buf, size, "%.*s(the rest not shown)", (int)(rest -
		    url), url);
}
