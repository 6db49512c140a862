/*
 * test_extraopts.c - the ini parser (table) and --extra-opts on real
 * temporary files, as monitoring-plugins users write them.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "options.h"

#define LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* ---- ini_section_args ---- */

static const struct {
	const char	*name;
	const char	*text;
	size_t		 len;		/* 0: strlen(text) */
	const char	*section;
	int		 rc;
	const char	*args;		/* joined with '|' */
	int		 bad_line;
} ini_cases[] = {
	{ "basic", "[check_x]\nhostname=cuc1\nport = 7080\n", 0, "check_x",
	    2, "--hostname=cuc1|--port=7080", 0 },
	{ "comments", "# top\n; top\n[check_x]\n  # indented\n\t; tab\n"
	    "warning=5\n", 0, "check_x", 1, "--warning=5", 0 },
	{ "blanks around", "  [ check_x ]  \n   timeout   =   20  \n", 0,
	    "check_x", 1, "--timeout=20", 0 },
	{ "tabs in header", "[\tcheck_x\t]\nt=5\n", 0, "check_x", 1, "-t5", 0 },
	{ "quotes kept", "[check_x]\npassword = \"a b\" c\n", 0, "check_x",
	    1, "--password=\"a b\" c", 0 },
	{ "single quotes kept", "[check_x]\npassword='x'\n", 0, "check_x",
	    1, "--password='x'", 0 },
	{ "hash in value kept", "[check_x]\npassword=abc#123 ; no comment\n",
	    0, "check_x", 1, "--password=abc#123 ; no comment", 0 },
	{ "equals in value", "[check_x]\nurl = http://a/?b=c&d=\n", 0,
	    "check_x", 1, "--url=http://a/?b=c&d=", 0 },
	{ "crlf", "[check_x]\r\nhost=cuc1\r\nverbose\r\n\r\n", 0, "check_x",
	    2, "--host=cuc1|--verbose", 0 },
	{ "bare keys", "[check_x]\nverbose\nhttp =\n", 0, "check_x", 2,
	    "--verbose|--http", 0 },
	{ "one-letter keys", "[check_x]\nt=5\nv\nw = 1:2\n", 0, "check_x", 3,
	    "-t5|-v|-w1:2", 0 },
	{ "no final newline", "[check_x]\nh=1", 0, "check_x", 1, "-h1", 0 },
	{ "other sections", "[a]\nxx=1\n[check_x]\nyy=2\n[b]\nzz=3\n", 0,
	    "check_x", 1, "--yy=2", 0 },
	{ "repeated section merges", "[check_x]\naa=1\n[o]\nbb=2\n[check_x]\n"
	    "cc=3\n", 0, "check_x", 2, "--aa=1|--cc=3", 0 },
	{ "comment after header", "[check_x] # mine\naa=1\n", 0, "check_x",
	    1, "--aa=1", 0 },
	{ "empty section", "[check_x]\n# nothing yet\n", 0, "check_x", 0, "",
	    0 },
	{ "missing section", "[a]\nx=1\n", 0, "check_x", -2, "", 0 },
	{ "empty text", "", 0, "check_x", -2, "", 0 },
	{ "only comments", "# a\n\n; b\n", 0, "check_x", -2, "", 0 },
	{ "section is case-sensitive", "[CHECK_X]\na=1\n", 0, "check_x", -2,
	    "", 0 },
	{ "prefix is no match", "[check_xy]\na=1\n[check]\nb=1\n", 0,
	    "check_x", -2, "", 0 },
	{ "empty key", "[check_x]\n=5\n", 0, "check_x", -1, "", 2 },
	{ "blank key", "[check_x]\n   = 5\n", 0, "check_x", -1, "", 2 },
	{ "key before section", "a=1\n[check_x]\n", 0, "check_x", -1, "", 1 },
	{ "unterminated header", "# x\n[check_x\na=1\n", 0, "check_x", -1, "",
	    2 },
	{ "junk after header", "[check_x] x\n", 0, "check_x", -1, "", 1 },
	{ "space inside key", "[check_x]\n\n  \nwarn ing = 1\n", 0, "check_x",
	    -1, "", 4 },
	{ "dash key", "[check_x]\n- = x\n", 0, "check_x", -1, "", 2 },
	{ "dashed key", "[check_x]\n--verbose\n", 0, "check_x", -1, "", 2 },
	/*
	 * monitoring-plugins (lib/parse_ini.c) skips another section's lines
	 * unread: one plugin's typo in a shared file breaks no other plugin.
	 */
	{ "malformed in other section", "[a]\n=1\n[check_x]\nb=2\n", 0,
	    "check_x", 1, "-b2", 0 },
	{ "every kind of junk elsewhere", "[a]\n=1\n- = x\nwarn ing = 1\n"
	    "--verbose\n[check_x]\nb=2\n[c]\n=y\n", 0, "check_x", 1, "-b2",
	    0 },
	{ "malformed header not ours", "[a\nx y\n[b] junk\n=1\n[check_x]\n"
	    "b=2\n", 0, "check_x", 1, "-b2", 0 },
	{ "nul elsewhere", "[a]\nx=\0\n[check_x]\nb=2\n", 22, "check_x", 1,
	    "-b2", 0 },
	{ "junk elsewhere, ours absent", "[a]\n=1\n", 0, "check_x", -2, "",
	    0 },
	{ "after ours, another's junk", "[check_x]\nb=2\n[z]\nnot an option"
	    "\n", 0, "check_x", 1, "-b2", 0 },
	{ "crlf line numbers", "[a]\r\nx=1\r\n\r\n=y\r\n", 0, "a", -1, "", 4 },
	{ "our header cut", "[a]\nx=1\n[check_x\nb=2\n", 0, "check_x", -1,
	    "", 3 },
	{ "nul byte", "[check_x]\na=1\0b\n", 15, "check_x", -1, "", 2 },
	{ "nul in other line", "[check_x]\na=1\n\0\n", 16, "check_x", -1, "",
	    3 },
	{ "len stops early", "[check_x]\naa=1\nbb=2\n", 15, "check_x", 1,
	    "--aa=1", 0 },
};

