/*
 * http.h - HTTP(S), SFTP and file:// transfers through libcurl, loaded on
 * first use.
 *
 * The plugins are not linked against libcurl: loading it and its 30-odd
 * shared objects costs more than a whole TCP check, so http_client_new()
 * dlopen()s it only when a run actually makes a request.
 */
#ifndef CUC_HTTP_H
#define CUC_HTTP_H

#include <stdbool.h>
#include <stddef.h>

struct http_client;	/* one per run; connections are reused across requests */

struct http_request {
	const char		*url;
	const char		*method;	/* NULL: GET, or POST when body is set */
	const char		*body;		/* NULL: none */
	size_t			 body_len;
	const char *const	*headers;	/* NULL-terminated "Name: value" list, or NULL */
	double			 timeout;	/* seconds for the whole transfer (> 0) */
	double			 connect_timeout;	/* seconds, 0: same as timeout */
	int			 ip_version;	/* 0 any, 4, 6 */
	bool			 insecure;	/* skip TLS verification */
	const char		*ca_cert;	/* CA bundle file, or NULL */
	const char		*netrc_file;	/* credentials from this netrc, or NULL */
	const char		*userpwd;	/* "user:password" for Basic auth, or NULL */
	size_t			 max_body;	/* cap on the body kept (0: 1 MiB) */
};

struct http_response {
	long	 status;		/* HTTP status, 0 when none arrived */
	char	 server[128];		/* Server header, "" if none */
	char	 content_type[256];	/* room for multipart parameters */
	char	 date[64];		/* Date header, "" if none */
	char	*body;			/* NUL-terminated, malloc'd; NULL if none */
	size_t	 body_len;
	bool	 body_cut;		/* more than max_body arrived */
	double	 connect_time;		/* seconds */
	double	 total_time;
	int	 error;			/* 0, or the libcurl error code */
	char	 message[256];		/* libcurl's message when error != 0 */
};

/*
 * Load libcurl and make a client.  Returns NULL with the reason ("cannot
 * load libcurl.so.4: ...") in err.
 */
struct http_client *http_client_new(char *err, size_t errlen);
void http_client_free(struct http_client *);

/*
 * Make one request.  Returns 0 when a response (any status) arrived, -1
 * when the transfer failed (resp->error and resp->message say why).
 * Free the response with http_response_free().
 */
int http_perform(struct http_client *, const struct http_request *,
    struct http_response *resp);
void http_response_free(struct http_response *);

/*
 * An HTTP Date (RFC 7231 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"):
 * the server's clock.  Returns 0 with the epoch, or -1.
 */
int http_date_parse(const char *s, double *epoch);

/*
 * URLs the user gives.  The only '@' after "scheme://" may be the one that
 * ends "user:password@", before the first '/', '?' or '#': anything else
 * is ambiguous (libcurl and a reader could split it elsewhere, and the
 * part shown as the host would hold the password).  Returns 0, or -1 with
 * the rule in *why (which never quotes the URL).
 */
int http_url_check(const char *url, const char **why);

/* Whether url carries "user:password@". */
bool http_url_has_password(const char *url);

/*
 * The URL for messages and -v: url without "user:password@"; a URL that
 * fails http_url_check() shows its scheme only.
 */
void http_url_display(char *buf, size_t size, const char *url);

#endif
