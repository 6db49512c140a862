/*
 * test_cachedir.c - what the cache trusts (a table of modes, owners and
 * kinds), where it lives, and its directories, temporary files, moves and
 * trim in a scratch tree of the running user.  Other owners need a second
 * user: tests/lab/test_cuc_cache.sh runs those as nobody.
 */
#define _XOPEN_SOURCE 700	/* nftw */

#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "cachedir.h"

#define ME	1000u
#define OTHER	1001u

static const struct {
	const char		*name;
	enum cachedir_role	 role;
	mode_t			 mode;
	uid_t			 owner;
	const char		*why;	/* NULL: trusted */
} judged[] = {
	{ "own dir 0700", CACHEDIR_DIR, S_IFDIR | 0700, ME, NULL },
	{ "own dir 0755: readable, not writable", CACHEDIR_DIR,
	    S_IFDIR | 0755, ME, NULL },
	{ "own dir 0770", CACHEDIR_DIR, S_IFDIR | 0770, ME,
	    "is writable by group or others (mode 0770) and its files may "
	    "have been planted" },
	{ "own dir 0777", CACHEDIR_DIR, S_IFDIR | 0777, ME,
	    "is writable by group or others (mode 0777) and its files may "
	    "have been planted" },
	{ "own dir 1777: sticky is no excuse below the root", CACHEDIR_DIR,
	    S_IFDIR | 01777, ME,
	    "is writable by group or others (mode 1777) and its files may "
	    "have been planted" },
	{ "another user's dir 0700", CACHEDIR_DIR, S_IFDIR | 0700, OTHER,
	    "belongs to uid 1001, not to this user (uid 1000)" },
	{ "another user's dir 0777 (pre-created)", CACHEDIR_DIR,
	    S_IFDIR | 0777, OTHER,
	    "belongs to uid 1001, not to this user (uid 1000)" },
	{ "root's dir as the cache", CACHEDIR_DIR, S_IFDIR | 0700, 0,
	    "belongs to uid 0, not to this user (uid 1000)" },
	{ "symlink as a dir", CACHEDIR_DIR, S_IFLNK | 0777, ME,
	    "is a symbolic link" },
	{ "file as a dir", CACHEDIR_DIR, S_IFREG | 0600, ME,
	    "is not a directory" },
	{ "own file 0600", CACHEDIR_FILE, S_IFREG | 0600, ME, NULL },
	{ "own file 0644", CACHEDIR_FILE, S_IFREG | 0644, ME, NULL },
	{ "own file 0666", CACHEDIR_FILE, S_IFREG | 0666, ME,
	    "is writable by group or others (mode 0666)" },
	{ "planted file", CACHEDIR_FILE, S_IFREG | 0644, OTHER,
	    "belongs to uid 1001, not to this user (uid 1000)" },
	{ "planted symlink", CACHEDIR_FILE, S_IFLNK | 0777, ME,
	    "is a symbolic link" },
	{ "FIFO as a file", CACHEDIR_FILE, S_IFIFO | 0600, ME,
	    "is not a regular file" },
	{ "dir as a file", CACHEDIR_FILE, S_IFDIR | 0700, ME,
	    "is not a regular file" },
	{ "ancestor root's 0755", CACHEDIR_ANCESTOR, S_IFDIR | 0755, 0, NULL },
	{ "ancestor own 0700", CACHEDIR_ANCESTOR, S_IFDIR | 0700, ME, NULL },
	{ "ancestor /var/tmp 1777", CACHEDIR_ANCESTOR, S_IFDIR | 01777, 0,
	    NULL },
	{ "ancestor root's 0777, not sticky", CACHEDIR_ANCESTOR,
	    S_IFDIR | 0777, 0,
	    "is writable by group or others (mode 0777) and not sticky" },
	{ "ancestor group-writable 0775", CACHEDIR_ANCESTOR, S_IFDIR | 0775,
	    ME, "is writable by group or others (mode 0775) and not sticky" },
	{ "ancestor of another user", CACHEDIR_ANCESTOR, S_IFDIR | 0755,
	    OTHER, "belongs to uid 1001, neither root nor this user (uid "
	    "1000)" },
	{ "ancestor sticky of another user", CACHEDIR_ANCESTOR,
	    S_IFDIR | 01777, OTHER, "belongs to uid 1001, neither root nor "
	    "this user (uid 1000)" },
};

