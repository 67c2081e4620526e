// SPDX-License-Identifier: GPL-2.0
/*
 * The policy's decisions carried out on a desktop: one notification per
 * code, shown, updated in place and closed, through asynchronous calls to
 * org.freedesktop.Notifications (the desktop notification spec), so that
 * a slow or stuck server never holds hmsd's loop. A Notify in flight is
 * not sent again: a change meanwhile is sent once its reply gives the id,
 * and a close waits for the id too.
 *
 * Coalescing: at most max_shown codes have a notification; the others wait
 * (persistent ones first in line) and are counted in one summary
 * notification, updated in place a moment after the last change, so that
 * a storm of codes makes max_shown + 1 notifications, not one each. Places
 * freed on screen are given that moment later too: a storm of clears
 * closes what is shown and forgets what waits, showing none of it.
 */
#define G_LOG_DOMAIN "hms-notify"

#include <stdbool.h>
#include <string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#include "code.h"
#include "notify.h"
#include "qr.h"

#define APP_NAME "hms"
#define CATEGORY "device.error"
#define NAME "org.freedesktop.Notifications"
#define PATH "/org/freedesktop/Notifications"
#define SUMMARY_DELAY_MS 100	/* a storm's changes make one summary update */

/*
 * The QR code's image, at least this wide: servers show images small
 * (dunst 32 px by default), and a phone reads a QR code that is shown at
 * 128 px or more; scaled by whole modules, nearest-neighbour, so that
 * every module stays a sharp square.
 */
#define QR_MIN_PX 128

enum place { SHOWN, WAITING };

struct note {
	int ref;
	struct hms_notifier *notifier;	/* not to be touched once cancelled */
	uint64_t code;
	bool is_summary;
	struct hms_decision d;
	char *summary, *body, *link;
	GVariant *image;		/* the link's QR code, drawn when first sent */
	enum place place;
	GQueue *queue;			/* WAITING: the queue it waits in */
	GList *link_in_queue;
	int64_t queued_us;
	guint32 id;			/* the server's, 0: none (yet, or any more) */
	bool pending;			/* a Notify in flight */
	bool dirty;			/* changed while in flight: send again */
	bool gone;			/* closed while in flight: close on the reply */
	unsigned int sent_to;		/* the server generation its last Notify went to */
	bool deferred;			/* waits for the server's capabilities */
};

struct hms_notifier {
	struct hms_notifier_config config;
	GDBusConnection *bus;
	GCancellable *cancel;
	guint watch, sub_action, sub_closed;
	char *owner;			/* the server's unique name, NULL: none */
	bool hyperlinks;		/* the server has body-hyperlinks */
	GHashTable *notes;		/* code (uint64_t *) -> struct note, not the summary */
	GHashTable *by_id;		/* id -> struct note, those with an id */
	GQueue waiting_persistent, waiting;
	unsigned int shown;		/* notes SHOWN, not the summary */
	unsigned int shown_transient;	/* of them not persistent: to make room */
	struct note *summary;		/* the "N more" notification, or NULL */
	unsigned int summary_count;	/* what it says */
	guint summary_timer;
	gboolean server_missing;	/* said so already: quiet until one answers */
	unsigned int generation;	/* servers seen: each appearance counts */
	unsigned int caps_calls;	/* GetCapabilities still to answer */
	GPtrArray *deferred;		/* notes with a link, sent once they are known */
};

static struct note *note_ref(struct note *note)
{
	note->ref++;
	return note;
}

