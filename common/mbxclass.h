/*
 * mbxclass.h - what kind of sync failure a CuMbxSync line reports, and
 * what the admin should check next.
 *
 * Every line falls in exactly one class or is not an error.  The more
 * specific signature wins, in the order of enum mbxclass: an EWS response
 * code (ErrorServerBusy, ...) beats the transport failure (couldn't
 * connect, timeout, TLS, DNS, LDAP), which beats the HTTP status the line
 * also carries (CUC logs a failed connection as status 503), which beats
 * the generic failure shapes of `other`.  A line reporting a 2xx or 3xx
 * status and nothing more specific is not an error.  Naming a DNS lookup
 * or LDAP is not a failure ("Run DNS query for: _ldap._tcp..." is a
 * trace): it takes a failure word.  One exception to the order, from
 * Cisco's TechNote 116001: "Could not connect to Domain Controller" is a
 * refused LDAP bind (the account's password), ldap ahead of connect.
 *
 * Built-in signatures are literal, ASCII case-insensitive substrings
 * (memmem), looked for in the first MBXCLASS_SCAN_MAX bytes of the
 * message.  The user's --error-pattern / --ignore-pattern are PCRE2
 * regular expressions matched against the whole line, compiled once
 * (JIT-compiled where the library supports it).
 */
#ifndef CUC_MBXCLASS_H
#define CUC_MBXCLASS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MBXCLASS_SCAN_MAX	8192

enum mbxclass {
	MBXC_THROTTLED,		/* ErrorServerBusy */
	MBXC_IMPERSONATION,	/* ErrorImpersonateUserDenied */
	MBXC_NO_MAILBOX,	/* ErrorNonExistentMailbox */
	MBXC_CONNECT,		/* couldn't connect (logged as 503) */
	MBXC_TIMEOUT,		/* Timeout was reached */
	MBXC_TLS,		/* SSL connect error, certificate problems */
	MBXC_DNS,
	MBXC_LDAP,
	MBXC_HTTP_401,
	MBXC_HTTP_403,
	MBXC_HTTP_404,
	MBXC_HTTP_440,
	MBXC_HTTP_500,
	MBXC_HTTP_503,
	MBXC_HTTP_OTHER,	/* any other 4xx/5xx */
	MBXC_OTHER,		/* other failure shapes, --error-pattern */
	MBXC_COUNT,
	MBXC_NONE = MBXC_COUNT	/* not an error */
};

/*
 * The class of a message by the built-in signatures alone (pure).  This
 * is the definition: a search per position for every signature, on a
 * lower-cased copy.  mbxclass_indexed gives the same answer faster.
 */
enum mbxclass mbxclass_builtin(const char *msg, size_t len);

/*
 * The signatures (and the texts the HTTP status and the generic failure
 * shapes are found by) indexed for one pass over a message that looks at
 * every second position only: each text is found by two 3-byte keys, one
 * at an even and one at an odd offset, so that wherever it starts one of
 * them falls on a position looked at.  The keys are chosen rare (absent
 * from the usual traces, of letters as uncommon as the text has), so most
 * positions cost a table load and nothing more, and most lines end
 * without a compare.  The failure words that only count beside "ldap" or
 * a DNS step have keys of their own, looked at only in such a line.
 */
#define MBXINDEX_BITS	14
#define MBXINDEX_KEYS	200
#define MBXINDEX_NONE	0xff

struct mbxkeys {
	uint8_t	first[1U << MBXINDEX_BITS];	/* by key hash: a key, or NONE */
	struct mbxkey {
		uint32_t	key;	/* three bytes, bit 5 set in each */
		uint8_t		text;	/* which text */
		uint8_t		off;	/* where in it the key starts */
		uint8_t		next;	/* the next key of this hash, or NONE */
	}	keys[MBXINDEX_KEYS];
	size_t	nkeys;
};

struct mbxindex {
	struct mbxkeys	 main;		/* every text but ... */
	struct mbxkeys	 fail;		/* ... the failure words for LDAP and DNS */
};

void mbxindex_init(struct mbxindex *);

/* mbxclass_builtin's answer, by the index. */
enum mbxclass mbxclass_indexed(const struct mbxindex *, const char *msg,
    size_t len);

/*
 * The HTTP status a message reports ("status code: 401",
 * "HTTP/1.1 500 ..."), or 0 when it names none.
 */
int mbxclass_http_status(const char *msg, size_t len);

/* Perfdata label: "throttled", ..., "http_401", ..., "other". */
const char *mbxclass_label(enum mbxclass);

/* For people: "EWS throttling", "HTTP 401", "connection failure", ... */
const char *mbxclass_title(enum mbxclass);

/* The admin's next step, from Cisco's table of causes. */
const char *mbxclass_advice(enum mbxclass);

/* The user's patterns, and the built-in signatures' index. */
struct mbxpatterns {
	struct mbxpattern	*error;		/* --error-pattern */
	size_t			 nerror;
	struct mbxpattern	*ignore;	/* --ignore-pattern */
	size_t			 nignore;
	struct mbxindex		 index;		/* built by mbxpatterns_init */
};

void mbxpatterns_init(struct mbxpatterns *);
void mbxpatterns_free(struct mbxpatterns *);

/*
 * Compile and add one pattern (ignore: an --ignore-pattern, else an
 * --error-pattern).  Returns 0, or -1 with "invalid --error-pattern 'a(':
 * missing closing parenthesis at offset 2" (PCRE2's message) or an out of
 * memory message in err.
 */
int mbxpatterns_add(struct mbxpatterns *, bool ignore, const char *regex,
    char *err, size_t errlen);

/*
 * The class of a whole line: MBXC_NONE when an --ignore-pattern matches
 * the line, else the built-in class of msg (the line's message part),
 * else MBXC_OTHER when an --error-pattern matches the line, else
 * MBXC_NONE.  pats may be NULL (then mbxclass_builtin, without the index).
 */
enum mbxclass mbxclass_classify(struct mbxpatterns *pats, const char *line,
    size_t line_len, const char *msg, size_t msg_len);

#endif
