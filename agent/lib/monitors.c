// SPDX-License-Identifier: GPL-2.0
/* Monitor configuration files, read with GLib's GKeyFile. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "code.h"
#include "monitors.h"

const struct hms_prop hms_props[] = {
	{ "period_ms",	HMS_A_MON_PERIOD_MS,	HMS_PROP_U32 },
	{ "debounce_samples",HMS_A_MON_DEBOUNCE_SAMPLES,	HMS_PROP_U32 },
	{ "low",	HMS_A_MON_LOW,		HMS_PROP_S64 },
	{ "high",	HMS_A_MON_HIGH,		HMS_PROP_S64 },
	{ "hysteresis",	HMS_A_MON_HYSTERESIS,	HMS_PROP_S64 },
	{ "valid_min",	HMS_A_MON_VALID_MIN,	HMS_PROP_S64 },
	{ "valid_max",	HMS_A_MON_VALID_MAX,	HMS_PROP_S64 },
	{ "low_code",	HMS_A_MON_LOW_CODE,	HMS_PROP_CODE },
	{ "high_code",	HMS_A_MON_HIGH_CODE,	HMS_PROP_CODE },
	{ "fault_code",	HMS_A_MON_FAULT_CODE,	HMS_PROP_CODE },
	{ "line",	HMS_A_MON_LINE,		HMS_PROP_U32 },
	{ "active_low",	HMS_A_MON_ACTIVE_LOW,	HMS_PROP_U32 },
	{ "debounce_ms", HMS_A_MON_DEBOUNCE_MS,	HMS_PROP_U32 },
	{ "code",	HMS_A_MON_CODE,		HMS_PROP_CODE },
	{ "chatter_count", HMS_A_MON_CHATTER_COUNT, HMS_PROP_U32 },
	{ "chatter_ms",	HMS_A_MON_CHATTER_MS,	HMS_PROP_U32 },
	{ "pulses_per_rev", HMS_A_MON_PULSES_PER_REV, HMS_PROP_U32 },
	{ "min_rpm",	HMS_A_MON_MIN_RPM,	HMS_PROP_U32 },
	{ "hold_ms",	HMS_A_MON_HOLD_MS,	HMS_PROP_U32 },
	{ "spin_up_ms",HMS_A_MON_SPIN_UP_MS,	HMS_PROP_U32 },
	{ "armed",	HMS_A_MON_ARMED,	HMS_PROP_BOOL },
};
const size_t hms_n_props = sizeof(hms_props) / sizeof(hms_props[0]);
_Static_assert(sizeof(hms_props) / sizeof(hms_props[0]) <=
	       sizeof(((struct hms_monitor_conf *)0)->values) / sizeof(int64_t),
	       "struct hms_monitor_conf has room for every property");

static const char *const kind_names[] = {
	[HMS_MONITOR_THERMAL] = "thermal",
	[HMS_MONITOR_GPIO] = "gpio",
	[HMS_MONITOR_IIO] = "iio",
	[HMS_MONITOR_TACH] = "tach",
};

static const char *const level_names[] = {
	[HMS_LEVEL_NORMAL] = "normal",
	[HMS_LEVEL_LOW] = "low",
	[HMS_LEVEL_HIGH] = "high",
	[HMS_LEVEL_FAULT] = "fault",
};

const char *hms_monitor_kind_name(unsigned int kind)
{
	if (kind < sizeof(kind_names) / sizeof(kind_names[0]) && kind_names[kind])
		return kind_names[kind];
	return "unknown";
}

const char *hms_level_name(unsigned int level)
{
	if (level < sizeof(level_names) / sizeof(level_names[0]))
		return level_names[level];
	return "unknown";
}

#define GROUP_PREFIX "monitor "

static int fail(char *error, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(error, len, fmt, ap);
	va_end(ap);
	return -1;
}

static int parse_number(const char *text, const struct hms_prop *prop, int64_t *out)
{
	uint64_t code;
	char *end;

	errno = 0;
	if (prop->type == HMS_PROP_CODE) {
		if (hms_code_parse(text, &code))
			return -1;
		*out = (int64_t)code;
		return 0;
	}
	if (prop->type == HMS_PROP_BOOL) {
		if (strcmp(text, "0") && strcmp(text, "1"))
			return -1;
		*out = text[0] == '1';
		return 0;
	}
	if (prop->type == HMS_PROP_U32) {
		unsigned long long v = strtoull(text, &end, 10);

		if (errno || end == text || *end || v > UINT32_MAX || text[0] == '-')
			return -1;
		*out = (int64_t)v;
		return 0;
	}
	*out = strtoll(text, &end, 10);
	return errno || end == text || *end ? -1 : 0;
}

/* One [monitor NAME] group. */
static int read_group(GKeyFile *file, const char *path, const char *group,
		      struct hms_monitor_conf *conf, char *error, size_t len)
{
	const char *name = group + strlen(GROUP_PREFIX);
	gchar **keys;
	int ret = 0;
	size_t i, k;

