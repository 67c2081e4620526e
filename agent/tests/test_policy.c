// SPDX-License-Identifier: GPL-2.0
/* Unit tests for the severity policy: its config and its decisions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "policy.h"

#define FATAL	HMS_CODE(HMS_MODULE_MC, 0, 0x01, HMS_SEVERITY_FATAL, 0x0007)
#define SERIOUS	HMS_CODE(HMS_MODULE_MC, 0, 0x02, HMS_SEVERITY_SERIOUS, 0x0003)
#define COMMON	HMS_CODE(HMS_MODULE_AMS, 0, HMS_PART_AMS_SLOT(0), HMS_SEVERITY_COMMON, 0x0003)
#define INFO	HMS_CODE(HMS_MODULE_AMS, 1, 0x00, HMS_SEVERITY_INFO, 0x0001)

static gboolean load(struct hms_policy *policy, const char *text, GError **error)
{
	g_autoptr(GKeyFile) file = g_key_file_new();

	assert_true(g_key_file_load_from_data(file, text, -1, G_KEY_FILE_NONE, NULL));
	return hms_policy_load(policy, file, "/etc/hms/test.conf", error);
}

static void assert_defaults(const struct hms_policy *p)
{
	assert_int_equal(p->mode[HMS_SEVERITY_FATAL], HMS_NOTIFY_PERSISTENT);
	assert_int_equal(p->mode[HMS_SEVERITY_SERIOUS], HMS_NOTIFY_TRANSIENT);
	assert_int_equal(p->mode[HMS_SEVERITY_COMMON], HMS_NOTIFY_TRANSIENT);
	assert_int_equal(p->mode[HMS_SEVERITY_INFO], HMS_NOTIFY_LOG);
	assert_int_equal(p->timeout_ms, 10000);
	assert_int_equal(p->grace_s, 60);
	assert_int_equal(p->max_shown, 5);
}

static void defaults(void **state)
{
	struct hms_policy p;

	(void)state;
	memset(&p, 0xff, sizeof(p));
	hms_policy_defaults(&p);
	assert_defaults(&p);
	assert_int_equal(hms_policy_mode(&p, FATAL), HMS_NOTIFY_PERSISTENT);
	assert_int_equal(hms_policy_mode(&p, SERIOUS), HMS_NOTIFY_TRANSIENT);
	assert_int_equal(hms_policy_mode(&p, COMMON), HMS_NOTIFY_TRANSIENT);
	assert_int_equal(hms_policy_mode(&p, INFO), HMS_NOTIFY_LOG);
	assert_string_equal(hms_notify_mode_name(HMS_NOTIFY_PERSISTENT), "persistent");
	assert_string_equal(hms_action_name(HMS_ACTION_UPDATE), "update");
	assert_string_equal(hms_action_name(HMS_ACTION_NONE), "none");
}

static void reads_every_key(void **state)
{
	g_autoptr(GError) error = NULL;
	struct hms_policy p;

	(void)state;
	hms_policy_defaults(&p);
	assert_true(load(&p, "[other]\nfatal = log\n"
			 "[notify]\nfatal = transient\nserious = persistent\n"
			 "common = log\ninfo = transient\ntimeout_ms = 2500\ngrace_s = 0\n"
			 "max_shown = 12\n",
			 &error));
	assert_null(error);
	assert_int_equal(p.mode[HMS_SEVERITY_FATAL], HMS_NOTIFY_TRANSIENT);
	assert_int_equal(p.mode[HMS_SEVERITY_SERIOUS], HMS_NOTIFY_PERSISTENT);
	assert_int_equal(p.mode[HMS_SEVERITY_COMMON], HMS_NOTIFY_LOG);
	assert_int_equal(p.mode[HMS_SEVERITY_INFO], HMS_NOTIFY_TRANSIENT);
	assert_int_equal(p.timeout_ms, 2500);
	assert_int_equal(p.grace_s, 0);
	assert_int_equal(p.max_shown, 12);
}

static void no_group_keeps_defaults(void **state)
{
	g_autoptr(GError) error = NULL;
	struct hms_policy p;

	(void)state;
	hms_policy_defaults(&p);
	assert_true(load(&p, "[monitor x]\nfatal = log\n", &error));
	assert_null(error);
	assert_defaults(&p);
}

static void refuses_bad_values(void **state)
{
	static const struct {
		const char *key, *value, *why;
	} bad[] = {
		{ "fatal", "sometimes", "is not persistent, transient or log" },
		{ "fatal", "", "is not persistent, transient or log" },
		{ "serious", "Persistent", "is not persistent, transient or log" },
		{ "common", "log2", "is not persistent, transient or log" },
		{ "common", "persistent transient", "is not persistent, transient or log" },
		{ "timeout_ms", "0", "milliseconds from 1 to" },
		{ "timeout_ms", "-5", "milliseconds from 1 to" },
		{ "timeout_ms", "+5", "milliseconds from 1 to" },
		{ "timeout_ms", "abc", "milliseconds from 1 to" },
		{ "timeout_ms", "10s", "milliseconds from 1 to" },
		{ "timeout_ms", "2147483648", "milliseconds from 1 to" },
		{ "timeout_ms", "99999999999999999999999", "milliseconds from 1 to" },
		{ "timeout_ms", "", "milliseconds from 1 to" },
		{ "grace_s", "-1", "seconds from 0 to 86400" },
		{ "grace_s", "86401", "seconds from 0 to 86400" },
		{ "grace_s", "1e3", "seconds from 0 to 86400" },
		{ "grace_s", "0x10", "seconds from 0 to 86400" },
		{ "grace_s", "6 0", "seconds from 0 to 86400" },
		{ "max_shown", "0", "notifications from 1 to 100" },
		{ "max_shown", "101", "notifications from 1 to 100" },
		{ "max_shown", "many", "notifications from 1 to 100" },
		{ "timeout", "100", "no such key" },
		{ "Fatal", "log", "no such key" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		g_autofree char *text = g_strdup_printf("[notify]\n%s = %s\ninfo = transient\n"
							"grace_s = 5\n", bad[i].key,
							bad[i].value);
		g_autofree char *where = g_strdup_printf("/etc/hms/test.conf: [notify] %s: ",
							 bad[i].key);
		g_autoptr(GError) error = NULL;
		struct hms_policy p;

		hms_policy_defaults(&p);
		if (!strcmp(bad[i].key, "grace_s"))
			text[strlen(text) - strlen("grace_s = 5\n")] = '\0';
		if (load(&p, text, &error))
			fail_msg("%s = %s was accepted", bad[i].key, bad[i].value);
		assert_non_null(error);
		if (!strstr(error->message, where) || !strstr(error->message, bad[i].why))
			fail_msg("%s = %s: '%s'", bad[i].key, bad[i].value, error->message);
		/* the good keys still apply, the bad one keeps its default */
		assert_int_equal(p.mode[HMS_SEVERITY_INFO], HMS_NOTIFY_TRANSIENT);
		assert_int_equal(p.mode[HMS_SEVERITY_FATAL], HMS_NOTIFY_PERSISTENT);
		assert_int_equal(p.mode[HMS_SEVERITY_SERIOUS], HMS_NOTIFY_TRANSIENT);
		assert_int_equal(p.mode[HMS_SEVERITY_COMMON], HMS_NOTIFY_TRANSIENT);
		assert_int_equal(p.timeout_ms, 10000);
		assert_int_equal(p.grace_s, strcmp(bad[i].key, "grace_s") ? 5 : 60);
		assert_int_equal(p.max_shown, 5);
	}
}

