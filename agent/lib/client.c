// SPDX-License-Identifier: GPL-2.0
/*
 * A client of the hms generic netlink family: requests with their replies
 * and extended ACK messages, dumps, and the events group.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "client.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* The attributes of entries, events and stats; the monitors' come from hms_props[]. */
static struct nla_policy policy[HMS_A_MAX + 1] = {
	[HMS_A_CODE]		= { .type = NLA_U64 },
	[HMS_A_STATE]		= { .type = NLA_U8 },
	[HMS_A_FLAGS]		= { .type = NLA_U32 },
	[HMS_A_SEQ]		= { .type = NLA_U64 },
	[HMS_A_TIME_REAL]	= { .type = NLA_U64 },
	[HMS_A_TIME_BOOT]	= { .type = NLA_U64 },
	[HMS_A_VALUE]		= { .type = NLA_S64 },
	[HMS_A_SOURCE]		= { .type = NLA_STRING, .maxlen = HMS_SOURCE_LEN },
	[HMS_A_COUNT]		= { .type = NLA_U32 },
	[HMS_A_FIRST_SEEN]	= { .type = NLA_U64 },
	[HMS_A_LAST_SEEN]	= { .type = NLA_U64 },
	[HMS_A_STATS_ACTIVE]	= { .type = NLA_U32 },
	[HMS_A_STATS_CAPACITY]	= { .type = NLA_U32 },
	[HMS_A_STATS_RAISED]	= { .type = NLA_U64 },
	[HMS_A_STATS_CLEARED]	= { .type = NLA_U64 },
	[HMS_A_STATS_ACKED]	= { .type = NLA_U64 },
	[HMS_A_STATS_DROPPED]	= { .type = NLA_U64 },
	[HMS_A_STATS_SEQ]	= { .type = NLA_U64 },
	[HMS_A_STATS_FLAP_WINDOW] = { .type = NLA_U32 },
	[HMS_A_MON_NAME]	= { .type = NLA_STRING, .maxlen = HMS_MON_NAME_LEN },
	[HMS_A_MON_KIND]	= { .type = NLA_U8 },
	[HMS_A_MON_SOURCE]	= { .type = NLA_STRING, .maxlen = HMS_MON_NAME_LEN },
	[HMS_A_MON_VALUE]	= { .type = NLA_S64 },
	[HMS_A_MON_LEVEL]	= { .type = NLA_U8 },
};

static struct nla_policy *get_policy(void)
{
	static gsize done;
	size_t i;

	if (g_once_init_enter(&done)) {
		for (i = 0; i < hms_n_props; i++)
			policy[hms_props[i].attr].type = hms_prop_nla_type(&hms_props[i]);
		g_once_init_leave(&done, 1);
	}
	return policy;
}

/* Sets @error unless it is set (the first failure is the one to tell), returns @err. */
static int __attribute__((format(printf, 4, 5)))
fail(GError **error, int err, int code, const char *fmt, ...)
{
	va_list ap;

	if (error && !*error) {
		va_start(ap, fmt);
		*error = g_error_new_valist(HMS_ERROR, code, fmt, ap);
		va_end(ap);
	}
	return err;
}

static uint64_t get_u64(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_u64(tb[type]) : 0;
}

static uint32_t get_u32(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_u32(tb[type]) : 0;
}

static int parse(struct nl_msg *msg, struct nlattr **tb, const int *required, size_t n_required,
		 GError **error)
{
	int err = genlmsg_parse(nlmsg_hdr(msg), 0, tb, HMS_A_MAX, get_policy());
	size_t i;

	if (err < 0)
		return fail(error, -EINVAL, HMS_ERROR_PARSE, "malformed hms message: %s",
			    nl_geterror(err));
	for (i = 0; i < n_required; i++) {
		if (!tb[required[i]])
			return fail(error, -EINVAL, HMS_ERROR_PARSE,
				    "malformed hms message: attribute %d missing", required[i]);
	}
	return 0;
}

