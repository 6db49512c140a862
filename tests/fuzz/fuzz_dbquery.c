/*
 * fuzz_dbquery.c - libFuzzer target for the dbquery capture parser.
 *
 * Any bytes must give rows or an error, never a crash or a read past the
 * input; every row handed out must point inside the input and its
 * timestamp must be finite; an error must be a terminated message; the
 * pager prompts counted come with the line of the first.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dbquery.h"

struct span {
	const char	*data;
	size_t		 len;
	unsigned long	 rows;
};

static int
check_row(const struct dbq_row *r, void *arg)
{
	struct span *sp = arg;

	if (r->id != NULL && (r->id < sp->data || r->id_len == 0 ||
	    r->id + r->id_len > sp->data + sp->len))
		abort();
	if (!r->ts_null && !isfinite(r->ts))
		abort();
	if (r->line == 0)
		abort();
	sp->rows++;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct span sp = { (const char *)data, size, 0 };
	struct dbq_info info;
	char err[256];
	int rc;

	rc = dbq_parse((const char *)data, size, check_row, &sp, &info, err,
	    sizeof(err));
	if (rc == 0 && (info.rows != sp.rows ||
	    (info.rows == 0 && !info.no_records)))
		abort();
	if ((info.pager_prompts == 0) != (info.pager_line == 0))
		abort();
	if (rc != 0 && memchr(err, '\0', sizeof(err)) == NULL)
		abort();
	if (rc != 0 && err[0] == '\0')
		abort();
	return 0;
}