static char *
joined(char **args, int from, int n)
{
	static char buf[1024];
	int i;

	buf[0] = '\0';
	for (i = from; i < n; i++) {
		if (i > from)
			strcat(buf, "|");
		strcat(buf, args[i]);
	}
	return buf;
}

static void
free_args(char **args, int n)
{
	while (n > 0)
		free(args[--n]);
	free(args);
}

static void
test_ini_table(void **unused)
{
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(ini_cases); i++) {
		char **args = NULL;
		int nargs = 0, bad = -7, rc;
		size_t len = ini_cases[i].len != 0 ? ini_cases[i].len :
		    strlen(ini_cases[i].text);

		rc = ini_section_args(ini_cases[i].text, len,
		    ini_cases[i].section, &args, &nargs, &bad);
		if (rc != ini_cases[i].rc)
			fail_msg("%s: rc %d, want %d", ini_cases[i].name, rc,
			    ini_cases[i].rc);
		if (strcmp(joined(args, 0, nargs), ini_cases[i].args) != 0)
			fail_msg("%s: args '%s', want '%s'", ini_cases[i].name,
			    joined(args, 0, nargs), ini_cases[i].args);
		if (rc >= 0 && rc != nargs)
			fail_msg("%s: %d found, %d args", ini_cases[i].name,
			    rc, nargs);
		if (bad != ini_cases[i].bad_line)
			fail_msg("%s: bad line %d, want %d", ini_cases[i].name,
			    bad, ini_cases[i].bad_line);
		free_args(args, nargs);
	}
}

/* Appends to what is there; an error takes back only its own entries. */
static void
test_ini_appends(void **unused)
{
	char **args = NULL;
	int nargs = 0, bad;

	(void)unused;
	assert_int_equal(ini_section_args("[a]\nxx=1\n", 9, "a", &args,
	    &nargs, &bad), 1);
	assert_int_equal(ini_section_args("[b]\nyy=2\nzz\n", 12, "b", &args,
	    &nargs, &bad), 2);
	assert_int_equal(nargs, 3);
	assert_string_equal(joined(args, 0, nargs), "--xx=1|--yy=2|--zz");
	assert_int_equal(ini_section_args("[b]\nyy=2\n=\n", 11, "b", &args,
	    &nargs, &bad), -1);
	assert_int_equal(bad, 3);
	assert_int_equal(nargs, 3);
	assert_string_equal(joined(args, 0, nargs), "--xx=1|--yy=2|--zz");
	free_args(args, nargs);
}

