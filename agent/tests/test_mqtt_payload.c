// SPDX-License-Identifier: GPL-2.0
/* Unit tests for the MQTT payloads: the printer's report format and events. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <json-c/json.h>

#include "error.h"
#include "mqtt_payload.h"

static const uint64_t some_codes[] = {
	0x0300010000010007ULL,
	0x12ff23000004abcdULL,
	0x0700200000020003ULL,
	0xffffffff0004ffffULL,
	0x0c00010000030001ULL,
};
#define N_CODES (sizeof(some_codes) / sizeof(some_codes[0]))

static void fill(struct hms_event *events, const uint64_t *codes, size_t n)
{
	size_t i;

	memset(events, 0, n * sizeof(*events));
	for (i = 0; i < n; i++) {
		events[i].code = codes[i];
		events[i].state = HMS_STATE_RAISED;
	}
}

/* Builds the report for @n codes, compares it to @want and reads it back. */
static void report_round_trip(const uint64_t *codes, size_t n, const char *want)
{
	struct hms_event events[N_CODES];
	struct hms_mqtt_report back = { 0 };
	g_autoptr(GError) error = NULL;
	size_t i;
	char *text;

	fill(events, codes, n);
	text = hms_mqtt_report_payload(events, n, "42");
	assert_non_null(text);
	assert_string_equal(text, want);
	if (!hms_mqtt_report_parse(text, strlen(text), &back, &error))
		fail_msg("own report refused: %s", error->message);
	assert_true(back.has_list);
	assert_int_equal(back.skipped, 0);
	assert_int_equal(back.n, n);
	for (i = 0; i < n; i++)
		if (back.codes[i] != codes[i])
			fail_msg("code %zu: %016llx read back as %016llx", i,
				 (unsigned long long)codes[i], (unsigned long long)back.codes[i]);
	free(back.codes);
	free(text);
}

static void report_empty(void **state)
{
	(void)state;
	report_round_trip(NULL, 0, "{\"print\":{\"command\":\"push_status\",\"sequence_id\":\"42\",\"hms\":[]}}");
}

static void report_one(void **state)
{
	(void)state;
	/* The example from Bambu's own format: HMS_0300_0100_0001_0007. */
	report_round_trip(some_codes, 1,
			  "{\"print\":{\"command\":\"push_status\",\"sequence_id\":\"42\","
			  "\"hms\":[{\"attr\":50331904,\"code\":65543}]}}");
}

static void report_many(void **state)
{
	(void)state;
	report_round_trip(some_codes, N_CODES,
			  "{\"print\":{\"command\":\"push_status\",\"sequence_id\":\"42\",\"hms\":["
			  "{\"attr\":50331904,\"code\":65543},"
			  "{\"attr\":318710528,\"code\":306125},"
			  "{\"attr\":117448704,\"code\":131075},"
			  "{\"attr\":4294967295,\"code\":327679},"
			  "{\"attr\":201326848,\"code\":196609}]}}");
}

static json_object *parsed_event(const struct hms_event *ev, const char *message)
{
	char *text = hms_mqtt_event_payload(ev, message);
	json_object *obj;

	assert_non_null(text);
	obj = json_tokener_parse(text);
	assert_non_null(obj);
	free(text);
	return obj;
}

static const char *str_field(json_object *obj, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_string))
		fail_msg("no string \"%s\"", key);
	return json_object_get_string(v);
}

static int64_t int_field(json_object *obj, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_int))
		fail_msg("no integer \"%s\"", key);
	return json_object_get_int64(v);
}

