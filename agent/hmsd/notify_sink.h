/* SPDX-License-Identifier: GPL-2.0 */
/* hmsd's desktop notifications: a sink that words each code for a person. */
#ifndef HMS_AGENT_NOTIFY_SINK_H
#define HMS_AGENT_NOTIFY_SINK_H

#include "codedb.h"
#include "notify.h"
#include "sink.h"

struct hms_notify_sink_config {
	const struct hms_policy *policy;
	const struct hms_codedb *db;	/* the words; may be NULL */
	const char *lang;
	const char *wiki;		/* the wiki link's template; NULL: the default */
	hms_ack_cb ack;			/* the user pressed "Acknowledge" */
	void *ack_ctx;
};

/* The sink; its close frees it and closes what is still on screen. */
struct hms_sink hms_notify_sink(const struct hms_notify_sink_config *config);

#endif
