/* mbxclass.c - classes of CuMbxSync failures; see mbxclass.h. */
#define _GNU_SOURCE		/* memmem */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mbxclass.h"

struct mbxpattern {
	pcre2_code		*code;
	pcre2_match_data	*md;
};

/*
 * Literal signatures, lower case, with the class they stand for.  The
 * texts are libcurl's error strings (old and new spellings), OpenSSL's
 * and the shapes quoted in Cisco's troubleshooting documents (Cisco's
 * Single Inbox TechNote 116001 for the CsExMbxLocator ones).  Besides the
 * classes, a few are markers that make a class only in pairs: "ldap" with
 * a failure word makes LDAP, a DNS step ("dns query", "dns lookup") with
 * a failure word or "didn't return" makes DNS (alone they are the traces
 * of a lookup, "Run DNS query for: _ldap._tcp..."), and the generic
 * failure words make `other` when nothing more specific matched.
 */
enum {
	K_LDAP = MBXC_COUNT + 1,	/* "ldap" */
	K_FAIL,				/* a failure word for LDAP or DNS */
	K_OTHER_WORD,			/* a generic failure word */
	K_DNS_STEP,			/* a DNS lookup named, not judged */
	K_NO_RESULT,			/* "didn't return": for a DNS step */
	K_DC_CONNECT			/* domain controller unreachable */
};

struct sig {
	const char	*text;
	unsigned char	 len;
	unsigned char	 kind;	/* enum mbxclass or K_* */
};

/* Every signature has at least two bytes (scan_sigs looks at the second). */
#define SIG(text, kind)	{ text, sizeof(text) - 1, kind }

static const struct sig sigs[] = {
	SIG("errorserverbusy", MBXC_THROTTLED),
	SIG("errorimpersonateuserdenied", MBXC_IMPERSONATION),
	SIG("errorimpersonationdenied", MBXC_IMPERSONATION),
	SIG("errorimpersonationfailed", MBXC_IMPERSONATION),
	SIG("errornonexistentmailbox", MBXC_NO_MAILBOX),
	SIG("couldn't connect", MBXC_CONNECT),
	SIG("failed connected to", MBXC_CONNECT),	/* an autodiscover URL */
	SIG("could not connect", MBXC_CONNECT),
	SIG("couldnt connect", MBXC_CONNECT),
	SIG("failed to connect", MBXC_CONNECT),
	SIG("connection refused", MBXC_CONNECT),
	SIG("no route to host", MBXC_CONNECT),
	SIG("network is unreachable", MBXC_CONNECT),
	SIG("timeout was reached", MBXC_TIMEOUT),
	SIG("timed out", MBXC_TIMEOUT),
	SIG("operation timeout", MBXC_TIMEOUT),
	SIG("ssl connect error", MBXC_TLS),
	SIG("certificate verify failed", MBXC_TLS),
	SIG("ssl certificate problem", MBXC_TLS),
	SIG("peer certificate", MBXC_TLS),
	SIG("ssl peer", MBXC_TLS),
	SIG("local ssl certificate", MBXC_TLS),
	SIG("ssl handshake", MBXC_TLS),
	SIG("tls handshake", MBXC_TLS),
	SIG("unable to get local issuer", MBXC_TLS),
	SIG("certificate has expired", MBXC_TLS),
	SIG("self signed certificate", MBXC_TLS),
	SIG("self-signed certificate", MBXC_TLS),
	SIG("ssl ca cert", MBXC_TLS),
	SIG("ssl_error", MBXC_TLS),
	SIG("failed to get dns", MBXC_DNS),
	SIG("dns results", MBXC_DNS),
	SIG("couldn't resolve", MBXC_DNS),
	SIG("could not resolve", MBXC_DNS),
	SIG("resolve host", MBXC_DNS),
	SIG("name or service not known", MBXC_DNS),
	SIG("domain controller via dns", MBXC_DNS),
	SIG("not find an exchange cas server via autodiscover dns", MBXC_DNS),
	SIG("dns lookup", K_DNS_STEP),
	SIG("dns query", K_DNS_STEP),
	SIG("didn't return", K_NO_RESULT),
	SIG("did not return", K_NO_RESULT),
	SIG("auth_not_initialized", MBXC_LDAP),
	SIG("not find an exchange cas server via active directory", MBXC_LDAP),
	SIG("connect to domain controller", K_DC_CONNECT),
	SIG("ldap", K_LDAP),
	SIG("fail", K_FAIL),
	SIG("error", K_FAIL),
	SIG("invalid_credentials", K_FAIL),
	SIG("denied", K_FAIL),
	SIG("can't contact", K_FAIL),
	SIG("cannot contact", K_FAIL),
	SIG("failed", K_OTHER_WORD),
	SIG("failure", K_OTHER_WORD),
	SIG("exception", K_OTHER_WORD),
	SIG("unable to", K_OTHER_WORD),
	SIG("diagnostic=[", K_OTHER_WORD),
};

