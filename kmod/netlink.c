// SPDX-License-Identifier: GPL-2.0
/*
 * The "hms" generic netlink family: requests on the central table, and its
 * events multicast to the "events" group. The protocol is specified in
 * include/uapi/linux/hms.h.
 */

#include <net/genetlink.h>

#include "monitor.h"
#include "netlink.h"
#include "props.h"

static struct genl_family hms_family;
static struct hms_table *hms_table;

static const struct nla_policy hms_code_policy[HMS_A_CODE + 1] = {
	[HMS_A_CODE]	= { .type = NLA_U64 },
};

static const struct nla_policy hms_report_policy[HMS_A_SOURCE + 1] = {
	[HMS_A_CODE]	= { .type = NLA_U64 },
	[HMS_A_STATE]	= NLA_POLICY_RANGE(NLA_U8, HMS_STATE_RAISED, HMS_STATE_CLEARED),
	[HMS_A_VALUE]	= { .type = NLA_S64 },
	[HMS_A_SOURCE]	= { .type = NLA_NUL_STRING, .len = HMS_SOURCE_LEN - 1 },
};

#define NAME_POLICY	{ .type = NLA_NUL_STRING, .len = HMS_MON_NAME_LEN - 1 }

#define POLICY_U32		{ .type = NLA_U32 }
#define POLICY_S64		{ .type = NLA_S64 }
#define POLICY_CODE		{ .type = NLA_U64 }
#define POLICY_KIND_CODE	{ .type = NLA_U64 }
#define POLICY_FLAG		NLA_POLICY_MAX(NLA_U32, 1)
#define POLICY_ARMED		NLA_POLICY_MAX(NLA_U8, 1)
#define HMS_PROP(attr, type, kinds, fw_name, field) \
	[HMS_A_MON_##attr] = POLICY_##type,

const struct nla_policy hms_monitor_add_policy[HMS_A_MAX + 1] = {
	[HMS_A_MON_NAME]	= NAME_POLICY,
	[HMS_A_MON_KIND]	= NLA_POLICY_RANGE(NLA_U8, 1, HMS_MONITOR_MAX),
	[HMS_A_MON_SOURCE]	= NAME_POLICY,
#include "prop_list.h"
};

#undef HMS_PROP

static const struct nla_policy hms_monitor_del_policy[HMS_A_MON_NAME + 1] = {
	[HMS_A_MON_NAME]	= NAME_POLICY,
};

static const struct nla_policy hms_monitor_arm_policy[HMS_A_MON_ARMED + 1] = {
	[HMS_A_MON_NAME]	= NAME_POLICY,
	[HMS_A_MON_ARMED]	= NLA_POLICY_MAX(NLA_U8, 1),
};

size_t hms_netlink_entry_size(void)
{
	return nla_total_size_64bit(sizeof(u64)) * 8 +	/* code, seq, times, value, seen */
	       nla_total_size(sizeof(u8)) +		/* state */
	       nla_total_size(sizeof(u32)) * 2 +	/* flags, count */
	       nla_total_size(HMS_SOURCE_LEN);
}

int hms_netlink_put_entry(struct sk_buff *skb, const struct hms_entry *entry, u8 what,
			  u32 flags)
{
	if (nla_put_u64_64bit(skb, HMS_A_CODE, entry->code, HMS_A_PAD) ||
	    nla_put_u8(skb, HMS_A_STATE, what) ||
	    nla_put_u32(skb, HMS_A_FLAGS, flags) ||
	    nla_put_u64_64bit(skb, HMS_A_SEQ, entry->seq, HMS_A_PAD) ||
	    nla_put_u64_64bit(skb, HMS_A_TIME_REAL, entry->time_real, HMS_A_PAD) ||
	    nla_put_u64_64bit(skb, HMS_A_TIME_BOOT, entry->time_boot, HMS_A_PAD) ||
	    nla_put_s64(skb, HMS_A_VALUE, entry->value, HMS_A_PAD) ||
	    nla_put_string(skb, HMS_A_SOURCE, entry->source) ||
	    nla_put_u32(skb, HMS_A_COUNT, entry->count) ||
	    nla_put_u64_64bit(skb, HMS_A_FIRST_SEEN, entry->first_seen, HMS_A_PAD) ||
	    nla_put_u64_64bit(skb, HMS_A_LAST_SEEN, entry->last_seen, HMS_A_PAD))
		return -EMSGSIZE;
	return 0;
}

static u32 entry_flags(const struct hms_entry *entry)
{
	return entry->acked ? HMS_F_ACKED : 0;
}

void hms_netlink_notify(const struct hms_entry *entry, u8 what, u32 flags, void *priv)
{
	struct sk_buff *skb;
	void *hdr;

	if (!genl_has_listeners(&hms_family, &init_net, 0))
		return;

	/* On failure the event is lost; listeners see a gap in HMS_A_SEQ and resync. */
	skb = genlmsg_new(hms_netlink_entry_size(), GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &hms_family, 0, HMS_CMD_EVENT);
	if (!hdr || hms_netlink_put_entry(skb, entry, what, flags)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast(&hms_family, skb, 0, 0, GFP_KERNEL);
}

/* Checks HMS_A_CODE, which the caller has made sure is there. */
static int get_code(struct genl_info *info, u64 *code)
{
	struct nlattr *attr = info->attrs[HMS_A_CODE];

	*code = nla_get_u64(attr);
	if (!hms_code_valid(*code)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "code severity must be 1 (fatal) to 4 (info)");
		return -EINVAL;
	}
	return 0;
}

/* Replies to @info with one message of @cmd, written by @fill. */
static int reply(struct genl_info *info, u8 cmd, size_t size,
		 int (*fill)(struct sk_buff *msg, const void *data), const void *data)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(size, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &hms_family, 0, cmd);
	if (!hdr || fill(msg, data)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int fill_entry(struct sk_buff *msg, const void *data)
{
	const struct hms_entry *entry = data;

	return hms_netlink_put_entry(msg, entry, HMS_STATE_RAISED, entry_flags(entry));
}

static int hms_nl_get_code_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hms_entry entry;
	u64 code;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, HMS_A_CODE))
		return -EINVAL;
	err = get_code(info, &code);
	if (err)
		return err;

	err = hms_table_get(hms_table, code, &entry);
	if (err) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[HMS_A_CODE], "code is not active");
		return err;
	}
	return reply(info, HMS_CMD_GET_CODE, hms_netlink_entry_size(), fill_entry, &entry);
}

