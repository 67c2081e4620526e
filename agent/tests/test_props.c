// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the table of monitor properties: its spelling, that it
 * covers the uapi's properties, what each type reads and prints, and that
 * it is in step with the kernel's list, kmod/prop_list.h.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "error.h"
#include "props.h"

static const struct hms_prop *by_attr(unsigned int attr)
{
	size_t i;

	for (i = 0; i < hms_n_props; i++) {
		if (hms_props[i].attr == attr)
			return &hms_props[i];
	}
	return NULL;
}

/* The key is the attribute's name lowercased; each key and attribute is once. */
static void keys_are_the_attributes_lowercased(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < hms_n_props; i++) {
		g_autofree char *lower = g_ascii_strdown(hms_props[i].attr_name, -1);

		assert_string_equal(hms_props[i].key, lower);
		assert_ptr_equal(hms_prop_by_key(hms_props[i].key), &hms_props[i]);
		for (j = 0; j < i; j++) {
			assert_string_not_equal(hms_props[i].key, hms_props[j].key);
			assert_int_not_equal(hms_props[i].attr, hms_props[j].attr);
		}
	}
	assert_null(hms_prop_by_key("name"));
	assert_null(hms_prop_by_key("PERIOD_MS"));
}

/* Every HMS_A_MON_* attribute is a row, but for a monitor's identity and state. */
static void covers_every_monitor_attribute(void **state)
{
	unsigned int attr;

	(void)state;
	for (attr = HMS_A_MON_NAME; attr <= HMS_A_MAX; attr++) {
		switch (attr) {
		case HMS_A_MON_NAME:
		case HMS_A_MON_KIND:
		case HMS_A_MON_SOURCE:
		case HMS_A_MON_VALUE:
		case HMS_A_MON_LEVEL:
			assert_null(by_attr(attr));
			break;
		default:
			if (!by_attr(attr))
				fail_msg("attribute %u is no property of the table", attr);
		}
	}
}

/* The kernel leaves out unset thresholds and codes, and shows the others. */
static void shown_if_set_are_thresholds_and_codes(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < hms_n_props; i++) {
		assert_int_equal(hms_props[i].if_set, hms_props[i].type == HMS_PROP_S64 ||
				 hms_props[i].type == HMS_PROP_CODE);
		assert_true(hms_props[i].kinds && !(hms_props[i].kinds & ~HMS_K_ALL));
	}
}

