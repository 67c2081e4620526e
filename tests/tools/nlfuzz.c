// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz - a raw generic netlink fuzzer for the hms family. It sends what a
 * correct client never would: every command number, any flags, attributes
 * of any type and length, lengths that lie, headers cut short; mixed with
 * well-formed raises, clears, acks, dumps and monitors, so that the table
 * changes under it. No libnl and no hms client code: the point is to get
 * past what they would refuse to build.
 *
 * Runs are reproducible: the same seed sends the same bytes. At the end it
 * checks the table: the dump is in code order, each dumped code reads the
 * same with a GET, and the stats count as many. With -u (an unprivileged
 * run) it checks instead that nothing changed at all.
 *
 * With -x it only sends: others are changing the table too, and a later
 * `nlfuzz -n 0` checks it once they are done.
 *
 * usage: nlfuzz [-s SEED] [-n MESSAGES] [-u] [-x]
 * Exit status: 0 consistent, 1 not (or the family went away), 2 usage.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/hms.h>

#include "rawnl.h"

#define MAX_ENTRIES	4096	/* the table's largest size */
#define N_CODES		48	/* codes the well-formed requests use */
#define N_NAMES		6	/* monitor names the fuzzer creates */

static uint64_t rng_state;

/* xorshift64*: small, and the same sequence everywhere. */
static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static unsigned int below(unsigned int n)
{
	return (unsigned int)(rnd() % n);
}

static int sock;
static uint16_t family;

static void msg_start(struct rawnl_msg *m, uint16_t type, uint16_t flags, uint8_t cmd)
{
	rawnl_start(m, type, flags, cmd, HMS_GENL_VERSION);
}

static int request(struct rawnl_msg *m, void (*fn)(const struct nlmsghdr *nlh, void *arg),
		   void *arg)
{
	return rawnl_request(sock, m, fn, arg);
}


/* One of the codes the well-formed requests use, or now and then any. */
static uint64_t some_code(void)
{
	unsigned int i = below(N_CODES);

	if (!below(16))
		return rnd();
	return HMS_CODE(i % 3 ? HMS_MODULE_MC : HMS_MODULE_AMS, i % 8, i / 8,
			1 + i % 4, 0x100 + i);
}

static const char *some_name(void)
{
	static const char *const names[N_NAMES] = { "f0", "f1", "f2", "f3", "f4", "f5" };

	return names[below(N_NAMES)];
}

/* A well-formed request that changes or reads the table or the monitors. */
static void well_formed(struct rawnl_msg *m)
{
	static const char *const sources[] = { "hms-sim-0", "hms-sim-1", "hms-sim-adc", "nope",
					       "gpio-sim.0-node0", "" };
	uint16_t req = NLM_F_REQUEST | (below(2) ? NLM_F_ACK : 0);
	uint32_t u;
	int64_t s;

	switch (below(8)) {
	case 0:
	case 1:
		msg_start(m, family, req, HMS_CMD_REPORT);
		rawnl_put_u64(m, HMS_A_CODE, some_code());
		rawnl_put_u8(m, HMS_A_STATE, below(3) ? HMS_STATE_RAISED : HMS_STATE_CLEARED);
		if (below(2)) {
			s = (int64_t)rnd();
			rawnl_put(m, HMS_A_VALUE, &s, sizeof(s));
		}
		if (below(2))
			rawnl_put_str(m, HMS_A_SOURCE, "nlfuzz");
		break;
	case 2:
		msg_start(m, family, req, HMS_CMD_ACK);
		rawnl_put_u64(m, HMS_A_CODE, some_code());
		break;
	case 3:
		msg_start(m, family, req | NLM_F_DUMP, HMS_CMD_GET_CODE);
		break;
	case 4:
		msg_start(m, family, req, HMS_CMD_GET_CODE);
		rawnl_put_u64(m, HMS_A_CODE, some_code());
		break;
	case 5:
		msg_start(m, family, req, HMS_CMD_MONITOR_ADD);
		rawnl_put_str(m, HMS_A_MON_NAME, some_name());
		rawnl_put_u8(m, HMS_A_MON_KIND, (uint8_t)below(6));
		rawnl_put_str(m, HMS_A_MON_SOURCE, sources[below(6)]);
		u = 1 + below(3) * 50;
		rawnl_put(m, HMS_A_MON_PERIOD_MS, &u, sizeof(u));
		s = 30000 + below(4) * 10000;
		rawnl_put(m, HMS_A_MON_HIGH, &s, sizeof(s));
		rawnl_put_u64(m, HMS_A_MON_HIGH_CODE, some_code());
		break;
	case 6:
		msg_start(m, family, req, HMS_CMD_MONITOR_DEL);
		rawnl_put_str(m, HMS_A_MON_NAME, some_name());
		break;
	default:
		msg_start(m, family, req | (below(2) ? NLM_F_DUMP : 0),
			  below(2) ? HMS_CMD_MONITOR_GET : HMS_CMD_GET_STATS);
		break;
	}
}

