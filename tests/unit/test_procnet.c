/* test_procnet.c - LISTEN sockets from /proc/net/tcp{,6} text, and owners. */
#include <sys/socket.h>

#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "procnet.h"

#define HDR4	"  sl  local_address rem_address   st tx_queue rx_queue tr " \
		"tm->when retrnsmt   uid  timeout inode\n"
#define HDR6	"  sl  local_address                         remote_address" \
		"                        st tx_queue rx_queue tr tm->when " \
		"retrnsmt   uid  timeout inode\n"
#define TAIL	" 00000000:00000000 00:00000000 00000000     0        0 "
#define MAXS	8

/*
 * The kernel prints address words in host order: the expected text below
 * holds for little-endian hosts (x86, arm64); on others only ports,
 * inodes and counts are compared.
 */
static int
little_endian(void)
{
	const uint16_t one = 1;

	return *(const unsigned char *)&one == 1;
}

struct expect {
	unsigned	 port;
	unsigned long	 inode;
	const char	*addr;
};

static const struct {
	const char	*name;
	int		 v6;
	const char	*text;
	int		 rc;
	size_t		 found;
	size_t		 bad;
	struct expect	 sock[3];
} cases[] = {
	{ "jetty on 0.0.0.0:7080 and a client", 0, HDR4
	    "   0: 00000000:1BA8 00000000:0000 0A" TAIL "21026 1 0000 100 0 0 10 0\n"
	    "   1: 0100007F:1BA8 0100007F:A2C4 01" TAIL "31337 1 0000 20 4 30 10 -1\n",
	    0, 1, 0, { { 7080, 21026, "0.0.0.0" } } },
	{ "loopback listener, no trailing newline", 0, HDR4
	    "   0: 0100007F:8705 00000000:0000 0A" TAIL "42 1 0000 100 0 0 10 0",
	    0, 1, 0, { { 34565, 42, "127.0.0.1" } } },
	{ "lower-case hex and CRLF", 0, HDR4
	    "   0: 0a01a8c0:01bb 00000000:0000 0a" TAIL "7 1 0\r\n",
	    0, 1, 0, { { 443, 7, "192.168.1.10" } } },
	{ "only established sockets", 0, HDR4
	    "   0: 0100007F:1BA8 0100007F:A2C4 01" TAIL "5 1\n"
	    "   1: 0100007F:1BA8 0100007F:A2C6 06" TAIL "0 1\n",
	    0, 0, 0, { { 0, 0, NULL } } },
	{ "header only", 0, HDR4, 0, 0, 0, { { 0, 0, NULL } } },
	{ "header without newline", 0, "  sl  local_address", 0, 0, 0,
	    { { 0, 0, NULL } } },
	{ "garbled lines counted, good ones kept", 0, HDR4
	    "garbage\n"
	    "   0: 0100007F:1BA8\n"
	    "   1: 0100007G:1BA8 00000000:0000 0A" TAIL "1 1\n"
	    "   2: 100007F:1BA8 00000000:0000 0A" TAIL "1 1\n"
	    "   3: 0100007F:1BA8 00000000:0000 0A" TAIL "x1 1\n"
	    "   4: 0100007F:1BA8 00000000:0000 0A" TAIL "99 1\n"
	    "\n",
	    0, 1, 5, { { 7080, 99, "127.0.0.1" } } },
	{ "v6 wildcard, loopback and mapped", 1, HDR6
	    "   0: 00000000000000000000000000000000:1BA8 "
	    "00000000000000000000000000000000:0000 0A" TAIL "1001 1 0\n"
	    "   1: 00000000000000000000000001000000:0050 "
	    "00000000000000000000000000000000:0000 0A" TAIL "1002 1 0\n"
	    "   2: 0000000000000000FFFF00000100007F:1F90 "
	    "00000000000000000000000000000000:0000 0A" TAIL "1003 1 0\n",
	    0, 3, 0, { { 7080, 1001, "::" }, { 80, 1002, "::1" },
	    { 8080, 1003, "::ffff:127.0.0.1" } } },
	{ "v4 line in a v6 table is bad", 1, HDR6
	    "   0: 0100007F:1BA8 00000000:0000 0A" TAIL "1 1\n",
	    0, 0, 1, { { 0, 0, NULL } } },
	{ "more than fit", 0, HDR4
	    "   0: 0100007F:0001 00000000:0000 0A" TAIL "1 1\n"
	    "   1: 0100007F:0002 00000000:0000 0A" TAIL "2 1\n"
	    "   2: 0100007F:0003 00000000:0000 0A" TAIL "3 1\n"
	    "   3: 0100007F:0004 00000000:0000 0A" TAIL "4 1\n"
	    "   4: 0100007F:0005 00000000:0000 0A" TAIL "5 1\n"
	    "   5: 0100007F:0006 00000000:0000 0A" TAIL "6 1\n"
	    "   6: 0100007F:0007 00000000:0000 0A" TAIL "7 1\n"
	    "   7: 0100007F:0008 00000000:0000 0A" TAIL "8 1\n"
	    "   8: 0100007F:0009 00000000:0000 0A" TAIL "9 1\n"
	    "   9: 0100007F:000A 00000000:0000 0A" TAIL "10 1\n",
	    0, 10, 0, { { 1, 1, "127.0.0.1" }, { 2, 2, "127.0.0.1" },
	    { 3, 3, "127.0.0.1" } } },
	{ "empty", 0, "", -1, 0, 0, { { 0, 0, NULL } } },
	{ "not the table", 0, "Inter-|   Receive\n face |bytes\n", -1, 0, 0,
	    { { 0, 0, NULL } } },
	{ "sl without space", 0, "slx\n", -1, 0, 0, { { 0, 0, NULL } } },
};

