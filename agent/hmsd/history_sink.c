// SPDX-License-Identifier: GPL-2.0
/*
 * hmsd's history sink: each change appended to the history file as one JSON
 * line and synced to disk; a line a crash left torn is ended first. The file
 * is bounded: past its limit it becomes FILE.1 (the one older file kept) and
 * a new FILE is started; and a flapping code's raises and clears are
 * coalesced (history_sink.h).
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

/* A code's coalescing window: what was written in it, what was held back. */
struct coalesce {
	int64_t start_ms;	/* the window's start */
	bool raised, cleared;	/* one of each written in this window */
	bool held;		/* @pending is the latest change not written */
	uint64_t count;		/* changes not written since the code's last line */
	struct hms_event pending;
};

struct hms_history {
	char *path;
	char *old_path;		/* PATH.1 */
	int fd;
	uint64_t size;		/* of the file, as far as we wrote it */
	uint64_t max_bytes;	/* 0: no limit */
	unsigned int window_ms;	/* 0: nothing coalesced */
	GHashTable *codes;	/* code -> struct coalesce */
	guint flush_id;		/* the sink's timer writing held changes */
	bool regular;	/* a file, not a device: rotated past max_bytes */
	bool torn;	/* the file ends in the middle of a line */
	bool failing;	/* the last append failed: say so once */
};

static uint64_t file_size(int fd, bool *regular)
{
	struct stat st;

	*regular = !fstat(fd, &st) && S_ISREG(st.st_mode);
	return *regular ? (uint64_t)st.st_size : 0;
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
	history->old_path = g_strdup_printf("%s.1", path);
	history->fd = fd;
	history->torn = ends_torn(fd);
	history->size = file_size(fd, &history->regular);
	history->max_bytes = HMS_HISTORY_MAX_BYTES;
	history->window_ms = HMS_HISTORY_WINDOW_MS;
	history->codes = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
	return history;
}

void hms_history_set_limits(struct hms_history *history, uint64_t max_bytes,
			    unsigned int window_ms)
{
	history->max_bytes = max_bytes;
	history->window_ms = window_ms;
}

void hms_history_close(struct hms_history *history)
{
	if (!history)
		return;
	if (history->flush_id)
		g_source_remove(history->flush_id);
	/* What was held back is written before hmsd leaves. */
	hms_history_flush(history, INT64_MAX, NULL);
	close(history->fd);
	g_hash_table_destroy(history->codes);
	g_free(history->old_path);
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
	if (ev->flags & HMS_VIEW_F_REPORTED)
		json_object_object_add(obj, "reported", json_object_new_boolean(1));
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
		history->size += (uint64_t)n;
	}
	history->torn = false;
	return 0;
}

/*
 * The file becomes PATH.1 (replacing the older one) and a new PATH is
 * started; 0 or -errno.
 */
static int rotate(struct hms_history *history)
{
	g_autofree char *dir = g_path_get_dirname(history->path);
	int fd, dirfd;

	if (rename(history->path, history->old_path))
		return -errno;
	fd = open(history->path, O_RDWR | O_APPEND | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	close(history->fd);
	history->fd = fd;
	history->size = 0;
	history->torn = false;
	/* The rename and the new file survive a crash. */
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd >= 0) {
		fsync(dirfd);
		close(dirfd);
	}
	return 0;
}

