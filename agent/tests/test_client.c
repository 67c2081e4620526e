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

static int parse(struct nl_msg *msg, struct hms_event *ev, char *error)
{
	int err = hms_parse_event(msg, ev, error, 128);

	nlmsg_free(msg);
	return err;
}

static void reads_an_event(void **state)
{
	struct hms_event ev;
	char error[128] = "";

	(void)state;
	assert_int_equal(parse(full_event(), &ev, error), 0);
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
	char error[128] = "";

	(void)state;
	nla_put_u8(msg, HMS_A_STATE, HMS_STATE_RAISED);
	nla_put_u64(msg, HMS_A_SEQ, 1);
	assert_int_equal(parse(msg, &ev, error), -EINVAL);
	assert_non_null(strstr(error, "malformed hms message"));
}

static void rejects_short_attribute(void **state)
{
	struct nl_msg *msg = new_event();
	struct hms_event ev;
	char error[128] = "";
	uint32_t half = 7;

	(void)state;
	nla_put(msg, HMS_A_CODE, sizeof(half), &half);	/* a u64 in four bytes */
	nla_put_u8(msg, HMS_A_STATE, HMS_STATE_RAISED);
	nla_put_u64(msg, HMS_A_SEQ, 1);
	assert_int_equal(parse(msg, &ev, error), -EINVAL);
	assert_non_null(strstr(error, "malformed hms message"));
}

static void rejects_bad_source(void **state)
{
	char longname[HMS_SOURCE_LEN + 8];
	struct hms_event ev;
	char error[128] = "";
	struct nl_msg *msg;

	(void)state;
	msg = full_event();
	nla_put(msg, HMS_A_SOURCE, 3, "abc");		/* not NUL-terminated */
	assert_int_equal(parse(msg, &ev, error), -EINVAL);

	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	msg = new_event();
	nla_put_u64(msg, HMS_A_CODE, 0x0300010000010007ULL);
	nla_put_u8(msg, HMS_A_STATE, HMS_STATE_RAISED);
	nla_put_u64(msg, HMS_A_SEQ, 1);
	nla_put_string(msg, HMS_A_SOURCE, longname);
	assert_int_equal(parse(msg, &ev, error), -EINVAL);
}

static void ignores_unknown_attributes(void **state)
{
	struct nl_msg *msg = full_event();
	struct hms_event ev;
	char error[128] = "";

	(void)state;
	/* A newer kernel may add attributes: they are skipped, not fatal. */
	nla_put_u32(msg, HMS_A_MAX + 5, 1);
	assert_int_equal(parse(msg, &ev, error), 0);
	assert_true(ev.seq == 9);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_an_event),
		cmocka_unit_test(rejects_missing_code),
		cmocka_unit_test(rejects_short_attribute),
		cmocka_unit_test(rejects_bad_source),
		cmocka_unit_test(ignores_unknown_attributes),
	};

	return cmocka_run_group_tests_name("client", tests, NULL, NULL);
}
