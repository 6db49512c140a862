/*
 * options.c - the options every plugin has, and extra-opts; see options.h.
 *
 * Extra-opts follows monitoring-plugins (lib/extra_opts.c, lib/parse_ini.c)
 * and Monitoring::Plugin::Config, so one ini file serves their plugins and
 * ours:
 *   - --extra-opts, --extra-opts=SECTION, --extra-opts=@FILE,
 *     --extra-opts=SECTION@FILE, and "--extra-opts LOCATOR" as two
 *     arguments when the next one does not start with '-';
 *   - default section: the plugin's name; default file: $MP_CONFIG_FILE,
 *     else monitoring-plugins.ini, plugins.ini or nagios-plugins.ini in a
 *     directory of $NAGIOS_CONFIG_PATH, else the first existing of the
 *     standard paths below;
 *   - whole-line comments start with '#' or ';'; values run to the end of
 *     the line with the surrounding blanks trimmed: quotes and a '#' inside
 *     a value are kept as they are (neither monitoring-plugins nor
 *     Config::Tiny strip them), so "password = a#b c" gives "a#b c";
 *   - "key" and "key =" both give "--key" (monitoring-plugins does the
 *     same for "key =").
 *   - the lines of other sections are skipped unread, malformed or not,
 *     and so is a malformed header that is not ours: one plugin's typo
 *     in a shared file does not break every other plugin;
 *   - a line before the first [section] is an error, as there.
 * Where we differ, we are stricter or clearer: a malformed line of our
 * section is reported with its number, an empty section is not an error,
 * and a one-letter key gives "-kVALUE" (monitoring-plugins' "-k=VALUE"
 * hands "=VALUE" to getopt).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http.h"
#include "numfmt.h"
#include "options.h"

#ifndef CUC_VERSION
#define CUC_VERSION "unknown"
#endif

#define TIMEOUT_MAX	86400.0		/* a day: more is a typo */
#define INI_MAX_SIZE	(1024 * 1024)	/* an ini file larger is not one */

/* monitoring-plugins' search order, newest names first. */
static const char *const ini_file_names[] = {
	"monitoring-plugins.ini", "plugins.ini", "nagios-plugins.ini"
};
static const char *const ini_default_paths[] = {
	"/usr/local/etc/monitoring-plugins/monitoring-plugins.ini",
	"/usr/local/etc/monitoring-plugins.ini",
	"/etc/monitoring-plugins/monitoring-plugins.ini",
	"/etc/monitoring-plugins.ini",
	/* deprecated, still searched by monitoring-plugins */
	"/etc/nagios/plugins.ini",
	"/usr/local/nagios/etc/plugins.ini",
	"/usr/local/etc/nagios/plugins.ini",
	"/etc/opt/nagios/plugins.ini",
	"/etc/nagios-plugins.ini",
	"/usr/local/etc/nagios-plugins.ini",
	"/etc/opt/nagios-plugins.ini"
};

void
common_opts_init(struct common_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout = DEFAULT_TIMEOUT;
	o->timeout_state = STATE_UNKNOWN;
}

/* "-t" for a one-letter name, "--name" else; names given with dashes stay. */
static const char *
dashes(const char *optname)
{
	if (optname[0] == '-')
		return "";
	return optname[0] != '\0' && optname[1] == '\0' ? "-" : "--";
}

