/* plugin.c - the life of one plugin run; see plugin.h. */
#include <string.h>

#include "deadline.h"
#include "numfmt.h"
#include "plugin.h"
#include "secrets.h"

/* -vvv: each step the plugin names, with its time since the start. */
struct trace {
	struct report	*rep;
	double		 start;
};

static void
trace_step(void *ctx, const char *step)
{
	struct trace *t = ctx;
	char secs[32];

	numfmt(secs, sizeof(secs), monotonic_now() - t->start, 3);
	report_detail(t->rep, "debug +%s s: %s", secs, step);
}

/* -vv: the configuration as parsed, secrets hidden. */
static void
show_config(struct report *rep, const struct common_opts *common, int argc,
    char **argv)
{
	char args[1024], secs[32];

	args_redacted(args, sizeof(args), argc, argv);
	report_detail(rep, "options (after --extra-opts):%s", args);
	numfmt(secs, sizeof(secs), common->timeout, 3);
	report_detail(rep, "-t %s s, then %s; -w %s, -c %s (as given; "
	    "defaults: see --help)", secs, state_name(common->timeout_state),
	    common->warning != NULL ? common->warning : "(default)",
	    common->critical != NULL ? common->critical : "(default)");
}

/* An option error: the message, then the one-line usage. */
static int
option_failure(const struct plugin *p, struct report *rep, const char *err)
{
	report_fail(rep, STATE_UNKNOWN, "%s", err);
	if (p->usage != NULL)
		report_detail(rep, "Usage: %s %s (--help for more)",
		    p->progname, p->usage);
	return report_print(rep, stdout);
}

int
plugin_main(const struct plugin *p, void *config,
    struct common_opts *common, int argc, char **argv)
{
	struct report rep;
	struct arg_origins origins;
	struct trace trace;
	char err[512], **args;
	double secs = DEFAULT_TIMEOUT;
	enum state st = STATE_UNKNOWN;
	int nargs, rc;

	/*
	 * Before anything is read: argv or the ini may hold a password, and
	 * a core file or a same-user ptrace would hand it out.
	 */
	(void)secrets_guard();
	trace.rep = &rep;
	trace.start = monotonic_now();
	report_init(&rep, p->check);
	/*
	 * The guard is armed before the ini is read: an ini path may name
	 * a FIFO or sit on a dead NFS server, and nothing else would end
	 * that wait.  -t may itself come from the ini, which is only known
	 * once read, so argv's -t (or the default) guards the read, and the
	 * guard is armed again below if the ini changed it.
	 */
	timeout_prescan(argc, argv, &secs, &st);
	if (deadline_arm(p->check, secs, st) != 0) {
		report_fail(&rep, STATE_UNKNOWN, "cannot arm the timeout");
		return report_print(&rep, stdout);
	}
	deadline_step("reading --extra-opts");
	if (extraopts_expand_origins(argc, argv, p->progname, &nargs, &args,
	    &origins, err, sizeof(err)) != 0) {
		deadline_disarm();
		return option_failure(p, &rep, err);
	}
	deadline_step(NULL);
	if (p->parse(nargs, args, config, err, sizeof(err)) != 0) {
		deadline_disarm();
		rc = option_failure(p, &rep, err);
		goto out;
	} else if (common->help || common->version) {
		deadline_disarm();
		if (common->help) {
			p->help(stdout);
			print_license(stdout);
		} else
			print_version(stdout, p->progname);
		rc = STATE_UNKNOWN;
		goto out;
	} else if ((common->timeout != secs || common->timeout_state != st) &&
	    deadline_arm(p->check, common->timeout,
	    common->timeout_state) != 0) {
		/*
		 * Unchanged, the guard keeps running from its first arming:
		 * the time spent reading the ini counts against -t.
		 */
		deadline_disarm();
		report_fail(&rep, STATE_UNKNOWN, "cannot arm the timeout");
	} else {
		secrets_notes(&rep, common, &origins);
		if (common->verbose >= 2)
			show_config(&rep, common, nargs, args);
		if (common->verbose >= 3)
			deadline_trace(trace_step, &trace);
		p->run(config, &rep);
		deadline_trace(NULL, NULL);
		deadline_disarm();
	}
	rc = report_print(&rep, stdout);
out:
	secrets_wipe(common);
	if (p->done != NULL)
		p->done(config);
	extraopts_free(nargs, args, argv);
	return rc;
}
