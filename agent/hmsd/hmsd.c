// SPDX-License-Identifier: GPL-2.0
/*
 * hmsd - keeps a view of the kernel's health code table, from its events,
 * and passes every change on to its sinks: the journal, the history file,
 * desktop notifications, MQTT.
 *
 * It joins the events group first, then dumps the table, so nothing falls
 * between the two; when events were lost (a gap in their sequence numbers,
 * the socket overran, or the kernel's last event is not the last one read
 * once things are quiet) it dumps again and tells the sinks what changed.
 * A restart loses nothing: the kernel's table is the truth.
 *
 * On a desktop with no hms kernel (--desktop), the truth is a printer's
 * active list on MQTT instead, and each report is taken as a dump.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>
#include <glib-unix.h>
#include <json-c/json.h>

#include "client.h"
#include "code.h"
#include "codedb.h"
#include "config.h"
#include "event_json.h"
#include "history_sink.h"
#include "journal_sink.h"
#include "log.h"
#include "mqtt_payload.h"
#include "mqtt_sink.h"
#include "notify_sink.h"
#include "policy.h"
#include "sink.h"
#include "view.h"

#define MAX_SINKS 8
#define DRAIN_MAX 65536		/* messages: a storm cannot keep us draining */
#define QUIET_CHECK_MS 1000	/* after the last event, is it the kernel's last? */
#define MAX_RECV_ERRORS 100	/* in a row: the socket is broken, give up */

/* --desktop: a printer whose reports hmsd follows. */
struct follower {
	struct hmsd *d;
	char name[HMS_SOURCE_LEN];	/* its entries' source */
	struct hms_mqtt *mqtt;
	size_t skipped;			/* entries the last report left out */
	char skipped_why[96];
};

struct hmsd {
	GMainLoop *loop;
	struct hms_client events;	/* joined to the events group, never blocks */
	struct hms_client requests;	/* dumps and stats, apart from the events */
	struct hms_view *view;
	struct hms_codedb *db;
	char lang[16];
	char *wiki;			/* the wiki link's template; NULL: the default */
	struct hms_policy policy;
	bool desktop;			/* --desktop: the lists come from printers */
	GPtrArray *printers;		/* --desktop: struct follower *, one per printer */
	uint64_t reports;		/* --desktop: each report is a "dump" of this seq */
	struct hms_sink sinks[MAX_SINKS];
	size_t n_sinks;
	const char *state_path;
	guint state_source;
	guint retry_source;
	guint quiet_source;
	uint64_t events_read;		/* for the quiet check: any since its last look */
	bool need_resync;
	int recv_errors;
	int status;
};

static void add_sink(struct hmsd *d, struct hms_sink sink)
{
	if (d->n_sinks < MAX_SINKS)
		d->sinks[d->n_sinks++] = sink;
}

/* The view as a JSON array, replaced at once (temp file and rename). */
static void write_state(struct hmsd *d)
{
	GPtrArray *entries = hms_view_sorted(d->view);
	json_object *array = json_object_new_array();
	GError *error = NULL;
	guint i;

	for (i = 0; i < entries->len; i++)
		json_object_array_add(array, hms_event_json(entries->pdata[i]));
	if (!g_file_set_contents(d->state_path,
				 json_object_to_json_string_ext(array, JSON_C_TO_STRING_PLAIN),
				 -1, &error)) {
		hms_log(LOG_ERR, "cannot write state: %s", error->message);
		g_error_free(error);
	}
	json_object_put(array);
	g_ptr_array_unref(entries);
}

static gboolean write_state_when_idle(gpointer data)
{
	struct hmsd *d = data;

	d->state_source = 0;
	write_state(d);
	return G_SOURCE_REMOVE;
}

/* Once the events pending now are handled, not after each of a burst. */
static void state_changed(struct hmsd *d)
{
	if (d->state_path && !d->state_source)
		d->state_source = g_idle_add(write_state_when_idle, d);
}

static uint64_t now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/*
 * --desktop: a report is taken as a dump, but what it changes is what the
 * printer reported, not what a resync found; a code it no longer lists was
 * cleared when hmsd saw that.
 */
static struct hms_event as_reported(const struct hms_event *ev)
{
	struct hms_event reported = *ev;

