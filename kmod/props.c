// SPDX-License-Identifier: GPL-2.0
/*
 * The table of monitor properties, made from prop_list.h.
 */

#include <linux/limits.h>
#include <linux/stddef.h>

#include "monitor.h"
#include "props.h"

#define HMS_PROP(_attr, _type, _kinds, _fw_name, _field) {			\
	.attr = HMS_A_MON_##_attr, .type = HMS_PROP_##_type, .kinds = (_kinds),	\
	.fw_name = _fw_name, .offset = offsetof(struct hms_monitor_spec, _field),	\
},

const struct hms_prop hms_props[] = {
#include "prop_list.h"
};

#undef HMS_PROP

const unsigned int hms_props_count = ARRAY_SIZE(hms_props);

void *hms_prop_field(const struct hms_prop *prop, const struct hms_monitor_spec *spec)
{
	if (prop->type == HMS_PROP_KIND_CODE)
		return (void *)&spec->codes[hms_monitor_code_level(spec->kind)];
	return (char *)spec + prop->offset;
}

bool hms_prop_shown(const struct hms_prop *prop, const struct hms_monitor_spec *spec)
{
	const void *field = hms_prop_field(prop, spec);

	if (!(prop->kinds & BIT(spec->kind)))
		return false;
	switch (prop->type) {
	case HMS_PROP_S64:
		return *(const s64 *)field != S64_MIN && *(const s64 *)field != S64_MAX;
	case HMS_PROP_CODE:
	case HMS_PROP_KIND_CODE:
		return *(const u64 *)field;
	default:
		return true;
	}
}
