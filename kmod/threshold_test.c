// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the threshold engine: hysteresis edges, debounce counts,
 * range faults, read errors, and configuration checks.
 */

#include <kunit/test.h>
#include <linux/limits.h>

#include "threshold.h"

/* A nozzle thermistor in m°C: high above 300 °C, valid from -20 °C to 350 °C. */
static const struct hms_threshold_config nozzle = {
	.low = S64_MIN,
	.high = 300000,
	.hysteresis = 5000,
	.valid_min = -20000,
	.valid_max = 350000,
	.debounce = 1,
};

static bool feed(struct hms_threshold *t, const struct hms_threshold_config *c, s64 value)
{
	return hms_threshold_feed(t, c, 0, value);
}

static void high_with_hysteresis(struct kunit *test)
{
	struct hms_threshold t = {};

	KUNIT_EXPECT_FALSE(test, feed(&t, &nozzle, 300000));	/* at the threshold: fine */
	KUNIT_EXPECT_TRUE(test, feed(&t, &nozzle, 300001));
	KUNIT_EXPECT_EQ(test, t.level, HMS_LEVEL_HIGH);
	KUNIT_EXPECT_FALSE(test, feed(&t, &nozzle, 295001));	/* inside the hysteresis */
	KUNIT_EXPECT_TRUE(test, feed(&t, &nozzle, 295000));	/* back past it */
	KUNIT_EXPECT_EQ(test, t.level, HMS_LEVEL_NORMAL);
}

static void low_with_hysteresis(struct kunit *test)
{
	const struct hms_threshold_config fan = {
		.low = 1000, .high = S64_MAX, .hysteresis = 200,
		.valid_min = 0, .valid_max = S64_MAX, .debounce = 1,
	};
	struct hms_threshold t = {};

	KUNIT_EXPECT_FALSE(test, feed(&t, &fan, 1000));
	KUNIT_EXPECT_TRUE(test, feed(&t, &fan, 999));
	KUNIT_EXPECT_EQ(test, t.level, HMS_LEVEL_LOW);
	KUNIT_EXPECT_FALSE(test, feed(&t, &fan, 1199));
	KUNIT_EXPECT_TRUE(test, feed(&t, &fan, 1200));
	KUNIT_EXPECT_EQ(test, t.level, HMS_LEVEL_NORMAL);
}

static void low_to_high_directly(struct kunit *test)
{
	const struct hms_threshold_config band = {
		.low = 10, .high = 20, .hysteresis = 2,
		.valid_min = S64_MIN, .valid_max = S64_MAX, .debounce = 1,
	};
	struct hms_threshold t = {};

	KUNIT_EXPECT_TRUE(test, feed(&t, &band, 5));
	KUNIT_EXPECT_TRUE(test, feed(&t, &band, 25));
	KUNIT_EXPECT_EQ(test, t.level, HMS_LEVEL_HIGH);
}

static void debounce_counts_consecutive_samples(struct kunit *test)
{
	struct hms_threshold_config c = nozzle;
	struct hms_threshold t = {};

	c.debounce = 3;
	KUNIT_EXPECT_FALSE(test, feed(&t, &c, 310000));
	KUNIT_EXPECT_FALSE(test, feed(&t, &c, 310000));
	KUNIT_EXPECT_FALSE(test, feed(&t, &c, 200000));		/* a normal sample resets */
	KUNIT_EXPECT_FALSE(test, feed(&t, &c, 310000));
	KUNIT_EXPECT_FALSE(test, feed(&t, &c, 310000));
	KUNIT_EXPECT_TRUE(test, feed(&t, &c, 310000));
	KUNIT_EXPECT_EQ(test, t.level, HMS_LEVEL_HIGH);

	/* Recovery is debounced too. */
	KUNIT_EXPECT_FALSE(test, feed(&t, &c, 200000));
	KUNIT_EXPECT_FALSE(test, feed(&t, &c, 200000));
	KUNIT_EXPECT_TRUE(test, feed(&t, &c, 200000));
	KUNIT_EXPECT_EQ(test, t.level, HMS_LEVEL_NORMAL);
}

