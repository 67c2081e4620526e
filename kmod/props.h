/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The properties of a monitor, in one list (prop_list.h): each with its
 * netlink attribute, its type, the kinds it configures, its firmware
 * property and the place it lands in struct hms_monitor_spec. netlink.c
 * builds its policy, its parser and its dump writer from it, fwnode.c its
 * parser, through the table hms_props[].
 *
 * One spelling: HMS_A_MON_FOO_BAR is firmware property "hms,foo-bar" and
 * key foo_bar of a monitors file (agent/lib/props.c is the agent's list),
 * but for armed, which firmware can only turn off: "hms,start-disarmed".
 * A new property is a line in prop_list.h, a field in the spec and an attribute in
 * the uapi header.
 */
#ifndef _HMS_PROPS_H
#define _HMS_PROPS_H

#include <linux/bits.h>
#include <linux/types.h>

#define HMS_K_SAMPLED	(BIT(HMS_MONITOR_THERMAL) | BIT(HMS_MONITOR_IIO))
#define HMS_K_GPIO	BIT(HMS_MONITOR_GPIO)
#define HMS_K_TACH	BIT(HMS_MONITOR_TACH)
#define HMS_K_ALL	(HMS_K_SAMPLED | HMS_K_GPIO | HMS_K_TACH)

enum hms_prop_type {
	HMS_PROP_U32,		/* u32; firmware: a cell */
	HMS_PROP_S64,		/* s64; firmware: a signed cell; S64_MIN, S64_MAX: unbounded */
	HMS_PROP_CODE,		/* u64 health code; 0: none */
	HMS_PROP_KIND_CODE,	/* the code of the kind's one level (codes[], by kind) */
	HMS_PROP_FLAG,		/* bool; netlink: u32 0 or 1; firmware: present or not */
	HMS_PROP_ARMED,		/* bool; netlink: u8 0 or 1; firmware: present is 0 */
};

struct hms_monitor_spec;

struct hms_prop {
	u16 attr;		/* enum hms_attr */
	u8 type;		/* enum hms_prop_type */
	u8 kinds;		/* BIT(enum hms_monitor_kind)s it configures */
	const char *fw_name;
	size_t offset;		/* in struct hms_monitor_spec */
};

extern const struct hms_prop hms_props[];
extern const unsigned int hms_props_count;

#define HMS_PROPS_END	(hms_props + hms_props_count)

/* Where @prop lands in @spec, whose kind is set. */
void *hms_prop_field(const struct hms_prop *prop, const struct hms_monitor_spec *spec);

/*
 * Whether @prop is read for a monitor of @kind: every property is, so that
 * the kind's check refuses what it does not use, but for a kind's one code,
 * which lands where the kind says.
 */
static inline bool hms_prop_applies(const struct hms_prop *prop, u8 kind)
{
	return prop->type != HMS_PROP_KIND_CODE || (prop->kinds & BIT(kind));
}

/* Whether a dump shows @prop of @spec: it configures the kind, and is set. */
bool hms_prop_shown(const struct hms_prop *prop, const struct hms_monitor_spec *spec);

#endif /* _HMS_PROPS_H */
