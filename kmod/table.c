// SPDX-License-Identifier: GPL-2.0
/*
 * The central table of active health codes: a hash for lookups, a list in
 * order of first raise for dumps, and a pool allocated up front, so that a
 * fault storm under memory pressure still finds room or is counted as a
 * drop, never lost.
 *
 * A cleared entry stays in the table, inactive, for the flap window: a
 * raise within the window revives it as an update of the same fault.
 */

#include <linux/hash.h>
#include <linux/lockdep.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "table.h"

static struct hlist_head *bucket(struct hms_table *table, u64 code)
{
	return &table->buckets[hash_64(code, table->hash_bits)];
}

static bool in_flap_window(struct hms_table *table, const struct hms_entry *entry, u64 now)
{
	return now - entry->cleared_at < (u64)table->stats.flap_window_ms * NSEC_PER_MSEC;
}

static void release(struct hms_table *table, struct hms_entry *entry)
{
	lockdep_assert_held(&table->lock);
	hlist_del(&entry->hash_node);
	list_move(&entry->node, &table->free);
	table->generation++;
}

/* Finds @code, forgetting it if it was cleared longer than the flap window ago. */
static struct hms_entry *lookup(struct hms_table *table, u64 code, u64 now)
{
	struct hms_entry *entry;

	lockdep_assert_held(&table->lock);
	hlist_for_each_entry(entry, bucket(table, code), hash_node) {
		if (entry->code != code)
			continue;
		if (!entry->active && !in_flap_window(table, entry, now)) {
			release(table, entry);
			return NULL;
		}
		return entry;
	}
	return NULL;
}

/* A free entry, or the longest cleared one when the pool is used up. */
static struct hms_entry *take_entry(struct hms_table *table)
{
	struct hms_entry *entry, *oldest = NULL;

	lockdep_assert_held(&table->lock);
	entry = list_first_entry_or_null(&table->free, struct hms_entry, node);
	if (entry)
		return entry;

	list_for_each_entry(entry, &table->entries, node) {
		if (!entry->active && (!oldest || entry->cleared_at < oldest->cleared_at))
			oldest = entry;
	}
	if (oldest)
		release(table, oldest);
	return oldest;
}

static void announce(struct hms_table *table, struct hms_entry *entry, u8 what, bool update,
		     u64 now)
{
	u32 flags = 0;

	/* Under the lock, so that events leave in sequence order. */
	lockdep_assert_held(&table->lock);
	entry->seq = ++table->stats.seq;
	entry->time_boot = now;
	entry->time_real = ktime_get_real_ns();
	if (update)
		flags |= HMS_F_UPDATE;
	if (entry->acked)
		flags |= HMS_F_ACKED;
	table->notify(entry, what, flags, table->priv);
}

int hms_table_raise(struct hms_table *table, u64 code, s64 value, const char *source)
{
	struct hms_entry *entry;
	bool update = true;
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
			announce(table, &dropped, HMS_STATE_DROPPED, false, now);
			mutex_unlock(&table->lock);
			return -ENOSPC;
		}
		*entry = (struct hms_entry){
			.node = entry->node,
			.code = code,
			.first_seen = now,
		};
		hlist_add_head(&entry->hash_node, bucket(table, code));
		list_move_tail(&entry->node, &table->entries);
		table->generation++;
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
	table->generation++;
	announce(table, entry, HMS_STATE_RAISED, update, now);
	mutex_unlock(&table->lock);
	return 0;
}

int hms_table_clear(struct hms_table *table, u64 code)
{
	struct hms_entry *entry;
	u64 now;
	int err = -ENOENT;

	mutex_lock(&table->lock);
	now = table->now();
	entry = lookup(table, code, now);
	if (entry && entry->active) {
		entry->active = false;
		entry->cleared_at = now;
		table->stats.active--;
		table->stats.cleared++;
		table->generation++;
		announce(table, entry, HMS_STATE_CLEARED, false, now);
		err = 0;
	}
	mutex_unlock(&table->lock);
	return err;
}

int hms_table_ack(struct hms_table *table, u64 code)
{
	struct hms_entry *entry;
	u64 now;
	int err = -ENOENT;

	mutex_lock(&table->lock);
	now = table->now();
	entry = lookup(table, code, now);
	if (entry && entry->active) {
		if (!entry->acked) {
			entry->acked = true;
			table->stats.acked++;
			table->generation++;
			announce(table, entry, HMS_STATE_ACKED, false, now);
		}
		err = 0;
	}
	mutex_unlock(&table->lock);
	return err;
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

int hms_table_dump(struct hms_table *table, unsigned long *cursor, u64 *generation,
		   int (*fill)(const struct hms_entry *entry, void *ctx), void *ctx)
{
	struct hms_entry *entry;
	unsigned long pos = 0;
	int err = 0;

	mutex_lock(&table->lock);
	*generation = table->generation;
	list_for_each_entry(entry, &table->entries, node) {
		if (!entry->active)
			continue;
		if (pos++ < *cursor)
			continue;
		err = fill(entry, ctx);
		if (err)
			break;
		(*cursor)++;
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
}

int hms_table_init(struct hms_table *table, unsigned int capacity,
		   u64 (*now)(void), hms_notify_t notify, void *priv)
{
	unsigned int i;

	if (!capacity)
		return -EINVAL;

	memset(table, 0, sizeof(*table));
	/* At least two buckets: hash_64(code, 0) would shift by 64. */
	table->hash_bits = max(order_base_2(capacity), 1);
	table->buckets = kcalloc(1U << table->hash_bits, sizeof(*table->buckets), GFP_KERNEL);
	table->pool = kcalloc(capacity, sizeof(*table->pool), GFP_KERNEL);
	if (!table->buckets || !table->pool) {
		kfree(table->buckets);
		kfree(table->pool);
		return -ENOMEM;
	}

	mutex_init(&table->lock);
	INIT_LIST_HEAD(&table->entries);
	INIT_LIST_HEAD(&table->free);
	for (i = 0; i < capacity; i++)
		list_add_tail(&table->pool[i].node, &table->free);
	table->generation = 1;	/* 0 tells netlink a dump has not started */
	table->now = now;
	table->notify = notify;
	table->priv = priv;
	table->stats.capacity = capacity;
	return 0;
}

void hms_table_destroy(struct hms_table *table)
{
	mutex_destroy(&table->lock);
	kfree(table->buckets);
	kfree(table->pool);
}
