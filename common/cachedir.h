/*
 * cachedir.h - a cache directory no other user can touch, used through
 * descriptors.
 *
 * A monitoring host is shared: another local user may create the cache's
 * place first, point it elsewhere with a symbolic link, loosen a
 * directory and plant files in it, or swap a directory between a check
 * and its use.  So:
 *   - every directory on the way to the cache root is owned by root or
 *     this user and writable by nobody else (a sticky one, /var/tmp, may
 *     be: nobody else can rename our entry in it); the root may sit
 *     behind symbolic links of such directories, but is none itself;
 *   - the root and every directory below it are owned by this user, no
 *     symbolic link, writable by nobody else; every file used is a
 *     regular file of this user writable by nobody else;
 *   - anything else is refused, naming the path and the reason, with
 *     nothing written there: a loosened directory is never chmod-ed back
 *     and its files trusted (a file in it may have been planted);
 *   - directories are opened with O_DIRECTORY|O_NOFOLLOW and everything
 *     below works relative to their descriptors (openat, mkdirat,
 *     renameat, unlinkat, fstatat), so nothing is swapped between a check
 *     and its use.  The path kept with a directory is the one opened,
 *     its parent resolved (realpath): no other user can change what it
 *     names, so readers may open files by it.
 *
 * Writers write into temporary files (".fetch.*", each flock()ed by the
 * run writing it) and move them into place under the directory's lock
 * (".lock"), held only for the move and the trim; readers take no lock.
 * A temporary file nobody holds is a killed run's: the trim removes it.
 */
#ifndef CUC_CACHEDIR_H
#define CUC_CACHEDIR_H

#include <sys/stat.h>
#include <sys/types.h>

#include <stdbool.h>
#include <stddef.h>

#define CACHEDIR_PATH_MAX	4096
#define CACHEDIR_TEMP_MAX	64	/* a temporary file's name */
#define CACHEDIR_WHY_MAX	160	/* a reason from cachedir_judge() */

/* What a path of the cache is to us. */
enum cachedir_role {
	CACHEDIR_ANCESTOR,	/* on the way to the root */
	CACHEDIR_DIR,		/* the root or a directory below it */
	CACHEDIR_FILE		/* a file in one of those */
};

struct cachedir {
	int	fd;		/* O_DIRECTORY|O_NOFOLLOW, checked; -1: none */
	char	path[CACHEDIR_PATH_MAX];	/* its parent resolved */
};

/*
 * Why sb (an lstat of a path in role) may not be trusted by user uid, in
 * why ("is a symbolic link", "belongs to uid 1001, not to this user (uid
 * 110)", "is writable by group or others (mode 0777)"), or NULL when it
 * may.
 */
const char *cachedir_judge(const struct stat *sb, enum cachedir_role role,
    uid_t uid, char *why, size_t size);

/*
 * The default root into buf: $XDG_CACHE_HOME/cuc-plugins (absolute
 * XDG_CACHE_HOME), else $HOME/.cache/cuc-plugins when HOME is a directory
 * of this user's writable by it alone, else /var/tmp/cuc-plugins-UID.
 * 0, or -1 when it does not fit.
 */
int cachedir_default_root(char *buf, size_t size);

/*
 * Open the root at path, creating it and its missing parents (mode 0700),
 * and check the way to it and itself.  0, or -1 with "cache directory
 * PATH REASON" in err.
 */
int cachedir_open_root(struct cachedir *, const char *path, char *err,
    size_t errlen);

/* Open (creating it, mode 0700) the directory `name` below parent; checked. */
int cachedir_open_sub(struct cachedir *, const struct cachedir *parent,
    const char *name, char *err, size_t errlen);

void cachedir_close(struct cachedir *);

/*
 * The file `name` of d, not followed: 1 with *sb when it may be used, 0
 * when there is none, -1 with "cache file PATH REASON" in err.
 */
int cachedir_stat(const struct cachedir *, const char *name,
    struct stat *sb, char *err, size_t errlen);

/*
 * Open d's lock file (".lock"), checked; the descriptor or -1 with err.
 * cachedir_lock takes it, waiting up to `wait` seconds (0: one try);
 * 0, or -1 with err ("... stayed locked by another run").
 */
int cachedir_lock_open(const struct cachedir *, char *err, size_t errlen);
int cachedir_lock(const struct cachedir *, int lock_fd, double wait,
    char *err, size_t errlen);
void cachedir_unlock(int lock_fd);

/*
 * A new temporary file in d, held (flock) while its descriptor is open:
 * the descriptor, its name in name, or -1 with err.
 */
int cachedir_temp(const struct cachedir *, char *name, size_t size,
    char *err, size_t errlen);

/* Write len bytes and set the modification time; 0 or -1 (errno). */
int cachedir_fill(int fd, const char *data, size_t len, double mtime);

/* Remove the temporary file tmp and close its descriptor. */
void cachedir_discard(const struct cachedir *, int fd, const char *tmp);

/*
 * Under the lock: move the temporary file tmp (descriptor fd) to name,
 * unless the file there has more bytes (a concurrent run fetched the file
 * being written after us: a log only grows under its name).  fd is closed
 * and tmp gone either way.  0, or -1 with err.
 */
int cachedir_commit(const struct cachedir *, int fd, const char *tmp,
    const char *name, char *err, size_t errlen);

/*
 * Under the lock: remove the temporary files no run holds, then, while
 * the files (not dot files) add up to more than bound bytes, the ones
 * with the oldest modification times, never one keep() keeps.  Best
 * effort.
 */
void cachedir_trim(const struct cachedir *, unsigned long long bound,
    bool (*keep)(const char *name, const void *arg), const void *arg);

#endif
