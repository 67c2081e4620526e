// SPDX-License-Identifier: GPL-2.0
/*
 * The registry of monitors: adding, removing and listing them, and what
 * all kinds share: checking a spec and announcing a level.
 */

#include <linux/device.h>
#include <linux/limits.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "monitor.h"

static DEFINE_MUTEX(monitors_lock);
static LIST_HEAD(monitors);
static bool closing;		/* the module is going: no new monitors */
static struct hms_table *hms_table;
static struct device *hms_device;

static const struct hms_monitor_ops *const kinds[] = {
	[HMS_MONITOR_THERMAL] = &hms_sampled_ops,
	[HMS_MONITOR_GPIO] = &hms_gpio_ops,
	[HMS_MONITOR_IIO] = &hms_sampled_ops,
	[HMS_MONITOR_TACH] = &hms_tach_ops,
};

void hms_monitor_spec_init(struct hms_monitor_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	spec->period_ms = HMS_MON_PERIOD_DEFAULT_MS;
	spec->pulses_per_rev = 2;	/* what PC fans give */
	spec->armed = true;
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
	int i;

	if (!spec->name[0]) {
		*why = "name: empty";
		return HMS_A_MON_NAME;
	}
	if (spec->kind >= ARRAY_SIZE(kinds) || !kinds[spec->kind]) {
		*why = "kind: not a monitor kind this kernel knows";
		return HMS_A_MON_KIND;
	}
	if (!spec->source[0] && !spec->fwnode) {
		*why = "source: empty";
		return HMS_A_MON_SOURCE;
	}
	for (i = HMS_LEVEL_LOW; i <= HMS_LEVEL_FAULT; i++) {
		if (spec->codes[i] && !hms_code_valid(spec->codes[i])) {
			*why = "code: severity must be 1 (fatal) to 4 (info)";
			return HMS_A_MON_LOW_CODE + i - HMS_LEVEL_LOW;
		}
	}
	return kinds[spec->kind]->check(spec, why);
}

void hms_monitor_set_level(struct hms_monitor *mon, u8 level, s64 value)
{
	u8 old = mon->level;

	lockdep_assert_held(&mon->lock);
	WRITE_ONCE(mon->level, level);
	if (mon->spec.codes[old])
		hms_table_clear(hms_table, mon->spec.codes[old]);
	if (mon->spec.codes[level])
		hms_table_raise(hms_table, mon->spec.codes[level], value, mon->spec.name);
}

static struct hms_monitor *find(const char *name)
{
	struct hms_monitor *mon;

	lockdep_assert_held(&monitors_lock);
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
	mutex_init(&mon->lock);

	/* The lock is held across start so that no two monitors share a name. */
	mutex_lock(&monitors_lock);
	if (closing || find(spec->name)) {
		err = closing ? -ESHUTDOWN : -EEXIST;
		*why = closing ? "hms is unloading" : "name: a monitor of that name exists";
		goto unlock;
	}
	err = kinds[spec->kind]->start(mon, why);
	mon->spec.fwnode = NULL;	/* the caller's; not kept */
	if (!err)
		list_add_tail(&mon->node, &monitors);
unlock:
	mutex_unlock(&monitors_lock);
	if (err) {
		mutex_destroy(&mon->lock);
		kfree(mon);
	}
	return err;
}

/* Stops @mon and clears what it raised; it is off the list already. */
static void destroy(struct hms_monitor *mon)
{
	kinds[mon->spec.kind]->stop(mon);
	if (mon->spec.codes[mon->level])
		hms_table_clear(hms_table, mon->spec.codes[mon->level]);
	mutex_destroy(&mon->lock);
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

int hms_monitor_arm(const char *name, bool armed, const char **why)
{
	struct hms_monitor *mon;
	int err;

	mutex_lock(&monitors_lock);
	mon = find(name);
	if (!mon) {
		err = -ENOENT;
		*why = "name: no monitor of that name";
	} else if (!kinds[mon->spec.kind]->arm) {
		err = -EOPNOTSUPP;
		*why = "name: only tach monitors are armed and disarmed";
	} else {
		err = kinds[mon->spec.kind]->arm(mon, armed);
	}
	mutex_unlock(&monitors_lock);
	return err;
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
		status.level = READ_ONCE(mon->level);
		/* Arming takes monitors_lock too. */
		if (mon->spec.kind == HMS_MONITOR_TACH)
			status.spec.armed = mon->fan.armed;
		err = fill(&status, ctx);
		if (err)
			break;
		(*cursor)++;
	}
	mutex_unlock(&monitors_lock);
	return err;
}

struct device *hms_monitors_device(void)
{
	return hms_device;
}

int hms_monitors_init(struct hms_table *table)
{
	hms_table = table;
	hms_device = root_device_register("hms");
	return PTR_ERR_OR_ZERO(hms_device);
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
	root_device_unregister(hms_device);
}
