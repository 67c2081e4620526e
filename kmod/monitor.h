/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Monitors: detectors in the kernel that watch a source and raise and
 * clear codes in the central table.
 */
#ifndef _HMS_MONITOR_H
#define _HMS_MONITOR_H

#include <linux/hms.h>
#include "table.h"
#include "threshold.h"

/* What a monitor is asked to do, as read from netlink or firmware. */
struct hms_monitor_spec {
	char name[HMS_MON_NAME_LEN];
	u8 kind;			/* enum hms_monitor_kind */
	char source[HMS_MON_NAME_LEN];
	u32 period_ms;
	struct hms_threshold_config threshold;
	u64 codes[HMS_LEVEL_FAULT + 1];	/* by level; 0: none */
};

/* What a dump shows of a monitor. */
struct hms_monitor_status {
	struct hms_monitor_spec spec;
	s64 value;
	u8 level;
};

/* A spec with nothing set: no thresholds, any value valid. */
void hms_monitor_spec_init(struct hms_monitor_spec *spec);

/*
 * Checks @spec; on a problem returns the attribute at fault (an enum
 * hms_attr) and sets *@why to a static message.
 */
int hms_monitor_spec_check(const struct hms_monitor_spec *spec, const char **why);

void hms_monitors_init(struct hms_table *table);
void hms_monitors_exit(void);

/* Both return 0 or a negative errno; on failure *@why says why. */
int hms_monitor_add(const struct hms_monitor_spec *spec, const char **why);
int hms_monitor_del(const char *name);

int hms_monitor_dump(unsigned long *cursor,
		     int (*fill)(const struct hms_monitor_status *status, void *ctx), void *ctx);

#endif /* _HMS_MONITOR_H */