static void
test_parse_table(void **state)
{
	struct procnet_socket out[MAXS];
	size_t i, j, found, bad, want;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rc = procnet_parse(cases[i].text, strlen(cases[i].text),
		    cases[i].v6 != 0, 0, out, MAXS, &found, &bad);
		if (rc != cases[i].rc)
			fail_msg("%s: rc %d", cases[i].name, rc);
		if (found != cases[i].found || bad != cases[i].bad)
			fail_msg("%s: found %zu bad %zu", cases[i].name, found,
			    bad);
		want = found < 3 ? found : 3;
		for (j = 0; j < want; j++) {
			if (out[j].port != cases[i].sock[j].port ||
			    out[j].inode != cases[i].sock[j].inode ||
			    out[j].v6 != (cases[i].v6 != 0))
				fail_msg("%s: socket %zu port %u inode %lu",
				    cases[i].name, j, out[j].port, out[j].inode);
			if (little_endian() &&
			    strcmp(out[j].addr, cases[i].sock[j].addr) != 0)
				fail_msg("%s: socket %zu addr %s", cases[i].name,
				    j, out[j].addr);
		}
	}
}

/* max 0: nothing stored, all counted. */
static void
test_no_room(void **state)
{
	static const char text[] = HDR4
	    "   0: 0100007F:1BA8 00000000:0000 0A" TAIL "1 1\n";
	size_t found, bad;

	(void)state;
	assert_int_equal(procnet_parse(text, sizeof(text) - 1, false, 0, NULL,
	    0, &found, &bad), 0);
	assert_int_equal(found, 1);
}

/*
 * A busy host: 300 listeners before the one asked for, and room for 4.
 * Choosing the port after parsing kept the first 4 and called 7080 closed.
 */
static void
test_busy_host(void **state)
{
	struct procnet_socket out[4];
	char *text, *p;
	size_t size = 400 * 160, found, bad;
	int i;

	(void)state;
	assert_non_null(text = malloc(size));
	p = text + snprintf(text, size, "%s", HDR4);
	for (i = 0; i < 300; i++)
		p += sprintf(p, "%4d: 00000000:%04X 00000000:0000 0A" TAIL
		    "%d 1\n", i, 10000 + i, 100 + i);
	p += sprintf(p, " 300: 00000000:1BA8 00000000:0000 0A" TAIL "7 1\n");
	assert_int_equal(procnet_parse(text, (size_t)(p - text), false, 7080,
	    out, 4, &found, &bad), 0);
	assert_int_equal(found, 1);
	assert_int_equal(bad, 0);
	assert_int_equal(out[0].port, 7080);
	assert_int_equal(out[0].inode, 7);
	assert_int_equal(procnet_parse(text, (size_t)(p - text), false, 0,
	    out, 4, &found, &bad), 0);
	assert_int_equal(found, 301);
	free(text);
}

/* The table of this machine: our own listener is in it. */
static void
test_live_listener(void **state)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	struct procnet_socket out[256];
	char *text, err[200], name[64];
	size_t tlen, found, bad, i;
	unsigned long inode = 0;
	long pid;
	int fd;

	(void)state;
	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(listen(fd, 1), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);

	assert_int_equal(procnet_read("/proc/net/tcp", &text, &tlen, err,
	    sizeof(err)), 0);
	assert_int_equal(procnet_parse(text, tlen, false, ntohs(sin.sin_port),
	    out, 256, &found, &bad), 0);
	free(text);
	assert_int_equal(bad, 0);
	for (i = 0; i < found && i < 256; i++)
		if (out[i].port == ntohs(sin.sin_port) &&
		    strcmp(out[i].addr, "127.0.0.1") == 0)
			inode = out[i].inode;
	assert_true(inode != 0);
	assert_int_equal(procnet_owner("/proc", inode, name, sizeof(name),
	    &pid), 1);
	assert_int_equal(pid, (long)getpid());
	/* Under valgrind the process's comm is valgrind's tool. */
	if (getenv("LD_PRELOAD") == NULL ||
	    strstr(getenv("LD_PRELOAD"), "vgpreload") == NULL)
		assert_string_equal(name, "test_procnet");
	close(fd);

	/* A socket nobody holds; a /proc that is not there. */
	assert_int_equal(procnet_owner("/proc", 4294967295UL, name,
	    sizeof(name), &pid), 0);
	assert_int_equal(procnet_owner("/nonexistent", inode, name,
	    sizeof(name), &pid), -1);
	assert_int_equal(procnet_read("/nonexistent/tcp", &text, &tlen, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "/nonexistent/tcp: No such file or directory");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_no_room),
		cmocka_unit_test(test_busy_host),
		cmocka_unit_test(test_live_listener),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
