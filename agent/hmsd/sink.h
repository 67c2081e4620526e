/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where hmsd passes on what happens to the codes: the journal, the history
 * file, desktop notifications and MQTT (one *_sink.c each).
 */
#ifndef HMS_AGENT_SINK_H
#define HMS_AGENT_SINK_H

#include "event.h"
#include "view.h"

struct hms_sink {
	const char *name;
	/*
	 * Every change, as the kernel announced it or as a resync found it
	 * (HMS_VIEW_F_RESYNC in ev->flags), with @view already showing it.
	 */
	void (*change)(void *ctx, const struct hms_event *ev, const struct hms_view *view);
	/* Optional: after a resync's changes, for sinks that publish the whole table. */
	void (*resynced)(void *ctx, const struct hms_view *view);
	/* Optional: hmsd is leaving; frees @ctx. */
	void (*close)(void *ctx);
	void *ctx;
};

#endif
