// SPDX-License-Identifier: GPL-2.0
/*
 * The central table of active health codes: a tree by code, for lookups
 * and for dumps that resume where they stopped, and a pool allocated up
 * front, so that a fault storm under memory pressure still finds room or
 * is counted as a drop, never lost.
 *
 * A cleared entry stays in the table, inactive, for the flap window: a
 * raise within the window revives it as an update of the same fault.
 *
 * A change is numbered under the table lock and announced after it is
 * released: each announcement waits for the one numbered before it, so
 * events still leave in sequence order.
 */

#include <linux/lockdep.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "table.h"

/* What a change announces: the entry as it was then. */
struct change {
	struct hms_entry entry;
	u8 what;
	u32 flags;
};

static struct hms_entry *entry_of(const struct rb_node *node)
{
	return rb_entry(node, struct hms_entry, tree_node);
}

static bool entry_less(struct rb_node *a, const struct rb_node *b)
{
	return entry_of(a)->code < entry_of(b)->code;
}

static int code_cmp(const void *key, const struct rb_node *node)
{
	u64 code = *(const u64 *)key;

	return code < entry_of(node)->code ? -1 : code > entry_of(node)->code;
}

static bool in_flap_window(struct hms_table *table, const struct hms_entry *entry, u64 now)
{
	return now - entry->cleared_at < (u64)table->stats.flap_window_ms * NSEC_PER_MSEC;
}

static void release(struct hms_table *table, struct hms_entry *entry)
{
	lockdep_assert_held(&table->lock);
	rb_erase(&entry->tree_node, &table->tree);
	list_add(&entry->free_node, &table->free);
}

/* Finds @code, forgetting it if it was cleared longer than the flap window ago. */
static struct hms_entry *lookup(struct hms_table *table, u64 code, u64 now)
{
	struct rb_node *node = rb_find(&code, &table->tree, code_cmp);
	struct hms_entry *entry;

	lockdep_assert_held(&table->lock);
	if (!node)
		return NULL;
	entry = entry_of(node);
	if (!entry->active && !in_flap_window(table, entry, now)) {
		release(table, entry);
		return NULL;
	}
	return entry;
}

/* A free entry, or the longest cleared one when the pool is used up. */
static struct hms_entry *take_entry(struct hms_table *table)
{
	struct hms_entry *entry, *oldest = NULL;
	struct rb_node *node;

	lockdep_assert_held(&table->lock);
	entry = list_first_entry_or_null(&table->free, struct hms_entry, free_node);
	if (entry) {
		list_del(&entry->free_node);
		return entry;
	}

	for (node = rb_first(&table->tree); node; node = rb_next(node)) {
		entry = entry_of(node);
		if (!entry->active && (!oldest || entry->cleared_at < oldest->cleared_at))
			oldest = entry;
	}
	if (oldest)
		rb_erase(&oldest->tree_node, &table->tree);
	return oldest;
}

/* Numbers a change of @entry, and keeps what announce() will send. */
static void record(struct hms_table *table, struct hms_entry *entry, u8 what, bool update,
		   u64 now, struct change *change)
{
	lockdep_assert_held(&table->lock);
	entry->seq = ++table->stats.seq;
	entry->time_boot = now;
	entry->time_real = ktime_get_real_ns();
	change->entry = *entry;
	change->what = what;
	change->flags = (update ? HMS_F_UPDATE : 0) | (entry->acked ? HMS_F_ACKED : 0);
}

static bool is_turn_of(struct hms_table *table, u64 seq)
{
	return atomic64_read_acquire(&table->announced) == seq - 1;
}

/*
 * Without the table lock: the events before this one were numbered under
 * it and are being announced, each without waiting for a later one.
 */
static void announce(struct hms_table *table, const struct change *change)
{
	u64 seq = change->entry.seq;

	wait_event(table->turn, is_turn_of(table, seq));
	table->notify(&change->entry, change->what, change->flags, table->priv);
	atomic64_set_release(&table->announced, seq);
	wake_up_all(&table->turn);
}

int hms_table_raise(struct hms_table *table, u64 code, s64 value, const char *source)
{
	struct hms_entry *entry;
	struct change change;
	bool update = true;
	int err = 0;
	u64 now;

	mutex_lock(&table->lock);
	now = table->now();
	entry = lookup(table, code, now);
	if (!entry) {
		entry = take_entry(table);
		if (!entry) {
			struct hms_entry dropped = { .code = code, .value = value };

			strscpy(dropped.source, source, sizeof(dropped.source));
			table->stats.dropped++;
			record(table, &dropped, HMS_STATE_DROPPED, false, now, &change);
			err = -ENOSPC;
			goto unlock;
		}
		*entry = (struct hms_entry){
			.code = code,
			.first_seen = now,
		};
		rb_add(&entry->tree_node, &table->tree, entry_less);
		update = false;
	}

	if (!entry->active)
		table->stats.active++;
	entry->active = true;
	entry->value = value;
	strscpy(entry->source, source, sizeof(entry->source));
	entry->count++;
	entry->last_seen = now;
	table->stats.raised++;
	record(table, entry, HMS_STATE_RAISED, update, now, &change);
unlock:
	mutex_unlock(&table->lock);
	announce(table, &change);
	return err;
}

