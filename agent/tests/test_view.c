// SPDX-License-Identifier: GPL-2.0
/* Unit tests for hmsd's mirror of the kernel table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "view.h"

#define BED HMS_CODE(HMS_MODULE_MC, 0, 1, HMS_SEVERITY_FATAL, 7)
#define FAN HMS_CODE(HMS_MODULE_MC, 0, 3, HMS_SEVERITY_FATAL, 1)
#define PART HMS_CODE(HMS_MODULE_MC, 0, 4, HMS_SEVERITY_SERIOUS, 1)

static struct hms_event event(uint64_t seq, uint64_t code, uint8_t state, uint32_t flags)
{
	return (struct hms_event){
		.code = code, .state = state, .flags = flags, .seq = seq,
		.value = (int64_t)seq * 10, .count = 1, .first_seen = 1000 + code % 7,
	};
}

static enum hms_view_result apply(struct hms_view *view, uint64_t seq, uint64_t code,
				  uint8_t state, uint32_t flags)
{
	struct hms_event ev = event(seq, code, state, flags);

	return hms_view_apply(view, &ev);
}

static int setup(void **state)
{
	*state = hms_view_new();
	return 0;
}

static int teardown(void **state)
{
	hms_view_free(*state);
	return 0;
}

static void follows_an_in_order_stream(void **state)
{
	struct hms_view *view = *state;
	const struct hms_event *entry;

	assert_int_equal(apply(view, 1, BED, HMS_STATE_RAISED, 0), HMS_VIEW_CHANGE);
	assert_int_equal(apply(view, 2, FAN, HMS_STATE_RAISED, 0), HMS_VIEW_CHANGE);
	assert_int_equal(apply(view, 3, BED, HMS_STATE_ACKED, HMS_F_ACKED), HMS_VIEW_CHANGE);
	assert_int_equal(hms_view_size(view), 2);
	entry = hms_view_lookup(view, BED);
	assert_non_null(entry);
	/* Kept as a dump shows it: raised, with the ack in its flags. */
	assert_int_equal(entry->state, HMS_STATE_RAISED);
	assert_int_equal(entry->flags, HMS_F_ACKED);
	assert_int_equal(entry->seq, 3);

	assert_int_equal(apply(view, 4, BED, HMS_STATE_RAISED, HMS_F_UPDATE | HMS_F_ACKED),
			 HMS_VIEW_CHANGE);
	entry = hms_view_lookup(view, BED);
	assert_int_equal(entry->flags, HMS_F_ACKED);
	assert_int_equal(entry->value, 40);

	assert_int_equal(apply(view, 5, BED, HMS_STATE_CLEARED, HMS_F_ACKED), HMS_VIEW_CHANGE);
	assert_null(hms_view_lookup(view, BED));
	assert_int_equal(apply(view, 6, PART, HMS_STATE_DROPPED, 0), HMS_VIEW_CHANGE);
	assert_null(hms_view_lookup(view, PART));
	assert_int_equal(hms_view_size(view), 1);
	assert_int_equal(view->seq, 6);
}

static void reports_a_gap_and_changes_nothing(void **state)
{
	struct hms_view *view = *state;

	assert_int_equal(apply(view, 1, BED, HMS_STATE_RAISED, 0), HMS_VIEW_CHANGE);
	assert_int_equal(apply(view, 3, FAN, HMS_STATE_RAISED, 0), HMS_VIEW_GAP);
	assert_null(hms_view_lookup(view, FAN));
	assert_int_equal(view->seq, 1);
	/* The missing one still fits. */
	assert_int_equal(apply(view, 2, FAN, HMS_STATE_RAISED, 0), HMS_VIEW_CHANGE);
	assert_int_equal(view->seq, 2);
}

static void ignores_duplicates_and_old_events(void **state)
{
	struct hms_view *view = *state;

	assert_int_equal(apply(view, 1, BED, HMS_STATE_RAISED, 0), HMS_VIEW_CHANGE);
	assert_int_equal(apply(view, 2, FAN, HMS_STATE_RAISED, 0), HMS_VIEW_CHANGE);
	assert_int_equal(apply(view, 2, FAN, HMS_STATE_CLEARED, 0), HMS_VIEW_OLD);
	assert_int_equal(apply(view, 1, BED, HMS_STATE_CLEARED, 0), HMS_VIEW_OLD);
	assert_int_equal(apply(view, 0, PART, HMS_STATE_RAISED, 0), HMS_VIEW_OLD);
	assert_int_equal(hms_view_size(view), 2);
	assert_int_equal(view->seq, 2);
}

/* After a dump, events it already reflects change nothing. */
static void events_a_dump_reflects_are_known(void **state)
{
	struct hms_view *view = *state;
	struct hms_event dump[] = { event(12, BED, HMS_STATE_RAISED, 0) };

	hms_view_replace(view, dump, 1, 10, NULL, NULL);
	assert_int_equal(view->seq, 10);
	assert_int_equal(apply(view, 9, FAN, HMS_STATE_RAISED, 0), HMS_VIEW_OLD);
	assert_int_equal(apply(view, 11, BED, HMS_STATE_RAISED, 0), HMS_VIEW_KNOWN);
	assert_int_equal(hms_view_lookup(view, BED)->seq, 12);
	assert_int_equal(apply(view, 12, BED, HMS_STATE_RAISED, 0), HMS_VIEW_KNOWN);
	/* A clear of a code the dump showed gone. */
	assert_int_equal(apply(view, 13, PART, HMS_STATE_CLEARED, 0), HMS_VIEW_KNOWN);
	assert_int_equal(apply(view, 14, BED, HMS_STATE_CLEARED, 0), HMS_VIEW_CHANGE);
	assert_int_equal(hms_view_size(view), 0);
	assert_int_equal(view->seq, 14);
}