struct dump_ctx {
	struct sk_buff *skb;
	struct netlink_callback *cb;
};

/* Starts one message of a dump; NULL when this part is full. */
static void *dump_put(struct dump_ctx *ctx, u8 cmd)
{
	return genlmsg_put(ctx->skb, NETLINK_CB(ctx->cb->skb).portid, ctx->cb->nlh->nlmsg_seq,
			   &hms_family, NLM_F_MULTI, cmd);
}

static int dump_entry(const struct hms_entry *entry, void *data)
{
	struct dump_ctx *ctx = data;
	void *hdr;

	hdr = dump_put(ctx, HMS_CMD_GET_CODE);
	if (!hdr)
		return -EMSGSIZE;
	if (hms_netlink_put_entry(ctx->skb, entry, HMS_STATE_RAISED, entry_flags(entry))) {
		genlmsg_cancel(ctx->skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(ctx->skb, hdr);
	return 0;
}

/* A full skb ends this part of the dump; the next part resumes. */
static int dump_result(struct sk_buff *skb, int err)
{
	if (err && !skb->len)
		return err;
	return skb->len;
}

/* Where the dump resumes: the next code, so that changes never restart it. */
struct code_dump {
	u64 next;
};

static int hms_nl_get_code_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct code_dump *state = (struct code_dump *)cb->ctx;
	struct nlattr *code = genl_dumpit_info(cb)->attrs[HMS_A_CODE];
	struct dump_ctx ctx = { .skb = skb, .cb = cb };
	int err;

	BUILD_BUG_ON(sizeof(*state) > sizeof(cb->ctx));
	/* The policy is the doit's too: a code is refused here, not ignored. */
	if (code) {
		NL_SET_ERR_MSG_ATTR(cb->extack, code, "a dump takes no code");
		return -EINVAL;
	}
	err = hms_table_dump(hms_table, &state->next, dump_entry, &ctx);
	return dump_result(skb, err);
}

static int hms_nl_report_doit(struct sk_buff *skb, struct genl_info *info)
{
	const char *source = current->comm;
	s64 value = 0;
	u64 code;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, HMS_A_CODE) || GENL_REQ_ATTR_CHECK(info, HMS_A_STATE))
		return -EINVAL;
	err = get_code(info, &code);
	if (err)
		return err;

	if (nla_get_u8(info->attrs[HMS_A_STATE]) == HMS_STATE_CLEARED) {
		err = hms_table_clear(hms_table, code);
		if (err)
			NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[HMS_A_CODE],
					    "code is not active");
		return err;
	}

	if (info->attrs[HMS_A_VALUE])
		value = nla_get_s64(info->attrs[HMS_A_VALUE]);
	if (info->attrs[HMS_A_SOURCE])
		source = nla_data(info->attrs[HMS_A_SOURCE]);
	err = hms_table_raise(hms_table, code, value, source);
	if (err == -ENOSPC)
		NL_SET_ERR_MSG(info->extack, "table of active codes is full (max_codes)");
	return err;
}