static void note_unref(struct note *note)
{
	if (--note->ref)
		return;
	g_free(note->summary);
	g_free(note->body);
	g_free(note->link);
	if (note->image)
		g_variant_unref(note->image);
	g_free(note);
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

/* The image-data hint, (iiibiiay), as the spec has it since 1.2. */
static GVariant *image_hint(GdkPixbuf *pixbuf)
{
	int w = gdk_pixbuf_get_width(pixbuf), h = gdk_pixbuf_get_height(pixbuf);
	int stride = gdk_pixbuf_get_rowstride(pixbuf);
	int channels = gdk_pixbuf_get_n_channels(pixbuf);
	int bps = gdk_pixbuf_get_bits_per_sample(pixbuf);
	gsize len = (gsize)stride * (h - 1) + (gsize)w * ((channels * bps + 7) / 8);
	g_autoptr(GBytes) all = gdk_pixbuf_read_pixel_bytes(pixbuf);
	g_autoptr(GBytes) bytes = g_bytes_new_from_bytes(all, 0, MIN(len, g_bytes_get_size(all)));

	return g_variant_ref_sink(g_variant_new("(iiibii@ay)", w, h, stride,
						gdk_pixbuf_get_has_alpha(pixbuf), bps, channels,
						g_variant_new_from_bytes(G_VARIANT_TYPE_BYTESTRING,
									 bytes, TRUE)));
}

/* @link's QR code as an image-data hint, QR_MIN_PX wide or more; NULL, logged, if it cannot be. */
static GVariant *qr_hint(uint64_t code, const char *link)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GdkPixbuf) one = hms_qr_pixbuf(link, 1, &error);
	g_autoptr(GdkPixbuf) big = NULL;
	char name[HMS_CODE_STRLEN];
	int modules, scale;

	if (one) {
		modules = gdk_pixbuf_get_width(one);
		scale = (QR_MIN_PX + modules - 1) / modules;
		big = gdk_pixbuf_scale_simple(one, modules * scale, modules * scale,
					      GDK_INTERP_NEAREST);
		if (big)
			return image_hint(big);
	}
	hms_code_format(code, name);
	g_message("%s: its notification has no QR code: %s", name,
		  error ? error->message : "no memory to scale it");
	return NULL;
}

static char *body_of(struct hms_notifier *notifier, const struct note *note)
{
	g_autofree char *text = NULL, *url = NULL;

	if (!note->link)
		return g_strdup(note->body ? note->body : "");
	if (!notifier->hyperlinks)
		return g_strdup_printf("%s%s%s", note->body ? note->body : "",
				       note->body && *note->body ? "\n" : "", note->link);
	/*
	 * A server with hyperlinks reads the body for tags (dunst says
	 * body-hyperlinks, not body-markup, and parses markup all the same):
	 * the words are escaped.
	 */
	text = g_markup_escape_text(note->body ? note->body : "", -1);
	url = g_markup_escape_text(note->link, -1);
	return g_strdup_printf("%s%s<a href=\"%s\">%s</a>", text, *text ? "\n" : "", url, url);
}

static void on_notify_reply(GObject *source, GAsyncResult *res, gpointer data);

