// SPDX-License-Identifier: GPL-2.0
/*
 * mqtt-driver - runs agent/hmsd/mqtt.c in a GLib main loop for
 * tests/agent/mqtt.sh and tests/scenarios/agentvm.sh, without the kernel
 * and the rest of hmsd. Commands on stdin, one a line:
 *
 *   raise CODE   adds CODE to the active list, publishes event and state
 *   clear CODE   removes it, likewise
 *   subscribe    desktop mode: prints "report N CODE..." for each report
 *                of the printer (and "skipped N: WHY" for entries left
 *                out), "error: WHY" for a malformed one
 *   quit         (or end of input)
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <glib.h>

#include "code.h"
#include "mqtt.h"
#include "mqtt_payload.h"

#define MAX_ACTIVE 64

static struct hms_event active[MAX_ACTIVE];
static size_t n_active;
static uint64_t seq;
static GMainLoop *loop;

static uint64_t now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static struct hms_event *find(uint64_t code)
{
	size_t i;

	for (i = 0; i < n_active; i++)
		if (active[i].code == code)
			return &active[i];
	return NULL;
}

static void change(struct hms_mqtt *m, uint64_t code, bool raise)
{
	struct hms_event *entry = find(code), ev = { .code = code };

	if (raise && !entry && n_active == MAX_ACTIVE) {
		printf("error: active list full\n");
		return;
	}
	if (!raise && !entry) {
		printf("error: not active\n");
		return;
	}
	if (raise && !entry) {
		entry = &active[n_active++];
		*entry = ev;
		entry->first_seen = now_ns(CLOCK_BOOTTIME);
		snprintf(entry->source, sizeof(entry->source), "mqtt-driver");
	} else if (raise) {
		entry->flags |= HMS_F_UPDATE;
	}
	entry->state = raise ? HMS_STATE_RAISED : HMS_STATE_CLEARED;
	entry->seq = ++seq;
	if (raise)
		entry->count++;
	entry->time_real = now_ns(CLOCK_REALTIME);
	entry->time_boot = entry->last_seen = now_ns(CLOCK_BOOTTIME);
	ev = *entry;
	if (!raise)
		*entry = active[--n_active];
	hms_mqtt_publish_event(m, &ev, NULL);
	hms_mqtt_publish_state(m, active, n_active);
}

static void print_report(void *ctx, const struct hms_mqtt_report *report, const GError *error)
{
	char text[HMS_CODE_STRLEN];
	size_t i;

	(void)ctx;
	if (error) {
		printf("error: %s\n", error->message);
	} else {
		printf("report %zu", report->n);
		for (i = 0; i < report->n; i++) {
			hms_code_format(report->codes[i], text);
			printf(" %s", text);
		}
		if (report->skipped)
			printf(" skipped %zu: %s", report->skipped, report->skipped_why);
		printf("\n");
	}
	fflush(stdout);
}

static void command(struct hms_mqtt *m, char *line)
{
	char *arg = strchr(line, ' ');
	uint64_t code;

	if (arg)
		*arg++ = '\0';
	if (!strcmp(line, "quit")) {
		g_main_loop_quit(loop);
	} else if (!strcmp(line, "subscribe")) {
		hms_mqtt_subscribe_state(m, print_report, NULL);
	} else if ((!strcmp(line, "raise") || !strcmp(line, "clear")) && arg &&
		   !hms_code_parse(arg, &code)) {
		change(m, code, line[0] == 'r');
	} else if (*line) {
		printf("error: unknown command '%s'\n", line);
	}
	fflush(stdout);
}

static gboolean stdin_ready(GIOChannel *ch, GIOCondition cond, gpointer data)
{
	GIOStatus status;
	gsize term;
	char *line;

	(void)cond;
	while ((status = g_io_channel_read_line(ch, &line, NULL, &term, NULL)) ==
	       G_IO_STATUS_NORMAL) {
		line[term] = '\0';
		command(data, line);
		g_free(line);
	}
	if (status == G_IO_STATUS_AGAIN)
		return G_SOURCE_CONTINUE;
	g_main_loop_quit(loop);
	return G_SOURCE_REMOVE;
}

int main(int argc, char **argv)
{
	struct hms_mqtt_config conf = { 0 };
	gchar *host = NULL, *printer = NULL, *user = NULL, *password = NULL, *cafile = NULL;
	gboolean tls = FALSE, no_verify_name = FALSE;
	gint port = 0, backoff_min = 0, backoff_max = 0;
	GOptionEntry options[] = {
		{ "host", 0, 0, G_OPTION_ARG_STRING, &host, "broker", "HOST" },
		{ "port", 0, 0, G_OPTION_ARG_INT, &port, "broker port", "PORT" },
		{ "printer", 0, 0, G_OPTION_ARG_STRING, &printer, "printer id", "ID" },
		{ "backoff-min-ms", 0, 0, G_OPTION_ARG_INT, &backoff_min, "first retry", "MS" },
		{ "backoff-max-ms", 0, 0, G_OPTION_ARG_INT, &backoff_max, "longest retry", "MS" },
		{ "username", 0, 0, G_OPTION_ARG_STRING, &user, "user name", "NAME" },
		{ "password", 0, 0, G_OPTION_ARG_STRING, &password, "password", "TEXT" },
		{ "tls", 0, 0, G_OPTION_ARG_NONE, &tls, "TLS", NULL },
		{ "cafile", 0, 0, G_OPTION_ARG_FILENAME, &cafile, "TLS: the CA", "FILE" },
		{ "no-verify-name", 0, 0, G_OPTION_ARG_NONE, &no_verify_name,
		  "TLS: the certificate may name another host", NULL },
		{ NULL }
	};
	GOptionContext *opts = g_option_context_new("- drive hms MQTT from stdin");
	GError *error = NULL;
	struct hms_mqtt *m;
	GIOChannel *in;

	g_option_context_add_main_entries(opts, options, NULL);
	if (!g_option_context_parse(opts, &argc, &argv, &error)) {
		fprintf(stderr, "mqtt-driver: %s\n", error->message);
		return 2;
	}
	g_option_context_free(opts);
	conf.host = host ? host : "127.0.0.1";
	conf.printer = printer ? printer : "test";
	conf.port = port;
	conf.username = user;
	conf.password = password;
	conf.tls = tls;
	conf.tls_cafile = cafile;
	conf.tls_no_verify_name = no_verify_name;
	conf.backoff_min_ms = (unsigned int)backoff_min;
	conf.backoff_max_ms = (unsigned int)backoff_max;
	m = hms_mqtt_new(&conf, &error);
	if (!m) {
		fprintf(stderr, "mqtt-driver: %s\n", error->message);
		g_error_free(error);
		return 2;
	}
	loop = g_main_loop_new(NULL, FALSE);
	in = g_io_channel_unix_new(0);
	g_io_channel_set_flags(in, G_IO_FLAG_NONBLOCK, NULL);
	g_io_add_watch(in, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_ready, m);
	g_main_loop_run(loop);
	g_io_channel_unref(in);
	g_main_loop_unref(loop);
	hms_mqtt_free(m);
	g_free(host);
	g_free(printer);
	g_free(user);
	g_free(password);
	g_free(cafile);
	return 0;
}
