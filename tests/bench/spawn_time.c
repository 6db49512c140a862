/*
 * spawn_time.c - whole-process wall time of commands, without a shell.
 *
 *	spawn_time N CMD ARGS... [-- CMD ARGS...]...
 *
 * Runs each command N times, taking turns (run 1 of every command, then
 * run 2, ...) so that a machine getting busier or quieter affects all of
 * them alike, with stdout and stderr on /dev/null.  For each command it
 * prints one line:
 *
 *	name=<argv0> runs=N median_ms=.. p90_ms=.. min_ms=.. max_ms=..
 *	    maxrss_kb=.. exit=..
 *
 * The time runs from just before posix_spawn() to wait4() returning: exec,
 * dynamic loading, the program's work and exit.  maxrss_kb is the largest
 * ru_maxrss wait4() reported over the runs; exit is the first run's exit
 * status (-1: killed).  With SPAWN_EACH=1 the line also has runs_ms=a,b,..
 * (after name and runs): the times in the order run, round 1 first, so
 * that a script can pair the commands' runs of one round.  Ten warm-up
 * rounds are not counted (SPAWN_WARMUP=K: K of them).
 */
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_CMDS	8
#define WARMUP		10

extern char **environ;

struct cmd {
	char	**argv;
	double	 *ms;
	long	  maxrss_kb;
	int	  first_exit;
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* One run; returns its exit status (-1 killed, -2 could not start). */
static int
run_once(struct cmd *c, const posix_spawn_file_actions_t *fa, double *ms,
    long *rss_kb)
{
	struct rusage ru;
	double t0;
	pid_t pid;
	int status;

	t0 = now_ms();
	if (posix_spawn(&pid, c->argv[0], fa, NULL, c->argv, environ) != 0)
		return -2;
	if (wait4(pid, &status, 0, &ru) != pid)
		return -2;
	*ms = now_ms() - t0;
	*rss_kb = ru.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
report(const struct cmd *c, int n, int each)
{
	int i;

	printf("name=%s runs=%d", c->argv[0], n);
	for (i = 0; each && i < n; i++)	/* in order, before the sort */
		printf("%s%.3f", i == 0 ? " runs_ms=" : ",", c->ms[i]);
	qsort(c->ms, (size_t)n, sizeof(double), cmp_double);
	printf(" median_ms=%.3f p90_ms=%.3f min_ms=%.3f max_ms=%.3f "
	    "maxrss_kb=%ld exit=%d\n",
	    n % 2 ? c->ms[n / 2] : (c->ms[n / 2 - 1] + c->ms[n / 2]) / 2,
	    c->ms[(n * 9) / 10 < n ? (n * 9) / 10 : n - 1], c->ms[0],
	    c->ms[n - 1], c->maxrss_kb, c->first_exit);
}

int
main(int argc, char **argv)
{
	struct cmd cmds[MAX_CMDS];
	posix_spawn_file_actions_t fa;
	int n, ncmd = 0, i, r, k, status, warmup = WARMUP;
	double ms;
	long rss;
	const char *w = getenv("SPAWN_WARMUP"), *each = getenv("SPAWN_EACH");

	if (argc < 3 || (n = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: spawn_time N CMD ARGS... "
		    "[-- CMD ARGS...]...\n");
		return 2;
	}
	memset(cmds, 0, sizeof(cmds));
	for (i = 2; i < argc && ncmd < MAX_CMDS; ncmd++) {
		cmds[ncmd].argv = argv + i;
		while (i < argc && strcmp(argv[i], "--") != 0)
			i++;
		if (i < argc)
			argv[i++] = NULL;	/* ends this command's argv */
		if ((cmds[ncmd].ms = calloc((size_t)n, sizeof(double))) == NULL)
			return 2;
	}
	if (w != NULL && *w != '\0')
		warmup = atoi(w) < 0 ? 0 : atoi(w);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	for (r = -warmup; r < n; r++) {
		for (k = 0; k < ncmd; k++) {
			status = run_once(&cmds[k], &fa, &ms, &rss);
			if (status == -2) {
				fprintf(stderr, "spawn_time: cannot run %s\n",
				    cmds[k].argv[0]);
				return 2;
			}
			if (r == -warmup)
				cmds[k].first_exit = status;
			if (r < 0)
				continue;
			cmds[k].ms[r] = ms;
			if (rss > cmds[k].maxrss_kb)
				cmds[k].maxrss_kb = rss;
		}
	}
	for (k = 0; k < ncmd; k++) {
		report(&cmds[k], n, each != NULL && strcmp(each, "1") == 0);
		free(cmds[k].ms);
	}
	posix_spawn_file_actions_destroy(&fa);
	return 0;
}