	if (ev->flags & HMS_VIEW_F_RESYNC) {
		reported.flags = (ev->flags & ~HMS_VIEW_F_RESYNC) | HMS_VIEW_F_REPORTED;
		if (ev->state == HMS_STATE_CLEARED) {
			reported.time_real = now_ns(CLOCK_REALTIME);
			reported.time_boot = now_ns(CLOCK_BOOTTIME);
		}
	}
	return reported;
}

static void tell_sinks(const struct hms_event *event, void *arg)
{
	struct hmsd *d = arg;
	struct hms_event reported;
	const struct hms_event *ev = event;
	size_t i;

	if (d->desktop) {
		reported = as_reported(event);
		ev = &reported;
	}
	for (i = 0; i < d->n_sinks; i++)
		d->sinks[i].change(d->sinks[i].ctx, ev, d->view);
	state_changed(d);
}

static int collect_entry(const struct hms_event *entry, void *arg)
{
	g_array_append_val((GArray *)arg, *entry);
	return 0;
}

/*
 * Dumps the table; *@seq is the last event it surely reflects. Later ones
 * are applied on top, each unless its code's entry is as new (the dump is
 * not a snapshot: it reads each code as it is then). 0 or -errno.
 */
static int dump_table(struct hmsd *d, GArray *entries, uint64_t *seq, GError **error)
{
	struct hms_stats stats;
	int err;

	/* Stale events would only be dropped by the view: read them away. */
	hms_client_drain(&d->events, DRAIN_MAX);
	err = hms_client_stats(&d->requests, &stats, error);
	if (err)
		return err;
	err = hms_client_dump(&d->requests, collect_entry, entries, error);
	if (err)
		return err;
	*seq = stats.seq;
	return 0;
}

static gboolean retry_resync(gpointer data);

static int resync(struct hmsd *d, const char *why)
{
	GArray *entries = g_array_new(FALSE, FALSE, sizeof(struct hms_event));
	uint64_t seq, before = d->view->seq;
	g_autoptr(GError) error = NULL;
	size_t i;
	int err;

	d->need_resync = false;
	err = dump_table(d, entries, &seq, &error);
	if (err) {
		hms_log(LOG_ERR, "cannot dump the table (%s): %s; trying again in 1 s",
			why, error->message);
		if (!d->retry_source)
			d->retry_source = g_timeout_add_seconds(1, retry_resync, d);
		g_array_free(entries, TRUE);
		return err;
	}
	hms_view_replace(d->view, (struct hms_event *)(void *)entries->data, entries->len, seq,
			 tell_sinks, d);
	for (i = 0; i < d->n_sinks; i++) {
		if (d->sinks[i].resynced)
			d->sinks[i].resynced(d->sinks[i].ctx, d->view);
	}
	state_changed(d);
	hms_log(LOG_NOTICE, "resync (%s): %zu active codes, seq %" PRIu64 " (was %" PRIu64 ")",
		why, hms_view_size(d->view), seq, before);
	g_array_free(entries, TRUE);
	return 0;
}

static gboolean retry_resync(gpointer data)
{
	struct hmsd *d = data;

	d->retry_source = 0;
	resync(d, "retry");
	return G_SOURCE_REMOVE;
}

static int on_event(const struct hms_event *ev, void *arg)
{
	struct hmsd *d = arg;

	d->events_read++;
	if (d->need_resync)
		return 0;	/* the dump to come shows it */
	switch (hms_view_apply(d->view, ev)) {
	case HMS_VIEW_CHANGE:
		tell_sinks(ev, d);
		break;
	case HMS_VIEW_GAP:
		hms_log(LOG_WARNING, "events lost: expected seq %" PRIu64 ", got %" PRIu64,
			d->view->seq + 1, ev->seq);
		d->need_resync = true;
		break;
	default:
		break;
	}
	return 0;
}

/*
 * Events lost at the end of a burst leave no gap to see: once no event has
 * come for a while, ask the kernel for its last one. Every event up to it
 * was sent before it answered, so it is read by now or it was lost.
 */
