/* SPDX-License-Identifier: GPL-2.0 */
/*
 * events.h - the least a listener of hms events needs, on a raw generic
 * netlink socket (no libnl): resolve the family and its "events" group,
 * join it, read HMS_CMD_EVENT messages. For the benchmarks' programs.
 */
#ifndef BENCH_EVENTS_H
#define BENCH_EVENTS_H

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/hms.h>
#include <linux/netlink.h>

struct hms_event {
	uint64_t code, seq, time_boot;
	uint8_t state;
};

struct hms_listener {
	int fd;
	uint16_t family;
	unsigned int overruns;	/* ENOBUFS: the socket's buffer overran */
};

#define NLA_FOR_EACH(nla, start, len)					\
	for (nla = (struct nlattr *)(start);				\
	     (len) - ((char *)nla - (char *)(start)) >= (int)sizeof(*nla) && \
	     nla->nla_len >= sizeof(*nla) &&				\
	     nla->nla_len <= (len) - ((char *)nla - (char *)(start));	\
	     nla = (struct nlattr *)((char *)nla + NLA_ALIGN(nla->nla_len)))

static inline void *nla_payload(struct nlattr *nla)
{
	return (char *)nla + NLA_HDRLEN;
}

static inline uint64_t nla_u64(struct nlattr *nla)
{
	uint64_t v;

	memcpy(&v, nla_payload(nla), sizeof(v));
	return v;
}

/* hms_listen: a socket that has joined hms's event group; 0, or -errno. */
static inline int hms_listen(struct hms_listener *l)
{
	struct {
		struct nlmsghdr nlh;
		struct genlmsghdr genl;
		struct nlattr nla;
		char name[NLA_ALIGN(sizeof(HMS_GENL_NAME))];
	} req = {
		.nlh = { .nlmsg_len = sizeof(req), .nlmsg_type = GENL_ID_CTRL,
			 .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 1 },
		.genl = { .cmd = CTRL_CMD_GETFAMILY, .version = 1 },
		.nla = { .nla_len = NLA_HDRLEN + sizeof(HMS_GENL_NAME),
			 .nla_type = CTRL_ATTR_FAMILY_NAME },
		.name = HMS_GENL_NAME,
	};
	char buf[8192];
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nlattr *nla, *grp, *a;
	int group = -1, len, alen, glen;

	l->overruns = 0;
	l->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (l->fd < 0)
		return -errno;
	if (send(l->fd, &req, sizeof(req), 0) < 0)
		return -errno;
	len = recv(l->fd, buf, sizeof(buf), 0);
	if (len < 0)
		return -errno;
	if (!NLMSG_OK(nlh, (unsigned int)len) || nlh->nlmsg_type != GENL_ID_CTRL)
		return -ENOENT;	/* an error message: no such family */
	alen = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	NLA_FOR_EACH(nla, (char *)NLMSG_DATA(nlh) + GENL_HDRLEN, alen) {
		if (nla->nla_type == CTRL_ATTR_FAMILY_ID)
			memcpy(&l->family, nla_payload(nla), sizeof(l->family));
		if ((nla->nla_type & NLA_TYPE_MASK) != CTRL_ATTR_MCAST_GROUPS)
			continue;
		glen = nla->nla_len - NLA_HDRLEN;
		NLA_FOR_EACH(grp, nla_payload(nla), glen) {
			int id = -1, match = 0, ilen = grp->nla_len - NLA_HDRLEN;

			NLA_FOR_EACH(a, nla_payload(grp), ilen) {
				if (a->nla_type == CTRL_ATTR_MCAST_GRP_ID)
					memcpy(&id, nla_payload(a), sizeof(uint32_t));
				if (a->nla_type == CTRL_ATTR_MCAST_GRP_NAME)
					match = !strcmp(nla_payload(a), HMS_GENL_MCGRP_EVENTS);
			}
			if (match)
				group = id;
		}
	}
	if (group < 0 || !l->family)
		return -ENOENT;
	if (setsockopt(l->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof(group)))
		return -errno;
	return 0;
}

/*
 * hms_next_event: the next event within timeout_ms, into ev; 1, 0 on
 * timeout, -errno. Buffered events are handed out one by one.
 */
static inline int hms_next_event(struct hms_listener *l, struct hms_event *ev, int timeout_ms)
{
	static char buf[65536];
	static int len, off;
	struct pollfd pfd = { .fd = l->fd, .events = POLLIN };
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;
	struct nlattr *nla;
	int alen;

	for (;;) {
		while (off < len) {
			nlh = (struct nlmsghdr *)(buf + off);
			if (!NLMSG_OK(nlh, (unsigned int)(len - off))) {
				off = len;
				break;
			}
			off += NLMSG_ALIGN(nlh->nlmsg_len);
			genl = NLMSG_DATA(nlh);
			if (nlh->nlmsg_type != l->family || genl->cmd != HMS_CMD_EVENT)
				continue;
			memset(ev, 0, sizeof(*ev));
			alen = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
			NLA_FOR_EACH(nla, (char *)genl + GENL_HDRLEN, alen) {
				switch (nla->nla_type) {
				case HMS_A_CODE:
					ev->code = nla_u64(nla);
					break;
				case HMS_A_SEQ:
					ev->seq = nla_u64(nla);
					break;
				case HMS_A_TIME_BOOT:
					ev->time_boot = nla_u64(nla);
					break;
				case HMS_A_STATE:
					ev->state = *(uint8_t *)nla_payload(nla);
					break;
				}
			}
			return 1;
		}
		switch (poll(&pfd, 1, timeout_ms)) {
		case -1:
			return -errno;
		case 0:
			return 0;
		}
		len = recv(l->fd, buf, sizeof(buf), 0);
		off = 0;
		if (len < 0) {
			len = 0;
			if (errno != ENOBUFS)
				return -errno;
			l->overruns++;
		}
	}
}

#endif /* BENCH_EVENTS_H */
