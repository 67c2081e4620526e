// SPDX-License-Identifier: GPL-2.0
/*
 * libmosquitto driven by the GLib main loop: its socket is watched for
 * reading (and for writing while it has something queued), a timer runs its
 * keepalive, and a reconnect timer backs off while the broker is away.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib-unix.h>
#include <mosquitto.h>

#include "error.h"
#include "mqtt.h"
#include "mqtt_payload.h"

#define MISC_INTERVAL_MS	1000
#define QOS			1

struct hms_mqtt {
	struct mosquitto *mosq;
	char *host;
	int port;
	char *printer;
	char *state_topic;
	char *event_topic;
	char *request_topic;
	unsigned int backoff_min_ms, backoff_max_ms, backoff_ms;
	void (*log)(void *ctx, const char *message);
	void *log_ctx;

	struct hms_event *active;	/* the latest list, for every reconnect */
	size_t n_active;
	bool has_state;
	unsigned long sequence;		/* the last sequence_id we sent */
	bool connected;
	bool in_outage;			/* the outage has been logged */
	bool closing;
	unsigned long dropped, dropped_in_outage;

	guint io_id;
	int io_fd;
	GIOCondition io_cond;
	guint misc_id;
	guint retry_id;

	hms_mqtt_state_cb state_cb;
	void *state_ctx;
};

static unsigned int lib_users;

static void G_GNUC_PRINTF(2, 3) mqtt_log(struct hms_mqtt *m, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (m->log)
		m->log(m->log_ctx, text);
	else
		fprintf(stderr, "hms-mqtt: %s\n", text);
	g_free(text);
}

static const char *reason(int rc)
{
	return rc == MOSQ_ERR_ERRNO ? g_strerror(errno) : mosquitto_strerror(rc);
}

/* Once per outage, however many retries fail. */
static void outage(struct hms_mqtt *m, const char *what, const char *why)
{
	if (m->in_outage)
		return;
	m->in_outage = true;
	mqtt_log(m, "%s %s:%d: %s; retrying", what, m->host, m->port, why);
}

static gboolean io_ready(gint fd, GIOCondition cond, gpointer data);

/* Watch the library's socket as it is now: it changes on every connect. */
static void sync_watch(struct hms_mqtt *m)
{
	int fd = mosquitto_socket(m->mosq);
	GIOCondition cond = G_IO_IN;

	if (fd >= 0 && mosquitto_want_write(m->mosq))
		cond |= G_IO_OUT;
	if (m->io_id && fd == m->io_fd && cond == m->io_cond)
		return;
	if (m->io_id)
		g_source_remove(m->io_id);
	m->io_id = 0;
	m->io_fd = fd;
	m->io_cond = cond;
	if (fd >= 0)
		m->io_id = g_unix_fd_add(fd, cond, io_ready, m);
}

static gboolean retry(gpointer data);

static void schedule_retry(struct hms_mqtt *m)
{
	if (m->retry_id || m->closing)
		return;
	m->retry_id = g_timeout_add(m->backoff_ms, retry, m);
	m->backoff_ms = MIN(m->backoff_ms * 2, m->backoff_max_ms);
}

/*
 * Most errors land in on_disconnect, which retries. A TLS handshake that
 * fails closes the socket without it: retry here, or never again.
 */
static void check_closed(struct hms_mqtt *m, int rc)
{
	if (mosquitto_socket(m->mosq) >= 0 || m->retry_id || m->closing)
		return;
	outage(m, m->connected ? "lost connection to broker" : "cannot reach broker",
	       rc == MOSQ_ERR_SUCCESS ? "connection closed" : reason(rc));
	m->connected = false;
	schedule_retry(m);
}

static gboolean io_ready(gint fd, GIOCondition cond, gpointer data)
{
	struct hms_mqtt *m = data;
	int rc = MOSQ_ERR_SUCCESS;

	(void)fd;
	if (cond & (G_IO_IN | G_IO_HUP | G_IO_ERR))
		rc = mosquitto_loop_read(m->mosq, 1);
	if (rc == MOSQ_ERR_SUCCESS && (cond & G_IO_OUT) && mosquitto_socket(m->mosq) >= 0)
		rc = mosquitto_loop_write(m->mosq, 1);
	check_closed(m, rc);
	sync_watch(m);
	return G_SOURCE_CONTINUE;
}

static gboolean misc_tick(gpointer data)
{
	struct hms_mqtt *m = data;

	if (mosquitto_socket(m->mosq) >= 0)
		mosquitto_loop_misc(m->mosq);
	check_closed(m, MOSQ_ERR_SUCCESS);
	sync_watch(m);
	return G_SOURCE_CONTINUE;
}

