// SPDX-License-Identifier: GPL-2.0
/*
 * The history file, JSON lines: written durably by hmsd, read back by
 * hmsctl history, which skips what a crash or a bad disk left broken.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib.h>

#include "code.h"
#include "history.h"
#include "log.h"

struct hms_history {
	char *path;
	int fd;
	bool torn;	/* the file ends in the middle of a line */
	bool failing;	/* the last append failed: say so once */
};

static void set_error(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

/* Does the file end without a newline, as a crash mid-write leaves it? */
static bool ends_torn(int fd)
{
	struct stat st;
	char last;

	if (fstat(fd, &st) || st.st_size == 0)
		return false;
	return pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n';
}

struct hms_history *hms_history_open(const char *path, char *error, size_t len)
{
	struct hms_history *history;
	int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0) {
		set_error(error, len, "cannot open history %s: %s", path, strerror(errno));
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

int hms_history_append(struct hms_history *history, const struct hms_event *ev, char *error,
		       size_t len)
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
	if (err)
		set_error(error, len, "cannot write history %s: %s", history->path,
			  strerror(-err));
	return err;
}

static void append_change(void *ctx, const struct hms_event *ev, const struct hms_view *view)
{
	struct hms_history *history = ctx;
	char error[512];

	(void)view;
	if (hms_history_append(history, ev, error, sizeof(error))) {
		if (!history->failing)
			hms_log(LOG_ERR, "%s (further failures not reported)", error);
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

/* Why @line is not a record, or NULL if it is one (then in *@out). */
static const char *parse_line(json_tokener *tok, char *line, json_object **out)
{
	size_t len = strlen(line);
	json_object *obj, *field;
	uint64_t code;

	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
		line[--len] = '\0';
	json_tokener_reset(tok);
	obj = json_tokener_parse_ex(tok, line, (int)len);
	if (!obj || json_tokener_get_error(tok) != json_tokener_success) {
		json_object_put(obj);
		return "not JSON, or cut short";
	}
	if ((size_t)json_tokener_get_parse_end(tok) != len) {
		json_object_put(obj);
		return "text after the record";
	}
	if (!json_object_is_type(obj, json_type_object) ||
	    !json_object_object_get_ex(obj, "code", &field) ||
	    !json_object_is_type(field, json_type_string) ||
	    hms_code_parse(json_object_get_string(field), &code) ||
	    !json_object_object_get_ex(obj, "state", &field) ||
	    !json_object_is_type(field, json_type_string) ||
	    !json_object_object_get_ex(obj, "seq", &field) ||
	    !json_object_is_type(field, json_type_int)) {
		json_object_put(obj);
		return "not a history record (needs code, state and seq)";
	}
	*out = obj;
	return NULL;
}

json_object *hms_history_read(const char *path, size_t last, hms_history_warn_fn warn,
			      void *arg, char *error, size_t len)
{
	FILE *file = fopen(path, "re");
	json_object *records, *obj, *tail;
	json_tokener *tok;
	char *line = NULL, warning[1024];
	const char *why;
	size_t size = 0, n, i;
	unsigned long lineno = 0;

	if (!file) {
		set_error(error, len, "cannot read history %s: %s", path, strerror(errno));
		return NULL;
	}
	tok = json_tokener_new();
	records = json_object_new_array();
	while (getline(&line, &size, file) >= 0) {
		lineno++;
		if (line[strspn(line, " \r\n")] == '\0')
			continue;	/* the newline ending a torn line on its own */
		why = parse_line(tok, line, &obj);
		if (!why) {
			json_object_array_add(records, obj);
		} else if (warn) {
			snprintf(warning, sizeof(warning), "%s:%lu: skipped: %s", path, lineno, why);
			warn(warning, arg);
		}
	}
	free(line);
	json_tokener_free(tok);
	fclose(file);

	n = json_object_array_length(records);
	if (!last || last >= n)
		return records;
	tail = json_object_new_array();
	for (i = n - last; i < n; i++)
		json_object_array_add(tail, json_object_get(json_object_array_get_idx(records, i)));
	json_object_put(records);
	return tail;
}