/* ---- extraopts_expand on files ---- */

static char tmpdir[64];
static char ini_path[128], ini2_path[128], bad_path[128];

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static int
setup(void **unused)
{
	(void)unused;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/cuc-extraopts.XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(ini_path, sizeof(ini_path), "%s/monitoring-plugins.ini",
	    tmpdir);
	snprintf(ini2_path, sizeof(ini2_path), "%s/plugins.ini", tmpdir);
	snprintf(bad_path, sizeof(bad_path), "%s/bad.ini", tmpdir);
	write_file(ini_path,
	    "# shared with monitoring-plugins\n"
	    "[check_x]\n"
	    "hostname = ini-host\n"
	    "timeout = 20\n"
	    "\n"
	    "[other]\n"
	    "warning = 5\n"
	    "verbose\n"
	    "[check_tcp]\n"
	    "port = 80\n");
	write_file(ini2_path, "[check_x]\ncritical=9\n");
	write_file(bad_path, "[check_x]\na=1\n  = oops\n");
	unsetenv("MP_CONFIG_FILE");
	unsetenv("NAGIOS_CONFIG_PATH");
	return 0;
}

static int
teardown(void **unused)
{
	(void)unused;
	unlink(ini_path);
	unlink(ini2_path);
	unlink(bad_path);
	rmdir(tmpdir);
	return 0;
}

/* Expand argv (NULL-terminated) and compare with want, '|'-joined. */
static void
expect_expand(char **argv, const char *plugin, const char *want)
{
	char **nv, err[512] = "", *copy[16];
	int argc = 0, nc, i;

	while (argv[argc] != NULL)
		argc++;
	memcpy(copy, argv, (size_t)(argc + 1) * sizeof(*argv));
	if (extraopts_expand(argc, argv, plugin, &nc, &nv, err,
	    sizeof(err)) != 0)
		fail_msg("expand failed: %s", err);
	assert_non_null(nv);
	assert_null(nv[nc]);
	if (strcmp(joined(nv, 0, nc), want) != 0)
		fail_msg("got '%s', want '%s'", joined(nv, 0, nc), want);
	for (i = 0; i <= argc; i++)		/* the original is untouched */
		assert_ptr_equal(argv[i], copy[i]);
	extraopts_free(nc, nv, argv);
}

static void
expect_error(char **argv, const char *plugin, const char *want)
{
	char **nv = NULL, err[512] = "";
	int argc = 0, nc = -1;

	while (argv[argc] != NULL)
		argc++;
	assert_int_equal(extraopts_expand(argc, argv, plugin, &nc, &nv, err,
	    sizeof(err)), -1);
	if (strcmp(err, want) != 0)
		fail_msg("error '%s', want '%s'", err, want);
}

/* The vector entry that starts with prefix; its value past the prefix. */
static const char *
value_of(char **nv, int nc, const char *prefix)
{
	int i;

	for (i = 0; i < nc; i++)
		if (strncmp(nv[i], prefix, strlen(prefix)) == 0)
			return nv[i] + strlen(prefix);
	fail_msg("no %s in the vector", prefix);
	return NULL;
}

/*
 * Where each argument came from, for the notes on passwords: argv, or
 * which ini file (and whether others may read it), even once getopt has
 * permuted the vector.
 */