/* Notify for @note: its first, or again in place. */
static void send_notify(struct hms_notifier *notifier, struct note *note)
{
	GVariantBuilder actions, hints;
	g_autofree char *body = NULL;

	if (note->pending) {
		note->dirty = true;
		return;
	}
	/* whether its link can be a hyperlink is not known yet */
	if (note->link && notifier->caps_calls) {
		if (!note->deferred) {
			note->deferred = true;
			g_ptr_array_add(notifier->deferred, note_ref(note));
		}
		return;
	}
	g_variant_builder_init(&actions, G_VARIANT_TYPE_STRING_ARRAY);
	if (note->d.persistent) {
		/* "default" too, so that a click on it acknowledges */
		g_variant_builder_add(&actions, "s", "default");
		g_variant_builder_add(&actions, "s", "Acknowledge");
		g_variant_builder_add(&actions, "s", "ack");
		g_variant_builder_add(&actions, "s", "Acknowledge");
	}
	g_variant_builder_init(&hints, G_VARIANT_TYPE_VARDICT);
	g_variant_builder_add(&hints, "{sv}", "urgency", g_variant_new_byte(note->d.urgency));
	g_variant_builder_add(&hints, "{sv}", "category", g_variant_new_string(CATEGORY));
	if (!note->image && note->link)
		note->image = qr_hint(note->code, note->link);
	if (note->image)
		g_variant_builder_add(&hints, "{sv}", "image-data", note->image);
	body = body_of(notifier, note);
	note->pending = true;
	note->dirty = false;
	note->sent_to = notifier->generation;
	g_dbus_connection_call(notifier->bus, NAME, PATH, NAME, "Notify",
			       g_variant_new("(susssasa{sv}i)", APP_NAME, note->id, "",
					     note->summary, body, &actions, &hints,
					     note->d.timeout_ms ? (gint32)note->d.timeout_ms : 0),
			       G_VARIANT_TYPE("(u)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
			       notifier->cancel, on_notify_reply, note_ref(note));
}

static void send_close(struct hms_notifier *notifier, guint32 id)
{
	if (!notifier->bus || !id)
		return;
	/* the reply says nothing: a server gone since has nothing on screen */
	g_dbus_connection_call(notifier->bus, NAME, PATH, NAME, "CloseNotification",
			       g_variant_new("(u)", id), NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START,
			       -1, NULL, NULL, NULL);
}

static void forget_id(struct hms_notifier *notifier, struct note *note)
{
	if (note->id && g_hash_table_lookup(notifier->by_id, GUINT_TO_POINTER(note->id)) == note)
		g_hash_table_remove(notifier->by_id, GUINT_TO_POINTER(note->id));
	note->id = 0;
}

static void count_in(struct hms_notifier *notifier, struct note *note)
{
	note->place = SHOWN;
	notifier->shown++;
	if (!note->d.persistent)
		notifier->shown_transient++;
}

static void count_out(struct hms_notifier *notifier, struct note *note)
{
	notifier->shown--;
	if (!note->d.persistent)
		notifier->shown_transient--;
}

/* Takes @note off the screen: closed, or closed on its reply. */
static void take_down(struct hms_notifier *notifier, struct note *note)
{
	guint32 id = note->id;

	note->deferred = false;
	forget_id(notifier, note);
	if (note->pending)
		note->gone = true;
	else
		send_close(notifier, id);
}

static void summary_later(struct hms_notifier *notifier);

static void unqueue(struct hms_notifier *notifier, struct note *note)
{
	(void)notifier;
	g_queue_delete_link(note->queue, note->link_in_queue);
	note->queue = NULL;
	note->link_in_queue = NULL;
}

static void enqueue(struct hms_notifier *notifier, struct note *note)
{
	GQueue *q = note->d.persistent ? &notifier->waiting_persistent : &notifier->waiting;

	note->place = WAITING;
	note->queue = q;
	g_queue_push_tail(q, note);
	note->link_in_queue = q->tail;
	note->queued_us = g_get_monotonic_time();
	summary_later(notifier);
}

/* Removes @note (not the summary) from the notifier altogether. */
static void drop(struct hms_notifier *notifier, struct note *note)
{
	if (note->place == SHOWN) {
		take_down(notifier, note);
		count_out(notifier, note);
	} else {
		unqueue(notifier, note);
		summary_later(notifier);
	}
	g_hash_table_remove(notifier->notes, &note->code);	/* unrefs */
}

/* Free places on screen go to those waiting, persistent ones first (summary_now()). */
static void promote(struct hms_notifier *notifier)
{
	while (notifier->shown < notifier->config.max_shown) {
		struct note *note = g_queue_peek_head(&notifier->waiting_persistent);
		uint64_t code;

		if (!note)
			note = g_queue_peek_head(&notifier->waiting);
		if (!note)
			break;
		unqueue(notifier, note);
		/* a transient one that waited its whole timeout is over */
		if (note->d.timeout_ms &&
		    g_get_monotonic_time() - note->queued_us > (int64_t)note->d.timeout_ms * 1000) {
			code = note->code;
			g_hash_table_remove(notifier->notes, &note->code);
			notifier->config.closed(code, notifier->config.ctx);
			continue;
		}
		count_in(notifier, note);
		if (notifier->bus)
			send_notify(notifier, note);
	}
}

static void on_notify_reply(GObject *source, GAsyncResult *res, gpointer data)
{
	struct note *note = data;
	struct hms_notifier *notifier = note->notifier;
	g_autoptr(GError) err = NULL;
	g_autoptr(GVariant) reply = g_dbus_connection_call_finish(G_DBUS_CONNECTION(source), res,
								  &err);
	uint64_t code;
	guint32 id;

	/*
	 * Cancelled: the notifier is gone, only the note is left. (A GTask's
	 * cancellable is checked when its result is taken: once the
	 * notifier cancelled, every reply says so.)
	 */
	if (!reply && g_error_matches(err, G_IO_ERROR, G_IO_ERROR_CANCELLED))
		goto out;
	note->pending = false;
	if (!reply) {
		server_failed(notifier, err->message);
		if (note->gone)
			goto out;
		/* a persistent one stays, to be shown when a server comes... */
		if (note->d.persistent || note->is_summary) {
			/* ...or now, if one came while this went to the last */
			if (notifier->owner && note->sent_to != notifier->generation)
				send_notify(notifier, note);
			goto out;
		}
		code = note->code;
		if (g_hash_table_lookup(notifier->notes, &code) == note) {
			drop(notifier, note);
			notifier->config.lost(code, notifier->config.ctx);
			summary_later(notifier);
		}
		goto out;
	}
	server_answered(notifier);
	g_variant_get(reply, "(u)", &id);
	/* a server may give a replacement a new id: the old one goes */
	if (note->id != id)
		forget_id(notifier, note);
	note->id = id;
	if (note->gone) {
		send_close(notifier, note->id);
		note->id = 0;
		goto out;
	}
	g_hash_table_replace(notifier->by_id, GUINT_TO_POINTER(note->id), note);
	if (note->dirty)
		send_notify(notifier, note);
out:
	note_unref(note);
}

static gboolean summary_now(gpointer data)
{
	struct hms_notifier *notifier = data;
	unsigned int persistent, count;
	struct note *s = notifier->summary;

	notifier->summary_timer = 0;
	/* places freed meanwhile: a burst of clears has let go of those waiting first */
	promote(notifier);
	persistent = g_queue_get_length(&notifier->waiting_persistent);
	count = persistent + g_queue_get_length(&notifier->waiting);
	if (!count) {
		if (s) {
			take_down(notifier, s);
			note_unref(s);
			notifier->summary = NULL;
		}
		return G_SOURCE_REMOVE;
	}
	if (!notifier->bus)
		return G_SOURCE_REMOVE;
	if (!s) {
		s = notifier->summary = g_new0(struct note, 1);
		s->ref = 1;
		s->notifier = notifier;
		s->is_summary = true;
	} else if (count == notifier->summary_count && (s->id || s->pending)) {
		return G_SOURCE_REMOVE;
	}
	notifier->summary_count = count;
	g_free(s->summary);
	g_free(s->body);
	s->summary = g_strdup_printf("%u more fault%s \u2014 hmsctl list", count,
				     count == 1 ? "" : "s");
	s->body = persistent ? g_strdup_printf("%u of them fatal", persistent) : g_strdup("");
	s->d.urgency = persistent ? HMS_URGENCY_CRITICAL : HMS_URGENCY_NORMAL;
	s->d.timeout_ms = 0;
	send_notify(notifier, s);
	return G_SOURCE_REMOVE;
}

static void summary_later(struct hms_notifier *notifier)
{
	if (!notifier->summary_timer)
		notifier->summary_timer = g_timeout_add(SUMMARY_DELAY_MS, summary_now, notifier);
}

static void on_signal(GDBusConnection *bus, const char *sender, const char *path,
		      const char *iface, const char *signal, GVariant *params, gpointer data)
{
	struct hms_notifier *notifier = data;
	struct note *note;
	guint32 id, reason;
	const char *key;
	uint64_t code;

	(void)bus, (void)sender, (void)path, (void)iface;
	if (!strcmp(signal, "ActionInvoked") && g_variant_is_of_type(params, G_VARIANT_TYPE("(us)"))) {
		g_variant_get(params, "(u&s)", &id, &key);
		note = g_hash_table_lookup(notifier->by_id, GUINT_TO_POINTER(id));
		if (note && !note->is_summary)
			notifier->config.acked(note->code, notifier->config.ctx);
		return;
	}
	if (strcmp(signal, "NotificationClosed") ||
	    !g_variant_is_of_type(params, G_VARIANT_TYPE("(uu)")))
		return;
	g_variant_get(params, "(uu)", &id, &reason);
	note = g_hash_table_lookup(notifier->by_id, GUINT_TO_POINTER(id));
	if (!note)
		return;
	forget_id(notifier, note);
	if (note->is_summary) {
		/* dismissed: shown again when the count changes */
		notifier->summary_count = 0;
		return;
	}
	code = note->code;
	drop(notifier, note);
	notifier->config.closed(code, notifier->config.ctx);
	summary_later(notifier);
}

static void on_caps(GObject *source, GAsyncResult *res, gpointer data)
{
	struct hms_notifier *notifier = data;
	g_autoptr(GError) err = NULL;
	g_autoptr(GVariant) reply = g_dbus_connection_call_finish(G_DBUS_CONNECTION(source), res,
								  &err);
	g_autofree const char **caps = NULL;
	size_t i;

	if (g_error_matches(err, G_IO_ERROR, G_IO_ERROR_CANCELLED))
		return;	/* the notifier is gone */
	notifier->caps_calls--;
	if (reply) {
		g_variant_get(reply, "(^a&s)", &caps);
		notifier->hyperlinks = false;
		for (i = 0; caps && caps[i]; i++)
			if (!strcmp(caps[i], "body-hyperlinks"))
				notifier->hyperlinks = true;
	}	/* else no answer: plain text */
	if (notifier->caps_calls)
		return;
	for (i = 0; i < notifier->deferred->len; i++) {
		struct note *note = notifier->deferred->pdata[i];

		if (note->deferred) {
			note->deferred = false;
			send_notify(notifier, note);
		}
	}
	g_ptr_array_set_size(notifier->deferred, 0);
}

static void ask_caps(struct hms_notifier *notifier)
{
	notifier->caps_calls++;
	g_dbus_connection_call(notifier->bus, NAME, PATH, NAME, "GetCapabilities", NULL,
			       G_VARIANT_TYPE("(as)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
			       notifier->cancel, on_caps, notifier);
}

/* The server is gone: nothing of ours is on screen any more. */
static void server_gone(struct hms_notifier *notifier)
{
	GHashTableIter iter;
	gpointer value;
	GPtrArray *over = g_ptr_array_new();
	unsigned int i;

	g_hash_table_remove_all(notifier->by_id);
	if (notifier->summary) {
		notifier->summary->id = 0;
		notifier->summary_count = 0;
	}
	g_hash_table_iter_init(&iter, notifier->notes);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		struct note *note = value;

		note->id = 0;
		/* persistent ones stay until closed: shown again by the next server */
		if (note->place == SHOWN && !note->d.persistent)
			g_ptr_array_add(over, note);
	}
	for (i = 0; i < over->len; i++) {
		struct note *note = over->pdata[i];
		uint64_t code = note->code;

		drop(notifier, note);
		notifier->config.closed(code, notifier->config.ctx);
	}
	g_ptr_array_free(over, TRUE);
}

static void on_vanished(GDBusConnection *bus, const char *name, gpointer data)
{
	struct hms_notifier *notifier = data;

	(void)bus, (void)name;
	if (!notifier->owner)
		return;
	g_clear_pointer(&notifier->owner, g_free);
	server_gone(notifier);
}

static void on_appeared(GDBusConnection *bus, const char *name, const char *owner,
			gpointer data)
{
	struct hms_notifier *notifier = data;
	GHashTableIter iter;
	gpointer value;

	(void)bus, (void)name;
	if (notifier->owner && !strcmp(notifier->owner, owner))
		return;
	if (notifier->owner)
		server_gone(notifier);
	g_free(notifier->owner);
	notifier->owner = g_strdup(owner);
	notifier->generation++;
	ask_caps(notifier);
	/* what is to stay on screen, and is not */
	g_hash_table_iter_init(&iter, notifier->notes);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		struct note *note = value;

		if (note->place == SHOWN && !note->id && !note->pending)
			send_notify(notifier, note);
	}
	summary_later(notifier);
}