static void names_every_bad_key(void **state)
{
	g_autoptr(GError) error = NULL;
	struct hms_policy p;

	(void)state;
	hms_policy_defaults(&p);
	assert_false(load(&p, "[notify]\nfatal = loud\ntimeout_ms = 3000\ngrace_s = soon\n",
			  &error));
	assert_non_null(strstr(error->message, "[notify] fatal: 'loud'"));
	assert_non_null(strstr(error->message, "\n/etc/hms/test.conf: [notify] grace_s: 'soon'"));
	assert_int_equal(p.timeout_ms, 3000);
	assert_int_equal(p.mode[HMS_SEVERITY_FATAL], HMS_NOTIFY_PERSISTENT);
	assert_int_equal(p.grace_s, 60);
}

static void loads_files(void **state)
{
	char path[] = "/tmp/hms-test-policy-XXXXXX";
	g_autoptr(GError) error = NULL;
	struct hms_policy p;
	int fd;

	(void)state;
	/* the example documents the defaults */
	memset(&p, 0, sizeof(p));
	hms_policy_defaults(&p);
	p.grace_s = 1;
	p.timeout_ms = 1;
	p.mode[HMS_SEVERITY_INFO] = HMS_NOTIFY_PERSISTENT;
	assert_true(hms_policy_load_file(&p, "hmsd.conf.example", &error));
	assert_defaults(&p);

	assert_false(hms_policy_load_file(&p, "/nonexistent/hmsd.conf", &error));
	assert_non_null(strstr(error->message, "/nonexistent/hmsd.conf: "));
	g_clear_error(&error);

	fd = g_mkstemp(path);
	assert_true(fd >= 0);
	assert_true(write(fd, "[notify\nfatal = log\n", 20) == 20);
	close(fd);
	assert_false(hms_policy_load_file(&p, path, &error));
	assert_non_null(strstr(error->message, path));
	assert_defaults(&p);
	unlink(path);
}

