/*
 * test_http.c - the dlopen()ed libcurl client against a tiny HTTP server
 * forked on 127.0.0.1: headers captured, body cap, POST with headers, no
 * Expect, connection reuse, timeouts, refused, protocols allowed, auth.
 *
 * The server forks a child per connection; the child knows the number of
 * its connection, which /conn returns, so reuse is visible.
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <cmocka.h>

#include "http.h"

#define REQ_MAX	16384

static pid_t	server_pid;
static char	base[64];	/* "http://127.0.0.1:PORT" */
static int	base_port;

static void
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0 && (w = write(fd, p, n)) > 0) {
		p += w;
		n -= (size_t)w;
	}
}

static void
respond(int fd, const char *status, const char *extra, const char *body,
    size_t len)
{
	char head[1024];

	snprintf(head, sizeof(head), "HTTP/1.1 %s\r\n%sContent-Length: %zu\r\n"
	    "\r\n", status, extra, len);
	write_all(fd, head, strlen(head));
	write_all(fd, body, len);
}

/* A header's value in req (case-insensitive name), "-" when absent. */
static void
header(const char *req, const char *name, char *out, size_t size)
{
	const char *p = req;
	size_t n = strlen(name), k;

	snprintf(out, size, "-");
	while ((p = strstr(p, "\r\n")) != NULL) {
		p += 2;
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			while (*p == ' ')
				p++;
			k = strcspn(p, "\r\n");
			snprintf(out, size, "%.*s", (int)k, p);
			return;
		}
	}
}

/* Serve requests on one connection until the client closes it. */
static void
serve_conn(int fd, int conn)
{
	char req[REQ_MAX + 1], path[256], method[16], cl[32], msg[REQ_MAX];
	char soap[256], expect[64], auth[128], *big;
	char scratch[8192];
	size_t used = 0, hlen, blen, got;
	ssize_t n;
	char *end;

	req[0] = '\0';
	for (;;) {
		while ((end = strstr(req, "\r\n\r\n")) == NULL || used == 0) {
			n = read(fd, req + used, REQ_MAX - used);
			if (n <= 0)
				return;
			used += (size_t)n;
			req[used] = '\0';
		}
		hlen = (size_t)(end - req) + 4;
		header(req, "Content-Length", cl, sizeof(cl));
		blen = cl[0] == '-' ? 0 : (size_t)atol(cl);
		/* The body is counted and dropped: it may be megabytes. */
		got = used - hlen < blen ? used - hlen : blen;
		while (got < blen) {
			n = read(fd, scratch, sizeof(scratch) < blen - got ?
			    sizeof(scratch) : blen - got);
			if (n <= 0)
				return;
			got += (size_t)n;
		}
		if (sscanf(req, "%15s %255s", method, path) != 2)
			return;
		if (strcmp(path, "/ok") == 0)
			respond(fd, "200 OK", "Server: Jetty(8.1.14.v20131031)\r\n"
			    "Content-Type: text/xml; charset=utf-8\r\n", "hello", 5);
		else if (strcmp(path, "/404") == 0)
			respond(fd, "404 Not Found", "", "", 0);
		else if (strcmp(path, "/conn") == 0) {
			snprintf(msg, sizeof(msg), "%d", conn);
			respond(fd, "200 OK", "", msg, strlen(msg));
		} else if (strcmp(path, "/echo") == 0) {
			header(req, "SOAPAction", soap, sizeof(soap));
			header(req, "Expect", expect, sizeof(expect));
			header(req, "Authorization", auth, sizeof(auth));
			snprintf(msg, sizeof(msg), "%s|%s|%s|%s|%zu", method,
			    soap, expect, auth, blen);
			respond(fd, "200 OK", "", msg, strlen(msg));
		} else if (strcmp(path, "/big") == 0) {
			big = malloc(200000);
			memset(big, 'x', 200000);
			respond(fd, "200 OK", "", big, 200000);
			free(big);
		} else if (strcmp(path, "/continue") == 0) {
			snprintf(msg, sizeof(msg), "HTTP/1.1 100 Continue\r\n"
			    "Server: early\r\n\r\n");
			write_all(fd, msg, strlen(msg));
			respond(fd, "200 OK", "", "", 0);
		} else if (strcmp(path, "/hang") == 0) {
			pause();
		} else
			respond(fd, "500 Oops", "", "", 0);
		used = 0;
		req[0] = '\0';
	}
}

