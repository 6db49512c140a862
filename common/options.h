/*
 * options.h - the options every plugin has, and extra-opts.
 *
 * A plugin lists COMMON_LONGOPTS and COMMON_SHORTOPTS in its own getopt_long
 * tables and passes every option it does not handle itself to
 * common_option().  Long-only options of a plugin use codes from
 * OPT_PLUGIN_BASE up.
 *
 * --extra-opts=[section][@file] works as in monitoring-plugins: the section
 * (default: the plugin's name, e.g. check_cuc_port) of an ini file
 * (default: the first of the standard monitoring-plugins.ini locations, or
 * $MP_CONFIG_FILE) is turned into "--key=value" arguments placed before the
 * command line's, so the command line wins.  That is how passwords stay
 * off the command line.
 */
#ifndef CUC_OPTIONS_H
#define CUC_OPTIONS_H

#include <getopt.h>
#include <stdio.h>	/* FILE, for common_help() */
#include <stdbool.h>
#include <stddef.h>

#include "range.h"
#include "state.h"

enum {
	OPT_EXTRA_OPTS = 0x100,
	OPT_PLUGIN_BASE = 0x200	/* first code for a plugin's long-only options */
};

#define COMMON_SHORTOPTS "hVvt:w:c:"
#define COMMON_LONGOPTS \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, 'V' }, \
	{ "verbose", no_argument, NULL, 'v' }, \
	{ "timeout", required_argument, NULL, 't' }, \
	{ "warning", required_argument, NULL, 'w' }, \
	{ "critical", required_argument, NULL, 'c' }, \
	{ "extra-opts", optional_argument, NULL, OPT_EXTRA_OPTS }

#define DEFAULT_TIMEOUT	10.0

struct common_opts {
	int		 verbose;	/* -v count */
	double		 timeout;	/* seconds, default DEFAULT_TIMEOUT */
	enum state	 timeout_state;	/* default UNKNOWN */
	const char	*warning;	/* -w text, parsed by the plugin */
	const char	*critical;	/* -c text */
	bool		 help;		/* -h given */
	bool		 version;	/* -V given */
	/*
	 * Set by the plugin's parse for plugin_main's notes and wipe: the
	 * value of its password option where getopt left it (in argv or an
	 * ini string), that option's name, and whether TLS goes unverified.
	 */
	const char	*secret;
	const char	*secret_option;	/* "--cuc-password" */
	const char	*netrc_file;	/* --netrc-file, or NULL */
	bool		 insecure;
};

void common_opts_init(struct common_opts *);

/*
 * Handle one option returned by getopt_long.  Returns 0 when handled, 1
 * when it is not a common option (the plugin's own), -1 on a bad value
 * with a message naming the option in err.
 */
int common_option(int opt, const char *arg, struct common_opts *,
    char *err, size_t errlen);

/*
 * A plugin's options: what getopt_long is given, and where each option
 * and operand goes.  option() returns 0 or -1 (err set) and hands what it
 * does not know to common_option(); operand() likewise, NULL when the
 * plugin takes no operands.
 */
struct option_table {
	const char		*shortopts;	/* COMMON_SHORTOPTS "..." */
	const struct option	*longopts;	/* COMMON_LONGOPTS, ..., { 0 } */
	int	(*option)(void *cfg, int opt, const char *arg, char *err,
		    size_t errlen);
	int	(*operand)(void *cfg, const char *arg, char *err,
		    size_t errlen);
};

/*
 * The getopt_long loop of every plugin, over argv as extra-opts left it.
 * Returns 0 when all was taken, 1 when -h or -V was given in common (the
 * caller checks nothing further), or -1 with err set: a bad option or
 * value, or an operand the plugin does not take ("unexpected argument").
 */
int options_getopt(int argc, char **argv, const struct option_table *,
    void *cfg, const struct common_opts *common, char *err, size_t errlen);

/*
 * argv[1..] for -vv, each argument after a space: the value of an option
 * whose name holds "password" becomes "(hidden)" and a URL loses its
 * user:password@.  Cut with "..." when it does not fit.
 */
void args_redacted(char *buf, size_t size, int argc, char **argv);

/* The help text of the common options, 80 columns. */
void common_help(FILE *fp);

/* "check_cuc_port 0.1.0 (cuc-single-inbox-plugins)": one line. */
void print_version(FILE *fp, const char *progname);

/* The licence lines that end --help. */
void print_license(FILE *fp);