void
option_error(char *err, size_t errlen, const char *optname,
    const char *value, const char *fmt, ...)
{
	va_list ap;
	char shown[256];
	int n;

	/* user:password@ typed where it does not belong is not repeated */
	if (value != NULL && strchr(value, '@') != NULL) {
		http_url_display(shown, sizeof(shown), value);
		value = shown;
	}
	n = snprintf(err, errlen, "%s%s: \"%s\" ", dashes(optname), optname,
	    value != NULL ? value : "");
	if (n < 0 || (size_t)n >= errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

static int
parse_timeout(const char *arg, struct common_opts *o, char *err,
    size_t errlen)
{
	char secs[64];
	const char *colon;
	size_t n;
	double v;
	enum state st = o->timeout_state;

	colon = strchr(arg, ':');
	n = colon != NULL ? (size_t)(colon - arg) : strlen(arg);
	if (n == 0 || n >= sizeof(secs)) {
		option_error(err, errlen, "timeout", arg, "is not "
		    "SECONDS[:STATE]");
		return -1;
	}
	memcpy(secs, arg, n);
	secs[n] = '\0';
	if (numparse(secs, &v) != 0 || !isfinite(v) || v <= 0 ||
	    v > TIMEOUT_MAX) {
		option_error(err, errlen, "timeout", arg, "is not a number of "
		    "seconds above 0 and at most %d", (int)TIMEOUT_MAX);
		return -1;
	}
	if (colon != NULL && state_parse(colon + 1, &st) != 0) {
		option_error(err, errlen, "timeout", arg, "names no state after "
		    "':' (expected OK, WARNING, CRITICAL, UNKNOWN or 0..3)");
		return -1;
	}
	o->timeout = v;
	o->timeout_state = st;
	return 0;
}

void
timeout_prescan(int argc, char **argv, double *seconds, enum state *st)
{
	struct common_opts o;
	const char *a, *val;
	char err[256];
	int i;

	common_opts_init(&o);
	o.timeout = *seconds;
	o.timeout_state = *st;
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		a = argv[i];
		val = NULL;
		if (strcmp(a, "--timeout") == 0)
			val = i + 1 < argc ? argv[++i] : NULL;
		else if (strncmp(a, "--timeout=", 10) == 0)
			val = a + 10;
		else if (a[0] == '-' && a[1] != '-') {
			/* A cluster of flags without a value, then t. */
			for (a++; *a == 'h' || *a == 'V' || *a == 'v'; a++)
				;
			if (*a == 't')
				val = a[1] != '\0' ? a + 1 :
				    i + 1 < argc ? argv[++i] : NULL;
		}
		if (val != NULL)
			(void)parse_timeout(val, &o, err, sizeof(err));
	}
	*seconds = o.timeout;
	*st = o.timeout_state;
}

int
common_option(int opt, const char *arg, struct common_opts *o, char *err,
    size_t errlen)
{
	switch (opt) {
	case 'h':
		o->help = true;
		return 0;
	case 'V':
		o->version = true;
		return 0;
	case 'v':
		if (o->verbose < INT_MAX)
			o->verbose++;
		return 0;
	case 't':
		return parse_timeout(arg != NULL ? arg : "", o, err, errlen);
	case 'w':
		o->warning = arg;
		return 0;
	case 'c':
		o->critical = arg;
		return 0;
	case OPT_EXTRA_OPTS:
		/*
		 * extraopts_expand() consumed every "--extra-opts"; what
		 * reaches here is an abbreviation getopt_long accepted
		 * ("--extra=x"), which would otherwise be silently ignored.
		 */
		snprintf(err, errlen, "--extra-opts must be spelled out in full");
		return -1;
	case '?':
	case ':':
		/* What options_getopt() did not name better. */
		if (optopt > ' ' && optopt < 0x7f)
			snprintf(err, errlen, "-%c: unknown option or missing "
			    "value", optopt);
		else
			snprintf(err, errlen, "unknown option or missing value");
		return -1;
	}
	return 1;
}

/* The long options whose names start with name[0..len): 0, 1 or more. */
static size_t
long_matches(const struct option *longopts, const char *name, size_t len,
    char *list, size_t listlen)
{
	const struct option *o;
	size_t n = 0, used = 0;
	int w;

	list[0] = '\0';
	for (o = longopts; o->name != NULL; o++) {
		if (strncmp(o->name, name, len) != 0)
			continue;
		if (strlen(o->name) == len)
			return 1;	/* exact: not ambiguous */
		w = snprintf(list + used, listlen - used, "%s--%s",
		    n > 0 ? ", " : "", o->name);
		if (w > 0 && (size_t)w < listlen - used)
			used += (size_t)w;
		n++;
	}
	return n;
}

/* The code of the long option name[0..len) abbreviates uniquely, or -1. */
static int
long_code(const struct option *longopts, const char *name, size_t len)
{
	const struct option *o;
	int code = -1, n = 0;

	for (o = longopts; o->name != NULL; o++) {
		if (strncmp(o->name, name, len) != 0)
			continue;
		if (strlen(o->name) == len)
			return o->val;
		code = o->val;
		n++;
	}
	return n == 1 ? code : -1;
}

/*
 * getopt_long's '?' (unknown, ambiguous, a value where none is taken) or
 * ':' (value missing), named as the user wrote it.
 */
static void
getopt_error(int opt, const char *arg, const struct option *longopts,
    char *err, size_t errlen)
{
	char list[256];
	size_t len = 0;
	bool is_long = arg != NULL && strncmp(arg, "--", 2) == 0;

	/*
	 * argv[optind - 1] is the option only when getopt_long left that
	 * element: inside a cluster of short options ("-vZ") it may be the
	 * one before.  A long option's error has optopt 0 or its code.
	 */
	if (is_long) {
		len = strcspn(arg + 2, "=");
		is_long = optopt == 0 || long_code(longopts, arg + 2, len) ==
		    optopt;
	}
	if (!is_long) {
		if (opt == ':')
			snprintf(err, errlen, "-%c: needs a value", optopt);
		else if (optopt > ' ' && optopt < 0x7f)
			snprintf(err, errlen, "-%c: unknown option", optopt);
		else
			snprintf(err, errlen, "unknown option");
		return;
	}
	if (opt == ':')
		snprintf(err, errlen, "--%.*s: needs a value", (int)len,
		    arg + 2);
	else if (optopt != 0)
		snprintf(err, errlen, "--%.*s: takes no value (\"%s\")",
		    (int)len, arg + 2, arg);
	else if (long_matches(longopts, arg + 2, len, list,
	    sizeof(list)) > 1)
		snprintf(err, errlen, "--%.*s: ambiguous, could be %s",
		    (int)len, arg + 2, list);
	else
		snprintf(err, errlen, "--%.*s: unknown option", (int)len,
		    arg + 2);
}

int
options_getopt(int argc, char **argv, const struct option_table *tab,
    void *cfg, const struct common_opts *common, char *err, size_t errlen)
{
	char shortopts[128];
	int opt;

	/* A leading ':' tells a missing value (':') from the unknown ('?'). */
	snprintf(shortopts, sizeof(shortopts), ":%s", tab->shortopts);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, shortopts, tab->longopts,
	    NULL)) != -1) {
		if (opt == '?' || opt == ':') {
			getopt_error(opt, optind > 1 && optind - 1 < argc ?
			    argv[optind - 1] : NULL, tab->longopts, err,
			    errlen);
			return -1;
		}
		if (tab->option(cfg, opt, optarg, err, errlen) != 0)
			return -1;
	}
	if (common->help || common->version)
		return 1;
	for (; optind < argc; optind++) {
		if (tab->operand == NULL) {
			snprintf(err, errlen, "\"%s\": unexpected argument "
			    "(options start with -)", argv[optind]);
			return -1;
		}
		if (tab->operand(cfg, argv[optind], err, errlen) != 0)
			return -1;
	}
	return 0;
}

