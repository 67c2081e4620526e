// SPDX-License-Identifier: GPL-2.0
/*
 * The policy's decisions carried out on a desktop, through libnotify: one
 * notification per code, shown, updated in place and closed.
 */
#define G_LOG_DOMAIN "hms-notify"

#include <libnotify/notify.h>

#include "code.h"
#include "notify.h"

#define APP_NAME "hms"
#define CATEGORY "device.error"
#define CODE_KEY "hms-code"

struct hms_notifier {
	GHashTable *open;		/* code (gint64 *) -> its NotifyNotification */
	hms_code_cb acked;
	hms_code_cb closed;
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
	notifier->acked(code_of(nn), notifier->ctx);
}

/* Timed out, dismissed, or an action was invoked: the server let it go. */
static void on_closed(NotifyNotification *nn, gpointer data)
{
	struct hms_notifier *notifier = data;
	uint64_t code = code_of(nn);

	if (g_hash_table_lookup(notifier->open, &code) != nn)
		return;
	g_hash_table_remove(notifier->open, &code);
	notifier->closed(code, notifier->ctx);
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

static NotifyUrgency urgency(enum hms_urgency urgency)
{
	switch (urgency) {
	case HMS_URGENCY_LOW:
		return NOTIFY_URGENCY_LOW;
	case HMS_URGENCY_CRITICAL:
		return NOTIFY_URGENCY_CRITICAL;
	default:
		return NOTIFY_URGENCY_NORMAL;
	}
}

static NotifyNotification *build(struct hms_notifier *notifier, uint64_t code,
				 const struct hms_decision *d, const char *summary,
				 const char *body)
{
	NotifyNotification *nn = notify_notification_new(summary, body, NULL);

	g_object_set_data_full(G_OBJECT(nn), CODE_KEY, g_memdup2(&code, sizeof(code)), g_free);
	notify_notification_set_app_name(nn, APP_NAME);
	notify_notification_set_category(nn, CATEGORY);
	notify_notification_set_urgency(nn, urgency(d->urgency));
	notify_notification_set_timeout(nn, d->timeout_ms ? (gint)d->timeout_ms :
					NOTIFY_EXPIRES_NEVER);
	if (d->persistent) {
		/* "default" too, so that a click on it acknowledges */
		notify_notification_add_action(nn, "default", "Acknowledge", on_action,
					       notifier, NULL);
		notify_notification_add_action(nn, "ack", "Acknowledge", on_action,
					       notifier, NULL);
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

static gboolean show(struct hms_notifier *notifier, uint64_t code,
		     const struct hms_decision *d, const char *summary, const char *body,
		     GdkPixbuf *image)
{
	NotifyNotification *nn;

	if (!ensure_init(notifier))
		return FALSE;
	nn = build(notifier, code, d, summary, body);
	set_image(nn, image);
	if (!send(notifier, nn)) {
		drop_notification(nn);
		return FALSE;
	}
	g_hash_table_replace(notifier->open, g_memdup2(&code, sizeof(code)), nn);
	return TRUE;
}

static gboolean update(struct hms_notifier *notifier, uint64_t code,
		       const struct hms_decision *d, const char *summary, const char *body,
		       GdkPixbuf *image)
{
	NotifyNotification *nn = g_hash_table_lookup(notifier->open, &code);

	if (!nn)
		return show(notifier, code, d, summary, body, image);
	notify_notification_update(nn, summary, body, NULL);
	set_image(nn, image);
	if (!send(notifier, nn)) {
		g_hash_table_remove(notifier->open, &code);
		return FALSE;
	}
	return TRUE;
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

struct hms_notifier *hms_notifier_new(hms_code_cb acked, hms_code_cb closed, void *ctx)
{
	struct hms_notifier *notifier = g_new0(struct hms_notifier, 1);

	notifier->open = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free,
					       drop_notification);
	notifier->acked = acked;
	notifier->closed = closed;
	notifier->ctx = ctx;
	ensure_init(notifier);
	return notifier;
}

gboolean hms_notifier_apply(struct hms_notifier *notifier, uint64_t code,
			    const struct hms_decision *decision, const char *summary,
			    const char *body, GdkPixbuf *image)
{
	char code_text[HMS_CODE_STRLEN];

	if (!summary) {
		hms_code_format(code, code_text);
		summary = code_text;
	}
	switch (decision->action) {
	case HMS_ACTION_SHOW:
		return show(notifier, code, decision, summary, body, image);
	case HMS_ACTION_UPDATE:
		return update(notifier, code, decision, summary, body, image);
	case HMS_ACTION_CLOSE:
		close_code(notifier, code);
		return TRUE;
	default:
		return TRUE;
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
	g_free(notifier);
	if (notify_is_initted())
		notify_uninit();
}
