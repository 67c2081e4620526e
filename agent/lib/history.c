// SPDX-License-Identifier: GPL-2.0
/*
 * The history file read back (hmsctl history): the records hmsd wrote,
 * skipping what a crash or a bad disk left broken.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

json_object *hms_history_read(const char *path, size_t last, hms_warn_fn warn, void *arg,
			      GError **error)
{
	FILE *file = fopen(path, "re");
	json_object *records, *obj, *tail;
	json_tokener *tok;
	char *line = NULL, warning[1024];
	const char *why;
	size_t size = 0, n, i;
	unsigned long lineno = 0;
	int err;

	if (!file) {
		g_set_error(error, HMS_ERROR, hms_error_from_errno(errno),
			    "cannot read history %s: %s", path,
			    g_strerror(errno));
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
	err = ferror(file) ? errno : 0;
	free(line);
	json_tokener_free(tok);
	fclose(file);
	if (err) {
		g_set_error(error, HMS_ERROR, hms_error_from_errno(err),
			    "cannot read history %s: %s", path,
			    g_strerror(err));
		json_object_put(records);
		return NULL;
	}

	n = json_object_array_length(records);
	if (!last || last >= n)
		return records;
	tail = json_object_new_array();
	for (i = n - last; i < n; i++)
		json_object_array_add(tail, json_object_get(json_object_array_get_idx(records, i)));
	json_object_put(records);
	return tail;
}
