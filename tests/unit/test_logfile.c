/*
 * test_logfile.c - line cursors forwards and backwards on edge buffers
 * (empty, no trailing newline, only newlines, CRLF, a lone CR), opening
 * files (mapped, empty, missing, a directory, a FIFO, stdin), and the
 * order loglist_expand gives: by date in the name, by number, by mtime.
 */
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "logfile.h"

#define MAXL	8

static const struct cursor_case {
	const char	*name;
	const char	*buf;
	size_t		 nlines;
	const char	*lines[MAXL];	/* forwards */
} cursor_cases[] = {
	{ "empty", "", 0, { NULL } },
	{ "one line, no newline", "abc", 1, { "abc" } },
	{ "one line", "abc\n", 1, { "abc" } },
	{ "two lines, no trailing newline", "a\nb", 2, { "a", "b" } },
	{ "two lines", "a\nb\n", 2, { "a", "b" } },
	{ "only a newline", "\n", 1, { "" } },
	{ "only newlines", "\n\n\n", 3, { "", "", "" } },
	{ "blank line inside", "a\n\nb\n", 3, { "a", "", "b" } },
	{ "CRLF", "a\r\nb\r\n", 2, { "a", "b" } },
	{ "CRLF, last line bare", "a\r\nb", 2, { "a", "b" } },
	{ "only CRLF", "\r\n", 1, { "" } },
	{ "lone CR at the end", "a\r", 1, { "a" } },
	{ "CR inside stays", "a\rb\n", 1, { "a\rb" } },
	{ "two CRs: one stripped", "a\r\r\n", 1, { "a\r" } },
	{ "leading newline", "\na", 2, { "", "a" } },
};

/* Copy into a buffer of exactly that size so ASan sees any overrun. */
static char *
exact(const char *s, size_t *len)
{
	char *p;

	*len = strlen(s);
	p = malloc(*len > 0 ? *len : 1);
	assert_non_null(p);
	memcpy(p, s, *len);
	return p;
}

static void
test_cursors(void **state)
{
	const struct cursor_case *c;
	struct line_cursor cur;
	const char *line;
	size_t i, k, n, len;
	char *buf;

	(void)state;
	for (i = 0; i < sizeof(cursor_cases) / sizeof(cursor_cases[0]); i++) {
		c = &cursor_cases[i];
		buf = exact(c->buf, &len);
		line_cursor_start(&cur, buf, len);
		for (k = 0; line_next(&cur, &line, &n); k++) {
			if (k >= c->nlines || n != strlen(c->lines[k]) ||
			    memcmp(line, c->lines[k], n) != 0)
				fail_msg("%s: forwards line %zu wrong", c->name, k);
		}
		if (k != c->nlines)
			fail_msg("%s: %zu lines forwards, expected %zu", c->name,
			    k, c->nlines);
		assert_false(line_next(&cur, &line, &n));	/* stays done */
		line_cursor_end(&cur, buf, len);
		for (k = 0; line_prev(&cur, &line, &n); k++) {
			const char *want;

			if (k >= c->nlines)
				fail_msg("%s: too many lines backwards", c->name);
			want = c->lines[c->nlines - 1 - k];
			if (n != strlen(want) || memcmp(line, want, n) != 0)
				fail_msg("%s: backwards line %zu wrong", c->name, k);
		}
		if (k != c->nlines)
			fail_msg("%s: %zu lines backwards, expected %zu", c->name,
			    k, c->nlines);
		assert_false(line_prev(&cur, &line, &n));
		free(buf);
	}
}

/* A cursor ended at a line start walks back from there (the plugin's lookback). */
static void
test_cursor_mid(void **state)
{
	static const char buf[] = "one\ntwo\nthree\n";
	struct line_cursor c;
	const char *line;
	size_t n;

	(void)state;
	line_cursor_end(&c, buf, 8);	/* just past "two\n" */
	assert_true(line_prev(&c, &line, &n));
	assert_int_equal(n, 3);
	assert_memory_equal(line, "two", 3);
	assert_true(line_prev(&c, &line, &n));
	assert_memory_equal(line, "one", 3);
	assert_false(line_prev(&c, &line, &n));
}