int hms_parse_event(struct nl_msg *msg, struct hms_event *event, GError **error)
{
	static const int required[] = { HMS_A_CODE, HMS_A_STATE, HMS_A_SEQ };
	struct nlattr *tb[HMS_A_MAX + 1];

	if (parse(msg, tb, required, G_N_ELEMENTS(required), error))
		return -EINVAL;
	memset(event, 0, sizeof(*event));
	event->code = nla_get_u64(tb[HMS_A_CODE]);
	event->state = nla_get_u8(tb[HMS_A_STATE]);
	event->flags = get_u32(tb, HMS_A_FLAGS);
	event->seq = nla_get_u64(tb[HMS_A_SEQ]);
	event->time_real = get_u64(tb, HMS_A_TIME_REAL);
	event->time_boot = get_u64(tb, HMS_A_TIME_BOOT);
	event->value = tb[HMS_A_VALUE] ? nla_get_s64(tb[HMS_A_VALUE]) : 0;
	if (tb[HMS_A_SOURCE])
		nla_strlcpy(event->source, tb[HMS_A_SOURCE], sizeof(event->source));
	event->count = get_u32(tb, HMS_A_COUNT);
	event->first_seen = get_u64(tb, HMS_A_FIRST_SEEN);
	event->last_seen = get_u64(tb, HMS_A_LAST_SEEN);
	return 0;
}

int hms_parse_monitor(struct nl_msg *msg, struct hms_monitor_conf *conf, GError **error)
{
	static const int required[] = { HMS_A_MON_NAME, HMS_A_MON_KIND, HMS_A_MON_SOURCE };
	struct nlattr *tb[HMS_A_MAX + 1];
	size_t i;

	if (parse(msg, tb, required, G_N_ELEMENTS(required), error))
		return -EINVAL;
	memset(conf, 0, sizeof(*conf));
	nla_strlcpy(conf->name, tb[HMS_A_MON_NAME], sizeof(conf->name));
	nla_strlcpy(conf->source, tb[HMS_A_MON_SOURCE], sizeof(conf->source));
	conf->kind = nla_get_u8(tb[HMS_A_MON_KIND]);
	for (i = 0; i < hms_n_props; i++) {
		if (!tb[hms_props[i].attr])
			continue;
		conf->present |= 1U << i;
		conf->values[i] = hms_prop_get(&hms_props[i], tb[hms_props[i].attr]);
	}
	conf->value = tb[HMS_A_MON_VALUE] ? nla_get_s64(tb[HMS_A_MON_VALUE]) : 0;
	conf->level = tb[HMS_A_MON_LEVEL] ? nla_get_u8(tb[HMS_A_MON_LEVEL]) : 0;
	return 0;
}

int hms_client_open(struct hms_client *client, GError **error)
{
	int one = 1, err;

	memset(client, 0, sizeof(*client));
	client->sock = nl_socket_alloc();
	if (!client->sock)
		return fail(error, -ENOMEM, HMS_ERROR_FAILED, "out of memory");
	err = genl_connect(client->sock);
	if (err < 0) {
		err = fail(error, -EIO, HMS_ERROR_IO, "cannot open netlink socket: %s",
			   nl_geterror(err));
		goto fail;
	}
	/* Errors come with the kernel's explanation, and without our request echoed. */
	setsockopt(nl_socket_get_fd(client->sock), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_socket_get_fd(client->sock), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));

	client->family = genl_ctrl_resolve(client->sock, HMS_GENL_NAME);
	if (client->family < 0) {
		err = fail(error, -ENOENT, HMS_ERROR_NOKERNEL,
			   "the hms kernel module is not loaded (no \"%s\" netlink family)",
			   HMS_GENL_NAME);
		goto fail;
	}
	return 0;
fail:
	nl_socket_free(client->sock);
	client->sock = NULL;
	return err;
}

void hms_client_close(struct hms_client *client)
{
	nl_socket_free(client->sock);
	client->sock = NULL;
}

