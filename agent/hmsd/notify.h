/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Desktop notifications (libnotify): carries out the policy's decisions
 * (policy.h) and never asks the policy anything; what happens on screen
 * afterwards (an acknowledgment, a notification the server closed) goes to
 * its owner's callbacks. Needs a GLib main loop on the default context:
 * actions and the server's closing of notifications arrive through it.
 */
#ifndef HMS_AGENT_NOTIFY_H
#define HMS_AGENT_NOTIFY_H

#include <stdint.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "policy.h"

/* Something happened on screen to @code's notification. */
typedef void (*hms_code_cb)(uint64_t code, void *ctx);

struct hms_notifier;

/*
 * @acked: the user pressed "Acknowledge" (send HMS_CMD_ACK for it).
 * @closed: the server let @code's notification go (timeout, dismissed, an
 * action). Never fails: no server is not an error.
 */
struct hms_notifier *hms_notifier_new(hms_code_cb acked, hms_code_cb closed, void *ctx);
/*
 * Carries out @decision for @code: shows, updates or closes its
 * notification. @summary and @body are the text (NULL summary: the code
 * itself), @image an optional picture (a QR code to the code's article).
 * FALSE when a notification to show or update could not be: none of @code's
 * is on screen then. With no notification server this logs once, and tries
 * again on later decisions.
 */
gboolean hms_notifier_apply(struct hms_notifier *notifier, uint64_t code,
			    const struct hms_decision *decision, const char *summary,
			    const char *body, GdkPixbuf *image);
/* Closes what is still on screen: its Acknowledge would reach no one. */
void hms_notifier_free(struct hms_notifier *notifier);

#endif
