/*
 * procnet.h - listening TCP sockets from /proc/net/tcp and /proc/net/tcp6,
 * and the process that owns one, as lsof/netstat -p show them.
 *
 * procnet_parse() is pure (bytes in, records out); procnet_owner() and
 * procnet_read() are the only parts that touch /proc.
 */
#ifndef CUC_PROCNET_H
#define CUC_PROCNET_H

#include <stdbool.h>
#include <stddef.h>

struct procnet_socket {
	unsigned	 port;		/* local port */
	unsigned long	 inode;		/* socket inode (0: none, e.g. a dying socket) */
	bool		 v6;		/* read from tcp6 */
	char		 addr[48];	/* local address: "0.0.0.0", "::", "127.0.0.1" */
};

/*
 * Parse the text of /proc/net/tcp (v6 false) or /proc/net/tcp6 (v6 true)
 * and store its LISTEN sockets (state 0A) on `port` (0: on any port) in
 * out[0..max-1].  The port is chosen here, not after: a busy host has
 * hundreds of listeners, and the one asked for may be the last.  *found
 * counts every such socket, also those that did not fit; *bad counts lines
 * that could not be read.  Returns 0, or -1 when the text does not start
 * with the table's header ("sl local_address ...").
 */
int procnet_parse(const char *text, size_t len, bool v6, unsigned port,
    struct procnet_socket *out, size_t max, size_t *found, size_t *bad);

/*
 * Read a whole /proc file (it has no size to stat) into a malloc'd,
 * NUL-terminated buffer.  Returns 0, or -1 with "<path>: <strerror>" in err.
 */
int procnet_read(const char *path, char **text, size_t *len, char *err,
    size_t errlen);

/*
 * Find the process holding socket `inode` by scanning /proc/<pid>/fd for
 * the link "socket:[inode]"; store its comm in name and its pid in *pid.
 * Returns 1 when found, 0 when no readable process holds it (another
 * user's process without privileges), -1 when /proc cannot be read.
 * proc_root is "/proc" except in tests.
 */
int procnet_owner(const char *proc_root, unsigned long inode, char *name,
    size_t namelen, long *pid);

#endif
