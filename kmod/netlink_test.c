// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the messages hms sends: every attribute is there, with
 * its value, and the size estimate holds for the longest entry; a monitor's
 * properties come back from a dump as they went in.
 */

#include <kunit/test.h>
#include <net/netlink.h>

#include "monitor.h"
#include "netlink.h"
#include "props.h"

static const struct hms_entry sample = {
	.code = 0x0300010000010007ULL,
	.acked = true,
	.value = -5,
	.source = "bed-thermistor",
	.count = 3,
	.first_seen = 1000,
	.last_seen = 2000,
	.seq = 77,
	.time_real = 1700000000000000000ULL,
	.time_boot = 2500,
};

static struct sk_buff *put_sample(struct kunit *test, const struct hms_entry *entry)
{
	struct sk_buff *skb = alloc_skb(hms_netlink_entry_size(), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, hms_netlink_put_entry(skb, entry, HMS_STATE_CLEARED, HMS_F_ACKED),
			0);
	return skb;
}

static void entry_attributes(struct kunit *test)
{
	struct sk_buff *skb = put_sample(test, &sample);
	struct nlattr *tb[HMS_A_MAX + 1] = {};
	const struct nlattr *attr;
	int rem;

	nla_for_each_attr(attr, (struct nlattr *)skb->data, skb->len, rem) {
		int type = nla_type(attr);

		KUNIT_ASSERT_LE(test, type, HMS_A_MAX);
		if (type != HMS_A_PAD) {
			KUNIT_EXPECT_NULL_MSG(test, tb[type], "attribute %d twice", type);
			tb[type] = (struct nlattr *)attr;
		}
		/* Where unaligned access is slow, 64-bit values are padded to align. */
		if (!IS_ENABLED(CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS) &&
		    nla_len(attr) == sizeof(u64))
			KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)nla_data(attr), 8));
	}
	KUNIT_EXPECT_EQ(test, rem, 0);

	KUNIT_ASSERT_NOT_NULL(test, tb[HMS_A_CODE]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[HMS_A_CODE]), sample.code);
	KUNIT_ASSERT_NOT_NULL(test, tb[HMS_A_STATE]);
	KUNIT_EXPECT_EQ(test, nla_get_u8(tb[HMS_A_STATE]), HMS_STATE_CLEARED);
	KUNIT_ASSERT_NOT_NULL(test, tb[HMS_A_FLAGS]);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[HMS_A_FLAGS]), (u32)HMS_F_ACKED);
	KUNIT_ASSERT_NOT_NULL(test, tb[HMS_A_SEQ]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[HMS_A_SEQ]), 77ULL);
	KUNIT_ASSERT_NOT_NULL(test, tb[HMS_A_TIME_REAL]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[HMS_A_TIME_REAL]), sample.time_real);
	KUNIT_ASSERT_NOT_NULL(test, tb[HMS_A_TIME_BOOT]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[HMS_A_TIME_BOOT]), 2500ULL);
	KUNIT_ASSERT_NOT_NULL(test, tb[HMS_A_VALUE]);
	KUNIT_EXPECT_EQ(test, nla_get_s64(tb[HMS_A_VALUE]), -5LL);
	KUNIT_ASSERT_NOT_NULL(test, tb[HMS_A_SOURCE]);
	KUNIT_EXPECT_STREQ(test, (char *)nla_data(tb[HMS_A_SOURCE]), "bed-thermistor");
	KUNIT_ASSERT_NOT_NULL(test, tb[HMS_A_COUNT]);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[HMS_A_COUNT]), 3U);
	KUNIT_ASSERT_NOT_NULL(test, tb[HMS_A_FIRST_SEEN]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[HMS_A_FIRST_SEEN]), 1000ULL);
	KUNIT_ASSERT_NOT_NULL(test, tb[HMS_A_LAST_SEEN]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[HMS_A_LAST_SEEN]), 2000ULL);

	kfree_skb(skb);
}

static void size_fits_longest_entry(struct kunit *test)
{
	struct hms_entry entry = sample;
	struct sk_buff *skb;

	memset(entry.source, 'x', sizeof(entry.source) - 1);
	skb = put_sample(test, &entry);
	KUNIT_EXPECT_LE(test, skb->len, hms_netlink_entry_size());
	kfree_skb(skb);
}

/* Every property @kind has, each with a value of its own, none the default. */
static void distinct_spec(struct hms_monitor_spec *spec, u8 kind)
{
	const struct hms_prop *prop;
	u32 n = 1;

	hms_monitor_spec_init(spec);
	spec->kind = kind;
	for (prop = hms_props; prop < HMS_PROPS_END; prop++, n++) {
		void *field = hms_prop_field(prop, spec);

		if (!(prop->kinds & BIT(kind)))
			continue;
		switch (prop->type) {
		case HMS_PROP_U32:
			*(u32 *)field = 100 + n;
			break;
		case HMS_PROP_S64:
			*(s64 *)field = -1000LL * n;
			break;
		case HMS_PROP_CODE:
		case HMS_PROP_KIND_CODE:
			*(u64 *)field = HMS_CODE(HMS_MODULE_MC, 0, n, HMS_SEVERITY_SERIOUS, n);
			break;
		case HMS_PROP_FLAG:
		case HMS_PROP_ARMED:
			*(bool *)field = !*(bool *)field;
			break;
		}
	}
}

static void props_round_trip(struct kunit *test)
{
	struct hms_monitor_spec sent, back;
	const struct hms_prop *prop;
	u8 kind;

	for (kind = 1; kind <= HMS_MONITOR_MAX; kind++) {
		struct nlattr *tb[HMS_A_MAX + 1];
		struct sk_buff *skb = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);

		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, skb);
		distinct_spec(&sent, kind);
		KUNIT_ASSERT_EQ(test, hms_netlink_put_props(skb, &sent), 0);
		/* What a dump writes, the monitor-add policy takes. */
		KUNIT_ASSERT_EQ(test, nla_parse(tb, HMS_A_MAX, (struct nlattr *)skb->data, skb->len,
						hms_monitor_add_policy, NULL), 0);
		hms_monitor_spec_init(&back);
		back.kind = kind;
		hms_netlink_get_props(tb, &back);
		for (prop = hms_props; prop < HMS_PROPS_END; prop++) {
			if (!(prop->kinds & BIT(kind)))
				continue;
			KUNIT_EXPECT_NOT_NULL_MSG(test, tb[prop->attr], "%s of kind %u",
						  prop->fw_name, kind);
		}
		KUNIT_EXPECT_EQ_MSG(test, memcmp(&back, &sent, sizeof(sent)), 0, "kind %u", kind);
		kfree_skb(skb);
	}
}

static void every_property_has_a_policy(struct kunit *test)
{
	const struct hms_prop *prop;

	for (prop = hms_props; prop < HMS_PROPS_END; prop++)
		KUNIT_EXPECT_NE_MSG(test, hms_monitor_add_policy[prop->attr].type, NLA_UNSPEC,
				    "%s", prop->fw_name);
}

static struct kunit_case netlink_test_cases[] = {
	KUNIT_CASE(entry_attributes),
	KUNIT_CASE(size_fits_longest_entry),
	KUNIT_CASE(props_round_trip),
	KUNIT_CASE(every_property_has_a_policy),
	{}
};

static struct kunit_suite netlink_test_suite = {
	.name = "hms_netlink",
	.test_cases = netlink_test_cases,
};

kunit_test_suite(netlink_test_suite);