static void event_fields(void **state)
{
	struct hms_event ev = {
		.code = 0x0700200000020003ULL,
		.state = HMS_STATE_CLEARED,
		.flags = HMS_F_ACKED,
		.seq = 77,
		.time_real = 1700000000123456789ULL,
		.time_boot = 5000000000ULL,
		.value = -1250,
		.source = "ams-humidity",
		.count = 3,
		.first_seen = 1000,
		.last_seen = 4000,
	};
	json_object *obj, *v;

	(void)state;
	obj = parsed_event(&ev, "AMS1 Slot1 filament has run out.");
	assert_string_equal(str_field(obj, "code"), "HMS_0700_2000_0002_0003");
	assert_string_equal(str_field(obj, "state"), "cleared");
	assert_string_equal(str_field(obj, "severity"), "serious");
	assert_string_equal(str_field(obj, "source"), "ams-humidity");
	assert_string_equal(str_field(obj, "message"), "AMS1 Slot1 filament has run out.");
	assert_int_equal(int_field(obj, "seq"), 77);
	assert_int_equal(int_field(obj, "value"), -1250);
	assert_int_equal(int_field(obj, "count"), 3);
	assert_true(int_field(obj, "time_real_ns") == 1700000000123456789LL);
	assert_int_equal(int_field(obj, "time_boot_ns"), 5000000000LL);
	assert_int_equal(int_field(obj, "first_seen_ns"), 1000);
	assert_int_equal(int_field(obj, "last_seen_ns"), 4000);
	assert_true(json_object_object_get_ex(obj, "acked", &v) && json_object_get_boolean(v));
	assert_true(json_object_object_get_ex(obj, "update", &v) && !json_object_get_boolean(v));
	json_object_put(obj);
}

static void event_without_message(void **state)
{
	struct hms_event ev = { .code = 0x0300010000010007ULL, .state = HMS_STATE_RAISED };
	json_object *obj;

	(void)state;
	/* A source that fills its array without a NUL stays within it. */
	memset(ev.source, 'x', sizeof(ev.source));
	obj = parsed_event(&ev, NULL);
	assert_string_equal(str_field(obj, "state"), "raised");
	assert_string_equal(str_field(obj, "severity"), "fatal");
	assert_int_equal(strlen(str_field(obj, "source")), HMS_SOURCE_LEN);
	assert_false(json_object_object_get_ex(obj, "message", NULL));
	json_object_put(obj);
}

static void parse_one(const char *payload, size_t len, struct hms_mqtt_report *report)
{
	g_autoptr(GError) error = NULL;

	if (!hms_mqtt_report_parse(payload, len, report, &error))
		fail_msg("refused '%.*s': %s", (int)len, payload, error->message);
}

/* Why @payload is refused, for g_free(); the report untouched. */
static char *refusal(const char *payload, size_t len)
{
	struct hms_mqtt_report report = { .codes = (uint64_t *)1, .n = 42 };
	GError *error = NULL;
	char *why;

	if (hms_mqtt_report_parse(payload, len, &report, &error))
		fail_msg("accepted '%.*s'", (int)len, payload);
	assert_true(g_error_matches(error, HMS_ERROR, HMS_ERROR_PARSE));
	assert_true(report.codes == (uint64_t *)1 && report.n == 42);
	/* no one to tell: the same answer */
	assert_false(hms_mqtt_report_parse(payload, len, &report, NULL));
	why = g_strdup(error->message);
	g_error_free(error);
	return why;
}

static void tolerates_extra_fields(void **state)
{
	/* Trimmed from a real printer's push_status. */
	static const char real[] =
		"{\"print\":{\"command\":\"push_status\",\"nozzle_temper\":219.9,"
		"\"ams\":{\"ams\":[{\"id\":\"0\",\"humidity\":\"4\"}]},"
		"\"hms\":[{\"attr\":117448704,\"code\":131075,\"extra\":[1,2]}],"
		"\"sequence_id\":\"2021\"},\"user\":null}\n";
	struct hms_mqtt_report r = { 0 };

	(void)state;
	parse_one(real, strlen(real), &r);
	assert_true(r.has_list);
	assert_int_equal(r.n, 1);
	assert_true(r.codes[0] == 0x0700200000020003ULL);
	free(r.codes);
}

static void reads_only_len_bytes(void **state)
{
	static const char text[] = "{\"print\":{\"hms\":[]}}GARBAGE";
	struct hms_mqtt_report r = { 0 };

	(void)state;
	parse_one(text, strlen(text) - strlen("GARBAGE"), &r);
	assert_true(r.has_list);
	assert_int_equal(r.n, 0);
	assert_null(r.codes);
}

