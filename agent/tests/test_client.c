// SPDX-License-Identifier: GPL-2.0
/* Unit tests for reading hms messages, well-formed and malformed. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <netlink/genl/genl.h>

#include "client.h"

#define FAMILY 0x20

static struct nl_msg *new_event(void)
{
	struct nl_msg *msg = nlmsg_alloc();

	assert_non_null(msg);
	assert_non_null(genlmsg_put(msg, 0, 0, FAMILY, 0, 0, HMS_CMD_EVENT, HMS_GENL_VERSION));
	return msg;
}

static struct nl_msg *full_event(void)
{
	struct nl_msg *msg = new_event();

	assert_int_equal(nla_put_u64(msg, HMS_A_CODE, 0x0300010000010007ULL), 0);
	assert_int_equal(nla_put_u8(msg, HMS_A_STATE, HMS_STATE_RAISED), 0);
	assert_int_equal(nla_put_u32(msg, HMS_A_FLAGS, HMS_F_UPDATE), 0);
	assert_int_equal(nla_put_u64(msg, HMS_A_SEQ, 9), 0);
	assert_int_equal(nla_put_s64(msg, HMS_A_VALUE, -40), 0);
	assert_int_equal(nla_put_string(msg, HMS_A_SOURCE, "bed"), 0);
	assert_int_equal(nla_put_u32(msg, HMS_A_COUNT, 2), 0);
	assert_int_equal(nla_put_u64(msg, HMS_A_FIRST_SEEN, 100), 0);
	return msg;
}

/* Parses @msg, which it frees; a failure says why in @error, a success leaves it unset. */
static int parse(struct nl_msg *msg, struct hms_event *ev, GError **error)
{
	int err = hms_parse_event(msg, ev, error);

	nlmsg_free(msg);
	if (err)
		assert_true(g_error_matches(*error, HMS_ERROR, HMS_ERROR_PARSE));
	else
		assert_null(*error);
	return err;
}

static void reads_an_event(void **state)
{
	struct hms_event ev;
	g_autoptr(GError) error = NULL;

	(void)state;
	assert_int_equal(parse(full_event(), &ev, &error), 0);
	assert_true(ev.code == 0x0300010000010007ULL);
	assert_int_equal(ev.state, HMS_STATE_RAISED);
	assert_int_equal(ev.flags, HMS_F_UPDATE);
	assert_true(ev.seq == 9);
	assert_true(ev.value == -40);
	assert_string_equal(ev.source, "bed");
	assert_int_equal(ev.count, 2);
	assert_true(ev.first_seen == 100);
	assert_true(ev.last_seen == 0);	/* absent: zero */
}

static void rejects_missing_code(void **state)
{
	struct nl_msg *msg = new_event();
	struct hms_event ev;
	g_autoptr(GError) error = NULL;

	(void)state;
	nla_put_u8(msg, HMS_A_STATE, HMS_STATE_RAISED);
	nla_put_u64(msg, HMS_A_SEQ, 1);
	assert_int_equal(parse(msg, &ev, &error), -EINVAL);
	assert_non_null(strstr(error->message, "malformed hms message"));
}

static void rejects_short_attribute(void **state)
{
	struct nl_msg *msg = new_event();
	struct hms_event ev;
	g_autoptr(GError) error = NULL;
	uint32_t half = 7;

	(void)state;
	nla_put(msg, HMS_A_CODE, sizeof(half), &half);	/* a u64 in four bytes */
	nla_put_u8(msg, HMS_A_STATE, HMS_STATE_RAISED);
	nla_put_u64(msg, HMS_A_SEQ, 1);
	assert_int_equal(parse(msg, &ev, &error), -EINVAL);
	assert_non_null(strstr(error->message, "malformed hms message"));
}

static void rejects_bad_source(void **state)
{
	char longname[HMS_SOURCE_LEN + 8];
	struct hms_event ev;
	g_autoptr(GError) error = NULL;
	struct nl_msg *msg;

	(void)state;
	msg = full_event();
	nla_put(msg, HMS_A_SOURCE, 3, "abc");		/* not NUL-terminated */
	assert_int_equal(parse(msg, &ev, &error), -EINVAL);
	g_clear_error(&error);

	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	msg = new_event();
	nla_put_u64(msg, HMS_A_CODE, 0x0300010000010007ULL);
	nla_put_u8(msg, HMS_A_STATE, HMS_STATE_RAISED);
	nla_put_u64(msg, HMS_A_SEQ, 1);
	nla_put_string(msg, HMS_A_SOURCE, longname);
	assert_int_equal(parse(msg, &ev, &error), -EINVAL);
}

static void ignores_unknown_attributes(void **state)
{
	struct nl_msg *msg = full_event();
	struct hms_event ev;
	g_autoptr(GError) error = NULL;

	(void)state;
	/* A newer kernel may add attributes: they are skipped, not fatal. */
	nla_put_u32(msg, HMS_A_MAX + 5, 1);
	assert_int_equal(parse(msg, &ev, &error), 0);
	assert_true(ev.seq == 9);
}

static struct nl_msg *new_monitor(const char *name, uint8_t kind)
{
	struct nl_msg *msg = nlmsg_alloc();

	assert_non_null(msg);
	assert_non_null(genlmsg_put(msg, 0, 0, FAMILY, 0, 0, HMS_CMD_MONITOR_GET,
				    HMS_GENL_VERSION));
	if (name)
		assert_int_equal(nla_put_string(msg, HMS_A_MON_NAME, name), 0);
	assert_int_equal(nla_put_u8(msg, HMS_A_MON_KIND, kind), 0);
	assert_int_equal(nla_put_string(msg, HMS_A_MON_SOURCE, "fan-gpio"), 0);
	return msg;
}

