/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Desktop notifications (org.freedesktop.Notifications over GDBus, every
 * call asynchronous: hmsd's loop never waits for the server): carries out
 * the policy's decisions (policy.h) and never asks the policy anything;
 * what happens on screen afterwards (an acknowledgment, a notification the
 * server closed, one it refused) goes to its owner's callbacks. At most
 * max_shown codes are on screen at once; the others wait, counted in one
 * summary notification updated in place, persistent ones first in line.
 * A persistent notification stays until its code is closed: when the
 * server goes away and comes back (crashed, the session restarted), it is
 * shown again. Needs a GLib main loop on the default context.
 */
#ifndef HMS_AGENT_NOTIFY_H
#define HMS_AGENT_NOTIFY_H

#include <stdint.h>

#include "policy.h"

/* Something happened on screen to @code's notification. */
typedef void (*hms_code_cb)(uint64_t code, void *ctx);

struct hms_notifier_config {
	hms_code_cb acked;	/* the user pressed "Acknowledge" (send HMS_CMD_ACK) */
	hms_code_cb closed;	/* the server let it go (timeout, dismissed, an action) */
	hms_code_cb lost;	/* it could not be shown: none of @code's is on screen */
	void *ctx;
	unsigned int max_shown;	/* codes on screen at once, >= 1 */
};

struct hms_notifier;

/* Never fails: no server is not an error. */
struct hms_notifier *hms_notifier_new(const struct hms_notifier_config *config);
/*
 * Carries out @decision for @code: shows, updates or closes its
 * notification. @summary and @body are the text (NULL summary: the code
 * itself), @link an optional URL appended to the body (a hyperlink where
 * the server has body-hyperlinks), whose QR code is the image; it is drawn
 * only when the notification is sent, not for codes that wait. Returns at once; FALSE when there is no session
 * bus at all (none of @code's is on screen then); a server that refuses
 * later is told through @lost. With no notification server this logs
 * once, and tries again on later decisions.
 */
gboolean hms_notifier_apply(struct hms_notifier *notifier, uint64_t code,
			    const struct hms_decision *decision, const char *summary,
			    const char *body, const char *link);
/* Closes what is still on screen: its Acknowledge would reach no one. */
void hms_notifier_free(struct hms_notifier *notifier);

#endif