static gboolean check_quiet(gpointer data)
{
	struct hmsd *d = data;
	g_autoptr(GError) error = NULL;
	struct hms_stats stats;
	uint64_t before;

	if (d->events_read) {
		d->events_read = 0;
		return G_SOURCE_CONTINUE;
	}
	d->quiet_source = 0;
	if (hms_client_stats(&d->requests, &stats, &error)) {
		hms_log(LOG_ERR, "cannot read the kernel's last event: %s", error->message);
		return G_SOURCE_REMOVE;
	}
	do {
		before = d->events_read;
		if (hms_client_recv(&d->events, on_event, d, NULL) == -ENOBUFS)
			d->need_resync = true;
	} while (d->events_read != before && !d->need_resync);
	d->events_read = 0;
	if (d->need_resync || d->view->seq < stats.seq) {
		hms_log(LOG_WARNING, "events lost: the kernel's last is %" PRIu64
			", the last read %" PRIu64, stats.seq, d->view->seq);
		resync(d, "events lost at the end of a burst");
	}
	return G_SOURCE_REMOVE;
}

static gboolean on_readable(gint fd, GIOCondition condition, gpointer data)
{
	struct hmsd *d = data;
	g_autoptr(GError) error = NULL;
	int err;

	(void)fd;
	(void)condition;
	err = hms_client_recv(&d->events, on_event, d, &error);
	if (err == -ENOBUFS) {
		hms_log(LOG_WARNING, "%s", error->message);
		d->need_resync = true;
	} else if (err) {
		hms_log(LOG_ERR, "cannot read events: %s", error->message);
		if (err != -EINVAL && ++d->recv_errors >= MAX_RECV_ERRORS) {
			d->status = EXIT_FAILURE;
			g_main_loop_quit(d->loop);
			return G_SOURCE_REMOVE;
		}
		return G_SOURCE_CONTINUE;
	}
	d->recv_errors = 0;
	if (d->need_resync)
		resync(d, err == -ENOBUFS ? "socket overrun" : "sequence gap");
	if (!d->quiet_source)
		d->quiet_source = g_timeout_add(QUIET_CHECK_MS, check_quiet, d);
	return G_SOURCE_CONTINUE;
}

static gboolean on_signal(gpointer data)
{
	struct hmsd *d = data;

	hms_log(LOG_INFO, "stopping");
	g_main_loop_quit(d->loop);
	return G_SOURCE_CONTINUE;
}

static int open_events(struct hmsd *d, int rcvbuf, GError **error)
{
	if (hms_client_open(&d->events, error))
		return -1;
	if (rcvbuf && hms_client_set_rcvbuf(&d->events, rcvbuf, error))
		return -1;
	if (hms_client_subscribe(&d->events, error) ||
	    hms_client_set_nonblocking(&d->events, error))
		return -1;
	return 0;
}

/* A warning of the configuration or the code tables. */
static void warn_log(const char *warning, void *arg)
{
	(void)arg;
	hms_log(LOG_WARNING, "%s", warning);
}

/* "Acknowledge" pressed on a notification. */
static void ack_from_notification(uint64_t code, void *ctx)
{
	struct hmsd *d = ctx;
	const struct hms_event *entry = hms_view_lookup(d->view, code);
	g_autoptr(GError) error = NULL;
	char text[HMS_CODE_STRLEN];
	struct hms_event ev;

	hms_code_format(code, text);
	if (!d->desktop) {
		/* The kernel announces it, and that closes the notification. */
		if (hms_client_ack(&d->requests, code, &error))
			hms_log(LOG_ERR, "cannot acknowledge %s: %s", text, error->message);
		return;
	}
	/* A printer's list has no acknowledgments: this desktop's only. */
	if (!entry || (entry->flags & HMS_F_ACKED))
		return;
	ev = *entry;
	ev.state = HMS_STATE_ACKED;
	ev.flags |= HMS_F_ACKED;
	hms_view_mark_acked(d->view, code);
	tell_sinks(&ev, d);
}

static void open_sinks(struct hmsd *d, const struct hmsd_options *opts)
{
	struct hms_notify_sink_config notify = {
		.policy = &d->policy,
		.ack = ack_from_notification,
		.ack_ctx = d,
	};
	struct hms_history *history;
	struct hms_mqtt *mqtt;
	GError *error = NULL;

	d->db = hmsd_config_codes(opts, d->lang, sizeof(d->lang), &d->wiki, warn_log, NULL);
	if (!opts->no_journal)
		add_sink(d, hms_journal_sink(hms_journal_available(), d->db, d->lang));
	if (*opts->history) {
		history = hms_history_open(opts->history, &error);
		if (history) {
			hms_history_set_limits(history, opts->history_max_bytes,
					       HMS_HISTORY_WINDOW_MS);
			add_sink(d, hms_history_sink(history));
		} else {
			hms_log(LOG_ERR, "%s; going on without a history", error->message);
			g_clear_error(&error);
		}
	}
	if (!opts->no_notify) {
		hms_policy_defaults(&d->policy);
		if (opts->file && !hms_policy_load(&d->policy, opts->file, opts->config, &error)) {
			hms_log(LOG_ERR, "%s", error->message);
			g_clear_error(&error);
		}
		notify.db = d->db;
		notify.lang = d->lang;
		notify.wiki = d->wiki;
		add_sink(d, hms_notify_sink(&notify));
	}
	/* A desktop reads the printer's MQTT; it does not publish it again. */
	if (!opts->desktop) {
		mqtt = hmsd_config_mqtt(opts);
		if (mqtt)
			add_sink(d, hms_mqtt_sink(mqtt, d->db, d->lang));
	}
}