/* One request and what comes back for it. */
struct request {
	struct hms_client *client;
	hms_event_cb on_event;
	int (*on_msg)(struct nl_msg *msg, void *arg, GError **error);
	void *arg;
	int err;
	bool done;
	GError *error;		/* why err */
};

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct request *req = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = { NULL };
	int attrlen = (int)nlh->nlmsg_len - NLMSG_HDRLEN - (int)sizeof(*e);
	int code = hms_error_from_errno(-e->error);

	(void)nla;
	req->err = e->error;
	req->done = true;
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && attrlen > 0)
		nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)(e + 1), attrlen, NULL);
	if (tb[NLMSGERR_ATTR_MSG] && nla_len(tb[NLMSGERR_ATTR_MSG]) > 0)
		fail(&req->error, 0, code, "%s (%.*s)", g_strerror(-e->error),
		     nla_len(tb[NLMSGERR_ATTR_MSG]), (char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
	else if (tb[NLMSGERR_ATTR_MISS_TYPE] && nla_len(tb[NLMSGERR_ATTR_MISS_TYPE]) == 4)
		fail(&req->error, 0, code, "%s (attribute %u is missing)", g_strerror(-e->error),
		     nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]));
	else
		fail(&req->error, 0, code, "%s", g_strerror(-e->error));
	return NL_STOP;
}

static int on_done(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;

	(void)msg;
	req->done = true;
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;
	struct hms_event event;
	int err;

	if (req->on_msg) {
		err = req->on_msg(msg, req->arg, &req->error);
	} else {
		err = hms_parse_event(msg, &event, &req->error);
		if (!err && req->on_event)
			err = req->on_event(&event, req->arg);
	}
	if (err) {
		req->err = fail(&req->error, err, HMS_ERROR_FAILED, "%s", g_strerror(-err));
		return NL_STOP;
	}
	return NL_OK;
}

/* Hands what @req found out to @error, and returns its errno. */
static int finish(struct request *req, GError **error)
{
	if (req->err)
		fail(&req->error, 0, hms_error_from_errno(-req->err), "%s", g_strerror(-req->err));
	if (req->error)
		g_propagate_error(error, req->error);
	req->error = NULL;
	return req->err;
}

static int run(struct request *req, struct nl_msg *msg, GError **error)
{
	struct hms_client *client = req->client;
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	int err;

	if (!cb) {
		nlmsg_free(msg);
		return fail(error, -ENOMEM, HMS_ERROR_FAILED, "out of memory");
	}
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, req);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_done, req);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_done, req);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, req);

	err = nl_send_auto(client->sock, msg);
	nlmsg_free(msg);
	if (err < 0) {
		nl_cb_put(cb);
		return fail(error, -EIO, HMS_ERROR_IO, "cannot send: %s", nl_geterror(err));
	}
	while (!req->done && !req->err) {
		err = nl_recvmsgs(client->sock, cb);
		if (err == -NLE_DUMP_INTR)
			req->err = fail(&req->error, -EINTR, HMS_ERROR_FAILED,
					"the table changed while it was read");
		else if (err < 0 && !req->err)
			req->err = fail(&req->error, -EIO, HMS_ERROR_IO, "%s", nl_geterror(err));
	}
	nl_cb_put(cb);
	return finish(req, error);
}

struct nl_msg *hms_client_msg(struct hms_client *client, uint8_t cmd, int flags, GError **error)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, client->family, 0, flags, cmd,
				HMS_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	if (!msg)
		fail(error, 0, HMS_ERROR_FAILED, "out of memory");
	return msg;
}

int hms_client_request(struct hms_client *client, struct nl_msg *msg, GError **error)
{
	struct request req = { .client = client };

	return run(&req, msg, error);
}

/* Runs @req with @msg unless filling it failed (@put_err), and frees it either way. */
static int run_filled(struct request *req, struct nl_msg *msg, int put_err, GError **error)
{
	if (put_err) {
		nlmsg_free(msg);
		return fail(error, -EMSGSIZE, HMS_ERROR_INVAL, "request too large");
	}
	return run(req, msg, error);
}

static int send_filled(struct hms_client *client, struct nl_msg *msg, int put_err,
		       GError **error)
{
	struct request req = { .client = client };

	return run_filled(&req, msg, put_err, error);
}

int hms_client_report(struct hms_client *client, uint64_t code, bool raise, const int64_t *value,
		      const char *source, GError **error)
{
	struct nl_msg *msg = hms_client_msg(client, HMS_CMD_REPORT, 0, error);

	if (!msg)
		return -ENOMEM;
	return send_filled(client, msg,
			   nla_put_u64(msg, HMS_A_CODE, code) ||
			   nla_put_u8(msg, HMS_A_STATE,
				      raise ? HMS_STATE_RAISED : HMS_STATE_CLEARED) ||
			   (value && nla_put_s64(msg, HMS_A_VALUE, *value)) ||
			   (source && nla_put_string(msg, HMS_A_SOURCE, source)), error);
}