static struct hms_event event(uint64_t code, uint8_t state, uint32_t flags)
{
	struct hms_event ev = { .code = code, .state = state, .flags = flags };

	return ev;
}

/* The tracker's decision: its action. */
static enum hms_notify_action decide(struct hms_tracker *t, uint64_t code, uint8_t state,
				     uint32_t flags, int64_t now_ms)
{
	struct hms_event ev = event(code, state, flags);

	return hms_tracker_decide(t, &ev, now_ms).action;
}

static void decides_per_severity_and_state(void **state)
{
	static const uint64_t shown[] = { FATAL, SERIOUS, COMMON };
	struct hms_policy p;
	struct hms_tracker *t;
	size_t i;

	(void)state;
	hms_policy_defaults(&p);
	t = hms_tracker_new(&p);
	for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		uint64_t c = shown[i];

		assert_int_equal(decide(t, c, HMS_STATE_RAISED, 0, 1000), HMS_ACTION_SHOW);
		assert_int_equal(decide(t, c, HMS_STATE_RAISED, HMS_F_UPDATE, 1100),
				 HMS_ACTION_UPDATE);
		/* a raise without the flag while open (missed events) updates too */
		assert_int_equal(decide(t, c, HMS_STATE_RAISED, 0, 1200), HMS_ACTION_UPDATE);
		assert_int_equal(decide(t, c, HMS_STATE_CLEARED, 0, 1300), HMS_ACTION_CLOSE);
		assert_int_equal(decide(t, c, HMS_STATE_CLEARED, 0, 1400), HMS_ACTION_NONE);
	}
	/* info is logged only, whatever happens to it */
	assert_int_equal(decide(t, INFO, HMS_STATE_RAISED, 0, 1000), HMS_ACTION_NONE);
	assert_int_equal(decide(t, INFO, HMS_STATE_RAISED, HMS_F_UPDATE, 1000),
			 HMS_ACTION_NONE);
	assert_int_equal(decide(t, INFO, HMS_STATE_ACKED, HMS_F_ACKED, 1000), HMS_ACTION_NONE);
	assert_int_equal(decide(t, INFO, HMS_STATE_CLEARED, 0, 1000), HMS_ACTION_NONE);

	/* an acknowledgment closes; one of a code never shown does nothing */
	assert_int_equal(decide(t, FATAL + 1, HMS_STATE_RAISED, 0, 2000), HMS_ACTION_SHOW);
	assert_int_equal(decide(t, FATAL + 1, HMS_STATE_ACKED, HMS_F_ACKED, 2100),
			 HMS_ACTION_CLOSE);
	assert_int_equal(decide(t, FATAL + 2, HMS_STATE_ACKED, HMS_F_ACKED, 2100),
			 HMS_ACTION_NONE);
	/* still active and acknowledged: updates stay quiet */
	assert_int_equal(decide(t, FATAL + 1, HMS_STATE_RAISED, HMS_F_UPDATE | HMS_F_ACKED,
			       200000), HMS_ACTION_NONE);
	assert_int_equal(decide(t, FATAL + 1, HMS_STATE_CLEARED, 0, 200100), HMS_ACTION_NONE);
	/* a dropped code and an unknown state show nothing */
	assert_int_equal(decide(t, SERIOUS + 1, HMS_STATE_DROPPED, 0, 3000), HMS_ACTION_NONE);
	assert_int_equal(decide(t, SERIOUS + 1, HMS_STATE_UNSPEC, 0, 3000), HMS_ACTION_NONE);
	assert_int_equal(decide(t, SERIOUS + 1, 200, 0, 3000), HMS_ACTION_NONE);
	hms_tracker_free(t);
}

