/*
 * test_idtable.c - the id table: what a sequence of notes adds up to per
 * id (newest ok, newest seen and its status, count), ids cut to
 * IDTABLE_ID_MAX, the bound on ids and the dropped count, times clamped to
 * 32 bits, growth of slots and pool (out of the first arena too), ids
 * found by idtable_find, ids outliving the caller's
 * buffer, and merging two tables split at every point giving the same
 * table as one (notes still queued in either table included).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "idtable.h"

#define MAXN	12

struct note {
	const char	*id;
	int64_t		 t;
	unsigned int	 status;
	bool		 ok;
};

struct want {
	const char	*id;
	uint32_t	 last_ok;
	uint32_t	 last_seen;
	uint32_t	 count;
	uint16_t	 status;
};

static const struct table_case {
	const char	*name;
	size_t		 max;
	struct note	 notes[MAXN];
	size_t		 nnotes;
	struct want	 want[MAXN];
	size_t		 nwant;		/* == used */
	unsigned long	 dropped;
} cases[] = {
	{ "empty", 10, { { NULL, 0, 0, false } }, 0,
	  { { NULL, 0, 0, 0, 0 } }, 0, 0 },
	{ "one ok", 10, { { "a", 100, 200, true } }, 1,
	  { { "a", 100, 100, 1, 200 } }, 1, 0 },
	{ "one error: no last_ok", 10, { { "a", 100, 500, false } }, 1,
	  { { "a", 0, 100, 1, 500 } }, 1, 0 },
	{ "newest wins, out of order", 10, {
	    { "a", 100, 200, true }, { "a", 300, 500, false },
	    { "a", 200, 204, true } }, 3,
	  { { "a", 200, 300, 3, 500 } }, 1, 0 },
	{ "same second: the higher status", 10, {
	    { "a", 100, 200, true }, { "a", 100, 503, false } }, 2,
	  { { "a", 100, 100, 2, 503 } }, 1, 0 },
	{ "same second, other order: the higher status still", 10, {
	    { "a", 100, 503, false }, { "a", 100, 200, true } }, 2,
	  { { "a", 100, 100, 2, 503 } }, 1, 0 },
	{ "two ids apart", 10, {
	    { "a", 100, 200, true }, { "b", 150, 404, false },
	    { "a", 160, 200, true }, { "b", 170, 200, true } }, 4,
	  { { "a", 160, 160, 2, 200 }, { "b", 170, 170, 2, 200 } }, 2, 0 },
	{ "prefixes are other ids", 10, {
	    { "abcdefgh", 1, 200, true }, { "abcdefghi", 2, 200, true },
	    { "abcdefg", 3, 200, true }, { "", 4, 200, true } }, 4,
	  { { "abcdefgh", 1, 1, 1, 200 }, { "abcdefghi", 2, 2, 1, 200 },
	    { "abcdefg", 3, 3, 1, 200 }, { "", 4, 4, 1, 200 } }, 4, 0 },
	{ "times clamp to 32 bits", 10, {
	    { "zero", 0, 200, true }, { "neg", -5, 200, true },
	    { "far", INT64_C(1) << 40, 200, true } }, 3,
	  { { "zero", 1, 1, 1, 200 }, { "neg", 1, 1, 1, 200 },
	    { "far", UINT32_MAX, UINT32_MAX, 1, 200 } }, 3, 0 },
	{ "bound: later ids dropped", 2, {
	    { "a", 1, 200, true }, { "b", 2, 200, true },
	    { "c", 3, 200, true }, { "a", 4, 200, true },
	    { "c", 5, 200, true }, { "d", 6, 200, true } }, 6,
	  { { "a", 4, 4, 2, 200 }, { "b", 2, 2, 1, 200 } }, 2, 3 },
	{ "bound 0: all dropped", 0, {
	    { "a", 1, 200, true }, { "b", 2, 200, true } }, 2,
	  { { NULL, 0, 0, 0, 0 } }, 0, 2 },
	{ "more notes than the queue", 10, {
	    { "a", 1, 200, true }, { "b", 2, 200, true },
	    { "a", 3, 200, true }, { "b", 4, 200, true },
	    { "a", 5, 200, true }, { "b", 6, 200, true },
	    { "a", 7, 200, true }, { "b", 8, 200, true },
	    { "a", 9, 200, true }, { "b", 10, 500, false },
	    { "a", 11, 200, true }, { "c", 12, 200, true } }, 12,
	  { { "a", 11, 11, 6, 200 }, { "b", 8, 10, 5, 500 },
	    { "c", 12, 12, 1, 200 } }, 3, 0 },
};