static int
setup(void **state)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	int lfd, cfd, conn = 0;

	(void)state;
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    listen(lfd, 16) != 0 ||
	    getsockname(lfd, (struct sockaddr *)&sin, &len) != 0)
		return -1;
	base_port = ntohs(sin.sin_port);
	snprintf(base, sizeof(base), "http://127.0.0.1:%d", base_port);
	if ((server_pid = fork()) < 0)
		return -1;
	if (server_pid == 0) {
		/* Not cmocka's handlers: a crash here must not run tests. */
		signal(SIGSEGV, SIG_DFL);
		signal(SIGBUS, SIG_DFL);
		signal(SIGABRT, SIG_DFL);
		signal(SIGILL, SIG_DFL);
		signal(SIGFPE, SIG_DFL);
		setpgid(0, 0);
		signal(SIGCHLD, SIG_IGN);
		for (;;) {
			if ((cfd = accept(lfd, NULL, NULL)) < 0)
				continue;
			conn++;
			if (fork() == 0) {
				close(lfd);
				serve_conn(cfd, conn);
				_exit(0);
			}
			close(cfd);
		}
	}
	setpgid(server_pid, server_pid);
	close(lfd);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	kill(-server_pid, SIGKILL);
	waitpid(server_pid, NULL, 0);
	return 0;
}

static struct http_client *
client(void)
{
	struct http_client *c;
	char err[256];

	err[0] = '\0';
	c = http_client_new(err, sizeof(err));
	if (c == NULL)
		fail_msg("http_client_new: %s", err);
	return c;
}

static void
request(struct http_request *rq, const char *url, char *buf, size_t size)
{
	memset(rq, 0, sizeof(*rq));
	snprintf(buf, size, "%s%s", base, url);
	rq->url = buf;
	rq->timeout = 5;
}

