/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Desktop notifications (libnotify) for health events, as the severity
 * policy says. Needs a GLib main loop on the default context: actions and
 * the server's closing of notifications arrive through it.
 */
#ifndef HMS_AGENT_NOTIFY_H
#define HMS_AGENT_NOTIFY_H

#include <stdint.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "event.h"
#include "policy.h"

/* The user acknowledged @code on screen: send HMS_CMD_ACK for it. */
typedef void (*hms_ack_cb)(uint64_t code, void *ctx);

struct hms_notifier;

/* @policy must outlive the notifier. Never fails: no server is not an error. */
struct hms_notifier *hms_notifier_new(const struct hms_policy *policy, hms_ack_cb ack,
				      void *ctx);
/*
 * Shows, updates or closes @ev's notification. @summary and @body are the
 * text (NULL summary: the code itself), @image an optional picture (a QR
 * code to the code's article). With no notification server this logs once,
 * and tries again on later events.
 */
void hms_notifier_event(struct hms_notifier *notifier, const struct hms_event *ev,
			const char *summary, const char *body, GdkPixbuf *image);
/* Closes what is still on screen: its Acknowledge would reach no one. */
void hms_notifier_free(struct hms_notifier *notifier);

#endif