static void
note_all(struct idtable *t, const struct note *n, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		idtable_note(t, n[i].id, strlen(n[i].id), n[i].t, n[i].status,
		    n[i].ok);
	idtable_flush(t);
}

static const struct idrec *
find(const struct idtable *t, const char *id)
{
	const struct idrec *r;
	size_t pos = 0;

	while ((r = idtable_next(t, &pos)) != NULL)
		if (r->id_len == strlen(id) &&
		    memcmp(idtable_id(t, r), id, r->id_len) == 0)
			return r;
	return NULL;
}

static void
check(const struct table_case *c, const struct idtable *t)
{
	const struct idrec *r;
	size_t i, pos = 0, n = 0;

	while (idtable_next(t, &pos) != NULL)
		n++;
	assert_int_equal(n, c->nwant);
	assert_int_equal(t->used, c->nwant);
	assert_int_equal(t->dropped, c->dropped);
	for (i = 0; i < c->nwant; i++) {
		r = find(t, c->want[i].id);
		assert_non_null(r);
		assert_int_equal(r->last_ok, c->want[i].last_ok);
		assert_int_equal(r->last_seen, c->want[i].last_seen);
		assert_int_equal(r->count, c->want[i].count);
		assert_int_equal(r->last_status, c->want[i].status);
	}
}

static void
test_cases(void **state)
{
	struct idtable t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		print_message("case: %s\n", cases[i].name);
		idtable_init(&t, cases[i].max);
		note_all(&t, cases[i].notes, 0, cases[i].nnotes);
		check(&cases[i], &t);
		idtable_free(&t);
		/* usable again after free, with the same bound */
		note_all(&t, cases[i].notes, 0, cases[i].nnotes);
		check(&cases[i], &t);
		idtable_free(&t);
	}
}

/* Notes split at every point into two tables and merged: as one table. */
static void
test_merge(void **state)
{
	struct idtable a, b;
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (cases[i].dropped > 0)
			continue;	/* which ids a bound keeps depends on order */
		for (k = 0; k <= cases[i].nnotes; k++) {
			print_message("case: %s, split at %zu\n", cases[i].name,
			    k);
			idtable_init(&a, cases[i].max);
			idtable_init(&b, cases[i].max);
			note_all(&a, cases[i].notes, 0, k);
			note_all(&b, cases[i].notes, k, cases[i].nnotes);
			idtable_merge(&a, &b);
			check(&cases[i], &a);
			idtable_free(&a);
			idtable_free(&b);
		}
	}
}

/*
 * The same, neither table flushed: the last notes (all of them, when
 * fewer than IDTABLE_AHEAD) are still queued.  check_cuc_keepalive seeds
 * each thread's table with the probe's record; a second thread that got
 * no piece to read never flushed its seed, and a merge that skipped the
 * queue lost it: one probe line then counted as Exchange's notification.
 */
