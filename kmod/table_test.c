// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the central table: code layout, raise / clear / ack,
 * the flap window, the bounded pool, sequence numbers and dumps.
 */

#include <kunit/test.h>
#include <linux/workqueue.h>

#include "table.h"

#define CODE_BED	HMS_CODE(HMS_MODULE_MC, 0, 0x01, HMS_SEVERITY_FATAL, 0x0007)
#define CODE_FAN	HMS_CODE(HMS_MODULE_MC, 0, 0x03, HMS_SEVERITY_SERIOUS, 0x0002)
#define CODE_SLOT	HMS_CODE(HMS_MODULE_AMS, 2, HMS_PART_AMS_SLOT(3), HMS_SEVERITY_COMMON, 1)
#define MS		NSEC_PER_MSEC
#define CAPACITY	4
#define MAX_EVENTS	16

struct recorded {
	struct hms_entry entry;
	u8 what;
	u32 flags;
};

struct fixture {
	struct hms_table table;
	struct recorded events[MAX_EVENTS];
	unsigned int n_events;
	u64 last_seq;			/* of the last event recorded */
	unsigned int out_of_order;	/* events not one after the last */
	unsigned int under_lock;	/* events announced with the table lock held (by anyone) */
};

/* The table's clock; each test starts at 1 s. */
static u64 fake_now;

static u64 fake_clock(void)
{
	return fake_now;
}

static void record(const struct hms_entry *entry, u8 what, u32 flags, void *priv)
{
	struct fixture *f = priv;

	if (entry->seq != f->last_seq + 1)
		f->out_of_order++;
	f->last_seq = entry->seq;
	if (mutex_is_locked(&f->table.lock))
		f->under_lock++;
	if (f->n_events < MAX_EVENTS)
		f->events[f->n_events] = (struct recorded){ *entry, what, flags };
	f->n_events++;
}

static const struct recorded *last_event(struct kunit *test)
{
	struct fixture *f = test->priv;

	KUNIT_ASSERT_GT(test, f->n_events, 0U);
	KUNIT_ASSERT_LE(test, f->n_events, (unsigned int)MAX_EVENTS);
	return &f->events[f->n_events - 1];
}

static int table_test_init(struct kunit *test)
{
	struct fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, f);
	KUNIT_ASSERT_EQ(test, hms_table_init(&f->table, CAPACITY, fake_clock, record, f), 0);
	hms_table_set_flap_window(&f->table, 1000);
	fake_now = NSEC_PER_SEC;
	test->priv = f;
	return 0;
}

static void table_test_exit(struct kunit *test)
{
	struct fixture *f = test->priv;

	hms_table_destroy(&f->table);
}

static struct hms_table *table(struct kunit *test)
{
	return &((struct fixture *)test->priv)->table;
}

static unsigned int n_events(struct kunit *test)
{
	return ((struct fixture *)test->priv)->n_events;
}

static void code_layout(struct kunit *test)
{
	u64 code = 0x0700200000020003ULL;	/* AMS 1, slot 1: assist motor speed */

	KUNIT_EXPECT_EQ(test, CODE_BED, 0x0300010000010007ULL);
	KUNIT_EXPECT_EQ(test, HMS_CODE_MODULE(code), HMS_MODULE_AMS);
	KUNIT_EXPECT_EQ(test, HMS_CODE_UNIT(code), 0);
	KUNIT_EXPECT_EQ(test, HMS_CODE_PART(code), HMS_PART_AMS_SLOT(0));
	KUNIT_EXPECT_EQ(test, HMS_CODE_RESERVED(code), 0);
	KUNIT_EXPECT_EQ(test, HMS_CODE_SEVERITY(code), HMS_SEVERITY_SERIOUS);
	KUNIT_EXPECT_EQ(test, HMS_CODE_ERROR(code), 3);
	KUNIT_EXPECT_EQ(test, CODE_SLOT, 0x0702230000030001ULL);
	KUNIT_EXPECT_EQ(test, HMS_CODE(0x12, HMS_UNIT_EXTERNAL, 0, 4, 0xffff),
			0x12ff00000004ffffULL);
	KUNIT_EXPECT_EQ(test, HMS_CODE_UNIT(0x12ff00000004ffffULL), HMS_UNIT_EXTERNAL);
}

