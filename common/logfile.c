/* logfile.c - log files by line, newest first; see logfile.h. */
#define _GNU_SOURCE	/* memrchr (glibc's is vectorised): the hot loop */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "logfile.h"

/* "<path>: <reason>" into err, keeping errno for the caller. */
static void
set_err(char *err, size_t errlen, const char *path, int e)
{
	snprintf(err, errlen, "%s: %s", path,
	    e == EISDIR ? "is a directory" : strerror(e));
	errno = e;
}

/* Read a stream forwards into memory, up to the cap. */
static int
read_stream(struct logfile *lf, int fd, char *err, size_t errlen)
{
	size_t cap = 0, len = 0;
	char *buf = NULL, *nbuf;
	ssize_t n;
	int e;

	for (;;) {
		if (len == cap) {
			if (cap >= LOGFILE_STREAM_CAP) {
				lf->truncated = true;
				break;
			}
			cap = cap == 0 ? 65536 : cap * 2;
			if (cap > LOGFILE_STREAM_CAP)
				cap = LOGFILE_STREAM_CAP;
			if ((nbuf = realloc(buf, cap)) == NULL) {
				free(buf);
				set_err(err, errlen, lf->path, ENOMEM);
				return -1;
			}
			buf = nbuf;
		}
		n = read(fd, buf + len, cap - len);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			free(buf);
			set_err(err, errlen, lf->path, e);
			return -1;
		}
		len += (size_t)n;
	}
	if (len == 0) {		/* nothing to own: data stays "" */
		free(buf);
		buf = NULL;
	}
	lf->data = buf != NULL ? buf : "";
	lf->len = len;
	lf->mapped = false;
	return 0;
}

int
logfile_open(struct logfile *lf, const char *path, char *err, size_t errlen)
{
	struct stat st;
	void *map;
	int fd, e, rc;

	memset(lf, 0, sizeof(*lf));
	lf->path = path;
	lf->data = "";
	lf->fd = -1;
	if (strcmp(path, "-") == 0)
		return read_stream(lf, STDIN_FILENO, err, errlen);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) == -1) {
		set_err(err, errlen, path, errno);
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		e = errno;
		close(fd);
		set_err(err, errlen, path, e);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		set_err(err, errlen, path, EISDIR);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {	/* a FIFO, a device: a stream, no mtime */
		rc = read_stream(lf, fd, err, errlen);
		e = errno;
		close(fd);
		errno = e;
		return rc;
	}
	lf->mtime = st.st_mtime;
	if (st.st_size == 0) {
		close(fd);
		lf->mapped = false;
		return 0;
	}
	if ((uintmax_t)st.st_size > SIZE_MAX) {
		close(fd);
		set_err(err, errlen, path, EFBIG);
		return -1;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		e = errno;
		close(fd);
		set_err(err, errlen, path, e);
		return -1;
	}
	lf->data = map;
	lf->len = (size_t)st.st_size;
	lf->mapped = true;
	lf->fd = fd;
	return 0;
}

ssize_t
logfile_pread(const struct logfile *lf, char *buf, size_t len, size_t off)
{
	ssize_t n;

	if (off >= lf->len)
		return 0;
	if (len > lf->len - off)
		len = lf->len - off;
	if (lf->fd == -1) {
		memcpy(buf, lf->data + off, len);
		return (ssize_t)len;
	}
	do
		n = pread(lf->fd, buf, len, (off_t)off);
	while (n == -1 && errno == EINTR);
	return n;
}

void
logfile_close(struct logfile *lf)
{
	if (lf->fd != -1)
		close(lf->fd);
	lf->fd = -1;
	if (lf->mapped)
		munmap((void *)(uintptr_t)lf->data, lf->len);
	else if (lf->len > 0)	/* a stream's buffer; an empty one is "" */
		free((void *)(uintptr_t)lf->data);
	lf->data = "";
	lf->len = 0;
	lf->mapped = false;
}

void
line_cursor_end(struct line_cursor *c, const char *data, size_t len)
{
	c->data = data;
	c->len = len;
	c->pos = len;
}

void
line_cursor_start(struct line_cursor *c, const char *data, size_t len)
{
	c->data = data;
	c->len = len;
	c->pos = 0;
}