int hms_table_clear(struct hms_table *table, u64 code)
{
	struct hms_entry *entry;
	struct change change;
	u64 now;

	mutex_lock(&table->lock);
	now = table->now();
	entry = lookup(table, code, now);
	if (!entry || !entry->active) {
		mutex_unlock(&table->lock);
		return -ENOENT;
	}
	entry->active = false;
	entry->cleared_at = now;
	table->stats.active--;
	table->stats.cleared++;
	record(table, entry, HMS_STATE_CLEARED, false, now, &change);
	mutex_unlock(&table->lock);
	announce(table, &change);
	return 0;
}

int hms_table_ack(struct hms_table *table, u64 code)
{
	struct hms_entry *entry;
	struct change change;
	u64 now;

	mutex_lock(&table->lock);
	now = table->now();
	entry = lookup(table, code, now);
	if (!entry || !entry->active) {
		mutex_unlock(&table->lock);
		return -ENOENT;
	}
	if (entry->acked) {
		mutex_unlock(&table->lock);
		return 0;
	}
	entry->acked = true;
	table->stats.acked++;
	record(table, entry, HMS_STATE_ACKED, false, now, &change);
	mutex_unlock(&table->lock);
	announce(table, &change);
	return 0;
}

int hms_table_get(struct hms_table *table, u64 code, struct hms_entry *copy)
{
	struct hms_entry *entry;
	int err = -ENOENT;

	mutex_lock(&table->lock);
	entry = lookup(table, code, table->now());
	if (entry && entry->active) {
		*copy = *entry;
		err = 0;
	}
	mutex_unlock(&table->lock);
	return err;
}

/* The first entry whose code is @code or above. */
static struct rb_node *first_from(struct hms_table *table, u64 code)
{
	struct rb_node *node = table->tree.rb_node, *found = NULL;

	while (node) {
		if (entry_of(node)->code < code) {
			node = node->rb_right;
		} else {
			found = node;
			node = node->rb_left;
		}
	}
	return found;
}

int hms_table_dump(struct hms_table *table, u64 *next,
		   int (*fill)(const struct hms_entry *entry, void *ctx), void *ctx)
{
	struct rb_node *node;
	int err = 0;

	mutex_lock(&table->lock);
	for (node = first_from(table, *next); node; node = rb_next(node)) {
		const struct hms_entry *entry = entry_of(node);

		if (!entry->active)
			continue;
		err = fill(entry, ctx);
		if (err)
			break;
		/* No valid code is all ones: severity 0xffff. */
		*next = entry->code + 1;
	}
	mutex_unlock(&table->lock);
	return err;
}

void hms_table_set_flap_window(struct hms_table *table, unsigned int ms)
{
	mutex_lock(&table->lock);
	table->stats.flap_window_ms = ms;
	mutex_unlock(&table->lock);
}

void hms_table_get_stats(struct hms_table *table, struct hms_table_stats *stats)
{
	mutex_lock(&table->lock);
	*stats = table->stats;
	mutex_unlock(&table->lock);
	/* What a listener can have seen: events numbered later are not sent yet. */
	stats->seq = atomic64_read_acquire(&table->announced);
}

int hms_table_init(struct hms_table *table, unsigned int capacity,
		   u64 (*now)(void), hms_notify_t notify, void *priv)
{
	unsigned int i;

	if (!capacity)
		return -EINVAL;

	memset(table, 0, sizeof(*table));
	table->pool = kcalloc(capacity, sizeof(*table->pool), GFP_KERNEL);
	if (!table->pool)
		return -ENOMEM;

	mutex_init(&table->lock);
	table->tree = RB_ROOT;
	INIT_LIST_HEAD(&table->free);
	for (i = 0; i < capacity; i++)
		list_add_tail(&table->pool[i].free_node, &table->free);
	table->now = now;
	table->notify = notify;
	table->priv = priv;
	table->stats.capacity = capacity;
	atomic64_set(&table->announced, 0);
	init_waitqueue_head(&table->turn);
	return 0;
}

void hms_table_destroy(struct hms_table *table)
{
	mutex_destroy(&table->lock);
	kfree(table->pool);
}