static void
test_get_headers(void **state)
{
	struct http_client *c = client();
	struct http_request rq;
	struct http_response r;
	char url[128];

	(void)state;
	request(&rq, "/ok", url, sizeof(url));
	assert_int_equal(http_perform(c, &rq, &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.server, "Jetty(8.1.14.v20131031)");
	assert_string_equal(r.content_type, "text/xml; charset=utf-8");
	assert_int_equal(r.body_len, 5);
	assert_string_equal(r.body, "hello");
	assert_false(r.body_cut);
	assert_int_equal(r.error, 0);
	assert_true(r.total_time >= r.connect_time);
	http_response_free(&r);
	assert_null(r.body);

	/* A status other than 2xx is still an answer; no Server header. */
	request(&rq, "/404", url, sizeof(url));
	assert_int_equal(http_perform(c, &rq, &r), 0);
	assert_int_equal(r.status, 404);
	assert_string_equal(r.server, "");
	assert_int_equal(r.body_len, 0);
	http_response_free(&r);

	/* Headers of an interim 100 response are not the answer's. */
	request(&rq, "/continue", url, sizeof(url));
	assert_int_equal(http_perform(c, &rq, &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.server, "");
	http_response_free(&r);
	http_client_free(c);
}

static void
test_reuse(void **state)
{
	struct http_client *c = client(), *c2;
	struct http_request rq;
	struct http_response r;
	char url[128], first[16];

	(void)state;
	request(&rq, "/conn", url, sizeof(url));
	assert_int_equal(http_perform(c, &rq, &r), 0);
	snprintf(first, sizeof(first), "%s", r.body);
	http_response_free(&r);
	request(&rq, "/ok", url, sizeof(url));
	assert_int_equal(http_perform(c, &rq, &r), 0);
	http_response_free(&r);
	request(&rq, "/conn", url, sizeof(url));
	assert_int_equal(http_perform(c, &rq, &r), 0);
	/* Same client: the same connection answered all three. */
	assert_string_equal(r.body, first);
	http_response_free(&r);

	/* Another client: a connection of its own. */
	c2 = client();
	assert_int_equal(http_perform(c2, &rq, &r), 0);
	assert_int_not_equal(atoi(r.body), atoi(first));
	http_response_free(&r);
	http_client_free(c2);
	http_client_free(c);
}

static void
test_post(void **state)
{
	static const char *const headers[] = {
		"Content-Type: text/xml; charset=utf-8",
		"SOAPAction: \"urn:x\"",
		NULL
	};
	struct http_client *c = client();
	struct http_request rq;
	struct http_response r;
	char url[128], *body;
	size_t big = 2 * 1024 * 1024;

	(void)state;
	/* Big enough that libcurl would wait for 100 Continue if we let it. */
	body = malloc(big);
	assert_non_null(body);
	memset(body, 'b', big);
	request(&rq, "/echo", url, sizeof(url));
	rq.body = body;
	rq.body_len = big;
	rq.headers = headers;
	assert_int_equal(http_perform(c, &rq, &r), 0);
	assert_string_equal(r.body, "POST|\"urn:x\"|-|-|2097152");
	http_response_free(&r);
	free(body);

	/* Another method, Basic auth from userpwd. */
	request(&rq, "/echo", url, sizeof(url));
	rq.method = "DELETE";
	rq.userpwd = "user:pw";
	assert_int_equal(http_perform(c, &rq, &r), 0);
	assert_string_equal(r.body, "DELETE|-|-|Basic dXNlcjpwdw==|0");
	http_response_free(&r);

	/* Options do not leak into the next request. */
	request(&rq, "/echo", url, sizeof(url));
	assert_int_equal(http_perform(c, &rq, &r), 0);
	assert_string_equal(r.body, "GET|-|-|-|0");
	http_response_free(&r);
	http_client_free(c);
}

static void
test_netrc(void **state)
{
	struct http_client *c = client();
	struct http_request rq;
	struct http_response r;
	char url[128], path[] = "/tmp/cuc-netrc.XXXXXX";
	FILE *fp;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fprintf(fp, "machine 127.0.0.1 login a password b\n");
	fclose(fp);
	request(&rq, "/echo", url, sizeof(url));
	rq.netrc_file = path;
	assert_int_equal(http_perform(c, &rq, &r), 0);
	assert_string_equal(r.body, "GET|-|-|Basic YTpi|0");
	http_response_free(&r);
	unlink(path);
	http_client_free(c);
}

static void
test_body_cap(void **state)
{
	struct http_client *c = client();
	struct http_request rq;
	struct http_response r;
	char url[128];

	(void)state;
	request(&rq, "/big", url, sizeof(url));
	rq.max_body = 1000;
	assert_int_equal(http_perform(c, &rq, &r), 0);
	assert_int_equal(r.status, 200);
	assert_true(r.body_cut);
	assert_int_equal(r.body_len, 1000);
	assert_int_equal(strlen(r.body), 1000);
	http_response_free(&r);

	/* The default cap (1 MiB) keeps all 200000 bytes. */
	request(&rq, "/big", url, sizeof(url));
	assert_int_equal(http_perform(c, &rq, &r), 0);
	assert_false(r.body_cut);
	assert_int_equal(r.body_len, 200000);
	http_response_free(&r);
	http_client_free(c);
}

static void
test_failures(void **state)
{
	struct http_client *c = client();
	struct http_request rq;
	struct http_response r;
	char url[128];
	int fd;
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);

	(void)state;
	/* Accepted, never answered: the request's own timeout ends it. */
	request(&rq, "/hang", url, sizeof(url));
	rq.timeout = 0.3;
	assert_int_equal(http_perform(c, &rq, &r), -1);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.error, 28);	/* CURLE_OPERATION_TIMEDOUT */
	assert_non_null(strstr(r.message, "timed out"));
	assert_null(r.body);
	http_response_free(&r);

	/* A closed port. */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/", ntohs(sin.sin_port));
	close(fd);
	memset(&rq, 0, sizeof(rq));
	rq.url = url;
	rq.timeout = 2;
	assert_int_equal(http_perform(c, &rq, &r), -1);
	assert_int_equal(r.error, 7);	/* CURLE_COULDNT_CONNECT */
	assert_true(r.message[0] != '\0');

	/* Only http, https, sftp and file: refused before any connection. */
	rq.url = "ftp://127.0.0.1/x";
	assert_int_equal(http_perform(c, &rq, &r), -1);
	assert_int_equal(r.error, 1);	/* CURLE_UNSUPPORTED_PROTOCOL */
	rq.url = "dict://127.0.0.1/x";
	assert_int_equal(http_perform(c, &rq, &r), -1);
	assert_int_equal(r.error, 1);
	http_client_free(c);
}

static void
test_file_url(void **state)
{
	struct http_client *c = client();
	struct http_request rq;
	struct http_response r;
	char path[] = "/tmp/cuc-http.XXXXXX", url[128];
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "dump\n", 5), 5);
	close(fd);
	snprintf(url, sizeof(url), "file://%s", path);
	memset(&rq, 0, sizeof(rq));
	rq.url = url;
	rq.timeout = 2;
	assert_int_equal(http_perform(c, &rq, &r), 0);
	assert_string_equal(r.body, "dump\n");
	http_response_free(&r);
	unlink(path);
	http_client_free(c);
	http_client_free(NULL);
}

/* RFC 7231 IMF-fixdate, the Date header CUC's Tomcat sends. */
/*
 * URLs as the user gives them (--url): what is refused, what -v and the
 * messages show.  Rows: the URL, accepted, the display, has a password.
 */
