/*
 * idtable.h - a bounded table of string ids and what was seen of each.
 *
 * Built for the hot loop of a log scan: one note per line, 20,000 ids
 * that all miss the cache.  A record is 32 bytes (two to a cache line) and
 * ids are told apart by a 96-bit fingerprint, so a lookup touches its slot
 * only; the text of each id is kept once, in a pool, for printing.  Two
 * ids sharing a fingerprint are as likely as 1 in 10^19 among 100,000.
 *
 * Notes wait in a short queue while their slots are prefetched: the ids
 * they point to must stay valid until idtable_flush().  Times are unsigned
 * 32-bit epoch seconds (to 2106), 0 for none.
 */
#ifndef CUC_IDTABLE_H
#define CUC_IDTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IDTABLE_ID_MAX	200	/* bytes of an id kept; longer ids are cut */
#define IDTABLE_AHEAD	8	/* notes between a prefetch and its lookup */
#define IDTABLE_RING	16	/* a power of two above IDTABLE_AHEAD */

struct idrec {
	uint64_t	 hash;		/* 0: free slot */
	uint32_t	 hash2;		/* 32 more bits of fingerprint */
	uint32_t	 last_ok;	/* newest note with ok set */
	uint32_t	 last_seen;	/* newest of any */
	uint32_t	 count;		/* notes */
	uint32_t	 id_off;	/* into the pool */
	uint16_t	 id_len;
	uint16_t	 last_status;	/* at last_seen (the higher on a tie) */
};

/* A note on its way in (queued, or a record of another table). */
struct idnote {
	const char	*id;
	size_t		 id_len;
	uint64_t	 hash;
	uint32_t	 hash2;
	uint32_t	 last_ok;	/* 0: not ok */
	uint32_t	 last_seen;
	uint32_t	 count;
	uint16_t	 status;
};

struct idtable {
	struct idrec	*slot;
	size_t		 mask;		/* slots - 1 (a power of two) */
	size_t		 used;		/* distinct ids */
	size_t		 max;		/* ids kept at most */
	char		*arena;		/* the first slots and pool (or NULL) */
	char		*pool;		/* the ids, back to back */
	size_t		 pool_len;
	size_t		 pool_cap;
	unsigned long	 dropped;	/* notes of ids past max (or no memory) */
	bool		 nomem;		/* an allocation failed */
	struct idnote	 ring[IDTABLE_RING];
	size_t		 head;
	size_t		 queued;
};

/*
 * An empty table keeping at most max ids (nothing allocated yet).  Memory
 * is bounded by max: the slots (32 bytes each, a power of two, at most half
 * used: 8 MiB for 100,000 ids) and the ids' text (at most max times
 * IDTABLE_ID_MAX bytes, in a pool that doubles).
 */
void idtable_init(struct idtable *, size_t max);
void idtable_free(struct idtable *);

/*
 * One sighting of id at epoch t with a status; ok says whether it counts
 * for last_ok.  The id (cut to IDTABLE_ID_MAX) is read until the next
 * idtable_flush() or idtable_free().  An id past max, or one for which
 * memory ran out, is counted in dropped.
 */
void idtable_note(struct idtable *, const char *id, size_t len, int64_t t,
    unsigned int status, bool ok);

/* Fold in the queued notes: call before the ids they point to go away. */
void idtable_flush(struct idtable *);

/*
 * Fold b into a: counts add up, the newest times win, the status of the
 * newer last_seen wins (the higher on a tie, so that the order of notes
 * and merges never matters).  Dropped adds up.  Notes still queued in
 * either table are folded first: a table whose owner noted less than
 * IDTABLE_AHEAD and never flushed (a thread that got no lines to read)
 * still has them only in its queue.
 */
void idtable_merge(struct idtable *a, struct idtable *b);

/*
 * The records in no order: start with *pos = 0; NULL at the end.  Valid
 * until the table changes.
 */
const struct idrec *idtable_next(const struct idtable *, size_t *pos);

/*
 * The record of id (cut to IDTABLE_ID_MAX as idtable_note cuts it), or
 * NULL when the table has none; notes still queued are not looked at
 * (flush first).  One lookup, for a caller that treats one id apart once
 * per run rather than comparing every note.  Valid until the table changes.
 */
const struct idrec *idtable_find(const struct idtable *, const char *id,
    size_t len);

/* The text of r's id (not NUL-terminated), its length in r->id_len. */
const char *idtable_id(const struct idtable *, const struct idrec *r);

#endif