static gboolean ensure_bus(struct hms_notifier *notifier)
{
	g_autoptr(GError) err = NULL;

	if (notifier->bus)
		return TRUE;
	notifier->bus = g_bus_get_sync(G_BUS_TYPE_SESSION, NULL, &err);
	if (!notifier->bus) {
		server_failed(notifier, err->message);
		return FALSE;
	}
	notifier->sub_action = g_dbus_connection_signal_subscribe(
		notifier->bus, NULL, NAME, "ActionInvoked", PATH, NULL,
		G_DBUS_SIGNAL_FLAGS_NONE, on_signal, notifier, NULL);
	notifier->sub_closed = g_dbus_connection_signal_subscribe(
		notifier->bus, NULL, NAME, "NotificationClosed", PATH, NULL,
		G_DBUS_SIGNAL_FLAGS_NONE, on_signal, notifier, NULL);
	notifier->watch = g_bus_watch_name_on_connection(notifier->bus, NAME,
							 G_BUS_NAME_WATCHER_FLAGS_NONE,
							 on_appeared, on_vanished, notifier, NULL);
	ask_caps(notifier);
	return TRUE;
}

struct hms_notifier *hms_notifier_new(const struct hms_notifier_config *config)
{
	struct hms_notifier *notifier = g_new0(struct hms_notifier, 1);