static void code_validity(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, hms_code_valid(CODE_BED));
	KUNIT_EXPECT_TRUE(test, hms_code_valid(HMS_CODE(3, 0, 0, HMS_SEVERITY_INFO, 1)));
	KUNIT_EXPECT_FALSE(test, hms_code_valid(HMS_CODE(3, 0, 0, 0, 1)));
	KUNIT_EXPECT_FALSE(test, hms_code_valid(HMS_CODE(3, 0, 0, 5, 1)));
	KUNIT_EXPECT_FALSE(test, hms_code_valid(0));
}

static void raise_new_code(struct kunit *test)
{
	struct hms_table_stats stats;
	const struct recorded *ev;
	struct hms_entry entry;

	KUNIT_ASSERT_EQ(test, hms_table_raise(table(test), CODE_BED, -273150, "bed"), 0);

	KUNIT_ASSERT_EQ(test, n_events(test), 1U);
	ev = last_event(test);
	KUNIT_EXPECT_EQ(test, ev->what, HMS_STATE_RAISED);
	KUNIT_EXPECT_EQ(test, ev->flags, 0U);
	KUNIT_EXPECT_EQ(test, ev->entry.code, CODE_BED);
	KUNIT_EXPECT_EQ(test, ev->entry.seq, 1ULL);
	KUNIT_EXPECT_EQ(test, ev->entry.value, -273150LL);
	KUNIT_EXPECT_STREQ(test, ev->entry.source, "bed");
	KUNIT_EXPECT_EQ(test, ev->entry.count, 1U);
	KUNIT_EXPECT_EQ(test, ev->entry.first_seen, fake_now);
	KUNIT_EXPECT_EQ(test, ev->entry.time_boot, fake_now);
	KUNIT_EXPECT_GT(test, ev->entry.time_real, 0ULL);

	KUNIT_ASSERT_EQ(test, hms_table_get(table(test), CODE_BED, &entry), 0);
	KUNIT_EXPECT_EQ(test, entry.seq, 1ULL);
	KUNIT_EXPECT_EQ(test, hms_table_get(table(test), CODE_FAN, &entry), -ENOENT);

	hms_table_get_stats(table(test), &stats);
	KUNIT_EXPECT_EQ(test, stats.active, 1U);
	KUNIT_EXPECT_EQ(test, stats.raised, 1ULL);
	KUNIT_EXPECT_EQ(test, stats.seq, 1ULL);
	KUNIT_EXPECT_EQ(test, stats.capacity, (u32)CAPACITY);
}

static void raise_active_code_updates(struct kunit *test)
{
	const struct recorded *ev;
	u64 first = fake_now;

	KUNIT_ASSERT_EQ(test, hms_table_raise(table(test), CODE_FAN, 1200, "fan"), 0);
	fake_now += 10 * MS;
	KUNIT_ASSERT_EQ(test, hms_table_raise(table(test), CODE_FAN, 300, "fan0"), 0);

	KUNIT_ASSERT_EQ(test, n_events(test), 2U);
	ev = last_event(test);
	KUNIT_EXPECT_EQ(test, ev->what, HMS_STATE_RAISED);
	KUNIT_EXPECT_EQ(test, ev->flags, (u32)HMS_F_UPDATE);
	KUNIT_EXPECT_EQ(test, ev->entry.seq, 2ULL);
	KUNIT_EXPECT_EQ(test, ev->entry.count, 2U);
	KUNIT_EXPECT_EQ(test, ev->entry.value, 300LL);
	KUNIT_EXPECT_STREQ(test, ev->entry.source, "fan0");
	KUNIT_EXPECT_EQ(test, ev->entry.first_seen, first);
	KUNIT_EXPECT_EQ(test, ev->entry.last_seen, fake_now);
}