static gboolean retry(gpointer data)
{
	struct hms_mqtt *m = data;
	int rc;

	m->retry_id = 0;
	rc = mosquitto_reconnect_async(m->mosq);
	if (rc != MOSQ_ERR_SUCCESS) {
		outage(m, "cannot reach broker", reason(rc));
		schedule_retry(m);
	}
	sync_watch(m);
	return G_SOURCE_REMOVE;
}

/* @payload (ours, freed here) on @topic; NULL is out of memory. */
static void publish(struct hms_mqtt *m, const char *topic, char *payload, bool retain)
{
	int rc;

	if (!payload) {
		mqtt_log(m, "cannot publish %s: out of memory", topic);
		return;
	}
	rc = mosquitto_publish(m->mosq, NULL, topic, (int)strlen(payload), payload, QOS, retain);
	if (rc != MOSQ_ERR_SUCCESS && rc != MOSQ_ERR_NO_CONN)
		mqtt_log(m, "cannot publish %s: %s", topic, reason(rc));
	free(payload);
}

static void next_sequence(struct hms_mqtt *m, char sequence_id[HMS_MQTT_SEQUENCE_MAX])
{
	snprintf(sequence_id, HMS_MQTT_SEQUENCE_MAX, "%lu", ++m->sequence);
}

static void publish_state_now(struct hms_mqtt *m)
{
	char sequence_id[HMS_MQTT_SEQUENCE_MAX];

	next_sequence(m, sequence_id);
	publish(m, m->state_topic, hms_mqtt_report_payload(m->active, m->n_active, sequence_id),
		true);
}

static void subscribe_now(struct hms_mqtt *m, const char *topic)
{
	int rc = mosquitto_subscribe(m->mosq, NULL, topic, QOS);

	if (rc != MOSQ_ERR_SUCCESS && rc != MOSQ_ERR_NO_CONN)
		mqtt_log(m, "cannot subscribe to %s: %s", topic, reason(rc));
}

/* Following a printer: its version, and its whole state (a P1 sends deltas). */
static void ask_printer(struct hms_mqtt *m)
{
	char sequence_id[HMS_MQTT_SEQUENCE_MAX];

	subscribe_now(m, m->state_topic);
	next_sequence(m, sequence_id);
	publish(m, m->request_topic,
		hms_mqtt_request_payload(HMS_MQTT_REQUEST_GET_VERSION, sequence_id), false);
	next_sequence(m, sequence_id);
	publish(m, m->request_topic,
		hms_mqtt_request_payload(HMS_MQTT_REQUEST_PUSHALL, sequence_id), false);
}

static void on_connect(struct mosquitto *mosq, void *data, int rc)
{
	struct hms_mqtt *m = data;

	(void)mosq;
	if (rc) {
		/* The broker closes the connection next: on_disconnect retries. */
		outage(m, "broker refused us at", mosquitto_connack_string(rc));
		return;
	}
	m->connected = true;
	m->in_outage = false;
	m->backoff_ms = m->backoff_min_ms;
	mqtt_log(m, "connected to %s:%d", m->host, m->port);
	if (m->dropped_in_outage)
		mqtt_log(m, "%lu events dropped while disconnected", m->dropped_in_outage);
	m->dropped_in_outage = 0;
	if (m->state_cb)
		ask_printer(m);
	else
		subscribe_now(m, m->request_topic);
	if (m->has_state)
		publish_state_now(m);
}

static void on_disconnect(struct mosquitto *mosq, void *data, int rc)
{
	struct hms_mqtt *m = data;
	bool was_connected = m->connected;

	(void)mosq;
	m->connected = false;
	if (m->closing)
		return;
	if (was_connected)
		outage(m, "lost connection to broker", reason(rc));
	else
		outage(m, "cannot reach broker", reason(rc));
	schedule_retry(m);
}

/* A client's request to hms as a printer: what it knows is answered. */
static void on_request(struct hms_mqtt *m, const struct mosquitto_message *msg)
{
	char sequence_id[HMS_MQTT_SEQUENCE_MAX];

	switch (hms_mqtt_request_parse(msg->payload, (size_t)msg->payloadlen, sequence_id)) {
	case HMS_MQTT_REQUEST_PUSHALL:
		if (m->has_state)
			publish_state_now(m);
		break;
	case HMS_MQTT_REQUEST_GET_VERSION:
		publish(m, m->state_topic, hms_mqtt_version_payload(m->printer, sequence_id),
			false);
		break;
	default:
		break;		/* a printer's other commands: not ours */
	}
	sync_watch(m);
}