#define NSIGS	(sizeof(sigs) / sizeof(sigs[0]))
#define NO_SIG	0xff

static const struct {
	const char	*label;
	const char	*title;
	const char	*advice;
} classes[MBXC_COUNT] = {
	[MBXC_THROTTLED] = { "throttled", "EWS throttling (ErrorServerBusy)",
	    "Exchange is throttling CUC: check the EWS throttling policy"
	    " of the service account and the load on Exchange" },
	[MBXC_IMPERSONATION] = { "impersonation", "impersonation denied",
	    "grant the unified messaging service account the"
	    " ApplicationImpersonation role" },
	[MBXC_NO_MAILBOX] = { "no_mailbox", "mailbox not found",
	    "the Exchange mailbox does not exist: check the user's"
	    " unified messaging account and email address" },
	[MBXC_CONNECT] = { "connect", "connection failure",
	    "check the firewall (port 443 to Exchange), the Exchange"
	    " server name and DNS" },
	[MBXC_TIMEOUT] = { "ews_timeout", "timeout",
	    "EWS is slow or SSL is required on the wrong virtual"
	    " directory: check IIS, raise the response timeout" },
	[MBXC_TLS] = { "tls", "TLS/certificate failure",
	    "check the certificate store on CUC (missing CA, expired"
	    " Exchange certificate, a corrupt tomcat certificate)" },
	[MBXC_DNS] = { "dns", "DNS failure",
	    "check the Active Directory DNS domain name of the unified"
	    " messaging service, the autodiscover and domain controller"
	    " DNS records and CUC's DNS servers" },
	[MBXC_LDAP] = { "ldap", "LDAP/Active Directory failure",
	    "check the service account's Active Directory password"
	    " (expired, wrong or locked: reset it and enter it again in"
	    " Unity Connection) and its rights to search for Exchange"
	    " servers" },
	[MBXC_HTTP_401] = { "http_401", "HTTP 401",
	    "check the unified messaging service account (password,"
	    " user format, locked or expired, Basic/NTLM auth mode)" },
	[MBXC_HTTP_403] = { "http_403", "HTTP 403",
	    "Exchange requires SSL: upload its CA certificate to CUC" },
	[MBXC_HTTP_404] = { "http_404", "HTTP 404",
	    "check HTTPS/SSL settings, the autodiscover URL or domain and"
	    " the EWS/Autodiscover virtual directories" },
	[MBXC_HTTP_440] = { "http_440", "HTTP 440",
	    "login timeout or bad response from Exchange: check IIS"
	    " authentication and the EWS virtual directory" },
	[MBXC_HTTP_500] = { "http_500", "HTTP 500",
	    "check the IIS/EWS configuration, impersonation rights and"
	    " the mailbox on Exchange" },
	[MBXC_HTTP_503] = { "http_503", "HTTP 503",
	    "check the firewall (port 443 to Exchange), the server name"
	    " and DNS: CUC logs failed connections as 503" },
	[MBXC_HTTP_OTHER] = { "http_other", "HTTP error",
	    "look up this status in the IIS and EWS logs on Exchange" },
	[MBXC_OTHER] = { "other", "other failure",
	    "read the newest CuMbxSync lines (-v) against Cisco's Single"
	    " Inbox troubleshooting guide" },
};

