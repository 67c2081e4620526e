// SPDX-License-Identifier: GPL-2.0
/*
 * Monitors described by firmware, read only through the fwnode property
 * API, so that one parser serves device tree, ACPI and software nodes.
 */

#include <linux/property.h>
#include <linux/stddef.h>
#include <linux/string.h>

#include "fwnode.h"

enum prop_type { PROP_U32, PROP_S32, PROP_U64, PROP_BOOL };

static const struct {
	const char *name;
	enum prop_type type;
	size_t offset;
	const char *why;	/* when it is there but not of its type */
} props[] = {
	{ "hms,period-ms", PROP_U32, offsetof(struct hms_monitor_spec, period_ms),
	  "hms,period-ms: not a 32-bit cell" },
	{ "hms,low", PROP_S32, offsetof(struct hms_monitor_spec, threshold.low),
	  "hms,low: not a 32-bit cell" },
	{ "hms,high", PROP_S32, offsetof(struct hms_monitor_spec, threshold.high),
	  "hms,high: not a 32-bit cell" },
	{ "hms,hysteresis", PROP_S32, offsetof(struct hms_monitor_spec, threshold.hysteresis),
	  "hms,hysteresis: not a 32-bit cell" },
	{ "hms,valid-min", PROP_S32, offsetof(struct hms_monitor_spec, threshold.valid_min),
	  "hms,valid-min: not a 32-bit cell" },
	{ "hms,valid-max", PROP_S32, offsetof(struct hms_monitor_spec, threshold.valid_max),
	  "hms,valid-max: not a 32-bit cell" },
	{ "hms,debounce-samples", PROP_U32, offsetof(struct hms_monitor_spec, threshold.debounce),
	  "hms,debounce-samples: not a 32-bit cell" },
	{ "hms,line", PROP_U32, offsetof(struct hms_monitor_spec, line),
	  "hms,line: not a 32-bit cell" },
	{ "hms,active-low", PROP_BOOL, offsetof(struct hms_monitor_spec, active_low), NULL },
	{ "hms,debounce-ms", PROP_U32, offsetof(struct hms_monitor_spec, debounce_ms),
	  "hms,debounce-ms: not a 32-bit cell" },
	{ "hms,chatter-count", PROP_U32, offsetof(struct hms_monitor_spec, chatter_count),
	  "hms,chatter-count: not a 32-bit cell" },
	{ "hms,chatter-ms", PROP_U32, offsetof(struct hms_monitor_spec, chatter_ms),
	  "hms,chatter-ms: not a 32-bit cell" },
	{ "hms,low-code", PROP_U64, offsetof(struct hms_monitor_spec, codes[HMS_LEVEL_LOW]),
	  "hms,low-code: not a 64-bit value" },
	{ "hms,high-code", PROP_U64, offsetof(struct hms_monitor_spec, codes[HMS_LEVEL_HIGH]),
	  "hms,high-code: not a 64-bit value" },
	{ "hms,fault-code", PROP_U64, offsetof(struct hms_monitor_spec, codes[HMS_LEVEL_FAULT]),
	  "hms,fault-code: not a 64-bit value" },
	{ "hms,pulses-per-rev", PROP_U32, offsetof(struct hms_monitor_spec, pulses_per_rev),
	  "hms,pulses-per-rev: not a 32-bit cell" },
	{ "hms,min-rpm", PROP_U32, offsetof(struct hms_monitor_spec, fan.min_rpm),
	  "hms,min-rpm: not a 32-bit cell" },
	{ "hms,hold-ms", PROP_U32, offsetof(struct hms_monitor_spec, fan.hold_ms),
	  "hms,hold-ms: not a 32-bit cell" },
	{ "hms,spin-up-ms", PROP_U32, offsetof(struct hms_monitor_spec, fan.spinup_ms),
	  "hms,spin-up-ms: not a 32-bit cell" },
};

static const char *const kind_names[] = {
	[HMS_MONITOR_THERMAL] = "thermal",
	[HMS_MONITOR_GPIO] = "gpio",
	[HMS_MONITOR_IIO] = "iio",
	[HMS_MONITOR_TACH] = "tach",
};

static int read_prop(struct fwnode_handle *node, unsigned int i, struct hms_monitor_spec *spec)
{
	void *field = (char *)spec + props[i].offset;
	u32 cell;
	int err;

	switch (props[i].type) {
	case PROP_BOOL:
		*(bool *)field = true;
		return 0;
	case PROP_U64:
		return fwnode_property_read_u64(node, props[i].name, field);
	default:
		err = fwnode_property_read_u32(node, props[i].name, &cell);
		if (err)
			return err;
		if (props[i].type == PROP_S32)
			*(s64 *)field = (s32)cell;
		else
			*(u32 *)field = cell;
		return 0;
	}
}

static int read_string(struct fwnode_handle *node, const char *prop, char *buf, size_t len,
		       const char *why_bad, const char **why)
{
	const char *value = NULL;

	if (!fwnode_property_present(node, prop))
		return 0;
	/* Software nodes report success, with no string, for a property of cells. */
	if (fwnode_property_read_string(node, prop, &value) || !value ||
	    strscpy(buf, value, len) < 0) {
		*why = why_bad;
		return -EINVAL;
	}
	return 0;
}

int hms_monitor_spec_from_fwnode(struct fwnode_handle *node, struct hms_monitor_spec *spec,
				 const char **why)
{
	char kind[16] = "";
	unsigned int i;

	hms_monitor_spec_init(spec);
	strscpy(spec->name, fwnode_get_name(node) ?: "", sizeof(spec->name));
	if (read_string(node, "label", spec->name, sizeof(spec->name),
			"label: not a string of at most 31 characters", why) ||
	    read_string(node, "hms,source", spec->source, sizeof(spec->source),
			"hms,source: not a string of at most 31 characters", why) ||
	    read_string(node, "hms,kind", kind, sizeof(kind),
			"hms,kind: not a string", why))
		return -EINVAL;

	for (i = 1; i < ARRAY_SIZE(kind_names); i++) {
		if (!strcmp(kind, kind_names[i]))
			spec->kind = i;
	}
	if (!spec->kind) {
		*why = "hms,kind: must be \"thermal\", \"gpio\", \"iio\" or \"tach\"";
		return -EINVAL;
	}

	for (i = 0; i < ARRAY_SIZE(props); i++) {
		if (fwnode_property_present(node, props[i].name) && read_prop(node, i, spec)) {
			*why = props[i].why;
			return -EINVAL;
		}
	}
	/* The one code of a GPIO line (asserted) or a fan (too slow). */
	if (fwnode_property_present(node, "hms,code") &&
	    fwnode_property_read_u64(node, "hms,code",
				     &spec->codes[hms_monitor_code_level(spec->kind)])) {
		*why = "hms,code: not a 64-bit value";
		return -EINVAL;
	}
	/* A fan that is not always on waits for whatever commands it. */
	if (fwnode_property_read_bool(node, "hms,start-disarmed"))
		spec->armed = false;
	/* A line given by phandle, as firmware does, rather than by chip label. */
	if ((spec->kind == HMS_MONITOR_GPIO || spec->kind == HMS_MONITOR_TACH) &&
	    fwnode_property_present(node, "gpios")) {
		spec->fwnode = node;
		if (!spec->source[0])
			strscpy(spec->source, "gpios", sizeof(spec->source));
	}
	return hms_monitor_spec_check(spec, why) ? -EINVAL : 0;
}