static void
test_expand_origins(void **unused)
{
	char at1[160], at2[160], cmd_pw[] = "--cuc-password=argvpw";
	char *argv[] = { "check_x", at1, "-H", "h", at2, cmd_pw, NULL };
	struct arg_origins o;
	const struct ini_origin *file;
	char **nv, err[256] = "", *tmp;
	int nc;

	(void)unused;
	snprintf(at1, sizeof(at1), "--extra-opts=@%s", ini_path);
	snprintf(at2, sizeof(at2), "--extra-opts=@%s", ini2_path);
	assert_int_equal(chmod(ini_path, 0644), 0);
	assert_int_equal(chmod(ini2_path, 0600), 0);
	assert_int_equal(extraopts_expand_origins(6, argv, NULL, &nc, &nv, &o,
	    err, sizeof(err)), 0);
	assert_int_equal(o.nfiles, 2);
	/* getopt_long moves pointers; the strings stay where they are. */
	tmp = nv[1];
	nv[1] = nv[nc - 1];
	nv[nc - 1] = tmp;
	assert_int_equal(arg_origin(&o, value_of(nv, nc, "--hostname="),
	    &file), ARG_INI);
	assert_string_equal(file->path, ini_path);
	assert_true(file->others_read);
	assert_int_equal(arg_origin(&o, value_of(nv, nc, "--timeout="),
	    &file), ARG_INI);
	assert_string_equal(file->path, ini_path);
	assert_int_equal(arg_origin(&o, value_of(nv, nc, "--critical="),
	    &file), ARG_INI);
	assert_string_equal(file->path, ini2_path);
	assert_false(file->others_read);
	assert_int_equal(arg_origin(&o, value_of(nv, nc, "--cuc-password="),
	    &file), ARG_CMDLINE);
	assert_null(file);
	assert_int_equal(arg_origin(&o, "elsewhere", &file), ARG_UNKNOWN);
	assert_int_equal(arg_origin(NULL, argv[2], &file), ARG_UNKNOWN);
	extraopts_free(nc, nv, argv);
	/* Without --extra-opts everything is argv's. */
	assert_int_equal(extraopts_expand_origins(2, (char *[]){ "check_x",
	    cmd_pw, NULL }, NULL, &nc, &nv, &o, err, sizeof(err)), 0);
	assert_int_equal(o.nfiles, 0);
	assert_int_equal(arg_origin(&o, cmd_pw + 15, &file), ARG_CMDLINE);
}

static void
test_expand_none(void **unused)
{
	char *argv[] = { "check_x", "-H", "h", "--extra-optsx", NULL };
	char *after[] = { "check_x", "--", "--extra-opts=@/nonexistent", NULL };
	char **nv, err[64];
	int nc;

	(void)unused;
	assert_int_equal(extraopts_expand(4, argv, NULL, &nc, &nv, err,
	    sizeof(err)), 0);
	assert_ptr_equal(nv, argv);
	assert_int_equal(nc, 4);
	extraopts_free(nc, nv, argv);	/* no-op: argv is on the stack */
	/* After "--" nothing is an option. */
	assert_int_equal(extraopts_expand(3, after, NULL, &nc, &nv, err,
	    sizeof(err)), 0);
	assert_ptr_equal(nv, after);
	extraopts_free(nc, nv, after);
}

static void
test_expand_forms(void **unused)
{
	char at[160], sec_at[160], sec2_at[160];
	char want[256];

	(void)unused;
	snprintf(at, sizeof(at), "--extra-opts=@%s", ini_path);
	snprintf(sec_at, sizeof(sec_at), "--extra-opts=other@%s", ini_path);
	snprintf(sec2_at, sizeof(sec2_at), "other@%s", ini_path);
	{
		/* Default section: basename of argv[0]. */
		char *argv[] = { "/usr/lib/nagios/plugins/check_x", at, "-H",
		    "cli", NULL };

		expect_expand(argv, NULL, "/usr/lib/nagios/plugins/check_x|"
		    "--hostname=ini-host|--timeout=20|-H|cli");
	}
	{
		/* The plugin's name, when given, is the default section. */
		char *argv[] = { "./whatever", at, NULL };

		expect_expand(argv, "check_tcp", "./whatever|--port=80");
	}
	{
		char *argv[] = { "check_x", "-v", sec_at, "-t", "3", NULL };

		expect_expand(argv, NULL,
		    "check_x|--warning=5|--verbose|-v|-t|3");
	}
	{
		/* Two arguments, as monitoring-plugins allows. */
		char *argv[] = { "check_x", "--extra-opts", sec2_at, "-H", "h",
		    NULL };

		expect_expand(argv, NULL, "check_x|--warning=5|--verbose|-H|h");
	}
	{
		/* Several, in order, all before the command line. */
		char *argv[] = { "check_x", "-H", "cli", sec_at, at, "--", "x",
		    NULL };

		expect_expand(argv, NULL, "check_x|--warning=5|--verbose|"
		    "--hostname=ini-host|--timeout=20|-H|cli|--|x");
	}
	snprintf(want, sizeof(want), "check_x|--critical=9|-v");
	{
		char at2[160];
		char *argv[] = { "check_x", at2, "-v", NULL };

		snprintf(at2, sizeof(at2), "--extra-opts=check_x@%s",
		    ini2_path);
		expect_expand(argv, NULL, want);
	}
}

