// SPDX-License-Identifier: GPL-2.0
/* Unit tests for monitor config files: the example, and every kind of bad one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "error.h"
#include "monitors.h"

static char path[] = "/tmp/hms-test-monitors-XXXXXX";

static int read_text(const char *text, struct hms_monitor_conf **confs, GError **error)
{
	int fd = mkstemp(path);
	int n;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (int)strlen(text));
	close(fd);
	n = hms_monitors_read(path, confs, error);
	unlink(path);
	strcpy(path, "/tmp/hms-test-monitors-XXXXXX");
	return n;
}

static int64_t prop(const struct hms_monitor_conf *conf, const char *key)
{
	const struct hms_prop *prop = hms_prop_by_key(key);

	if (!prop)
		fail_msg("no property %s", key);
	assert_true(conf->present & (1U << (prop - hms_props)));
	return conf->values[prop - hms_props];
}

static bool has(const struct hms_monitor_conf *conf, const char *key)
{
	return conf->present & (1U << (hms_prop_by_key(key) - hms_props));
}

static void reads_the_example(void **state)
{
	g_autoptr(GError) error = NULL;
	struct hms_monitor_conf *confs;

	(void)state;
	assert_int_equal(hms_monitors_read("monitors.example.conf", &confs, &error), 11);
	assert_null(error);
	assert_string_equal(confs[0].name, "nozzle");
	assert_int_equal(confs[0].kind, HMS_MONITOR_THERMAL);
	assert_string_equal(confs[0].source, "nozzle-ntc");
	assert_true(prop(&confs[0], "high") == 300000);
	assert_true(prop(&confs[0], "valid_min") == -20000);
	assert_true((uint64_t)prop(&confs[0], "high_code") == 0x0300020000010003ULL);
	assert_true(prop(&confs[0], "debounce_samples") == 3);
	assert_string_equal(confs[1].name, "heatbed");
	assert_false(has(&confs[1], "high"));
	assert_string_equal(confs[2].name, "front-cover");
	assert_int_equal(confs[2].kind, HMS_MONITOR_GPIO);
	assert_true(prop(&confs[2], "line") == 7);
	assert_true(prop(&confs[2], "active_low") == 1);
	assert_true((uint64_t)prop(&confs[2], "code") == 0x0300120000020001ULL);
	assert_string_equal(confs[6].name, "part-cooling-fan");
	assert_int_equal(confs[6].kind, HMS_MONITOR_TACH);
	assert_true(prop(&confs[6], "min_rpm") == 1000);
	assert_true(prop(&confs[6], "armed") == 0);
	assert_true(prop(&confs[6], "spin_up_ms") == 3000);
	assert_true((uint64_t)prop(&confs[10], "code") == 0x0700230000020001ULL);
	free(confs);
}

/* Every key of the table is a key of a monitors file, read into its slot. */
static void reads_every_key_of_the_table(void **state)
{
	g_autoptr(GString) text = g_string_new("[monitor all]\nkind=tach\nsource=z\n");
	g_autoptr(GError) error = NULL;
	struct hms_monitor_conf *confs;
	size_t i;

	(void)state;
	for (i = 0; i < hms_n_props; i++) {
		g_string_append_printf(text, "%s = %s\n", hms_props[i].key,
				       hms_props[i].type == HMS_PROP_CODE ? "0300_0300_0001_0001" :
				       hms_props[i].type == HMS_PROP_S64 ? "-5" : "1");
	}
	assert_int_equal(read_text(text->str, &confs, &error), 1);
	for (i = 0; i < hms_n_props; i++) {
		assert_true(confs[0].present & (1U << i));
		assert_true(confs[0].values[i] == (hms_props[i].type == HMS_PROP_CODE ?
						   0x0300030000010001LL :
						   hms_props[i].type == HMS_PROP_S64 ? -5 : 1));
	}
	free(confs);
}

static void names_file_monitor_and_property(void **state)
{
	static const struct {
		const char *text;
		const char *error;
	} bad[] = {
		{ "[monitor a]\nkind=thermal\nsource=z\nhigh=hot\n",
		  "[monitor a] high: 'hot' is not a whole number" },
		{ "[monitor a]\nkind=thermal\nsource=z\nhigh_code=030015000010001\n",
		  "[monitor a] high_code: '030015000010001' is not a health code" },
		{ "[monitor a]\nkind=thermal\nsource=z\nperiod_ms=-5\n",
		  "[monitor a] period_ms: '-5' is not a whole number" },
		{ "[monitor a]\nkind=thermal\nsource=z\nperiod_ms=4294967296\n",
		  "[monitor a] period_ms: '4294967296' is not a whole number" },
		{ "[monitor a]\nkind=thermal\nsource=z\nhigth=1\n",
		  "[monitor a] higth: no such property" },
		{ "[monitor a]\nkind=tach\nsource=z\narmed=yes\n",
		  "[monitor a] armed: 'yes' is not 0 or 1" },
		{ "[monitor a]\nkind=gpio\nsource=z\nactive_low=2\n",
		  "[monitor a] active_low: '2' is not 0 or 1" },
		{ "[monitor a]\nkind=pyrometer\nsource=z\n",
		  "[monitor a] kind: 'pyrometer' is not a monitor kind" },
		{ "[monitor a]\nsource=z\n", "[monitor a] kind: missing" },
		{ "[monitor a]\nkind=thermal\n", "[monitor a] source: missing" },
		{ "[monitor ]\nkind=thermal\nsource=z\n", "the name must be 1 to 31 characters" },
		{ "[fan]\nkind=thermal\n", "[fan]: not a [monitor NAME] group" },
		{ "[monitor a\nkind=thermal\n", "" },	/* GKeyFile's own words */
	};
	struct hms_monitor_conf *confs = (void *)1;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		g_autoptr(GError) error = NULL;

		assert_int_equal(read_text(bad[i].text, &confs, &error), -1);
		assert_null(confs);
		assert_non_null(error);
		assert_true(error->domain == HMS_ERROR);
		if (!strstr(error->message, bad[i].error) ||
		    !strstr(error->message, "/tmp/hms-test-monitors-"))
			fail_msg("case %zu: '%s' does not say '%s' and the file", i,
				 error->message, bad[i].error);
	}
}

