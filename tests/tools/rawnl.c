// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink by hand, for the test tools (see rawnl.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "rawnl.h"

static uint32_t request_seq;

int rawnl_open(void)
{
	struct timeval timeout = { .tv_sec = 10 };
	struct sockaddr_nl local = { .nl_family = AF_NETLINK };
	int sock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	if (sock < 0 || bind(sock, (struct sockaddr *)&local, sizeof(local)) ||
	    setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout)))
		return -errno;
	return sock;
}

void rawnl_start(struct rawnl_msg *m, uint16_t type, uint16_t flags, uint8_t cmd,
		 uint8_t version)
{
	struct genlmsghdr *genl;

	memset(m, 0, sizeof(*m));
	m->nlh.nlmsg_type = type;
	m->nlh.nlmsg_flags = flags;
	m->nlh.nlmsg_seq = ++request_seq;
	genl = NLMSG_DATA(&m->nlh);
	genl->cmd = cmd;
	genl->version = version;
	m->len = NLMSG_HDRLEN + GENL_HDRLEN;
}

void rawnl_put_raw(struct rawnl_msg *m, uint16_t type, uint16_t claimed, const void *data,
		   size_t len)
{
	struct nlattr *nla = (struct nlattr *)(m->buf + m->len);

	if (m->len + NLA_HDRLEN + NLA_ALIGN(len) > sizeof(m->buf))
		return;
	nla->nla_type = type;
	nla->nla_len = claimed;
	memcpy((char *)nla + NLA_HDRLEN, data, len);
	m->len += NLA_HDRLEN + NLA_ALIGN(len);
}

void rawnl_put(struct rawnl_msg *m, uint16_t type, const void *data, size_t len)
{
	rawnl_put_raw(m, type, (uint16_t)(NLA_HDRLEN + len), data, len);
}

void rawnl_put_u8(struct rawnl_msg *m, uint16_t type, uint8_t value)
{
	rawnl_put(m, type, &value, sizeof(value));
}

void rawnl_put_u64(struct rawnl_msg *m, uint16_t type, uint64_t value)
{
	rawnl_put(m, type, &value, sizeof(value));
}

void rawnl_put_str(struct rawnl_msg *m, uint16_t type, const char *s)
{
	rawnl_put(m, type, s, strlen(s) + 1);
}

int rawnl_send(int sock, struct rawnl_msg *m)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	if (!m->nlh.nlmsg_len)
		m->nlh.nlmsg_len = (uint32_t)m->len;
	return sendto(sock, m->buf, m->len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0 ?
	       -errno : 0;
}

void rawnl_drain(int sock)
{
	char buf[8192];

	while (recv(sock, buf, sizeof(buf), MSG_DONTWAIT) >= 0 || errno == ENOBUFS)
		;
}

int rawnl_request(int sock, struct rawnl_msg *m,
		  void (*fn)(const struct nlmsghdr *nlh, void *arg), void *arg)
{
	static char buf[65536];
	bool done = false;
	int err;

	rawnl_drain(sock);
	m->nlh.nlmsg_flags |= NLM_F_ACK;
	err = rawnl_send(sock, m);
	while (!err && !done) {
		ssize_t n = recv(sock, buf, sizeof(buf), 0);
		struct nlmsghdr *nlh = (struct nlmsghdr *)buf;

		if (n < 0)
			return -errno;
		for (; NLMSG_OK(nlh, (size_t)n); nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != m->nlh.nlmsg_seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				err = ((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
				done = true;
			} else if (nlh->nlmsg_type == NLMSG_DONE) {
				/* A dump that failed says why in its DONE. */
				if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
					memcpy(&err, NLMSG_DATA(nlh), sizeof(err));
				done = true;
			} else if (fn) {
				fn(nlh, arg);
			}
		}
	}
	return err;
}

int rawnl_parse_attrs(const void *start, const void *end, const struct nlattr **tb, int max)
{
	const char *p = start;

	memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
	while (p + NLA_HDRLEN <= (const char *)end) {
		const struct nlattr *nla = (const struct nlattr *)p;

		if (nla->nla_len < NLA_HDRLEN || p + nla->nla_len > (const char *)end)
			return -1;
		if ((nla->nla_type & NLA_TYPE_MASK) <= max)
			tb[nla->nla_type & NLA_TYPE_MASK] = nla;
		p += NLA_ALIGN(nla->nla_len);
	}
	return 0;
}

int rawnl_parse(const struct nlmsghdr *nlh, const struct nlattr **tb, int max)
{
	return rawnl_parse_attrs((const char *)NLMSG_DATA(nlh) + GENL_HDRLEN,
				 (const char *)nlh + nlh->nlmsg_len, tb, max);
}

int rawnl_parse_nested(const struct nlattr *nest, const struct nlattr **tb, int max)
{
	return rawnl_parse_attrs((const char *)nest + NLA_HDRLEN,
				 (const char *)nest + nest->nla_len, tb, max);
}

static void take_family(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	uint16_t *family = arg;

	if (!rawnl_parse(nlh, tb, CTRL_ATTR_MAX) && tb[CTRL_ATTR_FAMILY_ID])
		memcpy(family, (const char *)tb[CTRL_ATTR_FAMILY_ID] + NLA_HDRLEN,
		       sizeof(*family));
}

uint16_t rawnl_family(int sock, const char *name)
{
	struct rawnl_msg m;
	uint16_t family = 0;

	rawnl_start(&m, GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, 1);
	rawnl_put_str(&m, CTRL_ATTR_FAMILY_NAME, name);
	if (rawnl_request(sock, &m, take_family, &family))
		return 0;
	return family;
}

uint64_t rawnl_u64(const struct nlattr *nla)
{
	uint64_t v = 0;

	if (nla && nla->nla_len >= NLA_HDRLEN + sizeof(v))
		memcpy(&v, (const char *)nla + NLA_HDRLEN, sizeof(v));
	return v;
}

uint32_t rawnl_u32(const struct nlattr *nla)
{
	uint32_t v = 0;

	if (nla && nla->nla_len >= NLA_HDRLEN + sizeof(v))
		memcpy(&v, (const char *)nla + NLA_HDRLEN, sizeof(v));
	return v;
}

int64_t rawnl_s64(const struct nlattr *nla)
{
	return (int64_t)rawnl_u64(nla);
}