static int hms_nl_ack_doit(struct sk_buff *skb, struct genl_info *info)
{
	u64 code;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, HMS_A_CODE))
		return -EINVAL;
	err = get_code(info, &code);
	if (err)
		return err;

	err = hms_table_ack(hms_table, code);
	if (err)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[HMS_A_CODE], "code is not active");
	return err;
}

static int fill_stats(struct sk_buff *msg, const void *data)
{
	const struct hms_table_stats *stats = data;

	return nla_put_u32(msg, HMS_A_STATS_ACTIVE, stats->active) ||
	       nla_put_u32(msg, HMS_A_STATS_CAPACITY, stats->capacity) ||
	       nla_put_u64_64bit(msg, HMS_A_STATS_RAISED, stats->raised, HMS_A_PAD) ||
	       nla_put_u64_64bit(msg, HMS_A_STATS_CLEARED, stats->cleared, HMS_A_PAD) ||
	       nla_put_u64_64bit(msg, HMS_A_STATS_ACKED, stats->acked, HMS_A_PAD) ||
	       nla_put_u64_64bit(msg, HMS_A_STATS_DROPPED, stats->dropped, HMS_A_PAD) ||
	       nla_put_u64_64bit(msg, HMS_A_STATS_SEQ, stats->seq, HMS_A_PAD) ||
	       nla_put_u32(msg, HMS_A_STATS_FLAP_WINDOW, stats->flap_window_ms);
}

static int hms_nl_get_stats_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hms_table_stats stats;

	hms_table_get_stats(hms_table, &stats);
	return reply(info, HMS_CMD_GET_STATS, NLMSG_GOODSIZE, fill_stats, &stats);
}

static void get_prop(const struct hms_prop *prop, const struct nlattr *attr,
		     struct hms_monitor_spec *spec)
{
	void *field = hms_prop_field(prop, spec);

	switch (prop->type) {
	case HMS_PROP_U32:
		*(u32 *)field = nla_get_u32(attr);
		break;
	case HMS_PROP_S64:
		*(s64 *)field = nla_get_s64(attr);
		break;
	case HMS_PROP_CODE:
	case HMS_PROP_KIND_CODE:
		*(u64 *)field = nla_get_u64(attr);
		break;
	case HMS_PROP_FLAG:
		*(bool *)field = nla_get_u32(attr);
		break;
	case HMS_PROP_ARMED:
		*(bool *)field = nla_get_u8(attr);
		break;
	}
}