static void
test_merge_queued(void **state)
{
	struct idtable a, b;
	size_t i, j, k;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (cases[i].dropped > 0)
			continue;	/* which ids a bound keeps depends on order */
		for (k = 0; k <= cases[i].nnotes; k++) {
			print_message("case: %s, split at %zu, unflushed\n",
			    cases[i].name, k);
			idtable_init(&a, cases[i].max);
			idtable_init(&b, cases[i].max);
			for (j = 0; j < cases[i].nnotes; j++)
				idtable_note(j < k ? &a : &b,
				    cases[i].notes[j].id,
				    strlen(cases[i].notes[j].id),
				    cases[i].notes[j].t,
				    cases[i].notes[j].status,
				    cases[i].notes[j].ok);
			idtable_merge(&a, &b);
			check(&cases[i], &a);
			idtable_free(&a);
			idtable_free(&b);
		}
	}
}

/* A seed note alone in b's queue (b has no slot yet) reaches a. */
static void
test_merge_seed_only(void **state)
{
	struct idtable a, b;
	const struct idrec *r;

	(void)state;
	idtable_init(&a, 10);
	idtable_init(&b, 10);
	idtable_note(&a, "probe", 5, 0, 0, false);
	idtable_note(&a, "probe", 5, 100, 200, true);
	idtable_note(&b, "probe", 5, 0, 0, false);	/* and nothing more */
	idtable_merge(&a, &b);
	assert_non_null(r = find(&a, "probe"));
	assert_int_equal(r->count, 3);
	assert_int_equal(r->last_ok, 100);
	assert_int_equal(a.used, 1);
	idtable_free(&a);
	idtable_free(&b);
}

/* A bound holds across a merge: b's extra ids are dropped, drops add up. */
static void
test_merge_bound(void **state)
{
	static const struct note na[] = {
		{ "a", 1, 200, true }, { "x", 2, 200, true }, { "y", 2, 200, true } };
	static const struct note nb[] = {
		{ "b", 3, 200, true }, { "a", 4, 200, true }, { "c", 5, 200, true } };
	struct idtable a, b;
	const struct idrec *r;

	(void)state;
	idtable_init(&a, 2);
	idtable_init(&b, 2);
	note_all(&a, na, 0, 3);		/* a, x kept; y dropped */
	note_all(&b, nb, 0, 3);		/* b, a kept; c dropped */
	assert_int_equal(a.dropped, 1);
	assert_int_equal(b.dropped, 1);
	idtable_merge(&a, &b);
	assert_int_equal(a.used, 2);
	assert_int_equal(a.dropped, 1 + 1 + 1);	/* y, c, and b's "b" */
	assert_non_null(r = find(&a, "a"));
	assert_int_equal(r->count, 2);
	assert_int_equal(r->last_ok, 4);
	assert_null(find(&a, "b"));
	idtable_free(&a);
	idtable_free(&b);
}

/* Ids longer than IDTABLE_ID_MAX are told apart by their first bytes. */
static void
test_long_ids(void **state)
{
	char x[IDTABLE_ID_MAX + 50], y[IDTABLE_ID_MAX + 50];
	struct idtable t;
	const struct idrec *r;
	size_t pos = 0;

	(void)state;
	memset(x, 'x', sizeof(x));
	memcpy(y, x, sizeof(y));
	y[IDTABLE_ID_MAX + 10] = 'y';	/* differs past the cut only */
	idtable_init(&t, 10);
	idtable_note(&t, x, sizeof(x), 10, 200, true);
	idtable_note(&t, y, sizeof(y), 20, 200, true);
	y[IDTABLE_ID_MAX - 1] = 'y';	/* differs inside the cut */
	idtable_note(&t, y, sizeof(y), 30, 200, true);
	idtable_flush(&t);
	assert_int_equal(t.used, 2);
	while ((r = idtable_next(&t, &pos)) != NULL) {
		assert_int_equal(r->id_len, IDTABLE_ID_MAX);
		if (idtable_id(&t, r)[IDTABLE_ID_MAX - 1] == 'x') {
			assert_int_equal(r->count, 2);
			assert_int_equal(r->last_seen, 20);
		} else
			assert_int_equal(r->count, 1);
	}
	idtable_free(&t);
}

