// SPDX-License-Identifier: GPL-2.0
/*
 * Tach monitors: a fan's tachometer line. The hard IRQ handler counts the
 * rising edges and timestamps them; every period a work item turns them
 * into RPM (fan.c) and, while the fan is armed, raises the code of a fan
 * that has been too slow for the hold time.
 */

#include <linux/gpio/consumer.h>
#include <linux/interrupt.h>
#include <linux/limits.h>

#include "monitor.h"

static int tach_check(const struct hms_monitor_spec *spec, const char **why)
{
	const struct hms_threshold_config *t = &spec->threshold;

	if (t->low != S64_MIN || t->high != S64_MAX || spec->codes[HMS_LEVEL_HIGH]) {
		*why = "thresholds: a tach monitor has min_rpm, not thresholds";
		return t->low != S64_MIN ? HMS_A_MON_LOW : HMS_A_MON_HIGH;
	}
	if (spec->codes[HMS_LEVEL_FAULT] || spec->chatter_count) {
		*why = "fault_code: a tach monitor has one code, for a fan too slow or stopped";
		return spec->chatter_count ? HMS_A_MON_CHATTER_COUNT : HMS_A_MON_FAULT_CODE;
	}
	if (!spec->codes[HMS_LEVEL_LOW]) {
		*why = "code: a tach monitor needs the code for a fan too slow or stopped";
		return HMS_A_MON_CODE;
	}
	if (!spec->fan.min_rpm) {
		*why = "min_rpm: a tach monitor needs the speed a fan must keep";
		return HMS_A_MON_MIN_RPM;
	}
	if (!spec->pulses_per_rev) {
		*why = "pulses_per_rev: at least 1";
		return HMS_A_MON_PULSES_PER_REV;
	}
	if (spec->period_ms < HMS_MON_TACH_PERIOD_MIN_MS) {
		*why = "period_ms: a tach monitor measures over at least 100 ms";
		return HMS_A_MON_PERIOD_MS;
	}
	return 0;
}

static irqreturn_t pulse(int irq, void *data)
{
	struct hms_monitor *mon = data;
	ktime_t now = ktime_get();

	spin_lock(&mon->pulses_lock);
	if (!mon->pulses++)
		mon->first_pulse = now;
	mon->last_pulse = now;
	spin_unlock(&mon->pulses_lock);
	return IRQ_HANDLED;
}

/* The fan's speed over the pulses since the last tick. */
static u32 measure(struct hms_monitor *mon)
{
	ktime_t first, last;
	unsigned long flags;
	u32 pulses, rpm;

	spin_lock_irqsave(&mon->pulses_lock, flags);
	pulses = mon->pulses;
	first = mon->first_pulse;
	last = mon->last_pulse;
	mon->pulses = 0;
	spin_unlock_irqrestore(&mon->pulses_lock, flags);

	if (!pulses) {
		mon->prev_pulse = 0;
		return 0;
	}
	/* Measure from the last pulse before this window where there was one. */
	if (mon->prev_pulse)
		rpm = hms_fan_rpm(pulses, ktime_to_ns(ktime_sub(last, mon->prev_pulse)),
				  mon->spec.pulses_per_rev);
	else
		rpm = hms_fan_rpm(pulses - 1, ktime_to_ns(ktime_sub(last, first)),
				  mon->spec.pulses_per_rev);
	mon->prev_pulse = last;
	return rpm;
}

static void tick(struct work_struct *work)
{
	struct hms_monitor *mon = container_of(to_delayed_work(work), struct hms_monitor,
					       line_work);
	u32 rpm = measure(mon);
	u8 level;

	WRITE_ONCE(mon->value, rpm);
	mutex_lock(&mon->lock);
	level = hms_fan_too_slow(&mon->fan, &mon->spec.fan, rpm, ktime_get()) ?
		HMS_LEVEL_LOW : HMS_LEVEL_NORMAL;
	if (level != mon->level)
		hms_monitor_set_level(mon, level, rpm);
	mutex_unlock(&mon->lock);
	schedule_delayed_work(&mon->line_work, msecs_to_jiffies(mon->spec.period_ms));
}

static int tach_start(struct hms_monitor *mon, const char **why)
{
	int err;

	spin_lock_init(&mon->pulses_lock);
	hms_fan_arm(&mon->fan, mon->spec.armed, ktime_get());
	err = hms_monitor_request_line(mon, pulse, IRQF_TRIGGER_RISING, tick, why);
	if (err)
		return err;
	schedule_delayed_work(&mon->line_work, msecs_to_jiffies(mon->spec.period_ms));
	return 0;
}

static int tach_arm(struct hms_monitor *mon, bool armed)
{
	mutex_lock(&mon->lock);
	hms_fan_arm(&mon->fan, armed, ktime_get());
	/* A disarmed fan raises nothing; an armed one is judged at its next tick. */
	if (!armed && mon->level != HMS_LEVEL_NORMAL)
		hms_monitor_set_level(mon, HMS_LEVEL_NORMAL, READ_ONCE(mon->value));
	mutex_unlock(&mon->lock);
	return 0;
}

const struct hms_monitor_ops hms_tach_ops = {
	.check = tach_check,
	.start = tach_start,
	.stop = hms_monitor_release_line,
	.arm = tach_arm,
};