	notifier->config = *config;
	if (!notifier->config.max_shown)
		notifier->config.max_shown = 1;
	notifier->cancel = g_cancellable_new();
	notifier->notes = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL,
						(GDestroyNotify)note_unref);
	notifier->by_id = g_hash_table_new(g_direct_hash, g_direct_equal);
	notifier->deferred = g_ptr_array_new_with_free_func((GDestroyNotify)note_unref);
	g_queue_init(&notifier->waiting_persistent);
	g_queue_init(&notifier->waiting);
	ensure_bus(notifier);
	return notifier;
}

static void set_words(struct note *note, const struct hms_decision *d, const char *summary,
		      const char *body, const char *link)
{
	note->d = *d;
	g_free(note->summary);
	g_free(note->body);
	note->summary = g_strdup(summary);
	note->body = g_strdup(body);
	if (g_strcmp0(note->link, link)) {
		g_free(note->link);
		note->link = g_strdup(link);
		g_clear_pointer(&note->image, g_variant_unref);
	}
}

/* Makes room for a persistent note: a transient one on screen goes back in line. */
static bool evict_transient(struct hms_notifier *notifier)
{
	GHashTableIter iter;
	gpointer value;

	if (!notifier->shown_transient)
		return false;
	g_hash_table_iter_init(&iter, notifier->notes);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		struct note *note = value;

		if (note->place != SHOWN || note->d.persistent || note->pending)
			continue;
		take_down(notifier, note);
		count_out(notifier, note);
		enqueue(notifier, note);
		return true;
	}
	return false;
}

