// SPDX-License-Identifier: GPL-2.0
/*
 * nlmin - the least a libnl client does to list hms's active codes: resolve
 * the family, dump HMS_CMD_GET_CODE, print each code. What `hmsctl list`
 * is measured against (start-up and all).
 * Exit status: 0 done, 1 a failure.
 */
#include <inttypes.h>
#include <stdio.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include <linux/hms.h>

static int print_code(struct nl_msg *msg, void *arg)
{
	struct nlattr *attrs[HMS_A_MAX + 1];

	(void)arg;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, attrs, HMS_A_MAX, NULL) == 0 && attrs[HMS_A_CODE])
		printf("%016" PRIx64 "\n", (uint64_t)nla_get_u64(attrs[HMS_A_CODE]));
	return NL_OK;
}

int main(void)
{
	struct nl_sock *sock = nl_socket_alloc();
	int family, err = -1;

	if (sock && !genl_connect(sock) && (family = genl_ctrl_resolve(sock, HMS_GENL_NAME)) >= 0 &&
	    !nl_socket_modify_cb(sock, NL_CB_VALID, NL_CB_CUSTOM, print_code, NULL) &&
	    genl_send_simple(sock, family, HMS_CMD_GET_CODE, HMS_GENL_VERSION, NLM_F_DUMP) >= 0)
		err = nl_recvmsgs_default(sock);
	nl_socket_free(sock);
	if (err < 0)
		fprintf(stderr, "nlmin: cannot list the codes\n");
	return err < 0;
}