bool
line_prev(struct line_cursor *c, const char **line, size_t *len)
{
	const char *nl;
	size_t end, start;

	if (c->pos == 0 || c->pos > c->len)
		return false;
	end = c->pos;
	/* pos is just past this line's LF, or the end of an unterminated last line */
	if (c->data[end - 1] == '\n')
		end--;
	nl = end > 0 ? memrchr(c->data, '\n', end) : NULL;
	start = nl != NULL ? (size_t)(nl - c->data) + 1 : 0;
	c->pos = start;
	*line = c->data + start;
	*len = end - start;
	if (*len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	return true;
}

bool
line_next(struct line_cursor *c, const char **line, size_t *len)
{
	const char *nl;
	size_t start;

	if (c->pos >= c->len)
		return false;
	start = c->pos;
	nl = memchr(c->data + start, '\n', c->len - start);
	*line = c->data + start;
	if (nl != NULL) {
		*len = (size_t)(nl - *line);
		c->pos = (size_t)(nl - c->data) + 1;
	} else {
		*len = c->len - start;
		c->pos = c->len;
	}
	if (*len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	return true;
}

/* One file's sort key; larger is newer. */
struct logkey {
	char		*path;
	int		 klass;		/* higher class sorts first */
	int64_t		 key;		/* date or number in the name */
	/*
	 * Seconds and nanoseconds apart: as one nanosecond count an mtime
	 * past 2262-04-11 overflows int64 and the newest file sorts oldest.
	 */
	time_t		 mtime;
	long		 mtime_nsec;
};

/* The base name of path. */
static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

static bool
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The first yyyy_mm_dd (or yyyy-mm-dd) in name as yyyymmdd, or -1. */
static int64_t
name_date(const char *name)
{
	size_t n = strlen(name), i;
	int64_t y, m, d;

	for (i = 0; i + 10 <= n; i++) {
		if (!digits(name + i, 4) || (name[i + 4] != '_' &&
		    name[i + 4] != '-') || name[i + 7] != name[i + 4] ||
		    !digits(name + i + 5, 2) || !digits(name + i + 8, 2))
			continue;
		if (i > 0 && digits(name + i - 1, 1))
			continue;	/* part of a longer number */
		y = strtol(name + i, NULL, 10);
		m = (name[i + 5] - '0') * 10 + (name[i + 6] - '0');
		d = (name[i + 8] - '0') * 10 + (name[i + 9] - '0');
		if (m < 1 || m > 12 || d < 1 || d > 31)
			continue;
		return y * 10000 + m * 100 + d;
	}
	return -1;
}

/* The last run of digits in name (at most 18 of them), or -1. */
static int64_t
name_number(const char *name)
{
	const char *end = name + strlen(name), *s;
	int64_t v = 0;

	while (end > name && (end[-1] < '0' || end[-1] > '9'))
		end--;
	if (end == name)
		return -1;
	s = end;
	while (s > name && s[-1] >= '0' && s[-1] <= '9' && end - s < 18)
		s--;
	for (; s < end; s++)
		v = v * 10 + (*s - '0');
	return v;
}

static void
fill_key(struct logkey *k, enum logorder order)
{
	struct stat st;
	const char *name = base_name(k->path);

	k->mtime = 0;
	k->mtime_nsec = 0;
	if (strcmp(k->path, "-") == 0) {
		k->klass = 3;	/* a stream is the newest there is */
		k->key = 0;
		return;
	}
	if (stat(k->path, &st) == 0) {
		k->mtime = st.st_mtim.tv_sec;
		k->mtime_nsec = st.st_mtim.tv_nsec;
	}
	k->klass = 1;
	k->key = 0;
	switch (order) {
	case LOGORDER_DATE_NAME:
		/*
		 * A dated file holds that day; an undated one (the live
		 * request.log beside rotated dated ones) is as new as its
		 * mtime.  Compare both as "yyyymmdd" so the order is total:
		 * the undated file's mtime is turned into its UTC day, and
		 * within a day the undated (live) file comes first.
		 */
		if ((k->key = name_date(name)) >= 0) {
			k->key = k->key * 2;
		} else {
			struct tm tm;

			if (gmtime_r(&k->mtime, &tm) == NULL)
				memset(&tm, 0, sizeof(tm));
			k->key = ((int64_t)(tm.tm_year + 1900) * 10000 +
			    (tm.tm_mon + 1) * 100 + tm.tm_mday) * 2 + 1;
		}
		break;
	case LOGORDER_NUMBER_NAME:
		if ((k->key = name_number(name)) < 0) {
			k->klass = 0;	/* no number: after the numbered */
			k->key = 0;
		}
		break;
	case LOGORDER_MTIME:
		break;
	}
}

static int
logkey_cmp(const void *a, const void *b)
{
	const struct logkey *x = a, *y = b;

	if (x->klass != y->klass)
		return x->klass > y->klass ? -1 : 1;
	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	if (x->mtime != y->mtime)
		return x->mtime > y->mtime ? -1 : 1;
	if (x->mtime_nsec != y->mtime_nsec)
		return x->mtime_nsec > y->mtime_nsec ? -1 : 1;
	return -strcmp(x->path, y->path);
}

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(((const struct logkey *)a)->path,
	    ((const struct logkey *)b)->path);
}

/* Duplicates (two patterns, one file) go when sorted by name. */
static int
add_path(struct logkey **keys, size_t *n, size_t *cap, const char *path)
{
	struct logkey *nk;

	if (*n == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		if ((nk = realloc(*keys, *cap * sizeof(**keys))) == NULL)
			return -1;
		*keys = nk;
	}
	if (((*keys)[*n].path = strdup(path)) == NULL)
		return -1;
	(*n)++;
	return 0;
}

/* A pattern that matched nothing: its directory's problem, or "no file". */
static void
nomatch_err(const char *pattern, char *err, size_t errlen)
{
	char dir[4096];
	const char *slash = strrchr(pattern, '/');
	size_t n = slash == NULL ? 1 : slash == pattern ? 1 :
	    (size_t)(slash - pattern);

	if (n >= sizeof(dir))
		n = sizeof(dir) - 1;
	memcpy(dir, slash == NULL ? "." : pattern, n);
	dir[n] = '\0';
	/* a glob in the directory part: only the pattern can be named */
	if (strpbrk(dir, "*?[") == NULL && access(dir, R_OK | X_OK) != 0) {
		set_err(err, errlen, dir, errno);
		return;
	}
	snprintf(err, errlen, "%s: no file matches", pattern);
	errno = ENOENT;
}

/*
 * A log the user named as a path: it must open for reading (not waited
 * for: O_NONBLOCK, a FIFO is -t's business later) and not be a directory.
 */
static int
given_path_check(const char *path, char *err, size_t errlen)
{
	struct stat st;
	int fd, isdir;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0) {
		set_err(err, errlen, path, errno);
		return -1;
	}
	isdir = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
	close(fd);
	if (isdir) {
		set_err(err, errlen, path, EISDIR);
		return -1;
	}
	return 0;
}

