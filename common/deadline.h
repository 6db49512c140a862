/*
 * deadline.h - the plugin never outlives its timeout.
 *
 * deadline_arm() starts a real-time interval timer.  When it fires, the
 * handler writes the plugin's one line ("CUC PORT UNKNOWN - timed out after
 * 10 s while connecting to cuc1:7080") with write(2) and leaves with
 * _exit(): async-signal-safe calls only, whatever the process was blocked
 * on (connect, DNS, a read from a FIFO, libcurl).
 *
 * Besides this guard every blocking operation also gets its own, shorter
 * timeout from deadline_remaining(), so a slow peer is reported as what it
 * is and not as the plugin timing out.
 *
 * This file keeps the only mutable static state of the library: a signal
 * handler can reach nothing else.
 */
#ifndef CUC_DEADLINE_H
#define CUC_DEADLINE_H

#include "state.h"

/*
 * Arm the guard: after `seconds` (> 0, decimals allowed) print
 * "CUC <check> <STATE> - timed out after N s[ while <step>]" and exit
 * with `st`.  Also arms SIGBUS (a mapped file truncated while read): print
 * "CUC <check> UNKNOWN - input file shrank[ while <step>]" and exit 3.
 * Returns 0, or -1 if the timer could not be set.
 */
int deadline_arm(const char *check, double seconds, enum state st);

/* Disarm the guard (before printing the final report). */
void deadline_disarm(void);

/*
 * Name what the plugin is doing now, for the timeout message.  `what` must
 * stay valid until the next call (a string literal or a buffer of main's);
 * NULL clears it.
 */
void deadline_step(const char *what);

/*
 * The same with a formatted text ("connecting to cuc1:7080"), kept by
 * the guard itself: the text is written into the buffer the handler is
 * not pointed at, then the pointer moves, so a timeout in between still
 * prints the previous step whole.
 */
void deadline_stepf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/*
 * -vvv: call fn(ctx, step) for every step named from now on (NULL: no
 * more).  Main thread only, like the steps themselves.
 */
void deadline_trace(void (*fn)(void *ctx, const char *step), void *ctx);

/* Seconds left before the guard fires (0 when past; the full timeout when not armed). */
double deadline_remaining(void);

/* Seconds on the monotonic clock, for measuring durations. */
double monotonic_now(void);

#endif