/* Anything: what a correct client would never send. */
static void malformed(struct rawnl_msg *m)
{
	uint8_t payload[96];
	unsigned int i, n, len;
	uint16_t type;

	/* Now and then a control message, never another family's. */
	msg_start(m, below(16) ? family : (uint16_t)below(NLMSG_MIN_TYPE),
		  (uint16_t)rnd() | NLM_F_REQUEST, (uint8_t)below(HMS_CMD_MAX + 4));
	if (!below(8))
		((struct genlmsghdr *)NLMSG_DATA(&m->nlh))->version = (uint8_t)rnd();
	n = below(10);
	for (i = 0; i < n; i++) {
		type = (uint16_t)below(HMS_A_MAX + 4);
		if (!below(8))
			type |= below(2) ? NLA_F_NESTED : NLA_F_NET_BYTEORDER;
		len = below(5) ? (unsigned int)(1u << below(4)) : below(sizeof(payload));
		for (unsigned int b = 0; b < len; b++)
			payload[b] = (uint8_t)rnd();
		if (len == 8 && below(2))
			memcpy(payload, &(uint64_t){ some_code() }, 8);
		switch (below(12)) {
		case 0:		/* a length that runs past the message */
			rawnl_put_raw(m, type, (uint16_t)(NLA_HDRLEN + len + 1 + below(512)), payload,
				len);
			break;
		case 1:		/* shorter than its own header */
			rawnl_put_raw(m, type, (uint16_t)below(NLA_HDRLEN), payload, len);
			break;
		default:
			rawnl_put(m, type, payload, len);
			break;
		}
	}
	switch (below(16)) {
	case 0:		/* a message length that lies */
		m->nlh.nlmsg_len = (uint32_t)(m->len + 1 + below(64));
		break;
	case 1:		/* cut short, inside a header or an attribute */
		m->len = below((unsigned int)m->len + 1);
		m->nlh.nlmsg_len = (uint32_t)m->len;
		break;
	}
}

/* What the table looks like from outside: its dump, and its stats. */
struct snapshot {
	struct entry {
		uint64_t code, seq;
		uint32_t count, flags;
	} entries[MAX_ENTRIES];
	unsigned int n;
	uint32_t active;
	uint64_t raised, cleared, acked, dropped, last_seq;
	unsigned int monitors;
};

static void take_entry(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *tb[HMS_A_MAX + 1];
	struct snapshot *snap = arg;

	if (rawnl_parse(nlh, tb, HMS_A_MAX) || snap->n == MAX_ENTRIES)
		return;
	snap->entries[snap->n++] = (struct entry){
		.code = rawnl_u64(tb[HMS_A_CODE]),
		.seq = rawnl_u64(tb[HMS_A_SEQ]),
		.count = rawnl_u32(tb[HMS_A_COUNT]),
		.flags = rawnl_u32(tb[HMS_A_FLAGS]),
	};
}

static void take_stats(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *tb[HMS_A_MAX + 1];
	struct snapshot *snap = arg;

	if (rawnl_parse(nlh, tb, HMS_A_MAX))
		return;
	snap->active = rawnl_u32(tb[HMS_A_STATS_ACTIVE]);
	snap->raised = rawnl_u64(tb[HMS_A_STATS_RAISED]);
	snap->cleared = rawnl_u64(tb[HMS_A_STATS_CLEARED]);
	snap->acked = rawnl_u64(tb[HMS_A_STATS_ACKED]);
	snap->dropped = rawnl_u64(tb[HMS_A_STATS_DROPPED]);
	snap->last_seq = rawnl_u64(tb[HMS_A_STATS_SEQ]);
}

static void count_monitor(const struct nlmsghdr *nlh, void *arg)
{
	(void)nlh;
	((struct snapshot *)arg)->monitors++;
}

static int take_snapshot(struct snapshot *snap)
{
	struct rawnl_msg m;
	int err;

	memset(snap, 0, sizeof(*snap));
	msg_start(&m, family, NLM_F_REQUEST | NLM_F_DUMP, HMS_CMD_GET_CODE);
	err = request(&m, take_entry, snap);
	msg_start(&m, family, NLM_F_REQUEST, HMS_CMD_GET_STATS);
	err = err ?: request(&m, take_stats, snap);
	msg_start(&m, family, NLM_F_REQUEST | NLM_F_DUMP, HMS_CMD_MONITOR_GET);
	return err ?: request(&m, count_monitor, snap);
}

static int failures;

static void expect(bool ok, const char *what, unsigned long long a, unsigned long long b)
{
	if (ok)
		return;
	fprintf(stderr, "nlfuzz: %s (%llu, %llu)\n", what, a, b);
	failures++;
}