static void
test_judge(void **state)
{
	char why[CACHEDIR_WHY_MAX];
	struct stat sb;
	const char *got;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(judged) / sizeof(judged[0]); i++) {
		memset(&sb, 0, sizeof(sb));
		sb.st_mode = judged[i].mode;
		sb.st_uid = judged[i].owner;
		got = cachedir_judge(&sb, judged[i].role, ME, why,
		    sizeof(why));
		if (judged[i].why == NULL && got != NULL)
			fail_msg("%s: refused: %s", judged[i].name, got);
		if (judged[i].why != NULL && (got == NULL ||
		    strcmp(got, judged[i].why) != 0))
			fail_msg("%s: got '%s'", judged[i].name,
			    got ? got : "(trusted)");
	}
}

static void
test_default_root(void **state)
{
	char buf[512], want[512], home[] = "/tmp/test_cachedir.XXXXXX";

	(void)state;
	snprintf(want, sizeof(want), "/var/tmp/cuc-plugins-%lu",
	    (unsigned long)geteuid());
	setenv("XDG_CACHE_HOME", "/x/.cache", 1);
	setenv("HOME", "/nonexistent", 1);
	assert_int_equal(cachedir_default_root(buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/x/.cache/cuc-plugins");
	unsetenv("XDG_CACHE_HOME");
	assert_int_equal(cachedir_default_root(buf, sizeof(buf)), 0);
	assert_string_equal(buf, want);
	assert_non_null(mkdtemp(home));
	setenv("HOME", home, 1);
	assert_int_equal(cachedir_default_root(buf, sizeof(buf)), 0);
	snprintf(want, sizeof(want), "%s/.cache/cuc-plugins", home);
	assert_string_equal(buf, want);
	/* A home others may write to, or no home of ours: /var/tmp. */
	assert_int_equal(chmod(home, 0770), 0);
	assert_int_equal(cachedir_default_root(buf, sizeof(buf)), 0);
	assert_true(strncmp(buf, "/var/tmp/", 9) == 0);
	setenv("HOME", "/", 1);
	assert_int_equal(cachedir_default_root(buf, sizeof(buf)), 0);
	assert_true(strncmp(buf, "/var/tmp/", 9) == 0);
	unsetenv("HOME");
	assert_int_equal(cachedir_default_root(buf, sizeof(buf)), 0);
	assert_true(strncmp(buf, "/var/tmp/", 9) == 0);
	assert_int_equal(cachedir_default_root(buf, 10), -1);
	rmdir(home);
}

/* A scratch directory of mode 0700 (mkdtemp's), path in base. */
static void
scratch(char *base, size_t size)
{
	snprintf(base, size, "%s/test_cachedir.XXXXXX", "/tmp");
	assert_non_null(mkdtemp(base));
}

static int
remove_one(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
cleanup(const char *base)
{
	assert_int_equal(nftw(base, remove_one, 16, FTW_DEPTH | FTW_PHYS), 0);
}

static mode_t
mode_of(const char *path)
{
	struct stat sb;

	assert_int_equal(lstat(path, &sb), 0);
	return sb.st_mode & 07777;
}

static void
test_open_root(void **state)
{
	char base[256], path[512], err[1024], want[1200];
	struct cachedir d, h;

	(void)state;
	scratch(base, sizeof(base));
	/* Missing parents made with mode 0700, trailing slashes fine. */
	snprintf(path, sizeof(path), "%s/a/b/cache//", base);
	assert_int_equal(cachedir_open_root(&d, path, err, sizeof(err)), 0);
	snprintf(want, sizeof(want), "%s/a/b/cache", base);
	assert_string_equal(d.path, want);
	assert_int_equal(mode_of(want), 0700);
	snprintf(want, sizeof(want), "%s/a", base);
	assert_int_equal(mode_of(want), 0700);
	assert_int_equal(cachedir_open_sub(&h, &d, "cuc1_8443", err,
	    sizeof(err)), 0);
	snprintf(want, sizeof(want), "%s/a/b/cache/cuc1_8443", base);
	assert_string_equal(h.path, want);
	assert_int_equal(mode_of(want), 0700);
	cachedir_close(&h);
	cachedir_close(&d);
	assert_int_equal(d.fd, -1);

	/* A symbolic link as the root: refused, nothing made behind it. */
	snprintf(want, sizeof(want), "%s/elsewhere", base);
	assert_int_equal(mkdir(want, 0700), 0);
	snprintf(path, sizeof(path), "%s/link", base);
	assert_int_equal(symlink(want, path), 0);
	assert_int_equal(cachedir_open_root(&d, path, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "cache directory %s/link is a symbolic "
	    "link, nothing written there", base);
	assert_string_equal(err, want);
	/* ... but a link on the way to it is resolved and checked. */
	snprintf(path, sizeof(path), "%s/link/cache", base);
	assert_int_equal(cachedir_open_root(&d, path, err, sizeof(err)), 0);
	snprintf(want, sizeof(want), "%s/elsewhere/cache", base);
	assert_string_equal(d.path, want);
	/* A symbolic link as the host directory. */
	assert_int_equal(symlinkat(base, d.fd, "cuc1_8443"), 0);
	assert_int_equal(cachedir_open_sub(&h, &d, "cuc1_8443", err,
	    sizeof(err)), -1);
	snprintf(want, sizeof(want), "cache directory %s/elsewhere/cache/"
	    "cuc1_8443 is a symbolic link, nothing written there", base);
	assert_string_equal(err, want);
	/* A loosened host directory: refused, and left as found. */
	assert_int_equal(mkdirat(d.fd, "cuc2_8443", 0700), 0);
	snprintf(path, sizeof(path), "%s/elsewhere/cache/cuc2_8443", base);
	assert_int_equal(chmod(path, 0777), 0);
	assert_int_equal(cachedir_open_sub(&h, &d, "cuc2_8443", err,
	    sizeof(err)), -1);
	snprintf(want, sizeof(want), "cache directory %s is writable by "
	    "group or others (mode 0777) and its files may have been "
	    "planted, nothing written there", path);
	assert_string_equal(err, want);
	assert_int_equal(mode_of(path), 0777);
	cachedir_close(&d);

	/* A loosened root, and a parent others may write to. */
	snprintf(path, sizeof(path), "%s/open", base);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(chmod(path, 0777), 0);
	assert_int_equal(cachedir_open_root(&d, path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "is writable by group or others (mode "
	    "0777)"));
	snprintf(path, sizeof(path), "%s/open/cache", base);
	assert_int_equal(cachedir_open_root(&d, path, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "cache directory %s: %s/open is "
	    "writable by group or others (mode 0777) and not sticky, nothing "
	    "written there", path, base);
	assert_string_equal(err, want);
	assert_int_equal(access(path, F_OK), -1);
	/* Sticky, as /var/tmp: fine. */
	snprintf(path, sizeof(path), "%s/open", base);
	assert_int_equal(chmod(path, 01777), 0);
	snprintf(path, sizeof(path), "%s/open/cache", base);
	assert_int_equal(cachedir_open_root(&d, path, err, sizeof(err)), 0);
	cachedir_close(&d);
	/* '..' below a directory yet to be made. */
	snprintf(path, sizeof(path), "%s/new/../cache", base);
	assert_int_equal(cachedir_open_root(&d, path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "without '.' or '..'"));
	cleanup(base);
}

static void
put(const struct cachedir *d, const char *name, size_t size, time_t mtime)
{
	struct timespec ts[2] = { { mtime, 0 }, { mtime, 0 } };
	char buf[4096];
	int fd;

	memset(buf, 'x', sizeof(buf));
	fd = openat(d->fd, name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	while (size > 0) {
		size_t n = size < sizeof(buf) ? size : sizeof(buf);

		assert_int_equal(write(fd, buf, n), (ssize_t)n);
		size -= n;
	}
	assert_int_equal(futimens(fd, ts), 0);
	close(fd);
}

static bool
there(const struct cachedir *d, const char *name)
{
	struct stat sb;

	return fstatat(d->fd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0;
}

static bool
keep_b(const char *name, const void *arg)
{
	(void)arg;
	return strcmp(name, "b") == 0;
}

static void
test_store_and_trim(void **state)
{
	char base[256], err[1024], tmp[CACHEDIR_TEMP_MAX];
	struct cachedir d;
	struct stat sb;
	int fd, lock, held;

	(void)state;
	scratch(base, sizeof(base));
	assert_int_equal(cachedir_open_root(&d, base, err, sizeof(err)), 0);
	assert_true((lock = cachedir_lock_open(&d, err, sizeof(err))) >= 0);
	assert_int_equal(cachedir_lock(&d, lock, 0, err, sizeof(err)), 0);

	/* A fetched file moved in, with its time. */
	assert_true((fd = cachedir_temp(&d, tmp, sizeof(tmp), err,
	    sizeof(err))) >= 0);
	assert_int_equal(strncmp(tmp, ".fetch.", 7), 0);
	assert_int_equal(cachedir_fill(fd, "new\n", 4, 2000000000.0), 0);
	assert_int_equal(cachedir_commit(&d, fd, tmp, "log", err,
	    sizeof(err)), 0);
	assert_false(there(&d, tmp));
	assert_int_equal(cachedir_stat(&d, "log", &sb, err, sizeof(err)), 1);
	assert_int_equal(sb.st_size, 4);
	assert_int_equal(sb.st_mtime, 2000000000);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* A longer copy (a later fetch of the file being written) stays... */
	assert_true((fd = cachedir_temp(&d, tmp, sizeof(tmp), err,
	    sizeof(err))) >= 0);
	assert_int_equal(cachedir_fill(fd, "new\nlater\n", 10,
	    2000000000.0), 0);
	assert_int_equal(cachedir_commit(&d, fd, tmp, "log", err,
	    sizeof(err)), 0);
	assert_true((fd = cachedir_temp(&d, tmp, sizeof(tmp), err,
	    sizeof(err))) >= 0);
	assert_int_equal(cachedir_fill(fd, "new\n", 4, 2000000000.0), 0);
	assert_int_equal(cachedir_commit(&d, fd, tmp, "log", err,
	    sizeof(err)), 0);
	assert_false(there(&d, tmp));
	assert_int_equal(cachedir_stat(&d, "log", &sb, err, sizeof(err)), 1);
	assert_int_equal(sb.st_size, 10);
	/* ... but the same bytes dated otherwise (a zone given) replace it. */
	assert_true((fd = cachedir_temp(&d, tmp, sizeof(tmp), err,
	    sizeof(err))) >= 0);
	assert_int_equal(cachedir_fill(fd, "new\nlater\n", 10,
	    1999996400.0), 0);
	assert_int_equal(cachedir_commit(&d, fd, tmp, "log", err,
	    sizeof(err)), 0);
	assert_int_equal(cachedir_stat(&d, "log", &sb, err, sizeof(err)), 1);
	assert_int_equal(sb.st_mtime, 1999996400);
	/* A planted name: refused, the temporary file gone. */
	assert_int_equal(symlinkat("/etc/passwd", d.fd, "planted"), 0);
	assert_int_equal(cachedir_stat(&d, "planted", &sb, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "/planted is a symbolic link: not used"));
	assert_true((fd = cachedir_temp(&d, tmp, sizeof(tmp), err,
	    sizeof(err))) >= 0);
	assert_int_equal(cachedir_commit(&d, fd, tmp, "planted", err,
	    sizeof(err)), -1);
	assert_false(there(&d, tmp));
	assert_int_equal(unlinkat(d.fd, "planted", 0), 0);

	/* Trim: a killed run's temporary file goes, a live run's stays. */
	put(&d, ".fetch.1.dead", 100, 1000);
	held = openat(d.fd, ".fetch.2.live", O_RDWR | O_CREAT, 0600);
	assert_true(held >= 0);
	assert_int_equal(flock(held, LOCK_EX), 0);
	put(&d, "a", 3000, 1000);	/* oldest */
	put(&d, "b", 3000, 1100);	/* oldest but one, kept by keep_b */
	put(&d, "c", 3000, 1200);
	cachedir_trim(&d, 10000, keep_b, NULL);	/* 3000 * 3 + 10: under */
	assert_false(there(&d, ".fetch.1.dead"));
	assert_true(there(&d, ".fetch.2.live"));
	assert_true(there(&d, "a") && there(&d, "b") && there(&d, "c"));
	cachedir_trim(&d, 6100, keep_b, NULL);
	assert_false(there(&d, "a"));
	assert_true(there(&d, "b") && there(&d, "c") && there(&d, "log"));
	cachedir_trim(&d, 1, keep_b, NULL);
	assert_true(there(&d, "b"));
	assert_false(there(&d, "c") || there(&d, "log"));
	assert_true(there(&d, ".lock") && there(&d, ".fetch.2.live"));
	close(held);
	cachedir_trim(&d, 1, NULL, NULL);
	assert_false(there(&d, ".fetch.2.live") || there(&d, "b"));

	/* The lock, taken by another open file: one try fails, says so. */
	held = cachedir_lock_open(&d, err, sizeof(err));
	assert_true(held >= 0);
	assert_int_equal(cachedir_lock(&d, held, 0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "locked by another run, and no time left "
	    "to wait (-t)"));
	assert_int_equal(cachedir_lock(&d, held, 0.05, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "stayed locked by another run (waited "));
	cachedir_unlock(lock);
	assert_int_equal(cachedir_lock(&d, held, 0, err, sizeof(err)), 0);
	cachedir_unlock(held);
	close(held);
	close(lock);
	cachedir_close(&d);
	cleanup(base);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_judge),
		cmocka_unit_test(test_default_root),
		cmocka_unit_test(test_open_root),
		cmocka_unit_test(test_store_and_trim),
	};

	/* Files and directories are made with the modes under test. */
	umask(022);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