static void close_all(struct hmsd *d)
{
	size_t i;

	for (i = 0; i < d->n_sinks; i++) {
		if (d->sinks[i].close)
			d->sinks[i].close(d->sinks[i].ctx);
	}
	if (d->state_source) {
		g_source_remove(d->state_source);
		write_state(d);
	}
	if (d->retry_source)
		g_source_remove(d->retry_source);
	if (d->quiet_source)
		g_source_remove(d->quiet_source);
	if (d->printers)
		g_ptr_array_unref(d->printers);
	hms_codedb_free(d->db);
	g_free(d->wiki);
	hms_view_free(d->view);
	hms_client_close(&d->events);
	hms_client_close(&d->requests);
	if (d->loop)
		g_main_loop_unref(d->loop);
}

/* Entries a report left out: said when that changes, not at every report. */
static void tell_skipped(struct follower *f, const struct hms_mqtt_report *report)
{
	if (report->skipped == f->skipped && !strcmp(report->skipped_why, f->skipped_why))
		return;
	f->skipped = report->skipped;
	snprintf(f->skipped_why, sizeof(f->skipped_why), "%s", report->skipped_why);
	if (report->skipped)
		hms_log(LOG_WARNING, "%s's report: %zu of %zu entries left out, no code (%s); "
			"the others kept", f->name, report->skipped,
			report->skipped + report->n, report->skipped_why);
}

static bool reported_by(const struct hms_event *entry, const struct follower *f)
{
	return !strncmp(entry->source, f->name, sizeof(entry->source));
}

static bool listed(const struct hms_mqtt_report *report, uint64_t code)
{
	size_t i;

	for (i = 0; i < report->n; i++)
		if (report->codes[i] == code)
			return true;
	return false;
}

/*
 * --desktop: a printer's report is its whole active list, taken as a dump
 * of its part of the view; the other printers' codes stay. A code already
 * in the view keeps its entry (seq, acknowledgment, the printer that
 * reported it first), so that only codes that came or went are changes; a
 * new one is stamped with the time hmsd saw it, the printer not saying
 * when it came.
 */
static void on_report(void *ctx, const struct hms_mqtt_report *report, const GError *error)
{
	struct follower *f = ctx;
	struct hmsd *d = f->d;
	GPtrArray *others = hms_view_sorted(d->view);
	GArray *entries = g_array_new(FALSE, TRUE, sizeof(struct hms_event));
	const struct hms_event *known;
	struct hms_event entry;
	size_t i;

	if (error) {
		hms_log(LOG_WARNING, "%s's report: %s; ignored", f->name, error->message);
		g_ptr_array_unref(others);
		g_array_free(entries, TRUE);
		return;
	}
	tell_skipped(f, report);
	d->reports++;
	for (i = 0; i < others->len; i++) {
		known = others->pdata[i];
		if (!reported_by(known, f) && !listed(report, known->code))
			g_array_append_val(entries, *known);
	}
	for (i = 0; i < report->n; i++) {
		known = hms_view_lookup(d->view, report->codes[i]);
		if (known) {
			g_array_append_val(entries, *known);
			continue;
		}
		memset(&entry, 0, sizeof(entry));
		entry.code = report->codes[i];
		entry.state = HMS_STATE_RAISED;
		entry.seq = d->reports;
		entry.count = 1;
		entry.time_real = now_ns(CLOCK_REALTIME);
		entry.time_boot = entry.first_seen = entry.last_seen = now_ns(CLOCK_BOOTTIME);
		snprintf(entry.source, sizeof(entry.source), "%s", f->name);
		g_array_append_val(entries, entry);
	}
	hms_view_replace(d->view, (struct hms_event *)(void *)entries->data, entries->len,
			 d->reports, tell_sinks, d);
	state_changed(d);
	g_ptr_array_unref(others);
	g_array_free(entries, TRUE);
}