static char tmpdir[64];

static int
setup_dir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_logfile.XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown_dir(void **state)
{
	char cmd[128];
	pid_t pid;

	(void)state;
	/* no system(): rm -rf through fork/exec */
	snprintf(cmd, sizeof(cmd), "%s", tmpdir);
	if ((pid = fork()) == 0) {
		execlp("rm", "rm", "-rf", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return 0;
}

static void
make_file(const char *name, const char *text, time_t mtime)
{
	char path[256];
	struct timeval tv[2];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	if (mtime != 0) {
		tv[0].tv_sec = tv[1].tv_sec = mtime;
		tv[0].tv_usec = tv[1].tv_usec = 0;
		assert_int_equal(utimes(path, tv), 0);
	}
}

static void
test_open(void **state)
{
	struct logfile lf;
	char path[256], err[512];

	(void)state;
	make_file("a.log", "x\ny\n", 1400000000);
	snprintf(path, sizeof(path), "%s/a.log", tmpdir);
	assert_int_equal(logfile_open(&lf, path, err, sizeof(err)), 0);
	assert_int_equal(lf.len, 4);
	assert_memory_equal(lf.data, "x\ny\n", 4);
	assert_true(lf.mapped);
	assert_int_equal(lf.mtime, 1400000000);
	logfile_close(&lf);

	make_file("empty.log", "", 0);
	snprintf(path, sizeof(path), "%s/empty.log", tmpdir);
	assert_int_equal(logfile_open(&lf, path, err, sizeof(err)), 0);
	assert_int_equal(lf.len, 0);
	assert_non_null(lf.data);
	logfile_close(&lf);

	snprintf(path, sizeof(path), "%s/missing.log", tmpdir);
	assert_int_equal(logfile_open(&lf, path, err, sizeof(err)), -1);
	assert_int_equal(errno, ENOENT);
	assert_non_null(strstr(err, "missing.log: No such file or directory"));

	assert_int_equal(logfile_open(&lf, tmpdir, err, sizeof(err)), -1);
	assert_int_equal(errno, EISDIR);
	assert_non_null(strstr(err, ": is a directory"));

	snprintf(path, sizeof(path), "%s/loop", tmpdir);
	assert_int_equal(symlink(path, path), 0);
	assert_int_equal(logfile_open(&lf, path, err, sizeof(err)), -1);
	assert_int_equal(errno, ELOOP);
	assert_non_null(strstr(err, "loop: "));
}

/* A FIFO and stdin are read forwards into memory. */
/* Open "-" (standard input) on a pipe holding the len bytes of data. */
static void
open_stdin(struct logfile *lf, const char *data, size_t len)
{
	char err[512];
	int p[2], saved;

	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], data, len), (ssize_t)len);
	close(p[1]);
	saved = dup(STDIN_FILENO);
	dup2(p[0], STDIN_FILENO);
	close(p[0]);
	assert_int_equal(logfile_open(lf, "-", err, sizeof(err)), 0);
	dup2(saved, STDIN_FILENO);
	close(saved);
}

static void
test_stream(void **state)
{
	struct logfile lf;
	char path[256], err[512];
	pid_t pid;
	int fd;

	(void)state;
	snprintf(path, sizeof(path), "%s/fifo", tmpdir);
	assert_int_equal(mkfifo(path, 0600), 0);
	if ((pid = fork()) == 0) {
		fd = open(path, O_WRONLY);
		if (write(fd, "one\ntwo", 7) != 7)
			_exit(1);
		_exit(0);
	}
	assert_int_equal(logfile_open(&lf, path, err, sizeof(err)), 0);
	waitpid(pid, NULL, 0);
	assert_false(lf.mapped);
	assert_int_equal(lf.len, 7);
	assert_memory_equal(lf.data, "one\ntwo", 7);
	assert_int_equal(lf.mtime, 0);
	logfile_close(&lf);

	open_stdin(&lf, "a\n", 2);
	assert_int_equal(lf.len, 2);
	assert_memory_equal(lf.data, "a\n", 2);
	assert_false(lf.truncated);
	logfile_close(&lf);

	/* an empty stream */
	open_stdin(&lf, "", 0);
	assert_int_equal(lf.len, 0);
	logfile_close(&lf);
}

