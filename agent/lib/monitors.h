/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Monitor configurations: read from a config file, sent to the kernel,
 * read back from its dumps. The table of properties (props.h) drives all
 * three.
 */
#ifndef HMS_AGENT_MONITORS_H
#define HMS_AGENT_MONITORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>
#include <linux/hms.h>

#include "props.h"

struct hms_monitor_conf {
	char name[HMS_MON_NAME_LEN];
	char source[HMS_MON_NAME_LEN];
	uint8_t kind;
	uint32_t present;		/* bit i: hms_props[i] was given */
	int64_t values[HMS_PROPS_MAX];	/* by hms_props index; codes as their bits */
	int64_t value;			/* from a dump: the last sample */
	uint8_t level;			/* from a dump: enum hms_level */
};

_Static_assert(HMS_PROPS_MAX <= 32, "present has a bit for each property");

const char *hms_monitor_kind_name(unsigned int kind);
const char *hms_level_name(unsigned int level);

/*
 * Whether hmsctl shows hms_props[@i] of @conf, read from a dump: the kernel
 * sent it (it leaves out what is shown only when set), and it configures
 * the monitor's kind.
 */
static inline bool hms_monitor_shows(const struct hms_monitor_conf *conf, size_t i)
{
	return (conf->present & (1U << i)) && hms_prop_configures(&hms_props[i], conf->kind);
}

/*
 * Reads the monitors of a config file (see agent/monitors.example.conf).
 * Returns the number read, or -1 with @error naming the file, the monitor
 * and the property at fault; a group given twice (GKeyFile would merge it)
 * and a name with stray spaces are refused. Free *@out with free().
 */
int hms_monitors_read(const char *path, struct hms_monitor_conf **out, GError **error);

/*
 * Whether the kernel would take @conf, by its rules (kmod/monitor.c,
 * sampled.c, gpio.c, tach.c, threshold.c), in its words: NULL, or why not
 * ("high: a high threshold needs a high code, and a high code a threshold").
 * What it cannot know without the hardware (a source that exists, a name
 * already taken) is not checked. hms_monitors_read() already refused a
 * group given twice, a name with stray spaces and an unknown kind.
 */
const char *hms_monitor_check(const struct hms_monitor_conf *conf);

#endif
