/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Monitors: detectors in the kernel that watch a source and raise and
 * clear codes in the central table. monitor.c keeps the registry; each
 * kind (sampled.c, gpio.c, tach.c) starts and stops its own watching.
 */
#ifndef _HMS_MONITOR_H
#define _HMS_MONITOR_H

#include <linux/hms.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "fan.h"
#include "table.h"
#include "threshold.h"

/* What a monitor is asked to do, as read from netlink or firmware. */
struct hms_monitor_spec {
	char name[HMS_MON_NAME_LEN];
	u8 kind;			/* enum hms_monitor_kind */
	char source[HMS_MON_NAME_LEN];
	u32 period_ms;			/* sampled kinds */
	struct hms_threshold_config threshold;
	u32 line;			/* gpio and tach */
	bool active_low;
	u32 debounce_ms;		/* gpio */
	u32 chatter_count;
	u32 chatter_ms;
	u32 pulses_per_rev;		/* tach */
	struct hms_fan_config fan;
	bool armed;			/* at start */
	u64 codes[HMS_LEVEL_FAULT + 1];	/* by level; 0: none */
	struct fwnode_handle *fwnode;	/* has "gpios"; only while starting */
};

/* What a dump shows of a monitor; spec.armed is whether it is armed now. */
struct hms_monitor_status {
	struct hms_monitor_spec spec;
	s64 value;
	u8 level;
};

struct fwnode_handle;
struct gpio_desc;
struct hms_period_group;
struct iio_channel;

struct hms_monitor {
	struct list_head node;
	struct hms_monitor_spec spec;
	struct mutex lock;		/* guards level, and a fan's state */
	u8 level;			/* the level announced */
	s64 value;			/* the last value seen */
	union {
		struct {		/* sampled */
			struct thermal_zone_device *zone;
			struct iio_channel *channel;
			/* sampled with the others of its period */
			struct hms_period_group *group;
			struct list_head group_node;	/* under group->lock */
			struct hms_threshold state;
		};
		struct {		/* gpio and tach: a line by interrupt */
			struct gpio_desc *desc;
			int irq;
			/* gpio: settles the line; tach: measures the speed */
			struct delayed_work line_work;
			union {
				struct {	/* gpio */
					u32 settle_ms;	/* 0 where the controller debounces */
					/* times the settling; queues line_work */
					struct hrtimer settle_timer;
					spinlock_t edges_lock;	/* guards the three below */
					ktime_t window_start;
					u32 edges;
					ktime_t last_edge;
				};
				struct {	/* tach */
					spinlock_t pulses_lock;	/* guards the three below */
					u32 pulses;
					ktime_t first_pulse;
					ktime_t last_pulse;
					ktime_t prev_pulse;	/* last of the window before */
					struct hms_fan fan;	/* under lock */
				};
			};
		};
	};
};

struct hms_monitor_ops {
	int (*check)(const struct hms_monitor_spec *spec, const char **why);
	int (*start)(struct hms_monitor *mon, const char **why);
	void (*stop)(struct hms_monitor *mon);
	int (*arm)(struct hms_monitor *mon, bool armed);	/* tach only */
};

extern const struct hms_monitor_ops hms_sampled_ops;
extern const struct hms_monitor_ops hms_gpio_ops;
extern const struct hms_monitor_ops hms_tach_ops;

/*
 * For gpio and tach: requests the monitor's line and its interrupt, with
 * @handler called on the @trigger edges, and sets up mon->line_work to run
 * @work_fn. 0, or a negative errno and *@why.
 */
int hms_monitor_request_line(struct hms_monitor *mon, irq_handler_t handler,
			     unsigned long trigger, work_func_t work_fn, const char **why);

/* Stops what hms_monitor_request_line() started: the kinds' stop. */
void hms_monitor_release_line(struct hms_monitor *mon);

/* The level at which a kind raises its one code (HMS_A_MON_CODE, "hms,code"). */
static inline u8 hms_monitor_code_level(u8 kind)
{
	return kind == HMS_MONITOR_TACH ? HMS_LEVEL_LOW : HMS_LEVEL_HIGH;
}

/* A spec with nothing set: no thresholds, any value valid, the default period. */
void hms_monitor_spec_init(struct hms_monitor_spec *spec);

/*
 * Checks @spec; on a problem returns the attribute at fault (an enum
 * hms_attr) and sets *@why to a static message.
 */
int hms_monitor_spec_check(const struct hms_monitor_spec *spec, const char **why);

/* For the kinds: announces a new level, clearing the old level's code. Under mon->lock. */
void hms_monitor_set_level(struct hms_monitor *mon, u8 level, s64 value);

int hms_monitors_init(struct hms_table *table);
void hms_monitors_exit(void);

/* The device GPIO lines are requested for. */
struct device *hms_monitors_device(void);

/* Both return 0 or a negative errno; on failure *@why says why. */
int hms_monitor_add(const struct hms_monitor_spec *spec, const char **why);
int hms_monitor_del(const char *name);
int hms_monitor_arm(const char *name, bool armed, const char **why);

int hms_monitor_dump(unsigned long *cursor,
		     int (*fill)(const struct hms_monitor_status *status, void *ctx), void *ctx);

#endif /* _HMS_MONITOR_H */