static void
expect_order(const char *pattern, enum logorder order, const char **want,
    size_t nwant)
{
	struct loglist ll;
	char pat[256], err[256];
	const char *pats[1] = { pat };
	size_t i;

	snprintf(pat, sizeof(pat), "%s/%s", tmpdir, pattern);
	assert_int_equal(loglist_expand(&ll, pats, 1, order, false, err,
	    sizeof(err)), 0);
	if (ll.count != nwant)
		fail_msg("%s: %zu files, expected %zu", pattern, ll.count, nwant);
	for (i = 0; i < nwant; i++) {
		const char *base = strrchr(ll.paths[i], '/') + 1;

		if (strcmp(base, want[i]) != 0)
			fail_msg("%s: #%zu is %s, expected %s", pattern, i, base,
			    want[i]);
	}
	loglist_free(&ll);
}

static void
test_order(void **state)
{
	/* date names win over mtime; an undated file is as new as its mtime */
	static const char *dates[] = {
		"request.log", "2014_06_29.request.log",
		"2014_06_28.request.log", "2013_12_31.request.log",
	};
	static const char *numbers[] = {
		"diag_CuMbxSync_00000120.uc", "diag_CuMbxSync_00000099.uc",
		"diag_CuMbxSync_00000007.uc", "diag_CuMbxSync_x.uc",
	};
	static const char *mtimes[] = { "m2.txt", "m3.txt", "m1.txt" };

	(void)state;
	make_file("2014_06_28.request.log", "", 1500000000);	/* newest mtime */
	make_file("2014_06_29.request.log", "", 1404000000);
	make_file("2013_12_31.request.log", "", 1600000000);
	make_file("request.log", "", 1404086400);	/* 2014-06-30 */
	expect_order("*request.log", LOGORDER_DATE_NAME, dates, 4);

	make_file("diag_CuMbxSync_00000099.uc", "", 1600000000);
	make_file("diag_CuMbxSync_00000120.uc", "", 1400000000);
	make_file("diag_CuMbxSync_00000007.uc", "", 1700000000);
	make_file("diag_CuMbxSync_x.uc", "", 1800000000);
	expect_order("diag_CuMbxSync_*.uc", LOGORDER_NUMBER_NAME, numbers, 4);

	make_file("m1.txt", "", 1400000000);
	make_file("m2.txt", "", 1400000300);
	make_file("m3.txt", "", 1400000200);
	expect_order("m*.txt", LOGORDER_MTIME, mtimes, 3);
}

/*
 * An mtime past 2262-04-11 (the end of int64 nanoseconds): still the
 * newest, and an undated file that new is dated 2300, not 17xx.  Skipped
 * where the filesystem cannot hold such a time.
 */
static void
test_order_far_future(void **state)
{
	static const char *dates[] = {
		"live.log", "2026_11_25.live.log",
	};
	static const char *mtimes[] = { "f2.txt", "f1.txt" };
	const time_t y2300 = (time_t)10413792000LL;	/* 2300-01-01 UTC */
	char path[256];
	struct stat st;

	(void)state;
	if (sizeof(time_t) < 8)
		skip();
	make_file("f2.txt", "", 0);
	snprintf(path, sizeof(path), "%s/f2.txt", tmpdir);
	{
		struct timeval tv[2] = { { y2300, 0 }, { y2300, 0 } };

		if (utimes(path, tv) != 0 || stat(path, &st) != 0 ||
		    st.st_mtime != y2300)
			skip();
	}
	make_file("f1.txt", "", 1764000000);
	expect_order("f*.txt", LOGORDER_MTIME, mtimes, 2);

	make_file("2026_11_25.live.log", "", 1764000000);
	make_file("live.log", "", y2300);
	expect_order("*live.log", LOGORDER_DATE_NAME, dates, 2);
}