	memset(conf, 0, sizeof(*conf));
	if (!*name || strlen(name) >= sizeof(conf->name))
		return fail(error, len, "%s: [%s]: the name must be 1 to %d characters", path,
			    group, HMS_MON_NAME_LEN - 1);
	strcpy(conf->name, name);

	keys = g_key_file_get_keys(file, group, NULL, NULL);

	for (k = 0; keys && keys[k] && !ret; k++) {
		g_autofree gchar *text = g_key_file_get_string(file, group, keys[k], NULL);

		if (!text)
			continue;
		g_strstrip(text);
		if (!strcmp(keys[k], "kind")) {
			for (i = 1; i <= HMS_MONITOR_MAX; i++) {
				if (!strcmp(text, hms_monitor_kind_name(i)))
					conf->kind = i;
			}
			if (!conf->kind)
				ret = fail(error, len, "%s: [%s] kind: '%s' is not a monitor kind "
					   "(thermal, gpio, iio, tach)", path, group, text);
			continue;
		}
		if (!strcmp(keys[k], "source")) {
			if (!*text || strlen(text) >= sizeof(conf->source))
				ret = fail(error, len, "%s: [%s] source: must be 1 to %d characters",
					   path, group, HMS_MON_NAME_LEN - 1);
			else
				strcpy(conf->source, text);
			continue;
		}
		for (i = 0; i < hms_n_props && strcmp(keys[k], hms_props[i].key); i++)
			;
		if (i == hms_n_props)
			ret = fail(error, len, "%s: [%s] %s: no such property", path, group, keys[k]);
		else if (parse_number(text, &hms_props[i], &conf->values[i]))
			ret = fail(error, len, "%s: [%s] %s: '%s' is not %s", path, group, keys[k],
				   text, hms_props[i].type == HMS_PROP_CODE ?
				   "a health code (like HMS_0300_0200_0001_0003)" :
				   hms_props[i].type == HMS_PROP_BOOL ? "0 or 1" : "a whole number");
		else
			conf->present |= 1U << i;
	}
	g_strfreev(keys);
	if (!ret && !conf->kind)
		ret = fail(error, len, "%s: [%s] kind: missing", path, group);
	if (!ret && !conf->source[0])
		ret = fail(error, len, "%s: [%s] source: missing", path, group);
	return ret;
}

int hms_monitors_read(const char *path, struct hms_monitor_conf **out, char *error, size_t len)
{
	g_autoptr(GKeyFile) file = g_key_file_new();
	g_autoptr(GError) err = NULL;
	struct hms_monitor_conf *confs;
	gchar **groups;
	size_t i, j, n = 0;

	*out = NULL;
	if (!g_key_file_load_from_file(file, path, G_KEY_FILE_NONE, &err))
		return fail(error, len, "%s: %s", path, err->message);

	groups = g_key_file_get_groups(file, NULL);
	confs = calloc(g_strv_length(groups) + 1, sizeof(*confs));
	if (!confs) {
		g_strfreev(groups);
		return fail(error, len, "%s: out of memory", path);
	}
	for (i = 0; groups[i]; i++) {
		if (strncmp(groups[i], GROUP_PREFIX, strlen(GROUP_PREFIX))) {
			fail(error, len, "%s: [%s]: not a [monitor NAME] group", path, groups[i]);
			goto bad;
		}
		if (read_group(file, path, groups[i], &confs[n], error, len))
			goto bad;
		for (j = 0; j < n; j++) {
			if (!strcmp(confs[j].name, confs[n].name)) {
				fail(error, len, "%s: [%s]: a second monitor of that name", path,
				     groups[i]);
				goto bad;
			}
		}
		n++;
	}
	g_strfreev(groups);
	*out = confs;
	return (int)n;
bad:
	g_strfreev(groups);
	free(confs);
	return -1;
}
