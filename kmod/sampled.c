// SPDX-License-Identifier: GPL-2.0
/*
 * Sampled monitors: a thermal zone or an IIO channel (its processed value)
 * read every period. Monitors of the same period form a group, sampled
 * together: the group's high-resolution timer queues the group's work item
 * (reads may sleep), which reads each monitor in turn, feeds the value to
 * its threshold engine and announces the level it settles on. One timer
 * interrupt and one worker wakeup per period, however many monitors.
 */

#include <linux/iio/consumer.h>
#include <linux/limits.h>
#include <linux/slab.h>
#include <linux/thermal.h>

#include "monitor.h"

struct hms_period_group {
	struct list_head node;		/* in groups */
	u32 period_ms;
	struct hrtimer timer;
	struct work_struct work;
	/*
	 * Guards monitors, and is held across a pass: a monitor taken off
	 * the list under it is one the pass no longer touches.
	 */
	struct mutex lock;
	struct list_head monitors;
};

/*
 * The groups, made by the first monitor of a period and freed by the last.
 * Lock order: monitors_lock (monitor.c), groups_lock, group->lock, mon->lock.
 */
static DEFINE_MUTEX(groups_lock);
static LIST_HEAD(groups);

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

/*
 * An IIO channel whose provider went away reads -ENODEV for good (the
 * channel holds the old device): let it go, and look for the channel again
 * at each sample, so that a provider bound again is picked up.
 */
static int read_channel(struct hms_monitor *mon, int *value)
{
	struct iio_channel *channel;
	int ret;

	if (!mon->channel) {
		channel = iio_channel_get(hms_monitors_device(), mon->spec.source);
		if (IS_ERR(channel))
			return PTR_ERR(channel);
		mon->channel = channel;
	}
	/* On success, the IIO core returns the kind of value read. */
	ret = iio_read_channel_processed(mon->channel, value);
	if (ret == -ENODEV) {
		iio_channel_release(mon->channel);
		mon->channel = NULL;
	}
	return ret < 0 ? ret : 0;
}

static int read_value(struct hms_monitor *mon, int *value)
{
	if (mon->spec.kind == HMS_MONITOR_THERMAL)
		return read_zone(mon, value);
	return read_channel(mon, value);
}

static void sample(struct hms_monitor *mon)
{
	int value = 0, err;

	err = read_value(mon, &value);
	WRITE_ONCE(mon->value, value);
	mutex_lock(&mon->lock);
	if (hms_threshold_feed(&mon->state, &mon->spec.threshold, err, value))
		hms_monitor_set_level(mon, mon->state.level, value);
	mutex_unlock(&mon->lock);
}

static void sample_group(struct work_struct *work)
{
	struct hms_period_group *group = container_of(work, struct hms_period_group, work);
	struct hms_monitor *mon;

	mutex_lock(&group->lock);
	list_for_each_entry(mon, &group->monitors, group_node)
		sample(mon);
	mutex_unlock(&group->lock);
}

static enum hrtimer_restart tick(struct hrtimer *timer)
{
	struct hms_period_group *group = container_of(timer, struct hms_period_group, timer);

	/*
	 * A pass still pending makes this tick a no-op, and one still running
	 * is followed by one more at most: samples never queue up.
	 */
	queue_work(system_unbound_wq, &group->work);
	hrtimer_forward_now(timer, ms_to_ktime(group->period_ms));
	return HRTIMER_RESTART;
}

/* A new group, its timer started. Under groups_lock. */
static struct hms_period_group *new_group(u32 period_ms)
{
	struct hms_period_group *group = kzalloc(sizeof(*group), GFP_KERNEL);

	if (!group)
		return NULL;
	group->period_ms = period_ms;
	mutex_init(&group->lock);
	INIT_LIST_HEAD(&group->monitors);
	INIT_WORK(&group->work, sample_group);
	hrtimer_init(&group->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	group->timer.function = tick;
	hrtimer_start(&group->timer, ms_to_ktime(period_ms), HRTIMER_MODE_REL);
	list_add(&group->node, &groups);
	return group;
}

/* Samples @mon once, then puts it in the group of its period. */
static int join_group(struct hms_monitor *mon)
{
	struct hms_period_group *group;

	mutex_lock(&groups_lock);
	list_for_each_entry(group, &groups, node) {
		if (group->period_ms == mon->spec.period_ms)
			goto join;
	}
	group = new_group(mon->spec.period_ms);
	if (!group) {
		mutex_unlock(&groups_lock);
		return -ENOMEM;
	}
join:
	/*
	 * The first sample at once, not up to a period later: a monitor reads
	 * its source as soon as it is added. Not before the group is there,
	 * so that a monitor that fails to start has raised nothing.
	 */
	sample(mon);
	mon->group = group;
	mutex_lock(&group->lock);
	list_add_tail(&mon->group_node, &group->monitors);
	mutex_unlock(&group->lock);
	mutex_unlock(&groups_lock);
	return 0;
}

/* Takes @mon out of its group: no pass touches it after this returns. */
static void leave_group(struct hms_monitor *mon)
{
	struct hms_period_group *group = mon->group;
	bool last;

	mutex_lock(&groups_lock);
	/* Waits for a pass that may be reading @mon. */
	mutex_lock(&group->lock);
	list_del(&mon->group_node);
	last = list_empty(&group->monitors);
	mutex_unlock(&group->lock);
	if (last)
		list_del(&group->node);
	mutex_unlock(&groups_lock);
	if (!last)
		return;
	/* The timer queues the work: once it is stopped, the work stays idle. */
	hrtimer_cancel(&group->timer);
	cancel_work_sync(&group->work);
	mutex_destroy(&group->lock);
	kfree(group);
}

static void release_source(struct hms_monitor *mon)
{
	if (mon->spec.kind == HMS_MONITOR_THERMAL)
		put_zone(mon);
	else if (mon->channel)
		iio_channel_release(mon->channel);
}

static int sampled_start(struct hms_monitor *mon, const char **why)
{
	int err;

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
	err = join_group(mon);
	if (err) {
		*why = "out of memory";
		release_source(mon);
	}
	return err;
}

static void sampled_stop(struct hms_monitor *mon)
{
	leave_group(mon);
	release_source(mon);
}

const struct hms_monitor_ops hms_sampled_ops = {
	.check = sampled_check,
	.start = sampled_start,
	.stop = sampled_stop,
};
