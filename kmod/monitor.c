// SPDX-License-Identifier: GPL-2.0
/*
 * Monitors. A sampled monitor (a thermal zone) is read every period: a
 * high-resolution timer queues a work item, because reads may sleep, and
 * the work feeds the value to the threshold engine, raising the code of
 * the new level and clearing the code of the old one.
 */

#include <linux/hrtimer.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/thermal.h>
#include <linux/workqueue.h>

#include "monitor.h"

struct hms_monitor {
	struct list_head node;
	struct hms_monitor_spec spec;
	struct thermal_zone_device *zone;
	struct hrtimer timer;
	struct work_struct work;
	struct hms_threshold state;	/* only the work touches it */
	s64 value;			/* READ_ONCE: dumps read it */
};

static DEFINE_MUTEX(monitors_lock);
static LIST_HEAD(monitors);
static bool closing;		/* the module is going: no new monitors */
static struct hms_table *hms_table;

void hms_monitor_spec_init(struct hms_monitor_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	spec->threshold = (struct hms_threshold_config){
		.low = S64_MIN,
		.high = S64_MAX,
		.valid_min = S64_MIN,
		.valid_max = S64_MAX,
		.debounce = 1,
	};
}

int hms_monitor_spec_check(const struct hms_monitor_spec *spec, const char **why)
{
	const struct hms_threshold_config *t = &spec->threshold;
	bool has_low = t->low != S64_MIN, has_high = t->high != S64_MAX;
	bool has_range = t->valid_min != S64_MIN || t->valid_max != S64_MAX;
	int i;

	if (!spec->name[0]) {
		*why = "name: empty";
		return HMS_A_MON_NAME;
	}
	if (spec->kind != HMS_MONITOR_THERMAL) {
		*why = "kind: not a monitor kind this kernel knows";
		return HMS_A_MON_KIND;
	}
	if (!spec->source[0]) {
		*why = "source: empty";
		return HMS_A_MON_SOURCE;
	}
	if (spec->period_ms < HMS_MON_PERIOD_MIN_MS) {
		*why = "period: below the minimum of 1 ms";
		return HMS_A_MON_PERIOD_MS;
	}
	for (i = HMS_LEVEL_LOW; i <= HMS_LEVEL_FAULT; i++) {
		if (spec->codes[i] && !hms_code_valid(spec->codes[i])) {
			*why = "code: severity must be 1 (fatal) to 4 (info)";
			return HMS_A_MON_LOW_CODE + i - HMS_LEVEL_LOW;
		}
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
	if (!spec->codes[HMS_LEVEL_LOW] && !spec->codes[HMS_LEVEL_HIGH] &&
	    !spec->codes[HMS_LEVEL_FAULT]) {
		*why = "codes: the monitor raises no code";
		return HMS_A_MON_HIGH_CODE;
	}
	*why = hms_threshold_check(t);
	if (*why)
		return HMS_A_MON_HYSTERESIS;
	return 0;
}

static int read_sample(struct hms_monitor *mon, s64 *value)
{
	int temp = 0, err;

	err = thermal_zone_get_temp(mon->zone, &temp);
	*value = temp;
	return err;
}

static void sample(struct work_struct *work)
{
	struct hms_monitor *mon = container_of(work, struct hms_monitor, work);
	u8 old = mon->state.level;
	s64 value = 0;
	int err;

	err = read_sample(mon, &value);
	WRITE_ONCE(mon->value, value);
	if (!hms_threshold_feed(&mon->state, &mon->spec.threshold, err, value))
		return;

	if (mon->spec.codes[old])
		hms_table_clear(hms_table, mon->spec.codes[old]);
	if (mon->spec.codes[mon->state.level])
		hms_table_raise(hms_table, mon->spec.codes[mon->state.level], value,
				mon->spec.name);
}

static enum hrtimer_restart tick(struct hrtimer *timer)
{
	struct hms_monitor *mon = container_of(timer, struct hms_monitor, timer);

	/* A read still running makes this tick a no-op: samples never queue up. */
	queue_work(system_unbound_wq, &mon->work);
	hrtimer_forward_now(timer, ms_to_ktime(mon->spec.period_ms));
	return HRTIMER_RESTART;
}

static struct hms_monitor *find(const char *name)
{
	struct hms_monitor *mon;

	list_for_each_entry(mon, &monitors, node) {
		if (!strcmp(mon->spec.name, name))
			return mon;
	}
	return NULL;
}

int hms_monitor_add(const struct hms_monitor_spec *spec, const char **why)
{
	struct hms_monitor *mon;
	int err;

	if (hms_monitor_spec_check(spec, why))
		return -EINVAL;

	mon = kzalloc(sizeof(*mon), GFP_KERNEL);
	if (!mon)
		return -ENOMEM;
	mon->spec = *spec;
	mon->zone = thermal_zone_get_zone_by_name(spec->source);
	if (IS_ERR(mon->zone)) {
		err = PTR_ERR(mon->zone);
		*why = "source: no single thermal zone of that type";
		goto free;
	}
	INIT_WORK(&mon->work, sample);
	hrtimer_init(&mon->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	mon->timer.function = tick;

	mutex_lock(&monitors_lock);
	if (closing || find(spec->name)) {
		err = closing ? -ESHUTDOWN : -EEXIST;
		*why = closing ? "hms is unloading" : "name: a monitor of that name exists";
		mutex_unlock(&monitors_lock);
		goto free;
	}
	list_add_tail(&mon->node, &monitors);
	hrtimer_start(&mon->timer, 0, HRTIMER_MODE_REL);
	mutex_unlock(&monitors_lock);
	return 0;
free:
	kfree(mon);
	return err;
}

/* Stops @mon and clears what it raised; it is off the list already. */
static void destroy(struct hms_monitor *mon)
{
	u64 code;

	hrtimer_cancel(&mon->timer);
	cancel_work_sync(&mon->work);
	code = mon->spec.codes[mon->state.level];
	if (code)
		hms_table_clear(hms_table, code);
	kfree(mon);
}

int hms_monitor_del(const char *name)
{
	struct hms_monitor *mon;

	mutex_lock(&monitors_lock);
	mon = find(name);
	if (mon)
		list_del(&mon->node);
	mutex_unlock(&monitors_lock);
	if (!mon)
		return -ENOENT;
	destroy(mon);
	return 0;
}

int hms_monitor_dump(unsigned long *cursor,
		     int (*fill)(const struct hms_monitor_status *status, void *ctx), void *ctx)
{
	struct hms_monitor_status status;
	struct hms_monitor *mon;
	unsigned long pos = 0;
	int err = 0;

	mutex_lock(&monitors_lock);
	list_for_each_entry(mon, &monitors, node) {
		if (pos++ < *cursor)
			continue;
		status.spec = mon->spec;
		status.value = READ_ONCE(mon->value);
		status.level = READ_ONCE(mon->state.level);
		err = fill(&status, ctx);
		if (err)
			break;
		(*cursor)++;
	}
	mutex_unlock(&monitors_lock);
	return err;
}

void hms_monitors_init(struct hms_table *table)
{
	hms_table = table;
}

void hms_monitors_exit(void)
{
	struct hms_monitor *mon, *tmp;
	LIST_HEAD(doomed);

	mutex_lock(&monitors_lock);
	closing = true;
	list_splice_init(&monitors, &doomed);
	mutex_unlock(&monitors_lock);
	list_for_each_entry_safe(mon, tmp, &doomed, node)
		destroy(mon);
}
