// SPDX-License-Identifier: GPL-2.0
/*
 * The MQTT payloads: the active list in the printer's report format, each
 * event as JSON, and a printer's report read back.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "code.h"
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

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static json_object *parse_json(const char *payload, size_t len, char *err, size_t errlen)
{
	struct json_tokener *tok;
	json_object *root;
	size_t end;

	if (len > HMS_MQTT_REPORT_MAX_BYTES) {
		fail(err, errlen, "report of %zu bytes is larger than %d", len,
		     HMS_MQTT_REPORT_MAX_BYTES);
		return NULL;
	}
	tok = json_tokener_new();
	if (!tok) {
		fail(err, errlen, "out of memory");
		return NULL;
	}
	root = json_tokener_parse_ex(tok, payload, (int)len);
	end = json_tokener_get_parse_end(tok);
	/* A bare number could go on: a NUL tells the tokener it has ended. */
	if (!root && json_tokener_get_error(tok) == json_tokener_continue)
		root = json_tokener_parse_ex(tok, "", 1);
	if (!root && json_tokener_get_error(tok) == json_tokener_success) {
		fail(err, errlen, "report is null, not object");	/* JSON null */
	} else if (!root) {
		fail(err, errlen, "not JSON: %s at offset %zu",
		     json_tokener_error_desc(json_tokener_get_error(tok)), end);
	} else {
		while (end < len && strchr(" \t\r\n", payload[end]) && payload[end])
			end++;
		if (end < len) {
			fail(err, errlen, "not JSON: trailing data at offset %zu", end);
			json_object_put(root);
			root = NULL;
		}
	}
	json_tokener_free(tok);
	return root;
}

/* A member that must be there with the given type. */
static json_object *member(json_object *obj, const char *where, const char *key,
			   json_type type, char *err, size_t errlen)
{
	json_object *value;

	/* A JSON null is there, with the wrong type. */
	if (!json_object_object_get_ex(obj, key, &value)) {
		fail(err, errlen, "%s has no \"%s\"", where, key);
		return NULL;
	}
	if (!json_object_is_type(value, type)) {
		fail(err, errlen, "%s.%s is %s, not %s", where, key,
		     json_type_to_name(json_object_get_type(value)), json_type_to_name(type));
		return NULL;
	}
	return value;
}

static int read_u32(json_object *entry, size_t i, const char *key, uint32_t *out,
		    char *err, size_t errlen)
{
	char where[48];
	json_object *value;
	int64_t v;

	snprintf(where, sizeof(where), "print.hms[%zu]", i);
	value = member(entry, where, key, json_type_int, err, errlen);
	if (!value)
		return -1;
	v = json_object_get_int64(value);
	/* get_int64 saturates, so a u64 beyond INT64_MAX lands out of range too. */
	if (v < 0 || v > UINT32_MAX)
		return fail(err, errlen, "%s.%s %s is out of range 0..%u", where, key,
			    json_object_to_json_string(value), UINT32_MAX);
	*out = (uint32_t)v;
	return 0;
}

static int read_entry(json_object *entry, size_t i, uint64_t *code, char *err, size_t errlen)
{
	uint32_t attr, low;
	unsigned int severity;

	if (!json_object_is_type(entry, json_type_object))
		return fail(err, errlen, "print.hms[%zu] is %s, not object", i,
			    json_type_to_name(json_object_get_type(entry)));
	if (read_u32(entry, i, "attr", &attr, err, errlen) ||
	    read_u32(entry, i, "code", &low, err, errlen))
		return -1;
	*code = (uint64_t)attr << 32 | low;
	severity = HMS_CODE_SEVERITY(*code);
	if (severity < HMS_SEVERITY_FATAL || severity > HMS_SEVERITY_INFO)
		return fail(err, errlen, "print.hms[%zu].code %u has severity %u, not 1-4",
			    i, low, severity);
	return 0;
}

static int read_codes(json_object *hms, uint64_t **codes, size_t *n, char *err, size_t errlen)
{
	size_t count = json_object_array_length(hms);
	uint64_t *list = NULL;
	size_t i;

	if (count > HMS_MQTT_REPORT_MAX_CODES)
		return fail(err, errlen, "print.hms has %zu entries, more than %d", count,
			    HMS_MQTT_REPORT_MAX_CODES);
	if (count) {
		list = calloc(count, sizeof(*list));
		if (!list)
			return fail(err, errlen, "out of memory");
	}
	for (i = 0; i < count; i++) {
		if (read_entry(json_object_array_get_idx(hms, i), i, &list[i], err, errlen)) {
			free(list);
			return -1;
		}
	}
	*codes = list;
	*n = count;
	return 0;
}

int hms_mqtt_report_parse(const char *payload, size_t len, uint64_t **codes, size_t *n,
			  char *err, size_t errlen)
{
	json_object *root, *print, *hms;
	int ret = -1;

	root = parse_json(payload, len, err, errlen);
	if (!root)
		return -1;
	if (!json_object_is_type(root, json_type_object)) {
		fail(err, errlen, "report is %s, not object",
		     json_type_to_name(json_object_get_type(root)));
		goto out;
	}
	print = member(root, "report", "print", json_type_object, err, errlen);
	if (!print)
		goto out;
	hms = member(print, "print", "hms", json_type_array, err, errlen);
	if (!hms)
		goto out;
	ret = read_codes(hms, codes, n, err, errlen);
out:
	json_object_put(root);
	return ret;
}