/* Does this option carry a secret ("--cuc-password", "--password=x")? */
static bool
is_secret_option(const char *a)
{
	size_t n = strcspn(a, "="), i;

	for (i = 0; a[0] == '-' && i + 8 <= n; i++)
		if (memcmp(a + i, "password", 8) == 0)
			return true;
	return false;
}

/* Append a to buf (used of size), quoted when it holds a blank. */
static size_t
append_shown(char *buf, size_t size, size_t used, const char *a, size_t len)
{
	const char *q = len == 0 || strcspn(a, " \t") < len ? "'" : "";
	int n;

	if (used >= size)
		return used;
	n = snprintf(buf + used, size - used, " %s%.*s%s", q, (int)len, a, q);
	return n < 0 ? used : used + (size_t)n;
}

void
args_redacted(char *buf, size_t size, int argc, char **argv)
{
	const char *a, *value, *eq;
	size_t used = 0;
	char tmp[1024 + 64], url[1024];
	int i;

	buf[0] = '\0';
	for (i = 1; i < argc && used < size; i++) {
		a = argv[i];
		if (is_secret_option(a)) {
			snprintf(tmp, sizeof(tmp), "%.*s=(hidden)",
			    (int)strcspn(a, "="), a);
			used = append_shown(buf, size, used, tmp, strlen(tmp));
			if (strchr(a, '=') == NULL && i + 1 < argc)
				i++;
			continue;
		}
		/* a URL's user:password@ goes, as in the plugins' messages */
		value = a[0] == '-' && a[1] == '-' && (eq = strchr(a, '=')) !=
		    NULL ? eq + 1 : a;
		if (strchr(value, '@') != NULL) {
			http_url_display(url, sizeof(url), value);
			/* "--name=": an option's name is short */
			snprintf(tmp, sizeof(tmp), "%.*s%s", value - a < 64 ?
			    (int)(value - a) : 64, a, url);
			used = append_shown(buf, size, used, tmp, strlen(tmp));
			continue;
		}
		used = append_shown(buf, size, used, a, strlen(a));
	}
	if (used >= size && size > 4)
		memcpy(buf + size - 4, "...", 4);
}

