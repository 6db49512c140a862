/*
 * deadline.c - the guard that ends the plugin at its timeout; see deadline.h.
 *
 * Everything the SIGALRM handler needs is prepared at arm time: the whole
 * line up to " while ..." sits in a static buffer, the exit code in a
 * sig_atomic_t, and the step is a volatile pointer the handler reads once.
 * The handler itself only copies bytes, calls write(2) and _exit(2), all
 * async-signal-safe.  _exit() also drops whatever stdio still buffers, so
 * a half-built report never reaches the scheduler after the timeout line.
 *
 * SIGTERM (the scheduler killing a plugin it gave up on) keeps its default
 * action: the process ends at once.  Nagios and Icinga record their own
 * timeout result then and ignore our output, so a handler would add
 * nothing but risk.  deadline_arm() does reset SIGTERM to the default and
 * unblocks SIGALRM and SIGTERM, because an ignored disposition and the
 * signal mask survive exec(): a parent that ignored or blocked them would
 * otherwise make the plugin unkillable and the guard silent.
 *
 * SIGBUS gets the same kind of last words, always UNKNOWN: logfile.c maps
 * regular files, and a file truncated in place while mapped (logrotate's
 * copytruncate, an operator's `> file`) faults on the pages past its new
 * end.  The line names the step, so "input file shrank while reading
 * request.log" is what the scheduler shows instead of a crash.
 */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "deadline.h"
#include "numfmt.h"
#include "options.h"
#include "output.h"

#define PREFIX_MAX	192
#define STEP_MAX	256
#define SECONDS_MAX	1e8	/* setitimer's tv_sec stays far from overflow */

/* The only mutable static state of the library (see deadline.h). */
static char			 dl_prefix[PREFIX_MAX];
static size_t			 dl_prefix_len;
static volatile sig_atomic_t	 dl_exit_code = STATE_UNKNOWN;
static const char *volatile	 dl_step;
static double			 dl_timeout = DEFAULT_TIMEOUT;
static double			 dl_end;	/* monotonic_now() at expiry */
static int			 dl_armed;
static char			 dl_bus_prefix[PREFIX_MAX];
static char			 dl_step_text[2][STEP_MAX + 1];	/* deadline_stepf */
static int			 dl_step_next;
static void			(*dl_trace)(void *, const char *);	/* -vvv */
static void			*dl_trace_ctx;
static size_t			 dl_bus_prefix_len;

static void
append(char *buf, size_t size, size_t *len, const char *s)
{
	while (*s != '\0' && *len + 1 < size)
		buf[(*len)++] = *s++;
	buf[*len] = '\0';
}

/*
 * Async-signal-safe: the line is put together on the stack from the
 * precomputed prefix and the step.  deadline_stepf() already made its
 * text safe with text_sanitise(); the byte rules here (no '|', no ';' on
 * line 1, no control characters) guard the literals of deadline_step().
 */
static void
last_words(const char *prefix, size_t prefix_len, int code)
{
	char line[PREFIX_MAX + STEP_MAX + 16];
	const char *step = dl_step, *p;
	size_t len = 0, i;
	ssize_t w;

	for (i = 0; i < prefix_len; i++)
		line[len++] = prefix[i];
	if (step != NULL && step[0] != '\0') {
		for (p = " while "; *p != '\0'; p++)
			line[len++] = *p;
		for (i = 0; step[i] != '\0' && i < STEP_MAX; i++) {
			unsigned char c = (unsigned char)step[i];

			if (c == '|')
				c = '/';
			else if (c == ';')
				c = ',';
			else if (c < 0x20 || c == 0x7f)
				c = '?';
			line[len++] = (char)c;
		}
	}
	line[len++] = '\n';
	for (i = 0; i < len; i += (size_t)w) {
		w = write(STDOUT_FILENO, line + i, len - i);
		if (w < 0 && errno == EINTR)
			w = 0;
		else if (w <= 0)
			break;
	}
	_exit(code);
}

static void
on_alarm(int sig)
{
	(void)sig;
	last_words(dl_prefix, dl_prefix_len, dl_exit_code);
}

