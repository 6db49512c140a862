/*
 * cachedir.c - a cache directory no other user can touch, used through
 * descriptors (cachedir.h).
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cachedir.h"

#define DIR_FLAGS	(O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
#define TEMP_PREFIX	".fetch."
#define LOCK_NAME	".lock"
#define LOCK_POLL_NS	10000000L	/* 10 ms between tries */
#define MISSING_MAX	32		/* parents created below the last one */

const char *
cachedir_judge(const struct stat *sb, enum cachedir_role role, uid_t uid,
    char *why, size_t size)
{
	unsigned long perm = (unsigned long)(sb->st_mode & 07777);
	unsigned long owner = (unsigned long)sb->st_uid;

	if (S_ISLNK(sb->st_mode))
		snprintf(why, size, "is a symbolic link");
	else if (role == CACHEDIR_FILE && !S_ISREG(sb->st_mode))
		snprintf(why, size, "is not a regular file");
	else if (role != CACHEDIR_FILE && !S_ISDIR(sb->st_mode))
		snprintf(why, size, "is not a directory");
	else if (role == CACHEDIR_ANCESTOR && sb->st_uid != 0 &&
	    sb->st_uid != uid)
		snprintf(why, size, "belongs to uid %lu, neither root nor this "
		    "user (uid %lu)", owner, (unsigned long)uid);
	else if (role == CACHEDIR_ANCESTOR && (perm & 022) != 0 &&
	    (perm & S_ISVTX) == 0)
		snprintf(why, size, "is writable by group or others (mode "
		    "%04lo) and not sticky", perm);
	else if (role != CACHEDIR_ANCESTOR && sb->st_uid != uid)
		snprintf(why, size, "belongs to uid %lu, not to this user "
		    "(uid %lu)", owner, (unsigned long)uid);
	else if (role != CACHEDIR_ANCESTOR && (perm & 022) != 0)
		snprintf(why, size, "is writable by group or others (mode "
		    "%04lo)%s", perm, role == CACHEDIR_DIR ? " and its files "
		    "may have been planted" : "");
	else
		return NULL;
	return why;
}

/* A home of this user's own: a directory it owns and alone may write. */
static bool
own_home(const char *home)
{
	struct stat sb;

	return home != NULL && home[0] == '/' && home[1] != '\0' &&
	    stat(home, &sb) == 0 && S_ISDIR(sb.st_mode) &&
	    sb.st_uid == geteuid() && (sb.st_mode & 0200) != 0 &&
	    (sb.st_mode & 022) == 0;
}

