/* plugin.c - the life of one plugin run; see plugin.h. */
#include "deadline.h"
#include "plugin.h"

int
plugin_main(const struct plugin *p, void *config,
    struct common_opts *common, int argc, char **argv)
{
	struct report rep;
	char err[512], **args;
	int nargs, rc;

	report_init(&rep, p->check);
	if (extraopts_expand(argc, argv, p->progname, &nargs, &args, err,
	    sizeof(err)) != 0) {
		report_fail(&rep, STATE_UNKNOWN, "%s", err);
		return report_print(&rep, stdout);
	}
	if (p->parse(nargs, args, config, err, sizeof(err)) != 0)
		report_fail(&rep, STATE_UNKNOWN, "%s", err);
	else if (common->help || common->version) {
		if (common->help)
			p->help(stdout);
		else
			print_version(stdout, p->progname);
		rc = STATE_UNKNOWN;
		goto out;
	} else if (deadline_arm(p->check, common->timeout,
	    common->timeout_state) != 0)
		report_fail(&rep, STATE_UNKNOWN, "cannot arm the timeout");
	else {
		p->run(config, &rep);
		deadline_disarm();
	}
	rc = report_print(&rep, stdout);
out:
	if (p->done != NULL)
		p->done(config);
	extraopts_free(nargs, args, argv);
	return rc;
}
