// SPDX-License-Identifier: GPL-2.0
/*
 * hmsd's mirror of the kernel's table: events applied in sequence, and a
 * dump turned into the changes it implies, so that what listens to hmsd sees
 * one consistent stream even across lost events.
 */
#include <stdlib.h>

#include "view.h"

struct hms_view *hms_view_new(void)
{
	struct hms_view *view = g_new0(struct hms_view, 1);

	/* The key points into the value: one allocation per entry. */
	view->entries = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, g_free);
	return view;
}

void hms_view_free(struct hms_view *view)
{
	if (!view)
		return;
	g_hash_table_destroy(view->entries);
	g_free(view);
}

const struct hms_event *hms_view_lookup(const struct hms_view *view, uint64_t code)
{
	return g_hash_table_lookup(view->entries, &code);
}

void hms_view_mark_acked(struct hms_view *view, uint64_t code)
{
	struct hms_event *entry = g_hash_table_lookup(view->entries, &code);

	if (entry)
		entry->flags |= HMS_F_ACKED;
}

size_t hms_view_size(const struct hms_view *view)
{
	return g_hash_table_size(view->entries);
}

/* Stores @ev as the entry of its code, in the form a dump shows it. */
static void store(struct hms_view *view, const struct hms_event *ev)
{
	struct hms_event *entry = g_memdup2(ev, sizeof(*ev));

	entry->state = HMS_STATE_RAISED;
	entry->flags &= HMS_F_ACKED;
	g_hash_table_replace(view->entries, &entry->code, entry);
}

enum hms_view_result hms_view_apply(struct hms_view *view, const struct hms_event *ev)
{
	const struct hms_event *entry;

	if (ev->seq <= view->seq)
		return HMS_VIEW_OLD;
	if (ev->seq != view->seq + 1)
		return HMS_VIEW_GAP;
	view->seq = ev->seq;

	entry = hms_view_lookup(view, ev->code);
	if (entry && entry->seq >= ev->seq)
		return HMS_VIEW_KNOWN;
	switch (ev->state) {
	case HMS_STATE_RAISED:
	case HMS_STATE_ACKED:
		store(view, ev);
		return HMS_VIEW_CHANGE;
	case HMS_STATE_CLEARED:
		/* Not in the view: a dump already showed it gone. */
		if (!entry)
			return HMS_VIEW_KNOWN;
		g_hash_table_remove(view->entries, &ev->code);
		return HMS_VIEW_CHANGE;
	case HMS_STATE_DROPPED:
		return HMS_VIEW_CHANGE;	/* the table is full: news, but no entry */
	default:
		return HMS_VIEW_KNOWN;
	}
}

/* GLib 2.74 sorts pointer arrays by pointers to their elements. */
static int by_seq(const void *a, const void *b)
{
	const struct hms_event *x = *(void *const *)a, *y = *(void *const *)b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static GPtrArray *entries_of(GHashTable *table)
{
	GPtrArray *array = g_ptr_array_sized_new(g_hash_table_size(table));
	GHashTableIter iter;
	gpointer entry;

	g_hash_table_iter_init(&iter, table);
	while (g_hash_table_iter_next(&iter, NULL, &entry))
		g_ptr_array_add(array, entry);
	return array;
}

static void tell(hms_view_change_fn fn, void *arg, const struct hms_event *entry,
		 uint8_t state, uint32_t flags)
{
	struct hms_event ev = *entry;

	ev.state = state;
	ev.flags = flags | HMS_VIEW_F_RESYNC;
	if (fn)
		fn(&ev, arg);
}

/* What became of each code of the old view that the dump no longer holds. */
static void tell_cleared(GHashTable *old, GHashTable *dumped, uint64_t seq,
			 hms_view_change_fn fn, void *arg)
{
	GPtrArray *gone = entries_of(old);
	struct hms_event ev;
	guint i;

	for (i = gone->len; i-- > 0;) {
		const struct hms_event *entry = gone->pdata[i];

		if (g_hash_table_contains(dumped, &entry->code))
			g_ptr_array_remove_index_fast(gone, i);
	}
	g_ptr_array_sort(gone, (GCompareFunc)by_seq);
	for (i = 0; i < gone->len; i++) {
		ev = *(struct hms_event *)gone->pdata[i];
		ev.seq = seq;	/* cleared no later than the dump */
		tell(fn, arg, &ev, HMS_STATE_CLEARED, ev.flags);
	}
	g_ptr_array_unref(gone);
}

/* What the dump says of @entry, which the old view had as @was (or not). */
static void tell_difference(const struct hms_event *was, const struct hms_event *entry,
			    hms_view_change_fn fn, void *arg)
{
	bool acked = entry->flags & HMS_F_ACKED;

	if (!was) {
		tell(fn, arg, entry, HMS_STATE_RAISED, entry->flags);
	} else if (acked && !(was->flags & HMS_F_ACKED)) {
		tell(fn, arg, entry, HMS_STATE_ACKED, entry->flags);
	} else if (was->seq != entry->seq) {
		/* The kernel keeps the first seen time of the same fault. */
		tell(fn, arg, entry, HMS_STATE_RAISED,
		     entry->flags | (was->first_seen == entry->first_seen ? HMS_F_UPDATE : 0));
	}
}

void hms_view_replace(struct hms_view *view, const struct hms_event *entries, size_t n,
		      uint64_t seq, hms_view_change_fn fn, void *arg)
{
	GHashTable *old = view->entries;
	GPtrArray *sorted;
	size_t i;

	view->entries = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, g_free);
	view->seq = seq;
	for (i = 0; i < n; i++)
		store(view, &entries[i]);

	tell_cleared(old, view->entries, seq, fn, arg);
	sorted = entries_of(view->entries);
	g_ptr_array_sort(sorted, (GCompareFunc)by_seq);
	for (i = 0; i < sorted->len; i++) {
		const struct hms_event *entry = sorted->pdata[i];

		tell_difference(g_hash_table_lookup(old, &entry->code), entry, fn, arg);
	}
	g_ptr_array_unref(sorted);
	g_hash_table_destroy(old);
}

static int by_code(const void *a, const void *b)
{
	const struct hms_event *x = *(void *const *)a, *y = *(void *const *)b;

	return x->code < y->code ? -1 : x->code > y->code;
}

GPtrArray *hms_view_sorted(const struct hms_view *view)
{
	GPtrArray *sorted = entries_of(view->entries);

	g_ptr_array_sort(sorted, (GCompareFunc)by_code);
	return sorted;
}
