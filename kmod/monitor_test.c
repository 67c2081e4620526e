// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for monitor specs: a good one passes, and every bad property
 * is named, with the attribute to point at.
 */

#include <kunit/test.h>

#include "monitor.h"

#define HOT	0x0300020000010003ULL
#define OPEN	0x0300020000010007ULL

static void nozzle_spec(struct hms_monitor_spec *spec)
{
	hms_monitor_spec_init(spec);
	strscpy(spec->name, "nozzle", sizeof(spec->name));
	strscpy(spec->source, "nozzle-ntc", sizeof(spec->source));
	spec->kind = HMS_MONITOR_THERMAL;
	spec->period_ms = 100;
	spec->threshold.high = 300000;
	spec->threshold.hysteresis = 5000;
	spec->threshold.valid_min = -20000;
	spec->threshold.valid_max = 350000;
	spec->codes[HMS_LEVEL_HIGH] = HOT;
	spec->codes[HMS_LEVEL_FAULT] = OPEN;
}

static void good_spec(struct kunit *test)
{
	struct hms_monitor_spec spec;
	const char *why = NULL;

	nozzle_spec(&spec);
	KUNIT_EXPECT_EQ(test, hms_monitor_spec_check(&spec, &why), 0);
	KUNIT_EXPECT_NULL(test, why);
}

static void expect_bad(struct kunit *test, const struct hms_monitor_spec *spec, int attr,
		       const char *message)
{
	const char *why = NULL;

	KUNIT_EXPECT_EQ(test, hms_monitor_spec_check(spec, &why), attr);
	KUNIT_EXPECT_STREQ(test, why ? why : "(none)", message);
}

static void bad_specs(struct kunit *test)
{
	struct hms_monitor_spec spec;

	nozzle_spec(&spec);
	spec.name[0] = '\0';
	expect_bad(test, &spec, HMS_A_MON_NAME, "name: empty");

	nozzle_spec(&spec);
	spec.kind = HMS_MONITOR_MAX + 1;
	expect_bad(test, &spec, HMS_A_MON_KIND, "kind: not a monitor kind this kernel knows");

	nozzle_spec(&spec);
	spec.source[0] = '\0';
	expect_bad(test, &spec, HMS_A_MON_SOURCE, "source: empty");

	nozzle_spec(&spec);
	spec.period_ms = 0;
	expect_bad(test, &spec, HMS_A_MON_PERIOD_MS, "period_ms: below the minimum of 1 ms");

	nozzle_spec(&spec);
	spec.codes[HMS_LEVEL_HIGH] = HOT & ~0xffff0000ULL;	/* severity 0 */
	expect_bad(test, &spec, HMS_A_MON_HIGH_CODE,
		   "code: severity must be 1 (fatal) to 4 (info)");

	nozzle_spec(&spec);
	spec.codes[HMS_LEVEL_LOW] = HOT;
	expect_bad(test, &spec, HMS_A_MON_LOW,
		   "low: a low threshold needs a low code, and a low code a threshold");

	nozzle_spec(&spec);
	spec.codes[HMS_LEVEL_HIGH] = 0;
	expect_bad(test, &spec, HMS_A_MON_HIGH,
		   "high: a high threshold needs a high code, and a high code a threshold");

	nozzle_spec(&spec);
	spec.codes[HMS_LEVEL_FAULT] = 0;
	expect_bad(test, &spec, HMS_A_MON_FAULT_CODE,
		   "valid range: a valid range needs a fault code, and a fault code a range");

	hms_monitor_spec_init(&spec);
	strscpy(spec.name, "idle", sizeof(spec.name));
	strscpy(spec.source, "zone", sizeof(spec.source));
	spec.kind = HMS_MONITOR_THERMAL;
	spec.period_ms = 1;
	expect_bad(test, &spec, HMS_A_MON_HIGH_CODE, "codes: the monitor raises no code");

	nozzle_spec(&spec);
	spec.threshold.low = 400000;
	spec.codes[HMS_LEVEL_LOW] = HOT;
	expect_bad(test, &spec, HMS_A_MON_HYSTERESIS, "thresholds: low is not below high");
}

static struct kunit_case monitor_test_cases[] = {
	KUNIT_CASE(good_spec),
	KUNIT_CASE(bad_specs),
	{}
};

static struct kunit_suite monitor_test_suite = {
	.name = "hms_monitor",
	.test_cases = monitor_test_cases,
};

kunit_test_suite(monitor_test_suite);