void
common_help(FILE *fp)
{
	static const char text[] =
" -h, --help\n"
"    Print this help and exit (UNKNOWN, exit code 3).\n"
" -V, --version\n"
"    Print the version and exit (UNKNOWN, exit code 3).\n"
" -v, --verbose\n"
"    As monitoring-plugins: -v adds one line (what fails, in short), -vv\n"
"    also the configuration as the plugin understood it (options after\n"
"    --extra-opts, passwords hidden; thresholds) and every detail line by\n"
"    line, -vvv also a trace for debugging (each step with its time since\n"
"    the start).\n"
" -t, --timeout=SECONDS[:STATE]\n"
"    Stop after SECONDS (decimals allowed, default 10) and report STATE:\n"
"    OK, WARNING, CRITICAL, UNKNOWN or 0..3 (default UNKNOWN).\n"
" -w, --warning=RANGE\n"
" -c, --critical=RANGE\n"
"    Thresholds, Nagios ranges with both ends included: N alerts outside\n"
"    0..N, N: below N, ~:N above N, A:B outside A..B, @A:B inside A..B.\n"
" --extra-opts=[SECTION][@FILE]\n"
"    Read options from SECTION (default: the plugin's name) of an ini\n"
"    file, as monitoring-plugins does.  FILE defaults to $MP_CONFIG_FILE,\n"
"    else monitoring-plugins.ini, plugins.ini or nagios-plugins.ini in a\n"
"    directory of $NAGIOS_CONFIG_PATH, else the first that exists of\n"
"    /usr/local/etc/monitoring-plugins/monitoring-plugins.ini,\n"
"    /usr/local/etc/monitoring-plugins.ini,\n"
"    /etc/monitoring-plugins/monitoring-plugins.ini,\n"
"    /etc/monitoring-plugins.ini and the older /etc/nagios/plugins.ini,\n"
"    /usr/local/nagios/etc/plugins.ini, /usr/local/etc/nagios/plugins.ini,\n"
"    /etc/opt/nagios/plugins.ini, /etc/nagios-plugins.ini,\n"
"    /usr/local/etc/nagios-plugins.ini, /etc/opt/nagios-plugins.ini.\n"
"    Each \"key = value\" line becomes --key=value (\"key\" alone: --key)\n"
"    placed before the command line, so the command line wins.  Lines\n"
"    starting with # or ; are comments; a value runs to the end of its\n"
"    line, quotes included.  May be given more than once.  A missing\n"
"    file or section, or a malformed line in SECTION (or before the\n"
"    first section), is UNKNOWN; other sections are not read.\n";

	fputs(text, fp);
}

void
print_version(FILE *fp, const char *progname)
{
	fprintf(fp, "%s %s (cuc-single-inbox-plugins)\n",
	    progname != NULL ? progname : "cuc-single-inbox-plugins",
	    CUC_VERSION);
}

void
print_license(FILE *fp)
{
	fputs("\nLicense GPL-3.0-or-later: GNU GPL version 3 or later\n"
	    "<https://gnu.org/licenses/gpl.html>.  This is free software;\n"
	    "there is NO WARRANTY.\n", fp);
}

int
range_option(const char *optname, const char *text, unsigned flags,
    struct range *r, char *err, size_t errlen)
{
	const char *why = "invalid";

	if (text == NULL || range_parse(text, flags, r, &why) != 0) {
		option_error(err, errlen, optname, text, "is not a range: %s",
		    why != NULL ? why : "invalid");
		return -1;
	}
	return 0;
}

int
common_thresholds(const struct common_opts *o, const char *def_warning,
    const char *def_critical, unsigned flags, struct threshold *t,
    char *err, size_t errlen)
{
	return threshold_options(o->warning != NULL ? o->warning : def_warning,
	    o->critical != NULL ? o->critical : def_critical, flags, t, err,
	    errlen);
}

int
threshold_options(const char *warning, const char *critical, unsigned flags,
    struct threshold *t, char *err, size_t errlen)
{
	memset(t, 0, sizeof(*t));
	if (warning != NULL) {
		if (range_option("warning", warning, flags, &t->warning, err,
		    errlen) != 0)
			return -1;
		t->has_warning = true;
	}
	if (critical != NULL) {
		if (range_option("critical", critical, flags, &t->critical,
		    err, errlen) != 0)
			return -1;
		t->has_critical = true;
	}
	return 0;
}

