/* test_state.c - state names, the worst-state order, state_parse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "state.h"

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(state_name(STATE_OK), "OK");
	assert_string_equal(state_name(STATE_WARNING), "WARNING");
	assert_string_equal(state_name(STATE_CRITICAL), "CRITICAL");
	assert_string_equal(state_name(STATE_UNKNOWN), "UNKNOWN");
	assert_string_equal(state_name((enum state)4), "UNKNOWN");
	assert_string_equal(state_name((enum state)-1), "UNKNOWN");
}

/* Exit codes are the Nagios ones. */
static void
test_exit_codes(void **state)
{
	(void)state;
	assert_int_equal(STATE_OK, 0);
	assert_int_equal(STATE_WARNING, 1);
	assert_int_equal(STATE_CRITICAL, 2);
	assert_int_equal(STATE_UNKNOWN, 3);
}

/* CRITICAL > WARNING > UNKNOWN > OK, whichever side each one is on. */
static void
test_worst_order(void **state)
{
	static const struct {
		enum state a, b, want;
	} cases[] = {
		{ STATE_OK, STATE_OK, STATE_OK },
		{ STATE_OK, STATE_WARNING, STATE_WARNING },
		{ STATE_OK, STATE_CRITICAL, STATE_CRITICAL },
		{ STATE_OK, STATE_UNKNOWN, STATE_UNKNOWN },
		{ STATE_WARNING, STATE_WARNING, STATE_WARNING },
		{ STATE_WARNING, STATE_CRITICAL, STATE_CRITICAL },
		{ STATE_WARNING, STATE_UNKNOWN, STATE_WARNING },
		{ STATE_CRITICAL, STATE_CRITICAL, STATE_CRITICAL },
		{ STATE_CRITICAL, STATE_UNKNOWN, STATE_CRITICAL },
		{ STATE_UNKNOWN, STATE_UNKNOWN, STATE_UNKNOWN },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(state_worst(cases[i].a, cases[i].b),
		    cases[i].want);
		assert_int_equal(state_worst(cases[i].b, cases[i].a),
		    cases[i].want);
	}
}

/* Folding over a list gives the worst of all. */
static void
test_worst_fold(void **state)
{
	static const enum state seq[] = {
		STATE_OK, STATE_UNKNOWN, STATE_OK, STATE_WARNING, STATE_UNKNOWN
	};
	enum state acc = STATE_OK;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(seq) / sizeof(seq[0]); i++)
		acc = state_worst(acc, seq[i]);
	assert_int_equal(acc, STATE_WARNING);
	assert_int_equal(state_worst(acc, STATE_CRITICAL), STATE_CRITICAL);
}

static void
test_parse(void **state)
{
	static const struct {
		const char	*text;
		int		 rc;
		enum state	 want;
	} cases[] = {
		{ "ok", 0, STATE_OK }, { "OK", 0, STATE_OK },
		{ "Ok", 0, STATE_OK }, { "0", 0, STATE_OK },
		{ "warning", 0, STATE_WARNING }, { "WARNING", 0, STATE_WARNING },
		{ "warn", 0, STATE_WARNING }, { "1", 0, STATE_WARNING },
		{ "critical", 0, STATE_CRITICAL }, { "Crit", 0, STATE_CRITICAL },
		{ "2", 0, STATE_CRITICAL },
		{ "unknown", 0, STATE_UNKNOWN }, { "UNKNOWN", 0, STATE_UNKNOWN },
		{ "3", 0, STATE_UNKNOWN },
		{ "", -1, 0 }, { "4", -1, 0 }, { "-1", -1, 0 }, { "00", -1, 0 },
		{ "okay", -1, 0 }, { "w", -1, 0 }, { "critical ", -1, 0 },
		{ " ok", -1, 0 }, { "unk", -1, 0 },
	};
	enum state st;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		st = (enum state)99;
		if (state_parse(cases[i].text, &st) != cases[i].rc)
			fail_msg("\"%s\": wrong result", cases[i].text);
		if (cases[i].rc == 0)
			assert_int_equal(st, cases[i].want);
		else
			assert_int_equal(st, 99);
	}
	assert_int_equal(state_parse(NULL, &st), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_exit_codes),
		cmocka_unit_test(test_worst_order),
		cmocka_unit_test(test_worst_fold),
		cmocka_unit_test(test_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
