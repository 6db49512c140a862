/*
 * tcp.h - one TCP connect probe with its own deadline.
 *
 * The probe resolves the name, then tries each address in turn with a
 * non-blocking connect and poll() until `timeout` seconds have passed in
 * all.  Each way a connect can end is its own result, because each means
 * something different to an admin: a refusal is a closed port, silence is
 * a firewall dropping SYNs, a name that does not resolve is a
 * configuration problem of the check itself.
 */
#ifndef CUC_TCP_H
#define CUC_TCP_H

#include <stddef.h>

enum tcp_result {
	TCP_CONNECTED,		/* a connection was accepted */
	TCP_REFUSED,		/* RST: nothing listens */
	TCP_UNREACHABLE,	/* ICMP unreachable, no route, network down */
	TCP_ERROR,		/* any other connect error (errno in err) */
	TCP_NO_ANSWER,		/* no answer within the probe's deadline */
	TCP_NO_NAME,		/* the name does not resolve */
	TCP_RESOLVE_ERROR	/* resolver failure (temporary, system error) */
};

struct tcp_probe {
	enum tcp_result	 result;
	int		 err;		/* errno of a failed connect, EAI_* of a resolve */
	double		 connect_time;	/* seconds, for TCP_CONNECTED */
	char		 address[64];	/* numeric address tried last / connected */
	int		 family;	/* AF_INET or AF_INET6 of address */
	char		 message[160];	/* "Connection refused", resolver text, ... */
};

/*
 * Connect to host:port (port as decimal text) over IPv4 (ip_version 4),
 * IPv6 (6) or either (0), giving up after timeout seconds (> 0), and
 * close the connection again.  Returns 0; *out says what happened (a local
 * failure such as no socket is TCP_ERROR with the reason in message).
 */
int tcp_probe(const char *host, const char *port, int ip_version,
    double timeout, struct tcp_probe *out);

/* "connected", "refused", "unreachable", ... for messages and tests. */
const char *tcp_result_name(enum tcp_result);

#endif