/* After a flush the table owns its ids: the caller's buffer may change. */
static void
test_buffer_reuse(void **state)
{
	char buf[64];
	struct idtable t;
	const struct idrec *r;
	size_t pos = 0;

	(void)state;
	idtable_init(&t, 10);
	snprintf(buf, sizeof(buf), "first");
	idtable_note(&t, buf, 5, 10, 200, true);
	idtable_flush(&t);
	memset(buf, '#', sizeof(buf));
	assert_non_null(r = idtable_next(&t, &pos));
	assert_int_equal(r->id_len, 5);
	assert_memory_equal(idtable_id(&t, r), "first", 5);
	assert_null(idtable_next(&t, &pos));
	idtable_free(&t);
}

/*
 * Many ids: the slots grow (past 1 MiB) and the pool grows;
 * every id is found with its own count, and a merge of two such tables
 * adds them up.
 */
#define MANY	40000

static void
test_many(void **state)
{
	struct idtable a, b;
	const struct idrec *r;
	char id[32], idb[32];
	size_t i, pos = 0, n = 0;

	(void)state;
	idtable_init(&a, MANY);
	idtable_init(&b, MANY);
	for (i = 0; i < MANY; i++) {
		snprintf(id, sizeof(id), "subscription-%zu", i);
		idtable_note(&a, id, strlen(id), (int64_t)(1000 + i), 200, true);
		if (i % 3 == 0)
			idtable_note(&a, id, strlen(id), 10, 500, false);
		snprintf(idb, sizeof(idb), "subscription-%zu", MANY - 1 - i);
		idtable_note(&b, idb, strlen(idb), 5, 200, true);
		/* the buffer changes with every note: flush before reuse */
		idtable_flush(&a);
		idtable_flush(&b);
	}
	assert_int_equal(a.used, MANY);
	assert_true((a.mask + 1) * sizeof(struct idrec) > 1024 * 1024);
	assert_true(a.used * 10 <= (a.mask + 1) * 7);
	while ((r = idtable_next(&a, &pos)) != NULL) {
		/* ids are not NUL-terminated: copy one out to read it */
		assert_true(r->id_len < sizeof(id));
		memcpy(id, idtable_id(&a, r), r->id_len);
		id[r->id_len] = '\0';
		assert_int_equal(sscanf(id, "subscription-%zu", &i), 1);
		assert_int_equal(r->last_ok, 1000 + i);
		assert_int_equal(r->count, i % 3 == 0 ? 2 : 1);
		n++;
	}
	assert_int_equal(n, MANY);
	idtable_merge(&a, &b);
	assert_int_equal(a.used, MANY);
	assert_int_equal(a.dropped, 0);
	snprintf(id, sizeof(id), "subscription-%d", MANY - 1);
	assert_non_null(r = find(&a, id));
	assert_int_equal(r->count, 3);	/* 2 in a (39999 % 3 == 0), 1 in b */
	assert_int_equal(r->last_ok, 1000 + MANY - 1);
	assert_int_equal(r->last_status, 200);
	idtable_free(&a);
	idtable_free(&b);
}

/*
 * A large table starts in an arena; long ids fill its pool and the pool
 * moves out (copied), the slots too: every id keeps its text.
 */
#define LONG_IDS	36000

static void
test_arena_outgrown(void **state)
{
	struct idtable t;
	const struct idrec *r;
	char id[IDTABLE_ID_MAX + 1];
	size_t i, pos = 0, n = 0;
	char *first_pool = NULL, *first_slots;

	(void)state;
	idtable_init(&t, 100000);
	for (i = 0; i < LONG_IDS; i++) {
		snprintf(id, sizeof(id), "%0150zu", i);
		idtable_note(&t, id, strlen(id), (int64_t)(1000 + i), 200, true);
		idtable_flush(&t);
		if (i == 0) {
			assert_non_null(t.arena);
			first_pool = t.pool;
			first_slots = (char *)t.slot;
			assert_ptr_equal(first_slots, t.arena);
		}
	}
	/* 36,000 ids of 150 bytes outgrow the first pool and slots */
	assert_true(t.pool != first_pool);
	assert_true((char *)t.slot != first_slots);
	assert_true(t.pool_len == (size_t)LONG_IDS * 150);
	while ((r = idtable_next(&t, &pos)) != NULL) {
		assert_int_equal(r->id_len, 150);
		memcpy(id, idtable_id(&t, r), r->id_len);
		id[r->id_len] = '\0';
		assert_int_equal(strtoul(id, NULL, 10) + 1000, r->last_ok);
		n++;
	}
	assert_int_equal(n, LONG_IDS);
	idtable_free(&t);
	/* a small table needs no arena */
	idtable_init(&t, 10);
	idtable_note(&t, "x", 1, 5, 200, true);
	idtable_flush(&t);
	assert_null(t.arena);
	assert_non_null(find(&t, "x"));
	idtable_free(&t);
}