static void
test_expand_default_file(void **unused)
{
	(void)unused;
	setenv("MP_CONFIG_FILE", ini_path, 1);
	setenv("NAGIOS_CONFIG_PATH", tmpdir, 1);	/* MP_CONFIG_FILE wins */
	{
		char *argv[] = { "check_x", "--extra-opts", NULL };

		expect_expand(argv, NULL,
		    "check_x|--hostname=ini-host|--timeout=20");
	}
	{
		/* "--extra-opts -v": -v is no locator. */
		char *argv[] = { "check_x", "--extra-opts", "-v", NULL };

		expect_expand(argv, NULL,
		    "check_x|--hostname=ini-host|--timeout=20|-v");
	}
	{
		char *argv[] = { "check_x", "--extra-opts=other", NULL };

		expect_expand(argv, NULL, "check_x|--warning=5|--verbose");
	}
	{
		char *argv[] = { "check_x", "--extra-opts=", NULL };

		expect_expand(argv, NULL,
		    "check_x|--hostname=ini-host|--timeout=20");
	}
	unsetenv("MP_CONFIG_FILE");
	{
		/* $NAGIOS_CONFIG_PATH: monitoring-plugins.ini first. */
		char path[200];
		char *argv[] = { "check_x", "--extra-opts", NULL };

		snprintf(path, sizeof(path), "/nonexistent::%s", tmpdir);
		setenv("NAGIOS_CONFIG_PATH", path, 1);
		expect_expand(argv, NULL,
		    "check_x|--hostname=ini-host|--timeout=20");
		unlink(ini_path);
		expect_expand(argv, NULL, "check_x|--critical=9");
		unsetenv("NAGIOS_CONFIG_PATH");
	}
}

static void
test_expand_no_default_file(void **unused)
{
	static const char *const std[] = {
		"/usr/local/etc/monitoring-plugins/monitoring-plugins.ini",
		"/usr/local/etc/monitoring-plugins.ini",
		"/etc/monitoring-plugins/monitoring-plugins.ini",
		"/etc/monitoring-plugins.ini", "/etc/nagios/plugins.ini",
		"/usr/local/nagios/etc/plugins.ini",
		"/usr/local/etc/nagios/plugins.ini",
		"/etc/opt/nagios/plugins.ini", "/etc/nagios-plugins.ini",
		"/usr/local/etc/nagios-plugins.ini",
		"/etc/opt/nagios-plugins.ini",
	};
	char *argv[] = { "check_x", "--extra-opts", NULL };
	size_t i;

	(void)unused;
	for (i = 0; i < LEN(std); i++)
		if (access(std[i], F_OK) == 0)
			skip();		/* this machine has one */
	unsetenv("MP_CONFIG_FILE");
	unsetenv("NAGIOS_CONFIG_PATH");
	expect_error(argv, NULL, "--extra-opts: no config file: set "
	    "MP_CONFIG_FILE or create "
	    "/etc/monitoring-plugins/monitoring-plugins.ini");
}

