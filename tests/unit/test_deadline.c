/*
 * test_deadline.c - the timeout guard, seen from outside: a child arms it
 * and blocks on a pipe nobody writes; the parent checks the exit code and
 * the exact line.  The 5 s limits below only stop a broken guard from
 * hanging the suite; nothing here asserts how fast anything is.
 */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "deadline.h"

#define LEN(a)	(sizeof(a) / sizeof((a)[0]))

struct child {
	pid_t	pid;
	int	status;
	char	out[1024];
	size_t	len;
};

/* Block forever on a pipe that has a writer (us) that never writes. */
static void
block_on_pipe(void)
{
	int p[2];
	char c;

	if (pipe(p) != 0)
		_exit(99);
	for (;;)
		if (read(p[0], &c, 1) >= 0 || errno != EINTR)
			break;
	_exit(98);	/* the guard did not fire */
}

/*
 * Run fn in a child with stdout on a pipe; collect stdout and the exit
 * status.  With `ready`, the child's fn gets a second pipe to announce it
 * is armed, and the parent sends `sig` then.
 */
static void
run_child(void (*fn)(const void *, int), const void *arg, int sig,
    struct child *c)
{
	int out[2], ready[2];
	char r;

	memset(c, 0, sizeof(*c));
	assert_int_equal(pipe(out), 0);
	assert_int_equal(pipe(ready), 0);
	fflush(stdout);
	c->pid = fork();
	assert_true(c->pid >= 0);
	if (c->pid == 0) {
		close(out[0]);
		close(ready[0]);
		if (dup2(out[1], STDOUT_FILENO) < 0)
			_exit(97);
		close(out[1]);
		fn(arg, ready[1]);
		_exit(96);
	}
	close(out[1]);
	close(ready[1]);
	if (sig != 0) {
		struct pollfd pfd = { ready[0], POLLIN, 0 };

		if (poll(&pfd, 1, 5000) == 1 && read(ready[0], &r, 1) == 1)
			kill(c->pid, sig);
	}
	close(ready[0]);
	for (;;) {
		struct pollfd pfd = { out[0], POLLIN, 0 };
		ssize_t n;

		if (poll(&pfd, 1, 5000) != 1) {
			kill(c->pid, SIGKILL);	/* hung: fail below */
			break;
		}
		n = read(out[0], c->out + c->len, sizeof(c->out) - 1 - c->len);
		if (n <= 0)
			break;
		c->len += (size_t)n;
	}
	c->out[c->len] = '\0';
	close(out[0]);
	assert_int_equal(waitpid(c->pid, &c->status, 0), c->pid);
}

static const struct {
	double		 seconds;
	enum state	 st;
	const char	*check;
	const char	*step;
	const char	*line;
} fire_cases[] = {
	{ 0.2, STATE_CRITICAL, "TEST", "reading a FIFO",
	    "CUC TEST CRITICAL - timed out after 0.2 s while reading a FIFO\n" },
	{ 0.1, STATE_UNKNOWN, "PORT", NULL,
	    "CUC PORT UNKNOWN - timed out after 0.1 s\n" },
	{ 0.15, STATE_OK, "PORT", "",
	    "CUC PORT OK - timed out after 0.15 s\n" },
	{ 0.1, STATE_WARNING, "KEEPALIVE", "connecting to cuc1:7080",
	    "CUC KEEPALIVE WARNING - timed out after 0.1 s while connecting "
	    "to cuc1:7080\n" },
	/* Step text is cleaned as the output writer would. */
	{ 0.1, STATE_CRITICAL, "X", "a|b;c\td\n",
	    "CUC X CRITICAL - timed out after 0.1 s while a/b,c?d?\n" },
};

static void
child_fire(const void *arg, int ready)
{
	size_t i = *(const size_t *)arg;

	(void)ready;
	/* Buffered, never flushed: _exit() must drop it. */
	printf("half a report");
	deadline_step("an earlier step");
	deadline_step(fire_cases[i].step);
	if (deadline_arm(fire_cases[i].check, fire_cases[i].seconds,
	    fire_cases[i].st) != 0)
		_exit(95);
	block_on_pipe();
}

