// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the firmware parser, over software nodes: a good node
 * reads back whole, and every kind of bad property is named.
 */

#include <kunit/test.h>
#include <linux/property.h>

#include "fwnode.h"

#define HOT	0x0300020000010003ULL
#define OPEN	0x0300020000010007ULL

static int parse(struct kunit *test, const struct property_entry *props,
		 struct hms_monitor_spec *spec, const char **why)
{
	struct fwnode_handle *node = fwnode_create_software_node(props, NULL);
	const char *prop = NULL;
	int err;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, node);
	*why = NULL;
	err = hms_monitor_spec_from_fwnode(node, spec, &prop, why);
	fwnode_remove_software_node(node);
	/* As the platform driver logs it. */
	if (prop) {
		char *said = kunit_kzalloc(test, 128, GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, said);
		snprintf(said, 128, "%s: %s", prop, *why);
		*why = said;
	}
	return err;
}

static void reads_a_thermal_monitor(struct kunit *test)
{
	const struct property_entry props[] = {
		PROPERTY_ENTRY_STRING("label", "nozzle"),
		PROPERTY_ENTRY_STRING("hms,kind", "thermal"),
		PROPERTY_ENTRY_STRING("hms,source", "nozzle-ntc"),
		PROPERTY_ENTRY_U32("hms,period-ms", 100),
		PROPERTY_ENTRY_U32("hms,high", 300000),
		PROPERTY_ENTRY_U32("hms,hysteresis", 5000),
		PROPERTY_ENTRY_U32("hms,debounce-samples", 3),
		PROPERTY_ENTRY_U32("hms,valid-min", (u32)-20000),
		PROPERTY_ENTRY_U32("hms,valid-max", 350000),
		PROPERTY_ENTRY_U64("hms,high-code", HOT),
		PROPERTY_ENTRY_U64("hms,fault-code", OPEN),
		{ }
	};
	struct hms_monitor_spec spec;
	const char *why;

	KUNIT_ASSERT_EQ(test, parse(test, props, &spec, &why), 0);
	KUNIT_EXPECT_STREQ(test, spec.name, "nozzle");
	KUNIT_EXPECT_EQ(test, spec.kind, HMS_MONITOR_THERMAL);
	KUNIT_EXPECT_STREQ(test, spec.source, "nozzle-ntc");
	KUNIT_EXPECT_EQ(test, spec.period_ms, 100U);
	KUNIT_EXPECT_EQ(test, spec.threshold.high, 300000LL);
	KUNIT_EXPECT_EQ(test, spec.threshold.low, S64_MIN);
	KUNIT_EXPECT_EQ(test, spec.threshold.hysteresis, 5000LL);
	KUNIT_EXPECT_EQ(test, spec.threshold.debounce, 3U);
	KUNIT_EXPECT_EQ(test, spec.threshold.valid_min, -20000LL);
	KUNIT_EXPECT_EQ(test, spec.threshold.valid_max, 350000LL);
	KUNIT_EXPECT_EQ(test, spec.codes[HMS_LEVEL_HIGH], HOT);
	KUNIT_EXPECT_EQ(test, spec.codes[HMS_LEVEL_FAULT], OPEN);
}

static void reads_a_gpio_monitor(struct kunit *test)
{
	const struct property_entry props[] = {
		PROPERTY_ENTRY_STRING("hms,kind", "gpio"),
		PROPERTY_ENTRY_STRING("hms,source", "mainboard-gpio"),
		PROPERTY_ENTRY_U32("hms,line", 7),
		PROPERTY_ENTRY_BOOL("hms,active-low"),
		PROPERTY_ENTRY_U32("hms,debounce-ms", 20),
		PROPERTY_ENTRY_U64("hms,code", 0x0300120000020001ULL),
		{ }
	};
	struct hms_monitor_spec spec;
	const char *why;

	KUNIT_ASSERT_EQ(test, parse(test, props, &spec, &why), 0);
	KUNIT_EXPECT_EQ(test, spec.kind, HMS_MONITOR_GPIO);
	KUNIT_EXPECT_EQ(test, spec.line, 7U);
	KUNIT_EXPECT_TRUE(test, spec.active_low);
	KUNIT_EXPECT_EQ(test, spec.debounce_ms, 20U);
	KUNIT_EXPECT_EQ(test, spec.codes[HMS_LEVEL_HIGH], 0x0300120000020001ULL);
	KUNIT_EXPECT_EQ(test, spec.chatter_count, 0U);
}