static int parse_monitor(struct nl_msg *msg, struct hms_monitor_conf *conf, GError **error)
{
	int err = hms_parse_monitor(msg, conf, error);

	nlmsg_free(msg);
	if (err)
		assert_true(g_error_matches(*error, HMS_ERROR, HMS_ERROR_PARSE));
	else
		assert_null(*error);
	return err;
}

static size_t prop_index(const char *key)
{
	const struct hms_prop *prop = hms_prop_by_key(key);

	assert_non_null(prop);
	return (size_t)(prop - hms_props);
}

/* A value of each type at its edge, for every property: what is put is read back. */
static void reads_every_property_of_a_monitor(void **state)
{
	g_autoptr(GError) error = NULL;
	struct hms_monitor_conf conf;
	struct nl_msg *msg = new_monitor("hotend-fan", HMS_MONITOR_TACH);
	int64_t values[HMS_PROPS_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < hms_n_props; i++) {
		switch (hms_props[i].type) {
		case HMS_PROP_U32:
			values[i] = UINT32_MAX - (int64_t)i;
			break;
		case HMS_PROP_S64:
			values[i] = INT64_MIN + (int64_t)i;
			break;
		case HMS_PROP_CODE:
			values[i] = (int64_t)(0xff00000000040000ULL | i);
			break;
		default:
			values[i] = 1;
		}
		assert_int_equal(hms_prop_put(&hms_props[i], msg, values[i]), 0);
	}
	assert_int_equal(nla_put_s64(msg, HMS_A_MON_VALUE, 1200), 0);
	assert_int_equal(nla_put_u8(msg, HMS_A_MON_LEVEL, HMS_LEVEL_LOW), 0);
	assert_int_equal(parse_monitor(msg, &conf, &error), 0);
	assert_string_equal(conf.name, "hotend-fan");
	assert_string_equal(conf.source, "fan-gpio");
	assert_int_equal(conf.kind, HMS_MONITOR_TACH);
	assert_true(conf.value == 1200);
	assert_int_equal(conf.level, HMS_LEVEL_LOW);
	for (i = 0; i < hms_n_props; i++) {
		if (!(conf.present & (1U << i)) || conf.values[i] != values[i])
			fail_msg("%s: not read back", hms_props[i].key);
		/* Shown for a tach monitor only if it configures one. */
		assert_int_equal(hms_monitor_shows(&conf, i),
				 !!(hms_props[i].kinds & HMS_K_TACH));
	}
}

static void a_monitor_shows_what_the_kernel_sent(void **state)
{
	g_autoptr(GError) error = NULL;
	struct hms_monitor_conf conf;
	struct nl_msg *msg = new_monitor("nozzle", HMS_MONITOR_THERMAL);

	(void)state;
	assert_int_equal(nla_put_u32(msg, HMS_A_MON_PERIOD_MS, 20), 0);
	assert_int_equal(nla_put_s64(msg, HMS_A_MON_HIGH, 300000), 0);
	assert_int_equal(nla_put_u64(msg, HMS_A_MON_HIGH_CODE, 0x0300020000010003ULL), 0);
	assert_int_equal(parse_monitor(msg, &conf, &error), 0);
	assert_true(hms_monitor_shows(&conf, prop_index("period_ms")));
	assert_true(conf.values[prop_index("high")] == 300000);
	assert_true((uint64_t)conf.values[prop_index("high_code")] == 0x0300020000010003ULL);
	assert_false(hms_monitor_shows(&conf, prop_index("low")));
	assert_false(hms_monitor_shows(&conf, prop_index("armed")));
	assert_true(conf.value == 0);	/* absent: zero */
}

static void rejects_a_malformed_monitor(void **state)
{
	g_autoptr(GError) error = NULL;
	struct hms_monitor_conf conf;
	struct nl_msg *msg;

	(void)state;
	msg = new_monitor(NULL, HMS_MONITOR_GPIO);
	assert_int_equal(parse_monitor(msg, &conf, &error), -EINVAL);
	assert_non_null(strstr(error->message, "malformed hms message: attribute"));
	g_clear_error(&error);

	/* A property of the wrong size: its policy comes from the table. */
	msg = new_monitor("cover", HMS_MONITOR_GPIO);
	assert_int_equal(nla_put_u8(msg, HMS_A_MON_LINE, 3), 0);
	assert_int_equal(parse_monitor(msg, &conf, &error), -EINVAL);
	assert_non_null(strstr(error->message, "malformed hms message"));
	g_clear_error(&error);

	msg = new_monitor("fan", HMS_MONITOR_TACH);
	assert_int_equal(nla_put_u32(msg, HMS_A_MON_CODE, 1), 0);	/* a u64 */
	assert_int_equal(parse_monitor(msg, &conf, &error), -EINVAL);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_an_event),
		cmocka_unit_test(rejects_missing_code),
		cmocka_unit_test(rejects_short_attribute),
		cmocka_unit_test(rejects_bad_source),
		cmocka_unit_test(ignores_unknown_attributes),
		cmocka_unit_test(reads_every_property_of_a_monitor),
		cmocka_unit_test(a_monitor_shows_what_the_kernel_sent),
		cmocka_unit_test(rejects_a_malformed_monitor),
	};

	return cmocka_run_group_tests_name("client", tests, NULL, NULL);
}
