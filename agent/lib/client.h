/* SPDX-License-Identifier: GPL-2.0 */
/* A client of the hms generic netlink family, on libnl-genl-3. */
#ifndef HMS_AGENT_CLIENT_H
#define HMS_AGENT_CLIENT_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/msg.h>
#include <linux/hms.h>

#include "event.h"
#include "monitors.h"

struct hms_client {
	struct nl_sock *sock;
	int family;
	char error[256];	/* why the last call failed, for the user */
};

struct hms_stats {
	uint32_t active;
	uint32_t capacity;
	uint64_t raised;
	uint64_t cleared;
	uint64_t acked;
	uint64_t dropped;
	uint64_t seq;
	uint32_t flap_window_ms;
};

typedef int (*hms_event_cb)(const struct hms_event *event, void *arg);

/* All return 0, or a negative errno with client->error set. */
int hms_client_open(struct hms_client *client);
void hms_client_close(struct hms_client *client);

/* A request of @cmd, to fill with attributes and pass to hms_client_request(). */
struct nl_msg *hms_client_msg(struct hms_client *client, uint8_t cmd, int flags);
/* Sends @msg, which it frees, and waits for the kernel's answer. */
int hms_client_request(struct hms_client *client, struct nl_msg *msg);

int hms_client_report(struct hms_client *client, uint64_t code, bool raise, const int64_t *value,
		      const char *source);
int hms_client_ack(struct hms_client *client, uint64_t code);
int hms_client_get(struct hms_client *client, uint64_t code, struct hms_event *entry);
int hms_client_dump(struct hms_client *client, hms_event_cb cb, void *arg);
int hms_client_stats(struct hms_client *client, struct hms_stats *stats);

int hms_client_monitor_add(struct hms_client *client, const struct hms_monitor_conf *conf);
int hms_client_monitor_del(struct hms_client *client, const char *name);
int hms_client_monitor_arm(struct hms_client *client, const char *name, bool armed);
typedef int (*hms_monitor_cb)(const struct hms_monitor_conf *conf, void *arg);
int hms_client_monitor_dump(struct hms_client *client, hms_monitor_cb cb, void *arg);

/* Joins the events group; then hms_client_recv() delivers events to @cb. */
int hms_client_subscribe(struct hms_client *client);
int hms_client_recv(struct hms_client *client, hms_event_cb cb, void *arg);

/* For a main loop: the socket to poll, which then never blocks. */
int hms_client_fd(struct hms_client *client);
int hms_client_set_nonblocking(struct hms_client *client);
/* The socket's receive buffer (the kernel doubles it); small ones overrun. */
int hms_client_set_rcvbuf(struct hms_client *client, int bytes);

/*
 * Parses an entry or event message, or a monitor of a MONITOR_GET dump;
 * -EINVAL with @error set if malformed.
 */
int hms_parse_event(struct nl_msg *msg, struct hms_event *event, char *error, size_t len);
int hms_parse_monitor(struct nl_msg *msg, struct hms_monitor_conf *conf, char *error, size_t len);

#endif
