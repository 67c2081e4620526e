// SPDX-License-Identifier: GPL-2.0
/* Health events as desktop notifications, through libnotify. */
#define G_LOG_DOMAIN "hms-notify"

#include <libnotify/notify.h>

#include "code.h"
#include "notify.h"

#define APP_NAME "hms"
#define CATEGORY "device.error"
#define CODE_KEY "hms-code"

struct hms_notifier {
	const struct hms_policy *policy;
	struct hms_tracker *tracker;
	GHashTable *open;		/* code (gint64 *) -> its NotifyNotification */
	hms_ack_cb ack;
	void *ctx;
	gboolean server_missing;	/* said so already: quiet until one answers */
};

static uint64_t code_of(NotifyNotification *nn)
{
	return *(const uint64_t *)g_object_get_data(G_OBJECT(nn), CODE_KEY);
}

static void on_action(NotifyNotification *nn, char *action, gpointer data)
{
	struct hms_notifier *notifier = data;

	(void)action;
	notifier->ack(code_of(nn), notifier->ctx);
}

/* Timed out, dismissed, or an action was invoked: the server let it go. */
static void on_closed(NotifyNotification *nn, gpointer data)
{
	struct hms_notifier *notifier = data;
	uint64_t code = code_of(nn);

	if (g_hash_table_lookup(notifier->open, &code) != nn)
		return;
	g_hash_table_remove(notifier->open, &code);
	hms_tracker_closed(notifier->tracker, code);
}

static void drop_notification(gpointer data)
{
	g_signal_handlers_disconnect_matched(data, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
					     on_closed, NULL);
	g_object_unref(data);
}

static void server_failed(struct hms_notifier *notifier, const char *why)
{
	if (notifier->server_missing)
		return;
	notifier->server_missing = TRUE;
	g_message("no notification server on the session bus (%s): notifications are off "
		  "until one answers", why);
}

static void server_answered(struct hms_notifier *notifier)
{
	if (!notifier->server_missing)
		return;
	notifier->server_missing = FALSE;
	g_message("a notification server answers: notifications are on again");
}

static gboolean ensure_init(struct hms_notifier *notifier)
{
	if (notify_is_initted())
		return TRUE;
	if (notify_init(APP_NAME))
		return TRUE;
	server_failed(notifier, "libnotify could not start");
	return FALSE;
}

/*
 * The image's hint is named after the server's spec version (image-data
 * since 1.2), which libnotify only knows once it has asked the server:
 * unasked, it sends the oldest name, which servers today ignore.
 */
static void set_image(NotifyNotification *nn, GdkPixbuf *image)
{
	if (!image)
		return;
	notify_get_server_info(NULL, NULL, NULL, NULL);
	notify_notification_set_image_from_pixbuf(nn, image);
}

static NotifyNotification *build(struct hms_notifier *notifier, uint64_t code,
				 const char *summary, const char *body)
{
	enum hms_notify_mode mode = hms_policy_mode(notifier->policy, code);
	NotifyNotification *nn = notify_notification_new(summary, body, NULL);

	g_object_set_data_full(G_OBJECT(nn), CODE_KEY, g_memdup2(&code, sizeof(code)), g_free);
	notify_notification_set_app_name(nn, APP_NAME);
	notify_notification_set_category(nn, CATEGORY);
	if (mode == HMS_NOTIFY_PERSISTENT) {
		notify_notification_set_urgency(nn, NOTIFY_URGENCY_CRITICAL);
		notify_notification_set_timeout(nn, NOTIFY_EXPIRES_NEVER);
		/* "default" too, so that a click on it acknowledges */
		notify_notification_add_action(nn, "default", "Acknowledge", on_action,
					       notifier, NULL);
		notify_notification_add_action(nn, "ack", "Acknowledge", on_action,
					       notifier, NULL);
	} else {
		notify_notification_set_urgency(nn, NOTIFY_URGENCY_NORMAL);
		notify_notification_set_timeout(nn, (gint)notifier->policy->timeout_ms);
	}
	g_signal_connect(nn, "closed", G_CALLBACK(on_closed), notifier);
	return nn;
}