struct malformed {
	const char *payload;
	const char *why;	/* expected within the error message */
};

static const struct malformed malformed[] = {
	{ "", "not JSON: unexpected end of data at offset 0" },
	{ "{\"print\":", "not JSON: unexpected end of data at offset 9" },
	{ "{\"print\":{\"hms\":[]}", "not JSON: unexpected end of data" },
	{ "not json", "not JSON" },
	{ "{\"print\":{\"hms\":[]}} {}", "trailing data at offset 21" },
	{ "[]", "report is array, not object" },
	{ "42", "report is int, not object" },
	{ "null", "report is null, not object" },
	{ "{\"print\":[]}", "report.print is array, not object" },
	{ "{\"print\":null}", "report.print is null, not object" },
	{ "{\"print\":{\"hms\":{}}}", "print.hms is object, not array" },
	{ "{\"print\":{\"hms\":\"0300\"}}", "print.hms is string, not array" },
	{ "{\"print\":{\"hms\":null}}", "print.hms is null, not array" },
};

static void refuses_malformed(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		const char *payload = malformed[i].payload;
		g_autofree char *why = refusal(payload, strlen(payload));

		if (!strstr(why, malformed[i].why))
			fail_msg("'%s': error '%s' does not say '%s'", payload, why,
				 malformed[i].why);
	}
}

static void refuses_nul_inside(void **state)
{
	static const char text[] = "{\"print\":{\"hms\":[]}}\0{}";
	g_autofree char *why = NULL;

	(void)state;
	why = refusal(text, sizeof(text) - 1);
	if (!strstr(why, "trailing data at offset 20"))
		fail_msg("error: %s", why);
}

struct odd {
	const char *entry;	/* beside a good one, which is kept */
	const char *why;	/* expected as the reason it is skipped */
};

static const struct odd odd[] = {
	{ "42", "print.hms[1] is int, not object" },
	{ "null", "print.hms[1] is null, not object" },
	{ "[]", "print.hms[1] is array, not object" },
	{ "{\"code\":65543}", "print.hms[1] has no \"attr\"" },
	{ "{\"attr\":50331904}", "print.hms[1] has no \"code\"" },
	{ "{\"attr\":\"50331904\",\"code\":65543}", "print.hms[1].attr is string, not int" },
	{ "{\"attr\":50331904,\"code\":65543.5}", "print.hms[1].code is double, not int" },
	{ "{\"attr\":50331904,\"code\":true}", "print.hms[1].code is boolean, not int" },
	{ "{\"attr\":-1,\"code\":65543}", "print.hms[1].attr -1 is out of range 0..4294967295" },
	{ "{\"attr\":4294967296,\"code\":65543}", "print.hms[1].attr 4294967296 is out of range" },
	{ "{\"attr\":50331904,\"code\":18446744073709551615}",
	  "print.hms[1].code 18446744073709551615 is out of range" },
	{ "{\"attr\":50331904,\"code\":99999999999999999999999}",
	  "print.hms[1].code 18446744073709551615 is out of range" },	/* json-c saturates */
};

/* One odd entry between two fatal codes: both kept, the odd one named. */
static void keeps_good_entries_beside_odd_ones(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		g_autofree char *text = g_strdup_printf(
			"{\"print\":{\"hms\":[{\"attr\":50331904,\"code\":65543},%s,"
			"{\"attr\":117448704,\"code\":65539}]}}", odd[i].entry);
		struct hms_mqtt_report r = { 0 };

		parse_one(text, strlen(text), &r);
		assert_true(r.has_list);
		assert_int_equal(r.n, 2);
		assert_true(r.codes[0] == 0x0300010000010007ULL);
		assert_true(r.codes[1] == 0x0700200000010003ULL);
		assert_int_equal(r.skipped, 1);
		if (!g_str_has_prefix(r.skipped_why, odd[i].why))
			fail_msg("'%s': skipped as '%s', not '%s'", odd[i].entry, r.skipped_why,
				 odd[i].why);
		free(r.codes);
	}
}