static void show(struct hms_notifier *notifier, uint64_t code, const struct hms_decision *d,
		 const char *summary, const char *body, const char *link)
{
	struct note *note = g_hash_table_lookup(notifier->notes, &code);

	if (note) {
		bool was_persistent = note->d.persistent;

		if (note->place == SHOWN)
			count_out(notifier, note);
		set_words(note, d, summary, body, link);
		if (note->place == SHOWN) {
			count_in(notifier, note);
			send_notify(notifier, note);
		} else if (was_persistent != d->persistent) {
			unqueue(notifier, note);
			enqueue(notifier, note);
		}
		return;
	}
	note = g_new0(struct note, 1);
	note->ref = 1;
	note->notifier = notifier;
	note->code = code;
	set_words(note, d, summary, body, link);
	g_hash_table_insert(notifier->notes, &note->code, note);
	if (notifier->shown >= notifier->config.max_shown &&
	    !(d->persistent && evict_transient(notifier))) {
		enqueue(notifier, note);
		return;
	}
	count_in(notifier, note);
	send_notify(notifier, note);
}

gboolean hms_notifier_apply(struct hms_notifier *notifier, uint64_t code,
			    const struct hms_decision *decision, const char *summary,
			    const char *body, const char *link)
{
	char code_text[HMS_CODE_STRLEN];
	struct note *note;

	if (!summary) {
		hms_code_format(code, code_text);
		summary = code_text;
	}
	switch (decision->action) {
	case HMS_ACTION_SHOW:
	case HMS_ACTION_UPDATE:
		if (!ensure_bus(notifier))
			return FALSE;
		show(notifier, code, decision, summary, body, link);
		return TRUE;
	case HMS_ACTION_CLOSE:
		note = g_hash_table_lookup(notifier->notes, &code);
		if (note) {
			drop(notifier, note);
			summary_later(notifier);
		}
		return TRUE;
	default:
		return TRUE;
	}
}

void hms_notifier_free(struct hms_notifier *notifier)
{
	GHashTableIter iter;
	gpointer value;

	if (!notifier)
		return;
	g_cancellable_cancel(notifier->cancel);
	/*
	 * No waiting for the cancelled calls (their callbacks would run
	 * whatever else is due on the loop, in hmsd's teardown): each holds
	 * its note, and lets it go whenever the loop runs, if ever.
	 */
	if (notifier->summary_timer)
		g_source_remove(notifier->summary_timer);
	g_hash_table_iter_init(&iter, notifier->notes);
	while (g_hash_table_iter_next(&iter, NULL, &value))
		send_close(notifier, ((struct note *)value)->id);
	if (notifier->summary) {
		send_close(notifier, notifier->summary->id);
		note_unref(notifier->summary);
	}
	g_queue_clear(&notifier->waiting_persistent);
	g_queue_clear(&notifier->waiting);
	g_ptr_array_unref(notifier->deferred);
	g_hash_table_destroy(notifier->by_id);
	g_hash_table_destroy(notifier->notes);
	if (notifier->bus) {
		if (notifier->watch)
			g_bus_unwatch_name(notifier->watch);
		g_dbus_connection_signal_unsubscribe(notifier->bus, notifier->sub_action);
		g_dbus_connection_signal_unsubscribe(notifier->bus, notifier->sub_closed);
		/* the closes go out before hmsd does */
		g_dbus_connection_flush_sync(notifier->bus, NULL, NULL);
		g_object_unref(notifier->bus);
	}
	g_object_unref(notifier->cancel);
	g_free(notifier->owner);
	g_free(notifier);
}