static void parses_each_type(void **state)
{
	static const struct {
		const char *key, *text;
		bool ok;
		int64_t value;
		const char *printed;	/* by hmsctl, for ok */
		const char *json;
	} cases[] = {
		{ "period_ms", "4294967295", true, 4294967295LL, "4294967295", "4294967295" },
		{ "period_ms", "4294967296", false, 0, NULL, NULL },
		{ "period_ms", "-1", false, 0, NULL, NULL },
		{ "period_ms", "", false, 0, NULL, NULL },
		{ "low", "-20000", true, -20000, "-20000", "-20000" },
		{ "low", "1e3", false, 0, NULL, NULL },
		{ "high_code", "0300-0200-0001-0003", true, 0x0300020000010003LL,
		  "HMS_0300_0200_0001_0003", "\"HMS_0300_0200_0001_0003\"" },
		{ "code", "HMS_0300_0200_0000_0003", false, 0, NULL, NULL },
		{ "active_low", "1", true, 1, "1", "1" },
		{ "active_low", "2", false, 0, NULL, NULL },
		{ "armed", "0", true, 0, "0", "false" },
		{ "armed", "yes", false, 0, NULL, NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		const struct hms_prop *prop = hms_prop_by_key(cases[i].key);
		g_autoptr(GError) error = NULL;
		char text[HMS_PROP_STRLEN];
		json_object *obj;
		int64_t value = 0;

		assert_non_null(prop);
		if (hms_prop_parse(prop, cases[i].text, &value, &error) != cases[i].ok)
			fail_msg("%s = '%s'", cases[i].key, cases[i].text);
		if (!cases[i].ok) {
			assert_true(g_error_matches(error, HMS_ERROR, HMS_ERROR_PARSE));
			assert_non_null(strstr(error->message, "is not"));
			continue;
		}
		assert_null(error);
		assert_true(value == cases[i].value);
		hms_prop_format(prop, value, text);
		assert_string_equal(text, cases[i].printed);
		obj = hms_prop_json(prop, value);
		assert_string_equal(json_object_to_json_string(obj), cases[i].json);
		json_object_put(obj);
	}
}

/* The kinds of a line of prop_list.h: HMS_K_SAMPLED | HMS_K_TACH. */
static unsigned int kernel_kinds(const char *text)
{
	g_auto(GStrv) parts = g_strsplit(text, "|", -1);
	unsigned int kinds = 0;
	size_t i;

	for (i = 0; parts[i]; i++) {
		g_strstrip(parts[i]);
		if (!strcmp(parts[i], "HMS_K_SAMPLED"))
			kinds |= HMS_K_SAMPLED;
		else if (!strcmp(parts[i], "HMS_K_GPIO"))
			kinds |= HMS_K_GPIO;
		else if (!strcmp(parts[i], "HMS_K_TACH"))
			kinds |= HMS_K_TACH;
		else if (!strcmp(parts[i], "HMS_K_ALL"))
			kinds |= HMS_K_ALL;
		else
			fail_msg("prop_list.h: kinds '%s'?", parts[i]);
	}
	return kinds;
}

static int kernel_type(const char *text)
{
	static const char *const names[] = {
		[HMS_PROP_U32] = "U32", [HMS_PROP_S64] = "S64", [HMS_PROP_CODE] = "CODE",
		[HMS_PROP_FLAG] = "FLAG", [HMS_PROP_ARMED] = "ARMED",
	};
	size_t i;

	if (!strcmp(text, "KIND_CODE"))	/* the kind's one code: a code */
		return HMS_PROP_CODE;
	for (i = 0; i < G_N_ELEMENTS(names); i++) {
		if (!strcmp(text, names[i]))
			return (int)i;
	}
	fail_msg("prop_list.h: type '%s'?", text);
	return -1;
}

/*
 * The kernel's list has the same properties, types and kinds (its order is
 * its own). $HMS_PROP_LIST names the list; by default the tree's, when the
 * agent is built in it.
 */
static void in_step_with_the_kernel(void **state)
{
	const char *path = getenv("HMS_PROP_LIST");
	g_autofree char *text = NULL;
	g_auto(GStrv) lines = NULL;
	size_t i, n = 0;

	(void)state;
	if (!path)
		path = HMS_SRCDIR "/../kmod/prop_list.h";
	if (!g_file_get_contents(path, &text, NULL, NULL)) {
		printf("# no %s: skipped\n", path);
		skip();
	}
	lines = g_strsplit(text, "\n", -1);
	for (i = 0; lines[i]; i++) {
		g_auto(GStrv) fields = NULL;
		const struct hms_prop *prop = NULL;
		size_t j;

		if (strncmp(lines[i], "HMS_PROP(", 9))
			continue;
		fields = g_strsplit(lines[i] + 9, ",", 4);
		assert_int_equal(g_strv_length(fields), 4);
		for (j = 0; j < 3; j++)
			g_strstrip(fields[j]);
		for (j = 0; j < hms_n_props; j++) {
			if (!strcmp(hms_props[j].attr_name, fields[0]))
				prop = &hms_props[j];
		}
		if (!prop)
			fail_msg("%s: %s is not in the agent's table", path, fields[0]);
		if (prop->type != kernel_type(fields[1]))
			fail_msg("%s: the kernel's type is %s", prop->key, fields[1]);
		if (prop->kinds != kernel_kinds(fields[2]))
			fail_msg("%s: the kernel's kinds are %s", prop->key, fields[2]);
		n++;
	}
	assert_int_equal(n, hms_n_props);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_are_the_attributes_lowercased),
		cmocka_unit_test(covers_every_monitor_attribute),
		cmocka_unit_test(shown_if_set_are_thresholds_and_codes),
		cmocka_unit_test(parses_each_type),
		cmocka_unit_test(in_step_with_the_kernel),
	};

	return cmocka_run_group_tests_name("props", tests, NULL, NULL);
}
