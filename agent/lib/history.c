// SPDX-License-Identifier: GPL-2.0
/*
 * The history file read back (hmsctl history): the records hmsd wrote,
 * skipping what a crash or a bad disk left broken. Read from its end, block
 * by block, so the last 20 records of a file of any size cost a few blocks;
 * the older file FILE.1 is read only when FILE has too few.
 */
#define _GNU_SOURCE	/* memrchr */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "code.h"
#include "error.h"
#include "history.h"

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
	    /* any severity: a printer's severity 0 is a record too ("unknown") */
	    hms_code_parse_any(json_object_get_string(field), &code) ||
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

/* Read backwards in blocks of this many bytes; a line is at most HISTORY_LINE_MAX. */
#define BLOCK (64 * 1024)
#define HISTORY_LINE_MAX (1024 * 1024)

static void put_record(void *record)
{
	json_object_put(record);
}

struct damaged {
	off_t offset;		/* where the line starts */
	const char *why;
};

struct reader {
	const char *path;
	int fd;
	json_tokener *tok;
	GPtrArray *records;	/* newest first */
	GArray *damaged;	/* struct damaged, last in the file first */
	size_t last;		/* records wanted (0: all) */
};

static bool enough(const struct reader *r)
{
	return r->last && r->records->len >= r->last;
}

static void take_line(struct reader *r, char *line, size_t len, off_t offset, const char *why)
{
	struct damaged d = { .offset = offset, .why = why };
	json_object *obj;

	line[len] = '\0';
	if (!why && len > HISTORY_LINE_MAX)
		d.why = why = "longer than 1 MiB";
	if (!why) {
		if (line[strspn(line, " \r")] == '\0')
			return;	/* empty, or the newline ending a torn line on its own */
		d.why = parse_line(r->tok, line, &obj);
		if (!d.why) {
			g_ptr_array_add(r->records, obj);
			return;
		}
	}
	g_array_append_val(r->damaged, d);
}

/*
 * Reads @r->fd from its end (@size) back, block by block, parsing lines
 * newest first until enough records are found. 0 or an errno.
 */
static int read_backwards(struct reader *r, off_t size)
{
	char *buf = NULL;	/* holds the file's bytes [start, end) not yet taken */
	size_t cap = 0, have = 0;
	off_t start = size;
	bool too_long = false;	/* the line being read is skipped: too long */
	int err = 0;

	while (!enough(r)) {
		char *nl = have ? memrchr(buf, '\n', have) : NULL;

		if (nl) {
			size_t at = (size_t)(nl - buf) + 1;

			take_line(r, nl + 1, have - at, start + (off_t)at,
				  too_long ? "longer than 1 MiB" : NULL);
			too_long = false;
			have = at - 1;
			continue;
		}
		if (start == 0) {
			if (have || too_long)
				take_line(r, buf, have, 0, too_long ? "longer than 1 MiB" : NULL);
			break;
		}
		if (have > HISTORY_LINE_MAX) {
			too_long = true;	/* the line's start is still looked for */
			have = 0;
		}
		/* Another block before what is held; at least as long as it. */
		size_t want = have > BLOCK ? have : BLOCK;

		if ((off_t)want > start)
			want = (size_t)start;
		if (have + want + 1 > cap) {
			char *grown = malloc(have + want + 1);

			if (!grown) {
				err = ENOMEM;
				break;
			}
			if (have)
				memcpy(grown + want, buf, have);
			free(buf);
			buf = grown;
			cap = have + want + 1;
		} else {
			memmove(buf + want, buf, have);
		}
		start -= (off_t)want;
		for (size_t got = 0; got < want;) {
			ssize_t n = pread(r->fd, buf + got, want - got, start + (off_t)got);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				err = n < 0 ? errno : EIO;	/* the file shrank */
				goto out;
			}
			got += (size_t)n;
		}
		have += want;
	}
out:
	free(buf);
	return err;
}

/* The warnings of @r's damaged lines into @out, first in the file first. */
static void warn_damaged(struct reader *r, GPtrArray *out)
{
	char block[BLOCK];
	unsigned long lineno = 1;
	off_t pos = 0;
	guint i;

	/* Counted only up to the damage: nothing to pay for a sound file. */
	for (i = r->damaged->len; i-- > 0;) {
		struct damaged *d = &g_array_index(r->damaged, struct damaged, i);

		while (pos < d->offset) {
			size_t want = d->offset - pos < BLOCK ? (size_t)(d->offset - pos) : BLOCK;
			ssize_t n = pread(r->fd, block, want, pos);
			char *p = block, *end;

			if (n <= 0)
				break;
			for (end = block + n; (p = memchr(p, '\n', (size_t)(end - p))); p++)
				lineno++;
			pos += n;
		}
		g_ptr_array_add(out, g_strdup_printf("%s:%lu: skipped: %s", r->path, lineno, d->why));
	}
}

/* The last records of @path into @r; 0, or an errno (ENOENT for no file). */
static int read_file(struct reader *r, const char *path, GPtrArray *warnings)
{
	struct stat st;
	int err = 0;

	r->path = path;
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0)
		return errno;
	g_array_set_size(r->damaged, 0);
	if (fstat(r->fd, &st))
		err = errno;
	else if (S_ISDIR(st.st_mode))
		err = EISDIR;
	else
		err = read_backwards(r, S_ISREG(st.st_mode) ? st.st_size : 0);
	if (!err)
		warn_damaged(r, warnings);
	close(r->fd);
	return err;
}

json_object *hms_history_read(const char *path, size_t last, hms_warn_fn warn, void *arg,
			      GError **error)
{
	g_autofree char *old_path = g_strdup_printf("%s.1", path);
	g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GPtrArray) old_warnings = g_ptr_array_new_with_free_func(g_free);
	struct reader r = { .last = last };
	json_object *records = NULL;
	const char *failed = path;
	guint i;
	int err;

	r.tok = json_tokener_new();
	r.records = g_ptr_array_new_with_free_func(put_record);
	r.damaged = g_array_new(FALSE, FALSE, sizeof(struct damaged));
	err = read_file(&r, path, warnings);
	/* FILE.1, the older file, if FILE has too few; none is none. */
	if (!err && !enough(&r)) {
		err = read_file(&r, old_path, old_warnings);
		failed = old_path;
		if (err == ENOENT)
			err = 0;
	}
	if (err) {
		g_set_error(error, HMS_ERROR, hms_error_from_errno(err),
			    "cannot read history %s: %s", failed, g_strerror(err));
	} else {
		for (i = 0; warn && i < old_warnings->len; i++)
			warn(old_warnings->pdata[i], arg);
		for (i = 0; warn && i < warnings->len; i++)
			warn(warnings->pdata[i], arg);
		records = json_object_new_array_ext((int)r.records->len);
		for (i = r.records->len; i-- > 0;)
			json_object_array_add(records, json_object_get(r.records->pdata[i]));
	}
	g_ptr_array_free(r.records, TRUE);
	g_array_free(r.damaged, TRUE);
	json_tokener_free(r.tok);
	return records;
}
