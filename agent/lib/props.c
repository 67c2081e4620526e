// SPDX-License-Identifier: GPL-2.0
/*
 * The table of monitor properties (props.h), and what each type of
 * property is in a monitors file, in hmsctl's output and on netlink.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "error.h"
#include "props.h"

#define ALWAYS	false
#define IF_SET	true
#define PROP(_key, _ATTR, _type, _kinds, _shown) {					\
	.key = #_key, .attr_name = #_ATTR, .attr = HMS_A_MON_##_ATTR,			\
	.type = HMS_PROP_##_type, .kinds = (_kinds), .if_set = (_shown),		\
}

/* In the order hmsctl prints them. */
const struct hms_prop hms_props[] = {
	/*   key		attribute		type	kinds				shown */
	PROP(period_ms,		PERIOD_MS,		U32,	HMS_K_SAMPLED | HMS_K_TACH,	ALWAYS),
	PROP(debounce_samples,	DEBOUNCE_SAMPLES,	U32,	HMS_K_SAMPLED,			ALWAYS),
	PROP(low,		LOW,			S64,	HMS_K_SAMPLED,			IF_SET),
	PROP(high,		HIGH,			S64,	HMS_K_SAMPLED,			IF_SET),
	PROP(hysteresis,	HYSTERESIS,		S64,	HMS_K_SAMPLED,			IF_SET),
	PROP(valid_min,		VALID_MIN,		S64,	HMS_K_SAMPLED,			IF_SET),
	PROP(valid_max,		VALID_MAX,		S64,	HMS_K_SAMPLED,			IF_SET),
	PROP(low_code,		LOW_CODE,		CODE,	HMS_K_SAMPLED,			IF_SET),
	PROP(high_code,		HIGH_CODE,		CODE,	HMS_K_SAMPLED,			IF_SET),
	PROP(fault_code,	FAULT_CODE,		CODE,	HMS_K_ALL,			IF_SET),
	PROP(line,		LINE,			U32,	HMS_K_GPIO | HMS_K_TACH,	ALWAYS),
	PROP(active_low,	ACTIVE_LOW,		FLAG,	HMS_K_GPIO,			ALWAYS),
	PROP(debounce_ms,	DEBOUNCE_MS,		U32,	HMS_K_GPIO,			ALWAYS),
	PROP(code,		CODE,			CODE,	HMS_K_GPIO | HMS_K_TACH,	IF_SET),
	PROP(chatter_count,	CHATTER_COUNT,		U32,	HMS_K_GPIO,			ALWAYS),
	PROP(chatter_ms,	CHATTER_MS,		U32,	HMS_K_GPIO,			ALWAYS),
	PROP(pulses_per_rev,	PULSES_PER_REV,		U32,	HMS_K_TACH,			ALWAYS),
	PROP(min_rpm,		MIN_RPM,		U32,	HMS_K_TACH,			ALWAYS),
	PROP(hold_ms,		HOLD_MS,		U32,	HMS_K_TACH,			ALWAYS),
	PROP(spin_up_ms,	SPIN_UP_MS,		U32,	HMS_K_TACH,			ALWAYS),
	PROP(armed,		ARMED,			ARMED,	HMS_K_TACH,			ALWAYS),
};
const size_t hms_n_props = G_N_ELEMENTS(hms_props);
_Static_assert(G_N_ELEMENTS(hms_props) <= HMS_PROPS_MAX,
	       "struct hms_monitor_conf has room for every property");

const struct hms_prop *hms_prop_by_key(const char *key)
{
	size_t i;

	for (i = 0; i < hms_n_props; i++) {
		if (!strcmp(hms_props[i].key, key))
			return &hms_props[i];
	}
	return NULL;
}

bool hms_prop_parse(const struct hms_prop *prop, const char *text, int64_t *value,
		    GError **error)
{
	unsigned long long u;
	uint64_t code;
	char *end;

	errno = 0;
	switch (prop->type) {
	case HMS_PROP_CODE:
		if (hms_code_parse(text, &code))
			break;
		*value = (int64_t)code;
		return true;
	case HMS_PROP_FLAG:
	case HMS_PROP_ARMED:
		if (strcmp(text, "0") && strcmp(text, "1"))
			break;
		*value = text[0] == '1';
		return true;
	case HMS_PROP_U32:
		u = strtoull(text, &end, 10);
		if (errno || end == text || *end || u > UINT32_MAX || text[0] == '-')
			break;
		*value = (int64_t)u;
		return true;
	case HMS_PROP_S64:
		*value = strtoll(text, &end, 10);
		if (errno || end == text || *end)
			break;
		return true;
	}
	g_set_error(error, HMS_ERROR, HMS_ERROR_PARSE, "'%s' is not %s", text,
		    prop->type == HMS_PROP_CODE ? "a health code (like HMS_0300_0200_0001_0003)" :
		    prop->type == HMS_PROP_FLAG || prop->type == HMS_PROP_ARMED ? "0 or 1" :
		    "a whole number");
	return false;
}

void hms_prop_format(const struct hms_prop *prop, int64_t value, char buf[HMS_PROP_STRLEN])
{
	if (prop->type == HMS_PROP_CODE)
		hms_code_format((uint64_t)value, buf);
	else
		snprintf(buf, HMS_PROP_STRLEN, "%" PRId64, value);
}

json_object *hms_prop_json(const struct hms_prop *prop, int64_t value)
{
	char code[HMS_CODE_STRLEN];

	switch (prop->type) {
	case HMS_PROP_CODE:
		hms_code_format((uint64_t)value, code);
		return json_object_new_string(code);
	case HMS_PROP_ARMED:
		return json_object_new_boolean(value != 0);
	default:
		return json_object_new_int64(value);
	}
}

int hms_prop_nla_type(const struct hms_prop *prop)
{
	switch (prop->type) {
	case HMS_PROP_U32:
	case HMS_PROP_FLAG:
		return NLA_U32;
	case HMS_PROP_S64:
		return NLA_S64;
	case HMS_PROP_CODE:
		return NLA_U64;
	case HMS_PROP_ARMED:
		return NLA_U8;
	}
	return NLA_UNSPEC;
}

int hms_prop_put(const struct hms_prop *prop, struct nl_msg *msg, int64_t value)
{
	switch (prop->type) {
	case HMS_PROP_U32:
		return nla_put_u32(msg, prop->attr, (uint32_t)value);
	case HMS_PROP_FLAG:
		return nla_put_u32(msg, prop->attr, value != 0);
	case HMS_PROP_S64:
		return nla_put_s64(msg, prop->attr, value);
	case HMS_PROP_CODE:
		return nla_put_u64(msg, prop->attr, (uint64_t)value);
	case HMS_PROP_ARMED:
		return nla_put_u8(msg, prop->attr, value != 0);
	}
	return -NLE_INVAL;
}

int64_t hms_prop_get(const struct hms_prop *prop, const struct nlattr *attr)
{
	/* libnl's getters take no const. */
	struct nlattr *a = (struct nlattr *)attr;

	switch (prop->type) {
	case HMS_PROP_U32:
	case HMS_PROP_FLAG:
		return nla_get_u32(a);
	case HMS_PROP_S64:
		return nla_get_s64(a);
	case HMS_PROP_CODE:
		return (int64_t)nla_get_u64(a);
	case HMS_PROP_ARMED:
		return nla_get_u8(a);
	}
	return 0;
}