static void on_message(struct mosquitto *mosq, void *data, const struct mosquitto_message *msg)
{
	struct hms_mqtt *m = data;
	g_autoptr(GError) error = NULL;
	struct hms_mqtt_report report = { 0 };

	(void)mosq;
	if (msg->payloadlen < 0)
		return;
	if (!m->state_cb && !strcmp(msg->topic, m->request_topic)) {
		on_request(m, msg);
		return;
	}
	if (!m->state_cb || strcmp(msg->topic, m->state_topic))
		return;
	if (!hms_mqtt_report_parse(msg->payload, (size_t)msg->payloadlen, &report, &error))
		m->state_cb(m->state_ctx, NULL, error);
	else if (report.has_list)
		m->state_cb(m->state_ctx, &report, NULL);
	free(report.codes);
}

/* Always FALSE, with @error saying what is wrong with the config. */
static gboolean G_GNUC_PRINTF(3, 4) config_error(GError **error, int code, const char *fmt,
						 ...)
{
	va_list ap;

	va_start(ap, fmt);
	g_propagate_error(error, g_error_new_valist(HMS_ERROR, code, fmt, ap));
	va_end(ap);
	return FALSE;
}

static gboolean check_config(const struct hms_mqtt_config *conf, GError **error)
{
	if (!conf->printer || !*conf->printer || strpbrk(conf->printer, "/+#"))
		return config_error(error, HMS_ERROR_INVAL, "printer id '%s' must be a non-empty"
				    " topic level without '/', '+' or '#'",
				    conf->printer ? conf->printer : "");
	if (conf->port < 0 || conf->port > 65535)
		return config_error(error, HMS_ERROR_INVAL, "port %d is not 1-65535", conf->port);
	if (conf->password && !conf->username)
		return config_error(error, HMS_ERROR_INVAL, "a password needs a username");
	if (conf->keepalive_s < 0 || (conf->keepalive_s > 0 && conf->keepalive_s < 5) ||
	    conf->keepalive_s > 65535)
		return config_error(error, HMS_ERROR_INVAL, "keepalive %d s is not 5-65535",
				    conf->keepalive_s);
	/* Said, not ignored: a printer's broker without TLS would only time out. */
	if (!conf->tls && (conf->tls_cafile || conf->tls_certfile || conf->tls_keyfile ||
			   conf->tls_no_verify_name))
		return config_error(error, HMS_ERROR_INVAL, "TLS settings need tls = true");
	if (conf->tls_certfile && !conf->tls_keyfile)
		return config_error(error, HMS_ERROR_INVAL, "a client certificate needs its key");
	if (conf->backoff_max_ms && conf->backoff_max_ms < conf->backoff_min_ms)
		return config_error(error, HMS_ERROR_INVAL, "backoff max %u ms is below min %u ms",
				    conf->backoff_max_ms, conf->backoff_min_ms);
	return TRUE;
}

static void fill_from_config(struct hms_mqtt *m, const struct hms_mqtt_config *conf)
{
	m->host = g_strdup(conf->host ? conf->host : "localhost");
	m->port = conf->port ? conf->port : conf->tls ? 8883 : 1883;
	m->printer = g_strdup(conf->printer);
	m->state_topic = g_strdup_printf("device/%s/report", conf->printer);
	m->event_topic = g_strdup_printf("hms/%s/event", conf->printer);
	m->request_topic = g_strdup_printf("device/%s/request", conf->printer);
	m->backoff_min_ms = conf->backoff_min_ms ? conf->backoff_min_ms : 1000;
	m->backoff_max_ms = conf->backoff_max_ms ? conf->backoff_max_ms : 60000;
	m->backoff_max_ms = MAX(m->backoff_max_ms, m->backoff_min_ms);
	m->backoff_ms = m->backoff_min_ms;
	m->log = conf->log;
	m->log_ctx = conf->log_ctx;
	m->io_fd = -1;
}

