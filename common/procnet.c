/*
 * procnet.c - LISTEN sockets from /proc/net/tcp{,6} and their owners.
 *
 * The kernel prints each address as the raw 32-bit words of the socket
 * address in the host's byte order (%08X of a __be32), so copying the
 * parsed words back into memory gives the address bytes on the same host.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procnet.h"

#define PROCNET_TOKENS		10	/* sl local rem st tx:rx tr:when retr uid timeout inode */
#define PROCNET_READ_CAP	(64UL * 1024 * 1024)
#define TCP_LISTEN		0x0A

struct token {
	const char	*p;
	size_t		 n;
};

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Exactly n hex digits (n <= 8) into *out. */
static int
hex_word(const char *p, size_t n, uint32_t *out)
{
	uint32_t v = 0;
	size_t i;
	int d;

	for (i = 0; i < n; i++) {
		if ((d = hexval(p[i])) < 0)
			return -1;
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return 0;
}

/* "0100007F:1F90" (v4) or 32 hex digits ":" port (v6). */
static int
parse_endpoint(const struct token *t, int v6, struct procnet_socket *s)
{
	size_t addr_digits = v6 ? 32 : 8, i;
	unsigned char bytes[16];
	uint32_t w, port;

	if (t->n != addr_digits + 5 || t->p[addr_digits] != ':')
		return -1;
	for (i = 0; i < addr_digits / 8; i++) {
		if (hex_word(t->p + i * 8, 8, &w) != 0)
			return -1;
		memcpy(bytes + i * 4, &w, 4);
	}
	if (hex_word(t->p + addr_digits + 1, 4, &port) != 0)
		return -1;
	s->port = port;
	if (inet_ntop(v6 ? AF_INET6 : AF_INET, bytes, s->addr,
	    sizeof(s->addr)) == NULL)
		return -1;
	return 0;
}

/* Split one line into whitespace-separated tokens; returns their count. */
static size_t
split(const char *p, const char *end, struct token *tok, size_t max)
{
	size_t n = 0;

	while (p < end && n < max) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end)
			break;
		tok[n].p = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		tok[n].n = (size_t)(p - tok[n].p);
		n++;
	}
	return n;
}

static int
parse_ulong(const struct token *t, unsigned long *out)
{
	unsigned long v = 0;
	size_t i;

	if (t->n == 0 || t->n > 19)
		return -1;
	for (i = 0; i < t->n; i++) {
		if (t->p[i] < '0' || t->p[i] > '9')
			return -1;
		v = v * 10 + (unsigned long)(t->p[i] - '0');
	}
	*out = v;
	return 0;
}

/* One socket line: 0 a LISTEN socket, 1 another state, -1 unreadable. */
static int
parse_line(const char *p, const char *end, int v6, struct procnet_socket *s)
{
	struct token tok[PROCNET_TOKENS];
	uint32_t st;

	if (split(p, end, tok, PROCNET_TOKENS) < PROCNET_TOKENS)
		return -1;
	if (tok[0].n < 2 || tok[0].p[tok[0].n - 1] != ':')
		return -1;
	memset(s, 0, sizeof(*s));
	s->v6 = v6 != 0;
	if (tok[3].n != 2 || hex_word(tok[3].p, 2, &st) != 0)
		return -1;
	if (parse_endpoint(&tok[1], v6, s) != 0 ||
	    parse_ulong(&tok[9], &s->inode) != 0)
		return -1;
	return st == TCP_LISTEN ? 0 : 1;
}

int
procnet_parse(const char *text, size_t len, bool v6, unsigned port,
    struct procnet_socket *out, size_t max, size_t *found, size_t *bad)
{
	const char *p = text, *end = text + len, *eol;
	struct procnet_socket s;
	int r;

	*found = 0;
	*bad = 0;
	while (p < end && *p == ' ')
		p++;
	if (end - p < 3 || memcmp(p, "sl ", 3) != 0)
		return -1;
	if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
		return 0;
	for (p = eol + 1; p < end; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (eol == p)
			continue;
		r = parse_line(p, eol, v6, &s);
		if (r < 0)
			(*bad)++;
		else if (r == 0 && (port == 0 || s.port == port)) {
			if (*found < max)
				out[*found] = s;
			(*found)++;
		}
		if (eol == end)
			break;
	}
	return 0;
}

int
procnet_read(const char *path, char **text, size_t *len, char *err,
    size_t errlen)
{
	char *buf = NULL, *nbuf;
	size_t size = 0, used = 0;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		goto fail;
	for (;;) {
		if (size - used < 4096) {
			size = size ? size * 2 : 16384;
			if (size > PROCNET_READ_CAP) {
				errno = EFBIG;
				goto fail;
			}
			if ((nbuf = realloc(buf, size)) == NULL)
				goto fail;
			buf = nbuf;
		}
		n = read(fd, buf + used, size - used - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	buf[used] = '\0';
	*text = buf;
	*len = used;
	return 0;
fail:
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	free(buf);
	return -1;
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* Does /proc/<pid>/fd hold the socket?  1 yes, 0 no or unreadable. */
static int
pid_holds(const char *proc_root, const char *pid, const char *want)
{
	char path[4096], link[64];
	struct dirent *de;
	DIR *dir;
	ssize_t n;
	int found = 0;

	snprintf(path, sizeof(path), "%s/%s/fd", proc_root, pid);
	if ((dir = opendir(path)) == NULL)
		return 0;
	while (!found && (de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/fd/%s", proc_root, pid,
		    de->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		if (n <= 0)
			continue;
		link[n] = '\0';
		found = strcmp(link, want) == 0;
	}
	closedir(dir);
	return found;
}

int
procnet_owner(const char *proc_root, unsigned long inode, char *name,
    size_t namelen, long *pid)
{
	char want[40], path[4096];
	struct dirent *de;
	DIR *dir;
	ssize_t n;
	int fd, found = 0;

	if (namelen > 0)
		name[0] = '\0';
	*pid = 0;
	snprintf(want, sizeof(want), "socket:[%lu]", inode);
	if ((dir = opendir(proc_root)) == NULL)
		return -1;
	while (!found && (de = readdir(dir)) != NULL) {
		if (!all_digits(de->d_name) ||
		    !pid_holds(proc_root, de->d_name, want))
			continue;
		found = 1;
		*pid = strtol(de->d_name, NULL, 10);
		snprintf(path, sizeof(path), "%s/%s/comm", proc_root,
		    de->d_name);
		if (namelen == 0 || (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			continue;
		n = read(fd, name, namelen - 1);
		close(fd);
		if (n < 0)
			n = 0;
		name[n] = '\0';
		name[strcspn(name, "\n")] = '\0';
	}
	closedir(dir);
	return found;
}
