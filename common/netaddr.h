/*
 * netaddr.h - IPv4/IPv6 addresses and networks, for --source=ADDR|CIDR.
 *
 * Pure: text in, comparisons out.  An IPv4-mapped IPv6 address
 * (::ffff:10.1.2.3, what a dual-stack socket may log) matches the IPv4
 * networks as the IPv4 address it is.
 */
#ifndef CUC_NETADDR_H
#define CUC_NETADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct netaddr {
	int		family;		/* AF_INET or AF_INET6 */
	uint8_t		addr[16];	/* network byte order; 4 used for AF_INET */
	unsigned	prefix;		/* 0..32 or 0..128; full length for an address */
};

/*
 * An address as a log writes it: "10.1.2.3", "2001:db8::1", "[::1]",
 * "fe80::1%eth0" (zone dropped), exactly len bytes.  IPv4-mapped IPv6 is
 * turned into IPv4.  Returns 0 or -1.
 */
int netaddr_parse_addr(const char *text, size_t len, struct netaddr *out);

/*
 * --source: an address or a network "10.0.0.0/8", "2001:db8::/32"
 * (host bits may be set; they are ignored).  Returns 0, or -1 with a
 * reason in *why.
 */
int netaddr_parse_net(const char *text, struct netaddr *out,
    const char **why);

/* True when addr lies in net (same family after IPv4-mapped unwrapping). */
bool netaddr_match(const struct netaddr *net, const struct netaddr *addr);

#endif
