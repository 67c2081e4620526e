// SPDX-License-Identifier: GPL-2.0
/*
 * On every change: the event on the printer's event topic, and the whole
 * active list, retained, in the printer's own report format, so that a
 * phone or a print farm that connects later still sees what is active.
 */
#include <stdlib.h>
#include <glib.h>

#include "mqtt_sink.h"
#include "wording.h"

struct mqtt_sink {
	struct hms_mqtt *mqtt;
	const struct hms_codedb *db;
	const char *lang;
};

static void publish_state(struct mqtt_sink *sink, const struct hms_view *view)
{
	GPtrArray *entries = hms_view_sorted(view);
	GArray *active = g_array_sized_new(FALSE, FALSE, sizeof(struct hms_event), entries->len);
	guint i;

	for (i = 0; i < entries->len; i++)
		g_array_append_val(active, *(struct hms_event *)entries->pdata[i]);
	hms_mqtt_publish_state(sink->mqtt, (struct hms_event *)(void *)active->data, active->len);
	g_array_free(active, TRUE);
	g_ptr_array_unref(entries);
}

static void change(void *ctx, const struct hms_event *ev, const struct hms_view *view)
{
	struct mqtt_sink *sink = ctx;
	char *message = hms_wording_message(sink->db, ev->code, sink->lang);

	hms_mqtt_publish_event(sink->mqtt, ev, message);
	free(message);
	/* A resync's changes come in a row: resynced() publishes the list once. */
	if (!(ev->flags & HMS_VIEW_F_RESYNC))
		publish_state(sink, view);
}

static void resynced(void *ctx, const struct hms_view *view)
{
	publish_state(ctx, view);
}

static void close_sink(void *ctx)
{
	struct mqtt_sink *sink = ctx;

	hms_mqtt_free(sink->mqtt);
	g_free(sink);
}

struct hms_sink hms_mqtt_sink(struct hms_mqtt *mqtt, const struct hms_codedb *db,
			      const char *lang)
{
	struct mqtt_sink *sink = g_new0(struct mqtt_sink, 1);

	sink->mqtt = mqtt;
	sink->db = db;
	sink->lang = lang;
	return (struct hms_sink){
		.name = "mqtt",
		.change = change,
		.resynced = resynced,
		.close = close_sink,
		.ctx = sink,
	};
}