static void debounce_restarts_on_another_level(struct kunit *test)
{
	struct hms_threshold_config c = nozzle;
	struct hms_threshold t = {};

	c.debounce = 2;
	KUNIT_EXPECT_FALSE(test, feed(&t, &c, 310000));		/* high, 1 */
	KUNIT_EXPECT_FALSE(test, feed(&t, &c, 400000));		/* fault, 1 */
	KUNIT_EXPECT_TRUE(test, feed(&t, &c, 400000));		/* fault, 2 */
	KUNIT_EXPECT_EQ(test, t.level, HMS_LEVEL_FAULT);
}

static void range_and_read_errors_are_faults(struct kunit *test)
{
	struct hms_threshold t = {};

	KUNIT_EXPECT_TRUE(test, feed(&t, &nozzle, 350001));	/* reads short */
	KUNIT_EXPECT_EQ(test, t.level, HMS_LEVEL_FAULT);
	KUNIT_EXPECT_TRUE(test, feed(&t, &nozzle, 25000));
	KUNIT_EXPECT_TRUE(test, feed(&t, &nozzle, -20001));	/* reads open */
	KUNIT_EXPECT_EQ(test, t.level, HMS_LEVEL_FAULT);
	KUNIT_EXPECT_TRUE(test, feed(&t, &nozzle, -20000));
	KUNIT_EXPECT_EQ(test, t.level, HMS_LEVEL_NORMAL);

	KUNIT_EXPECT_TRUE(test, hms_threshold_feed(&t, &nozzle, -EIO, 0));
	KUNIT_EXPECT_EQ(test, t.level, HMS_LEVEL_FAULT);
	KUNIT_EXPECT_FALSE(test, hms_threshold_feed(&t, &nozzle, -EIO, 0));
	/* From a fault, a sample lands on its own level, hysteresis aside. */
	KUNIT_EXPECT_TRUE(test, feed(&t, &nozzle, 299000));
	KUNIT_EXPECT_EQ(test, t.level, HMS_LEVEL_NORMAL);
}

static void config_checks(struct kunit *test)
{
	struct hms_threshold_config c = nozzle;

	KUNIT_EXPECT_NULL(test, hms_threshold_check(&c));
	c.valid_min = 400000;
	KUNIT_EXPECT_STREQ(test, hms_threshold_check(&c), "valid range: minimum above maximum");
	c = nozzle;
	c.low = 300000;
	KUNIT_EXPECT_STREQ(test, hms_threshold_check(&c), "thresholds: low is not below high");
	c = nozzle;
	c.hysteresis = -1;
	KUNIT_EXPECT_STREQ(test, hms_threshold_check(&c), "hysteresis: negative");
	c = nozzle;
	c.low = 0;
	c.hysteresis = 150001;
	KUNIT_EXPECT_STREQ(test, hms_threshold_check(&c),
			   "hysteresis: larger than half the distance between the thresholds");
	c.low = S64_MIN + 1;
	c.high = S64_MAX - 1;
	c.hysteresis = S64_MAX / 2;
	KUNIT_EXPECT_NULL(test, hms_threshold_check(&c));	/* no overflow */
}

static struct kunit_case threshold_test_cases[] = {
	KUNIT_CASE(high_with_hysteresis),
	KUNIT_CASE(low_with_hysteresis),
	KUNIT_CASE(low_to_high_directly),
	KUNIT_CASE(debounce_counts_consecutive_samples),
	KUNIT_CASE(debounce_restarts_on_another_level),
	KUNIT_CASE(range_and_read_errors_are_faults),
	KUNIT_CASE(config_checks),
	{}
};

static struct kunit_suite threshold_test_suite = {
	.name = "hms_threshold",
	.test_cases = threshold_test_cases,
};

kunit_test_suite(threshold_test_suite);