/* Severity 0 and above 4: Bambu's printers send them; shown "unknown". */
static void takes_any_severity(void **state)
{
	static const char text[] = "{\"print\":{\"hms\":[{\"attr\":50331904,\"code\":7},"
				    "{\"attr\":50331904,\"code\":65543},"
				    "{\"attr\":50331904,\"code\":327687}]}}";
	struct hms_mqtt_report r = { 0 };

	(void)state;
	parse_one(text, strlen(text), &r);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.skipped, 0);
	assert_true(r.codes[0] == 0x0300010000000007ULL);
	assert_true(r.codes[2] == 0x0300010000050007ULL);
	free(r.codes);
}

/* Traffic that says nothing of the list: taken, with no list. */
static void other_traffic_has_no_list(void **state)
{
	static const char *const traffic[] = {
		"{}",
		"{\"print\":{}}",
		"{\"print\":{\"stat\":\"4A318000\",\"sequence_id\":\"51\"}}",
		"{\"print\":{\"command\":\"push_status\",\"nozzle_temper\":210.5}}",
		"{\"info\":{\"command\":\"get_version\",\"module\":[]}}",
		"{\"system\":{\"command\":\"ledctrl\"}}",
		"{\"mc_print\":{\"param\":\"x\"}}",
		"{\"pushing\":{\"command\":\"pushall\"}}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(traffic) / sizeof(traffic[0]); i++) {
		struct hms_mqtt_report r = { .has_list = true, .n = 42 };

		parse_one(traffic[i], strlen(traffic[i]), &r);
		if (r.has_list || r.n || r.codes || r.skipped)
			fail_msg("'%s' taken as a list", traffic[i]);
	}
}

static void requests(void **state)
{
	char seq[HMS_MQTT_SEQUENCE_MAX];
	char *text;

	(void)state;
	text = hms_mqtt_request_payload(HMS_MQTT_REQUEST_PUSHALL, "7");
	assert_string_equal(text, "{\"pushing\":{\"sequence_id\":\"7\",\"command\":\"pushall\"}}");
	assert_int_equal(hms_mqtt_request_parse(text, strlen(text), seq), HMS_MQTT_REQUEST_PUSHALL);
	assert_string_equal(seq, "7");
	free(text);
	text = hms_mqtt_request_payload(HMS_MQTT_REQUEST_GET_VERSION, "8");
	assert_string_equal(text, "{\"info\":{\"sequence_id\":\"8\",\"command\":\"get_version\"}}");
	assert_int_equal(hms_mqtt_request_parse(text, strlen(text), seq),
			 HMS_MQTT_REQUEST_GET_VERSION);
	assert_string_equal(seq, "8");
	free(text);
	/* a number as sequence_id, as some clients send it */
	assert_int_equal(hms_mqtt_request_parse("{\"info\":{\"sequence_id\":12,\"command\":"
						"\"get_version\"}}", 51, seq),
			 HMS_MQTT_REQUEST_GET_VERSION);
	assert_string_equal(seq, "12");
	/* too long: cut, never overrun */
	assert_int_equal(hms_mqtt_request_parse("{\"pushing\":{\"command\":\"pushall\","
						"\"sequence_id\":\"0123456789012345678901234567890123456789\"}}",
						strlen("{\"pushing\":{\"command\":\"pushall\","
						"\"sequence_id\":\"0123456789012345678901234567890123456789\"}}"), seq),
			 HMS_MQTT_REQUEST_PUSHALL);
	assert_int_equal(strlen(seq), HMS_MQTT_SEQUENCE_MAX - 1);
	static const char *const others[] = {
		"", "garbage", "[]", "{}", "{\"pushing\":{\"command\":\"start\"}}",
		"{\"info\":{\"command\":7}}", "{\"print\":{\"command\":\"pause\"}}",
		"{\"pushing\":\"pushall\"}",
	};
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		assert_int_equal(hms_mqtt_request_parse(others[i], strlen(others[i]), seq),
				 HMS_MQTT_REQUEST_OTHER);
		assert_string_equal(seq, "0");
	}
}