static gboolean setup_client(struct hms_mqtt *m, const struct hms_mqtt_config *conf,
			     GError **error)
{
	int rc;

	m->mosq = mosquitto_new(conf->client_id, true, m);
	if (!m->mosq)
		return config_error(error, errno == EINVAL ? HMS_ERROR_INVAL : HMS_ERROR_FAILED,
				    "mosquitto_new: %s", g_strerror(errno));
	mosquitto_connect_callback_set(m->mosq, on_connect);
	mosquitto_disconnect_callback_set(m->mosq, on_disconnect);
	mosquitto_message_callback_set(m->mosq, on_message);
	if (conf->username) {
		rc = mosquitto_username_pw_set(m->mosq, conf->username, conf->password);
		if (rc)
			return config_error(error, HMS_ERROR_INVAL, "username: %s", reason(rc));
	}
	if (conf->tls) {
		rc = mosquitto_tls_set(m->mosq, conf->tls_cafile,
				       conf->tls_cafile ? NULL : "/etc/ssl/certs", conf->tls_certfile,
				       conf->tls_keyfile, NULL);
		if (rc)
			return config_error(error, HMS_ERROR_INVAL, "TLS: %s", reason(rc));
	}
	if (conf->tls && conf->tls_no_verify_name) {
		rc = mosquitto_tls_insecure_set(m->mosq, true);
		if (rc)
			return config_error(error, HMS_ERROR_INVAL, "TLS: %s", reason(rc));
		/* Said once: anyone with a certificate of this CA can pose as the broker. */
		mqtt_log(m, "TLS to %s:%d: the certificate's host name is not checked "
			 "(tls_no_verify_name)", m->host, m->port);
	}
	return TRUE;
}

struct hms_mqtt *hms_mqtt_new(const struct hms_mqtt_config *conf, GError **error)
{
	struct hms_mqtt *m;
	int rc;

	if (!check_config(conf, error))
		return NULL;
	if (lib_users++ == 0)
		mosquitto_lib_init();
	m = g_new0(struct hms_mqtt, 1);
	fill_from_config(m, conf);
	if (!setup_client(m, conf, error)) {
		hms_mqtt_free(m);
		return NULL;
	}
	m->misc_id = g_timeout_add(MISC_INTERVAL_MS, misc_tick, m);
	/* Does not wait for the TCP handshake; CONNACK arrives in on_connect. */
	rc = mosquitto_connect_async(m->mosq, m->host, m->port,
				     conf->keepalive_s ? conf->keepalive_s : 30);
	if (rc != MOSQ_ERR_SUCCESS) {
		outage(m, "cannot reach broker", reason(rc));
		schedule_retry(m);
	}
	sync_watch(m);
	return m;
}

void hms_mqtt_free(struct hms_mqtt *m)
{
	if (!m)
		return;
	m->closing = true;
	if (m->io_id)
		g_source_remove(m->io_id);
	if (m->misc_id)
		g_source_remove(m->misc_id);
	if (m->retry_id)
		g_source_remove(m->retry_id);
	if (m->mosq) {
		if (m->connected)
			mosquitto_disconnect(m->mosq);
		mosquitto_destroy(m->mosq);
	}
	g_free(m->host);
	g_free(m->printer);
	g_free(m->state_topic);
	g_free(m->event_topic);
	g_free(m->request_topic);
	g_free(m->active);
	g_free(m);
	if (--lib_users == 0)
		mosquitto_lib_cleanup();
}

int hms_mqtt_publish_state(struct hms_mqtt *m, const struct hms_event *active, size_t n)
{
	g_free(m->active);
	m->active = g_memdup2(active, n * sizeof(*active));
	m->n_active = n;
	m->has_state = true;
	if (m->connected)
		publish_state_now(m);
	sync_watch(m);
	return 0;
}

int hms_mqtt_publish_event(struct hms_mqtt *m, const struct hms_event *event,
			   const char *message)
{
	char *payload;
	int rc;

	if (!m->connected) {
		m->dropped++;
		m->dropped_in_outage++;
		return -1;
	}
	payload = hms_mqtt_event_payload(event, message);
	if (!payload)
		return -1;
	rc = mosquitto_publish(m->mosq, NULL, m->event_topic, (int)strlen(payload), payload,
			       QOS, false);
	free(payload);
	sync_watch(m);
	if (rc != MOSQ_ERR_SUCCESS) {
		m->dropped++;
		mqtt_log(m, "cannot publish %s: %s", m->event_topic, reason(rc));
		return -1;
	}
	return 0;
}

int hms_mqtt_subscribe_state(struct hms_mqtt *m, hms_mqtt_state_cb cb, void *ctx)
{
	m->state_cb = cb;
	m->state_ctx = ctx;
	if (m->connected)
		ask_printer(m);
	sync_watch(m);
	return 0;
}

bool hms_mqtt_connected(const struct hms_mqtt *m)
{
	return m->connected;
}

unsigned long hms_mqtt_dropped_events(const struct hms_mqtt *m)
{
	return m->dropped;
}
