/*
 * test_netaddr.c - --source matching: IPv4 and IPv6 networks and
 * addresses, IPv4-mapped clients, brackets and zone ids as logs write
 * them, prefixes at every byte boundary, and what is not an address.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "netaddr.h"

static const struct match {
	const char	*net;
	const char	*addr;
	int		 match;
} matches[] = {
	{ "10.1.2.3", "10.1.2.3", 1 },
	{ "10.1.2.3", "10.1.2.4", 0 },
	{ "10.1.2.0/24", "10.1.2.255", 1 },
	{ "10.1.2.0/24", "10.1.3.0", 0 },
	{ "10.1.2.77/24", "10.1.2.1", 1 },	/* host bits ignored */
	{ "10.0.0.0/8", "10.255.255.255", 1 },
	{ "10.0.0.0/8", "11.0.0.0", 0 },
	{ "10.1.2.0/23", "10.1.3.9", 1 },
	{ "10.1.2.0/23", "10.1.4.9", 0 },
	{ "10.1.2.128/25", "10.1.2.127", 0 },
	{ "10.1.2.128/25", "10.1.2.128", 1 },
	{ "0.0.0.0/0", "192.0.2.1", 1 },
	{ "0.0.0.0/0", "2001:db8::1", 0 },	/* families never mix */
	{ "10.1.2.3/32", "10.1.2.3", 1 },
	{ "10.1.2.3", "::ffff:10.1.2.3", 1 },	/* mapped client */
	{ "10.1.2.0/24", "::ffff:10.1.2.9", 1 },
	{ "::ffff:10.1.2.0/120", "10.1.2.9", 1 },	/* mapped network */
	{ "::ffff:10.1.2.0/120", "10.1.3.9", 0 },
	{ "2001:db8::10", "2001:db8::10", 1 },
	{ "2001:db8::10", "2001:db8::11", 0 },
	{ "2001:db8::/32", "2001:db8:ffff::1", 1 },
	{ "2001:db8::/32", "2001:db9::1", 0 },
	{ "2001:db8::/33", "2001:db8:7fff::1", 1 },
	{ "2001:db8::/33", "2001:db8:8000::1", 0 },
	{ "2001:db8::/127", "2001:db8::1", 1 },
	{ "2001:db8::/127", "2001:db8::2", 0 },
	{ "::/0", "::1", 1 },
	{ "::/0", "10.0.0.1", 0 },
	{ "::1", "[::1]", 1 },			/* bracketed in the log */
	{ "fe80::/10", "fe80::1%eth0", 1 },	/* zone id dropped */
	{ "fe80::/10", "[fe80::1%25eth0]", 1 },
};

static const char *const bad_nets[] = {
	"", "/24", "10.1.2.0/", "10.1.2.0/33", "10.1.2.0/-1", "10.1.2.0/8x",
	"10.1.2/24", "10.1.2.3.4", "2001:db8::/129", "2001:db8:::1",
	"host.example.com", "10.1.2.0/ 24", "::ffff:10.0.0.0/95",
	"10.1.2.0/0024", "1.2.3.4/+8",
};

static const char *const bad_addrs[] = {
	"", "[]", "10.1.2", "10.1.2.256", "exch01", "2001:db8::g",
	"[10.1.2.3", "%eth0", "10.1.2.3/32",
};

static void
test_match(void **state)
{
	size_t i;
	struct netaddr n, a;
	const char *why = NULL;

	(void)state;
	for (i = 0; i < sizeof(matches) / sizeof(matches[0]); i++) {
		if (netaddr_parse_net(matches[i].net, &n, &why) != 0)
			fail_msg("net %s: %s", matches[i].net, why);
		if (netaddr_parse_addr(matches[i].addr,
		    strlen(matches[i].addr), &a) != 0)
			fail_msg("addr %s did not parse", matches[i].addr);
		if (netaddr_match(&n, &a) != (matches[i].match != 0))
			fail_msg("%s in %s: expected %d", matches[i].addr,
			    matches[i].net, matches[i].match);
	}
}

static void
test_bad_nets(void **state)
{
	size_t i;
	struct netaddr n;
	const char *why = NULL;

	(void)state;
	for (i = 0; i < sizeof(bad_nets) / sizeof(bad_nets[0]); i++) {
		why = NULL;
		if (netaddr_parse_net(bad_nets[i], &n, &why) == 0)
			fail_msg("'%s' parsed as a network", bad_nets[i]);
		assert_non_null(why);
	}
}

static void
test_bad_addrs(void **state)
{
	size_t i;
	struct netaddr a;

	(void)state;
	for (i = 0; i < sizeof(bad_addrs) / sizeof(bad_addrs[0]); i++)
		if (netaddr_parse_addr(bad_addrs[i], strlen(bad_addrs[i]),
		    &a) == 0)
			fail_msg("'%s' parsed as an address", bad_addrs[i]);
}

/* The length bounds the text: a longer buffer does not leak in. */
static void
test_addr_length(void **state)
{
	struct netaddr a, n;
	const char *why;

	(void)state;
	assert_int_equal(netaddr_parse_addr("10.1.2.3 - -", 8, &a), 0);
	assert_int_equal(netaddr_parse_net("10.1.2.3", &n, &why), 0);
	assert_true(netaddr_match(&n, &a));
	assert_int_equal(netaddr_parse_addr("10.1.2.34", 8, &a), 0);
	assert_true(netaddr_match(&n, &a));
	/* "10.1.2." is no address, whatever follows in the buffer */
	assert_int_equal(netaddr_parse_addr("10.1.2.3", 7, &a), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_bad_nets),
		cmocka_unit_test(test_bad_addrs),
		cmocka_unit_test(test_addr_length),
	};

	return cmocka_run_group_tests_name("netaddr", tests, NULL, NULL);
}