int
seconds_option(const char *optname, const char *text, double *out,
    char *err, size_t errlen)
{
	double v;

	if (text == NULL || numparse(text, &v) != 0 || !isfinite(v) ||
	    v < 0) {
		option_error(err, errlen, optname, text, "is not a number of "
		    "seconds (0 or more, decimals allowed)");
		return -1;
	}
	*out = v;
	return 0;
}

int
uint_option(const char *optname, const char *text, unsigned long min,
    unsigned long max, unsigned long *out, char *err, size_t errlen)
{
	unsigned long v = 0;
	const char *p;
	bool ok = text != NULL && text[0] != '\0';

	/* By hand: strtoul takes blanks, signs and "0x", none wanted here. */
	for (p = text; ok && *p != '\0'; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (d > 9 || v > (ULONG_MAX - d) / 10)
			ok = false;
		else
			v = v * 10 + d;
	}
	if (!ok || v < min || v > max) {
		option_error(err, errlen, optname, text, "is not a whole "
		    "number from %lu to %lu", min, max);
		return -1;
	}
	*out = v;
	return 0;
}

/* ---- the ini parser ---- */

/* Blanks as the C locale has them, whatever the locale is. */
static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Trim [*s, *e) of blanks on both sides. */
static void
trim(const char **s, const char **e)
{
	while (*s < *e && is_blank(**s))
		(*s)++;
	while (*e > *s && is_blank((*e)[-1]))
		(*e)--;
}

static bool
is_comment_or_empty(const char *s, const char *e)
{
	return s == e || *s == '#' || *s == ';';
}

/* Append "--key[=value]" (one dash and no '=' for a one-letter key). */
static int
append_arg(char ***args, int *nargs, const char *k, size_t klen,
    const char *v, size_t vlen, bool has_value)
{
	char **grown, *a, *p;
	size_t dash = klen == 1 ? 1 : 2;
	size_t eq = has_value && klen != 1 ? 1 : 0;

	if (*nargs >= INT_MAX - 1)
		return -1;
	if ((a = malloc(dash + klen + eq + (has_value ? vlen : 0) + 1)) == NULL)
		return -1;
	/*
	 * Capacity is implied by the count (8, then powers of two), so the
	 * array grows geometrically without a capacity field in the API.
	 */
	if (*nargs == 0 || (*nargs >= 8 && (*nargs & (*nargs - 1)) == 0)) {
		size_t cap = *nargs == 0 ? 8 : (size_t)*nargs * 2;

		if ((grown = realloc(*args, cap * sizeof(**args))) == NULL) {
			free(a);
			return -1;
		}
		*args = grown;
	}
	p = a;
	memcpy(p, "--", dash);
	p += dash;
	memcpy(p, k, klen);
	p += klen;
	if (eq)
		*p++ = '=';
	if (has_value) {
		memcpy(p, v, vlen);
		p += vlen;
	}
	*p = '\0';
	(*args)[(*nargs)++] = a;
	return 0;
}

/* Where the parser is: before any header, in another section, in ours. */
enum { NONE, OTHER, OURS };

/*
 * One line of the ini file, trimmed.  Returns 0 (comment, blank, header
 * or entry), -1 malformed, -2 out of memory.
 */
static int
ini_line(const char *s, const char *e, const char *section, int *state,
    char ***args, int *nargs, int *count)
{
	const char *k, *ke, *v, *ve, *eq, *close;
	size_t seclen = strlen(section);
	bool ours;

	if (is_comment_or_empty(s, e))
		return 0;
	if (*s == '[') {
		/*
		 * A header that is not ours starts a section we skip, even
		 * when malformed: as monitoring-plugins, another plugin's
		 * part of a shared file never breaks this one.
		 */
		close = memchr(s, ']', (size_t)(e - s));
		k = s + 1;
		ke = close != NULL ? close : e;
		trim(&k, &ke);
		v = close != NULL ? close + 1 : e;
		ve = e;
		trim(&v, &ve);
		ours = (size_t)(ke - k) == seclen &&
		    memcmp(k, section, seclen) == 0;
		if (ours && (close == NULL || !is_comment_or_empty(v, ve) ||
		    memchr(s, '\0', (size_t)(e - s)) != NULL))
			return -1;
		*state = ours ? OURS : OTHER;
		return 0;
	}
	/* Another plugin's section: its lines are for it to judge. */
	if (*state == OTHER)
		return 0;
	/* An entry before any [section] belongs to no plugin. */
	if (*state == NONE || memchr(s, '\0', (size_t)(e - s)) != NULL)
		return -1;
	eq = memchr(s, '=', (size_t)(e - s));
	k = s;
	ke = eq != NULL ? eq : e;
	trim(&k, &ke);
	/* A key of "-" would become "--" and end the options. */
	if (k == ke || *k == '-')
		return -1;
	for (v = k; v < ke; v++)
		if (is_blank(*v))
			return -1;	/* "--two words" is no option */
	v = ve = e;
	if (eq != NULL) {
		v = eq + 1;
		trim(&v, &ve);
	}
	if (append_arg(args, nargs, k, (size_t)(ke - k), v, (size_t)(ve - v),
	    v < ve) != 0)
		return -2;
	(*count)++;
	return 0;
}