static void missing_file(void **state)
{
	g_autoptr(GError) error = NULL;
	struct hms_monitor_conf *confs;

	(void)state;
	assert_int_equal(hms_monitors_read("/nonexistent.conf", &confs, &error), -1);
	assert_true(g_error_matches(error, HMS_ERROR, HMS_ERROR_NOENT));
	assert_non_null(strstr(error->message, "/nonexistent.conf: "));
}

/* /dev/zero and a huge (sparse) file are refused before they are read. */
static void files_that_are_no_configs_are_refused_unread(void **state)
{
	char big[] = "/tmp/hms-test-monitors-big-XXXXXX";
	struct hms_monitor_conf *confs;
	GError *error = NULL;
	int fd;

	(void)state;
	assert_int_equal(hms_monitors_read("/dev/zero", &confs, &error), -1);
	assert_true(g_error_matches(error, HMS_ERROR, HMS_ERROR_INVAL));
	assert_string_equal(error->message, "/dev/zero: not a regular file");
	g_clear_error(&error);
	fd = g_mkstemp(big);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 2 * 1024 * 1024), 0);
	close(fd);
	assert_int_equal(hms_monitors_read(big, &confs, &error), -1);
	unlink(big);
	assert_true(g_error_matches(error, HMS_ERROR, HMS_ERROR_INVAL));
	assert_non_null(strstr(error->message, "hms-test-monitors-big-"));
	assert_non_null(strstr(error->message, ": larger than 1 MiB"));
	g_clear_error(&error);
}

/* A group given twice, merged by GKeyFile until now, and names with stray spaces. */
static void refuses_a_group_twice_and_stray_spaces(void **state)
{
	static const struct {
		const char *text;
		const char *error;
	} bad[] = {
		{ "[monitor a]\nkind=thermal\nsource=z\n\n[monitor b]\nkind=gpio\nsource=y\n"
		  "[monitor a]\nhigh=5\n",
		  ":8: [monitor a]: a second group of that name (the first on line 1)" },
		{ "[monitor a]\nkind=thermal\n  [monitor a]\nsource=z\n",
		  ":3: [monitor a]: a second group of that name" },
		{ "[monitor  a]\nkind=thermal\nsource=z\n", "[monitor  a]: stray spaces in the name" },
		{ "[monitor a ]\nkind=thermal\nsource=z\n", "[monitor a ]: stray spaces in the name" },
		{ "[monitor a  b]\nkind=thermal\nsource=z\n", "stray spaces in the name" },
		{ "[monitor a\tb]\nkind=thermal\nsource=z\n", "Invalid group name" },	/* GKeyFile */
	};
	struct hms_monitor_conf *confs;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		g_autoptr(GError) error = NULL;

		assert_int_equal(read_text(bad[i].text, &confs, &error), -1);
		assert_true(g_error_matches(error, HMS_ERROR, HMS_ERROR_PARSE));
		if (!strstr(error->message, bad[i].error))
			fail_msg("case %zu: '%s' does not say '%s'", i, error->message,
				 bad[i].error);
	}
	/* One space inside a name is a name. */
	assert_int_equal(read_text("[monitor bed ntc]\nkind=thermal\nsource=z\n", &confs, NULL),
			 1);
	assert_string_equal(confs[0].name, "bed ntc");
	free(confs);
}

