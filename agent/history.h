/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The history file: one JSON object per change, one per line, appended and
 * synced to disk before hmsd goes on. A record has the fields
 *   time (UTC, ISO 8601, ms), seq, code (HMS_...), state (raised, cleared,
 *   acked, dropped), severity, value, source, acked, count
 * and "update": true for a fault raised again, "resync": true for a change
 * hmsd found by dumping the table after events were lost.
 */
#ifndef HMS_AGENT_HISTORY_H
#define HMS_AGENT_HISTORY_H

#include <stddef.h>
#include <json-c/json.h>

#include "sink.h"

#define HMS_HISTORY_DEFAULT "/var/lib/hms/history.jsonl"

struct hms_history;

/* Opens (creates) @path for appending; NULL with @error set on failure. */
struct hms_history *hms_history_open(const char *path, char *error, size_t len);
/* Appends @ev's record and syncs it; 0, or a negative errno with @error set. */
int hms_history_append(struct hms_history *history, const struct hms_event *ev,
		       char *error, size_t len);
void hms_history_close(struct hms_history *history);

/* The record of @ev, as written. */
json_object *hms_history_record(const struct hms_event *ev);

/* A sink appending to @history, which its close() closes. */
struct hms_sink hms_history_sink(struct hms_history *history);

/* Told of each line the reader skips: "FILE:LINE: why". */
typedef void (*hms_history_warn_fn)(const char *warning, void *arg);

/*
 * The last @last records of @path (all if 0), oldest first, as a JSON
 * array. A torn or corrupt line is skipped with a warning and the rest
 * kept. NULL with @error set if the file cannot be read.
 */
json_object *hms_history_read(const char *path, size_t last, hms_history_warn_fn warn,
			      void *arg, char *error, size_t len);

#endif
