/*
 * idtable.c - a bounded open-addressing table of string ids (idtable.h).
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "idtable.h"

/*
 * First sizes: 20,000 subscriptions fit without growing, and growing is
 * what costs (a rehash, and unmapping the old slots while another thread
 * runs makes the kernel interrupt it).  A table that may grow that large
 * starts in an arena: one 3 MiB region, its 2 MiB of slots aligned so
 * that the kernel can back them with a single huge page where it allows
 * them (one page fault instead of 512 for a full table, 3 us each on a
 * virtual machine).  Without huge pages, pages never touched cost no
 * memory.
 */
#define FIRST_SLOTS	65536
#define POOL_FIRST	(1024 * 1024)
#define ARENA_SIZE	(FIRST_SLOTS * sizeof(struct idrec) + POOL_FIRST)
#define ARENA_ALIGN	(2UL * 1024 * 1024)

/* ARENA_SIZE bytes at an ARENA_ALIGN boundary, zeroed; NULL if none. */
static void *
arena_map(void)
{
	size_t len = ARENA_SIZE + ARENA_ALIGN;
	uintptr_t start, a;
	void *p;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	start = (uintptr_t)p;
	a = (start + ARENA_ALIGN - 1) & ~(uintptr_t)(ARENA_ALIGN - 1);
	/* the slack around it was never touched: no page to flush */
	if (a > start)
		(void)munmap(p, a - start);
	if (start + len > a + ARENA_SIZE)
		(void)munmap((void *)(a + ARENA_SIZE), start + len - a -
		    ARENA_SIZE);
#ifdef MADV_HUGEPAGE
	(void)madvise((void *)a, ARENA_SIZE, MADV_HUGEPAGE);
#endif
	return (void *)a;
}

static bool
in_arena(const struct idtable *t, const void *p)
{
	return t->arena != NULL && (const char *)p >= t->arena &&
	    (const char *)p < t->arena + ARENA_SIZE;
}

/* The 96-bit fingerprint of an id, a word at a time (it runs per line). */
static void
id_hash(const char *s, size_t n, uint64_t *h1, uint32_t *h2)
{
	uint64_t a = 0x9e3779b97f4a7c15ULL ^ n, b = 0x2545f4914f6cdd1dULL + n;
	uint64_t w = 0;
	const char *e = s + n;
	size_t i;

	for (; e - s > 8; s += 8) {
		memcpy(&w, s, 8);
		a = (a ^ w) * 0xff51afd7ed558ccdULL;
		a ^= a >> 32;
		b = (b + w) * 0xc4ceb9fe1a85ec53ULL;
		b ^= b >> 29;
	}
	/*
	 * The last 1..8 bytes: one load of the final 8 (overlapping what was
	 * hashed; a variable-length copy would stall on store forwarding).
	 */
	if (n >= 8)
		memcpy(&w, e - 8, 8);
	else
		for (w = 0, i = 0; i < n; i++)
			w |= (uint64_t)(unsigned char)s[i] << (8 * i);
	a = (a ^ w) * 0xff51afd7ed558ccdULL;
	a ^= a >> 33;
	a *= 0xc4ceb9fe1a85ec53ULL;
	a ^= a >> 29;
	b = (b + w) * 0x9e3779b97f4a7c15ULL;
	b ^= b >> 31;
	*h1 = a != 0 ? a : 1;	/* 0 marks a free slot */
	*h2 = (uint32_t)(b >> 32);
}

/*
 * The same fingerprint's job for the usual id, a UUID's 36 bytes, in
 * three multiplications that do not wait on each other's words: the id
 * table's share of a scan is mostly this hash.  The words are xored with
 * constants whose every byte has its high bit set, so an ASCII id never
 * makes a factor zero (a zero factor would make the other word count for
 * nothing).
 */
#define UUID_LEN	36

static inline __attribute__((always_inline)) void
uuid_hash(const char *s, uint64_t *h1, uint32_t *h2)
{
	uint64_t w0, w1, w2, w3, w4, a, b;
	unsigned __int128 m1, m2, m3;

	memcpy(&w0, s, 8);
	memcpy(&w1, s + 8, 8);
	memcpy(&w2, s + 16, 8);
	memcpy(&w3, s + 24, 8);
	memcpy(&w4, s + 28, 8);		/* the last 8, overlapping */
	m1 = (unsigned __int128)(w0 ^ 0xa0761d6478bd642fULL) *
	    (w1 ^ 0xe7037ed1a0b428dbULL);
	m2 = (unsigned __int128)(w2 ^ 0x8ebc6af09c88c6e3ULL) *
	    (w3 ^ 0x989ab5c5e1a2cfa9ULL);
	a = (uint64_t)m1 ^ (uint64_t)(m2 >> 64) ^ w4;
	b = (uint64_t)(m1 >> 64) ^ (uint64_t)m2 ^ UUID_LEN;
	m3 = (unsigned __int128)(a ^ 0xd1b54a32d192ed03ULL) *
	    (b ^ 0xaef17502108ef2d9ULL);
	a = (uint64_t)m3 ^ (uint64_t)(m3 >> 64);
	*h1 = a != 0 ? a : 1;	/* 0 marks a free slot */
	*h2 = (uint32_t)((uint64_t)(m3 >> 64) >> 32) ^ (uint32_t)w4;
}

