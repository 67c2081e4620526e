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
	if (!hms_file_read(path, HMS_FILE_MAX_CONFIG, &contents, &len, error))
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
