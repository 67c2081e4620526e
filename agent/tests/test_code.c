// SPDX-License-Identifier: GPL-2.0
/* Unit tests for reading and writing health codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "code.h"

static void accepts_every_written_form(void **state)
{
	static const char *const forms[] = {
		"HMS_0300_0100_0001_0007",
		"0300-0100-0001-0007",
		"0300_0100_0001_0007",
		"0300010000010007",
	};
	uint64_t code;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		code = 0;
		assert_int_equal(hms_code_parse(forms[i], &code), 0);
		assert_true(code == 0x0300010000010007ULL);
	}
	assert_int_equal(hms_code_parse("0700200000020003", &code), 0);
	assert_true(code == HMS_CODE(HMS_MODULE_AMS, 0, HMS_PART_AMS_SLOT(0), 2, 3));
	assert_int_equal(hms_code_parse("HMS_12ff_2300_0004_abcd", &code), 0);
	assert_true(code == 0x12ff23000004abcdULL);
}

static void rejects_everything_else(void **state)
{
	static const char *const bad[] = {
		"",
		"HMS_",
		"030015000010001",		/* seed 001's malformed synonym: 15 digits */
		"03000100000100070",		/* 17 digits */
		"0300010000000007",		/* severity 0 */
		"0300010000050007",		/* severity 5 */
		"HMS_0300010000010007",		/* prefix without separators */
		"HMS-0300-0100-0001-0007",
		"0300_0100-0001_0007",		/* mixed separators */
		"03000100_00010007",		/* separator in the wrong place */
		"0300__0100_0001_0007",
		"_0300_0100_0001_0007",
		"0300_0100_0001_0007_",
		"0300 0100 0001 0007",
		"0x0300010000010007",
		"G300010000010007",
		"hms_0300_0100_0001_0007",
	};
	uint64_t code = 42;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (hms_code_parse(bad[i], &code) == 0)
			fail_msg("accepted '%s'", bad[i]);
		assert_true(code == 42);
	}
}

static void formats_and_reads_back(void **state)
{
	char buf[HMS_CODE_STRLEN];
	uint64_t code;

	(void)state;
	hms_code_format(0x0300010000010007ULL, buf);
	assert_string_equal(buf, "HMS_0300_0100_0001_0007");
	hms_code_format(0x12ff23000004abcdULL, buf);
	assert_string_equal(buf, "HMS_12FF_2300_0004_ABCD");
	assert_int_equal(hms_code_parse(buf, &code), 0);
	assert_true(code == 0x12ff23000004abcdULL);
}

static void names(void **state)
{
	(void)state;
	assert_string_equal(hms_severity_name(HMS_SEVERITY_FATAL), "fatal");
	assert_string_equal(hms_severity_name(HMS_SEVERITY_INFO), "info");
	assert_string_equal(hms_severity_name(0), "unknown");
	assert_string_equal(hms_severity_name(0xffff), "unknown");
	assert_string_equal(hms_state_name(HMS_STATE_DROPPED), "dropped");
	assert_string_equal(hms_state_name(200), "unknown");
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_every_written_form),
		cmocka_unit_test(rejects_everything_else),
		cmocka_unit_test(formats_and_reads_back),
		cmocka_unit_test(names),
	};

	return cmocka_run_group_tests_name("code", tests, NULL, NULL);
}