static void source_is_truncated(struct kunit *test)
{
	const char *longname = "a-source-name-much-longer-than-thirty-one-characters";

	KUNIT_ASSERT_EQ(test, hms_table_raise(table(test), CODE_FAN, 0, longname), 0);
	KUNIT_EXPECT_EQ(test, strlen(last_event(test)->entry.source), (size_t)HMS_SOURCE_LEN - 1);
}

static void clear_code(struct kunit *test)
{
	struct hms_table_stats stats;
	struct hms_entry entry;

	KUNIT_ASSERT_EQ(test, hms_table_raise(table(test), CODE_BED, 0, "bed"), 0);
	KUNIT_ASSERT_EQ(test, hms_table_clear(table(test), CODE_BED), 0);

	KUNIT_ASSERT_EQ(test, n_events(test), 2U);
	KUNIT_EXPECT_EQ(test, last_event(test)->what, HMS_STATE_CLEARED);
	KUNIT_EXPECT_EQ(test, last_event(test)->entry.seq, 2ULL);
	KUNIT_EXPECT_EQ(test, hms_table_get(table(test), CODE_BED, &entry), -ENOENT);

	/* Clearing what is not active is an error and announces nothing. */
	KUNIT_EXPECT_EQ(test, hms_table_clear(table(test), CODE_BED), -ENOENT);
	KUNIT_EXPECT_EQ(test, hms_table_clear(table(test), CODE_FAN), -ENOENT);
	KUNIT_EXPECT_EQ(test, n_events(test), 2U);

	hms_table_get_stats(table(test), &stats);
	KUNIT_EXPECT_EQ(test, stats.active, 0U);
	KUNIT_EXPECT_EQ(test, stats.cleared, 1ULL);
}

static void ack_code(struct kunit *test)
{
	struct hms_entry entry;

	KUNIT_EXPECT_EQ(test, hms_table_ack(table(test), CODE_BED), -ENOENT);
	KUNIT_ASSERT_EQ(test, hms_table_raise(table(test), CODE_BED, 0, "bed"), 0);
	KUNIT_ASSERT_EQ(test, hms_table_ack(table(test), CODE_BED), 0);

	KUNIT_ASSERT_EQ(test, n_events(test), 2U);
	KUNIT_EXPECT_EQ(test, last_event(test)->what, HMS_STATE_ACKED);
	KUNIT_EXPECT_EQ(test, last_event(test)->flags, (u32)HMS_F_ACKED);
	KUNIT_ASSERT_EQ(test, hms_table_get(table(test), CODE_BED, &entry), 0);
	KUNIT_EXPECT_TRUE(test, entry.acked);

	/* A second ack changes nothing. */
	KUNIT_EXPECT_EQ(test, hms_table_ack(table(test), CODE_BED), 0);
	KUNIT_EXPECT_EQ(test, n_events(test), 2U);

	/* The ack stays with the fault through an update. */
	KUNIT_ASSERT_EQ(test, hms_table_raise(table(test), CODE_BED, 1, "bed"), 0);
	KUNIT_EXPECT_EQ(test, last_event(test)->flags, (u32)(HMS_F_UPDATE | HMS_F_ACKED));

	KUNIT_ASSERT_EQ(test, hms_table_clear(table(test), CODE_BED), 0);
	KUNIT_EXPECT_EQ(test, hms_table_ack(table(test), CODE_BED), -ENOENT);
}

