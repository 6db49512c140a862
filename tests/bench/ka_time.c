/*
 * ka_time.c - a command's wall time and its peak private memory.
 *
 *	ka_time CMD ARGS...
 *
 * prints one line:
 *
 *	wall_ms=.. maxrss_kb=.. peak_anon_kb=.. exit=..
 *
 * maxrss_kb is wait4()'s ru_maxrss: it counts the pages of a mapped file
 * the command touched, which live in the page cache and are shared.
 * peak_anon_kb is the private (anonymous) memory: RssAnon of
 * /proc/PID/status, sampled every 100 us while the command runs and once
 * more when it is about to exit (ptrace's exit stop keeps the memory
 * there to be read), the largest value seen.  Sampling can miss a peak
 * shorter than that interval, never overstate one.
 */
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef __WALL
#define __WALL 0x40000000
#endif

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* RssAnon of pid in kB, or -1. */
static long
rss_anon(pid_t pid)
{
	char path[64], buf[4096], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if ((p = strstr(buf, "RssAnon:")) == NULL)
		return -1;
	return strtol(p + 8, NULL, 10);
}

int
main(int argc, char **argv)
{
	struct timespec nap = { 0, 100000 };
	struct rusage ru;
	double t0, t1;
	long peak = 0, v;
	pid_t pid, w;
	int status, devnull, sig;

	if (argc < 2) {
		fprintf(stderr, "usage: ka_time CMD ARGS...\n");
		return 2;
	}
	t0 = now_ms();
	if ((pid = fork()) == -1) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		if ((devnull = open("/dev/null", O_WRONLY)) != -1) {
			dup2(devnull, STDOUT_FILENO);
			dup2(devnull, STDERR_FILENO);
		}
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		raise(SIGSTOP);
		execv(argv[1], argv + 1);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status)) {
		fprintf(stderr, "ka_time: child did not stop\n");
		return 1;
	}
	ptrace(PTRACE_SETOPTIONS, pid, NULL,
	    (void *)(long)(PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL));
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	for (;;) {
		w = wait4(pid, &status, WNOHANG | __WALL, &ru);
		if (w == 0) {
			if ((v = rss_anon(pid)) > peak)
				peak = v;
			nanosleep(&nap, NULL);
			continue;
		}
		if (w == -1) {
			if (errno == EINTR)
				continue;
			perror("wait4");
			return 1;
		}
		if (WIFEXITED(status) || WIFSIGNALED(status))
			break;
		if (!WIFSTOPPED(status))
			continue;
		sig = WSTOPSIG(status);
		if (sig == SIGTRAP && (status >> 16) == PTRACE_EVENT_EXIT) {
			if ((v = rss_anon(pid)) > peak)
				peak = v;
			sig = 0;
		} else if (sig == SIGTRAP)
			sig = 0;	/* the exec stop */
		ptrace(PTRACE_CONT, pid, NULL, (void *)(long)sig);
	}
	t1 = now_ms();
	printf("wall_ms=%.1f maxrss_kb=%ld peak_anon_kb=%ld exit=%d\n",
	    t1 - t0, ru.ru_maxrss, peak,
	    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}
