/*
 * secrets.h - what a run does about the password it holds.
 *
 * A plugin may hold a password: --cuc-password, the user:password@ of
 * subscriptions' --url, or what libcurl reads from a netrc.  The process
 * is made non-dumpable before anything is read (no core file; another
 * process of the same user cannot ptrace it or read its /proc/PID/mem or
 * environ), the copies the plugins make are wiped after use, and the
 * report says in its long output (never on stderr, never the password)
 * when the password is on the command line, when the ini file holding it
 * or the --netrc-file is readable by every local user, and when TLS is
 * not verified.
 */
#ifndef CUC_SECRETS_H
#define CUC_SECRETS_H

#include "options.h"
#include "output.h"

/* prctl(PR_SET_DUMPABLE, 0).  Returns 0, or -1 (errno set). */
int secrets_guard(void);

/* The notes on common's secret and --insecure, as long-output lines. */
void secrets_notes(struct report *, const struct common_opts *,
    const struct arg_origins *);

/* Overwrite common's secret where it sits (argv or an ini string). */
void secrets_wipe(const struct common_opts *);

#endif
