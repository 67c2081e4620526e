// SPDX-License-Identifier: GPL-2.0
/*
 * nlpolicy - prints the policy a generic netlink family enforces, as the
 * kernel reports it (CTRL_CMD_GETPOLICY), one line per attribute a
 * command's doit accepts:
 *
 *   CMD ATTR TYPE [min=N max=N] [max-len=N]
 *
 * numbers for CMD and ATTR, sorted, so that it compares with what
 * tests/uapi/check-spec.py --policy derives from the YAML spec.
 *
 * usage: nlpolicy [FAMILY]   (default hms)
 * Exit status: 0, 1 no such family or no policy.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>

#include "rawnl.h"

#define MAX_CMDS	256
#define MAX_POLICIES	64
#define MAX_ATTRS	128
#define LINE_LEN	96

static int64_t do_policy[MAX_CMDS];	/* the doit's policy index, or -1 */
static char attrs[MAX_POLICIES][MAX_ATTRS][LINE_LEN];

static const char *type_name(uint32_t type)
{
	static const char *const names[] = {
		[NL_ATTR_TYPE_FLAG] = "flag",	[NL_ATTR_TYPE_U8] = "u8",
		[NL_ATTR_TYPE_U16] = "u16",	[NL_ATTR_TYPE_U32] = "u32",
		[NL_ATTR_TYPE_U64] = "u64",	[NL_ATTR_TYPE_S8] = "s8",
		[NL_ATTR_TYPE_S16] = "s16",	[NL_ATTR_TYPE_S32] = "s32",
		[NL_ATTR_TYPE_S64] = "s64",	[NL_ATTR_TYPE_BINARY] = "binary",
		/* What the YAML calls a string is NUL-terminated. */
		[NL_ATTR_TYPE_STRING] = "unterminated-string",
		[NL_ATTR_TYPE_NUL_STRING] = "string",
		[NL_ATTR_TYPE_NESTED] = "nest",
	};

	return type < sizeof(names) / sizeof(names[0]) && names[type] ? names[type] : "other";
}

/* "TYPE [min=N max=N] [max-len=N]" of one attribute's policy. */
static void describe(const struct nlattr *nest, char *out)
{
	const struct nlattr *tb[NL_POLICY_TYPE_ATTR_MAX + 1];
	int n;

	if (rawnl_parse_nested(nest, tb, NL_POLICY_TYPE_ATTR_MAX))
		return;
	n = snprintf(out, LINE_LEN, "%s", type_name(rawnl_u32(tb[NL_POLICY_TYPE_ATTR_TYPE])));
	if (tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U])
		n += snprintf(out + n, LINE_LEN - n, " min=%" PRIu64 " max=%" PRIu64,
			      rawnl_u64(tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U]),
			      rawnl_u64(tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]));
	if (tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_S])
		n += snprintf(out + n, LINE_LEN - n, " min=%" PRId64 " max=%" PRId64,
			      rawnl_s64(tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_S]),
			      rawnl_s64(tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_S]));
	if (tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH])
		snprintf(out + n, LINE_LEN - n, " max-len=%" PRIu32,
			 rawnl_u32(tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH]));
}

/* Each nest inside @outer, by its type: a command, a policy, an attribute. */
#define for_each_nested(nla, outer)							\
	for (nla = (const struct nlattr *)((const char *)(outer) + NLA_HDRLEN);		\
	     (const char *)nla + NLA_HDRLEN <= (const char *)(outer) + (outer)->nla_len &&	\
	     nla->nla_len >= NLA_HDRLEN;							\
	     nla = (const struct nlattr *)((const char *)nla + NLA_ALIGN(nla->nla_len)))

static void take_policy(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1], *cmd, *pol, *attr;
	const struct nlattr *op[CTRL_ATTR_POLICY_DUMP_MAX + 1];
	unsigned int idx, type;

	(void)arg;
	if (rawnl_parse(nlh, tb, CTRL_ATTR_MAX))
		return;
	if (tb[CTRL_ATTR_OP_POLICY]) {
		for_each_nested(cmd, tb[CTRL_ATTR_OP_POLICY]) {
			type = cmd->nla_type & NLA_TYPE_MASK;
			if (type < MAX_CMDS && !rawnl_parse_nested(cmd, op, CTRL_ATTR_POLICY_DUMP_MAX) &&
			    op[CTRL_ATTR_POLICY_DO])
				do_policy[type] = rawnl_u32(op[CTRL_ATTR_POLICY_DO]);
		}
	}
	if (tb[CTRL_ATTR_POLICY]) {
		for_each_nested(pol, tb[CTRL_ATTR_POLICY]) {
			idx = pol->nla_type & NLA_TYPE_MASK;
			if (idx >= MAX_POLICIES)
				continue;
			for_each_nested(attr, pol) {
				type = attr->nla_type & NLA_TYPE_MASK;
				if (type < MAX_ATTRS)
					describe(attr, attrs[idx][type]);
			}
		}
	}
}

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "hms";
	int sock = rawnl_open(), lines = 0;
	struct rawnl_msg m;
	uint16_t family;
	unsigned int cmd, attr;

	family = sock < 0 ? 0 : rawnl_family(sock, name);
	if (!family) {
		fprintf(stderr, "nlpolicy: no \"%s\" generic netlink family\n", name);
		return 1;
	}
	for (cmd = 0; cmd < MAX_CMDS; cmd++)
		do_policy[cmd] = -1;
	rawnl_start(&m, GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_DUMP, CTRL_CMD_GETPOLICY, 1);
	rawnl_put(&m, CTRL_ATTR_FAMILY_ID, &family, sizeof(family));
	if (rawnl_request(sock, &m, take_policy, NULL)) {
		fprintf(stderr, "nlpolicy: cannot read the policy of \"%s\"\n", name);
		return 1;
	}
	for (cmd = 0; cmd < MAX_CMDS; cmd++) {
		if (do_policy[cmd] < 0 || do_policy[cmd] >= MAX_POLICIES)
			continue;
		for (attr = 0; attr < MAX_ATTRS; attr++) {
			if (!attrs[do_policy[cmd]][attr][0])
				continue;
			printf("%u %u %s\n", cmd, attr, attrs[do_policy[cmd]][attr]);
			lines++;
		}
	}
	return lines ? 0 : 1;
}
