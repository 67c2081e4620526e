// SPDX-License-Identifier: GPL-2.0
/*
 * A fan's speed is measured over whole pulse periods, from the first to
 * the last pulse seen, rather than by counting pulses in a window: a count
 * is off by up to one pulse (5 % of a 1200 RPM fan over 1 s), a span is
 * as exact as the interrupt timestamps.
 */

#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/time64.h>

#include "fan.h"

u32 hms_fan_rpm(u32 intervals, u64 span_ns, u32 pulses_per_rev)
{
	const u64 ns_per_minute = 60 * NSEC_PER_SEC;
	u64 rpm;

	if (!intervals || !span_ns || !pulses_per_rev || span_ns > U64_MAX / pulses_per_rev)
		return 0;
	/* Hundreds of millions of pulses in a window are noise, not a fan. */
	if (intervals > U64_MAX / ns_per_minute)
		return U32_MAX;
	rpm = div64_u64(intervals * ns_per_minute, span_ns * pulses_per_rev);
	return min_t(u64, rpm, U32_MAX);
}

void hms_fan_arm(struct hms_fan *fan, bool armed, ktime_t now)
{
	fan->armed = armed;
	fan->armed_at = now;
	fan->slow = false;
}

bool hms_fan_too_slow(struct hms_fan *fan, const struct hms_fan_config *config, u32 rpm,
		      ktime_t now)
{
	if (!fan->armed || rpm >= config->min_rpm) {
		fan->slow = false;
		return false;
	}
	/* Spinning up: a slow fan is expected. */
	if (ktime_ms_delta(now, fan->armed_at) < config->spin_up_ms)
		return false;
	if (!fan->slow) {
		fan->slow = true;
		fan->slow_since = now;
	}
	return ktime_ms_delta(now, fan->slow_since) >= config->hold_ms;
}