/*
 * For the messages monitor.c and the kinds choose, which firmware shares:
 * NL_SET_ERR_MSG() takes a string literal only (6.1 has no _FMT variant).
 */
static void set_error(struct netlink_ext_ack *extack, const struct nlattr *attr, const char *why)
{
	if (!extack)
		return;
	extack->_msg = why;
	if (attr)
		NL_SET_BAD_ATTR(extack, attr);
}

void hms_netlink_get_props(struct nlattr **attrs, struct hms_monitor_spec *spec)
{
	const struct hms_prop *prop;

	for (prop = hms_props; prop < HMS_PROPS_END; prop++) {
		if (attrs[prop->attr] && hms_prop_applies(prop, spec->kind))
			get_prop(prop, attrs[prop->attr], spec);
	}
}

static int hms_nl_monitor_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hms_monitor_spec spec;
	const char *why = NULL;
	int bad_attr, err;

	if (GENL_REQ_ATTR_CHECK(info, HMS_A_MON_NAME) ||
	    GENL_REQ_ATTR_CHECK(info, HMS_A_MON_KIND) ||
	    GENL_REQ_ATTR_CHECK(info, HMS_A_MON_SOURCE))
		return -EINVAL;

	hms_monitor_spec_init(&spec);
	nla_strscpy(spec.name, info->attrs[HMS_A_MON_NAME], sizeof(spec.name));
	spec.kind = nla_get_u8(info->attrs[HMS_A_MON_KIND]);
	nla_strscpy(spec.source, info->attrs[HMS_A_MON_SOURCE], sizeof(spec.source));
	hms_netlink_get_props(info->attrs, &spec);

	bad_attr = hms_monitor_spec_check(&spec, &why);
	if (bad_attr) {
		/* Point at the property at fault, if it was given. */
		set_error(info->extack, info->attrs[bad_attr], why);
		return -EINVAL;
	}
	err = hms_monitor_add(&spec, &why);
	if (err)
		set_error(info->extack, NULL, why);
	return err;
}

static int hms_nl_monitor_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	if (GENL_REQ_ATTR_CHECK(info, HMS_A_MON_NAME))
		return -EINVAL;
	err = hms_monitor_del(nla_data(info->attrs[HMS_A_MON_NAME]));
	if (err)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[HMS_A_MON_NAME],
				    "no monitor of that name");
	return err;
}

static int hms_nl_monitor_arm_doit(struct sk_buff *skb, struct genl_info *info)
{
	const char *why = NULL;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, HMS_A_MON_NAME) ||
	    GENL_REQ_ATTR_CHECK(info, HMS_A_MON_ARMED))
		return -EINVAL;
	err = hms_monitor_arm(nla_data(info->attrs[HMS_A_MON_NAME]),
			      nla_get_u8(info->attrs[HMS_A_MON_ARMED]), &why);
	if (err)
		set_error(info->extack, info->attrs[HMS_A_MON_NAME], why);
	return err;
}

static int put_prop(struct sk_buff *skb, const struct hms_prop *prop,
		    const struct hms_monitor_spec *spec)
{
	const void *field = hms_prop_field(prop, spec);

	switch (prop->type) {
	case HMS_PROP_U32:
		return nla_put_u32(skb, prop->attr, *(const u32 *)field);
	case HMS_PROP_S64:
		return nla_put_s64(skb, prop->attr, *(const s64 *)field, HMS_A_PAD);
	case HMS_PROP_CODE:
	case HMS_PROP_KIND_CODE:
		return nla_put_u64_64bit(skb, prop->attr, *(const u64 *)field, HMS_A_PAD);
	case HMS_PROP_FLAG:
		return nla_put_u32(skb, prop->attr, *(const bool *)field);
	case HMS_PROP_ARMED:
		return nla_put_u8(skb, prop->attr, *(const bool *)field);
	}
	return 0;
}

