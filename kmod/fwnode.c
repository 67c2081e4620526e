// SPDX-License-Identifier: GPL-2.0
/*
 * Monitors described by firmware, read only through the fwnode property
 * API, so that one parser serves device tree, ACPI and software nodes.
 * The properties come from the table in props.c.
 */

#include <linux/property.h>
#include <linux/stddef.h>
#include <linux/string.h>

#include "fwnode.h"
#include "props.h"

static const char *const kind_names[] = {
	[HMS_MONITOR_THERMAL] = "thermal",
	[HMS_MONITOR_GPIO] = "gpio",
	[HMS_MONITOR_IIO] = "iio",
	[HMS_MONITOR_TACH] = "tach",
};

static int read_prop(struct fwnode_handle *node, const struct hms_prop *prop,
		     struct hms_monitor_spec *spec)
{
	void *field = hms_prop_field(prop, spec);
	u32 cell;
	int err;

	switch (prop->type) {
	case HMS_PROP_FLAG:
		*(bool *)field = true;
		return 0;
	case HMS_PROP_ARMED:
		*(bool *)field = false;		/* hms,start-disarmed */
		return 0;
	case HMS_PROP_CODE:
	case HMS_PROP_KIND_CODE:
		return fwnode_property_read_u64(node, prop->fw_name, field);
	case HMS_PROP_U32:
		return fwnode_property_read_u32(node, prop->fw_name, field);
	case HMS_PROP_S64:
		err = fwnode_property_read_u32(node, prop->fw_name, &cell);
		if (!err)
			*(s64 *)field = (s32)cell;
		return err;
	}
	return -EINVAL;
}

static int read_string(struct fwnode_handle *node, const char *prop, char *buf, size_t len,
		       const char **why)
{
	const char *value = NULL;

	if (!fwnode_property_present(node, prop))
		return 0;
	/* Software nodes report success, with no string, for a property of cells. */
	if (fwnode_property_read_string(node, prop, &value) || !value ||
	    strscpy(buf, value, len) < 0) {
		*why = "not a string of at most 31 characters";
		return -EINVAL;
	}
	return 0;
}

int hms_monitor_spec_from_fwnode(struct fwnode_handle *node, struct hms_monitor_spec *spec,
				 const char **prop_at_fault, const char **why)
{
	const struct hms_prop *prop;
	char kind[HMS_MON_NAME_LEN] = "";
	unsigned int i;

	hms_monitor_spec_init(spec);
	strscpy(spec->name, fwnode_get_name(node) ?: "", sizeof(spec->name));
	*prop_at_fault = "label";
	if (read_string(node, "label", spec->name, sizeof(spec->name), why))
		return -EINVAL;
	*prop_at_fault = "hms,source";
	if (read_string(node, "hms,source", spec->source, sizeof(spec->source), why))
		return -EINVAL;
	*prop_at_fault = "hms,kind";
	if (read_string(node, "hms,kind", kind, sizeof(kind), why))
		return -EINVAL;

	for (i = 1; i < ARRAY_SIZE(kind_names); i++) {
		if (!strcmp(kind, kind_names[i]))
			spec->kind = i;
	}
	if (!spec->kind) {
		*why = "must be \"thermal\", \"gpio\", \"iio\" or \"tach\"";
		return -EINVAL;
	}

	for (prop = hms_props; prop < HMS_PROPS_END; prop++) {
		if (hms_prop_applies(prop, spec->kind) &&
		    fwnode_property_present(node, prop->fw_name) && read_prop(node, prop, spec)) {
			*prop_at_fault = prop->fw_name;
			*why = prop->type == HMS_PROP_S64 || prop->type == HMS_PROP_U32 ?
			       "not a 32-bit cell" : "not a 64-bit value";
			return -EINVAL;
		}
	}
	/* The spec's check names the property in its own words. */
	*prop_at_fault = NULL;
	/* A line given by phandle, as firmware does, rather than by chip label. */
	if ((spec->kind == HMS_MONITOR_GPIO || spec->kind == HMS_MONITOR_TACH) &&
	    fwnode_property_present(node, "gpios")) {
		spec->fwnode = node;
		if (!spec->source[0])
			strscpy(spec->source, "gpios", sizeof(spec->source));
	}
	return hms_monitor_spec_check(spec, why) ? -EINVAL : 0;
}