static void flap_within_window_is_update(struct kunit *test)
{
	const struct recorded *ev;
	u64 first = fake_now;

	KUNIT_ASSERT_EQ(test, hms_table_raise(table(test), CODE_FAN, 0, "fan"), 0);
	fake_now += 5 * MS;
	KUNIT_ASSERT_EQ(test, hms_table_clear(table(test), CODE_FAN), 0);
	fake_now += 999 * MS;
	KUNIT_ASSERT_EQ(test, hms_table_raise(table(test), CODE_FAN, 0, "fan"), 0);

	ev = last_event(test);
	KUNIT_EXPECT_EQ(test, ev->what, HMS_STATE_RAISED);
	KUNIT_EXPECT_EQ(test, ev->flags, (u32)HMS_F_UPDATE);
	KUNIT_EXPECT_EQ(test, ev->entry.count, 2U);
	KUNIT_EXPECT_EQ(test, ev->entry.first_seen, first);
}

static void flap_after_window_is_new(struct kunit *test)
{
	const struct recorded *ev;

	KUNIT_ASSERT_EQ(test, hms_table_raise(table(test), CODE_FAN, 0, "fan"), 0);
	KUNIT_ASSERT_EQ(test, hms_table_ack(table(test), CODE_FAN), 0);
	KUNIT_ASSERT_EQ(test, hms_table_clear(table(test), CODE_FAN), 0);
	fake_now += 1000 * MS;
	KUNIT_ASSERT_EQ(test, hms_table_raise(table(test), CODE_FAN, 0, "fan"), 0);

	ev = last_event(test);
	KUNIT_EXPECT_EQ(test, ev->flags, 0U);
	KUNIT_EXPECT_EQ(test, ev->entry.count, 1U);
	KUNIT_EXPECT_EQ(test, ev->entry.first_seen, fake_now);
	KUNIT_EXPECT_FALSE(test, ev->entry.acked);
}

static void flap_window_zero(struct kunit *test)
{
	hms_table_set_flap_window(table(test), 0);
	KUNIT_ASSERT_EQ(test, hms_table_raise(table(test), CODE_FAN, 0, "fan"), 0);
	KUNIT_ASSERT_EQ(test, hms_table_clear(table(test), CODE_FAN), 0);
	KUNIT_ASSERT_EQ(test, hms_table_raise(table(test), CODE_FAN, 0, "fan"), 0);
	KUNIT_EXPECT_EQ(test, last_event(test)->flags, 0U);
}

static void full_table_drops_and_counts(struct kunit *test)
{
	struct hms_table_stats stats;
	const struct recorded *ev;
	unsigned int i;

	for (i = 0; i < CAPACITY; i++)
		KUNIT_ASSERT_EQ(test, hms_table_raise(table(test), CODE_FAN + i, 0, "x"), 0);

	KUNIT_EXPECT_EQ(test, hms_table_raise(table(test), CODE_BED, 42, "bed"), -ENOSPC);
	ev = last_event(test);
	KUNIT_EXPECT_EQ(test, ev->what, HMS_STATE_DROPPED);
	KUNIT_EXPECT_EQ(test, ev->entry.code, CODE_BED);
	KUNIT_EXPECT_EQ(test, ev->entry.value, 42LL);
	KUNIT_EXPECT_EQ(test, ev->entry.seq, (u64)CAPACITY + 1);

	/* An update of a code already in the table still fits. */
	KUNIT_EXPECT_EQ(test, hms_table_raise(table(test), CODE_FAN, 0, "x"), 0);

	hms_table_get_stats(table(test), &stats);
	KUNIT_EXPECT_EQ(test, stats.dropped, 1ULL);
	KUNIT_EXPECT_EQ(test, stats.active, (u32)CAPACITY);
}