int
ini_section_args(const char *text, size_t len, const char *section,
    char ***args, int *nargs, int *bad_line)
{
	const char *p = text, *end = text + len, *nl, *s, *e;
	int state = NONE, line = 0, count = 0, first = *nargs, rc = 0;
	bool found = false;

	*bad_line = 0;
	while (p < end && rc == 0) {
		nl = memchr(p, '\n', (size_t)(end - p));
		s = p;
		e = nl != NULL ? nl : end;
		p = nl != NULL ? nl + 1 : end;
		if (line == INT_MAX) {
			rc = -1;
			break;
		}
		line++;
		trim(&s, &e);
		rc = ini_line(s, e, section, &state, args, nargs, &count);
		if (rc == -1)
			*bad_line = line;
		if (state == OURS)
			found = true;
	}
	if (rc != 0) {
		/* Give back what this call added: the caller sees no half. */
		while (*nargs > first)
			free((*args)[--(*nargs)]);
		return -1;
	}
	return found ? count : -2;
}

/* ---- extra-opts ---- */

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* The default ini file into buf; 0, or -1 when there is none. */
static int
default_ini_file(char *buf, size_t size)
{
	const char *env, *dir, *colon;
	size_t i, dlen;

	if ((env = getenv("MP_CONFIG_FILE")) != NULL && env[0] != '\0') {
		if (strlen(env) >= size)
			return -1;
		memcpy(buf, env, strlen(env) + 1);
		return 0;
	}
	if ((env = getenv("NAGIOS_CONFIG_PATH")) != NULL) {
		for (dir = env; *dir != '\0'; dir = colon + (*colon != '\0')) {
			colon = strchr(dir, ':');
			if (colon == NULL)
				colon = dir + strlen(dir);
			dlen = (size_t)(colon - dir);
			for (i = 0; dlen > 0 && i < sizeof(ini_file_names) /
			    sizeof(ini_file_names[0]); i++) {
				int n = snprintf(buf, size, "%.*s/%s", (int)dlen,
				    dir, ini_file_names[i]);

				if (n > 0 && (size_t)n < size &&
				    access(buf, F_OK) == 0)
					return 0;
			}
		}
	}
	for (i = 0; i < sizeof(ini_default_paths) /
	    sizeof(ini_default_paths[0]); i++) {
		if (access(ini_default_paths[i], F_OK) == 0 &&
		    strlen(ini_default_paths[i]) < size) {
			memcpy(buf, ini_default_paths[i],
			    strlen(ini_default_paths[i]) + 1);
			return 0;
		}
	}
	return -1;
}

/*
 * Read a whole (small) file; *buf is malloc'ed and NUL-terminated, *mode
 * its mode when read.
 */