int hms_client_ack(struct hms_client *client, uint64_t code, GError **error)
{
	struct nl_msg *msg = hms_client_msg(client, HMS_CMD_ACK, 0, error);

	if (!msg)
		return -ENOMEM;
	return send_filled(client, msg, nla_put_u64(msg, HMS_A_CODE, code), error);
}

static int copy_event(const struct hms_event *event, void *arg)
{
	*(struct hms_event *)arg = *event;
	return 0;
}

int hms_client_get(struct hms_client *client, uint64_t code, struct hms_event *entry,
		   GError **error)
{
	struct request req = { .client = client, .on_event = copy_event, .arg = entry };
	struct nl_msg *msg = hms_client_msg(client, HMS_CMD_GET_CODE, 0, error);

	if (!msg)
		return -ENOMEM;
	return run_filled(&req, msg, nla_put_u64(msg, HMS_A_CODE, code), error);
}

int hms_client_dump(struct hms_client *client, hms_event_cb cb, void *arg, GError **error)
{
	struct request req = { .client = client, .on_event = cb, .arg = arg };
	struct nl_msg *msg = hms_client_msg(client, HMS_CMD_GET_CODE, NLM_F_DUMP, error);

	if (!msg)
		return -ENOMEM;
	return run(&req, msg, error);
}

static int parse_stats(struct nl_msg *msg, void *arg, GError **error)
{
	struct hms_stats *stats = arg;
	struct nlattr *tb[HMS_A_MAX + 1];

	if (parse(msg, tb, NULL, 0, error))
		return -EINVAL;
	stats->active = get_u32(tb, HMS_A_STATS_ACTIVE);
	stats->capacity = get_u32(tb, HMS_A_STATS_CAPACITY);
	stats->raised = get_u64(tb, HMS_A_STATS_RAISED);
	stats->cleared = get_u64(tb, HMS_A_STATS_CLEARED);
	stats->acked = get_u64(tb, HMS_A_STATS_ACKED);
	stats->dropped = get_u64(tb, HMS_A_STATS_DROPPED);
	stats->seq = get_u64(tb, HMS_A_STATS_SEQ);
	stats->flap_window_ms = get_u32(tb, HMS_A_STATS_FLAP_WINDOW);
	return 0;
}

int hms_client_stats(struct hms_client *client, struct hms_stats *stats, GError **error)
{
	struct request req = { .client = client, .on_msg = parse_stats, .arg = stats };
	struct nl_msg *msg = hms_client_msg(client, HMS_CMD_GET_STATS, 0, error);

	if (!msg)
		return -ENOMEM;
	memset(stats, 0, sizeof(*stats));
	return run(&req, msg, error);
}

int hms_client_monitor_add(struct hms_client *client, const struct hms_monitor_conf *conf,
			   GError **error)
{
	struct nl_msg *msg = hms_client_msg(client, HMS_CMD_MONITOR_ADD, 0, error);
	int err;
	size_t i;

	if (!msg)
		return -ENOMEM;
	err = nla_put_string(msg, HMS_A_MON_NAME, conf->name) ||
	      nla_put_u8(msg, HMS_A_MON_KIND, conf->kind) ||
	      nla_put_string(msg, HMS_A_MON_SOURCE, conf->source);
	/* Every property given: the kernel refuses one its kind does not use. */
	for (i = 0; i < hms_n_props && !err; i++) {
		if (conf->present & (1U << i))
			err = hms_prop_put(&hms_props[i], msg, conf->values[i]);
	}
	return send_filled(client, msg, err, error);
}

int hms_client_monitor_del(struct hms_client *client, const char *name, GError **error)
{
	struct nl_msg *msg = hms_client_msg(client, HMS_CMD_MONITOR_DEL, 0, error);

	if (!msg)
		return -ENOMEM;
	return send_filled(client, msg, nla_put_string(msg, HMS_A_MON_NAME, name), error);
}