static void
test_fires(void **unused)
{
	struct child c;
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(fire_cases); i++) {
		run_child(child_fire, &i, 0, &c);
		if (!WIFEXITED(c.status) ||
		    WEXITSTATUS(c.status) != (int)fire_cases[i].st)
			fail_msg("case %zu: status %#x, output '%s'", i,
			    c.status, c.out);
		assert_string_equal(c.out, fire_cases[i].line);
	}
}

/* A parent that blocked SIGALRM must not silence the guard. */
static void
child_blocked(const void *arg, int ready)
{
	sigset_t set;

	(void)arg;
	(void)ready;
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	deadline_step("waiting");
	if (deadline_arm("T", 0.1, STATE_CRITICAL) != 0)
		_exit(95);
	block_on_pipe();
}

static void
test_fires_when_blocked(void **unused)
{
	struct child c;

	(void)unused;
	run_child(child_blocked, NULL, 0, &c);
	assert_true(WIFEXITED(c.status));
	assert_int_equal(WEXITSTATUS(c.status), STATE_CRITICAL);
	assert_string_equal(c.out,
	    "CUC T CRITICAL - timed out after 0.1 s while waiting\n");
}

/*
 * deadline_stepf keeps its own copies: the caller's buffer may be gone,
 * and the step before the last one must not show through.
 */
static void
child_stepf(const void *arg, int ready)
{
	char host[32];

	(void)arg;
	(void)ready;
	snprintf(host, sizeof(host), "cuc%d", 1);
	deadline_stepf("connecting to %s:%d", host, 7080);
	deadline_stepf("waiting for %s", "an|answer");
	memset(host, 'x', sizeof(host) - 1);	/* the caller's buffer changes */
	if (deadline_arm("T", 0.1, STATE_CRITICAL) != 0)
		_exit(95);
	block_on_pipe();
}

static void
test_stepf(void **unused)
{
	struct child c;

	(void)unused;
	run_child(child_stepf, NULL, 0, &c);
	assert_true(WIFEXITED(c.status));
	assert_int_equal(WEXITSTATUS(c.status), STATE_CRITICAL);
	assert_string_equal(c.out,
	    "CUC T CRITICAL - timed out after 0.1 s while waiting for an/answer\n");
}

/* The seconds are written with a '.' under a comma-decimal locale. */
static void
child_locale(const void *arg, int ready)
{
	(void)arg;
	(void)ready;
	if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL &&
	    setlocale(LC_ALL, "de_DE.utf8") == NULL)
		_exit(94);
	if (deadline_arm("T", 0.25, STATE_UNKNOWN) != 0)
		_exit(95);
	block_on_pipe();
}

static void
test_locale(void **unused)
{
	struct child c;

	(void)unused;
	run_child(child_locale, NULL, 0, &c);
	if (WIFEXITED(c.status) && WEXITSTATUS(c.status) == 94)
		skip();		/* no comma-decimal locale installed */
	assert_true(WIFEXITED(c.status));
	assert_int_equal(WEXITSTATUS(c.status), STATE_UNKNOWN);
	assert_string_equal(c.out, "CUC T UNKNOWN - timed out after 0.25 s\n");
}

/*
 * SIGTERM keeps its default action even when the scheduler started us
 * with it ignored (an ignored disposition survives exec).
 */
static void
child_term(const void *arg, int ready)
{
	(void)arg;
	signal(SIGTERM, SIG_IGN);
	if (deadline_arm("T", 30, STATE_UNKNOWN) != 0)
		_exit(95);
	if (write(ready, "r", 1) != 1)
		_exit(93);
	block_on_pipe();
}

static void
test_sigterm(void **unused)
{
	struct child c;

	(void)unused;
	run_child(child_term, NULL, SIGTERM, &c);
	assert_true(WIFSIGNALED(c.status));
	assert_int_equal(WTERMSIG(c.status), SIGTERM);
	assert_string_equal(c.out, "");
}