static void cleared_entries_make_room(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < CAPACITY; i++)
		KUNIT_ASSERT_EQ(test, hms_table_raise(table(test), CODE_FAN + i, 0, "x"), 0);
	/* Still in its flap window, but a new fault matters more. */
	KUNIT_ASSERT_EQ(test, hms_table_clear(table(test), CODE_FAN + 2), 0);
	fake_now += MS;
	KUNIT_ASSERT_EQ(test, hms_table_clear(table(test), CODE_FAN + 1), 0);

	KUNIT_EXPECT_EQ(test, hms_table_raise(table(test), CODE_BED, 0, "bed"), 0);
	KUNIT_EXPECT_EQ(test, last_event(test)->flags, 0U);
	/* The longest cleared one went; the other still flaps as an update. */
	KUNIT_EXPECT_EQ(test, hms_table_raise(table(test), CODE_FAN + 1, 0, "x"), 0);
	KUNIT_EXPECT_EQ(test, last_event(test)->flags, (u32)HMS_F_UPDATE);
	KUNIT_EXPECT_EQ(test, hms_table_raise(table(test), CODE_FAN + 2, 0, "x"), -ENOSPC);
}

static void sequence_has_no_gaps(struct kunit *test)
{
	struct fixture *f = test->priv;
	unsigned int i;

	hms_table_raise(table(test), CODE_BED, 0, "a");
	hms_table_raise(table(test), CODE_BED, 1, "a");
	hms_table_ack(table(test), CODE_BED);
	hms_table_ack(table(test), CODE_BED);
	hms_table_clear(table(test), CODE_BED);
	hms_table_clear(table(test), CODE_BED);
	for (i = 0; i <= CAPACITY; i++)
		hms_table_raise(table(test), CODE_FAN + i, 0, "b");

	KUNIT_ASSERT_EQ(test, f->n_events, 4U + CAPACITY + 1);
	for (i = 0; i < f->n_events; i++)
		KUNIT_EXPECT_EQ(test, f->events[i].entry.seq, (u64)i + 1);
	KUNIT_EXPECT_EQ(test, f->under_lock, 0U);
}

struct racer {
	struct work_struct work;
	struct hms_table *table;
	u64 code;
};

static void race(struct work_struct *work)
{
	struct racer *r = container_of(work, struct racer, work);
	unsigned int i;

	for (i = 0; i < 500; i++) {
		hms_table_raise(r->table, r->code, i, "race");
		hms_table_clear(r->table, r->code);
	}
}

/* Announced outside the lock, events from racing callers still leave in order. */
static void racing_changes_stay_in_order(struct kunit *test)
{
	struct fixture *f = test->priv;
	struct racer racers[CAPACITY];
	struct hms_table_stats stats;
	unsigned int i;

	for (i = 0; i < CAPACITY; i++) {
		racers[i] = (struct racer){ .table = table(test), .code = CODE_FAN + i };
		INIT_WORK_ONSTACK(&racers[i].work, race);
		queue_work(system_unbound_wq, &racers[i].work);
	}
	for (i = 0; i < CAPACITY; i++) {
		flush_work(&racers[i].work);
		destroy_work_on_stack(&racers[i].work);
	}

	KUNIT_EXPECT_EQ(test, f->n_events, CAPACITY * 1000U);
	KUNIT_EXPECT_EQ(test, f->out_of_order, 0U);
	hms_table_get_stats(table(test), &stats);
	KUNIT_EXPECT_EQ(test, stats.seq, (u64)CAPACITY * 1000);
}

struct dump_ctx {
	u64 codes[CAPACITY];
	unsigned int n;
	unsigned int room;
};

static int dump_fill(const struct hms_entry *entry, void *data)
{
	struct dump_ctx *ctx = data;

	if (ctx->n == ctx->room)
		return -EMSGSIZE;
	ctx->codes[ctx->n++] = entry->code;
	return 0;
}