static void follower_free(gpointer data)
{
	struct follower *f = data;

	hms_mqtt_free(f->mqtt);
	g_free(f);
}

static void follow(struct hmsd *d, const char *name, struct hms_mqtt *mqtt)
{
	struct follower *f = g_new0(struct follower, 1);

	f->d = d;
	f->mqtt = mqtt;
	snprintf(f->name, sizeof(f->name), "%s", name);
	g_ptr_array_add(d->printers, f);
	hms_mqtt_subscribe_state(mqtt, on_report, f);
}

/* The [mqtt] group's printer, named by its id, and each [printer NAME]. */
static void follow_printers(struct hmsd *d, const struct hmsd_options *opts)
{
	g_autofree char *id = NULL;
	g_autoptr(GPtrArray) printers = hmsd_config_printers(opts);
	struct hmsd_printer *printer;
	struct hms_mqtt *mqtt;
	guint i;

	d->printers = g_ptr_array_new_with_free_func(follower_free);
	mqtt = hmsd_config_mqtt(opts);
	if (mqtt) {
		/* hms_mqtt_new() took it: a topic level, there */
		id = g_key_file_get_string(opts->file, "mqtt", "printer", NULL);
		follow(d, id ? id : "printer", mqtt);
	}
	for (i = 0; i < printers->len; i++) {
		printer = printers->pdata[i];
		follow(d, printer->name, g_steal_pointer(&printer->mqtt));
	}
}

static int run_desktop(struct hmsd *d, const struct hmsd_options *opts)
{
	d->desktop = true;
	open_sinks(d, opts);
	d->view = hms_view_new();
	d->state_path = opts->state;
	follow_printers(d, opts);
	if (!d->printers->len) {
		hms_log(LOG_ERR, "--desktop needs a printer to follow: an [mqtt] group with "
			"its broker's host and the printer's id, or [printer NAME] groups");
		return EXIT_FAILURE;
	}
	d->loop = g_main_loop_new(NULL, FALSE);
	g_unix_signal_add(SIGTERM, on_signal, d);
	g_unix_signal_add(SIGINT, on_signal, d);
	hms_log(LOG_INFO, "following the printer's reports (%u printers)", d->printers->len);
	g_main_loop_run(d->loop);
	return d->status;
}

static int run(struct hmsd *d, const struct hmsd_options *opts)
{
	g_autoptr(GError) error = NULL;

	if (opts->desktop)
		return run_desktop(d, opts);
	/* Join first, then dump: an event in between is in the socket, not lost. */
	if (open_events(d, opts->rcvbuf, &error) || hms_client_open(&d->requests, &error)) {
		hms_log(LOG_ERR, "%s", error->message);
		return EXIT_FAILURE;
	}
	if (!opts->foreground) {
		if (daemon(0, 0)) {
			hms_log(LOG_ERR, "cannot become a daemon: %s", strerror(errno));
			return EXIT_FAILURE;
		}
		hms_log_open("hmsd", true);
	}
	open_sinks(d, opts);
	d->view = hms_view_new();
	d->state_path = opts->state;
	if (resync(d, "start"))
		return EXIT_FAILURE;
	if (d->state_path)
		write_state(d);

	d->loop = g_main_loop_new(NULL, FALSE);
	g_unix_fd_add(hms_client_fd(&d->events), G_IO_IN, on_readable, d);
	g_unix_signal_add(SIGTERM, on_signal, d);
	g_unix_signal_add(SIGINT, on_signal, d);
	hms_log(LOG_INFO, "listening for events");
	g_main_loop_run(d->loop);
	return d->status;
}

int main(int argc, char **argv)
{
	struct hmsd_options opts = { 0 };
	g_autoptr(GError) error = NULL;
	struct hmsd d = { 0 };
	int status;

	hms_log_open("hmsd", false);
	status = hmsd_options_parse(argc, argv, &opts, warn_log, NULL, &error);
	if (status) {
		hms_log(LOG_ERR, "%s", error->message);
		goto out;
	}
	status = run(&d, &opts);
	close_all(&d);
out:
	hmsd_options_free(&opts);
	return status;
}
