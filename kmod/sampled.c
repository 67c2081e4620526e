// SPDX-License-Identifier: GPL-2.0
/*
 * Sampled monitors: a thermal zone or an IIO channel (its processed value)
 * read every period. A high-resolution timer queues a work item, because
 * reads may sleep; the work feeds the value to the threshold engine and
 * announces the level it settles on.
 */

#include <linux/iio/consumer.h>
#include <linux/limits.h>
#include <linux/thermal.h>

#include "monitor.h"

static int sampled_check(const struct hms_monitor_spec *spec, const char **why)
{
	const struct hms_threshold_config *t = &spec->threshold;
	bool has_low = t->low != S64_MIN, has_high = t->high != S64_MAX;
	bool has_range = t->valid_min != S64_MIN || t->valid_max != S64_MAX;

	if (spec->period_ms < HMS_MON_PERIOD_MIN_MS) {
		*why = "period_ms: below the minimum of 1 ms";
		return HMS_A_MON_PERIOD_MS;
	}
	if (has_low != !!spec->codes[HMS_LEVEL_LOW]) {
		*why = "low: a low threshold needs a low code, and a low code a threshold";
		return HMS_A_MON_LOW;
	}
	if (has_high != !!spec->codes[HMS_LEVEL_HIGH]) {
		*why = "high: a high threshold needs a high code, and a high code a threshold";
		return HMS_A_MON_HIGH;
	}
	if (has_range != !!spec->codes[HMS_LEVEL_FAULT]) {
		*why = "valid range: a valid range needs a fault code, and a fault code a range";
		return HMS_A_MON_FAULT_CODE;
	}
	if (!has_low && !has_high && !has_range) {
		*why = "codes: the monitor raises no code";
		return HMS_A_MON_HIGH_CODE;
	}
	*why = hms_threshold_check(t);
	return *why ? HMS_A_MON_HYSTERESIS : 0;
}

/*
 * A thermal zone, with a reference on its device: when its driver unbinds,
 * the zone is unregistered but stays in memory while we hold it. 6.1's
 * lookup hands it out without a reference, and its unregistration destroys
 * the zone's lock before it deletes the device: a zone unregistered within
 * the lookup, or read while it is being unregistered, is the window left.
 */
static struct thermal_zone_device *get_zone(const char *type)
{
	struct thermal_zone_device *zone = thermal_zone_get_zone_by_name(type);

	if (!IS_ERR(zone))
		get_device(&zone->device);
	return zone;
}

static void put_zone(struct hms_monitor *mon)
{
	if (mon->zone)
		put_device(&mon->zone->device);
	mon->zone = NULL;
}

/* A zone that went away reads as a fault, and is looked for again at each sample. */
static int read_zone(struct hms_monitor *mon, int *value)
{
	struct thermal_zone_device *zone;
	int err;

	if (!mon->zone) {
		zone = get_zone(mon->spec.source);
		if (IS_ERR(zone))
			return PTR_ERR(zone);
		mon->zone = zone;
	}
	/* Gone: its lock may be destroyed already, so read it no more. */
	err = device_is_registered(&mon->zone->device) ?
	      thermal_zone_get_temp(mon->zone, value) : -ENODEV;
	if (err == -ENODEV)
		put_zone(mon);
	return err;
}

static int read_value(struct hms_monitor *mon, int *value)
{
	int ret;

	if (mon->spec.kind == HMS_MONITOR_THERMAL)
		return read_zone(mon, value);
	/* On success, the IIO core returns the kind of value read. */
	ret = iio_read_channel_processed(mon->channel, value);
	return ret < 0 ? ret : 0;
}

static void sample(struct work_struct *work)
{
	struct hms_monitor *mon = container_of(work, struct hms_monitor, work);
	int value = 0, err;

	err = read_value(mon, &value);
	WRITE_ONCE(mon->value, value);
	mutex_lock(&mon->lock);
	if (hms_threshold_feed(&mon->state, &mon->spec.threshold, err, value))
		hms_monitor_set_level(mon, mon->state.level, value);
	mutex_unlock(&mon->lock);
}

static enum hrtimer_restart tick(struct hrtimer *timer)
{
	struct hms_monitor *mon = container_of(timer, struct hms_monitor, timer);

	/* A read still running makes this tick a no-op: samples never queue up. */
	queue_work(system_unbound_wq, &mon->work);
	hrtimer_forward_now(timer, ms_to_ktime(mon->spec.period_ms));
	return HRTIMER_RESTART;
}

static int sampled_start(struct hms_monitor *mon, const char **why)
{
	if (mon->spec.kind == HMS_MONITOR_IIO) {
		mon->channel = iio_channel_get(hms_monitors_device(), mon->spec.source);
		if (IS_ERR(mon->channel)) {
			*why = "source: no IIO channel of that name mapped to consumer \"hms\"";
			return PTR_ERR(mon->channel);
		}
	} else {
		mon->zone = get_zone(mon->spec.source);
		if (IS_ERR(mon->zone)) {
			*why = "source: no single thermal zone of that type";
			return PTR_ERR(mon->zone);
		}
	}
	INIT_WORK(&mon->work, sample);
	hrtimer_init(&mon->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	mon->timer.function = tick;
	hrtimer_start(&mon->timer, 0, HRTIMER_MODE_REL);
	return 0;
}

static void sampled_stop(struct hms_monitor *mon)
{
	hrtimer_cancel(&mon->timer);
	cancel_work_sync(&mon->work);
	if (mon->spec.kind == HMS_MONITOR_IIO)
		iio_channel_release(mon->channel);
	else
		put_zone(mon);
}

const struct hms_monitor_ops hms_sampled_ops = {
	.check = sampled_check,
	.start = sampled_start,
	.stop = sampled_stop,
};
