// SPDX-License-Identifier: GPL-2.0
/*
 * badreq - sends one malformed request to the hms family and prints how the
 * kernel answered, so scenarios can check every bad request is refused
 * with a message. Exit status: 0 refused, 1 accepted, 2 usage.
 */
#include <stdio.h>
#include <string.h>
#include <netlink/genl/genl.h>

#include "client.h"

#define GOOD_CODE 0x0300010000010007ULL

static int build(struct hms_client *client, const char *name, struct nl_msg **out,
		 GError **error)
{
	char longname[HMS_SOURCE_LEN + 1];
	struct nl_msg *msg;
	uint32_t half = 1;
	uint8_t cmd = HMS_CMD_REPORT;

	if (!strcmp(name, "stats-with-attribute"))
		cmd = HMS_CMD_GET_STATS;
	else if (!strcmp(name, "get-without-code"))
		cmd = HMS_CMD_GET_CODE;
	msg = hms_client_msg(client, cmd, 0, error);
	if (!msg)
		return -1;
	*out = msg;

	if (!strcmp(name, "report-without-code"))
		return nla_put_u8(msg, HMS_A_STATE, HMS_STATE_RAISED);
	if (!strcmp(name, "report-without-state"))
		return nla_put_u64(msg, HMS_A_CODE, GOOD_CODE);
	if (!strcmp(name, "severity-zero"))
		return nla_put_u64(msg, HMS_A_CODE, 0x0300010000000007ULL) ||
		       nla_put_u8(msg, HMS_A_STATE, HMS_STATE_RAISED);
	if (!strcmp(name, "state-acked"))
		return nla_put_u64(msg, HMS_A_CODE, GOOD_CODE) ||
		       nla_put_u8(msg, HMS_A_STATE, HMS_STATE_ACKED);
	if (!strcmp(name, "short-code"))
		return nla_put(msg, HMS_A_CODE, sizeof(half), &half) ||
		       nla_put_u8(msg, HMS_A_STATE, HMS_STATE_RAISED);
	if (!strcmp(name, "event-attribute"))
		return nla_put_u64(msg, HMS_A_CODE, GOOD_CODE) ||
		       nla_put_u8(msg, HMS_A_STATE, HMS_STATE_RAISED) ||
		       nla_put_u64(msg, HMS_A_SEQ, 1);
	if (!strcmp(name, "unknown-attribute"))
		return nla_put_u64(msg, HMS_A_CODE, GOOD_CODE) ||
		       nla_put_u8(msg, HMS_A_STATE, HMS_STATE_RAISED) ||
		       nla_put_u32(msg, HMS_A_MAX + 1, 1);
	if (!strcmp(name, "long-source")) {
		memset(longname, 'x', sizeof(longname) - 1);
		longname[sizeof(longname) - 1] = '\0';
		return nla_put_u64(msg, HMS_A_CODE, GOOD_CODE) ||
		       nla_put_u8(msg, HMS_A_STATE, HMS_STATE_RAISED) ||
		       nla_put_string(msg, HMS_A_SOURCE, longname);
	}
	if (!strcmp(name, "unterminated-source"))
		return nla_put_u64(msg, HMS_A_CODE, GOOD_CODE) ||
		       nla_put_u8(msg, HMS_A_STATE, HMS_STATE_RAISED) ||
		       nla_put(msg, HMS_A_SOURCE, 3, "abc");
	if (!strcmp(name, "stats-with-attribute"))
		return nla_put_u64(msg, HMS_A_CODE, GOOD_CODE);
	if (!strcmp(name, "get-without-code"))
		return 0;
	nlmsg_free(msg);
	*out = NULL;
	g_set_error(error, HMS_ERROR, HMS_ERROR_INVAL, "unknown case '%s'", name);
	return -1;
}

int main(int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	struct hms_client client;
	struct nl_msg *msg = NULL;
	int err;

	if (argc != 2) {
		fprintf(stderr, "usage: badreq CASE\n");
		return 2;
	}
	if (hms_client_open(&client, &error)) {
		fprintf(stderr, "badreq: %s\n", error->message);
		return 2;
	}
	if (build(&client, argv[1], &msg, &error)) {
		fprintf(stderr, "badreq: %s\n", error ? error->message : "request too large");
		nlmsg_free(msg);
		hms_client_close(&client);
		return 2;
	}
	err = hms_client_request(&client, msg, &error);
	if (err)
		printf("refused: %s\n", error->message);
	else
		printf("accepted\n");
	hms_client_close(&client);
	return err ? 0 : 1;
}