int hms_client_monitor_arm(struct hms_client *client, const char *name, bool armed,
			   GError **error)
{
	struct nl_msg *msg = hms_client_msg(client, HMS_CMD_MONITOR_ARM, 0, error);

	if (!msg)
		return -ENOMEM;
	return send_filled(client, msg, nla_put_string(msg, HMS_A_MON_NAME, name) ||
			   nla_put_u8(msg, HMS_A_MON_ARMED, armed), error);
}

struct monitor_dump {
	hms_monitor_cb cb;
	void *arg;
};

static int parse_monitor(struct nl_msg *msg, void *arg, GError **error)
{
	struct monitor_dump *dump = arg;
	struct hms_monitor_conf conf;
	int err = hms_parse_monitor(msg, &conf, error);

	return err ? err : dump->cb(&conf, dump->arg);
}

int hms_client_monitor_dump(struct hms_client *client, hms_monitor_cb cb, void *arg,
			    GError **error)
{
	struct monitor_dump dump = { cb, arg };
	struct request req = { .client = client, .on_msg = parse_monitor, .arg = &dump };
	struct nl_msg *msg = hms_client_msg(client, HMS_CMD_MONITOR_GET, NLM_F_DUMP, error);

	if (!msg)
		return -ENOMEM;
	return run(&req, msg, error);
}

int hms_client_subscribe(struct hms_client *client, GError **error)
{
	int group = genl_ctrl_resolve_grp(client->sock, HMS_GENL_NAME, HMS_GENL_MCGRP_EVENTS);
	int err;

	if (group < 0)
		return fail(error, -ENOENT, HMS_ERROR_NOKERNEL, "no \"%s\" multicast group: %s",
			    HMS_GENL_MCGRP_EVENTS, nl_geterror(group));
	err = nl_socket_add_membership(client->sock, group);
	if (err < 0)
		return fail(error, -EIO, HMS_ERROR_IO, "cannot join \"%s\": %s",
			    HMS_GENL_MCGRP_EVENTS, nl_geterror(err));
	return 0;
}

static int accept_any_seq(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

int hms_client_recv(struct hms_client *client, hms_event_cb cb, void *arg, GError **error)
{
	struct request req = { .client = client, .on_event = cb, .arg = arg };
	struct nl_cb *nlcb = nl_cb_alloc(NL_CB_DEFAULT);
	int err;

	if (!nlcb)
		return fail(error, -ENOMEM, HMS_ERROR_FAILED, "out of memory");
	/* Events are not replies: they carry no sequence number of ours. */
	nl_cb_set(nlcb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, accept_any_seq, NULL);
	nl_cb_set(nlcb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &req);
	err = nl_recvmsgs(client->sock, nlcb);
	nl_cb_put(nlcb);
	if (!req.err && err == -NLE_NOMEM)
		/* libnl's name for ENOBUFS: the socket overran, events were lost. */
		req.err = fail(&req.error, -ENOBUFS, HMS_ERROR_IO, "events lost: socket overrun");
	else if (!req.err && err < 0)
		req.err = fail(&req.error, -EIO, HMS_ERROR_IO, "%s", nl_geterror(err));
	return finish(&req, error);
}

size_t hms_client_drain(struct hms_client *client, size_t max)
{
	int fd = nl_socket_get_fd(client->sock);
	char buf[8192];
	size_t n;

	for (n = 0; n < max; n++) {
		/* An overrun reads as ENOBUFS once; what follows is still queued. */
		if (recv(fd, buf, sizeof(buf), MSG_DONTWAIT | MSG_TRUNC) < 0 && errno != ENOBUFS)
			break;
	}
	return n;
}

int hms_client_fd(struct hms_client *client)
{
	return nl_socket_get_fd(client->sock);
}

int hms_client_set_nonblocking(struct hms_client *client, GError **error)
{
	int err = nl_socket_set_nonblocking(client->sock);

	if (err < 0)
		return fail(error, -EIO, HMS_ERROR_IO, "cannot make the socket non-blocking: %s",
			    nl_geterror(err));
	return 0;
}

int hms_client_set_rcvbuf(struct hms_client *client, int bytes, GError **error)
{
	int err = nl_socket_set_buffer_size(client->sock, bytes, 0);

	if (err < 0)
		return fail(error, -EIO, HMS_ERROR_IO,
			    "cannot set the receive buffer to %d bytes: %s", bytes,
			    nl_geterror(err));
	return 0;
}