const char *
mbxclass_label(enum mbxclass c)
{
	return (unsigned)c < MBXC_COUNT ? classes[c].label : "none";
}

const char *
mbxclass_title(enum mbxclass c)
{
	return (unsigned)c < MBXC_COUNT ? classes[c].title : "no error";
}

const char *
mbxclass_advice(enum mbxclass c)
{
	return (unsigned)c < MBXC_COUNT ? classes[c].advice : "";
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Either case: the lower-cased copy has no 'A'..'F', the original may. */
static bool
is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Copy at most size bytes of s lower-cased (ASCII only) into buf. */
static size_t
lower_copy(char *buf, size_t size, const char *s, size_t len)
{
	size_t i, n = len < size ? len : size;

	for (i = 0; i < n; i++) {
		char c = s[i];

		buf[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	return n;
}

/* Up to 3 digits at s (len bytes) not followed by a digit, or -1. */
static int
three_digits(const char *s, size_t len)
{
	if (len < 3 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]))
		return -1;
	if (len > 3 && is_digit(s[3]))
		return -1;
	return (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
}

/*
 * The status after the "status code" at hit (in text ending at end), or 0
 * when no 1..3-digit nonzero number follows it.
 */
static int
label_status_at(const char *hit, const char *end)
{
	const char *q = hit + sizeof("status code") - 1;
	int v = 0;
	int n = 0;

	while (q < end && (*q == ' ' || *q == ':' || *q == '=' || *q == '\t'))
		q++;
	while (q < end && is_digit(*q) && n < 4) {
		v = v * 10 + (*q - '0');
		q++;
		n++;
	}
	return n > 0 && n < 4 && v != 0 ? v : 0;
}

/* Status after each "status code" in lower-cased text: the first nonzero. */
static int
status_after_label(const char *s, size_t len)
{
	static const char label[] = "status code";
	const char *p = s, *end = s + len, *hit;
	int v;

	while ((hit = memmem(p, (size_t)(end - p), label,
	    sizeof(label) - 1)) != NULL) {
		if ((v = label_status_at(hit, end)) != 0)
			return v;
		p = hit + 1;
	}
	return 0;
}

/* The status of the "http/" at hit: "http/1.1 500" gives 500, else 0. */
static int
http_status_at(const char *hit, const char *end)
{
	const char *q = hit + 5;
	int v;

	while (q < end && (is_digit(*q) || *q == '.'))
		q++;
	if (q < end && *q == ' ' && q > hit + 5 &&
	    (v = three_digits(q + 1, (size_t)(end - q - 1))) > 0)
		return v;
	return 0;
}

/* Status of the first "http/1.x NNN" or "http/2 NNN" in lower-cased text. */
static int
status_line(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *hit;
	int v;

	while ((hit = memmem(p, (size_t)(end - p), "http/", 5)) != NULL) {
		if ((v = http_status_at(hit, end)) > 0)
			return v;
		p = hit + 1;
	}
	return 0;
}

static int
status_of_lower(const char *s, size_t len)
{
	int v;

	if ((v = status_after_label(s, len)) != 0)
		return v;
	return status_line(s, len);
}

int
mbxclass_http_status(const char *msg, size_t len)
{
	char buf[MBXCLASS_SCAN_MAX];
	size_t n;

	if (msg == NULL)
		return 0;
	n = lower_copy(buf, sizeof(buf), msg, len);
	return status_of_lower(buf, n);
}

/*
 * "0x8" at hit and 7 more hex digits (either case), no more: a failure
 * HRESULT such as E_CML_..._FAILED's.
 */
static bool
hresult_at(const char *hit, const char *end)
{
	size_t i;

	if ((size_t)(end - hit) < 10)
		return false;
	for (i = 3; i < 10 && is_hex(hit[i]); i++)
		;
	return i == 10 && (hit + 10 == end || !is_hex(hit[10]));
}

/* "(0x8" and 7 more hex digits: a failure HRESULT such as E_CML_..._FAILED's. */
static bool
has_hresult(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *hit;

	while ((hit = memmem(p, (size_t)(end - p), "0x8", 3)) != NULL) {
		if (hresult_at(hit, end))
			return true;
		p = hit + 1;
	}
	return false;
}

/*
 * The "Error" at hit (case-sensitive, in the original text s) begins an
 * EWS response code other than NoError: at the start of a word, then an
 * upper-case letter.
 */
static bool
ews_error_at(const char *s, const char *hit, const char *end)
{
	return (hit == s || !is_alnum(hit[-1])) && end - hit > 5 &&
	    hit[5] >= 'A' && hit[5] <= 'Z';
}

/*
 * An EWS response code other than NoError: "Error" then an upper-case
 * letter, at the start of a word (case-sensitive, in the original text).
 */
static bool
has_ews_error(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *hit;

	while ((hit = memmem(p, (size_t)(end - p), "Error", 5)) != NULL) {
		if (ews_error_at(s, hit, end))
			return true;
		p = hit + 1;
	}
	return false;
}

static enum mbxclass
http_class(int status)
{
	switch (status) {
	case 401:
		return MBXC_HTTP_401;
	case 403:
		return MBXC_HTTP_403;
	case 404:
		return MBXC_HTTP_404;
	case 440:
		return MBXC_HTTP_440;
	case 500:
		return MBXC_HTTP_500;
	case 503:
		return MBXC_HTTP_503;
	}
	return MBXC_HTTP_OTHER;
}

/* What one pass over a lower-cased message found. */
struct found {
	int	best;		/* lowest class of a signature seen, or MBXC_NONE */
	bool	ldap;
	bool	fail;		/* a failure word for LDAP or DNS */
	bool	other_word;
	bool	dns_step;
	bool	no_result;
	bool	dc_connect;
};

static void
note_marker(struct found *f, int kind)
{
	switch (kind) {
	case K_LDAP:
		f->ldap = true;
		break;
	case K_FAIL:
		f->fail = true;
		break;
	case K_OTHER_WORD:
		f->other_word = f->fail = true;
		break;
	case K_DNS_STEP:
		f->dns_step = true;
		break;
	case K_NO_RESULT:
		f->no_result = true;
		break;
	case K_DC_CONNECT:
		f->dc_connect = true;
		break;
	}
}

/*
 * One pass over s for every signature at once: the signatures are chained
 * by first byte, so each position costs a look at the few that start with
 * its byte instead of a search per signature (this is the hot loop of a
 * full-day window).
 */
static void
scan_sigs(const char *s, size_t len, struct found *f)
{
	unsigned char head[256], next[NSIGS];
	size_t i, p;

	memset(head, NO_SIG, sizeof(head));
	for (i = NSIGS; i-- > 0;) {
		next[i] = head[(unsigned char)sigs[i].text[0]];
		head[(unsigned char)sigs[i].text[0]] = (unsigned char)i;
	}
	f->best = MBXC_NONE;
	f->ldap = f->fail = f->other_word = false;
	f->dns_step = f->no_result = f->dc_connect = false;
	for (p = 0; p < len; p++) {
		for (i = head[(unsigned char)s[p]]; i != NO_SIG; i = next[i]) {
			const struct sig *g = &sigs[i];

			/* the second byte first: most candidates end there */
			if (g->len > len - p || s[p + 1] != g->text[1] ||
			    memcmp(s + p + 2, g->text + 2, g->len - 2u) != 0)
				continue;
			if (g->kind < f->best)
				f->best = g->kind;
			else
				note_marker(f, g->kind);
		}
		if (f->best == MBXC_THROTTLED)
			return;		/* nothing can beat it */
	}
}

/*
 * The class from what a message holds: the signatures found, the status
 * it reports (0: none) and whether it has the generic failure shapes (an
 * HRESULT, an EWS response code).
 */
static enum mbxclass
verdict(struct found *f, int status, bool shapes)
{
	if (f->dns_step && (f->fail || f->no_result) && f->best > MBXC_DNS)
		f->best = MBXC_DNS;
	/*
	 * "Could not connect to Domain Controller" is an LDAP bind that
	 * failed, most likely on the password (TechNote 116001), not the
	 * network: it beats the "could not connect" it contains.
	 */
	if (f->dc_connect && f->best >= MBXC_CONNECT)
		return MBXC_LDAP;
	if (f->best != MBXC_NONE)
		return (enum mbxclass)f->best;
	if (f->ldap && f->fail)
		return MBXC_LDAP;
	if (status >= 200 && status < 400)
		return MBXC_NONE;	/* the request went through */
	if (status >= 400 && status < 600)
		return http_class(status);
	if (f->other_word || shapes)
		return MBXC_OTHER;
	return MBXC_NONE;
}

enum mbxclass
mbxclass_builtin(const char *msg, size_t len)
{
	char buf[MBXCLASS_SCAN_MAX];
	struct found f;
	size_t n;

	if (msg == NULL || len == 0)
		return MBXC_NONE;
	n = lower_copy(buf, sizeof(buf), msg, len);
	scan_sigs(buf, n, &f);
	return verdict(&f, status_of_lower(buf, n), has_hresult(buf, n) ||
	    has_ews_error(msg, n));
}

/* --- the index --------------------------------------------------------- */

/*
 * The texts the index finds: the signatures, then the three that the
 * status and the HRESULT are read after.
 */
enum {
	T_LABEL = NSIGS,	/* "status code" */
	T_HTTP,			/* "http/" */
	T_HEX,			/* "0x8" */
	T_COUNT
};

/*
 * Keys: two a text, the eleven after "http/" and the sixteen after "0x8";
 * an index (uint8_t) must never be MBXINDEX_NONE.
 */
_Static_assert(2 * T_COUNT + 11 + 16 <= MBXINDEX_KEYS &&
    MBXINDEX_KEYS <= MBXINDEX_NONE, "struct mbxkeys too small");

static const struct sig specials[] = {
	SIG("status code", T_LABEL),
	SIG("http/", T_HTTP),
	SIG("0x8", T_HEX),
};

static const struct sig *
text_of(unsigned t)
{
	return t < NSIGS ? &sigs[t] : &specials[t - NSIGS];
}

/*
 * Is text t one of the failure words (they matter beside "ldap" or a DNS
 * step only)?  "error" is not: it may begin an EWS response code.
 */
static bool
fail_word(unsigned t)
{
	return t < NSIGS && (sigs[t].kind == K_FAIL || sigs[t].kind ==
	    K_NO_RESULT) && strcmp(sigs[t].text, "error") != 0;
}

/*
 * Three bytes as a key, bit 5 set in each: ASCII letters folded to lower
 * case (and '_' to DEL, '[' to '{': the same on both sides; the match is
 * checked after).
 */
static uint32_t
key_fold(unsigned char a, unsigned char b, unsigned char c)
{
	return ((uint32_t)a | (uint32_t)b << 8 | (uint32_t)c << 16) | 0x202020;
}

static unsigned
key_hash(uint32_t key)
{
	return (unsigned)((key * 0x9e3779b1U) >> (32 - MBXINDEX_BITS));
}

/*
 * How rare a byte is in CuMbxSync lines, roughly: the later in this list
 * the rarer; a byte not in it (', _, =, [) the rarest.
 */
static unsigned
rarity(char c)
{
	static const char common[] = " etaoinsrlcdumhp.:/,0123456789fgwy"
	    "bvk-xjqz";
	const char *p = c != '\0' ? strchr(common, c) : NULL;

	return p != NULL ? (unsigned)(p - common) : sizeof(common);
}

/*
 * The usual traces of a busy box, none of them an error (domain.md,
 * section 4): a key found in them would send most lines to a compare for
 * nothing.  Only the speed depends on this text, never an answer.
 */
static const char usual[] =
    "[csews/csewshttp.cpp:298]: http status code: 200, for ews url: "
    "https://ex01.corp.example.com/ews/exchange.asmx, verb: post "
    "[csmbxsync/csmbxsyncnotify.cpp:144]: processing notification for "
    "mailbox user0001@example.com, event newmail, item aamkad0123 "
    "[csews/csewssubscribe.cpp:412]: renewed subscription 0f1e2d3c-4b5a-"
    "6978-8796-a5b4c3d2e1f0 for user0001@example.com, statusfrequency 5 "
    "[csmbxsync/csmbxsyncchecker.cpp:201]: checker thread: 2 "
    "subscriptions older than 15 minutes, for autodiscovery url: "
    "https://autodiscover.example.com/autodiscover/autodiscover.xml "
    "[csexmbxlocator/csexmbxlocator.cpp:640] [cswebdav/cswebdavhttp.cpp:99]"
    " http request";

static void
add_key(struct mbxkeys *ks, uint32_t key, unsigned text, unsigned off)
{
	struct mbxkey *k = &ks->keys[ks->nkeys];
	unsigned h = key_hash(key);

	k->key = key;
	k->text = (uint8_t)text;
	k->off = (uint8_t)off;
	k->next = ks->first[h];
	ks->first[h] = (uint8_t)ks->nkeys++;
}

/* The rarest key of text t at an offset of the given parity. */
static void
add_text(struct mbxkeys *ks, unsigned t, unsigned parity)
{
	const struct sig *g = text_of(t);
	unsigned o, best = 0, score, best_score = 0;

	for (o = parity; o + 3 <= g->len; o += 2) {
		score = rarity(g->text[o]) + rarity(g->text[o + 1]) +
		    rarity(g->text[o + 2]) + 1;
		if (memmem(usual, sizeof(usual) - 1, g->text + o, 3) == NULL)
			score += 1000;
		if (score > best_score) {
			best_score = score;
			best = o;
		}
	}
	add_key(ks, key_fold((unsigned char)g->text[best],
	    (unsigned char)g->text[best + 1], (unsigned char)g->text[best + 2]),
	    t, best);
}

static void
keys_init(struct mbxkeys *ks, bool fail)
{
	static const char after_http[] = "0123456789.";
	static const char hex[] = "0123456789abcdef";
	unsigned t, i;

	memset(ks->first, MBXINDEX_NONE, sizeof(ks->first));
	ks->nkeys = 0;
	for (t = 0; t < T_COUNT; t++) {
		if (fail_word(t) != fail)
			continue;
		add_text(ks, t, 0);
		if (t != T_HEX && t != T_HTTP)
			add_text(ks, t, 1);
	}
	if (fail)
		return;
	/*
	 * Two texts are short of a rare key at an odd offset, but count
	 * only with a byte of a known few after them: a status follows
	 * "http/" after a digit or '.', an HRESULT has a hex digit after
	 * "0x8".  Then "p/" or "x8" and that byte is a key.
	 */
	for (i = 0; i < sizeof(after_http) - 1; i++)
		add_key(ks, key_fold('p', '/', (unsigned char)after_http[i]),
		    T_HTTP, 3);
	for (i = 0; i < sizeof(hex) - 1; i++)
		add_key(ks, key_fold('x', '8', (unsigned char)hex[i]), T_HEX, 1);
}

void
mbxindex_init(struct mbxindex *ix)
{
	keys_init(&ix->main, false);
	keys_init(&ix->fail, true);
}

/* Is the lower-case text g at s (len bytes from s on), ASCII case aside? */
static bool
text_at(const struct sig *g, const char *s, size_t len)
{
	size_t i;

	if (g->len > len)
		return false;
	for (i = 0; i < g->len; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != g->text[i])
			return false;
	}
	return true;
}

/* What one pass found, besides the signatures. */
struct seen {
	struct found	 f;
	const char	*label;		/* the first "status code" with a status */
	int		 label_status;
	const char	*http;		/* the first "http/" with a status */
	int		 http_status;
	bool		 shapes;	/* an HRESULT or an EWS response code */
};

/* Text t was found at hit, in the message [s, end). */
static void
note_text(struct seen *sn, unsigned t, const char *s, const char *hit,
    const char *end)
{
	int v;

	switch (t) {
	case T_LABEL:
		if ((sn->label == NULL || hit < sn->label) &&
		    (v = label_status_at(hit, end)) != 0) {
			sn->label = hit;
			sn->label_status = v;
		}
		return;
	case T_HTTP:
		if ((sn->http == NULL || hit < sn->http) &&
		    (v = http_status_at(hit, end)) != 0) {
			sn->http = hit;
			sn->http_status = v;
		}
		return;
	case T_HEX:
		sn->shapes |= hresult_at(hit, end);
		return;
	}
	if (sigs[t].kind < sn->f.best)
		sn->f.best = sigs[t].kind;
	else
		note_marker(&sn->f, sigs[t].kind);
	/* "error" is a signature; "Error" in this case also an EWS code's start */
	if (sigs[t].len == 5 && memcmp(sigs[t].text, "error", 5) == 0 &&
	    memcmp(hit, "Error", 5) == 0)
		sn->shapes |= ews_error_at(s, hit, end);
}

/* The keys at position c: any of the texts they stand for found there. */
static void
look_at(const struct mbxkeys *ks, struct seen *sn, const char *s, size_t n,
    size_t c, uint32_t w)
{
	const struct mbxkey *k;
	unsigned i;

	for (i = ks->first[key_hash(w)]; i != MBXINDEX_NONE; i = k->next) {
		k = &ks->keys[i];
		if (k->key == w && c >= k->off && text_at(text_of(k->text),
		    s + c - k->off, n - (c - k->off)))
			note_text(sn, k->text, s, s + c - k->off, s + n);
	}
}

/* Are all three keys of a 64-bit word (bytes 0-2, 2-4, 4-6) absent? */
static bool
none_of_three(const struct mbxkeys *ks, uint64_t w)
{
	return (ks->first[key_hash((uint32_t)w & 0xffffff)] &
	    ks->first[key_hash((uint32_t)(w >> 16) & 0xffffff)] &
	    ks->first[key_hash((uint32_t)(w >> 32) & 0xffffff)]) ==
	    MBXINDEX_NONE;
}

/* Every text of ks in the first n bytes of s, into sn. */
static void
scan_keys(const struct mbxkeys *ks, const char *s, size_t n, struct seen *sn)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t c = 0, k;
	uint32_t w;

	/*
	 * Every text is 3 bytes or more: one of its keys starts at an even
	 * c.  Most of a line is passed three keys (six bytes) at a time.
	 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (; c + 8 <= n; c += 6) {
		uint64_t w8;

		memcpy(&w8, u + c, 8);
		w8 |= 0x2020202020202020ULL;
		if (none_of_three(ks, w8))
			continue;
		for (k = 0; k < 6; k += 2) {
			w = (uint32_t)(w8 >> (8 * k)) & 0xffffff;
			if (ks->first[key_hash(w)] != MBXINDEX_NONE)
				look_at(ks, sn, s, n, c + k, w);
		}
	}
#else
	(void)k;
#endif
	for (; c + 3 <= n; c += 2) {
		w = key_fold(u[c], u[c + 1], u[c + 2]);
		if (ks->first[key_hash(w)] != MBXINDEX_NONE)
			look_at(ks, sn, s, n, c, w);
	}
}

enum mbxclass
mbxclass_indexed(const struct mbxindex *ix, const char *msg, size_t len)
{
	struct seen sn;
	size_t n;

	if (msg == NULL || len == 0)
		return MBXC_NONE;
	n = len < MBXCLASS_SCAN_MAX ? len : MBXCLASS_SCAN_MAX;
	memset(&sn, 0, sizeof(sn));
	sn.f.best = MBXC_NONE;
	scan_keys(&ix->main, msg, n, &sn);
	if ((sn.f.ldap || sn.f.dns_step) && !sn.f.fail)
		scan_keys(&ix->fail, msg, n, &sn);
	return verdict(&sn.f, sn.label != NULL ? sn.label_status :
	    sn.http_status, sn.shapes);
}

void
mbxpatterns_init(struct mbxpatterns *p)
{
	p->error = p->ignore = NULL;
	p->nerror = p->nignore = 0;
	mbxindex_init(&p->index);
}

static void
free_list(struct mbxpattern *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		pcre2_match_data_free(list[i].md);
		pcre2_code_free(list[i].code);
	}
	free(list);
}

void
mbxpatterns_free(struct mbxpatterns *p)
{
	free_list(p->error, p->nerror);
	free_list(p->ignore, p->nignore);
	mbxpatterns_init(p);
}

int
mbxpatterns_add(struct mbxpatterns *p, bool ignore, const char *regex,
    char *err, size_t errlen)
{
	const char *opt = ignore ? "--ignore-pattern" : "--error-pattern";
	struct mbxpattern **list = ignore ? &p->ignore : &p->error;
	size_t *n = ignore ? &p->nignore : &p->nerror;
	struct mbxpattern *grown, pat;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE offset;
	int code;

	pat.code = pcre2_compile((PCRE2_SPTR)regex, PCRE2_ZERO_TERMINATED, 0,
	    &code, &offset, NULL);
	if (pat.code == NULL) {
		if (pcre2_get_error_message(code, msg, sizeof(msg)) < 0)
			snprintf((char *)msg, sizeof(msg), "error %d", code);
		snprintf(err, errlen, "%s: \"%s\" is not a regular "
		    "expression: %s at offset %lu", opt, regex,
		    (const char *)msg, (unsigned long)offset);
		return -1;
	}
	/* Not every build has a JIT; the interpreter gives the same answers. */
	(void)pcre2_jit_compile(pat.code, PCRE2_JIT_COMPLETE);
	pat.md = pcre2_match_data_create_from_pattern(pat.code, NULL);
	grown = realloc(*list, (*n + 1) * sizeof(**list));
	if (pat.md == NULL || grown == NULL) {
		pcre2_match_data_free(pat.md);
		pcre2_code_free(pat.code);
		if (grown != NULL)
			*list = grown;
		snprintf(err, errlen, "%s: out of memory", opt);
		return -1;
	}
	*list = grown;
	(*list)[(*n)++] = pat;
	return 0;
}

static bool
match_any(struct mbxpattern *list, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (pcre2_match(list[i].code, (PCRE2_SPTR)(s != NULL ? s : ""),
		    s != NULL ? len : 0, 0, 0,
		    list[i].md, NULL) >= 0)
			return true;
	return false;
}

enum mbxclass
mbxclass_classify(struct mbxpatterns *pats, const char *line,
    size_t line_len, const char *msg, size_t msg_len)
{
	enum mbxclass c;

	if (pats != NULL && match_any(pats->ignore, pats->nignore, line,
	    line_len))
		return MBXC_NONE;
	c = pats != NULL ? mbxclass_indexed(&pats->index, msg, msg_len) :
	    mbxclass_builtin(msg, msg_len);
	if (c == MBXC_NONE && pats != NULL &&
	    match_any(pats->error, pats->nerror, line, line_len))
		c = MBXC_OTHER;
	return c;
}
