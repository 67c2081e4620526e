// SPDX-License-Identifier: GPL-2.0
/* The severity policy: read from [notify], and its decisions per event. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

static const char *const severity_keys[] = {
	[HMS_SEVERITY_FATAL] = "fatal",
	[HMS_SEVERITY_SERIOUS] = "serious",
	[HMS_SEVERITY_COMMON] = "common",
	[HMS_SEVERITY_INFO] = "info",
};

static const char *const mode_names[] = {
	[HMS_NOTIFY_LOG] = "log",
	[HMS_NOTIFY_TRANSIENT] = "transient",
	[HMS_NOTIFY_PERSISTENT] = "persistent",
};

static const char *const decision_names[] = {
	[HMS_DECIDE_NOTHING] = "nothing",
	[HMS_DECIDE_SHOW] = "show",
	[HMS_DECIDE_REPLACE] = "replace",
	[HMS_DECIDE_CLOSE] = "close",
};

/* timeout_ms goes out as a D-Bus int32 */
#define TIMEOUT_MS_MAX 2147483647U
/* a day: longer would be a typo, and keeps grace_s * 1000 far from overflow */
#define GRACE_S_MAX 86400U

void hms_policy_defaults(struct hms_policy *policy)
{
	memset(policy, 0, sizeof(*policy));
	policy->mode[HMS_SEVERITY_FATAL] = HMS_NOTIFY_PERSISTENT;
	policy->mode[HMS_SEVERITY_SERIOUS] = HMS_NOTIFY_TRANSIENT;
	policy->mode[HMS_SEVERITY_COMMON] = HMS_NOTIFY_TRANSIENT;
	policy->mode[HMS_SEVERITY_INFO] = HMS_NOTIFY_LOG;
	policy->timeout_ms = 10000;
	policy->grace_s = 60;
}

const char *hms_notify_mode_name(enum hms_notify_mode mode)
{
	if ((unsigned int)mode < G_N_ELEMENTS(mode_names))
		return mode_names[mode];
	return "unknown";
}

const char *hms_decision_name(enum hms_decision decision)
{
	if ((unsigned int)decision < G_N_ELEMENTS(decision_names))
		return decision_names[decision];
	return "unknown";
}

enum hms_notify_mode hms_policy_mode(const struct hms_policy *policy, uint64_t code)
{
	unsigned int severity = HMS_CODE_SEVERITY(code);

	/* the kernel refuses other severities; if one slips through, say it */
	if (severity < HMS_SEVERITY_FATAL || severity > HMS_SEVERITY_INFO)
		return HMS_NOTIFY_TRANSIENT;
	return policy->mode[severity];
}

static gboolean parse_mode(const char *text, enum hms_notify_mode *mode)
{
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(mode_names); i++) {
		if (!strcmp(text, mode_names[i])) {
			*mode = i;
			return TRUE;
		}
	}
	return FALSE;
}

static gboolean parse_uint(const char *text, unsigned int min, unsigned int max,
			   unsigned int *out)
{
	unsigned long long v;
	char *end;

	if (!g_ascii_isdigit(text[0]))
		return FALSE;
	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno || *end || v < min || v > max)
		return FALSE;
	*out = (unsigned int)v;
	return TRUE;
}

/* One key: NULL when it is good and applied, or what is wrong with it. */
static char *read_key(struct hms_policy *policy, const char *key, const char *text)
{
	unsigned int i;

	for (i = HMS_SEVERITY_FATAL; i <= HMS_SEVERITY_INFO; i++) {
		if (strcmp(key, severity_keys[i]))
			continue;
		if (parse_mode(text, &policy->mode[i]))
			return NULL;
		return g_strdup_printf("'%s' is not persistent, transient or log", text);
	}
	if (!strcmp(key, "timeout_ms")) {
		if (parse_uint(text, 1, TIMEOUT_MS_MAX, &policy->timeout_ms))
			return NULL;
		return g_strdup_printf("'%s' is not a number of milliseconds from 1 to %u",
				       text, TIMEOUT_MS_MAX);
	}
	if (!strcmp(key, "grace_s")) {
		if (parse_uint(text, 0, GRACE_S_MAX, &policy->grace_s))
			return NULL;
		return g_strdup_printf("'%s' is not a number of seconds from 0 to %u",
				       text, GRACE_S_MAX);
	}
	return g_strdup("no such key (fatal, serious, common, info, timeout_ms, grace_s)");
}

