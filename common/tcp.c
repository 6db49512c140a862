/*
 * tcp.c - a TCP connect probe: resolve, non-blocking connect, poll.
 *
 * Numeric hosts and ports are resolved with AI_NUMERICHOST/AI_NUMERICSERV
 * first so that the common case never loads the NSS modules: start-up
 * time is the cost of a check (issue 2, "How fast").
 */
/* EAI_NODATA and EAI_ADDRFAMILY are GNU extensions glibc returns. */
#define _GNU_SOURCE

#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tcp.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *
tcp_result_name(enum tcp_result r)
{
	switch (r) {
	case TCP_CONNECTED:
		return "connected";
	case TCP_REFUSED:
		return "refused";
	case TCP_UNREACHABLE:
		return "unreachable";
	case TCP_ERROR:
		return "error";
	case TCP_NO_ANSWER:
		return "no answer";
	case TCP_NO_NAME:
		return "no such name";
	case TCP_RESOLVE_ERROR:
		return "resolver error";
	}
	return "error";
}

static enum tcp_result
classify(int err)
{
	switch (err) {
	case ECONNREFUSED:
		return TCP_REFUSED;
	case ENETUNREACH:
	case EHOSTUNREACH:
	case ENETDOWN:
	case EHOSTDOWN:
		return TCP_UNREACHABLE;
	case ETIMEDOUT:
		return TCP_NO_ANSWER;
	}
	return TCP_ERROR;
}

static int
resolve(const char *host, const char *port, int ip_version,
    struct addrinfo **res, struct tcp_probe *out)
{
	struct addrinfo hints;
	int r;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = ip_version == 4 ? AF_INET :
	    ip_version == 6 ? AF_INET6 : AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_protocol = IPPROTO_TCP;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	r = getaddrinfo(host, port, &hints, res);
	if (r == EAI_NONAME) {
		hints.ai_flags = AI_NUMERICSERV;
		r = getaddrinfo(host, port, &hints, res);
	}
	if (r == 0)
		return 0;
	out->err = r;
	out->result = (r == EAI_NONAME || r == EAI_NODATA ||
	    r == EAI_ADDRFAMILY || r == EAI_FAMILY) ?
	    TCP_NO_NAME : TCP_RESOLVE_ERROR;
	if (r == EAI_SYSTEM)
		snprintf(out->message, sizeof(out->message), "%s",
		    strerror(errno));
	else
		snprintf(out->message, sizeof(out->message), "%s",
		    gai_strerror(r));
	return -1;
}

/*
 * Wait for a non-blocking connect on fd until `end`.  Returns 0 when it
 * completed (*err = 0 or the connect's errno) or -1 when time ran out.
 */
static int
wait_connect(int fd, double end, int *err)
{
	struct pollfd pfd;
	socklen_t len = sizeof(*err);
	double left;
	int r, ms;

	for (;;) {
		left = end - now();
		if (left <= 0)
			return -1;
		ms = (int)(left * 1000.0) + 1;
		pfd.fd = fd;
		pfd.events = POLLOUT;
		pfd.revents = 0;
		r = poll(&pfd, 1, ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*err = errno;
			return 0;
		}
		if (r > 0)
			break;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, err, &len) != 0)
		*err = errno;
	return 0;
}

/* One address: fills out and returns 0 when connected, 1 otherwise. */
static int
try_address(const struct addrinfo *ai, double end, struct tcp_probe *out)
{
	double start;
	int fd, err = 0, r;

	out->family = ai->ai_family;
	if (getnameinfo(ai->ai_addr, ai->ai_addrlen, out->address,
	    sizeof(out->address), NULL, 0, NI_NUMERICHOST) != 0)
		snprintf(out->address, sizeof(out->address), "?");
	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, ai->ai_protocol);
	if (fd < 0) {
		out->result = TCP_ERROR;
		out->err = errno;
		snprintf(out->message, sizeof(out->message), "socket: %s",
		    strerror(errno));
		return 1;
	}
	start = now();
	r = connect(fd, ai->ai_addr, ai->ai_addrlen);
	if (r != 0 && errno != EINPROGRESS)
		err = errno;
	else if (r != 0 && wait_connect(fd, end, &err) != 0) {
		close(fd);
		out->result = TCP_NO_ANSWER;
		out->err = ETIMEDOUT;
		snprintf(out->message, sizeof(out->message), "no answer");
		return 1;
	}
	out->connect_time = now() - start;
	close(fd);
	if (err == 0) {
		out->result = TCP_CONNECTED;
		out->err = 0;
		out->message[0] = '\0';
		return 0;
	}
	out->result = classify(err);
	out->err = err;
	snprintf(out->message, sizeof(out->message), "%s", strerror(err));
	return 1;
}

int
tcp_probe(const char *host, const char *port, int ip_version,
    double timeout, struct tcp_probe *out)
{
	struct addrinfo *res, *ai;
	double end = now() + timeout;

	memset(out, 0, sizeof(*out));
	if (resolve(host, port, ip_version, &res, out) != 0)
		return 0;
	out->result = TCP_NO_ANSWER;
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if (try_address(ai, end, out) == 0)
			break;
		if (out->result == TCP_NO_ANSWER || now() >= end)
			break;	/* the probe's time is used up */
		if (out->result == TCP_ERROR && out->err == 0)
			break;
	}
	freeaddrinfo(res);
	return 0;
}