static void
on_bus(int sig)
{
	(void)sig;
	last_words(dl_bus_prefix, dl_bus_prefix_len, STATE_UNKNOWN);
}

int
deadline_arm(const char *check, double seconds, enum state st)
{
	struct sigaction sa;
	struct itimerval it;
	sigset_t set;
	char num[64];
	long usec;

	if (!isfinite(seconds) || seconds <= 0 || seconds > SECONDS_MAX)
		return -1;
	if ((unsigned)st > STATE_UNKNOWN)
		st = STATE_UNKNOWN;

	/* "N s" through numfmt: a decimal point whatever the locale. */
	numfmt(num, sizeof(num), seconds, 3);
	dl_prefix_len = 0;
	dl_prefix[0] = '\0';
	append(dl_prefix, sizeof(dl_prefix), &dl_prefix_len, "CUC ");
	append(dl_prefix, sizeof(dl_prefix), &dl_prefix_len,
	    check != NULL ? check : "");
	append(dl_prefix, sizeof(dl_prefix), &dl_prefix_len, " ");
	append(dl_prefix, sizeof(dl_prefix), &dl_prefix_len, state_name(st));
	append(dl_prefix, sizeof(dl_prefix), &dl_prefix_len,
	    " - timed out after ");
	append(dl_prefix, sizeof(dl_prefix), &dl_prefix_len, num);
	append(dl_prefix, sizeof(dl_prefix), &dl_prefix_len, " s");
	dl_exit_code = (sig_atomic_t)st;
	dl_bus_prefix_len = 0;
	append(dl_bus_prefix, sizeof(dl_bus_prefix), &dl_bus_prefix_len,
	    "CUC ");
	append(dl_bus_prefix, sizeof(dl_bus_prefix), &dl_bus_prefix_len,
	    check != NULL ? check : "");
	append(dl_bus_prefix, sizeof(dl_bus_prefix), &dl_bus_prefix_len,
	    " UNKNOWN - input file shrank");

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigfillset(&sa.sa_mask);	/* nothing interrupts the last words */
	if (sigaction(SIGALRM, &sa, NULL) != 0)
		return -1;
	sa.sa_handler = on_bus;
	if (sigaction(SIGBUS, &sa, NULL) != 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	(void)sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigaddset(&set, SIGTERM);
	if (sigprocmask(SIG_UNBLOCK, &set, NULL) != 0)
		return -1;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = (time_t)seconds;
	usec = (long)((seconds - (double)it.it_value.tv_sec) * 1e6 + 0.5);
	if (usec >= 1000000) {
		it.it_value.tv_sec++;
		usec -= 1000000;
	}
	it.it_value.tv_usec = (suseconds_t)usec;
	if (it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0)
		it.it_value.tv_usec = 1;	/* zero would disarm */
	dl_timeout = seconds;
	dl_end = monotonic_now() + seconds;
	if (setitimer(ITIMER_REAL, &it, NULL) != 0) {
		dl_armed = 0;
		return -1;
	}
	dl_armed = 1;
	return 0;
}

void
deadline_disarm(void)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	(void)setitimer(ITIMER_REAL, &it, NULL);
	dl_armed = 0;
}

void
deadline_trace(void (*fn)(void *ctx, const char *step), void *ctx)
{
	dl_trace = fn;
	dl_trace_ctx = ctx;
}

void
deadline_step(const char *what)
{
	dl_step = what;
	if (dl_trace != NULL && what != NULL)
		dl_trace(dl_trace_ctx, what);
}

void
deadline_stepf(const char *fmt, ...)
{
	char *text = dl_step_text[dl_step_next], raw[STEP_MAX + 8];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	/*
	 * A step names paths and hosts, some from the monitored side: made
	 * safe here, as the writer would, since the handler cannot.
	 */
	text_sanitise(text, sizeof(dl_step_text[0]), raw, true);
	dl_step = text;
	dl_step_next = !dl_step_next;
	if (dl_trace != NULL)
		dl_trace(dl_trace_ctx, text);
}

double
deadline_remaining(void)
{
	double left;

	if (!dl_armed)
		return dl_timeout;
	left = dl_end - monotonic_now();
	return left > 0 ? left : 0;
}

double
monotonic_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
