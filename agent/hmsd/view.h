/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmsd's mirror of the kernel's table of active codes, kept up to date from
 * the events, and rebuilt from a dump when events were lost.
 */
#ifndef HMS_AGENT_VIEW_H
#define HMS_AGENT_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#include "event.h"

/*
 * On a change hmsd made up after a resync rather than received from the
 * kernel. Outside the uapi's flags, which grow from bit 0.
 */
#define HMS_VIEW_F_RESYNC	(1U << 31)
/*
 * On a change a printer's report told (hmsd --desktop), in place of
 * HMS_VIEW_F_RESYNC: the source names the printer, the time is when hmsd
 * saw it.
 */
#define HMS_VIEW_F_REPORTED	(1U << 30)

struct hms_view {
	GHashTable *entries;	/* code (uint64_t *) -> struct hms_event *, in dump form */
	uint64_t seq;		/* the last event reflected in the view */
};

enum hms_view_result {
	HMS_VIEW_CHANGE,	/* in sequence, and news: pass it on */
	HMS_VIEW_KNOWN,		/* in sequence, but the view already reflects it */
	HMS_VIEW_OLD,		/* not after the view's seq: a duplicate, or older than a dump */
	HMS_VIEW_GAP,		/* events were lost before this one: resync */
};

/* Told of each change a resync finds, in order: clears first, then by seq. */
typedef void (*hms_view_change_fn)(const struct hms_event *ev, void *arg);

struct hms_view *hms_view_new(void);
void hms_view_free(struct hms_view *view);

/*
 * Applies an event. Entries are kept as a dump shows them: state
 * HMS_STATE_RAISED, HMS_F_ACKED in flags once acknowledged. An event the
 * view already reflects (its entry's seq is not older) changes nothing.
 * A gap leaves the view as it was.
 */
enum hms_view_result hms_view_apply(struct hms_view *view, const struct hms_event *ev);

/*
 * Replaces the view with a dump of @n entries that reflects every event up
 * to @seq, and calls @fn for each difference: a code gone is "cleared", a
 * new one "raised", one newly acknowledged "acked", one raised again since
 * "raised" (HMS_F_UPDATE when the same fault). Each carries HMS_VIEW_F_RESYNC.
 */
void hms_view_replace(struct hms_view *view, const struct hms_event *entries, size_t n,
		      uint64_t seq, hms_view_change_fn fn, void *arg);

const struct hms_event *hms_view_lookup(const struct hms_view *view, uint64_t code);
/* For a view with no kernel behind it (hmsd --desktop): acknowledged here. */
void hms_view_mark_acked(struct hms_view *view, uint64_t code);
size_t hms_view_size(const struct hms_view *view);
/* The entries, ordered by code; free with g_ptr_array_unref(). */
GPtrArray *hms_view_sorted(const struct hms_view *view);

#endif
