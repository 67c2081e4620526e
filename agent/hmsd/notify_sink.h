/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmsd's desktop notifications: a sink that passes each event to the
 * policy (policy.h), words the code for a person when the decision shows
 * it, and hands decision and words to the notifier (notify.h).
 */
#ifndef HMS_AGENT_NOTIFY_SINK_H
#define HMS_AGENT_NOTIFY_SINK_H

#include "codedb.h"
#include "notify.h"
#include "policy.h"
#include "sink.h"

struct hms_notify_sink_config {
	const struct hms_policy *policy;	/* must outlive the sink */
	const struct hms_codedb *db;	/* the words; may be NULL */
	const char *lang;
	const char *wiki;		/* the wiki link's template; NULL: the default */
	hms_code_cb ack;		/* the user pressed "Acknowledge" */
	void *ack_ctx;
};

/* The sink; its close frees it and closes what is still on screen. */
struct hms_sink hms_notify_sink(const struct hms_notify_sink_config *config);

/*
 * What the sink's change() does, with words of the caller's own instead of
 * the code database's: @ev through the policy, and the decision carried
 * out with @summary, @body and @link. @ctx is the sink's. For
 * tests/tools/notify-driver.
 */
void hms_notify_sink_deliver(void *ctx, const struct hms_event *ev, const char *summary,
			     const char *body, const char *link);

#endif