static int
read_file(const char *path, char **buf, size_t *len, mode_t *mode, char *err,
    size_t errlen)
{
	struct stat st = { 0 };
	char *b = NULL, *grown;
	size_t n = 0, cap = 0;
	ssize_t r;
	int fd;

	/*
	 * O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
	 * writer, before fstat() could tell us it is one.  On a regular file
	 * the flag changes nothing; a read that hangs there (a dead NFS
	 * server) is left to the timeout, which plugin_main() arms first.
	 */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0) {
		snprintf(err, errlen, "--extra-opts: cannot read '%s': %s",
		    path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		int e = S_ISDIR(st.st_mode) ? EISDIR : errno;

		close(fd);
		snprintf(err, errlen, "--extra-opts: cannot read '%s': %s",
		    path, strerror(e));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(err, errlen, "--extra-opts: '%s' is not a regular "
		    "file", path);
		return -1;
	}
	for (;;) {
		if (n + 1 >= cap) {
			if (cap >= INI_MAX_SIZE) {
				snprintf(err, errlen, "--extra-opts: '%s' is "
				    "larger than %d bytes", path, INI_MAX_SIZE);
				goto fail;
			}
			cap = cap == 0 ? 4096 : cap * 2;
			if ((grown = realloc(b, cap)) == NULL) {
				snprintf(err, errlen, "--extra-opts: out of "
				    "memory reading '%s'", path);
				goto fail;
			}
			b = grown;
		}
		r = read(fd, b + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, "--extra-opts: cannot read "
			    "'%s': %s", path, strerror(errno));
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	b[n] = '\0';
	*buf = b;
	*len = n;
	*mode = st.st_mode;
	return 0;
fail:
	close(fd);
	if (b != NULL)
		explicit_bzero(b, cap);	/* may hold a password */
	free(b);
	return -1;
}

/*
 * Add the arguments one locator ("[section][@file]" or NULL) names; the
 * file's path and mode into *file (when not NULL).
 */
static int
extraopts_one(const char *locator, const char *plugin_name, char ***args,
    int *nargs, struct ini_origin *file, char *err, size_t errlen)
{
	char section[256], path[4096], *text;
	mode_t mode;
	const char *at = locator != NULL ? strchr(locator, '@') : NULL;
	size_t slen = locator == NULL ? 0 :
	    at != NULL ? (size_t)(at - locator) : strlen(locator);
	size_t len;
	int rc, bad_line;

	if (slen == 0)
		snprintf(section, sizeof(section), "%s", plugin_name);
	else if (slen < sizeof(section))
		snprintf(section, sizeof(section), "%.*s", (int)slen, locator);
	else {
		snprintf(err, errlen, "--extra-opts: section name too long");
		return -1;
	}
	if (at != NULL) {
		if (at[1] == '\0') {
			snprintf(err, errlen, "--extra-opts: no file name "
			    "after '@'");
			return -1;
		}
		if (strlen(at + 1) >= sizeof(path)) {
			snprintf(err, errlen, "--extra-opts: file name too "
			    "long");
			return -1;
		}
		memcpy(path, at + 1, strlen(at + 1) + 1);
	} else if (default_ini_file(path, sizeof(path)) != 0) {
		snprintf(err, errlen, "--extra-opts: no config file: set "
		    "MP_CONFIG_FILE or create "
		    "/etc/monitoring-plugins/monitoring-plugins.ini");
		return -1;
	}
	if (read_file(path, &text, &len, &mode, err, errlen) != 0)
		return -1;
	rc = ini_section_args(text, len, section, args, nargs, &bad_line);
	explicit_bzero(text, len);	/* the ini may hold a password */
	free(text);
	if (file != NULL) {
		snprintf(file->path, sizeof(file->path), "%s", path);
		file->others_read = (mode & S_IROTH) != 0;
	}
	if (rc == -2)
		snprintf(err, errlen, "--extra-opts: section [%s] not found "
		    "in '%s'", section, path);
	else if (rc < 0 && bad_line > 0)
		snprintf(err, errlen, "--extra-opts: '%s' line %d: malformed "
		    "(expected [section], key = value or a # comment)", path,
		    bad_line);
	else if (rc < 0)
		snprintf(err, errlen, "--extra-opts: out of memory reading "
		    "'%s'", path);
	return rc < 0 ? -1 : 0;
}

/*
 * The locator of argv[*i] if it is an --extra-opts argument (NULL for
 * none given), advancing *i past a separate one.  Returns false for any
 * other argument.
 */
static bool
extraopts_arg(int argc, char **argv, int *i, const char **locator)
{
	const char *a = argv[*i], *next;

	if (strncmp(a, "--extra-opts=", 13) == 0) {
		*locator = a + 13;
		return true;
	}
	if (strcmp(a, "--extra-opts") != 0)
		return false;
	*locator = NULL;
	/* As monitoring-plugins: a next argument not starting with '-'. */
	next = *i + 1 < argc ? argv[*i + 1] : NULL;
	if (next != NULL && next[0] != '-') {
		*locator = next;
		(*i)++;
	}
	return true;
}

/* Free the ini's arguments, wiped first: one may be a password. */
static void
free_args(char **args, int nargs)
{
	while (nargs > 0) {
		nargs--;
		explicit_bzero(args[nargs], strlen(args[nargs]));
		free(args[nargs]);
	}
	free(args);
}

int
extraopts_expand(int argc, char **argv, const char *plugin_name,
    int *new_argc, char ***new_argv, char *err, size_t errlen)
{
	return extraopts_expand_origins(argc, argv, plugin_name, new_argc,
	    new_argv, NULL, err, errlen);
}

/* The ini file slot for the next file read, or NULL when untraced. */
static struct ini_origin *
next_origin(struct arg_origins *o, int first_arg)
{
	struct ini_origin *file;

	if (o == NULL || o->nfiles >= ARG_ORIGINS_MAX)
		return NULL;
	file = &o->file[o->nfiles++];
	memset(file, 0, sizeof(*file));
	file->first_arg = first_arg;
	return file;
}

/* Each traced file's arguments as byte ranges of the new vector. */
static void
locate_origins(struct arg_origins *o, char **out, int nargs)
{
	size_t i;
	int last;

	for (i = 0; o != NULL && i < o->nfiles; i++) {
		last = i + 1 < o->nfiles ? o->file[i + 1].first_arg : nargs;
		if (o->file[i].first_arg >= last)
			continue;	/* no arguments: nothing to find */
		o->file[i].begin = out[1 + o->file[i].first_arg];
		o->file[i].end = out[last] + strlen(out[last]) + 1;
	}
}

int
extraopts_expand_origins(int argc, char **argv, const char *plugin_name,
    int *new_argc, char ***new_argv, struct arg_origins *origins, char *err,
    size_t errlen)
{
	char **args = NULL, **out, *strings;
	const char *locator, *name;
	int nargs = 0, i, n, kept = 0, found = 0;
	size_t bytes = 0, len, total, *block;

	*new_argc = argc;
	*new_argv = argv;
	if (origins != NULL) {
		memset(origins, 0, sizeof(*origins));
		origins->argc = argc;
		origins->argv = argv;
	}
	name = plugin_name != NULL ? plugin_name :
	    argc > 0 && argv[0] != NULL ? base_name(argv[0]) : "";
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (!extraopts_arg(argc, argv, &i, &locator))
			continue;
		found++;
		if (extraopts_one(locator, name, &args, &nargs,
		    next_origin(origins, nargs), err, errlen) != 0) {
			free_args(args, nargs);
			return -1;
		}
	}
	if (found == 0)
		return 0;

	/*
	 * One block: the pointer array, then the ini strings.  getopt_long
	 * permutes the pointers, extraopts_free() needs only free(block).
	 */
	for (i = 0; i < nargs; i++)
		bytes += strlen(args[i]) + 1;
	n = argc + nargs;
	total = sizeof(size_t) + ((size_t)n + 1) * sizeof(*out) + bytes;
	if ((block = malloc(total)) == NULL) {
		free_args(args, nargs);
		snprintf(err, errlen, "--extra-opts: out of memory");
		return -1;
	}
	*block = total;		/* for extraopts_free()'s wipe */
	out = (char **)(void *)(block + 1);
	strings = (char *)(out + n + 1);
	out[kept++] = argv[0];
	for (i = 0; i < nargs; i++) {
		len = strlen(args[i]) + 1;
		memcpy(strings, args[i], len);
		out[kept++] = strings;
		strings += len;
	}
	free_args(args, nargs);
	locate_origins(origins, out, nargs);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				out[kept++] = argv[i++];
			break;
		}
		if (!extraopts_arg(argc, argv, &i, &locator))
			out[kept++] = argv[i];
	}
	out[kept] = NULL;
	*new_argc = kept;
	*new_argv = out;
	return 0;
}

/*
 * The block (its size first, then the vector and the ini's strings) is
 * wiped before it goes: one of the strings may be a password.
 */
void
extraopts_free(int argc, char **argv, char **orig_argv)
{
	size_t *block;

	(void)argc;
	if (argv == orig_argv)
		return;
	block = (size_t *)(void *)argv - 1;
	explicit_bzero(block, *block);
	free(block);
}

/* Whether arg points into the string s. */
static bool
points_into(const char *arg, const char *s)
{
	return s != NULL && arg >= s && arg <= s + strlen(s);
}

enum arg_origin
arg_origin(const struct arg_origins *o, const char *arg,
    const struct ini_origin **file)
{
	size_t i;
	int k;

	*file = NULL;
	if (o == NULL || arg == NULL)
		return ARG_UNKNOWN;
	for (k = 1; k < o->argc; k++)
		if (points_into(arg, o->argv[k]))
			return ARG_CMDLINE;
	for (i = 0; i < o->nfiles; i++)
		if (o->file[i].begin != NULL && arg >= o->file[i].begin &&
		    arg < o->file[i].end) {
			*file = &o->file[i];
			return ARG_INI;
		}
	return ARG_UNKNOWN;
}