#define SLOW_FAN 0x0300040000020001ULL	/* part cooling fan too slow or stopped */

static void reads_a_tach_monitor(struct kunit *test)
{
	const struct property_entry props[] = {
		PROPERTY_ENTRY_STRING("hms,kind", "tach"),
		PROPERTY_ENTRY_STRING("hms,source", "mainboard-gpio"),
		PROPERTY_ENTRY_U32("hms,line", 3),
		PROPERTY_ENTRY_U32("hms,pulses-per-rev", 4),
		PROPERTY_ENTRY_U32("hms,min-rpm", 1500),
		PROPERTY_ENTRY_U32("hms,hold-ms", 2000),
		PROPERTY_ENTRY_U32("hms,spin-up-ms", 3000),
		PROPERTY_ENTRY_BOOL("hms,start-disarmed"),
		PROPERTY_ENTRY_U64("hms,code", SLOW_FAN),
		{ }
	};
	struct hms_monitor_spec spec;
	const char *why;

	KUNIT_ASSERT_EQ(test, parse(test, props, &spec, &why), 0);
	KUNIT_EXPECT_EQ(test, spec.kind, HMS_MONITOR_TACH);
	KUNIT_EXPECT_EQ(test, spec.line, 3U);
	KUNIT_EXPECT_EQ(test, spec.pulses_per_rev, 4U);
	KUNIT_EXPECT_EQ(test, spec.fan.min_rpm, 1500U);
	KUNIT_EXPECT_EQ(test, spec.fan.hold_ms, 2000U);
	KUNIT_EXPECT_EQ(test, spec.fan.spin_up_ms, 3000U);
	KUNIT_EXPECT_FALSE(test, spec.armed);
	/* A fan's code is raised at the low level: too slow. */
	KUNIT_EXPECT_EQ(test, spec.codes[HMS_LEVEL_LOW], SLOW_FAN);
	KUNIT_EXPECT_EQ(test, spec.codes[HMS_LEVEL_HIGH], 0ULL);
}

static void a_tach_monitor_has_defaults(struct kunit *test)
{
	const struct property_entry props[] = {
		PROPERTY_ENTRY_STRING("hms,kind", "tach"),
		PROPERTY_ENTRY_STRING("hms,source", "mainboard-gpio"),
		PROPERTY_ENTRY_U32("hms,min-rpm", 1500),
		PROPERTY_ENTRY_U64("hms,code", SLOW_FAN),
		{ }
	};
	struct hms_monitor_spec spec;
	const char *why;

	KUNIT_ASSERT_EQ(test, parse(test, props, &spec, &why), 0);
	KUNIT_EXPECT_EQ(test, spec.pulses_per_rev, 2U);
	KUNIT_EXPECT_EQ(test, spec.period_ms, 1000U);
	KUNIT_EXPECT_TRUE(test, spec.armed);
}

struct bad_case {
	const char *what;
	struct property_entry extra;	/* added to a good thermal monitor */
	const char *why;
};