/* Each of the kernel's rules, in the kernel's words, without a kernel. */
static void checks_by_the_kernels_rules(void **state)
{
#define HOT "high_code=HMS_0300_0100_0001_0001\n"
#define SAMPLED "[monitor m]\nkind=thermal\nsource=z\n"
#define GPIO "[monitor m]\nkind=gpio\nsource=z\n"
#define TACH "[monitor m]\nkind=tach\nsource=z\n"
#define CODE "HMS_0300_0100_0001_0002"
	static const struct {
		const char *text;
		const char *why;	/* NULL: taken */
	} cases[] = {
		{ SAMPLED "high=5\n" HOT, NULL },
		{ SAMPLED "high=5\n",
		  "high: a high threshold needs a high code, and a high code a threshold" },
		{ SAMPLED HOT,
		  "high: a high threshold needs a high code, and a high code a threshold" },
		{ SAMPLED "low=5\n",
		  "low: a low threshold needs a low code, and a low code a threshold" },
		{ SAMPLED "low_code=" CODE "\n" "high=5\n" HOT,
		  "low: a low threshold needs a low code, and a low code a threshold" },
		{ SAMPLED "valid_min=1\n",
		  "valid range: a valid range needs a fault code, and a fault code a range" },
		{ SAMPLED "fault_code=" CODE "\n",
		  "valid range: a valid range needs a fault code, and a fault code a range" },
		{ SAMPLED "period_ms=5\n", "codes: the monitor raises no code" },
		{ SAMPLED "period_ms=0\nhigh=5\n" HOT, "period_ms: below the minimum of 1 ms" },
		{ SAMPLED "low=10\nlow_code=" CODE "\nhigh=5\n" HOT,
		  "thresholds: low is not below high" },
		{ SAMPLED "low=5\nlow_code=" CODE "\nhigh=5\n" HOT,
		  "thresholds: low is not below high" },
		{ SAMPLED "valid_min=10\nvalid_max=5\nfault_code=" CODE "\n",
		  "valid range: minimum above maximum" },
		{ SAMPLED "high=5\n" HOT "hysteresis=-1\n", "hysteresis: negative" },
		{ SAMPLED "low=0\nlow_code=" CODE "\nhigh=100\n" HOT "hysteresis=50\n", NULL },
		{ SAMPLED "low=0\nlow_code=" CODE "\nhigh=100\n" HOT "hysteresis=51\n",
		  "hysteresis: larger than half the distance between the thresholds" },
		/* Keys of another kind are ignored, as the kernel ignores them. */
		{ SAMPLED "high=5\n" HOT "min_rpm=0\ncode=" CODE "\n", NULL },
		{ GPIO "code=" CODE "\n", NULL },
		{ GPIO "line=3\n",
		  "code: a gpio monitor needs the code to raise while its line is asserted" },
		{ GPIO "code=" CODE "\nchatter_count=3\n",
		  "chatter: chatter_count, chatter_ms and fault_code go together" },
		{ GPIO "code=" CODE "\nchatter_count=3\nchatter_ms=100\n",
		  "chatter: chatter_count, chatter_ms and fault_code go together" },
		{ GPIO "code=" CODE "\nchatter_count=3\nchatter_ms=100\nfault_code=" CODE "\n",
		  NULL },
		{ TACH "code=" CODE "\nmin_rpm=1000\n", NULL },
		{ TACH "min_rpm=1000\n",
		  "code: a tach monitor needs the code for a fan too slow or stopped" },
		{ TACH "code=" CODE "\n", "min_rpm: a tach monitor needs the speed a fan must keep" },
		{ TACH "code=" CODE "\nmin_rpm=1000\npulses_per_rev=0\n",
		  "pulses_per_rev: at least 1" },
		{ TACH "code=" CODE "\nmin_rpm=1000\nperiod_ms=99\n",
		  "period_ms: a tach monitor measures over at least 100 ms" },
		{ TACH "code=" CODE "\nmin_rpm=1000\nperiod_ms=100\n", NULL },
		{ TACH "code=" CODE "\nmin_rpm=1000\nfault_code=" CODE "\n",
		  "fault_code: a tach monitor has one code, for a fan too slow or stopped" },
	};
	struct hms_monitor_conf *confs;
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		g_autoptr(GError) error = NULL;

		if (read_text(cases[i].text, &confs, &error) != 1)
			fail_msg("case %zu: %s", i, error ? error->message : "not one monitor");
		why = hms_monitor_check(&confs[0]);
		if (cases[i].why ? !why || strcmp(why, cases[i].why) : why != NULL)
			fail_msg("case %zu: '%s', not '%s'", i, why ? why : "(taken)",
				 cases[i].why ? cases[i].why : "(taken)");
		free(confs);
	}
	/* An unknown kind is refused as the file is read. */
	assert_int_equal(read_text("[monitor m]\nkind=lidar\nsource=z\n", &confs, NULL), -1);

	/* The example file passes. */
	assert_int_equal(hms_monitors_read("monitors.example.conf", &confs, NULL), 11);
	for (i = 0; i < 11; i++)
		assert_null(hms_monitor_check(&confs[i]));
	free(confs);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_the_example),
		cmocka_unit_test(reads_every_key_of_the_table),
		cmocka_unit_test(names_file_monitor_and_property),
		cmocka_unit_test(missing_file),
		cmocka_unit_test(files_that_are_no_configs_are_refused_unread),
		cmocka_unit_test(refuses_a_group_twice_and_stray_spaces),
		cmocka_unit_test(checks_by_the_kernels_rules),
	};

	return cmocka_run_group_tests_name("monitors", tests, NULL, NULL);
}
