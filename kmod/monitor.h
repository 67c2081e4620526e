/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Monitors: detectors in the kernel that watch a source and raise and
 * clear codes in the central table. monitor.c keeps the registry; each
 * kind (sampled.c, gpio.c) starts and stops its own watching.
 */
#ifndef _HMS_MONITOR_H
#define _HMS_MONITOR_H

#include <linux/hms.h>
#include <linux/hrtimer.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "table.h"
#include "threshold.h"

/* What a monitor is asked to do, as read from netlink or firmware. */
struct hms_monitor_spec {
	char name[HMS_MON_NAME_LEN];
	u8 kind;			/* enum hms_monitor_kind */
	char source[HMS_MON_NAME_LEN];
	u32 period_ms;			/* sampled kinds */
	struct hms_threshold_config threshold;
	u32 line;			/* gpio */
	bool active_low;
	u32 debounce_ms;
	u32 chatter_count;
	u32 chatter_ms;
	u64 codes[HMS_LEVEL_FAULT + 1];	/* by level; 0: none */
	struct fwnode_handle *fwnode;	/* gpio: has "gpios"; only while starting */
};

/* What a dump shows of a monitor. */
struct hms_monitor_status {
	struct hms_monitor_spec spec;
	s64 value;
	u8 level;
};

struct fwnode_handle;
struct gpio_desc;
struct iio_channel;

struct hms_monitor {
	struct list_head node;
	struct hms_monitor_spec spec;
	u8 level;			/* the level announced */
	s64 value;			/* the last value seen */
	union {
		struct {		/* sampled */
			struct thermal_zone_device *zone;
			struct iio_channel *channel;
			struct hrtimer timer;
			struct work_struct work;
			struct hms_threshold state;
		};
		struct {		/* gpio */
			struct gpio_desc *desc;
			int irq;
			u32 settle_ms;	/* 0 where the controller debounces */
			struct delayed_work settle;
			spinlock_t edges_lock;	/* guards the three below */
			ktime_t window_start;
			u32 edges;
			ktime_t last_edge;
		};
	};
};

struct hms_monitor_ops {
	int (*check)(const struct hms_monitor_spec *spec, const char **why);
	int (*start)(struct hms_monitor *mon, const char **why);
	void (*stop)(struct hms_monitor *mon);
};

extern const struct hms_monitor_ops hms_sampled_ops;
extern const struct hms_monitor_ops hms_gpio_ops;

#define HMS_MON_DEFAULT_PERIOD_MS	1000

/* A spec with nothing set: no thresholds, any value valid, the default period. */
void hms_monitor_spec_init(struct hms_monitor_spec *spec);

/*
 * Checks @spec; on a problem returns the attribute at fault (an enum
 * hms_attr) and sets *@why to a static message.
 */
int hms_monitor_spec_check(const struct hms_monitor_spec *spec, const char **why);

/* For the kinds: announces a new level, clearing the old level's code. */
void hms_monitor_set_level(struct hms_monitor *mon, u8 level, s64 value);

int hms_monitors_init(struct hms_table *table);
void hms_monitors_exit(void);

/* The device GPIO lines are requested for. */
struct device *hms_monitors_device(void);

/* Both return 0 or a negative errno; on failure *@why says why. */
int hms_monitor_add(const struct hms_monitor_spec *spec, const char **why);
int hms_monitor_del(const char *name);

int hms_monitor_dump(unsigned long *cursor,
		     int (*fill)(const struct hms_monitor_status *status, void *ctx), void *ctx);

#endif /* _HMS_MONITOR_H */