static void names_every_bad_property(struct kunit *test)
{
	static const struct bad_case cases[] = {
		{ "unknown kind", PROPERTY_ENTRY_STRING("hms,kind", "pyrometer"),
		  "hms,kind: must be \"thermal\", \"gpio\", \"iio\" or \"tach\"" },
		{ "kind not a string", PROPERTY_ENTRY_U32("hms,kind", 1),
		  "hms,kind: not a string of at most 31 characters" },
		/* Cells are untyped: only a value too short for its type shows. */
		{ "threshold without a value", PROPERTY_ENTRY_BOOL("hms,high"),
		  "hms,high: not a 32-bit cell" },
		{ "code in 32 bits", PROPERTY_ENTRY_U32("hms,fault-code", 7),
		  "hms,fault-code: not a 64-bit value" },
		{ "code of severity 0", PROPERTY_ENTRY_U64("hms,fault-code", 0x0300020000000007ULL),
		  "code: severity must be 1 (fatal) to 4 (info)" },
		{ "period 0", PROPERTY_ENTRY_U32("hms,period-ms", 0),
		  "period_ms: below the minimum of 1 ms" },
		{ "inverted valid range", PROPERTY_ENTRY_U32("hms,valid-max", (u32)-30000),
		  "valid range: minimum above maximum" },
		{ "long source",
		  PROPERTY_ENTRY_STRING("hms,source", "a-thermal-zone-type-longer-than-31"),
		  "hms,source: not a string of at most 31 characters" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct property_entry props[] = {
			cases[i].extra,		/* first: it wins over what follows */
			PROPERTY_ENTRY_STRING("hms,kind", "thermal"),
			PROPERTY_ENTRY_STRING("hms,source", "nozzle-ntc"),
			PROPERTY_ENTRY_U32("hms,valid-min", (u32)-20000),
			PROPERTY_ENTRY_U32("hms,valid-max", 350000),
			PROPERTY_ENTRY_U64("hms,fault-code", OPEN),
			{ }
		};
		struct hms_monitor_spec spec;
		const char *why;

		KUNIT_EXPECT_EQ_MSG(test, parse(test, props, &spec, &why), -EINVAL, cases[i].what);
		KUNIT_EXPECT_STREQ_MSG(test, why ?: "(none)", cases[i].why, cases[i].what);
	}
}

static void names_every_bad_tach_property(struct kunit *test)
{
	static const struct bad_case cases[] = {
		{ "no minimum speed", PROPERTY_ENTRY_U32("hms,min-rpm", 0),
		  "min_rpm: a tach monitor needs the speed a fan must keep" },
		{ "no pulses", PROPERTY_ENTRY_U32("hms,pulses-per-rev", 0),
		  "pulses_per_rev: at least 1" },
		{ "window too short", PROPERTY_ENTRY_U32("hms,period-ms", 50),
		  "period_ms: a tach monitor measures over at least 100 ms" },
		{ "a threshold", PROPERTY_ENTRY_U32("hms,low", 100),
		  "thresholds: a tach monitor has min_rpm, not thresholds" },
		{ "code in 32 bits", PROPERTY_ENTRY_U32("hms,code", 1),
		  "hms,code: not a 64-bit value" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct property_entry props[] = {
			cases[i].extra,
			PROPERTY_ENTRY_STRING("hms,kind", "tach"),
			PROPERTY_ENTRY_STRING("hms,source", "mainboard-gpio"),
			PROPERTY_ENTRY_U32("hms,min-rpm", 1500),
			PROPERTY_ENTRY_U64("hms,code", SLOW_FAN),
			{ }
		};
		struct hms_monitor_spec spec;
		const char *why;

		KUNIT_EXPECT_EQ_MSG(test, parse(test, props, &spec, &why), -EINVAL, cases[i].what);
		KUNIT_EXPECT_STREQ_MSG(test, why ?: "(none)", cases[i].why, cases[i].what);
	}
}

static struct kunit_case fwnode_test_cases[] = {
	KUNIT_CASE(reads_a_thermal_monitor),
	KUNIT_CASE(reads_a_gpio_monitor),
	KUNIT_CASE(reads_a_tach_monitor),
	KUNIT_CASE(a_tach_monitor_has_defaults),
	KUNIT_CASE(names_every_bad_property),
	KUNIT_CASE(names_every_bad_tach_property),
	{}
};

static struct kunit_suite fwnode_test_suite = {
	.name = "hms_fwnode",
	.test_cases = fwnode_test_cases,
};

kunit_test_suite(fwnode_test_suite);
