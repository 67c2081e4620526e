/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Severity policy: how each severity reaches the user, and the memory that
 * keeps a flapping code from notifying again and again. It decides; the
 * notifier (notify.h) carries the decision out and never asks back. Pure
 * logic: no D-Bus, no I/O but reading its config, so it is tested on its
 * own (agent/tests/test_policy.c).
 */
#ifndef HMS_AGENT_POLICY_H
#define HMS_AGENT_POLICY_H

#include <stdbool.h>
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
	unsigned int max_shown;		/* codes on screen at once; the rest in one summary */
};

/*
 * fatal persistent, serious and common transient for 10 s, info logged; 60 s
 * grace; 5 shown at once
 */
void hms_policy_defaults(struct hms_policy *policy);

/*
 * Reads the [notify] group of @file (see agent/hmsd.conf.example); a missing
 * group keeps the defaults. Every good key is applied and every bad one keeps
 * its default: FALSE then, with @error (HMS_ERROR_INVAL) naming @path, the
 * group and each bad key, one per line. @path is only used in messages.
 */
gboolean hms_policy_load(struct hms_policy *policy, GKeyFile *file, const char *path,
			 GError **error);
/*
 * The same for a file on disk: FALSE with @error when it cannot be read
 * (HMS_ERROR_NOENT, _PERM, _IO) or is no key file (HMS_ERROR_PARSE).
 */
gboolean hms_policy_load_file(struct hms_policy *policy, const char *path, GError **error);

enum hms_notify_mode hms_policy_mode(const struct hms_policy *policy, uint64_t code);
const char *hms_notify_mode_name(enum hms_notify_mode mode);

/* What the notifier is to do about one event. */
enum hms_notify_action {
	HMS_ACTION_NONE,	/* log only, a flap within the grace window, nothing to close */
	HMS_ACTION_SHOW,	/* a new notification */
	HMS_ACTION_UPDATE,	/* the code's notification, updated in place */
	HMS_ACTION_CLOSE,	/* close the code's notification */
};

/* As the desktop notification spec numbers them. */
enum hms_urgency {
	HMS_URGENCY_LOW,
	HMS_URGENCY_NORMAL,
	HMS_URGENCY_CRITICAL,
};

/* The policy's decision: all that the notifier needs to carry it out. */
struct hms_decision {
	enum hms_notify_action action;
	/* SHOW and UPDATE: how the notification looks */
	enum hms_urgency urgency;
	unsigned int timeout_ms;	/* 0: it stays until closed */
	bool persistent;		/* an Acknowledge action, and a click, ack the code */
};

const char *hms_action_name(enum hms_notify_action action);

/* What is remembered of one code's notifications. */
struct hms_memory {
	bool open;		/* its notification is on screen */
	int64_t shown_ms;	/* when it was last shown anew */
	bool dismissed;		/* the server let it go (the user dismissed it) since it was
				 * shown, and the code has not cleared since */
};

/*
 * The decision about @ev at @now_ms (a monotonic clock), from what is
 * remembered of its code (@memory; NULL when nothing). Pure: it changes
 * nothing, and hms_tracker_decide() remembers it. A raise shows a
 * notification, or updates the one still open; a code last shown less than
 * grace_s ago is not shown again. A clear or an acknowledgment closes the
 * code's notification. A raise already acknowledged (HMS_F_ACKED, the
 * kernel's flap window) and a dropped code show nothing. The grace spares
 * only what times out: a persistent code (fatal) raised, not acknowledged,
 * is shown whenever it is not on screen, unless the user dismissed its
 * notification and it has not cleared since.
 */
struct hms_decision hms_policy_decide(const struct hms_policy *policy,
				      const struct hms_memory *memory,
				      const struct hms_event *ev, int64_t now_ms);

/* The memory of what has been notified, per code. */
struct hms_tracker;

struct hms_tracker *hms_tracker_new(const struct hms_policy *policy);
void hms_tracker_free(struct hms_tracker *tracker);

/*
 * hms_policy_decide() with @ev's code's memory, which it then updates as
 * if the decision were carried out: the caller carries it out, and tells
 * the tracker when it could not (hms_tracker_forget()).
 */
struct hms_decision hms_tracker_decide(struct hms_tracker *tracker, const struct hms_event *ev,
				       int64_t now_ms);
/* The server closed @code's notification (timeout, dismissed, action). */
void hms_tracker_closed(struct hms_tracker *tracker, uint64_t code);
/* @code's notification could not be shown: its next raise tries again. */
void hms_tracker_forget(struct hms_tracker *tracker, uint64_t code);
/* Codes currently remembered: open, or within their grace window. */
unsigned int hms_tracker_size(struct hms_tracker *tracker);

#endif
