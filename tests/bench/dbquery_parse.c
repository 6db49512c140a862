/*
 * dbquery_parse - time dbq_parse() alone on a capture file: best and
 * median of RUNS passes, in ms, and the rows per second.  For
 * tests/bench/subscriptions.sh.
 *
 *	dbquery_parse FILE [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>

#include "dbquery.h"
#include "deadline.h"
#include "logfile.h"

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct logfile lf;
	struct dbq_info info;
	char err[256];
	double t[200], t0;
	int runs, i;

	if (argc < 2) {
		fprintf(stderr, "usage: dbquery_parse FILE [RUNS]\n");
		return 2;
	}
	runs = argc > 2 ? atoi(argv[2]) : 20;
	if (runs < 1 || runs > 200)
		runs = 20;
	if (logfile_open(&lf, argv[1], err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	for (i = 0; i < runs; i++) {
		t0 = monotonic_now();
		if (dbq_parse(lf.data, lf.len, NULL, NULL, &info, err,
		    sizeof(err)) != 0) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		t[i] = (monotonic_now() - t0) * 1000.0;
	}
	qsort(t, (size_t)runs, sizeof(t[0]), cmp_double);
	printf("dbq_parse: %lu rows, %zu bytes: best %.2f ms, median %.2f ms "
	    "(%.1f M rows/s)\n", info.rows, lf.len, t[0], t[runs / 2],
	    t[0] > 0 ? (double)info.rows / t[0] / 1000.0 : 0.0);
	logfile_close(&lf);
	return 0;
}
