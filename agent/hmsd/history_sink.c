// SPDX-License-Identifier: GPL-2.0
/*
 * hmsd's history sink: each change appended to the history file as one JSON
 * line and synced to disk; a line a crash left torn is ended first.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib.h>

#include "code.h"
#include "error.h"
#include "history_sink.h"
#include "log.h"

struct hms_history {
	char *path;
	int fd;
	bool torn;	/* the file ends in the middle of a line */
	bool failing;	/* the last append failed: say so once */
};

/* Does the file end without a newline, as a crash mid-write leaves it? */
static bool ends_torn(int fd)
{
	struct stat st;
	char last;

	if (fstat(fd, &st) || st.st_size == 0)
		return false;
	return pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n';
}

struct hms_history *hms_history_open(const char *path, GError **error)
{
	struct hms_history *history;
	int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0) {
		g_set_error(error, HMS_ERROR, hms_error_from_errno(errno), "cannot open history %s: %s",
			    path, g_strerror(errno));
		return NULL;
	}
	history = calloc(1, sizeof(*history));
	history->path = strdup(path);
	history->fd = fd;
	history->torn = ends_torn(fd);
	return history;
}

void hms_history_close(struct hms_history *history)
{
	if (!history)
		return;
	close(history->fd);
	free(history->path);
	free(history);
}

static uint64_t realtime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void format_time(uint64_t ns, char *buf, size_t len)
{
	time_t secs = (time_t)(ns / 1000000000ULL);
	struct tm tm;
	char date[32];

	gmtime_r(&secs, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%03uZ", date, (unsigned int)(ns / 1000000ULL % 1000));
}

json_object *hms_history_record(const struct hms_event *ev)
{
	json_object *obj = json_object_new_object();
	char code[HMS_CODE_STRLEN], when[48];
	uint64_t ns = ev->time_real;

	/* A clear found by a resync happened at some time before now. */
	if (!ns || (ev->state == HMS_STATE_CLEARED && (ev->flags & HMS_VIEW_F_RESYNC)))
		ns = realtime_ns();
	format_time(ns, when, sizeof(when));
	hms_code_format(ev->code, code);
	json_object_object_add(obj, "time", json_object_new_string(when));
	json_object_object_add(obj, "seq", json_object_new_uint64(ev->seq));
	json_object_object_add(obj, "code", json_object_new_string(code));
	json_object_object_add(obj, "state", json_object_new_string(hms_state_name(ev->state)));
	json_object_object_add(obj, "severity",
			       json_object_new_string(hms_severity_name(HMS_CODE_SEVERITY(ev->code))));
	json_object_object_add(obj, "value", json_object_new_int64(ev->value));
	json_object_object_add(obj, "source", json_object_new_string(ev->source));
	json_object_object_add(obj, "acked", json_object_new_boolean(ev->flags & HMS_F_ACKED));
	json_object_object_add(obj, "count", json_object_new_int64(ev->count));
	if (ev->flags & HMS_F_UPDATE)
		json_object_object_add(obj, "update", json_object_new_boolean(1));
	if (ev->flags & HMS_VIEW_F_RESYNC)
		json_object_object_add(obj, "resync", json_object_new_boolean(1));
	return obj;
}

/* Writes all of @buf; on a short write the file is left torn. */
static int write_all(struct hms_history *history, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(history->fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		history->torn = true;
		buf += n;
		len -= (size_t)n;
	}
	history->torn = false;
	return 0;
}

gboolean hms_history_append(struct hms_history *history, const struct hms_event *ev,
			    GError **error)
{
	json_object *record = hms_history_record(ev);
	const char *json = json_object_to_json_string_ext(record, JSON_C_TO_STRING_PLAIN);
	/* After a torn line, a newline first, so this record stands on its own. */
	char *line = g_strdup_printf("%s%s\n", history->torn ? "\n" : "", json);
	int err;

	json_object_put(record);
	err = write_all(history, line, strlen(line));
	g_free(line);
	if (!err && fsync(history->fd))
		err = -errno;
	if (err) {
		g_set_error(error, HMS_ERROR, hms_error_from_errno(-err), "cannot write history %s: %s",
			    history->path, g_strerror(-err));
		return FALSE;
	}
	return TRUE;
}

static void append_change(void *ctx, const struct hms_event *ev, const struct hms_view *view)
{
	struct hms_history *history = ctx;
	g_autoptr(GError) error = NULL;

	(void)view;
	if (!hms_history_append(history, ev, &error)) {
		if (!history->failing)
			hms_log(LOG_ERR, "%s (further failures not reported)", error->message);
		history->failing = true;
	} else if (history->failing) {
		hms_log(LOG_NOTICE, "history %s is written again", history->path);
		history->failing = false;
	}
}

static void close_history(void *ctx)
{
	hms_history_close(ctx);
}

struct hms_sink hms_history_sink(struct hms_history *history)
{
	return (struct hms_sink){
		.name = "history",
		.change = append_change,
		.close = close_history,
		.ctx = history,
	};
}