gboolean hms_policy_load(struct hms_policy *policy, GKeyFile *file, const char *path,
			 GError **error)
{
	g_autoptr(GString) problems = g_string_new(NULL);
	g_auto(GStrv) keys = NULL;
	size_t k;

	if (!g_key_file_has_group(file, HMS_POLICY_GROUP))
		return TRUE;
	keys = g_key_file_get_keys(file, HMS_POLICY_GROUP, NULL, NULL);
	for (k = 0; keys && keys[k]; k++) {
		g_autoptr(GError) err = NULL;
		g_autofree char *text = g_key_file_get_string(file, HMS_POLICY_GROUP, keys[k],
							      &err);
		g_autofree char *why = NULL;

		if (text)
			why = read_key(policy, keys[k], g_strstrip(text));
		else
			why = g_strdup(err->message);
		if (why)
			g_string_append_printf(problems, "%s%s: [%s] %s: %s",
					       problems->len ? "\n" : "", path,
					       HMS_POLICY_GROUP, keys[k], why);
	}
	if (!problems->len)
		return TRUE;
	g_set_error_literal(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
			    problems->str);
	return FALSE;
}

gboolean hms_policy_load_file(struct hms_policy *policy, const char *path, GError **error)
{
	g_autoptr(GKeyFile) file = g_key_file_new();
	g_autoptr(GError) err = NULL;

	if (!g_key_file_load_from_file(file, path, G_KEY_FILE_NONE, &err)) {
		g_set_error(error, err->domain, err->code, "%s: %s", path, err->message);
		return FALSE;
	}
	return hms_policy_load(policy, file, path, error);
}

/* What was last notified for one code. */
struct memory {
	uint64_t code;		/* the key points here */
	gboolean open;		/* its notification is on screen */
	int64_t shown_ms;	/* when it was last shown anew */
};

struct hms_tracker {
	const struct hms_policy *policy;
	GHashTable *codes;	/* &memory.code -> struct memory */
};

struct hms_tracker *hms_tracker_new(const struct hms_policy *policy)
{
	struct hms_tracker *tracker = g_new0(struct hms_tracker, 1);

	tracker->policy = policy;
	tracker->codes = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, g_free);
	return tracker;
}

void hms_tracker_free(struct hms_tracker *tracker)
{
	if (!tracker)
		return;
	g_hash_table_destroy(tracker->codes);
	g_free(tracker);
}

unsigned int hms_tracker_size(struct hms_tracker *tracker)
{
	return g_hash_table_size(tracker->codes);
}

static gboolean in_grace(const struct hms_tracker *tracker, const struct memory *m,
			 int64_t now_ms)
{
	return now_ms - m->shown_ms < (int64_t)tracker->policy->grace_s * 1000;
}

struct sweep {
	const struct hms_tracker *tracker;
	int64_t now_ms;
};

static gboolean forgettable(gpointer key, gpointer value, gpointer data)
{
	const struct memory *m = value;
	const struct sweep *sweep = data;

	(void)key;
	return !m->open && !in_grace(sweep->tracker, m, sweep->now_ms);
}

/* Keeps the table to the codes on screen or within their grace. */
static void forget_old(struct hms_tracker *tracker, int64_t now_ms)
{
	struct sweep sweep = { tracker, now_ms };

	g_hash_table_foreach_remove(tracker->codes, forgettable, &sweep);
}

static enum hms_decision decide_raise(struct hms_tracker *tracker, struct memory *m,
				      const struct hms_event *ev, int64_t now_ms)
{
	if (hms_policy_mode(tracker->policy, ev->code) == HMS_NOTIFY_LOG)
		return HMS_DECIDE_NOTHING;
	if (m && m->open)
		return HMS_DECIDE_REPLACE;
	if (ev->flags & HMS_F_ACKED)
		return HMS_DECIDE_NOTHING;
	if (m && in_grace(tracker, m, now_ms))
		return HMS_DECIDE_NOTHING;
	if (!m) {
		m = g_new0(struct memory, 1);
		m->code = ev->code;
		g_hash_table_insert(tracker->codes, &m->code, m);
	}
	m->open = TRUE;
	m->shown_ms = now_ms;
	return HMS_DECIDE_SHOW;
}

enum hms_decision hms_tracker_decide(struct hms_tracker *tracker, const struct hms_event *ev,
				     int64_t now_ms)
{
	struct memory *m;

	forget_old(tracker, now_ms);
	m = g_hash_table_lookup(tracker->codes, &ev->code);
	switch (ev->state) {
	case HMS_STATE_RAISED:
		return decide_raise(tracker, m, ev, now_ms);
	case HMS_STATE_CLEARED:
	case HMS_STATE_ACKED:
		if (!m || !m->open)
			return HMS_DECIDE_NOTHING;
		m->open = FALSE;
		return HMS_DECIDE_CLOSE;
	default:
		/* dropped: the kernel never held it, so no clear will come */
		return HMS_DECIDE_NOTHING;
	}
}

void hms_tracker_closed(struct hms_tracker *tracker, uint64_t code)
{
	struct memory *m = g_hash_table_lookup(tracker->codes, &code);

	if (m)
		m->open = FALSE;
}

void hms_tracker_forget(struct hms_tracker *tracker, uint64_t code)
{
	g_hash_table_remove(tracker->codes, &code);
}
