/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmsd's history: a sink that appends each change to the history file (its
 * format in history.h) and syncs it to disk before hmsd goes on.
 */
#ifndef HMS_AGENT_HISTORY_SINK_H
#define HMS_AGENT_HISTORY_SINK_H

#include <stddef.h>
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
/* Appends @ev's record and syncs it; FALSE with @error ("cannot write history PATH: why"). */
gboolean hms_history_append(struct hms_history *history, const struct hms_event *ev,
			    GError **error);
void hms_history_close(struct hms_history *history);

/* The record of @ev, as written. */
json_object *hms_history_record(const struct hms_event *ev);

/* A sink appending to @history, which its close() closes. */
struct hms_sink hms_history_sink(struct hms_history *history);

#endif