static const struct {
	const char	*url;
	bool		 ok;
	const char	*shown;
	bool		 password;
} url_cases[] = {
	{ "https://cuc1.example.com/capture.txt", true,
	    "https://cuc1.example.com/capture.txt", false },
	{ "http://monitor:S3cr3t@127.0.0.1:8080/c.txt", true,
	    "http://127.0.0.1:8080/c.txt", true },
	{ "sftp://monitor@cuc1/c.txt", true, "sftp://cuc1/c.txt", false },
	{ "sftp://:S3cr3t@cuc1/c.txt", true, "sftp://cuc1/c.txt", true },
	{ "http://u:p%40ss%2Fx@h/a%40b?q=%40", true, "http://h/a%40b?q=%40",
	    true },
	{ "https://[2001:db8::1]:8443/x", true, "https://[2001:db8::1]:8443/x",
	    false },
	{ "https://u:pw@[2001:db8::1]:8443/x", true,
	    "https://[2001:db8::1]:8443/x", true },
	{ "file:///var/lib/cuc/capture.txt", true,
	    "file:///var/lib/cuc/capture.txt", false },
	/* ambiguous: where the host starts depends on who reads it */
	{ "http://u:p@ss@h/x", false, "http://(the rest not shown)", false },
	{ "http://u:pa/ss@h/x", false, "http://(the rest not shown)", false },
	{ "http://u:12?ss@h/x", false, "http://(the rest not shown)", false },
	{ "http://u:pa#ss@h/x", false, "http://(the rest not shown)", false },
	{ "https://h/a@b.txt", false, "https://(the rest not shown)", false },
	{ "https://h/x?to=a@b", false, "https://(the rest not shown)", false },
	{ "no-scheme", false, "no-scheme", false },
	/* the scheme forgotten: user:password@ as typed, never shown */
	{ "monitor:S3cr3t@cuc1/c.txt", false,
	    "(not shown: it holds an at sign)", false },
	{ "monitor:S3cr3t@cuc1://c.txt", false,
	    "(not shown: it holds an at sign)", false },
	{ "-monitor:S3cr3t@cuc1/c.txt", false,
	    "(not shown: it holds an at sign)", false },
	{ "1http://cuc1/c.txt", false, "1http://cuc1/c.txt", false },
	{ "svn+ssh://monitor:S3cr3t@cuc1/c.txt", true, "svn+ssh://cuc1/c.txt",
	    true },
};

static void
test_url_userinfo(void **state)
{
	char shown[256];
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(url_cases) / sizeof(url_cases[0]); i++) {
		why = NULL;
		if ((http_url_check(url_cases[i].url, &why) == 0) !=
		    url_cases[i].ok)
			fail_msg("%s: check %s", url_cases[i].url,
			    url_cases[i].ok ? "refused" : "accepted");
		if (!url_cases[i].ok && (why == NULL ||
		    strstr(why, url_cases[i].url) != NULL))
			fail_msg("%s: no reason, or the URL in it",
			    url_cases[i].url);
		http_url_display(shown, sizeof(shown), url_cases[i].url);
		assert_string_equal(shown, url_cases[i].shown);
		assert_null(strstr(shown, "S3cr3t"));
		if (url_cases[i].ok)
			assert_int_equal(http_url_has_password(
			    url_cases[i].url), url_cases[i].password);
	}
}

static void
test_date_parse(void **state)
{
	double e;

	(void)state;
	assert_int_equal(http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT",
	    &e), 0);
	assert_true(e == 784111777);
	assert_int_equal(http_date_parse("Wed, 25 Nov 2026 10:00:00 GMT",
	    &e), 0);
	assert_true(e == 1795600800);
	assert_int_equal(http_date_parse("", &e), -1);
	assert_int_equal(http_date_parse("Sun, 06 Nov 1994 08:49:37 CET",
	    &e), -1);
	assert_int_equal(http_date_parse("Sun, 06 Foo 1994 08:49:37 GMT",
	    &e), -1);
	assert_int_equal(http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT x",
	    &e), -1);
	assert_int_equal(http_date_parse("Sunday, 06-Nov-94 08:49:37 GMT",
	    &e), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_url_userinfo),
		cmocka_unit_test(test_get_headers),
		cmocka_unit_test(test_reuse),
		cmocka_unit_test(test_post),
		cmocka_unit_test(test_netrc),
		cmocka_unit_test(test_body_cap),
		cmocka_unit_test(test_failures),
		cmocka_unit_test(test_file_url),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