int hms_netlink_put_props(struct sk_buff *skb, const struct hms_monitor_spec *spec)
{
	const struct hms_prop *prop;

	for (prop = hms_props; prop < HMS_PROPS_END; prop++) {
		if (hms_prop_shown(prop, spec) && put_prop(skb, prop, spec))
			return -EMSGSIZE;
	}
	return 0;
}

static int dump_monitor(const struct hms_monitor_status *status, void *data)
{
	const struct hms_monitor_spec *spec = &status->spec;
	struct dump_ctx *ctx = data;
	struct sk_buff *skb = ctx->skb;
	void *hdr;

	hdr = dump_put(ctx, HMS_CMD_MONITOR_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, HMS_A_MON_NAME, spec->name) ||
	    nla_put_u8(skb, HMS_A_MON_KIND, spec->kind) ||
	    nla_put_string(skb, HMS_A_MON_SOURCE, spec->source) ||
	    hms_netlink_put_props(skb, spec) ||
	    nla_put_s64(skb, HMS_A_MON_VALUE, status->value, HMS_A_PAD) ||
	    nla_put_u8(skb, HMS_A_MON_LEVEL, status->level)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int hms_nl_monitor_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct dump_ctx ctx = { .skb = skb, .cb = cb };
	unsigned long sent = cb->args[0];
	int err;

	err = hms_monitor_dump(&sent, dump_monitor, &ctx);
	cb->args[0] = sent;
	return dump_result(skb, err);
}

static const struct genl_ops hms_ops[] = {
	{
		.cmd = HMS_CMD_GET_CODE,
		.doit = hms_nl_get_code_doit,
		.dumpit = hms_nl_get_code_dumpit,
		.policy = hms_code_policy,
		.maxattr = ARRAY_SIZE(hms_code_policy) - 1,
	},
	{
		.cmd = HMS_CMD_REPORT,
		.doit = hms_nl_report_doit,
		.policy = hms_report_policy,
		.maxattr = ARRAY_SIZE(hms_report_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = HMS_CMD_ACK,
		.doit = hms_nl_ack_doit,
		.policy = hms_code_policy,
		.maxattr = ARRAY_SIZE(hms_code_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	},
	{
		/* No policy: the core rejects any attribute. */
		.cmd = HMS_CMD_GET_STATS,
		.doit = hms_nl_get_stats_doit,
	},
	{
		.cmd = HMS_CMD_MONITOR_ADD,
		.doit = hms_nl_monitor_add_doit,
		.policy = hms_monitor_add_policy,
		.maxattr = ARRAY_SIZE(hms_monitor_add_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = HMS_CMD_MONITOR_DEL,
		.doit = hms_nl_monitor_del_doit,
		.policy = hms_monitor_del_policy,
		.maxattr = ARRAY_SIZE(hms_monitor_del_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = HMS_CMD_MONITOR_GET,
		.dumpit = hms_nl_monitor_get_dumpit,
	},
	{
		.cmd = HMS_CMD_MONITOR_ARM,
		.doit = hms_nl_monitor_arm_doit,
		.policy = hms_monitor_arm_policy,
		.maxattr = ARRAY_SIZE(hms_monitor_arm_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	},
};

static const struct genl_multicast_group hms_mcgrps[] = {
	{ .name = HMS_GENL_MCGRP_EVENTS },
};

static struct genl_family hms_family __ro_after_init = {
	.name = HMS_GENL_NAME,
	.version = HMS_GENL_VERSION,
	.module = THIS_MODULE,
	.ops = hms_ops,
	.n_ops = ARRAY_SIZE(hms_ops),
	.mcgrps = hms_mcgrps,
	.n_mcgrps = ARRAY_SIZE(hms_mcgrps),
};

int hms_netlink_init(struct hms_table *table)
{
	hms_table = table;
	return genl_register_family(&hms_family);
}

void hms_netlink_exit(void)
{
	genl_unregister_family(&hms_family);
}
