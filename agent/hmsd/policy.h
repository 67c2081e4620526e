/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Severity policy: how each severity reaches the user, and the memory that
 * keeps a flapping code from notifying again and again. Pure logic: no
 * D-Bus, so it is tested on its own (agent/tests/test_policy.c).
 */
#ifndef HMS_AGENT_POLICY_H
#define HMS_AGENT_POLICY_H

#include <stdint.h>
#include <glib.h>

#include "event.h"

#define HMS_POLICY_GROUP "notify"

enum hms_notify_mode {
	HMS_NOTIFY_LOG,		/* log only, no notification */
	HMS_NOTIFY_TRANSIENT,	/* a normal notification that times out */
	HMS_NOTIFY_PERSISTENT,	/* critical, stays until acknowledged */
};

struct hms_policy {
	enum hms_notify_mode mode[HMS_SEVERITY_INFO + 1];	/* by severity */
	unsigned int timeout_ms;	/* of transient notifications, > 0 */
	unsigned int grace_s;		/* at most one new notification per code per grace */
};

/* fatal persistent, serious and common transient for 10 s, info logged; 60 s grace */
void hms_policy_defaults(struct hms_policy *policy);

/*
 * Reads the [notify] group of @file (see agent/hmsd.conf.example); a missing
 * group keeps the defaults. Every good key is applied and every bad one keeps
 * its default: FALSE then, with @error naming @path, the group and each bad
 * key, one per line. @path is only used in messages.
 */
gboolean hms_policy_load(struct hms_policy *policy, GKeyFile *file, const char *path,
			 GError **error);
/* The same for a file on disk: FALSE with @error when it cannot be read. */
gboolean hms_policy_load_file(struct hms_policy *policy, const char *path, GError **error);

enum hms_notify_mode hms_policy_mode(const struct hms_policy *policy, uint64_t code);
const char *hms_notify_mode_name(enum hms_notify_mode mode);

enum hms_decision {
	HMS_DECIDE_NOTHING,	/* log only, or a flap within the grace window */
	HMS_DECIDE_SHOW,	/* a new notification */
	HMS_DECIDE_REPLACE,	/* update the code's notification in place */
	HMS_DECIDE_CLOSE,	/* close the code's notification */
};

const char *hms_decision_name(enum hms_decision decision);

/* What has been notified, per code. */
struct hms_tracker;

struct hms_tracker *hms_tracker_new(const struct hms_policy *policy);
void hms_tracker_free(struct hms_tracker *tracker);

/*
 * What to do about @ev at @now_ms (a monotonic clock), and remembers it: the
 * caller carries the decision out. A raise shows a notification, or replaces
 * the one still open; a code whose last notification was shown less than
 * grace_s ago is not shown again. A clear or an acknowledgment closes the
 * code's notification. A raise already acknowledged (HMS_F_ACKED, the
 * kernel's flap window) and a dropped code show nothing.
 */
enum hms_decision hms_tracker_decide(struct hms_tracker *tracker, const struct hms_event *ev,
				     int64_t now_ms);
/* The server closed @code's notification (timeout, dismissed, action). */
void hms_tracker_closed(struct hms_tracker *tracker, uint64_t code);
/* @code's notification could not be shown: its next raise tries again. */
void hms_tracker_forget(struct hms_tracker *tracker, uint64_t code);
/* Codes currently remembered: open, or within their grace window. */
unsigned int hms_tracker_size(struct hms_tracker *tracker);

#endif
