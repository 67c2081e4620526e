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

char *hms_mqtt_report_payload(const struct hms_event *active, size_t n, const char *sequence_id)
{
	json_object *root = json_object_new_object();
	json_object *print = json_object_new_object();
	json_object *hms = json_object_new_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_object_array_add(hms, code_pair(active[i].code));
	json_object_object_add(print, "command", json_object_new_string("push_status"));
	json_object_object_add(print, "sequence_id", json_object_new_string(sequence_id));
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

/* {"GROUP":{"sequence_id":"N","command":"COMMAND"}}, as the clients send them */
static json_object *command_object(const char *group, const char *command, const char *sequence_id)
{
	json_object *root = json_object_new_object();
	json_object *body = json_object_new_object();

	json_object_object_add(body, "sequence_id", json_object_new_string(sequence_id));
	json_object_object_add(body, "command", json_object_new_string(command));
	json_object_object_add(root, group, body);
	return root;
}

char *hms_mqtt_request_payload(enum hms_mqtt_request request, const char *sequence_id)
{
	switch (request) {
	case HMS_MQTT_REQUEST_PUSHALL:
		return take_string(command_object("pushing", "pushall", sequence_id));
	case HMS_MQTT_REQUEST_GET_VERSION:
		return take_string(command_object("info", "get_version", sequence_id));
	default:
		return NULL;
	}
}

char *hms_mqtt_version_payload(const char *printer, const char *sequence_id)
{
	json_object *root = command_object("info", "get_version", sequence_id);
	json_object *modules = json_object_new_array();
	json_object *module = json_object_new_object();
	json_object *info = json_object_object_get(root, "info");

	/* One module, as a printer lists its ota, mc, ams... */
	json_object_object_add(module, "name", json_object_new_string("hms"));
	json_object_object_add(module, "product_name", json_object_new_string("hms"));
	json_object_object_add(module, "sw_ver", json_object_new_string(HMS_AGENT_VERSION));
	json_object_object_add(module, "hw_ver", json_object_new_string(""));
	json_object_object_add(module, "sn", json_object_new_string(printer));
	json_object_array_add(modules, module);
	json_object_object_add(info, "module", modules);
	json_object_object_add(info, "result", json_object_new_string("success"));
	return take_string(root);
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

	if (!json_object_is_type(entry, json_type_object))
		return malformed(error, "print.hms[%zu] is %s, not object", i,
				 json_type_to_name(json_object_get_type(entry)));
	if (!read_u32(entry, i, "attr", &attr, error) || !read_u32(entry, i, "code", &low, error))
		return FALSE;
	/* Any severity: 0 and those above 4 are shown "unknown", not dropped. */
	*code = (uint64_t)attr << 32 | low;
	return TRUE;
}

static void skip(struct hms_mqtt_report *report, const char *why)
{
	if (!report->skipped++)
		snprintf(report->skipped_why, sizeof(report->skipped_why), "%s", why);
}

/* Every entry that is a code; the others are counted, not fatal. */
static gboolean read_codes(json_object *hms, struct hms_mqtt_report *report, GError **error)
{
	size_t count = json_object_array_length(hms), keep = MIN(count, HMS_MQTT_REPORT_MAX_CODES);
	char why[96];
	size_t i;

	if (keep) {
		report->codes = calloc(keep, sizeof(*report->codes));
		if (!report->codes)
			return out_of_memory(error);
	}
	for (i = 0; i < keep; i++) {
		g_autoptr(GError) odd = NULL;

		if (read_entry(json_object_array_get_idx(hms, i), i,
			       &report->codes[report->n], &odd))
			report->n++;
		else if (odd->code == HMS_ERROR_PARSE)
			skip(report, odd->message);
		else
			return FALSE;
	}
	if (count > keep) {
		snprintf(why, sizeof(why), "print.hms has %zu entries, more than %d", count,
			 HMS_MQTT_REPORT_MAX_CODES);
		skip(report, why);
		report->skipped += count - keep - 1;
	}
	if (!report->n)
		g_clear_pointer(&report->codes, free);
	return TRUE;
}

gboolean hms_mqtt_report_parse(const char *payload, size_t len, struct hms_mqtt_report *report,
			       GError **error)
{
	struct hms_mqtt_report got = { 0 };
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
	/* No print, or no print.hms: other traffic, which says nothing of the list. */
	if (!json_object_object_get_ex(root, "print", NULL) ||
	    (json_object_is_type(json_object_object_get(root, "print"), json_type_object) &&
	     !json_object_object_get_ex(json_object_object_get(root, "print"), "hms", NULL))) {
		ret = TRUE;
		goto out;
	}
	print = member(root, "report", "print", json_type_object, error);
	if (!print)
		goto out;
	hms = member(print, "print", "hms", json_type_array, error);
	if (!hms)
		goto out;
	got.has_list = true;
	ret = read_codes(hms, &got, error);
	if (!ret)
		free(got.codes);
out:
	if (ret)
		*report = got;
	json_object_put(root);
	return ret;
}

/* The command of @root's @group object, when it is @command. */
static json_object *command_of(json_object *root, const char *group, const char *command)
{
	json_object *body, *value;

	if (!json_object_object_get_ex(root, group, &body) ||
	    !json_object_is_type(body, json_type_object) ||
	    !json_object_object_get_ex(body, "command", &value) ||
	    !json_object_is_type(value, json_type_string) ||
	    strcmp(json_object_get_string(value), command))
		return NULL;
	return body;
}

enum hms_mqtt_request hms_mqtt_request_parse(const char *payload, size_t len,
					     char sequence_id[HMS_MQTT_SEQUENCE_MAX])
{
	enum hms_mqtt_request request = HMS_MQTT_REQUEST_OTHER;
	json_object *root = parse_json(payload, len, NULL), *body = NULL, *seq;

	snprintf(sequence_id, HMS_MQTT_SEQUENCE_MAX, "0");
	if (root && json_object_is_type(root, json_type_object)) {
		if ((body = command_of(root, "pushing", "pushall")))
			request = HMS_MQTT_REQUEST_PUSHALL;
		else if ((body = command_of(root, "info", "get_version")))
			request = HMS_MQTT_REQUEST_GET_VERSION;
	}
	if (body && json_object_object_get_ex(body, "sequence_id", &seq) &&
	    (json_object_is_type(seq, json_type_string) || json_object_is_type(seq, json_type_int)))
		snprintf(sequence_id, HMS_MQTT_SEQUENCE_MAX, "%s", json_object_get_string(seq));
	json_object_put(root);
	return request;
}
