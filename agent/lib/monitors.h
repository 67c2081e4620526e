/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Monitor configurations: read from a config file, sent to the kernel,
 * read back from its dumps. One table of properties drives all three.
 */
#ifndef HMS_AGENT_MONITORS_H
#define HMS_AGENT_MONITORS_H

#include <stddef.h>
#include <stdint.h>
#include <linux/hms.h>

enum hms_prop_type { HMS_PROP_U32, HMS_PROP_S64, HMS_PROP_CODE, HMS_PROP_BOOL };

struct hms_prop {
	const char *key;	/* in config files and output */
	int attr;		/* enum hms_attr */
	enum hms_prop_type type;
};

extern const struct hms_prop hms_props[];
extern const size_t hms_n_props;

struct hms_monitor_conf {
	char name[HMS_MON_NAME_LEN];
	char source[HMS_MON_NAME_LEN];
	uint8_t kind;
	uint32_t present;	/* bit i: hms_props[i] was given */
	int64_t values[32];	/* by hms_props index; codes as their bits */
	int64_t value;		/* from a dump: the last sample */
	uint8_t level;		/* from a dump: enum hms_level */
};

const char *hms_monitor_kind_name(unsigned int kind);
const char *hms_level_name(unsigned int level);

/*
 * Reads the monitors of a config file (see agent/monitors.example.conf).
 * Returns the number read, or -1 with @error naming the file, the monitor
 * and the property at fault. Free *@out with free().
 */
int hms_monitors_read(const char *path, struct hms_monitor_conf **out, char *error, size_t len);

#endif
