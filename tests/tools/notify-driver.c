// SPDX-License-Identifier: GPL-2.0
/*
 * notify-driver - feeds health events from stdin, as the kernel would
 * announce them, to hmsd's notification sink (the policy, then the
 * notifier), with words of its own: the summary "CODE SEVERITY", the body
 * "notify-driver". For tests/agent/notify.sh and tests/scenarios/agentvm.sh.
 *
 *   notify-driver [CONFIG]    CONFIG: a file with a [notify] group
 *
 * Lines: raise CODE, update CODE, clear CODE, ack CODE, quit. Each line is
 * answered "done" once handled; an acknowledgment from the screen prints
 * "ack CODE". "storm N" raises N fatal codes at once, HMS_0500_0000_0001_0001
 * to HMS_0500_{N-1 in hex}_0001_0001, and answers "done"; "ping" answers
 * "pong", to show that the loop is not held. "worded CODE" raises CODE
 * through the sink's own wording (no code database: the code, its wiki
 * link and QR code).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "code.h"
#include "notify_sink.h"

struct driver {
	GMainLoop *loop;
	struct hms_sink sink;
	unsigned int line;
	guint watch;
};

static void acked(uint64_t code, void *ctx)
{
	char text[HMS_CODE_STRLEN];

	(void)ctx;
	hms_code_format(code, text);
	printf("ack %s\n", text);
	fflush(stdout);
}

static const struct {
	const char *name;
	uint8_t state;
	uint32_t flags;
} commands[] = {
	{ "raise", HMS_STATE_RAISED, 0 },
	{ "update", HMS_STATE_RAISED, HMS_F_UPDATE },
	{ "clear", HMS_STATE_CLEARED, 0 },
	{ "ack", HMS_STATE_ACKED, HMS_F_ACKED },
};

static void deliver(struct driver *d, const struct hms_event *ev)
{
	char summary[64];

	hms_code_format(ev->code, summary);
	strcat(summary, " ");
	strcat(summary, hms_severity_name(HMS_CODE_SEVERITY(ev->code)));
	hms_notify_sink_deliver(d->sink.ctx, ev, summary, "notify-driver", NULL);
}

static void storm(struct driver *d, const char *arg)
{
	unsigned int i, n = arg ? (unsigned int)strtoul(arg, NULL, 10) : 0;
	struct hms_event ev = { .state = HMS_STATE_RAISED };
	char code[HMS_CODE_STRLEN];

	for (i = 0; i < n && i <= 0xffff; i++) {
		snprintf(code, sizeof(code), "HMS_0500_%04X_0001_0001", i);
		if (hms_code_parse(code, &ev.code)) {
			fprintf(stderr, "notify-driver: storm: '%s' is not a health code\n", code);
			return;
		}
		deliver(d, &ev);
	}
	printf("done\n");
	fflush(stdout);
}

static void run(struct driver *d, char *line)
{
	struct hms_event ev = { 0 };
	char *word = strtok(line, " \t\n"), *arg = strtok(NULL, " \t\n");
	size_t i;

	for (i = 0; word && i < G_N_ELEMENTS(commands); i++) {
		if (strcmp(word, commands[i].name))
			continue;
		if (!arg || hms_code_parse(arg, &ev.code)) {
			fprintf(stderr, "notify-driver: line %u: '%s' is not a health code\n",
				d->line, arg ? arg : "");
			return;
		}
		ev.state = commands[i].state;
		ev.flags = commands[i].flags;
		deliver(d, &ev);
		printf("done\n");
		fflush(stdout);
		return;
	}
	if (word && !strcmp(word, "storm")) {
		storm(d, arg);
	} else if (word && !strcmp(word, "worded")) {
		if (!arg || hms_code_parse(arg, &ev.code)) {
			fprintf(stderr, "notify-driver: line %u: '%s' is not a health code\n",
				d->line, arg ? arg : "");
			return;
		}
		ev.state = HMS_STATE_RAISED;
		d->sink.change(d->sink.ctx, &ev, NULL);
		printf("done\n");
		fflush(stdout);
	} else if (word && !strcmp(word, "ping")) {
		printf("pong\n");
		fflush(stdout);
	} else if (word && !strcmp(word, "quit"))
		g_main_loop_quit(d->loop);
	else if (word)
		fprintf(stderr, "notify-driver: line %u: no command '%s'\n", d->line, word);
}

static gboolean on_stdin(GIOChannel *in, GIOCondition cond, gpointer data)
{
	g_autofree char *line = NULL;
	struct driver *d = data;
	GIOStatus status;

	(void)cond;
	status = g_io_channel_read_line(in, &line, NULL, NULL, NULL);
	if (status == G_IO_STATUS_AGAIN)
		return G_SOURCE_CONTINUE;
	if (status != G_IO_STATUS_NORMAL) {
		g_main_loop_quit(d->loop);
		d->watch = 0;
		return G_SOURCE_REMOVE;
	}
	d->line++;
	run(d, line);
	return G_SOURCE_CONTINUE;
}

int main(int argc, char **argv)
{
	struct driver d = { .loop = g_main_loop_new(NULL, FALSE) };
	GIOChannel *in = g_io_channel_unix_new(0);
	struct hms_policy policy;

	hms_policy_defaults(&policy);
	if (argc > 1) {
		g_autoptr(GError) err = NULL;

		if (!hms_policy_load_file(&policy, argv[1], &err))
			fprintf(stderr, "notify-driver: %s\n", err->message);
	}
	d.sink = hms_notify_sink(&(struct hms_notify_sink_config){
		.policy = &policy,
		.ack = acked,
	});
	d.watch = g_io_add_watch(in, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, &d);
	g_main_loop_run(d.loop);
	if (d.watch)
		g_source_remove(d.watch);
	d.sink.close(d.sink.ctx);
	g_io_channel_unref(in);
	g_main_loop_unref(d.loop);
	return 0;
}
