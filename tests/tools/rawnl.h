/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic netlink by hand, for the test tools that must send what no
 * library would build, or read what the client library does not: a
 * message in a buffer, attributes put with any header, a request read to
 * its end, and a message's attributes by type.
 */
#ifndef HMS_RAWNL_H
#define HMS_RAWNL_H

#include <stddef.h>
#include <stdint.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#define RAWNL_MSG_MAX 1024

struct rawnl_msg {
	union {
		struct nlmsghdr nlh;
		char buf[RAWNL_MSG_MAX];
	};
	size_t len;
};

/* A socket to generic netlink (replies time out after 10 s); -errno. */
int rawnl_open(void);
/* The id of the family @name, or 0. */
uint16_t rawnl_family(int sock, const char *name);

void rawnl_start(struct rawnl_msg *m, uint16_t type, uint16_t flags, uint8_t cmd,
		 uint8_t version);
/* An attribute whose header says @claimed bytes, holding @len. */
void rawnl_put_raw(struct rawnl_msg *m, uint16_t type, uint16_t claimed, const void *data,
		   size_t len);
void rawnl_put(struct rawnl_msg *m, uint16_t type, const void *data, size_t len);
void rawnl_put_u8(struct rawnl_msg *m, uint16_t type, uint8_t value);
void rawnl_put_u64(struct rawnl_msg *m, uint16_t type, uint64_t value);
void rawnl_put_str(struct rawnl_msg *m, uint16_t type, const char *s);

/* Sends @m as it is (a zero nlmsg_len is filled in); 0 or -errno. */
int rawnl_send(int sock, struct rawnl_msg *m);
/* Throws away what is queued. */
void rawnl_drain(int sock);
/*
 * Sends @m with NLM_F_ACK and hands each reply to @fn until the request
 * is done (its ACK, error or a dump's DONE): 0, or a negative errno.
 */
int rawnl_request(int sock, struct rawnl_msg *m,
		  void (*fn)(const struct nlmsghdr *nlh, void *arg), void *arg);

/* The attributes from @start to @end by type, up to @max; 0, or -1 if malformed. */
int rawnl_parse_attrs(const void *start, const void *end, const struct nlattr **tb, int max);
/* A genl message's attributes. */
int rawnl_parse(const struct nlmsghdr *nlh, const struct nlattr **tb, int max);
/* A nested attribute's. */
int rawnl_parse_nested(const struct nlattr *nest, const struct nlattr **tb, int max);

uint64_t rawnl_u64(const struct nlattr *nla);
uint32_t rawnl_u32(const struct nlattr *nla);
int64_t rawnl_s64(const struct nlattr *nla);

#endif
