/*
 * test_probe.c - check_cuc_port's probe id: UUID-shaped (8-4-4-4-12 lower
 * hex, so a real CUC answers it as an unknown subscription), yet with a
 * version and a variant no RFC 4122 generator gives (so no Exchange or CUC
 * subscription has it); probe_id_is matches it exactly, nothing else.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include <cmocka.h>

#include "probe.h"

static void
test_shape(void **state)
{
	const char *id = PROBE_ID;
	size_t i;

	(void)state;
	assert_int_equal(strlen(id), 36);
	assert_int_equal(PROBE_ID_LEN, 36);
	for (i = 0; i < 36; i++)
		if (i == 8 || i == 13 || i == 18 || i == 23)
			assert_int_equal(id[i], '-');
		else
			assert_non_null(strchr("0123456789abcdef", id[i]));
	/* version nibble: RFC 4122/9562 generators give 1..8 */
	assert_int_equal(id[14], '0');
	/* variant nibble: RFC 4122 is 8..b (10xx) */
	assert_null(strchr("89ab", id[19]));
	/* not the nil UUID, which other software sends as a placeholder */
	assert_string_not_equal(id, "00000000-0000-0000-0000-000000000000");
	assert_string_equal(PROBE_QUERY, "?id=" PROBE_ID "&pid=0");
}

static void
test_match(void **state)
{
	static const struct {
		const char	*id;
		bool		 probe;
	} cases[] = {
		{ PROBE_ID, true },
		{ "C4ECC4C0-0000-0000-0000-000000007080", false },	/* case */
		{ "c4ecc4c0-0000-0000-0000-00000000708", false },	/* short */
		{ "c4ecc4c0-0000-0000-0000-0000000070800", false },	/* long */
		{ "c4ecc4c0-0000-4000-8000-000000007080", false },	/* a v4 */
		{ "00000000-0000-0000-0000-000000000000", false },	/* nil */
		/* a real id (Cisco's Single Inbox note, the seed's capture) */
		{ "2348c723-2466-4fco-bda0-b9419fb0215e", false },
		{ "", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(probe_id_is(cases[i].id,
		    strlen(cases[i].id)), cases[i].probe);
	/* the length is what counts, not a NUL */
	assert_true(probe_id_is(PROBE_ID "&pid=0", PROBE_ID_LEN));
	assert_false(probe_id_is(PROBE_ID, PROBE_ID_LEN - 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_match),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
