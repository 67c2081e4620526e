// SPDX-License-Identifier: GPL-2.0
/*
 * The severity policy: read from [notify], and its decision per event from
 * what the tracker remembers of the code.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
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

static const char *const action_names[] = {
	[HMS_ACTION_NONE] = "none",
	[HMS_ACTION_SHOW] = "show",
	[HMS_ACTION_UPDATE] = "update",
	[HMS_ACTION_CLOSE] = "close",
};

/* timeout_ms goes out as a D-Bus int32 */
#define TIMEOUT_MS_MAX 2147483647U
/* a day: longer would be a typo, and keeps grace_s * 1000 far from overflow */
#define GRACE_S_MAX 86400U
/* more on screen at once is no longer something a person reads */
#define MAX_SHOWN_MAX 100U

void hms_policy_defaults(struct hms_policy *policy)
{
	memset(policy, 0, sizeof(*policy));
	policy->mode[HMS_SEVERITY_FATAL] = HMS_NOTIFY_PERSISTENT;
	policy->mode[HMS_SEVERITY_SERIOUS] = HMS_NOTIFY_TRANSIENT;
	policy->mode[HMS_SEVERITY_COMMON] = HMS_NOTIFY_TRANSIENT;
	policy->mode[HMS_SEVERITY_INFO] = HMS_NOTIFY_LOG;
	policy->timeout_ms = 10000;
	policy->grace_s = 60;
	policy->max_shown = 5;
}

const char *hms_notify_mode_name(enum hms_notify_mode mode)
{
	if ((unsigned int)mode < G_N_ELEMENTS(mode_names))
		return mode_names[mode];
	return "unknown";
}

const char *hms_action_name(enum hms_notify_action action)
{
	if ((unsigned int)action < G_N_ELEMENTS(action_names))
		return action_names[action];
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
	if (!strcmp(key, "max_shown")) {
		if (parse_uint(text, 1, MAX_SHOWN_MAX, &policy->max_shown))
			return NULL;
		return g_strdup_printf("'%s' is not a number of notifications from 1 to %u",
				       text, MAX_SHOWN_MAX);
	}
	return g_strdup("no such key (fatal, serious, common, info, timeout_ms, grace_s, "
			"max_shown)");
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
	g_set_error_literal(error, HMS_ERROR, HMS_ERROR_INVAL, problems->str);
	return FALSE;
}

gboolean hms_policy_load_file(struct hms_policy *policy, const char *path, GError **error)
{
	g_autoptr(GKeyFile) file = g_key_file_new();
	g_autoptr(GError) err = NULL;

	if (!g_key_file_load_from_file(file, path, G_KEY_FILE_NONE, &err)) {
		g_set_error(error, HMS_ERROR, hms_error_from_file(err), "%s: %s", path, err->message);
		return FALSE;
	}
	return hms_policy_load(policy, file, path, error);
}

static bool in_grace(const struct hms_policy *policy, const struct hms_memory *m,
		     int64_t now_ms)
{
	return now_ms - m->shown_ms < (int64_t)policy->grace_s * 1000;
}

/* How a raised code's notification looks, by its severity's mode. */
static struct hms_decision notification(const struct hms_policy *policy, uint64_t code,
					enum hms_notify_action action)
{
	struct hms_decision d = { .action = action };

	if (hms_policy_mode(policy, code) == HMS_NOTIFY_PERSISTENT) {
		d.urgency = HMS_URGENCY_CRITICAL;
		d.timeout_ms = 0;
		d.persistent = true;
	} else {
		d.urgency = HMS_URGENCY_NORMAL;
		d.timeout_ms = policy->timeout_ms;
	}
	return d;
}