static gboolean send(struct hms_notifier *notifier, NotifyNotification *nn)
{
	g_autoptr(GError) err = NULL;

	if (!notify_notification_show(nn, &err)) {
		server_failed(notifier, err->message);
		return FALSE;
	}
	server_answered(notifier);
	return TRUE;
}

static void show(struct hms_notifier *notifier, uint64_t code, const char *summary,
		 const char *body, GdkPixbuf *image)
{
	NotifyNotification *nn;

	if (!ensure_init(notifier)) {
		hms_tracker_forget(notifier->tracker, code);
		return;
	}
	nn = build(notifier, code, summary, body);
	set_image(nn, image);
	if (!send(notifier, nn)) {
		drop_notification(nn);
		hms_tracker_forget(notifier->tracker, code);
		return;
	}
	g_hash_table_replace(notifier->open, g_memdup2(&code, sizeof(code)), nn);
}

static void replace(struct hms_notifier *notifier, uint64_t code, const char *summary,
		    const char *body, GdkPixbuf *image)
{
	NotifyNotification *nn = g_hash_table_lookup(notifier->open, &code);

	if (!nn) {
		show(notifier, code, summary, body, image);
		return;
	}
	notify_notification_update(nn, summary, body, NULL);
	set_image(nn, image);
	if (!send(notifier, nn)) {
		g_hash_table_remove(notifier->open, &code);
		hms_tracker_forget(notifier->tracker, code);
	}
}

static void close_one(NotifyNotification *nn)
{
	g_autoptr(GError) err = NULL;

	/* a server gone since: nothing left on screen, nothing to say */
	if (!notify_notification_close(nn, &err))
		g_debug("closing %p: %s", (void *)nn, err->message);
}

static void close_code(struct hms_notifier *notifier, uint64_t code)
{
	NotifyNotification *nn = g_hash_table_lookup(notifier->open, &code);

	if (!nn)
		return;
	g_object_ref(nn);
	g_hash_table_remove(notifier->open, &code);
	close_one(nn);
	g_object_unref(nn);
}

struct hms_notifier *hms_notifier_new(const struct hms_policy *policy, hms_ack_cb ack,
				      void *ctx)
{
	struct hms_notifier *notifier = g_new0(struct hms_notifier, 1);

	notifier->policy = policy;
	notifier->tracker = hms_tracker_new(policy);
	notifier->open = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free,
					       drop_notification);
	notifier->ack = ack;
	notifier->ctx = ctx;
	ensure_init(notifier);
	return notifier;
}

void hms_notifier_event(struct hms_notifier *notifier, const struct hms_event *ev,
			const char *summary, const char *body, GdkPixbuf *image)
{
	int64_t now_ms = g_get_monotonic_time() / 1000;
	char code_text[HMS_CODE_STRLEN];

	if (!summary) {
		hms_code_format(ev->code, code_text);
		summary = code_text;
	}
	switch (hms_tracker_decide(notifier->tracker, ev, now_ms)) {
	case HMS_DECIDE_SHOW:
		show(notifier, ev->code, summary, body, image);
		break;
	case HMS_DECIDE_REPLACE:
		replace(notifier, ev->code, summary, body, image);
		break;
	case HMS_DECIDE_CLOSE:
		close_code(notifier, ev->code);
		break;
	case HMS_DECIDE_NOTHING:
		break;
	}
}

void hms_notifier_free(struct hms_notifier *notifier)
{
	GHashTableIter iter;
	gpointer nn;

	if (!notifier)
		return;
	g_hash_table_iter_init(&iter, notifier->open);
	while (g_hash_table_iter_next(&iter, NULL, &nn))
		close_one(nn);
	g_hash_table_destroy(notifier->open);
	hms_tracker_free(notifier->tracker);
	g_free(notifier);
	if (notify_is_initted())
		notify_uninit();
}
