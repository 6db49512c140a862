/*
 * gen_jetty_day.c - a deterministic day of CUC's Jetty request log.
 *
 *	gen_jetty_day OUT [SUBSCRIPTIONS [HOURS]]
 *
 * Defaults: 20,000 subscriptions, 24 hours of 2014-06-29 (UTC), about
 * 5.9 million lines and 1 GB.  Every subscription posts a keepalive every
 * 300 s (its own phase, a few seconds of jitter); 1% stop at some point of
 * the day; 0.5% of notifications are answered 500 or 503; 5% of the
 * lines are other requests (admin pages, REST, WSDL fetches).  Lines are
 * stamped when a request starts and written when it ends, so a few are
 * out of order by seconds, as Jetty's are.  Same arguments, same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PERIOD		300
#define DAY0		1404000000LL	/* 2014-06-29 00:00:00Z */
#define NSOURCES	4

struct event {
	int64_t		 write_t;	/* when Jetty writes the line (sort key) */
	int64_t		 stamp;		/* when the request started */
	uint32_t	 sub;		/* subscription, or UINT32_MAX: other */
	uint32_t	 seq;		/* tie-break: keeps the sort stable */
};

struct sub {
	char		 id[37];
	uint16_t	 phase;
	int64_t		 stop_at;	/* no keepalives from here on */
	uint32_t	 pid;
};

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t
rng(void)
{
	/* xorshift64*: deterministic on every platform */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static unsigned
rng_below(unsigned n)
{
	return (unsigned)((rng() >> 32) % n);
}

static int
event_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->write_t != y->write_t)
		return x->write_t < y->write_t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
stamp_text(int64_t t, char *buf, size_t size)
{
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	/* all days generated are in June/July 2014: day of year arithmetic */
	int64_t s = t - DAY0;
	int64_t day = s / 86400, sec = s % 86400;
	int d = 29 + (int)day, m = 5;

	while (d > 30 && m == 5) {
		d -= 30;
		m = 6;
	}
	snprintf(buf, size, "%02d/%s/2014:%02d:%02d:%02d +0000", d, mon[m],
	    (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
}

static const char *const others[] = {
	"GET /cuadmin/home.do HTTP/1.1\" 200 5120",
	"GET /vmrest/users?rowsPerPage=100 HTTP/1.1\" 200 20480",
	"POST /vmrest/messages HTTP/1.1\" 201 312",
	"GET /NotificationService/services/NotificationService?wsdl HTTP/1.1\" 200 8870",
	"GET /inbox/ HTTP/1.1\" 302 0",
	"GET /favicon.ico HTTP/1.1\" 404 1204",
	"POST /NotificationService/services/NotificationService HTTP/1.1\" 500 0",
};

int
main(int argc, char **argv)
{
	struct sub *subs;
	struct event *ev;
	FILE *fp;
	unsigned nsubs = 20000, hours = 24, i;
	size_t nev = 0, cap, k;
	int64_t end, p;
	char stamp[64];
	uint32_t seq = 0;

	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: gen_jetty_day OUT [SUBSCRIPTIONS [HOURS]]\n");
		return 2;
	}
	if (argc > 2)
		nsubs = (unsigned)strtoul(argv[2], NULL, 10);
	if (argc > 3)
		hours = (unsigned)strtoul(argv[3], NULL, 10);
	if (nsubs == 0 || hours == 0 || hours > 48) {
		fprintf(stderr, "gen_jetty_day: bad arguments\n");
		return 2;
	}
	end = DAY0 + (int64_t)hours * 3600;
	if ((subs = calloc(nsubs, sizeof(*subs))) == NULL)
		return 1;
	for (i = 0; i < nsubs; i++) {
		uint64_t a = rng(), b = rng();

		snprintf(subs[i].id, sizeof(subs[i].id),
		    "%08x-%04x-%04x-%04x-%012llx", (unsigned)(a >> 32),
		    (unsigned)(a >> 16) & 0xffff, (unsigned)a & 0xffff,
		    (unsigned)(b >> 48), (unsigned long long)(b & 0xffffffffffffULL));
		subs[i].phase = (uint16_t)(5 + rng_below(PERIOD - 10));
		subs[i].stop_at = rng_below(100) == 0 ?
		    DAY0 + rng_below((unsigned)(end - DAY0)) : INT64_MAX;
		subs[i].pid = 1000 + rng_below(60000);
	}
	if ((fp = fopen(argv[1], "w")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	setvbuf(fp, NULL, _IOFBF, 1 << 20);
	cap = (size_t)nsubs + nsubs / 10 + 64;
	if ((ev = malloc(cap * sizeof(*ev))) == NULL)
		return 1;
	/* One period at a time: every subscription fires once in it. */
	for (p = DAY0; p < end; p += PERIOD) {
		nev = 0;
		for (i = 0; i < nsubs; i++) {
			int64_t t = p + subs[i].phase + (int)rng_below(7) - 3;
			if (t >= subs[i].stop_at)
				continue;
			ev[nev++] = (struct event){ t, t, i, seq++ };
		}
		/* 5% other requests */
		for (k = nsubs / 19; k > 0; k--) {
			int64_t t = p + rng_below(PERIOD);
			ev[nev++] = (struct event){ t, t, UINT32_MAX, seq++ };
		}
		/* requests take time: 1% by up to 3 s, 0.01% up to 30 s */
		for (k = 0; k < nev; k++) {
			unsigned r = rng_below(10000);
			if (r < 100)
				ev[k].write_t += 1 + rng_below(3);
			else if (r == 100)
				ev[k].write_t += 1 + rng_below(30);
		}
		qsort(ev, nev, sizeof(*ev), event_cmp);
		for (k = 0; k < nev; k++) {
			const struct sub *s;
			unsigned r = rng_below(1000);
			int status = 200;

			stamp_text(ev[k].stamp, stamp, sizeof(stamp));
			if (ev[k].sub == UINT32_MAX) {
				fprintf(fp, "10.30.%u.%u - - [%s] \"%s\n",
				    rng_below(4), 10 + rng_below(200), stamp,
				    others[r % (sizeof(others) / sizeof(others[0]))]);
				continue;
			}
			s = &subs[ev[k].sub];
			if (r < 3)
				status = 500;
			else if (r < 5)
				status = 503;
			fprintf(fp, "10.20.1.%u - - [%s] \"POST "
			    "/NotificationService/services/NotificationService"
			    "?id=%s&pid=%u HTTP/1.1\" %d %d\n",
			    11 + ev[k].sub % NSOURCES, stamp, s->id, s->pid,
			    status, status == 200 ? 343 : 0);
		}
	}
	free(ev);
	free(subs);
	if (fclose(fp) != 0) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
