/*
 * plugin.h - the life of one plugin run, the same for every check:
 *
 *	extra-opts -> options -> (--help | --version) -> arm the timeout ->
 *	the check -> disarm -> print the report -> exit with its state
 *
 * An option error is UNKNOWN, its message naming option and value, and a
 * one-line usage below it, as monitoring-plugins' usage2() does.  -vv
 * adds the configuration, -vvv a trace of the steps (options.h).
 *
 * A plugin describes itself in a struct plugin and hands its config
 * struct to plugin_main(); its own code is then only the check.
 */
#ifndef CUC_PLUGIN_H
#define CUC_PLUGIN_H

#include <stddef.h>
#include <stdio.h>

#include "options.h"
#include "output.h"

struct plugin {
	const char	*progname;	/* "check_cuc_port": --version, extra-opts section */
	const char	*check;		/* "PORT": the word in the status line */

	/* Fill the config from argv; 0, or -1 with the problem in err. */
	int		(*parse)(int argc, char **argv, void *config,
			    char *err, size_t errlen);
	void		(*help)(FILE *fp);
	/* Gather, evaluate and fill in the report. */
	void		(*run)(void *config, struct report *rep);
	/* Release what parse allocated, or NULL. */
	void		(*done)(void *config);
	/*
	 * The one-line usage after an option error, without the program's
	 * name and without '|' (the output writer would turn it into '/').
	 */
	const char	*usage;
};

/*
 * Run the plugin and return its exit code.  `common` points at the
 * common options inside `config`, which parse fills in.
 */
int plugin_main(const struct plugin *, void *config,
    struct common_opts *common, int argc, char **argv);

#endif