/*
 * An option error as monitoring-plugins users read it, naming the option
 * and the value: "--window: \"15m\" is not a number of seconds".  optname
 * without dashes ("window", "w") or with them; fmt says what is wrong.
 */
void option_error(char *err, size_t errlen, const char *optname,
    const char *value, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/*
 * Parse a threshold option into *r; on error write
 * "--warning: \"1:2x\" is not a range: trailing characters" into err.
 * Returns 0 or -1.
 */
int range_option(const char *optname, const char *text, unsigned flags,
    struct range *r, char *err, size_t errlen);

/* Parse -w/-c (either may be NULL) into a threshold; errors as above. */
int threshold_options(const char *warning, const char *critical,
    unsigned flags, struct threshold *t, char *err, size_t errlen);

/*
 * -w/-c as given in common, else the plugin's defaults (either may be
 * NULL: no threshold), into a threshold; errors as above.
 */
int common_thresholds(const struct common_opts *, const char *def_warning,
    const char *def_critical, unsigned flags, struct threshold *t,
    char *err, size_t errlen);

/* Non-negative seconds with decimals ("900", "0.5"); errors name optname. */
int seconds_option(const char *optname, const char *text, double *out,
    char *err, size_t errlen);

/* Whole number within [min, max]; errors name optname. */
int uint_option(const char *optname, const char *text, unsigned long min,
    unsigned long max, unsigned long *out, char *err, size_t errlen);

/*
 * Extra-opts.  Build a new argument vector: argv[0], the arguments of every
 * --extra-opts given (in order), then the rest of argv without the
 * --extra-opts arguments.  Without --extra-opts, *new_argv is argv itself.
 * Returns 0, or -1 with the problem (missing or unreadable file, not a
 * regular file, malformed line N, section absent) in err.  Free with
 * extraopts_free().
 */
int extraopts_expand(int argc, char **argv, const char *plugin_name,
    int *new_argc, char ***new_argv, char *err, size_t errlen);
/* Frees the new vector, its ini strings wiped first (passwords). */
void extraopts_free(int argc, char **argv, char **orig_argv);

/*
 * Where each argument came from, for the notes on passwords: main's argv
 * (which ps shows every local user), or an ini file, readable by others
 * or not.  Filled by extraopts_expand_origins(), which is
 * extraopts_expand() keeping track; the first ARG_ORIGINS_MAX files are
 * traced, arguments of later ones are ARG_UNKNOWN.
 */
#define ARG_ORIGINS_MAX	4

struct ini_origin {
	char		 path[1024];	/* as named (cut when longer) */
	bool		 others_read;	/* mode o+r when read */
	int		 first_arg;	/* its arguments' index among the ini's */
	const char	*begin, *end;	/* its arguments' bytes in the vector */
};

struct arg_origins {
	int			 argc;	/* main's */
	char			**argv;
	size_t			 nfiles;
	struct ini_origin	 file[ARG_ORIGINS_MAX];
};

enum arg_origin { ARG_UNKNOWN, ARG_CMDLINE, ARG_INI };

int extraopts_expand_origins(int argc, char **argv, const char *plugin_name,
    int *new_argc, char ***new_argv, struct arg_origins *, char *err,
    size_t errlen);

/*
 * Where arg (a pointer into any argument, e.g. past "--key=") came from;
 * with ARG_INI, *file is the file.
 */
enum arg_origin arg_origin(const struct arg_origins *, const char *arg,
    const struct ini_origin **file);

/*
 * The -t/--timeout argv gives, before extra-opts are read: the last valid
 * "-t N", "-tN", "-vt N", "--timeout N" or "--timeout=N" before "--", into
 * *seconds and *st (left as they are when none is found or the value is
 * invalid: the real parse reports that).  Abbreviations of --timeout are
 * not seen here.
 */
void timeout_prescan(int argc, char **argv, double *seconds, enum state *st);

/*
 * The ini parser behind it (pure: bytes in, arguments out; fuzzed).
 * Appends "--key=value" (or "--key" for a bare key) for each entry of
 * `section` in text to *args (*nargs entries, grown with realloc; start
 * from NULL/0 or an array this function grew, as it sizes by the count).
 * Returns the number of entries found in the section (0 is valid), -2 if
 * the section does not exist, -1 on a malformed line (its number in
 * *bad_line) or out of memory.
 */
int ini_section_args(const char *text, size_t len, const char *section,
    char ***args, int *nargs, int *bad_line);

#endif