static void version_answer(void **state)
{
	char *text = hms_mqtt_version_payload("farm", "9");
	json_object *obj, *info, *modules, *module;

	(void)state;
	obj = json_tokener_parse(text);
	assert_non_null(obj);
	assert_true(json_object_object_get_ex(obj, "info", &info));
	assert_string_equal(str_field(info, "command"), "get_version");
	assert_string_equal(str_field(info, "sequence_id"), "9");
	assert_true(json_object_object_get_ex(info, "module", &modules));
	assert_int_equal(json_object_array_length(modules), 1);
	module = json_object_array_get_idx(modules, 0);
	assert_string_equal(str_field(module, "name"), "hms");
	assert_string_equal(str_field(module, "sw_ver"), HMS_AGENT_VERSION);
	assert_string_equal(str_field(module, "sn"), "farm");
	json_object_put(obj);
	free(text);
}

/* A report of @entries copies of one pair. */
static char *big_report(size_t entries)
{
	static const char pair[] = "{\"attr\":50331904,\"code\":65543},";
	size_t size = 32 + entries * (sizeof(pair) - 1);
	char *text = malloc(size), *p;
	size_t i;

	assert_non_null(text);
	p = text + sprintf(text, "{\"print\":{\"hms\":[");
	for (i = 0; i < entries; i++)
		p += sprintf(p, "%s", pair);
	if (entries)
		p--;
	strcpy(p, "]}}");
	return text;
}

static void refuses_huge(void **state)
{
	char *text = big_report(HMS_MQTT_REPORT_MAX_CODES), *why;
	struct hms_mqtt_report r = { 0 };

	(void)state;
	parse_one(text, strlen(text), &r);
	assert_int_equal(r.n, HMS_MQTT_REPORT_MAX_CODES);
	assert_int_equal(r.skipped, 0);
	free(r.codes);
	free(text);

	/* Beyond the maximum: the first ones kept, the rest counted. */
	memset(&r, 0, sizeof(r));
	text = big_report(HMS_MQTT_REPORT_MAX_CODES + 3);
	parse_one(text, strlen(text), &r);
	assert_int_equal(r.n, HMS_MQTT_REPORT_MAX_CODES);
	assert_int_equal(r.skipped, 3);
	assert_string_equal(r.skipped_why, "print.hms has 1027 entries, more than 1024");
	free(r.codes);
	free(text);

	/* Bytes are checked before anything is parsed. */
	text = big_report(HMS_MQTT_REPORT_MAX_BYTES / 30);
	why = refusal(text, strlen(text));
	assert_non_null(strstr(why, "is larger than 1048576"));
	g_free(why);
	free(text);
}

static void refuses_deep_nesting(void **state)
{
	g_autofree char *why = NULL;
	char text[4096];
	size_t i;

	(void)state;
	for (i = 0; i < 2000; i++)
		text[i] = '[';
	text[i] = '\0';
	why = refusal(text, strlen(text));
	assert_non_null(strstr(why, "not JSON"));
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(report_empty),
		cmocka_unit_test(report_one),
		cmocka_unit_test(report_many),
		cmocka_unit_test(event_fields),
		cmocka_unit_test(event_without_message),
		cmocka_unit_test(tolerates_extra_fields),
		cmocka_unit_test(reads_only_len_bytes),
		cmocka_unit_test(refuses_malformed),
		cmocka_unit_test(keeps_good_entries_beside_odd_ones),
		cmocka_unit_test(takes_any_severity),
		cmocka_unit_test(other_traffic_has_no_list),
		cmocka_unit_test(requests),
		cmocka_unit_test(version_answer),
		cmocka_unit_test(refuses_nul_inside),
		cmocka_unit_test(refuses_huge),
		cmocka_unit_test(refuses_deep_nesting),
	};

	return cmocka_run_group_tests_name("mqtt_payload", tests, NULL, NULL);
}