static void follows_the_config(void **state)
{
	struct hms_policy p;
	struct hms_tracker *t;

	(void)state;
	hms_policy_defaults(&p);
	assert_true(load(&p, "[notify]\ninfo = persistent\nfatal = log\n", NULL));
	t = hms_tracker_new(&p);
	assert_int_equal(hms_policy_mode(&p, INFO), HMS_NOTIFY_PERSISTENT);
	assert_int_equal(decide(t, INFO, HMS_STATE_RAISED, 0, 0), HMS_ACTION_SHOW);
	assert_int_equal(decide(t, FATAL, HMS_STATE_RAISED, 0, 0), HMS_ACTION_NONE);
	assert_int_equal(decide(t, FATAL, HMS_STATE_CLEARED, 0, 0), HMS_ACTION_NONE);
	hms_tracker_free(t);
}

static void flaps_within_grace_stay_quiet(void **state)
{
	struct hms_policy p;
	struct hms_tracker *t;

	(void)state;
	hms_policy_defaults(&p);	/* grace_s 60 */
	t = hms_tracker_new(&p);
	assert_int_equal(decide(t, SERIOUS, HMS_STATE_RAISED, 0, 5000), HMS_ACTION_SHOW);
	assert_int_equal(decide(t, SERIOUS, HMS_STATE_CLEARED, 0, 6000), HMS_ACTION_CLOSE);
	/* back within the window, with or without the kernel's update flag */
	assert_int_equal(decide(t, SERIOUS, HMS_STATE_RAISED, 0, 10000), HMS_ACTION_NONE);
	assert_int_equal(decide(t, SERIOUS, HMS_STATE_CLEARED, 0, 11000), HMS_ACTION_NONE);
	assert_int_equal(decide(t, SERIOUS, HMS_STATE_RAISED, HMS_F_UPDATE, 64999),
			 HMS_ACTION_NONE);
	/* another code is not held back by this one */
	assert_int_equal(decide(t, COMMON, HMS_STATE_RAISED, 0, 20000), HMS_ACTION_SHOW);
	/* a grace after it was last shown, an active flapping code shows again */
	assert_int_equal(decide(t, SERIOUS, HMS_STATE_RAISED, HMS_F_UPDATE, 65000),
			 HMS_ACTION_SHOW);
	assert_int_equal(decide(t, SERIOUS, HMS_STATE_CLEARED, 0, 65100), HMS_ACTION_CLOSE);
	assert_int_equal(decide(t, SERIOUS, HMS_STATE_RAISED, 0, 70000), HMS_ACTION_NONE);
	assert_int_equal(decide(t, SERIOUS, HMS_STATE_CLEARED, 0, 70001), HMS_ACTION_NONE);
	assert_int_equal(decide(t, SERIOUS, HMS_STATE_RAISED, 0, 125000), HMS_ACTION_SHOW);
	hms_tracker_free(t);

	/* grace_s 0: every new raise shows */
	p.grace_s = 0;
	t = hms_tracker_new(&p);
	assert_int_equal(decide(t, FATAL, HMS_STATE_RAISED, 0, 0), HMS_ACTION_SHOW);
	assert_int_equal(decide(t, FATAL, HMS_STATE_CLEARED, 0, 0), HMS_ACTION_CLOSE);
	assert_int_equal(decide(t, FATAL, HMS_STATE_RAISED, 0, 0), HMS_ACTION_SHOW);
	hms_tracker_free(t);
}

