/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fan's speed from its tachometer pulses, and whether it is too slow:
 * pure logic for the tach monitor kind (tach.c), tested by KUnit.
 */
#ifndef _HMS_FAN_H
#define _HMS_FAN_H

#include <linux/ktime.h>
#include <linux/types.h>

/*
 * RPM from @intervals whole pulse periods that took @span_ns, at
 * @pulses_per_rev pulses per turn; 0 when there is nothing to measure.
 */
u32 hms_fan_rpm(u32 intervals, u64 span_ns, u32 pulses_per_rev);

struct hms_fan_config {
	u32 min_rpm;		/* slower than this is too slow... */
	u32 hold_ms;		/* ...once it has lasted this long */
	u32 spin_up_ms;		/* after arming, the fan's time to reach speed */
};

struct hms_fan {
	bool armed;
	ktime_t armed_at;
	bool slow;		/* too slow since slow_since (after the spin-up) */
	ktime_t slow_since;
};

void hms_fan_arm(struct hms_fan *fan, bool armed, ktime_t now);

/* Whether a fan measured at @rpm at @now is too slow, and has been for long enough. */
bool hms_fan_too_slow(struct hms_fan *fan, const struct hms_fan_config *config, u32 rpm,
		      ktime_t now);

#endif /* _HMS_FAN_H */
