/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MQTT for phones and print farms: one connection to a broker, driven by
 * the GLib main loop of the calling thread (no thread of its own).
 *
 * Topics, for printer id P (the topic prefix, like a printer's serial):
 *
 *   device/P/report  the full active list, in the printer's own format
 *                    (a push_status with print.hms, see
 *                    mqtt_payload.h), retained, QoS 1: a subscriber
 *                    arriving at any time gets the current state.
 *   hms/P/event      one JSON object per event (mqtt_payload.h), not
 *                    retained, QoS 1.
 *   device/P/request read as a printer does: "pushall" republishes the
 *                    report, "get_version" is answered on device/P/report
 *                    (hms and its version), so that Home Assistant's Bambu
 *                    integration adds hms as it adds a printer.
 *
 * A broker that is down at start or lost later is logged once per outage
 * and retried with exponential backoff; the latest state is republished on
 * every (re)connect. Events while disconnected are not queued (the state
 * report is what a late reader needs) and are counted as dropped.
 *
 * Desktop mode: with no hms kernel, hms_mqtt_subscribe_state() reads a
 * printer's report topic and hands each report's codes to a callback. On
 * every (re)connect it sends the printer get_version and pushall, as a P1
 * or A1 sends only partial updates until someone asks for all.
 *
 * Callbacks run from the main loop, inside the library's read: they may
 * publish, but must not free the connection.
 */
#ifndef HMS_AGENT_MQTT_H
#define HMS_AGENT_MQTT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "event.h"

struct hms_mqtt_config {
	const char *host;		/* default "localhost" */
	int port;			/* default 1883 (8883 with TLS) */
	const char *client_id;		/* NULL: the library makes one up */
	const char *printer;		/* topic prefix; no '/', '+' or '#' */
	const char *username;		/* optional */
	const char *password;		/* optional, needs username */
	bool tls;			/* off by default */
	const char *tls_cafile;		/* with tls: CA file, NULL for the system's */
	const char *tls_certfile;	/* with tls: client certificate, optional */
	const char *tls_keyfile;	/* its key, needed with a certificate */
	/*
	 * With tls: the certificate must still be signed by the CA, but may name
	 * another host. A printer's certificate does not name its IP address.
	 * Logged when connecting.
	 */
	bool tls_no_verify_name;
	int keepalive_s;		/* default 30 */
	unsigned int backoff_min_ms;	/* first retry; default 1000 */
	unsigned int backoff_max_ms;	/* retries double up to this; default 60000 */
	/* Where connection news go; NULL: stderr. */
	void (*log)(void *ctx, const char *message);
	void *log_ctx;
};

struct hms_mqtt;

struct hms_mqtt_report;

/*
 * Desktop mode: @report's codes are the printer's whole active list (a
 * message without one, other traffic, is not handed on). A malformed
 * report gives @report NULL and @error saying what is wrong
 * (HMS_ERROR_PARSE).
 */
typedef void (*hms_mqtt_state_cb)(void *ctx, const struct hms_mqtt_report *report,
				  const GError *error);

/*
 * Starts connecting (never blocks on the network) within the default main
 * context. NULL with @error on a bad config (HMS_ERROR_INVAL) or when the
 * library cannot set it up (HMS_ERROR_FAILED).
 */
struct hms_mqtt *hms_mqtt_new(const struct hms_mqtt_config *conf, GError **error);
void hms_mqtt_free(struct hms_mqtt *m);

/* Publishes, and remembers for every later (re)connect. 0 or -1. */
int hms_mqtt_publish_state(struct hms_mqtt *m, const struct hms_event *active, size_t n);
/* -1 when not connected (the event is dropped) or on an error. */
int hms_mqtt_publish_event(struct hms_mqtt *m, const struct hms_event *event,
			   const char *message);
/* Subscribes now and after every reconnect. */
int hms_mqtt_subscribe_state(struct hms_mqtt *m, hms_mqtt_state_cb cb, void *ctx);

bool hms_mqtt_connected(const struct hms_mqtt *m);
unsigned long hms_mqtt_dropped_events(const struct hms_mqtt *m);

#endif
