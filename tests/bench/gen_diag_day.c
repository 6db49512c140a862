/*
 * gen_diag_day.c - a deterministic day of CUC's CuMbxSync diagnostic log.
 *
 *	gen_diag_day OUTDIR [FILES]
 *
 * Writes FILES (default 1,440) files diag_CuMbxSync_00010000.uc, ... of
 * about 37 KB each, as a busy box rolls them: one a minute, the last one
 * ending at 2026-11-25 00:00:00Z, so a day is 2026-11-24.  Each file's
 * mtime is set (utimensat) to just after its last line, as CUC leaves it.
 * Lines: 85% ordinary traces (subscriptions, notifications, HTTP 200),
 * 15% failures of every class (401, 503/couldn't connect, timeouts, TLS,
 * ErrorServerBusy, ...) from four Exchange servers.  Same arguments, same
 * bytes.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define END_EPOCH	1795564800LL	/* 2026-11-25 00:00:00Z */
#define FILE_BYTES	(37 * 1024)
#define LINE_MAX_LEN	1024

struct rng {
	uint64_t	state;
};

static uint64_t
rng_next(struct rng *r)
{
	/* xorshift64*: deterministic on every platform */
	r->state ^= r->state >> 12;
	r->state ^= r->state << 25;
	r->state ^= r->state >> 27;
	return r->state * 0x2545f4914f6cdd1dULL;
}

static unsigned
rng_below(struct rng *r, unsigned n)
{
	return (unsigned)((rng_next(r) >> 32) % n);
}

static const char *const hosts[] = {
	"ex01.corp.example.com", "ex02.corp.example.com",
	"ex03.corp.example.com", "ex04.corp.example.com"
};

#define EWS_URL	"for ews URL: https://%s/EWS/Exchange.ASMX, verb: POST"

/* One message into buf; *component and *host_used for the line. */
static void
message(struct rng *r, char *buf, size_t size, const char *host,
    const char **component, int *level, int *with_host)
{
	unsigned k = rng_below(r, 1000);

	*component = "CsEws";
	*level = 11;
	*with_host = 1;
	if (k < 300) {
		snprintf(buf, size, "[CsEws/CsEwsHttp.cpp:298]: HTTP status "
		    "code: 200, " EWS_URL, host);
	} else if (k < 550) {
		*component = "CsMbxSync";
		snprintf(buf, size, "[CsMbxSync/CsMbxSyncNotify.cpp:144]: "
		    "processing notification for mailbox user%04u@example.com,"
		    " event NewMail, item AAMkAD%08x", rng_below(r, 10000),
		    (unsigned)rng_next(r));
	} else if (k < 750) {
		snprintf(buf, size, "[CsEws/CsEwsSubscribe.cpp:412]: renewed "
		    "subscription %08x-%04x-4%03x-a%03x-%012llx for "
		    "user%04u@example.com, StatusFrequency 5", (unsigned)rng_next(r),
		    rng_below(r, 65536), rng_below(r, 4096), rng_below(r, 4096),
		    (unsigned long long)(rng_next(r) & 0xffffffffffffULL),
		    rng_below(r, 10000));
	} else if (k < 850) {
		*component = "CsMbxSync";
		*with_host = 0;
		snprintf(buf, size, "[CsMbxSync/CsMbxSyncChecker.cpp:201]: "
		    "checker thread: %u subscriptions older than 15 minutes",
		    rng_below(r, 3));
	} else if (k < 900) {
		*level = 14;
		snprintf(buf, size, "[CsEws/CsEwsHttp.cpp:312]: HTTP request "
		    "failed with error: , HTTP status code: 401, " EWS_URL, host);
	} else if (k < 930) {
		*level = -1;
		snprintf(buf, size, "[CsEws/CsEwsHttp.cpp:312]: HTTP request "
		    "failed with error: Timeout was reached, HTTP status code: 0, "
		    EWS_URL " Diagnostic=[Timeout was reached -- operation timed "
		    "out after 1000 milliseconds with 0 bytes received]", host);
	} else if (k < 950) {
		*level = 14;
		snprintf(buf, size, "[CsEws/CsEwsHttp.cpp:312]: HTTP request "
		    "failed with error: Couldn't connect to server, HTTP status "
		    "code: 503, " EWS_URL, host);
	} else if (k < 965) {
		*level = 14;
		snprintf(buf, size, "[CsEws/CsEwsHttp.cpp:312]: HTTP request "
		    "failed with error: SSL connect error, HTTP status code: 0, "
		    EWS_URL, host);
	} else if (k < 975) {
		*level = 14;
		snprintf(buf, size, "[CsEws/CsEwsResponse.cpp:88]: EWS response "
		    "code: ErrorServerBusy, HTTP status code: 500");
	} else if (k < 985) {
		*component = "CsWebDav";
		*level = 14;
		snprintf(buf, size, "[CsWebDav/CsWebDavHttp.cpp:99]: HTTP Status "
		    "code: 500, WEBDAV response headers: HTTP/1.1 500 Internal "
		    "Server Error");
	} else if (k < 993) {
		*component = "CsExMbxLocator";
		*with_host = 0;
		*level = 14;
		snprintf(buf, size, "[CsExMbxLocator/CsExMbxLocator.cpp:640]: "
		    "failed to get dns results for _autodiscover._tcp.example.com,"
		    " error 9003");
	} else {
		*component = "CsMbxSync";
		*level = 14;
		snprintf(buf, size, "[CsMbxSync/ImapSession.cpp:77]: "
		    "E_CML_IMAP_CONNECT_FAILED (0x80046410) on login");
	}
}