int
loglist_expand(struct loglist *ll, const char *const *patterns,
    size_t npatterns, enum logorder order, bool given, char *err,
    size_t errlen)
{
	struct logkey *keys = NULL;
	size_t n = 0, cap = 0, i, j;
	glob_t g;
	int rc;

	ll->paths = NULL;
	ll->count = 0;
	for (i = 0; i < npatterns; i++) {
		if (strcmp(patterns[i], "-") == 0 ||
		    strpbrk(patterns[i], "*?[") == NULL) {
			if (given && strcmp(patterns[i], "-") != 0 &&
			    given_path_check(patterns[i], err, errlen) != 0)
				goto fail;
			if (add_path(&keys, &n, &cap, patterns[i]) != 0)
				goto nomem;
			continue;
		}
		memset(&g, 0, sizeof(g));
		rc = glob(patterns[i], given ? 0 : GLOB_NOCHECK, NULL, &g);
		if (rc == GLOB_NOSPACE) {
			globfree(&g);
			goto nomem;
		}
		if (given && (rc == GLOB_NOMATCH || rc == GLOB_ABORTED)) {
			globfree(&g);
			nomatch_err(patterns[i], err, errlen);
			goto fail;
		}
		if (rc != 0 || g.gl_pathc == 0) {
			/* unreadable directory: keep it, open says why */
			if (add_path(&keys, &n, &cap, patterns[i]) != 0) {
				globfree(&g);
				goto nomem;
			}
		}
		for (j = 0; rc == 0 && j < g.gl_pathc; j++) {
			if (add_path(&keys, &n, &cap, g.gl_pathv[j]) != 0) {
				globfree(&g);
				goto nomem;
			}
		}
		globfree(&g);
	}
	/* two patterns, one file: the copies meet when sorted by name */
	if (n > 1)
		qsort(keys, n, sizeof(*keys), path_cmp);
	for (i = j = 0; i < n; i++) {
		if (j > 0 && strcmp(keys[j - 1].path, keys[i].path) == 0)
			free(keys[i].path);
		else
			keys[j++] = keys[i];
	}
	n = j;
	for (i = 0; i < n; i++)
		fill_key(&keys[i], order);
	if (n > 1)
		qsort(keys, n, sizeof(*keys), logkey_cmp);
	if (n > 0 && (ll->paths = calloc(n, sizeof(*ll->paths))) == NULL)
		goto nomem;
	for (i = 0; i < n; i++)
		ll->paths[i] = keys[i].path;
	ll->count = n;
	free(keys);
	return 0;
nomem:
	snprintf(err, errlen, "out of memory expanding log file names");
fail:
	for (i = 0; i < n; i++)
		free(keys[i].path);
	free(keys);
	return -1;
}

void
loglist_free(struct loglist *ll)
{
	size_t i;

	for (i = 0; i < ll->count; i++)
		free(ll->paths[i]);
	free(ll->paths);
	ll->paths = NULL;
	ll->count = 0;
}
