/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The history file: one JSON object per change, one per line, appended and
 * synced to disk by hmsd before it goes on (history_sink.h). A record has
 * the fields
 *   time (UTC, ISO 8601, ms), seq, code (HMS_...), state (raised, cleared,
 *   acked, dropped), severity, value, source, acked, count
 * and "update": true for a fault raised again, "resync": true for a change
 * hmsd found by dumping the table after events were lost, "coalesced": N
 * for N changes of the code before this one that hmsd did not write (a
 * flapping code). FILE.1, if there is one, holds the records before FILE's.
 */
#ifndef HMS_AGENT_HISTORY_H
#define HMS_AGENT_HISTORY_H

#include <stddef.h>
#include <glib.h>
#include <json-c/json.h>

#include "log.h"

#define HMS_HISTORY_DEFAULT "/var/lib/hms/history.jsonl"
/* hmsd's limits on it (history_sink.h): FILE.1 past 4 MiB; 1 s windows. */
#define HMS_HISTORY_MAX_BYTES (4096 * 1024ULL)
#define HMS_HISTORY_WINDOW_MS 1000

/*
 * The last @last records of @path (all if 0), oldest first, as a JSON
 * array. A torn or corrupt line is skipped with a warning to @warn
 * ("FILE:LINE: skipped: why"; @warn may be NULL) and the rest kept. NULL
 * with @error ("cannot read history FILE: why"; HMS_ERROR_NOENT, _PERM,
 * _IO) if the file cannot be read.
 */
json_object *hms_history_read(const char *path, size_t last, hms_warn_fn warn, void *arg,
			      GError **error);

#endif