/* An id's fingerprint: the one function for notes and lookups. */
static inline __attribute__((always_inline)) void
fingerprint(const char *s, size_t n, uint64_t *h1, uint32_t *h2)
{
	if (n == UUID_LEN)
		uuid_hash(s, h1, h2);
	else
		id_hash(s, n, h1, h2);
}

/* An epoch as the table keeps it. */
static uint32_t
time32(int64_t t)
{
	return t < 1 ? 1 : t > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)t;
}

void
idtable_init(struct idtable *t, size_t max)
{
	memset(t, 0, sizeof(*t));
	t->max = max;
}

void
idtable_free(struct idtable *t)
{
	size_t max = t->max;

	if (!in_arena(t, t->slot))
		free(t->slot);
	if (!in_arena(t, t->pool))
		free(t->pool);
	if (t->arena != NULL)
		(void)munmap(t->arena, ARENA_SIZE);
	idtable_init(t, max);
}

/* Double the slots (or make the first ones).  Returns 0 or -1. */
static int
grow(struct idtable *t)
{
	size_t n = (t->mask + 1) * 2, i, j;
	struct idrec *ns;

	if (t->slot == NULL)	/* no larger than max ids need */
		for (n = 1024; n < FIRST_SLOTS && n < t->max * 2; n *= 2)
			;
	if (t->slot == NULL && n == FIRST_SLOTS &&
	    (t->arena = arena_map()) != NULL)
		ns = (struct idrec *)(void *)t->arena;
	else if ((ns = calloc(n, sizeof(*ns))) == NULL)
		return -1;
	for (i = 0; t->slot != NULL && i <= t->mask; i++) {
		if (t->slot[i].hash == 0)
			continue;
		for (j = t->slot[i].hash & (n - 1); ns[j].hash != 0;
		    j = (j + 1) & (n - 1))
			;
		ns[j] = t->slot[i];
	}
	if (!in_arena(t, t->slot))
		free(t->slot);
	t->slot = ns;
	t->mask = n - 1;
	return 0;
}

/* Double the pool (or make the first one).  Returns 0 or -1. */
static int
pool_grow(struct idtable *t)
{
	size_t ncap = t->pool_cap * 2;
	char *np;

	if (t->pool_cap == 0) {
		if (t->arena != NULL) {
			t->pool = t->arena + FIRST_SLOTS * sizeof(struct idrec);
			t->pool_cap = POOL_FIRST;
			return 0;
		}
		/* no larger than max ids need */
		ncap = t->max < POOL_FIRST / IDTABLE_ID_MAX ?
		    (t->max + 1) * IDTABLE_ID_MAX : POOL_FIRST;
	}
	if (in_arena(t, t->pool)) {
		if ((np = malloc(ncap)) == NULL)
			return -1;
		memcpy(np, t->pool, t->pool_len);
	} else if ((np = realloc(t->pool, ncap)) == NULL)
		return -1;
	t->pool = np;
	t->pool_cap = ncap;
	return 0;
}

/* A new slot for p's id; NULL when max ids are known or memory ran out. */
static struct idrec *
insert(struct idtable *t, const struct idnote *p)
{
	struct idrec *s;
	size_t i, len = p->id_len;

	if (t->used >= t->max || t->nomem)
		return NULL;
	/*
	 * At most half full: a lookup then goes past its id's home slot far
	 * less often than at 70% (at 70% the 20,000 ids of a busy CUC made
	 * the whole-day scan 7% slower on one core).
	 */
	if ((t->slot == NULL || (t->used + 1) * 2 > t->mask + 1) &&
	    grow(t) != 0) {
		t->nomem = true;
		return NULL;
	}
	if ((t->pool == NULL || t->pool_len + len > t->pool_cap) &&
	    pool_grow(t) != 0) {
		t->nomem = true;
		return NULL;
	}
	for (i = p->hash & t->mask; t->slot[i].hash != 0;
	    i = (i + 1) & t->mask)
		;
	s = &t->slot[i];
	memset(s, 0, sizeof(*s));
	s->hash = p->hash;
	s->hash2 = p->hash2;
	s->id_off = (uint32_t)t->pool_len;
	s->id_len = (uint16_t)len;
	memcpy(t->pool + t->pool_len, p->id, len);
	t->pool_len += len;
	t->used++;
	return s;
}