int
cachedir_default_root(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	int n;

	if (xdg != NULL && xdg[0] == '/')
		n = snprintf(buf, size, "%s/cuc-plugins", xdg);
	else if (own_home(home))
		n = snprintf(buf, size, "%s/.cache/cuc-plugins", home);
	else
		n = snprintf(buf, size, "/var/tmp/cuc-plugins-%lu",
		    (unsigned long)geteuid());
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/*
 * dir/name into buf ("/" + name for the root); -1 with err when it does
 * not fit.
 */
static int
join(char *buf, size_t size, const char *dir, const char *name, char *err,
    size_t errlen)
{
	int n = snprintf(buf, size, "%s%s%s", dir,
	    dir[0] != '\0' && dir[strlen(dir) - 1] == '/' ? "" : "/", name);

	if (n >= 0 && (size_t)n < size)
		return 0;
	snprintf(err, errlen, "cache directory %.200s/...: path too long",
	    dir);
	return -1;
}

/*
 * Check every directory of the absolute, resolved path canon, from "/"
 * down, as an ancestor; *last gets the lstat of canon itself.  0, or -1
 * with err naming the directory at fault.
 */
static int
check_ancestors(const char *canon, const char *root, struct stat *last,
    char *err, size_t errlen)
{
	char prefix[CACHEDIR_PATH_MAX], why[CACHEDIR_WHY_MAX];
	size_t i = 0, len = strlen(canon);

	if (len >= sizeof(prefix))
		goto toolong;
	for (;;) {
		/* "/" first, then "/a", "/a/b", ... up to canon. */
		size_t end = i == 0 ? 1 : i;

		memcpy(prefix, canon, end);
		prefix[end] = '\0';
		if (lstat(prefix, last) != 0) {
			snprintf(err, errlen, "cache directory %s: %s: %s",
			    root, prefix, strerror(errno));
			return -1;
		}
		if (cachedir_judge(last, CACHEDIR_ANCESTOR, geteuid(), why,
		    sizeof(why)) != NULL) {
			snprintf(err, errlen, "cache directory %s: %s %s, "
			    "nothing written there", root, prefix, why);
			return -1;
		}
		if (end >= len)
			return 0;
		for (i = end + 1; i < len && canon[i] != '/'; i++)
			;
	}
toolong:
	snprintf(err, errlen, "cache directory %s: path too long", root);
	return -1;
}

/*
 * Open `name` below the directory descriptor at, checked as role, into d
 * with path as its name; the opened directory is judged on its own
 * descriptor, not on the name.  0, or -1 with err.
 */
static int
open_checked(struct cachedir *d, int at, const char *name,
    enum cachedir_role role, const char *path, char *err, size_t errlen)
{
	char why[CACHEDIR_WHY_MAX];
	struct stat sb;
	int fd;

	if (strlen(path) >= sizeof(d->path)) {
		snprintf(err, errlen, "cache directory %.200s...: path too "
		    "long", path);
		return -1;
	}
	if ((fd = openat(at, name, DIR_FLAGS)) < 0) {
		int e = errno;

		/* Say what is there when it is no directory to open. */
		if (fstatat(at, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    cachedir_judge(&sb, role, geteuid(), why,
		    sizeof(why)) != NULL)
			snprintf(err, errlen, "cache directory %s %s, nothing "
			    "written there", path, why);
		else
			snprintf(err, errlen, "cache directory %s: %s", path,
			    strerror(e));
		return -1;
	}
	if (fstat(fd, &sb) != 0) {
		snprintf(err, errlen, "cache directory %s: %s", path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	if (cachedir_judge(&sb, role, geteuid(), why, sizeof(why)) != NULL) {
		snprintf(err, errlen, "cache directory %s %s, nothing written "
		    "there", path, why);
		close(fd);
		return -1;
	}
	d->fd = fd;
	snprintf(d->path, sizeof(d->path), "%s", path);
	return 0;
}

/* mkdirat with mode 0700; an existing entry is for open_checked to judge. */
static int
make_dir(int at, const char *name, const char *path, char *err,
    size_t errlen)
{
	if (mkdirat(at, name, 0700) == 0 || errno == EEXIST)
		return 0;
	snprintf(err, errlen, "cache directory %s: %s", path, strerror(errno));
	return -1;
}

/*
 * Split text (trailing slashes gone) at its deepest existing directory:
 * its resolved path into canon, the names below it (to create) into
 * missing[], last the root's own name.  0, or -1 with err.
 */
static int
split_existing(char *text, char *canon, char **missing, size_t *nmissing,
    char **base, const char *root, char *err, size_t errlen)
{
	char *slash, *head = text;
	size_t n = 0;

	if ((slash = strrchr(text, '/')) == NULL) {
		*base = text;
		head = (char *)".";
	} else {
		*base = slash + 1;
		*slash = '\0';
		if (slash == text)
			head = (char *)"/";
	}
	while (realpath(head, canon) == NULL) {
		if (errno != ENOENT || strcmp(head, ".") == 0 ||
		    strcmp(head, "/") == 0)
			goto fail;
		if (n == MISSING_MAX)
			goto fail;
		slash = strrchr(head, '/');
		missing[n++] = slash ? slash + 1 : head;
		if (slash == NULL)
			head = (char *)".";
		else if (slash == head)
			head = (char *)"/";
		else
			*slash = '\0';
	}
	/* Created in order, outermost first. */
	for (size_t i = 0; i < n / 2; i++) {
		char *t = missing[i];

		missing[i] = missing[n - 1 - i];
		missing[n - 1 - i] = t;
	}
	*nmissing = n;
	return 0;
fail:
	snprintf(err, errlen, "cache directory %s: %s", root, strerror(errno));
	return -1;
}

/* A name we may create and enter: not empty, ".", "..". */
static bool
plain_name(const char *name)
{
	return name[0] != '\0' && strcmp(name, ".") != 0 &&
	    strcmp(name, "..") != 0;
}

int
cachedir_open_root(struct cachedir *d, const char *path, char *err,
    size_t errlen)
{
	char text[CACHEDIR_PATH_MAX], canon[PATH_MAX], name[CACHEDIR_PATH_MAX];
	char *missing[MISSING_MAX], *base;
	struct cachedir cur = { -1, "" }, next;
	struct stat last, sb;
	size_t len = strlen(path), i, nmissing = 0;

	d->fd = -1;
	while (len > 1 && path[len - 1] == '/')
		len--;
	if (len == 0 || len >= sizeof(text)) {
		snprintf(err, errlen, "cache directory '%.200s': not a usable "
		    "path", path);
		return -1;
	}
	memcpy(text, path, len);
	text[len] = '\0';
	if (split_existing(text, canon, missing, &nmissing, &base, path, err,
	    errlen) != 0)
		return -1;
	for (i = 0; i < nmissing; i++)
		if (!plain_name(missing[i]))
			break;
	if (i < nmissing || !plain_name(base)) {
		snprintf(err, errlen, "cache directory %s: give a path without "
		    "'.' or '..' below an existing directory", path);
		return -1;
	}
	if (check_ancestors(canon, path, &last, err, errlen) != 0)
		return -1;
	/* The directory checked by name is the one opened. */
	if ((cur.fd = open(canon, DIR_FLAGS)) < 0 || fstat(cur.fd, &sb) != 0) {
		snprintf(err, errlen, "cache directory %s: %s: %s", path,
		    canon, strerror(errno));
		goto fail;
	}
	if (sb.st_dev != last.st_dev || sb.st_ino != last.st_ino) {
		snprintf(err, errlen, "cache directory %s: %s changed while "
		    "checked", path, canon);
		goto fail;
	}
	snprintf(cur.path, sizeof(cur.path), "%s", canon);
	for (i = 0; i < nmissing; i++) {
		if (join(name, sizeof(name), cur.path, missing[i], err,
		    errlen) != 0 ||
		    make_dir(cur.fd, missing[i], name, err, errlen) != 0 ||
		    open_checked(&next, cur.fd, missing[i], CACHEDIR_ANCESTOR,
		    name, err, errlen) != 0)
			goto fail;
		cachedir_close(&cur);
		cur = next;
	}
	if (join(name, sizeof(name), cur.path, base, err, errlen) != 0 ||
	    make_dir(cur.fd, base, name, err, errlen) != 0 ||
	    open_checked(d, cur.fd, base, CACHEDIR_DIR, name, err, errlen) != 0)
		goto fail;
	cachedir_close(&cur);
	return 0;
fail:
	cachedir_close(&cur);
	return -1;
}

int
cachedir_open_sub(struct cachedir *d, const struct cachedir *parent,
    const char *name, char *err, size_t errlen)
{
	char path[CACHEDIR_PATH_MAX];

	d->fd = -1;
	if (!plain_name(name) || strchr(name, '/') != NULL) {
		snprintf(err, errlen, "cache directory %s: no directory name "
		    "for '%.100s'", parent->path, name);
		return -1;
	}
	if (join(path, sizeof(path), parent->path, name, err, errlen) != 0)
		return -1;
	if (make_dir(parent->fd, name, path, err, errlen) != 0)
		return -1;
	return open_checked(d, parent->fd, name, CACHEDIR_DIR, path, err,
	    errlen);
}

void
cachedir_close(struct cachedir *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}

int
cachedir_stat(const struct cachedir *d, const char *name, struct stat *sb,
    char *err, size_t errlen)
{
	char why[CACHEDIR_WHY_MAX];

	if (fstatat(d->fd, name, sb, AT_SYMLINK_NOFOLLOW) != 0) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "cache file %s/%s: %s", d->path, name,
		    strerror(errno));
		return -1;
	}
	if (cachedir_judge(sb, CACHEDIR_FILE, geteuid(), why,
	    sizeof(why)) != NULL) {
		snprintf(err, errlen, "cache file %s/%s %s: not used", d->path,
		    name, why);
		return -1;
	}
	return 1;
}

int
cachedir_lock_open(const struct cachedir *d, char *err, size_t errlen)
{
	char why[CACHEDIR_WHY_MAX];
	struct stat sb;
	int fd;

	if (cachedir_stat(d, LOCK_NAME, &sb, err, errlen) < 0)
		return -1;
	if ((fd = openat(d->fd, LOCK_NAME, O_RDWR | O_CREAT | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC, 0600)) < 0) {
		snprintf(err, errlen, "cache lock %s/%s: %s", d->path,
		    LOCK_NAME, strerror(errno));
		return -1;
	}
	/* Judged again on what was opened: it may have been made meanwhile. */
	if (fstat(fd, &sb) != 0) {
		snprintf(err, errlen, "cache lock %s/%s: %s", d->path,
		    LOCK_NAME, strerror(errno));
		close(fd);
		return -1;
	}
	if (cachedir_judge(&sb, CACHEDIR_FILE, geteuid(), why,
	    sizeof(why)) != NULL) {
		snprintf(err, errlen, "cache lock %s/%s %s: not used", d->path,
		    LOCK_NAME, why);
		close(fd);
		return -1;
	}
	return fd;
}

static double
elapsed_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

int
cachedir_lock(const struct cachedir *d, int lock_fd, double wait, char *err,
    size_t errlen)
{
	struct timespec t0, pause = { 0, LOCK_POLL_NS };

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			snprintf(err, errlen, "cache lock %s/%s: %s", d->path,
			    LOCK_NAME, strerror(errno));
			return -1;
		}
		if (wait <= 0) {
			snprintf(err, errlen, "cache %s locked by another run, "
			    "and no time left to wait (-t)", d->path);
			return -1;
		}
		if (elapsed_since(&t0) >= wait) {
			snprintf(err, errlen, "cache %s stayed locked by "
			    "another run (waited %.1f s)", d->path,
			    elapsed_since(&t0));
			return -1;
		}
		nanosleep(&pause, NULL);
	}
	return 0;
}

