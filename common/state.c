/* state.c - plugin states; see state.h for the order. */
#include <stdlib.h>
#include <strings.h>

#include "state.h"

static const char *const state_names[] = {
	"OK", "WARNING", "CRITICAL", "UNKNOWN"
};

const char *
state_name(enum state st)
{
	if ((unsigned)st > STATE_UNKNOWN)
		return "UNKNOWN";
	return state_names[st];
}

/* Rank of a state: higher is worse. */
static int
state_rank(enum state st)
{
	switch (st) {
	case STATE_OK:
		return 0;
	case STATE_UNKNOWN:
		return 1;
	case STATE_WARNING:
		return 2;
	case STATE_CRITICAL:
		return 3;
	}
	return 1;
}

enum state
state_worst(enum state a, enum state b)
{
	return state_rank(a) >= state_rank(b) ? a : b;
}

int
state_parse(const char *text, enum state *out)
{
	static const struct {
		const char *name;
		enum state st;
	} names[] = {
		{ "ok", STATE_OK }, { "0", STATE_OK },
		{ "warning", STATE_WARNING }, { "warn", STATE_WARNING },
		{ "1", STATE_WARNING },
		{ "critical", STATE_CRITICAL }, { "crit", STATE_CRITICAL },
		{ "2", STATE_CRITICAL },
		{ "unknown", STATE_UNKNOWN }, { "3", STATE_UNKNOWN },
	};
	size_t i;

	if (text == NULL)
		return -1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcasecmp(text, names[i].name) == 0) {
			*out = names[i].st;
			return 0;
		}
	}
	return -1;
}
