// SPDX-License-Identifier: GPL-2.0
/*
 * The MQTT payloads: the active list in the printer's report format, each
 * event as JSON, and a printer's report read back (what is wrong with a
 * malformed one in an HMS_ERROR_PARSE GError).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "code.h"
#include "error.h"
#include "event_json.h"
#include "mqtt_payload.h"

/* The object's text, handed over as a string of our own. */
static char *take_string(json_object *obj)
{
	char *text;

	if (!obj)
		return NULL;
	text = strdup(json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN));
	json_object_put(obj);
	return text;
}

static json_object *code_pair(uint64_t code)
{
	json_object *pair = json_object_new_object();

	json_object_object_add(pair, "attr", json_object_new_int64(code >> 32));
	json_object_object_add(pair, "code", json_object_new_int64(code & 0xffffffffu));
	return pair;
}

char *hms_mqtt_report_payload(const struct hms_event *active, size_t n)
{
	json_object *root = json_object_new_object();
	json_object *print = json_object_new_object();
	json_object *hms = json_object_new_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_object_array_add(hms, code_pair(active[i].code));
	json_object_object_add(print, "hms", hms);
	json_object_object_add(root, "print", print);
	return take_string(root);
}

char *hms_mqtt_event_payload(const struct hms_event *ev, const char *message)
{
	json_object *obj = hms_event_json(ev);

	if (message)
		json_object_object_add(obj, "message", json_object_new_string(message));
	return take_string(obj);
}

/* What is wrong with the report: always FALSE. */
static gboolean out_of_memory(GError **error)
{
	g_set_error_literal(error, HMS_ERROR, HMS_ERROR_FAILED, "out of memory");
	return FALSE;
}

static gboolean G_GNUC_PRINTF(2, 3) malformed(GError **error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	g_propagate_error(error, g_error_new_valist(HMS_ERROR, HMS_ERROR_PARSE, fmt, ap));
	va_end(ap);
	return FALSE;
}

static json_object *parse_json(const char *payload, size_t len, GError **error)
{
	struct json_tokener *tok;
	json_object *root;
	size_t end;

	if (len > HMS_MQTT_REPORT_MAX_BYTES) {
		malformed(error, "report of %zu bytes is larger than %d", len,
			  HMS_MQTT_REPORT_MAX_BYTES);
		return NULL;
	}
	tok = json_tokener_new();
	if (!tok) {
		out_of_memory(error);
		return NULL;
	}
	root = json_tokener_parse_ex(tok, payload, (int)len);
	end = json_tokener_get_parse_end(tok);
	/* A bare number could go on: a NUL tells the tokener it has ended. */
	if (!root && json_tokener_get_error(tok) == json_tokener_continue)
		root = json_tokener_parse_ex(tok, "", 1);
	if (!root && json_tokener_get_error(tok) == json_tokener_success) {
		malformed(error, "report is null, not object");	/* JSON null */
	} else if (!root) {
		malformed(error, "not JSON: %s at offset %zu",
			  json_tokener_error_desc(json_tokener_get_error(tok)), end);
	} else {
		while (end < len && strchr(" \t\r\n", payload[end]) && payload[end])
			end++;
		if (end < len) {
			malformed(error, "not JSON: trailing data at offset %zu", end);
			json_object_put(root);
			root = NULL;
		}
	}
	json_tokener_free(tok);
	return root;
}

/* A member that must be there with the given type. */
static json_object *member(json_object *obj, const char *where, const char *key,
			   json_type type, GError **error)
{
	json_object *value;

	/* A JSON null is there, with the wrong type. */
	if (!json_object_object_get_ex(obj, key, &value)) {
		malformed(error, "%s has no \"%s\"", where, key);
		return NULL;
	}
	if (!json_object_is_type(value, type)) {
		malformed(error, "%s.%s is %s, not %s", where, key,
			  json_type_to_name(json_object_get_type(value)), json_type_to_name(type));
		return NULL;
	}
	return value;
}

static gboolean read_u32(json_object *entry, size_t i, const char *key, uint32_t *out,
			 GError **error)
{
	char where[48];
	json_object *value;
	int64_t v;

	snprintf(where, sizeof(where), "print.hms[%zu]", i);
	value = member(entry, where, key, json_type_int, error);
	if (!value)
		return FALSE;
	v = json_object_get_int64(value);
	/* get_int64 saturates, so a u64 beyond INT64_MAX lands out of range too. */
	if (v < 0 || v > UINT32_MAX)
		return malformed(error, "%s.%s %s is out of range 0..%u", where, key,
				 json_object_to_json_string(value), UINT32_MAX);
	*out = (uint32_t)v;
	return TRUE;
}

static gboolean read_entry(json_object *entry, size_t i, uint64_t *code, GError **error)
{
	uint32_t attr, low;
	unsigned int severity;

	if (!json_object_is_type(entry, json_type_object))
		return malformed(error, "print.hms[%zu] is %s, not object", i,
				 json_type_to_name(json_object_get_type(entry)));
	if (!read_u32(entry, i, "attr", &attr, error) || !read_u32(entry, i, "code", &low, error))
		return FALSE;
	*code = (uint64_t)attr << 32 | low;
	severity = HMS_CODE_SEVERITY(*code);
	if (severity < HMS_SEVERITY_FATAL || severity > HMS_SEVERITY_INFO)
		return malformed(error, "print.hms[%zu].code %u has severity %u, not 1-4",
				 i, low, severity);
	return TRUE;
}

static gboolean read_codes(json_object *hms, uint64_t **codes, size_t *n, GError **error)
{
	size_t count = json_object_array_length(hms);
	uint64_t *list = NULL;
	size_t i;

	if (count > HMS_MQTT_REPORT_MAX_CODES)
		return malformed(error, "print.hms has %zu entries, more than %d", count,
				 HMS_MQTT_REPORT_MAX_CODES);
	if (count) {
		list = calloc(count, sizeof(*list));
		if (!list)
			return out_of_memory(error);
	}
	for (i = 0; i < count; i++) {
		if (!read_entry(json_object_array_get_idx(hms, i), i, &list[i], error)) {
			free(list);
			return FALSE;
		}
	}
	*codes = list;
	*n = count;
	return TRUE;
}

gboolean hms_mqtt_report_parse(const char *payload, size_t len, uint64_t **codes, size_t *n,
			       GError **error)
{
	json_object *root, *print, *hms;
	gboolean ret = FALSE;

	root = parse_json(payload, len, error);
	if (!root)
		return FALSE;
	if (!json_object_is_type(root, json_type_object)) {
		malformed(error, "report is %s, not object",
			  json_type_to_name(json_object_get_type(root)));
		goto out;
	}
	print = member(root, "report", "print", json_type_object, error);
	if (!print)
		goto out;
	hms = member(print, "print", "hms", json_type_array, error);
	if (!hms)
		goto out;
	ret = read_codes(hms, codes, n, error);
out:
	json_object_put(root);
	return ret;
}
