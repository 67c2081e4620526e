// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the fan logic: RPM from pulse spans, and when a fan is
 * too slow: armed or not, spin-up grace, hold time.
 */

#include <kunit/test.h>
#include <linux/time64.h>

#include "fan.h"

static void rpm_from_pulse_spans(struct kunit *test)
{
	/* 2 pulses per turn, 40 pulses a second: 20 turns a second. */
	KUNIT_EXPECT_EQ(test, hms_fan_rpm(40, NSEC_PER_SEC, 2), 1200U);
	KUNIT_EXPECT_EQ(test, hms_fan_rpm(39, 975 * NSEC_PER_MSEC, 2), 1200U);
	KUNIT_EXPECT_EQ(test, hms_fan_rpm(1, 25 * NSEC_PER_MSEC, 2), 1200U);
	KUNIT_EXPECT_EQ(test, hms_fan_rpm(100, NSEC_PER_SEC, 1), 6000U);
	KUNIT_EXPECT_EQ(test, hms_fan_rpm(100, NSEC_PER_SEC, 4), 1500U);
	/* A slow fan: one pulse in 2 s at 2 per turn is 15 RPM. */
	KUNIT_EXPECT_EQ(test, hms_fan_rpm(1, 2 * NSEC_PER_SEC, 2), 15U);
}

static void rpm_with_nothing_to_measure(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, hms_fan_rpm(0, NSEC_PER_SEC, 2), 0U);
	KUNIT_EXPECT_EQ(test, hms_fan_rpm(10, 0, 2), 0U);
	KUNIT_EXPECT_EQ(test, hms_fan_rpm(10, NSEC_PER_SEC, 0), 0U);
}

static void rpm_does_not_overflow(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, hms_fan_rpm(U32_MAX, 1, 1), U32_MAX);
	KUNIT_EXPECT_EQ(test, hms_fan_rpm(300000000, 1, 1), U32_MAX);
	KUNIT_EXPECT_EQ(test, hms_fan_rpm(U32_MAX, U64_MAX, U32_MAX), 0U);
	KUNIT_EXPECT_EQ(test, hms_fan_rpm(1, U64_MAX, 1), 0U);
}

static const struct hms_fan_config hotend = {
	.min_rpm = 1000,
	.hold_ms = 2000,
	.spin_up_ms = 3000,
};

static ktime_t at_ms(s64 ms)
{
	return ms_to_ktime(ms);
}

static void disarmed_fan_is_never_too_slow(struct kunit *test)
{
	struct hms_fan fan = {};

	hms_fan_arm(&fan, false, at_ms(0));
	KUNIT_EXPECT_FALSE(test, hms_fan_too_slow(&fan, &hotend, 0, at_ms(10000)));
	KUNIT_EXPECT_FALSE(test, hms_fan_too_slow(&fan, &hotend, 0, at_ms(60000)));
}

static void slow_for_the_hold_time_after_spin_up(struct kunit *test)
{
	struct hms_fan fan = {};

	hms_fan_arm(&fan, true, at_ms(0));
	/* Spinning up: slow is expected. */
	KUNIT_EXPECT_FALSE(test, hms_fan_too_slow(&fan, &hotend, 0, at_ms(1000)));
	KUNIT_EXPECT_FALSE(test, hms_fan_too_slow(&fan, &hotend, 0, at_ms(2999)));
	/* Slow since the end of the grace, not held long enough yet. */
	KUNIT_EXPECT_FALSE(test, hms_fan_too_slow(&fan, &hotend, 0, at_ms(3000)));
	KUNIT_EXPECT_FALSE(test, hms_fan_too_slow(&fan, &hotend, 999, at_ms(4999)));
	KUNIT_EXPECT_TRUE(test, hms_fan_too_slow(&fan, &hotend, 999, at_ms(5000)));
	KUNIT_EXPECT_TRUE(test, hms_fan_too_slow(&fan, &hotend, 0, at_ms(6000)));
	/* Back to speed: fine at once. */
	KUNIT_EXPECT_FALSE(test, hms_fan_too_slow(&fan, &hotend, 1000, at_ms(7000)));
}

static void a_short_dip_is_not_a_fault(struct kunit *test)
{
	struct hms_fan fan = {};

	hms_fan_arm(&fan, true, at_ms(0));
	KUNIT_EXPECT_FALSE(test, hms_fan_too_slow(&fan, &hotend, 500, at_ms(4000)));
	KUNIT_EXPECT_FALSE(test, hms_fan_too_slow(&fan, &hotend, 1200, at_ms(5000)));
	/* The hold time starts again with the next dip. */
	KUNIT_EXPECT_FALSE(test, hms_fan_too_slow(&fan, &hotend, 500, at_ms(6000)));
	KUNIT_EXPECT_FALSE(test, hms_fan_too_slow(&fan, &hotend, 500, at_ms(7999)));
	KUNIT_EXPECT_TRUE(test, hms_fan_too_slow(&fan, &hotend, 500, at_ms(8000)));
}

static void arming_again_restarts_the_grace(struct kunit *test)
{
	struct hms_fan fan = {};

	hms_fan_arm(&fan, true, at_ms(0));
	KUNIT_EXPECT_FALSE(test, hms_fan_too_slow(&fan, &hotend, 0, at_ms(3000)));
	KUNIT_EXPECT_TRUE(test, hms_fan_too_slow(&fan, &hotend, 0, at_ms(5000)));
	hms_fan_arm(&fan, true, at_ms(5000));
	KUNIT_EXPECT_FALSE(test, hms_fan_too_slow(&fan, &hotend, 0, at_ms(7999)));
	KUNIT_EXPECT_FALSE(test, hms_fan_too_slow(&fan, &hotend, 0, at_ms(8000)));
	KUNIT_EXPECT_TRUE(test, hms_fan_too_slow(&fan, &hotend, 0, at_ms(10000)));
}

static void no_grace_no_hold_is_at_once(struct kunit *test)
{
	static const struct hms_fan_config strict = { .min_rpm = 1000 };
	struct hms_fan fan = {};

	hms_fan_arm(&fan, true, at_ms(0));
	KUNIT_EXPECT_TRUE(test, hms_fan_too_slow(&fan, &strict, 999, at_ms(0)));
	KUNIT_EXPECT_FALSE(test, hms_fan_too_slow(&fan, &strict, 1000, at_ms(1)));
}

static struct kunit_case fan_test_cases[] = {
	KUNIT_CASE(rpm_from_pulse_spans),
	KUNIT_CASE(rpm_with_nothing_to_measure),
	KUNIT_CASE(rpm_does_not_overflow),
	KUNIT_CASE(disarmed_fan_is_never_too_slow),
	KUNIT_CASE(slow_for_the_hold_time_after_spin_up),
	KUNIT_CASE(a_short_dip_is_not_a_fault),
	KUNIT_CASE(arming_again_restarts_the_grace),
	KUNIT_CASE(no_grace_no_hold_is_at_once),
	{}
};

static struct kunit_suite fan_test_suite = {
	.name = "hms_fan",
	.test_cases = fan_test_cases,
};

kunit_test_suite(fan_test_suite);