/* Several patterns, duplicates, no match, and "-". */
static void
test_patterns(void **state)
{
	struct loglist ll;
	char p1[256], p2[256], p3[256], err[256];
	const char *pats[4] = { p1, p2, "-", p3 };

	(void)state;
	make_file("x_2014_01_01.log", "", 0);
	make_file("x_2014_01_02.log", "", 0);
	snprintf(p1, sizeof(p1), "%s/x_*.log", tmpdir);
	snprintf(p2, sizeof(p2), "%s/x_2014_01_01.log", tmpdir);
	snprintf(p3, sizeof(p3), "%s/none-*.log", tmpdir);
	assert_int_equal(loglist_expand(&ll, pats, 4, LOGORDER_DATE_NAME, false,
	    err, sizeof(err)), 0);
	assert_int_equal(ll.count, 4);
	assert_string_equal(ll.paths[0], "-");		/* a stream is newest */
	assert_non_null(strstr(ll.paths[1], "x_2014_01_02.log"));
	assert_non_null(strstr(ll.paths[2], "x_2014_01_01.log"));
	/* the pattern that matched nothing is kept for open to report */
	assert_non_null(strstr(ll.paths[3], "none-*.log"));
	loglist_free(&ll);

	assert_int_equal(loglist_expand(&ll, pats, 0, LOGORDER_DATE_NAME, false,
	    err, sizeof(err)), 0);
	assert_int_equal(ll.count, 0);
	loglist_free(&ll);
}

/* loglist_expand of logs the user named (given): 0 or -1 with err. */
static int
check_given(const char *const *pats, size_t n, char *err, size_t errlen)
{
	struct loglist ll;

	if (loglist_expand(&ll, pats, n, LOGORDER_DATE_NAME, true, err,
	    errlen) != 0)
		return -1;
	loglist_free(&ll);
	return 0;
}

/* Named logs must be there; what a glob finds is rotation's business. */
static void
test_check_given(void **state)
{
	char ok[256], glob_ok[256], missing[256], glob_none[256], dir[256];
	char glob_nodir[256], err[512];
	const char *pats[2];

	(void)state;
	make_file("given_1.log", "x\n", 0);
	snprintf(ok, sizeof(ok), "%s/given_1.log", tmpdir);
	snprintf(glob_ok, sizeof(glob_ok), "%s/given_*.log", tmpdir);
	snprintf(missing, sizeof(missing), "%s/given_2.log", tmpdir);
	snprintf(glob_none, sizeof(glob_none), "%s/none_*.log", tmpdir);
	snprintf(glob_nodir, sizeof(glob_nodir), "%s/nodir/x_*.log", tmpdir);
	snprintf(dir, sizeof(dir), "%s", tmpdir);

	pats[0] = ok;
	pats[1] = glob_ok;
	assert_int_equal(check_given(pats, 2, err, sizeof(err)), 0);
	pats[1] = "-";
	assert_int_equal(check_given(pats, 2, err, sizeof(err)), 0);

	pats[1] = missing;	/* second of two: named, not skipped */
	assert_int_equal(check_given(pats, 2, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "given_2.log: No such file or directory"));
	pats[1] = glob_none;
	assert_int_equal(check_given(pats, 2, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "none_*.log: no file matches"));
	pats[1] = glob_nodir;
	assert_int_equal(check_given(pats, 2, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nodir: No such file or directory"));
	pats[1] = dir;
	assert_int_equal(check_given(pats, 2, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ": is a directory"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cursors),
		cmocka_unit_test(test_cursor_mid),
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_order_far_future),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_check_given),
	};

	return cmocka_run_group_tests_name("logfile", tests, setup_dir,
	    teardown_dir);
}
