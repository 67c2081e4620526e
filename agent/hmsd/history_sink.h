/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmsd's history: a sink that appends each change to the history file (its
 * format in history.h) and syncs it to disk before hmsd goes on.
 *
 * Bounded: a line that would take the file past its limit (4 MiB unless
 * [hmsd] history_max_kb says otherwise) first renames it FILE.1, replacing
 * the older one, and starts a new FILE; hmsctl history reads FILE.1, then
 * FILE. And coalesced: of a code's raises and clears, at most one raise and
 * one clear are written in each second (its window, from the first change
 * written); the rest are held back, the latest written when the window ends
 * (or before the code's next ack, or when hmsd stops), superseded by a change
 * in the next window. A line after changes of its code that were not written
 * says how many in "coalesced": N. Acks and drops are always written.
 */
#ifndef HMS_AGENT_HISTORY_SINK_H
#define HMS_AGENT_HISTORY_SINK_H

#include <stddef.h>
#include <stdint.h>
#include <glib.h>
#include <json-c/json.h>

#include "history.h"
#include "sink.h"

struct hms_history;

/*
 * Opens (creates) @path for appending; NULL with @error ("cannot open
 * history PATH: why") on failure.
 */
struct hms_history *hms_history_open(const char *path, GError **error);
/* The file's limit in bytes (0: none) and the coalescing window (0: none). */
void hms_history_set_limits(struct hms_history *history, uint64_t max_bytes,
			    unsigned int window_ms);
/*
 * Appends @ev's record and syncs it, rotating the file first if it would go
 * past its limit; FALSE with @error ("cannot write history PATH: why").
 */
gboolean hms_history_append(struct hms_history *history, const struct hms_event *ev,
			    GError **error);
/* @ev at monotonic time @now_ms, coalesced: written, or held back. */
gboolean hms_history_change(struct hms_history *history, const struct hms_event *ev,
			    int64_t now_ms, GError **error);
/* Writes the changes held back whose window ended by @now_ms (INT64_MAX: all). */
gboolean hms_history_flush(struct hms_history *history, int64_t now_ms, GError **error);
void hms_history_close(struct hms_history *history);

/* The record of @ev, as written. */
json_object *hms_history_record(const struct hms_event *ev);

/* A sink appending to @history, which its close() closes. */
struct hms_sink hms_history_sink(struct hms_history *history);

#endif
