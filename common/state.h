/*
 * state.h - plugin states and the order in which they combine.
 *
 * Exit codes are the Nagios ones.  When several measurements disagree the
 * report takes the worst, in this order (most important first):
 *
 *	CRITICAL > WARNING > UNKNOWN > OK
 *
 * UNKNOWN ranks below WARNING on purpose: a check that measured a real
 * problem on one metric should not hide it because another metric could
 * not be read (monitoring-plugins' max_state() uses the same order).
 */
#ifndef CUC_STATE_H
#define CUC_STATE_H

enum state {
	STATE_OK = 0,
	STATE_WARNING = 1,
	STATE_CRITICAL = 2,
	STATE_UNKNOWN = 3
};

/* "OK", "WARNING", "CRITICAL", "UNKNOWN"; "UNKNOWN" for anything else. */
const char *state_name(enum state);

/* The worse of two states in the order above. */
enum state state_worst(enum state, enum state);

/*
 * Parse a state given by name (any case, "ok", "warning", "critical",
 * "unknown", also "warn", "crit") or by number 0..3.
 * Returns 0 and sets *out, or -1.
 */
int state_parse(const char *text, enum state *out);

#endif