/* The dump in code order, each code as a GET reads it, as many as the stats say. */
static void check_consistent(const struct snapshot *snap)
{
	struct snapshot one;
	unsigned int i;
	struct rawnl_msg m;

	expect(snap->n == snap->active, "dumped entries != stats' active", snap->n,
	       snap->active);
	for (i = 0; i < snap->n; i++) {
		if (i)
			expect(snap->entries[i - 1].code < snap->entries[i].code,
			       "the dump is not in code order", snap->entries[i - 1].code,
			       snap->entries[i].code);
		expect(snap->entries[i].seq <= snap->last_seq, "an entry newer than the last event",
		       snap->entries[i].seq, snap->last_seq);
		memset(&one, 0, sizeof(one));
		msg_start(&m, family, NLM_F_REQUEST, HMS_CMD_GET_CODE);
		rawnl_put_u64(&m, HMS_A_CODE, snap->entries[i].code);
		expect(!request(&m, take_entry, &one) && one.n == 1 &&
		       !memcmp(&one.entries[0], &snap->entries[i], sizeof(one.entries[0])),
		       "a dumped code reads differently with GET", snap->entries[i].code, one.n);
	}
}

/* The spec's dump of codes takes no attribute; the doit's policy would take a code. */
static void check_dump_refuses_code(void)
{
	struct rawnl_msg m;
	int err;

	msg_start(&m, family, NLM_F_REQUEST | NLM_F_DUMP, HMS_CMD_GET_CODE);
	rawnl_put_u64(&m, HMS_A_CODE, some_code());
	err = request(&m, NULL, NULL);
	expect(err == -EINVAL, "a dump of codes took a code", (unsigned long long)-err, EINVAL);
}

static void check_unchanged(const struct snapshot *a, const struct snapshot *b)
{
	expect(a->n == b->n && !memcmp(a->entries, b->entries, sizeof(a->entries[0]) * a->n),
	       "an unprivileged run changed the table", a->n, b->n);
	expect(a->raised == b->raised && a->cleared == b->cleared && a->acked == b->acked &&
	       a->dropped == b->dropped && a->last_seq == b->last_seq,
	       "an unprivileged run changed the stats", a->last_seq, b->last_seq);
	expect(a->monitors == b->monitors, "an unprivileged run changed the monitors",
	       a->monitors, b->monitors);
}

/* Stops the fuzzer's monitors, so that nothing changes the table while it is checked. */
static void delete_monitors(void)
{
	struct rawnl_msg m;
	unsigned int i;

	for (i = 0; i < N_NAMES; i++) {
		msg_start(&m, family, NLM_F_REQUEST, HMS_CMD_MONITOR_DEL);
		rawnl_put_str(&m, HMS_A_MON_NAME, (char[]){ 'f', (char)('0' + i), 0 });
		request(&m, NULL, NULL);
	}
}

int main(int argc, char **argv)
{
	static struct snapshot before, after;
	unsigned long count = 20000, i, sent = 0;
	bool unprivileged = false, check = true;
	uint64_t seed = 1;
	struct rawnl_msg m;
	int opt;

	while ((opt = getopt(argc, argv, "s:n:ux")) != -1) {
		switch (opt) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			count = strtoul(optarg, NULL, 0);
			break;
		case 'u':
			unprivileged = true;
			break;
		case 'x':
			check = false;
			break;
		default:
			fprintf(stderr, "usage: nlfuzz [-s SEED] [-n MESSAGES] [-u] [-x]\n");
			return 2;
		}
	}
	rng_state = seed ? seed : 1;
	sock = rawnl_open();
	family = sock < 0 ? 0 : rawnl_family(sock, HMS_GENL_NAME);
	if (!family) {
		fprintf(stderr, "nlfuzz: no \"%s\" generic netlink family\n", HMS_GENL_NAME);
		return 1;
	}
	if (unprivileged && take_snapshot(&before)) {
		fprintf(stderr, "nlfuzz: cannot read the table\n");
		return 1;
	}

	for (i = 0; i < count; i++) {
		if (below(3))
			malformed(&m);
		else
			well_formed(&m);
		if (!rawnl_send(sock, &m))
			sent++;
		rawnl_drain(sock);
	}

	if (!unprivileged)
		delete_monitors();
	if (!check) {
		printf("nlfuzz: seed %llu, %lu messages (%lu sent)\n", (unsigned long long)seed,
		       count, sent);
		return 0;
	}
	if (take_snapshot(&after)) {
		fprintf(stderr, "nlfuzz: cannot read the table after the run\n");
		return 1;
	}
	check_consistent(&after);
	check_dump_refuses_code();
	if (unprivileged)
		check_unchanged(&before, &after);
	printf("nlfuzz: seed %llu, %lu messages (%lu sent), %u codes active, %s\n",
	       (unsigned long long)seed, count, sent, after.n,
	       failures ? "INCONSISTENT" : "consistent");
	close(sock);
	return failures ? 1 : 0;
}