static void
test_expand_errors(void **unused)
{
	char a[200], want[300];

	(void)unused;
	{
		char *argv[] = { "check_x", a, NULL };

		snprintf(a, sizeof(a), "--extra-opts=@%s/nope.ini", tmpdir);
		snprintf(want, sizeof(want), "--extra-opts: cannot read "
		    "'%s/nope.ini': %s", tmpdir, strerror(ENOENT));
		expect_error(argv, NULL, want);

		/*
		 * Unreadable: tests run as root, and chmod 000 does not stop
		 * root, so a directory stands in for a file open() refuses.
		 */
		snprintf(a, sizeof(a), "--extra-opts=@%s", tmpdir);
		snprintf(want, sizeof(want), "--extra-opts: cannot read "
		    "'%s': %s", tmpdir, strerror(EISDIR));
		expect_error(argv, NULL, want);

		snprintf(a, sizeof(a), "--extra-opts=absent@%s", ini2_path);
		snprintf(want, sizeof(want), "--extra-opts: section [absent] "
		    "not found in '%s'", ini2_path);
		expect_error(argv, NULL, want);

		snprintf(a, sizeof(a), "--extra-opts=@%s", ini2_path);
		snprintf(want, sizeof(want), "--extra-opts: section "
		    "[check_y] not found in '%s'", ini2_path);
		expect_error(argv, "check_y", want);

		snprintf(a, sizeof(a), "--extra-opts=@%s", bad_path);
		snprintf(want, sizeof(want), "--extra-opts: '%s' line 3: "
		    "malformed (expected [section], key = value or a # "
		    "comment)", bad_path);
		expect_error(argv, NULL, want);

		snprintf(a, sizeof(a), "--extra-opts=check_x@");
		expect_error(argv, NULL,
		    "--extra-opts: no file name after '@'");
	}
	{
		/* A later failure frees what an earlier one read. */
		char ok[200], *argv[] = { "check_x", ok, a, NULL };

		snprintf(ok, sizeof(ok), "--extra-opts=@%s", ini2_path);
		snprintf(a, sizeof(a), "--extra-opts=@%s/nope.ini", tmpdir);
		snprintf(want, sizeof(want), "--extra-opts: cannot read "
		    "'%s/nope.ini': %s", tmpdir, strerror(ENOENT));
		expect_error(argv, NULL, want);
	}
}

/*
 * A FIFO (or a device) as the ini: refused by name, without waiting for a
 * writer.  alarm() turns the wait of a reader that blocks into a failed
 * test instead of a hung one.
 */
static void
test_expand_not_regular(void **unused)
{
	char fifo[200], a[220], want[300];
	char *argv[] = { "check_x", a, NULL };

	(void)unused;
	snprintf(fifo, sizeof(fifo), "%s/fifo.ini", tmpdir);
	(void)unlink(fifo);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	snprintf(a, sizeof(a), "--extra-opts=@%s", fifo);
	snprintf(want, sizeof(want), "--extra-opts: '%s' is not a regular "
	    "file", fifo);
	alarm(5);
	expect_error(argv, NULL, want);
	snprintf(a, sizeof(a), "--extra-opts=@/dev/null");
	expect_error(argv, NULL,
	    "--extra-opts: '/dev/null' is not a regular file");
	alarm(0);
	(void)unlink(fifo);
}

/* What the user gets: the command line wins over the ini file. */
static void
test_command_line_wins(void **unused)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "hostname", required_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 }
	};
	char at[200], **nv, err[256];
	char *argv[] = { "check_x", at, "-H", "cli-host", NULL };
	struct common_opts o;
	const char *host = NULL;
	int nc, opt;

	(void)unused;
	snprintf(at, sizeof(at), "--extra-opts=@%s", ini2_path);
	write_file(ini2_path, "[check_x]\nhostname = ini-host\ntimeout=20\n"
	    "t = 7:crit\nv\n");
	assert_int_equal(extraopts_expand(4, argv, NULL, &nc, &nv, err,
	    sizeof(err)), 0);
	common_opts_init(&o);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(nc, nv, COMMON_SHORTOPTS "H:", longopts,
	    NULL)) != -1) {
		int rc = common_option(opt, optarg, &o, err, sizeof(err));

		if (rc == -1)
			fail_msg("%s", err);
		if (rc == 1 && opt == 'H')
			host = optarg;
	}
	assert_string_equal(host, "cli-host");
	assert_true(o.timeout == 7);
	assert_int_equal(o.timeout_state, STATE_CRITICAL);
	assert_int_equal(o.verbose, 1);
	extraopts_free(nc, nv, argv);
	write_file(ini2_path, "[check_x]\ncritical=9\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ini_table),
		cmocka_unit_test(test_ini_appends),
		cmocka_unit_test(test_expand_none),
		cmocka_unit_test(test_expand_origins),
		cmocka_unit_test(test_expand_forms),
		cmocka_unit_test(test_expand_errors),
		cmocka_unit_test(test_expand_not_regular),
		cmocka_unit_test(test_expand_no_default_file),
		cmocka_unit_test(test_command_line_wins),
		/* Last: it removes one of the files. */
		cmocka_unit_test(test_expand_default_file),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