/* Appends @ev's record, with "coalesced": @coalesced if not 0. */
static gboolean append_record(struct hms_history *history, const struct hms_event *ev,
			      uint64_t coalesced, GError **error)
{
	json_object *record = hms_history_record(ev);
	const char *json;
	char *line;
	size_t len;
	int err = 0;

	if (coalesced)
		json_object_object_add(record, "coalesced", json_object_new_uint64(coalesced));
	json = json_object_to_json_string_ext(record, JSON_C_TO_STRING_PLAIN);
	len = strlen(json) + 1;
	/* /dev/null, or a FIFO, is never renamed. */
	if (history->regular && history->max_bytes && history->size &&
	    history->size + len + history->torn > history->max_bytes)
		err = rotate(history);
	/* After a torn line, a newline first, so this record stands on its own. */
	line = g_strdup_printf("%s%s\n", history->torn ? "\n" : "", json);
	json_object_put(record);
	if (!err)
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

gboolean hms_history_append(struct hms_history *history, const struct hms_event *ev,
			    GError **error)
{
	return append_record(history, ev, 0, error);
}

static struct coalesce *coalesce_of(struct hms_history *history, uint64_t code)
{
	struct coalesce *c = g_hash_table_lookup(history->codes, &code);
	gint64 *key;

	if (!c) {
		key = g_new(gint64, 1);
		*key = (gint64)code;
		c = g_new0(struct coalesce, 1);
		c->start_ms = INT64_MIN;
		g_hash_table_insert(history->codes, key, c);
	}
	return c;
}

gboolean hms_history_change(struct hms_history *history, const struct hms_event *ev,
			    int64_t now_ms, GError **error)
{
	bool flapping = ev->state == HMS_STATE_RAISED || ev->state == HMS_STATE_CLEARED;
	struct coalesce *c;
	uint64_t count;
	bool *written;

	if (!history->window_ms)
		return append_record(history, ev, 0, error);
	c = coalesce_of(history, ev->code);
	if (!flapping) {
		/* An ack or a drop is always written, after what was held back. */
		if (c->held && !append_record(history, &c->pending, c->count - 1, error))
			return FALSE;
		c->held = false;
		c->count = 0;
		return append_record(history, ev, 0, error);
	}
	if (c->start_ms == INT64_MIN || now_ms < c->start_ms ||
	    now_ms - c->start_ms >= (int64_t)history->window_ms) {
		/* A new window: a change held back is superseded, and counted. */
		c->start_ms = now_ms;
		c->raised = c->cleared = false;
		c->held = false;
	}
	written = ev->state == HMS_STATE_RAISED ? &c->raised : &c->cleared;
	if (*written) {
		c->pending = *ev;
		c->held = true;
		c->count++;
		return TRUE;
	}
	*written = true;
	count = c->count;
	c->count = 0;
	return append_record(history, ev, count, error);
}

gboolean hms_history_flush(struct hms_history *history, int64_t now_ms, GError **error)
{
	GHashTableIter iter;
	struct coalesce *c;
	gboolean ok = TRUE;

	g_hash_table_iter_init(&iter, history->codes);
	while (g_hash_table_iter_next(&iter, NULL, (gpointer *)&c)) {
		if (now_ms != INT64_MAX && c->start_ms != INT64_MIN && now_ms >= c->start_ms &&
		    now_ms - c->start_ms < (int64_t)history->window_ms)
			continue;
		if (c->held) {
			/* Written as a window's first line: the window starts again. */
			if (ok && !append_record(history, &c->pending, c->count - 1, error))
				ok = FALSE;
			c->raised = c->pending.state == HMS_STATE_RAISED;
			c->cleared = !c->raised;
			c->start_ms = now_ms;
			c->held = false;
			c->count = 0;
		} else {
			g_hash_table_iter_remove(&iter);	/* quiet: forgotten */
		}
	}
	return ok;
}

static void report(struct hms_history *history, gboolean ok, GError *error)
{
	if (!ok) {
		if (!history->failing)
			hms_log(LOG_ERR, "%s (further failures not reported)", error->message);
		history->failing = true;
	} else if (history->failing) {
		hms_log(LOG_NOTICE, "history %s is written again", history->path);
		history->failing = false;
	}
}

static int64_t monotonic_ms(void)
{
	return g_get_monotonic_time() / 1000;
}

static gboolean flush_held(gpointer data)
{
	struct hms_history *history = data;
	g_autoptr(GError) error = NULL;

	report(history, hms_history_flush(history, monotonic_ms(), &error), error);
	if (g_hash_table_size(history->codes))
		return G_SOURCE_CONTINUE;
	history->flush_id = 0;
	return G_SOURCE_REMOVE;
}

static void append_change(void *ctx, const struct hms_event *ev, const struct hms_view *view)
{
	struct hms_history *history = ctx;
	g_autoptr(GError) error = NULL;

	(void)view;
	report(history, hms_history_change(history, ev, monotonic_ms(), &error), error);
	/* What is held back is written when its window ends. */
	if (history->window_ms && !history->flush_id && g_hash_table_size(history->codes))
		history->flush_id = g_timeout_add(history->window_ms, flush_held, history);
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
