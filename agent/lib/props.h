/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The properties of a monitor, in one table (hms_props[], props.c): each
 * row is a property's key, its netlink attribute, its type, the kinds of
 * monitor it configures, and whether the kernel shows it only when set.
 * The key is the attribute's name lowercased (HMS_A_MON_PERIOD_MS is
 * period_ms), the same in a monitors file and in `hmsctl monitors`.
 *
 * The table drives everything the agent does with properties: the keys a
 * [monitor NAME] group may have (monitors.c), the MONITOR_ADD request, the
 * policy and parser of MONITOR_GET replies (client.c), and what hmsctl
 * prints, in the table's order. The kernel's own list is kmod/prop_list.h;
 * a test keeps the two in step.
 *
 * A new property is a row in props.c and an attribute in the uapi header.
 */
#ifndef HMS_AGENT_PROPS_H
#define HMS_AGENT_PROPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>
#include <json-c/json.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <linux/hms.h>

enum hms_prop_type {
	HMS_PROP_U32,		/* u32 */
	HMS_PROP_S64,		/* s64, in milli-units */
	HMS_PROP_CODE,		/* u64, a health code; in text HMS_0300_0100_0001_0007 */
	HMS_PROP_FLAG,		/* 0 or 1; netlink: u32 */
	HMS_PROP_ARMED,		/* 0 or 1; netlink: u8; JSON: a boolean */
};

/* The kinds a property configures, as a mask. */
#define HMS_K(kind)	(1U << (kind))
#define HMS_K_SAMPLED	(HMS_K(HMS_MONITOR_THERMAL) | HMS_K(HMS_MONITOR_IIO))
#define HMS_K_GPIO	HMS_K(HMS_MONITOR_GPIO)
#define HMS_K_TACH	HMS_K(HMS_MONITOR_TACH)
#define HMS_K_ALL	(HMS_K_SAMPLED | HMS_K_GPIO | HMS_K_TACH)

struct hms_prop {
	const char *key;	/* in monitors files and hmsctl's output */
	const char *attr_name;	/* "PERIOD_MS" for HMS_A_MON_PERIOD_MS */
	uint16_t attr;		/* enum hms_attr */
	uint8_t type;		/* enum hms_prop_type */
	uint8_t kinds;		/* HMS_K() of each kind it configures */
	bool if_set;		/* the kernel leaves it out when unset: an s64
				 * at S64_MIN or S64_MAX (unbounded), a code 0 */
};

/* Room in struct hms_monitor_conf: props.c checks the table fits. */
#define HMS_PROPS_MAX	32

extern const struct hms_prop hms_props[];
extern const size_t hms_n_props;

/* The row of @key, or NULL. */
const struct hms_prop *hms_prop_by_key(const char *key);

static inline bool hms_prop_configures(const struct hms_prop *prop, unsigned int kind)
{
	return kind < 8 && (prop->kinds & HMS_K(kind));
}

/* A value as a monitors file writes it; false with @error saying why not. */
bool hms_prop_parse(const struct hms_prop *prop, const char *text, int64_t *value,
		    GError **error);

/* A value as hmsctl prints it: a code as HMS_..., the others as numbers. */
#define HMS_PROP_STRLEN 24
void hms_prop_format(const struct hms_prop *prop, int64_t value, char buf[HMS_PROP_STRLEN]);
/* The same for JSON: a code as a string, armed as a boolean, others as numbers. */
json_object *hms_prop_json(const struct hms_prop *prop, int64_t value);

/* Netlink: the attribute's policy type, and a value put and got. */
int hms_prop_nla_type(const struct hms_prop *prop);
int hms_prop_put(const struct hms_prop *prop, struct nl_msg *msg, int64_t value);
int64_t hms_prop_get(const struct hms_prop *prop, const struct nlattr *attr);

#endif
