// SPDX-License-Identifier: GPL-2.0
/*
 * Each raised code as a notification: the severity and code as its title,
 * the message from the code database, where it is (AMS, slot), and the
 * wiki link with its QR code as the image, so that a phone can open it.
 */
#include <stdlib.h>
#include <glib.h>

#include "code.h"
#include "notify_sink.h"
#include "qr.h"
#include "wiki.h"

#define QR_SCALE 4	/* pixels a module: about 150 px for a wiki link */

struct notify_sink {
	struct hms_notify_sink_config config;
	struct hms_notifier *notifier;
};

static void change(void *ctx, const struct hms_event *ev, const struct hms_view *view)
{
	struct notify_sink *sink = ctx;
	const struct hms_notify_sink_config *c = &sink->config;
	char code[HMS_CODE_STRLEN];
	g_autofree char *summary = NULL, *body = NULL;
	GdkPixbuf *qr = NULL;
	char *message, *url;

	(void)view;
	if (ev->state != HMS_STATE_RAISED) {
		hms_notifier_event(sink->notifier, ev, NULL, NULL, NULL);
		return;
	}
	hms_code_format(ev->code, code);
	message = hms_codedb_message(c->db, ev->code, c->lang);
	url = hms_wiki_url(c->wiki, ev->code, c->lang);
	summary = g_strdup_printf("%s: %s", hms_severity_name(HMS_CODE_SEVERITY(ev->code)), code);
	body = g_strdup_printf("%s\n%s", message ? message : code, url ? url : "");
	if (url)
		qr = hms_qr_pixbuf(url, QR_SCALE);
	hms_notifier_event(sink->notifier, ev, summary, body, qr);
	if (qr)
		g_object_unref(qr);
	free(message);
	free(url);
}

static void close_sink(void *ctx)
{
	struct notify_sink *sink = ctx;

	hms_notifier_free(sink->notifier);
	g_free(sink);
}

struct hms_sink hms_notify_sink(const struct hms_notify_sink_config *config)
{
	struct notify_sink *sink = g_new0(struct notify_sink, 1);

	sink->config = *config;
	sink->notifier = hms_notifier_new(config->policy, config->ack, config->ack_ctx);
	return (struct hms_sink){
		.name = "notify",
		.change = change,
		.close = close_sink,
		.ctx = sink,
	};
}