struct changes {
	struct hms_event ev[8];
	int n;
};

static void record(const struct hms_event *ev, void *arg)
{
	struct changes *changes = arg;

	assert_true(changes->n < 8);
	changes->ev[changes->n++] = *ev;
}

static void a_resync_tells_the_differences(void **state)
{
	struct hms_view *view = *state;
	struct changes got = { 0 };
	struct hms_event raised_again = event(9, PART, HMS_STATE_RAISED, 0);
	struct hms_event dump[3];

	apply(view, 1, BED, HMS_STATE_RAISED, 0);
	apply(view, 2, FAN, HMS_STATE_RAISED, 0);
	apply(view, 3, PART, HMS_STATE_RAISED, 0);
	/* Lost: 4 clears BED, 5 acks FAN, 6 raises a new code, 9 raises PART again. */
	dump[0] = event(5, FAN, HMS_STATE_RAISED, HMS_F_ACKED);
	dump[1] = raised_again;
	dump[2] = event(6, 0x0500010000030001ULL, HMS_STATE_RAISED, 0);
	hms_view_replace(view, dump, 3, 9, record, &got);

	assert_int_equal(got.n, 4);
	assert_true(got.ev[0].code == BED);
	assert_int_equal(got.ev[0].state, HMS_STATE_CLEARED);
	assert_int_equal(got.ev[0].seq, 9);
	assert_true(got.ev[1].code == FAN);
	assert_int_equal(got.ev[1].state, HMS_STATE_ACKED);
	assert_true(got.ev[2].code == 0x0500010000030001ULL);
	assert_int_equal(got.ev[2].state, HMS_STATE_RAISED);
	assert_false(got.ev[2].flags & HMS_F_UPDATE);
	assert_true(got.ev[3].code == PART);
	assert_int_equal(got.ev[3].state, HMS_STATE_RAISED);
	assert_true(got.ev[3].flags & HMS_F_UPDATE);
	for (int i = 0; i < got.n; i++)
		assert_true(got.ev[i].flags & HMS_VIEW_F_RESYNC);

	assert_int_equal(hms_view_size(view), 3);
	assert_null(hms_view_lookup(view, BED));
	assert_int_equal(view->seq, 9);
	assert_int_equal(apply(view, 10, FAN, HMS_STATE_CLEARED, 0), HMS_VIEW_CHANGE);
}

static void a_resync_that_finds_nothing_new_is_silent(void **state)
{
	struct hms_view *view = *state;
	struct changes got = { 0 };
	struct hms_event dump[2];

	apply(view, 1, BED, HMS_STATE_RAISED, 0);
	apply(view, 2, FAN, HMS_STATE_RAISED, 0);
	dump[0] = *hms_view_lookup(view, FAN);
	dump[1] = *hms_view_lookup(view, BED);
	hms_view_replace(view, dump, 2, 2, record, &got);
	assert_int_equal(got.n, 0);
	assert_int_equal(hms_view_size(view), 2);

	/* And one that finds the table empty clears everything. */
	hms_view_replace(view, NULL, 0, 7, record, &got);
	assert_int_equal(got.n, 2);
	assert_int_equal(got.ev[0].state, HMS_STATE_CLEARED);
	assert_int_equal(got.ev[1].state, HMS_STATE_CLEARED);
	assert_int_equal(hms_view_size(view), 0);
}

static void sorts_by_code(void **state)
{
	struct hms_view *view = *state;
	GPtrArray *sorted;

	apply(view, 1, PART, HMS_STATE_RAISED, 0);
	apply(view, 2, BED, HMS_STATE_RAISED, 0);
	apply(view, 3, FAN, HMS_STATE_RAISED, 0);
	sorted = hms_view_sorted(view);
	assert_int_equal(sorted->len, 3);
	assert_true(((struct hms_event *)sorted->pdata[0])->code == BED);
	assert_true(((struct hms_event *)sorted->pdata[1])->code == FAN);
	assert_true(((struct hms_event *)sorted->pdata[2])->code == PART);
	g_ptr_array_unref(sorted);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(follows_an_in_order_stream, setup, teardown),
		cmocka_unit_test_setup_teardown(reports_a_gap_and_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(ignores_duplicates_and_old_events, setup, teardown),
		cmocka_unit_test_setup_teardown(events_a_dump_reflects_are_known, setup, teardown),
		cmocka_unit_test_setup_teardown(a_resync_tells_the_differences, setup, teardown),
		cmocka_unit_test_setup_teardown(a_resync_that_finds_nothing_new_is_silent, setup,
						teardown),
		cmocka_unit_test_setup_teardown(sorts_by_code, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
