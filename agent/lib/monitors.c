// SPDX-License-Identifier: GPL-2.0
/* Monitor configuration files, read with GLib's GKeyFile. */
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "error.h"
#include "file.h"
#include "monitors.h"

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
	if (kind < G_N_ELEMENTS(kind_names) && kind_names[kind])
		return kind_names[kind];
	return "unknown";
}

const char *hms_level_name(unsigned int level)
{
	if (level < G_N_ELEMENTS(level_names))
		return level_names[level];
	return "unknown";
}

#define GROUP_PREFIX "monitor "

/* One key of a [monitor NAME] group. */
static bool read_key(GKeyFile *file, const char *path, const char *group, const char *key,
		     struct hms_monitor_conf *conf, GError **error)
{
	g_autofree gchar *text = g_key_file_get_string(file, group, key, NULL);
	g_autoptr(GError) why = NULL;
	const struct hms_prop *prop;
	unsigned int kind;

	if (!text)
		return true;
	g_strstrip(text);
	if (!strcmp(key, "kind")) {
		for (kind = 1; kind <= HMS_MONITOR_MAX; kind++) {
			if (!strcmp(text, hms_monitor_kind_name(kind)))
				conf->kind = kind;
		}
		if (!conf->kind) {
			g_set_error(error, HMS_ERROR, HMS_ERROR_PARSE, "%s: [%s] kind: '%s' is not a "
				    "monitor kind (thermal, gpio, iio, tach)", path, group, text);
			return false;
		}
		return true;
	}
	if (!strcmp(key, "source")) {
		if (!*text || strlen(text) >= sizeof(conf->source)) {
			g_set_error(error, HMS_ERROR, HMS_ERROR_PARSE,
				    "%s: [%s] source: must be 1 to %d characters", path, group,
				    HMS_MON_NAME_LEN - 1);
			return false;
		}
		strcpy(conf->source, text);
		return true;
	}
	prop = hms_prop_by_key(key);
	if (!prop) {
		g_set_error(error, HMS_ERROR, HMS_ERROR_PARSE, "%s: [%s] %s: no such property",
			    path, group, key);
		return false;
	}
	if (!hms_prop_parse(prop, text, &conf->values[prop - hms_props], &why)) {
		g_set_error(error, HMS_ERROR, HMS_ERROR_PARSE, "%s: [%s] %s: %s", path, group, key,
			    why->message);
		return false;
	}
	conf->present |= 1U << (prop - hms_props);
	return true;
}

/* One [monitor NAME] group. */
static bool read_group(GKeyFile *file, const char *path, const char *group,
		       struct hms_monitor_conf *conf, GError **error)
{
	const char *name = group + strlen(GROUP_PREFIX);
	g_auto(GStrv) keys = NULL;
	size_t k;

	memset(conf, 0, sizeof(*conf));
	if (!*name || strlen(name) >= sizeof(conf->name)) {
		g_set_error(error, HMS_ERROR, HMS_ERROR_PARSE,
			    "%s: [%s]: the name must be 1 to %d characters", path, group,
			    HMS_MON_NAME_LEN - 1);
		return false;
	}
	/* "[monitor  fan]" or "[monitor fan ]" would make a name no one types. */
	if (g_ascii_isspace(name[0]) || g_ascii_isspace(name[strlen(name) - 1]) ||
	    strstr(name, "  ") || strpbrk(name, "\t\r\n\v\f")) {
		g_set_error(error, HMS_ERROR, HMS_ERROR_PARSE,
			    "%s: [%s]: stray spaces in the name", path, group);
		return false;
	}
	strcpy(conf->name, name);

	keys = g_key_file_get_keys(file, group, NULL, NULL);
	for (k = 0; keys && keys[k]; k++) {
		if (!read_key(file, path, group, keys[k], conf, error))
			return false;
	}
	if (!conf->kind) {
		g_set_error(error, HMS_ERROR, HMS_ERROR_PARSE, "%s: [%s] kind: missing", path,
			    group);
		return false;
	}
	if (!conf->source[0]) {
		g_set_error(error, HMS_ERROR, HMS_ERROR_PARSE, "%s: [%s] source: missing", path,
			    group);
		return false;
	}
	return true;
}

/*
 * A group given twice, which GKeyFile would merge silently, later keys
 * winning: refused, both lines named. The group lines as GKeyFile sees them.
 */
static bool check_groups(const char *path, const char *contents, GError **error)
{
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_auto(GStrv) lines = g_strsplit(contents, "\n", -1);
	size_t i;

	for (i = 0; lines[i]; i++) {
		char *line = lines[i], *end;
		gpointer first;

		while (g_ascii_isspace(*line))
			line++;
		end = strrchr(line, ']');
		if (*line != '[' || !end)
			continue;
		*end = '\0';
		line++;
		if (g_hash_table_lookup_extended(seen, line, NULL, &first)) {
			g_set_error(error, HMS_ERROR, HMS_ERROR_PARSE,
				    "%s:%zu: [%s]: a second group of that name (the first on line %u)",
				    path, i + 1, line, GPOINTER_TO_UINT(first));
			return false;
		}
		g_hash_table_insert(seen, g_strdup(line), GUINT_TO_POINTER((unsigned int)i + 1));
	}
	return true;
}