void
cachedir_unlock(int lock_fd)
{
	if (lock_fd >= 0)
		(void)flock(lock_fd, LOCK_UN);
}

int
cachedir_temp(const struct cachedir *d, char *name, size_t size, char *err,
    size_t errlen)
{
	struct timespec t;
	struct stat sb;
	unsigned tries;
	int fd;

	for (tries = 0; tries < 100; tries++) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		snprintf(name, size, TEMP_PREFIX "%ld.%lx", (long)getpid(),
		    (unsigned long)t.tv_nsec ^ tries);
		fd = openat(d->fd, name, O_RDWR | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && errno == EEXIST)
			continue;
		if (fd < 0)
			break;
		/*
		 * Held from here on.  A trim may have taken it between the
		 * open and the lock, and removed it: then another name.
		 */
		while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
			;
		if (fstat(fd, &sb) == 0 && sb.st_nlink > 0)
			return fd;
		close(fd);
	}
	snprintf(err, errlen, "cache %s: cannot create a temporary file: %s",
	    d->path, fd < 0 ? strerror(errno) : "removed as made");
	return -1;
}

int
cachedir_fill(int fd, const char *data, size_t len, double mtime)
{
	struct timespec ts[2];
	size_t off = 0;
	ssize_t w;

	while (off < len) {
		if ((w = write(fd, data + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		off += (size_t)w;
	}
	ts[0].tv_sec = ts[1].tv_sec = (time_t)mtime;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	return futimens(fd, ts);
}

void
cachedir_discard(const struct cachedir *d, int fd, const char *tmp)
{
	(void)unlinkat(d->fd, tmp, 0);
	close(fd);
}

/*
 * Is the copy in place `old` a later fetch than `new`?  A CUC log file
 * only grows under its name (it rotates to a new one): the longer copy is
 * the later.  Not the modification time: a run told the box's zone reads
 * the same listing to another time, and its reading must stand.
 */
static bool
later_copy(const struct stat *old, const struct stat *new)
{
	return old->st_size > new->st_size;
}

int
cachedir_commit(const struct cachedir *d, int fd, const char *tmp,
    const char *name, char *err, size_t errlen)
{
	struct stat now, there;
	int rc;

	if (fstat(fd, &now) != 0) {
		snprintf(err, errlen, "cache %s/%s: %s", d->path, tmp,
		    strerror(errno));
		cachedir_discard(d, fd, tmp);
		return -1;
	}
	rc = cachedir_stat(d, name, &there, err, errlen);
	if (rc < 0 || (rc == 1 && later_copy(&there, &now))) {
		cachedir_discard(d, fd, tmp);
		return rc < 0 ? -1 : 0;
	}
	if (renameat(d->fd, tmp, d->fd, name) != 0) {
		snprintf(err, errlen, "cache %s/%s: %s", d->path, name,
		    strerror(errno));
		cachedir_discard(d, fd, tmp);
		return -1;
	}
	close(fd);
	return 0;
}

/* A temporary file no run holds (flock) is a killed run's: remove it. */
static void
sweep_temp(const struct cachedir *d, const char *name)
{
	struct stat held, there;
	int fd;

	fd = openat(d->fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	if (fd < 0)
		return;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &held) == 0 &&
	    fstatat(d->fd, name, &there, AT_SYMLINK_NOFOLLOW) == 0 &&
	    held.st_dev == there.st_dev && held.st_ino == there.st_ino)
		(void)unlinkat(d->fd, name, 0);
	close(fd);
}

struct entry {
	char	name[256];
	off_t	size;
	time_t	mtime;
};

static int
by_oldest(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return x->mtime < y->mtime ? -1 : x->mtime > y->mtime;
}

/*
 * The cached files of d: their total size, and in *e (oldest first) the
 * ones keep() lets go; temporary files no run holds removed on the way.
 */
static unsigned long long
scan(const struct cachedir *d, bool (*keep)(const char *, const void *),
    const void *arg, struct entry **e, size_t *n)
{
	unsigned long long total = 0;
	struct dirent *de;
	struct entry *ne;
	struct stat sb;
	size_t alloc = 0;
	DIR *dir;
	int fd;

	*e = NULL;
	*n = 0;
	if ((fd = openat(d->fd, ".", DIR_FLAGS)) < 0)
		return 0;
	if ((dir = fdopendir(fd)) == NULL) {
		close(fd);
		return 0;
	}
	while ((de = readdir(dir)) != NULL) {
		if (strncmp(de->d_name, TEMP_PREFIX,
		    sizeof(TEMP_PREFIX) - 1) == 0)
			sweep_temp(d, de->d_name);
		if (de->d_name[0] == '.' || strlen(de->d_name) >=
		    sizeof((*e)->name) || fstatat(d->fd, de->d_name, &sb,
		    AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(sb.st_mode))
			continue;
		total += (unsigned long long)sb.st_size;
		if (keep != NULL && keep(de->d_name, arg))
			continue;
		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			if ((ne = realloc(*e, alloc * sizeof(**e))) == NULL)
				break;
			*e = ne;
		}
		snprintf((*e)[*n].name, sizeof((*e)[*n].name), "%s",
		    de->d_name);
		(*e)[*n].size = sb.st_size;
		(*e)[*n].mtime = sb.st_mtime;
		(*n)++;
	}
	closedir(dir);
	if (*e != NULL)
		qsort(*e, *n, sizeof(**e), by_oldest);
	return total;
}

void
cachedir_trim(const struct cachedir *d, unsigned long long bound,
    bool (*keep)(const char *name, const void *arg), const void *arg)
{
	struct entry *e;
	size_t n, i;
	unsigned long long total = scan(d, keep, arg, &e, &n);

	for (i = 0; i < n && total > bound; i++)
		if (unlinkat(d->fd, e[i].name, 0) == 0)
			total -= (unsigned long long)e[i].size;
	free(e);
}