static void a_fatal_code_is_never_hidden(void **state)
{
	struct hms_policy p;
	struct hms_tracker *t;

	(void)state;
	hms_policy_defaults(&p);	/* grace_s 60, fatal persistent */
	t = hms_tracker_new(&p);
	assert_int_equal(decide(t, FATAL, HMS_STATE_RAISED, 0, 5000), HMS_ACTION_SHOW);
	assert_int_equal(decide(t, FATAL, HMS_STATE_CLEARED, 0, 6000), HMS_ACTION_CLOSE);
	/* back within the grace: active, not acknowledged, so on screen again */
	assert_int_equal(decide(t, FATAL, HMS_STATE_RAISED, 0, 7000), HMS_ACTION_SHOW);
	assert_int_equal(decide(t, FATAL, HMS_STATE_CLEARED, 0, 8000), HMS_ACTION_CLOSE);
	assert_int_equal(decide(t, FATAL, HMS_STATE_RAISED, HMS_F_UPDATE, 9000),
			 HMS_ACTION_SHOW);
	/* acknowledged in the kernel (its flap window): nothing to show */
	assert_int_equal(decide(t, FATAL, HMS_STATE_ACKED, HMS_F_ACKED, 10000),
			 HMS_ACTION_CLOSE);
	assert_int_equal(decide(t, FATAL, HMS_STATE_RAISED, HMS_F_UPDATE | HMS_F_ACKED, 11000),
			 HMS_ACTION_NONE);
	assert_int_equal(decide(t, FATAL, HMS_STATE_CLEARED, 0, 12000), HMS_ACTION_NONE);
	/* a transient one flapping within the grace is still spared */
	assert_int_equal(decide(t, SERIOUS, HMS_STATE_RAISED, 0, 13000), HMS_ACTION_SHOW);
	assert_int_equal(decide(t, SERIOUS, HMS_STATE_CLEARED, 0, 14000), HMS_ACTION_CLOSE);
	assert_int_equal(decide(t, SERIOUS, HMS_STATE_RAISED, 0, 15000), HMS_ACTION_NONE);
	/* dismissed by the user: the same fault's updates stay quiet within the grace... */
	assert_int_equal(decide(t, FATAL, HMS_STATE_RAISED, 0, 16000), HMS_ACTION_SHOW);
	hms_tracker_closed(t, FATAL);
	assert_int_equal(decide(t, FATAL, HMS_STATE_RAISED, HMS_F_UPDATE, 17000),
			 HMS_ACTION_NONE);
	/* ...but once it cleared, its return is a new fault, shown */
	assert_int_equal(decide(t, FATAL, HMS_STATE_CLEARED, 0, 18000), HMS_ACTION_NONE);
	assert_int_equal(decide(t, FATAL, HMS_STATE_RAISED, 0, 19000), HMS_ACTION_SHOW);
	hms_tracker_free(t);
}

