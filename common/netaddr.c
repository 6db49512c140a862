/* netaddr.c - addresses and networks for --source; see netaddr.h. */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdlib.h>
#include <string.h>

#include "netaddr.h"

static const uint8_t v4mapped[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

/* Text (NUL-terminated, no brackets or zone) to an address. */
static int
parse_plain(const char *s, struct netaddr *out)
{
	memset(out, 0, sizeof(*out));
	if (strchr(s, ':') == NULL) {
		if (inet_pton(AF_INET, s, out->addr) != 1)
			return -1;
		out->family = AF_INET;
		out->prefix = 32;
		return 0;
	}
	if (inet_pton(AF_INET6, s, out->addr) != 1)
		return -1;
	if (memcmp(out->addr, v4mapped, sizeof(v4mapped)) == 0) {
		memmove(out->addr, out->addr + 12, 4);
		memset(out->addr + 4, 0, 12);
		out->family = AF_INET;
		out->prefix = 32;
		return 0;
	}
	out->family = AF_INET6;
	out->prefix = 128;
	return 0;
}

int
netaddr_parse_addr(const char *text, size_t len, struct netaddr *out)
{
	char buf[INET6_ADDRSTRLEN + 8];
	const char *pct;

	if (len >= 2 && text[0] == '[' && text[len - 1] == ']') {
		text++;
		len -= 2;
	}
	if ((pct = memchr(text, '%', len)) != NULL)
		len = (size_t)(pct - text);
	if (len == 0 || len >= sizeof(buf) || memchr(text, '\0', len) != NULL)
		return -1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	return parse_plain(buf, out);
}

int
netaddr_parse_net(const char *text, struct netaddr *out, const char **why)
{
	char buf[INET6_ADDRSTRLEN + 8];
	const char *slash;
	size_t alen;
	unsigned long bits;
	char *end;
	bool mapped;

	slash = strchr(text, '/');
	alen = slash != NULL ? (size_t)(slash - text) : strlen(text);
	if (alen == 0 || alen >= sizeof(buf)) {
		*why = "not an address";
		return -1;
	}
	memcpy(buf, text, alen);
	buf[alen] = '\0';
	mapped = strchr(buf, ':') != NULL;	/* written as IPv6 */
	if (parse_plain(buf, out) != 0) {
		*why = "not an IPv4 or IPv6 address";
		return -1;
	}
	if (slash == NULL)
		return 0;
	if (slash[1] < '0' || slash[1] > '9' || strlen(slash + 1) > 3)
		goto badlen;
	bits = strtoul(slash + 1, &end, 10);
	if (*end != '\0')
		goto badlen;
	/* ::ffff:10.0.0.0/104 means 10.0.0.0/8 */
	if (out->family == AF_INET && mapped) {
		if (bits < 96 || bits > 128)
			goto badlen;
		bits -= 96;
	}
	if (bits > (out->family == AF_INET ? 32UL : 128UL))
		goto badlen;
	out->prefix = (unsigned)bits;
	return 0;
badlen:
	*why = "bad prefix length";
	return -1;
}

bool
netaddr_match(const struct netaddr *net, const struct netaddr *addr)
{
	unsigned full, rest;

	if (net->family != addr->family)
		return false;
	full = net->prefix / 8;
	rest = net->prefix % 8;
	if (memcmp(net->addr, addr->addr, full) != 0)
		return false;
	if (rest == 0)
		return true;
	return ((net->addr[full] ^ addr->addr[full]) &
	    (uint8_t)(0xff << (8 - rest))) == 0;
}