/*
 * idtable_find gives the record idtable_next has for an id (cut as notes
 * are), NULL for an id the table lacks or an empty table; it holds
 * across growth and a merge.
 */
static void
test_find(void **state)
{
	char x[IDTABLE_ID_MAX + 20], id[32];
	struct idtable t, b;
	const struct idrec *r;
	size_t i;

	(void)state;
	idtable_init(&t, 5000);
	assert_null(idtable_find(&t, "a", 1));		/* nothing allocated */
	idtable_note(&t, "a", 1, 10, 200, true);
	idtable_note(&t, "ab", 2, 20, 500, false);
	memset(x, 'x', sizeof(x));
	idtable_note(&t, x, sizeof(x), 30, 200, true);
	idtable_flush(&t);
	assert_ptr_equal(idtable_find(&t, "a", 1), find(&t, "a"));
	assert_non_null(r = idtable_find(&t, "ab", 2));
	assert_int_equal(r->last_seen, 20);
	assert_int_equal(r->last_ok, 0);
	assert_null(idtable_find(&t, "b", 1));
	assert_null(idtable_find(&t, "abc", 3));
	assert_null(idtable_find(&t, "", 0));
	/* a long id is found by its first IDTABLE_ID_MAX bytes */
	x[IDTABLE_ID_MAX + 5] = 'y';
	assert_non_null(r = idtable_find(&t, x, sizeof(x)));
	assert_int_equal(r->last_seen, 30);
	assert_non_null(idtable_find(&t, x, IDTABLE_ID_MAX));
	assert_null(idtable_find(&t, x, IDTABLE_ID_MAX - 1));
	/* the slots grow: every id still found */
	for (i = 0; i < 3000; i++) {
		snprintf(id, sizeof(id), "sub-%zu", i);
		idtable_note(&t, id, strlen(id), (int64_t)(100 + i), 200, true);
		idtable_flush(&t);
	}
	for (i = 0; i < 3000; i += 7) {
		snprintf(id, sizeof(id), "sub-%zu", i);
		assert_non_null(r = idtable_find(&t, id, strlen(id)));
		assert_int_equal(r->last_ok, 100 + i);
	}
	/* merged in from another table */
	idtable_init(&b, 10);
	idtable_note(&b, "only-b", 6, 50, 200, true);
	idtable_note(&b, "a", 1, 60, 200, true);
	idtable_flush(&b);
	idtable_merge(&t, &b);
	assert_non_null(r = idtable_find(&t, "only-b", 6));
	assert_int_equal(r->count, 1);
	assert_non_null(r = idtable_find(&t, "a", 1));
	assert_int_equal(r->count, 2);
	assert_int_equal(r->last_ok, 60);
	idtable_free(&b);
	idtable_free(&t);
	assert_null(idtable_find(&t, "a", 1));		/* freed: empty */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_merge_queued),
		cmocka_unit_test(test_merge_seed_only),
		cmocka_unit_test(test_merge_bound),
		cmocka_unit_test(test_long_ids),
		cmocka_unit_test(test_buffer_reuse),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_arena_outgrown),
		cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests_name("idtable", tests, NULL, NULL);
}
