/* test_tcp.c - the connect probe's results, on loopback only. */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "tcp.h"

#define FILLERS	4

/* A listening socket on 127.0.0.1 with the given backlog; its port in text. */
static int
listener(int backlog, char *port, size_t size)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	int fd;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(listen(fd, backlog), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	snprintf(port, size, "%u", ntohs(sin.sin_port));
	return fd;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
test_connected(void **state)
{
	struct tcp_probe pr;
	char port[16];
	int fd;

	(void)state;
	fd = listener(8, port, sizeof(port));
	assert_int_equal(tcp_probe("127.0.0.1", port, 0, 2.0, &pr), 0);
	assert_int_equal(pr.result, TCP_CONNECTED);
	assert_string_equal(pr.address, "127.0.0.1");
	assert_int_equal(pr.family, AF_INET);
	assert_true(pr.connect_time >= 0 && pr.connect_time < 2.0);
	/* A name through the resolver, IPv4 only. */
	assert_int_equal(tcp_probe("localhost", port, 4, 2.0, &pr), 0);
	assert_int_equal(pr.result, TCP_CONNECTED);
	assert_string_equal(pr.address, "127.0.0.1");
	close(fd);
}

static void
test_refused(void **state)
{
	struct tcp_probe pr;
	char port[16];
	int fd;

	(void)state;
	/* A port that was just ours and is closed now. */
	fd = listener(1, port, sizeof(port));
	close(fd);
	assert_int_equal(tcp_probe("127.0.0.1", port, 0, 2.0, &pr), 0);
	assert_int_equal(pr.result, TCP_REFUSED);
	assert_int_equal(pr.err, ECONNREFUSED);
	assert_string_equal(pr.message, strerror(ECONNREFUSED));
	assert_string_equal(tcp_result_name(pr.result), "refused");
}

/*
 * A full accept queue: Linux drops further SYNs, which is what a dropping
 * firewall looks like from the client, without leaving the machine.
 */
static void
test_no_answer(void **state)
{
	struct sockaddr_in sin;
	struct tcp_probe pr;
	char port[16];
	int fd, fill[FILLERS], i;
	double t0, took;

	(void)state;
	fd = listener(0, port, sizeof(port));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = htons((uint16_t)atoi(port));
	for (i = 0; i < FILLERS; i++) {
		fill[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		(void)connect(fill[i], (struct sockaddr *)&sin, sizeof(sin));
	}
	usleep(100000);
	t0 = now();
	assert_int_equal(tcp_probe("127.0.0.1", port, 0, 0.3, &pr), 0);
	took = now() - t0;
	assert_int_equal(pr.result, TCP_NO_ANSWER);
	assert_string_equal(tcp_result_name(pr.result), "no answer");
	/* It gave up on its own deadline, not on the kernel's (minutes). */
	assert_true(took < 1.3);
	for (i = 0; i < FILLERS; i++)
		close(fill[i]);
	close(fd);
}

static void
test_no_name(void **state)
{
	struct tcp_probe pr;

	(void)state;
	/* An IPv4 literal asked for over IPv6: no address, no DNS query. */
	assert_int_equal(tcp_probe("127.0.0.1", "7080", 6, 1.0, &pr), 0);
	assert_true(pr.result == TCP_NO_NAME);
	assert_true(pr.message[0] != '\0');
	/* A port that is not a number is a resolver error too. */
	assert_int_equal(tcp_probe("127.0.0.1", "jetty", 0, 1.0, &pr), 0);
	assert_true(pr.result == TCP_NO_NAME || pr.result == TCP_RESOLVE_ERROR);
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(tcp_result_name(TCP_CONNECTED), "connected");
	assert_string_equal(tcp_result_name(TCP_UNREACHABLE), "unreachable");
	assert_string_equal(tcp_result_name(TCP_ERROR), "error");
	assert_string_equal(tcp_result_name(TCP_NO_NAME), "no such name");
	assert_string_equal(tcp_result_name(TCP_RESOLVE_ERROR),
	    "resolver error");
	assert_string_equal(tcp_result_name((enum tcp_result)99), "error");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_connected),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_no_answer),
		cmocka_unit_test(test_no_name),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