static void server_closes_and_memory_ends(void **state)
{
	struct hms_policy p;
	struct hms_tracker *t;

	(void)state;
	hms_policy_defaults(&p);
	t = hms_tracker_new(&p);
	assert_int_equal(decide(t, COMMON, HMS_STATE_RAISED, 0, 0), HMS_ACTION_SHOW);
	assert_int_equal(decide(t, FATAL, HMS_STATE_RAISED, 0, 0), HMS_ACTION_SHOW);
	/* the transient one timed out on the server */
	hms_tracker_closed(t, COMMON);
	hms_tracker_closed(t, INFO);	/* never shown: ignored */
	assert_int_equal(decide(t, COMMON, HMS_STATE_RAISED, HMS_F_UPDATE, 1000),
			 HMS_ACTION_NONE);
	assert_int_equal(decide(t, COMMON, HMS_STATE_CLEARED, 0, 2000), HMS_ACTION_NONE);
	assert_int_equal(hms_tracker_size(t), 2);
	/* past the grace only the open notification is remembered */
	assert_int_equal(decide(t, INFO, HMS_STATE_RAISED, 0, 60000), HMS_ACTION_NONE);
	assert_int_equal(hms_tracker_size(t), 1);
	assert_int_equal(decide(t, FATAL, HMS_STATE_RAISED, HMS_F_UPDATE, 90000),
			 HMS_ACTION_UPDATE);
	assert_int_equal(decide(t, FATAL, HMS_STATE_ACKED, HMS_F_ACKED, 91000), HMS_ACTION_CLOSE);
	assert_int_equal(decide(t, INFO, HMS_STATE_RAISED, 0, 200000), HMS_ACTION_NONE);
	assert_int_equal(hms_tracker_size(t), 0);
	hms_tracker_free(t);
	hms_tracker_free(NULL);
}

static void forgets_what_was_not_shown(void **state)
{
	struct hms_policy p;
	struct hms_tracker *t;

	(void)state;
	hms_policy_defaults(&p);
	t = hms_tracker_new(&p);
	assert_int_equal(decide(t, FATAL, HMS_STATE_RAISED, 0, 0), HMS_ACTION_SHOW);
	/* no server took it: the next event tries again, not a replace */
	hms_tracker_forget(t, FATAL);
	assert_int_equal(hms_tracker_size(t), 0);
	assert_int_equal(decide(t, FATAL, HMS_STATE_RAISED, HMS_F_UPDATE, 10), HMS_ACTION_SHOW);
	hms_tracker_forget(t, FATAL);
	assert_int_equal(decide(t, FATAL, HMS_STATE_CLEARED, 0, 20), HMS_ACTION_NONE);
	hms_tracker_forget(t, SERIOUS);	/* never seen: nothing to do */
	hms_tracker_free(t);
}

static void decisions_say_how_it_looks(void **state)
{
	struct hms_policy p;
	struct hms_tracker *t;
	struct hms_event ev;
	struct hms_decision d;

	(void)state;
	hms_policy_defaults(&p);
	p.timeout_ms = 2500;
	t = hms_tracker_new(&p);
	/* fatal: critical, stays, with Acknowledge; updates look the same */
	ev = event(FATAL, HMS_STATE_RAISED, 0);
	d = hms_tracker_decide(t, &ev, 0);
	assert_int_equal(d.action, HMS_ACTION_SHOW);
	assert_int_equal(d.urgency, HMS_URGENCY_CRITICAL);
	assert_int_equal(d.timeout_ms, 0);
	assert_true(d.persistent);
	ev.flags = HMS_F_UPDATE;
	d = hms_tracker_decide(t, &ev, 10);
	assert_int_equal(d.action, HMS_ACTION_UPDATE);
	assert_int_equal(d.urgency, HMS_URGENCY_CRITICAL);
	assert_int_equal(d.timeout_ms, 0);
	assert_true(d.persistent);
	/* serious and common: normal, the configured timeout, no action */
	ev = event(SERIOUS, HMS_STATE_RAISED, 0);
	d = hms_tracker_decide(t, &ev, 20);
	assert_int_equal(d.action, HMS_ACTION_SHOW);
	assert_int_equal(d.urgency, HMS_URGENCY_NORMAL);
	assert_int_equal(d.timeout_ms, 2500);
	assert_false(d.persistent);
	ev = event(COMMON, HMS_STATE_RAISED, 0);
	d = hms_tracker_decide(t, &ev, 30);
	assert_int_equal(d.urgency, HMS_URGENCY_NORMAL);
	assert_int_equal(d.timeout_ms, 2500);
	assert_false(d.persistent);
	/* the config decides, not the severity itself */
	p.mode[HMS_SEVERITY_INFO] = HMS_NOTIFY_PERSISTENT;
	ev = event(INFO, HMS_STATE_RAISED, 0);
	d = hms_tracker_decide(t, &ev, 40);
	assert_int_equal(d.action, HMS_ACTION_SHOW);
	assert_int_equal(d.urgency, HMS_URGENCY_CRITICAL);
	assert_true(d.persistent);
	hms_tracker_free(t);
}