static int
write_file(const char *dir, unsigned number, int64_t start, struct rng *r)
{
	char path[4096], msg[LINE_MAX_LEN], line[LINE_MAX_LEN + 128];
	struct timespec ts[2];
	size_t bytes = 0;
	int64_t ms = start * 1000, sod;
	FILE *fp;
	const char *component, *host;
	int level, with_host, n;

	snprintf(path, sizeof(path), "%s/diag_CuMbxSync_%08u.uc", dir, number);
	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		return -1;
	}
	for (;;) {
		host = hosts[rng_below(r, 4)];
		message(r, msg, sizeof(msg), host, &component, &level,
		    &with_host);
		sod = ms / 1000 % 86400;
		n = snprintf(line, sizeof(line),
		    "%02d:%02d:%02d.%03d |%u,%s,%s,%s%s,%d,%s\n",
		    (int)(sod / 3600), (int)(sod / 60 % 60), (int)(sod % 60),
		    (int)(ms % 1000), 4000 + rng_below(r, 64),
		    with_host ? host : "",
		    rng_below(r, 3) == 0 ? "{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C}" :
		    "", rng_below(r, 10) == 0 ? " " : "", component, level, msg);
		if (bytes + (size_t)n > FILE_BYTES)
			break;
		fputs(line, fp);
		bytes += (size_t)n;
		/* ~160 lines fill a file: spread them over the minute */
		ms += 150 + rng_below(r, 300);
		if (ms >= (start + 60) * 1000)
			ms = (start + 60) * 1000 - 1;
	}
	if (fclose(fp) != 0) {
		perror(path);
		return -1;
	}
	ts[0].tv_sec = ts[1].tv_sec = (time_t)(ms / 1000);
	ts[0].tv_nsec = ts[1].tv_nsec = (long)(ms % 1000) * 1000000L + 500000L;
	if (utimensat(AT_FDCWD, path, ts, 0) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct rng r = { 0x9e3779b97f4a7c15ULL };
	unsigned long files = 1440, i;
	char *end;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: gen_diag_day OUTDIR [FILES]\n");
		return 2;
	}
	if (argc == 3) {
		files = strtoul(argv[2], &end, 10);
		if (*end != '\0' || files == 0 || files > 100000) {
			fprintf(stderr, "gen_diag_day: bad FILES '%s'\n",
			    argv[2]);
			return 2;
		}
	}
	if (mkdir(argv[1], 0777) != 0) {
		struct stat sb;

		if (stat(argv[1], &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			perror(argv[1]);
			return 1;
		}
	}
	for (i = 0; i < files; i++)
		if (write_file(argv[1], 10000 + (unsigned)i,
		    END_EPOCH - (int64_t)(files - i) * 60, &r) != 0)
			return 1;
	return 0;
}