static void dump_resumes_by_code(struct kunit *test)
{
	struct dump_ctx ctx = { .room = 2 };
	u64 next = 0;

	hms_table_raise(table(test), CODE_SLOT, 0, "c");
	hms_table_raise(table(test), CODE_FAN, 0, "b");
	hms_table_raise(table(test), CODE_BED, 0, "a");
	hms_table_clear(table(test), CODE_FAN);

	/* In code order, the cleared one left out. */
	KUNIT_EXPECT_EQ(test, hms_table_dump(table(test), &next, dump_fill, &ctx), 0);
	KUNIT_EXPECT_EQ(test, ctx.n, 2U);
	KUNIT_EXPECT_EQ(test, ctx.codes[0], CODE_BED);
	KUNIT_EXPECT_EQ(test, ctx.codes[1], CODE_SLOT);
	KUNIT_EXPECT_EQ(test, next, CODE_SLOT + 1);

	/* A full buffer stops the dump after the last code it took. */
	ctx = (struct dump_ctx){ .room = 1 };
	next = 0;
	KUNIT_EXPECT_EQ(test, hms_table_dump(table(test), &next, dump_fill, &ctx), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, next, CODE_BED + 1);

	/*
	 * Changes on either side of it do not restart it: it goes on from
	 * there, and what changed behind it comes as events.
	 */
	hms_table_clear(table(test), CODE_BED);
	hms_table_raise(table(test), CODE_BED - 1, 0, "d");
	hms_table_raise(table(test), CODE_FAN, 0, "b");
	ctx = (struct dump_ctx){ .room = 2 };
	KUNIT_EXPECT_EQ(test, hms_table_dump(table(test), &next, dump_fill, &ctx), 0);
	KUNIT_EXPECT_EQ(test, ctx.n, 2U);
	KUNIT_EXPECT_EQ(test, ctx.codes[0], CODE_FAN);
	KUNIT_EXPECT_EQ(test, ctx.codes[1], CODE_SLOT);
}

/* max_codes=1: one entry, that a cleared code gives back. */
static void table_of_one(struct kunit *test)
{
	struct fixture *f = test->priv;
	struct hms_table one;

	KUNIT_ASSERT_EQ(test, hms_table_init(&one, 1, fake_clock, record, f), 0);
	KUNIT_EXPECT_EQ(test, hms_table_raise(&one, CODE_BED, 1, "a"), 0);
	KUNIT_EXPECT_EQ(test, hms_table_raise(&one, CODE_FAN, 2, "b"), -ENOSPC);
	KUNIT_EXPECT_EQ(test, hms_table_ack(&one, CODE_BED), 0);
	KUNIT_EXPECT_EQ(test, hms_table_clear(&one, CODE_BED), 0);
	KUNIT_EXPECT_EQ(test, hms_table_ack(&one, CODE_BED), -ENOENT);
	/* The cleared entry makes room. */
	KUNIT_EXPECT_EQ(test, hms_table_raise(&one, CODE_FAN, 2, "b"), 0);
	hms_table_destroy(&one);
}

static struct kunit_case table_test_cases[] = {
	KUNIT_CASE(table_of_one),
	KUNIT_CASE(code_layout),
	KUNIT_CASE(code_validity),
	KUNIT_CASE(raise_new_code),
	KUNIT_CASE(raise_active_code_updates),
	KUNIT_CASE(source_is_truncated),
	KUNIT_CASE(clear_code),
	KUNIT_CASE(ack_code),
	KUNIT_CASE(flap_within_window_is_update),
	KUNIT_CASE(flap_after_window_is_new),
	KUNIT_CASE(flap_window_zero),
	KUNIT_CASE(full_table_drops_and_counts),
	KUNIT_CASE(cleared_entries_make_room),
	KUNIT_CASE(sequence_has_no_gaps),
	KUNIT_CASE(racing_changes_stay_in_order),
	KUNIT_CASE(dump_resumes_by_code),
	{}
};

static struct kunit_suite table_test_suite = {
	.name = "hms_table",
	.init = table_test_init,
	.exit = table_test_exit,
	.test_cases = table_test_cases,
};

kunit_test_suite(table_test_suite);
