// SPDX-License-Identifier: GPL-2.0
/* Unit tests for walking a JSON document in place (json_scan.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "json_scan.h"

static const char *skip_text(const char *text)
{
	return hms_json_skip(text, text + strlen(text));
}

static void skips_whole_values(void **state)
{
	static const char *const good[] = {
		"{}", "[]", "0", "-0.5e+3", "12", "\"a\\\"b\\u00e9\"", "true", "false", "null",
		"{\"a\": [1, {\"b\": null}], \"c\": \"}\"}", " [ 1 , 2 ] ",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const char *end = skip_text(good[i]);

		assert_non_null(end);
		assert_true(hms_json_ws(end, good[i] + strlen(good[i])) ==
			    good[i] + strlen(good[i]));
	}
	/* Only the first value: the caller sees what follows. */
	assert_string_equal(skip_text("{} {}"), " {}");
}

static void refuses_what_is_no_json(void **state)
{
	static const char *const bad[] = {
		"", "{", "[1,]", "{\"a\"}", "{\"a\":}", "{a:1}", "[01]", "-", "1.", "1e", "\"abc",
		"\"\\x\"", "\"\\u12\"", "tru", "nul", "[1 2]", "{\"a\":1,}", "\"a\nb\"", "}",
	};
	char deep[600];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (skip_text(bad[i]))
			fail_msg("'%s' taken for JSON", bad[i]);
	}
	/* Nesting has a limit: the stack is not the input's to use up. */
	memset(deep, '[', sizeof(deep) - 1);
	deep[sizeof(deep) - 1] = '\0';
	assert_null(skip_text(deep));
}

static void walks_members_and_elements(void **state)
{
	static const char doc[] = "{\"data\": {\"device_hms\": {\"en\": [{\"x\": 1}, \"s\", 3]}},"
				  " \"n\": 2}";
	const char *end = doc + strlen(doc), *p = doc, *q;
	struct hms_json_span key, value, item;
	int n = 0;

	(void)state;
	assert_true(hms_json_next(&p, end, &key, &value));
	assert_true(hms_json_key_is(&key, "data"));
	assert_false(hms_json_key_is(&key, "dat"));
	assert_int_equal(*value.start, '{');
	assert_true(hms_json_next(&p, end, &key, &value));
	assert_true(hms_json_key_is(&key, "n"));
	assert_int_equal(*value.start, '2');
	assert_false(hms_json_next(&p, end, &key, &value));

	p = strstr(doc, "[");
	for (q = p; hms_json_next(&q, end, NULL, &item); n++)
		;
	assert_int_equal(n, 3);
	p = "[]";
	assert_false(hms_json_next(&p, p + 2, NULL, &item));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(skips_whole_values),
		cmocka_unit_test(refuses_what_is_no_json),
		cmocka_unit_test(walks_members_and_elements),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