/* Fold p into the record s of its id. */
static inline __attribute__((always_inline)) void
fold_into(struct idrec *s, const struct idnote *p)
{
	if (p->last_ok > s->last_ok)
		s->last_ok = p->last_ok;
	/* on a tie the higher status: the answer must not depend on order */
	if (p->last_seen > s->last_seen || (p->last_seen == s->last_seen &&
	    p->status > s->last_status)) {
		s->last_seen = p->last_seen;
		s->last_status = p->status;
	}
	s->count += p->count;
}

/* A note of an id the table does not hold: inserted, or dropped. */
static __attribute__((noinline)) void
fold_new(struct idtable *t, const struct idnote *p)
{
	struct idrec *s;

	if ((s = insert(t, p)) == NULL) {
		t->dropped += p->count;
		return;
	}
	fold_into(s, p);
}

/*
 * Find p's slot and fold p in; a new id is inserted.  Inline: it runs
 * for every note, and nearly every one finds its id.
 */
static inline __attribute__((always_inline)) void
fold(struct idtable *t, const struct idnote *p)
{
	struct idrec *s;
	size_t j;

	if (t->slot != NULL)
		for (j = p->hash & t->mask; (s = &t->slot[j])->hash != 0;
		    j = (j + 1) & t->mask)
			if (s->hash == p->hash && s->hash2 == p->hash2) {
				fold_into(s, p);
				return;
			}
	fold_new(t, p);
}

void
idtable_note(struct idtable *t, const char *id, size_t len, int64_t when,
    unsigned int status, bool ok)
{
	struct idnote *p;

	p = &t->ring[(t->head + t->queued++) & (IDTABLE_RING - 1)];
	p->id = id;
	p->id_len = len > IDTABLE_ID_MAX ? IDTABLE_ID_MAX : len;
	p->last_seen = time32(when);
	p->last_ok = ok ? p->last_seen : 0;
	p->count = 1;
	p->status = (uint16_t)status;
	fingerprint(p->id, p->id_len, &p->hash, &p->hash2);
	/*
	 * Looked up IDTABLE_AHEAD notes later: the cache miss overlaps the
	 * work of the caller in between.
	 */
	if (t->slot != NULL)
		__builtin_prefetch(&t->slot[p->hash & t->mask]);
	if (t->queued > IDTABLE_AHEAD) {
		fold(t, &t->ring[t->head]);
		t->head = (t->head + 1) & (IDTABLE_RING - 1);
		t->queued--;
	}
}

void
idtable_flush(struct idtable *t)
{
	for (; t->queued > 0; t->queued--,
	    t->head = (t->head + 1) & (IDTABLE_RING - 1))
		fold(t, &t->ring[t->head]);
}

void
idtable_merge(struct idtable *a, struct idtable *b)
{
	const struct idrec *bs;
	struct idnote p;
	size_t pos = 0;

	idtable_flush(a);
	idtable_flush(b);
	while ((bs = idtable_next(b, &pos)) != NULL) {
		p.id = b->pool + bs->id_off;
		p.id_len = bs->id_len;
		p.hash = bs->hash;
		p.hash2 = bs->hash2;
		p.last_ok = bs->last_ok;
		p.last_seen = bs->last_seen;
		p.count = bs->count;
		p.status = bs->last_status;
		fold(a, &p);
	}
	a->dropped += b->dropped;
	a->nomem |= b->nomem;
}

const struct idrec *
idtable_next(const struct idtable *t, size_t *pos)
{
	for (; t->slot != NULL && *pos <= t->mask; (*pos)++)
		if (t->slot[*pos].hash != 0)
			return &t->slot[(*pos)++];
	return NULL;
}

const struct idrec *
idtable_find(const struct idtable *t, const char *id, size_t len)
{
	uint64_t hash;
	uint32_t hash2;
	size_t j;

	if (t->slot == NULL)
		return NULL;
	fingerprint(id, len > IDTABLE_ID_MAX ? IDTABLE_ID_MAX : len, &hash,
	    &hash2);
	for (j = hash & t->mask; t->slot[j].hash != 0; j = (j + 1) & t->mask)
		if (t->slot[j].hash == hash && t->slot[j].hash2 == hash2)
			return &t->slot[j];
	return NULL;
}

const char *
idtable_id(const struct idtable *t, const struct idrec *r)
{
	return t->pool + r->id_off;
}