static void the_decision_is_pure(void **state)
{
	const struct hms_memory open = { .open = true, .shown_ms = 1000 };
	const struct hms_memory shown = { .open = false, .shown_ms = 1000 };
	struct hms_event ev = event(SERIOUS, HMS_STATE_RAISED, 0);
	struct hms_policy p;
	int i;

	(void)state;
	hms_policy_defaults(&p);	/* grace_s 60 */
	/* the same question, the same answer: nothing is remembered */
	for (i = 0; i < 2; i++) {
		assert_int_equal(hms_policy_decide(&p, NULL, &ev, 1000).action, HMS_ACTION_SHOW);
		assert_int_equal(hms_policy_decide(&p, &open, &ev, 1000).action,
				 HMS_ACTION_UPDATE);
		assert_int_equal(hms_policy_decide(&p, &shown, &ev, 60999).action,
				 HMS_ACTION_NONE);
		assert_int_equal(hms_policy_decide(&p, &shown, &ev, 61000).action,
				 HMS_ACTION_SHOW);
	}
	ev.state = HMS_STATE_CLEARED;
	assert_int_equal(hms_policy_decide(&p, &open, &ev, 2000).action, HMS_ACTION_CLOSE);
	assert_int_equal(hms_policy_decide(&p, &shown, &ev, 2000).action, HMS_ACTION_NONE);
	assert_int_equal(hms_policy_decide(&p, NULL, &ev, 2000).action, HMS_ACTION_NONE);
	ev.state = HMS_STATE_ACKED;
	assert_int_equal(hms_policy_decide(&p, &open, &ev, 2000).action, HMS_ACTION_CLOSE);
	/* acknowledged in the kernel: a raise shows nothing new, but updates what is open */
	ev = event(SERIOUS, HMS_STATE_RAISED, HMS_F_ACKED | HMS_F_UPDATE);
	assert_int_equal(hms_policy_decide(&p, NULL, &ev, 2000).action, HMS_ACTION_NONE);
	assert_int_equal(hms_policy_decide(&p, &open, &ev, 2000).action, HMS_ACTION_UPDATE);
	/* closing says nothing of how a notification looks */
	ev.state = HMS_STATE_CLEARED;
	assert_false(hms_policy_decide(&p, &open, &ev, 2000).persistent);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults),
		cmocka_unit_test(reads_every_key),
		cmocka_unit_test(no_group_keeps_defaults),
		cmocka_unit_test(refuses_bad_values),
		cmocka_unit_test(names_every_bad_key),
		cmocka_unit_test(loads_files),
		cmocka_unit_test(decides_per_severity_and_state),
		cmocka_unit_test(follows_the_config),
		cmocka_unit_test(flaps_within_grace_stay_quiet),
		cmocka_unit_test(a_fatal_code_is_never_hidden),
		cmocka_unit_test(server_closes_and_memory_ends),
		cmocka_unit_test(forgets_what_was_not_shown),
		cmocka_unit_test(decisions_say_how_it_looks),
		cmocka_unit_test(the_decision_is_pure),
	};

	return cmocka_run_group_tests_name("policy", tests, NULL, NULL);
}