int hms_monitors_read(const char *path, struct hms_monitor_conf **out, GError **error)
{
	g_autoptr(GKeyFile) file = g_key_file_new();
	g_autoptr(GError) err = NULL;
	g_auto(GStrv) groups = NULL;
	g_autofree char *contents = NULL;
	size_t len;
	struct hms_monitor_conf *confs;
	size_t i, j, n = 0;

	*out = NULL;
	if (!hms_file_read(path, HMS_FILE_MAX_CONFIG, &contents, &len, error) ||
	    !check_groups(path, contents, error))
		return -1;
	if (!g_key_file_load_from_data(file, contents, len, G_KEY_FILE_NONE, &err)) {
		g_set_error(error, HMS_ERROR, HMS_ERROR_PARSE, "%s: %s", path, err->message);
		return -1;
	}

	groups = g_key_file_get_groups(file, NULL);
	confs = calloc(g_strv_length(groups) + 1, sizeof(*confs));
	if (!confs) {
		g_set_error(error, HMS_ERROR, HMS_ERROR_FAILED, "%s: out of memory", path);
		return -1;
	}
	for (i = 0; groups[i]; i++) {
		if (strncmp(groups[i], GROUP_PREFIX, strlen(GROUP_PREFIX))) {
			g_set_error(error, HMS_ERROR, HMS_ERROR_PARSE,
				    "%s: [%s]: not a [monitor NAME] group", path, groups[i]);
			goto bad;
		}
		if (!read_group(file, path, groups[i], &confs[n], error))
			goto bad;
		for (j = 0; j < n; j++) {
			if (!strcmp(confs[j].name, confs[n].name)) {
				g_set_error(error, HMS_ERROR, HMS_ERROR_PARSE,
					    "%s: [%s]: a second monitor of that name", path,
					    groups[i]);
				goto bad;
			}
		}
		n++;
	}
	*out = confs;
	return (int)n;
bad:
	free(confs);
	return -1;
}

/* --- the kernel's rules (kmod/monitor.c, sampled.c, gpio.c, tach.c, threshold.c) --- */

/* Property @key of @conf as the kernel would have it: given for its kind, or @def. */
static int64_t spec_value(const struct hms_monitor_conf *conf, const char *key, int64_t def)
{
	const struct hms_prop *prop = hms_prop_by_key(key);
	size_t i = (size_t)(prop - hms_props);

	if (!(conf->present & (1U << i)) || !hms_prop_configures(prop, conf->kind))
		return def;
	return conf->values[i];
}

/* kmod/threshold.c: hms_threshold_check(). */
static const char *threshold_check(int64_t low, int64_t high, int64_t valid_min,
				   int64_t valid_max, int64_t hysteresis)
{
	if (valid_min > valid_max)
		return "valid range: minimum above maximum";
	if (low != INT64_MIN && high != INT64_MAX && low >= high)
		return "thresholds: low is not below high";
	if (hysteresis < 0)
		return "hysteresis: negative";
	if (low != INT64_MIN && high != INT64_MAX && hysteresis > high / 2 - low / 2)
		return "hysteresis: larger than half the distance between the thresholds";
	return NULL;
}

const char *hms_monitor_check(const struct hms_monitor_conf *conf)
{
	int64_t low = spec_value(conf, "low", INT64_MIN), high = spec_value(conf, "high", INT64_MAX);
	int64_t valid_min = spec_value(conf, "valid_min", INT64_MIN);
	int64_t valid_max = spec_value(conf, "valid_max", INT64_MAX);
	int64_t hysteresis = spec_value(conf, "hysteresis", 0);
	int64_t period_ms = spec_value(conf, "period_ms", HMS_MON_PERIOD_DEFAULT_MS);
	bool low_code = spec_value(conf, "low_code", 0), high_code = spec_value(conf, "high_code", 0);
	bool fault_code = spec_value(conf, "fault_code", 0), code = spec_value(conf, "code", 0);
	bool chatter_count = spec_value(conf, "chatter_count", 0);
	bool chatter_ms = spec_value(conf, "chatter_ms", 0);
	bool has_low = low != INT64_MIN, has_high = high != INT64_MAX;
	bool has_range = valid_min != INT64_MIN || valid_max != INT64_MAX;

	if (!conf->name[0])
		return "name: empty";
	if (!conf->source[0])
		return "source: empty";
	switch (conf->kind) {
	case HMS_MONITOR_THERMAL:
	case HMS_MONITOR_IIO:	/* kmod/sampled.c */
		if (period_ms < HMS_MON_PERIOD_MIN_MS)
			return "period_ms: below the minimum of 1 ms";
		if (has_low != low_code)
			return "low: a low threshold needs a low code, and a low code a threshold";
		if (has_high != high_code)
			return "high: a high threshold needs a high code, and a high code a threshold";
		if (has_range != fault_code)
			return "valid range: a valid range needs a fault code, and a fault code a range";
		if (!has_low && !has_high && !has_range)
			return "codes: the monitor raises no code";
		return threshold_check(low, high, valid_min, valid_max, hysteresis);
	case HMS_MONITOR_GPIO:	/* kmod/gpio.c; "code" is its high level's */
		if (!code)
			return "code: a gpio monitor needs the code to raise while its line is asserted";
		if (!chatter_count != !chatter_ms || !chatter_count != !fault_code)
			return "chatter: chatter_count, chatter_ms and fault_code go together";
		return NULL;
	case HMS_MONITOR_TACH:	/* kmod/tach.c; "code" is its low level's */
		if (fault_code)
			return "fault_code: a tach monitor has one code, for a fan too slow or stopped";
		if (!code)
			return "code: a tach monitor needs the code for a fan too slow or stopped";
		if (!spec_value(conf, "min_rpm", 0))
			return "min_rpm: a tach monitor needs the speed a fan must keep";
		if (!spec_value(conf, "pulses_per_rev", 2))
			return "pulses_per_rev: at least 1";
		if (period_ms < HMS_MON_TACH_PERIOD_MIN_MS)
			return "period_ms: a tach monitor measures over at least 100 ms";
		return NULL;
	default:
		return "kind: not a monitor kind this kernel knows";
	}
}