static struct hms_decision decide_raise(const struct hms_policy *policy,
					const struct hms_memory *m, const struct hms_event *ev,
					int64_t now_ms)
{
	const struct hms_decision none = { .action = HMS_ACTION_NONE };

	if (hms_policy_mode(policy, ev->code) == HMS_NOTIFY_LOG)
		return none;
	if (m && m->open)
		return notification(policy, ev->code, HMS_ACTION_UPDATE);
	if (ev->flags & HMS_F_ACKED)
		return none;
	/* active and not acknowledged: always on screen, flapping or not */
	if (hms_policy_mode(policy, ev->code) == HMS_NOTIFY_PERSISTENT && !(m && m->dismissed))
		return notification(policy, ev->code, HMS_ACTION_SHOW);
	if (m && in_grace(policy, m, now_ms))
		return none;
	return notification(policy, ev->code, HMS_ACTION_SHOW);
}

struct hms_decision hms_policy_decide(const struct hms_policy *policy,
				      const struct hms_memory *memory,
				      const struct hms_event *ev, int64_t now_ms)
{
	const struct hms_decision none = { .action = HMS_ACTION_NONE };
	const struct hms_decision close = { .action = HMS_ACTION_CLOSE };

	switch (ev->state) {
	case HMS_STATE_RAISED:
		return decide_raise(policy, memory, ev, now_ms);
	case HMS_STATE_CLEARED:
	case HMS_STATE_ACKED:
		return memory && memory->open ? close : none;
	default:
		/* dropped: the kernel never held it, so no clear will come */
		return none;
	}
}

/* What was last notified for one code. */
struct memory {
	uint64_t code;		/* the key points here */
	struct hms_memory m;
};

struct hms_tracker {
	const struct hms_policy *policy;
	GHashTable *codes;	/* &memory.code -> struct memory */
	int64_t swept_ms;	/* when forget_old() last went through them */
	bool swept;
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

struct sweep {
	const struct hms_policy *policy;
	int64_t now_ms;
};

static gboolean forgettable(gpointer key, gpointer value, gpointer data)
{
	const struct memory *memory = value;
	const struct sweep *sweep = data;

	(void)key;
	return !memory->m.open && !in_grace(sweep->policy, &memory->m, sweep->now_ms);
}

/* Keeps the table to the codes on screen or within their grace. */
static void forget_old(struct hms_tracker *tracker, int64_t now_ms)
{
	struct sweep sweep = { tracker->policy, now_ms };

	/* once a second at most: a storm of codes is not walked per event */
	if (tracker->swept && now_ms - tracker->swept_ms < 1000 && now_ms >= tracker->swept_ms)
		return;
	tracker->swept = true;
	tracker->swept_ms = now_ms;
	g_hash_table_foreach_remove(tracker->codes, forgettable, &sweep);
}

struct hms_decision hms_tracker_decide(struct hms_tracker *tracker, const struct hms_event *ev,
				       int64_t now_ms)
{
	struct hms_decision d;
	struct memory *memory;

	forget_old(tracker, now_ms);
	memory = g_hash_table_lookup(tracker->codes, &ev->code);
	d = hms_policy_decide(tracker->policy, memory ? &memory->m : NULL, ev, now_ms);
	/* cleared: a dismissal was of that fault, not of the next */
	if (memory && ev->state == HMS_STATE_CLEARED)
		memory->m.dismissed = false;
	switch (d.action) {
	case HMS_ACTION_SHOW:
		if (!memory) {
			memory = g_new0(struct memory, 1);
			memory->code = ev->code;
			g_hash_table_insert(tracker->codes, &memory->code, memory);
		}
		memory->m.open = true;
		memory->m.dismissed = false;
		memory->m.shown_ms = now_ms;
		break;
	case HMS_ACTION_CLOSE:
		memory->m.open = false;
		break;
	default:
		break;
	}
	return d;
}

void hms_tracker_closed(struct hms_tracker *tracker, uint64_t code)
{
	struct memory *memory = g_hash_table_lookup(tracker->codes, &code);

	if (memory && memory->m.open) {
		memory->m.open = false;
		memory->m.dismissed = true;
	}
}

void hms_tracker_forget(struct hms_tracker *tracker, uint64_t code)
{
	g_hash_table_remove(tracker->codes, &code);
}
