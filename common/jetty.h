/*
 * jetty.h - one line of Jetty's NCSA request log, as CUC writes it.
 *
 *	10.1.2.3 - - [29/Jun/2014:11:30:50 +0000] "POST /p?id=X&pid=1 HTTP/1.1" 200 343
 *	10.1.2.3 - - [29/Jun/2014:11:30:50] -0000 "POST /p?id=X HTTP/1.1" 200 343
 *
 * Common or combined format (anything after the byte count is ignored),
 * IPv4 or IPv6 clients, any zone offset (a stamp without one is GMT, Jetty's
 * default), a trailing CR.  Behind a proxy, Jetty 7/8's NCSARequestLog with
 * preferProxiedForAddress logs the X-Forwarded-For header as it came
 * ("10.20.1.11, 10.99.0.5": originating client first, then each proxy),
 * and it writes "Async" for the status of a response not finished when
 * the line was written (jetty.project, NCSARequestLog.log(), jetty-7/8):
 *
 *	10.20.1.11, 10.99.0.5 - - [29/Jun/2014:11:30:50 +0000] "POST ..." Async 0
  The parser is pure and allocation-free: the
 * record points into the line, so it stays valid only as long as the line.
 * It runs on every line of a 1 GB day, hence no regex and no libc time
 * functions on the hot path.
 */
#ifndef CUC_JETTY_H
#define CUC_JETTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where Exchange posts its notifications (CUC's Jetty). */
#define JETTY_NOTIFY_PATH "/NotificationService/services/NotificationService"

/*
 * The status of a line whose status field is "Async": unknown.  A client
 * field with proxies is client[0, chain_len); chain_len == client_len
 * when there are none.
 */
#define JETTY_STATUS_ASYNC	0

struct jetty_record {
	const char	*client;	/* the originating (first) address */
	size_t		 client_len;
	size_t		 chain_len;	/* the list from client on (proxies) */
	int64_t		 time;		/* UTC epoch seconds, zone applied */
	const char	*method;	/* "" when the request was "-" */
	size_t		 method_len;
	const char	*path;		/* up to '?' */
	size_t		 path_len;
	const char	*id;		/* value of id= in the query, or NULL */
	size_t		 id_len;
	int		 status;	/* 100..999, or JETTY_STATUS_ASYNC */
	bool		 notification;	/* POST to JETTY_NOTIFY_PATH with id= */
};

/*
 * Parse one line (without its LF; a trailing CR is allowed).  Returns 0
 * with *rec filled, or -1 when the line is not an NCSA request-log line.
 */
int jetty_parse(const char *line, size_t len, struct jetty_record *rec);

/*
 * The same, remembering the date and hour of the last stamp in *cache
 * (zero it before the first line): consecutive lines mostly share them,
 * and a long scan then skips most of the date arithmetic.
 */
#define JETTY_HEAD_LEN	20	/* " - - [29/Jun/2014:11" */
#define JETTY_TAIL	" +0000] \"POST " JETTY_NOTIFY_PATH "?id="
#define JETTY_TAIL_LEN	(sizeof(JETTY_TAIL) - 1)

struct jetty_cache {
	char		 key[14];	/* "29/Jun/2014:11" */
	int64_t		 hour;		/* its epoch, before the zone */
	bool		 valid;
	char		 zone[5];	/* "+0000" */
	int		 zone_off;
	bool		 zone_valid;
	unsigned long	 fast;		/* lines parsed in one pass */
	/*
	 * The usual notification's bytes from the client's end to the
	 * minute, and from the second to the id, in the cached hour and
	 * zone: compared whole, sixteen bytes at a time.
	 */
	char		 head[JETTY_HEAD_LEN];
	char		 tail[JETTY_TAIL_LEN];	/* valid with zone_valid */
};

int jetty_parse_cached(const char *line, size_t len,
    struct jetty_record *rec, struct jetty_cache *cache);

/*
 * The line at line, in a buffer of lines that ends at end: it ends at the
 * first LF (or at end).  Sets *len to its length without the LF and one
 * CR (as line_next gives it) and *next to the byte after its LF (or end),
 * and parses it as jetty_parse_cached does, with the same answer.  The
 * usual notification is parsed in the same pass that finds its end, so a
 * scan of a whole buffer is cheaper this way than line by line.
 */
int jetty_parse_next(const char *line, const char *end,
    struct jetty_record *rec, struct jetty_cache *cache, size_t *len,
    const char **next);

/*
 * Only the stamp of a line (cheaper than jetty_parse: for deciding where
 * a time window starts).  Returns 0 with *t set, or -1.
 */
int jetty_line_time(const char *line, size_t len, int64_t *t);

#endif