/* Disarmed, the guard stays quiet. */
static void
child_disarm(const void *arg, int ready)
{
	struct timespec ts = { 0, 300 * 1000 * 1000 };

	(void)arg;
	(void)ready;
	if (deadline_arm("T", 0.05, STATE_CRITICAL) != 0)
		_exit(95);
	deadline_disarm();
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		continue;
	fputs("finished\n", stdout);
	fflush(stdout);
	_exit(0);
}

static void
test_disarm(void **unused)
{
	struct child c;

	(void)unused;
	run_child(child_disarm, NULL, 0, &c);
	assert_true(WIFEXITED(c.status));
	assert_int_equal(WEXITSTATUS(c.status), 0);
	assert_string_equal(c.out, "finished\n");
}

/* Runs in a child: the guard's state is the process's. */
static void
child_remaining(const void *arg, int ready)
{
	double r, t0, t1;

	(void)arg;
	(void)ready;
	if (deadline_remaining() != 10.0)	/* never armed: the default */
		_exit(10);
	if (deadline_arm("T", 0, STATE_OK) != -1 ||
	    deadline_arm("T", -1, STATE_OK) != -1 ||
	    deadline_arm("T", NAN, STATE_OK) != -1 ||
	    deadline_arm("T", INFINITY, STATE_OK) != -1)
		_exit(11);
	if (deadline_arm("T", 60, STATE_OK) != 0)
		_exit(12);
	r = deadline_remaining();
	if (!(r > 0 && r <= 60))
		_exit(13);
	deadline_disarm();
	if (deadline_remaining() != 60)		/* not armed: the full timeout */
		_exit(14);
	t0 = monotonic_now();
	t1 = monotonic_now();
	if (!(t0 > 0 && t1 >= t0))
		_exit(15);
	_exit(0);
}

static void
test_remaining(void **unused)
{
	struct child c;

	(void)unused;
	run_child(child_remaining, NULL, 0, &c);
	assert_true(WIFEXITED(c.status));
	assert_int_equal(WEXITSTATUS(c.status), 0);
}

/*
 * A mapped file truncated under the reader (copytruncate) faults with
 * SIGBUS on the pages past its new end: the guard turns that into an
 * UNKNOWN line naming the step, not a crash.
 */
static void
child_bus(const void *arg, int ready)
{
	char path[] = "/tmp/cuc-test-bus.XXXXXX", buf[8192];
	volatile const char *map;
	int fd;

	(void)arg;
	(void)ready;
	if ((fd = mkstemp(path)) < 0)
		_exit(90);
	unlink(path);
	memset(buf, 'x', sizeof(buf));
	if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
		_exit(91);
	map = mmap(NULL, sizeof(buf), PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		_exit(92);
	if (deadline_arm("KEEPALIVE", 30, STATE_CRITICAL) != 0)
		_exit(95);
	deadline_step("reading request.log");
	if (ftruncate(fd, 0) != 0)
		_exit(93);
	if (map[sizeof(buf) - 1] == 'x')
		_exit(94);	/* no fault: nothing to test */
	_exit(89);
}

static void
test_sigbus(void **unused)
{
	struct child c;

	(void)unused;
	run_child(child_bus, NULL, 0, &c);
	assert_true(WIFEXITED(c.status));
	assert_int_equal(WEXITSTATUS(c.status), STATE_UNKNOWN);
	assert_string_equal(c.out, "CUC KEEPALIVE UNKNOWN - input file shrank "
	    "while reading request.log\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fires),
		cmocka_unit_test(test_fires_when_blocked),
		cmocka_unit_test(test_stepf),
		cmocka_unit_test(test_locale),
		cmocka_unit_test(test_sigterm),
		cmocka_unit_test(test_disarm),
		cmocka_unit_test(test_remaining),
		cmocka_unit_test(test_sigbus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
