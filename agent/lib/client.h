/* SPDX-License-Identifier: GPL-2.0 */
/* A client of the hms generic netlink family, on libnl-genl-3. */
#ifndef HMS_AGENT_CLIENT_H
#define HMS_AGENT_CLIENT_H

#include <stdbool.h>
#include <stdint.h>
#include <glib.h>
#include <netlink/msg.h>
#include <linux/hms.h>

#include "error.h"
#include "event.h"
#include "monitors.h"

struct hms_client {
	struct nl_sock *sock;
	int family;
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

/* A callback's nonzero return stops the request, which fails with it. */
typedef int (*hms_event_cb)(const struct hms_event *event, void *arg);
typedef int (*hms_monitor_cb)(const struct hms_monitor_conf *conf, void *arg);

/*
 * All return 0, or a negative errno with @error set to what the user
 * should read: for a request the kernel refused, its errno and extended
 * ACK message (HMS_ERROR_PERM, _NOENT, _INVAL or _FAILED by the errno).
 * The errno is for callers that act on the kind of failure: -EINTR, a dump
 * interrupted by a change (read it again); -ENOBUFS, events lost to a
 * socket overrun (resync); -EINVAL with HMS_ERROR_PARSE, a malformed
 * message. hms_client_open() fails with HMS_ERROR_NOKERNEL when the
 * module is not loaded.
 */
int hms_client_open(struct hms_client *client, GError **error);
void hms_client_close(struct hms_client *client);

/* A request of @cmd, to fill with attributes and pass to hms_client_request(). */
struct nl_msg *hms_client_msg(struct hms_client *client, uint8_t cmd, int flags, GError **error);
/* Sends @msg, which it frees, and waits for the kernel's answer. */
int hms_client_request(struct hms_client *client, struct nl_msg *msg, GError **error);

int hms_client_report(struct hms_client *client, uint64_t code, bool raise, const int64_t *value,
		      const char *source, GError **error);
int hms_client_ack(struct hms_client *client, uint64_t code, GError **error);
int hms_client_get(struct hms_client *client, uint64_t code, struct hms_event *entry,
		   GError **error);
int hms_client_dump(struct hms_client *client, hms_event_cb cb, void *arg, GError **error);
int hms_client_stats(struct hms_client *client, struct hms_stats *stats, GError **error);

int hms_client_monitor_add(struct hms_client *client, const struct hms_monitor_conf *conf,
			   GError **error);
int hms_client_monitor_del(struct hms_client *client, const char *name, GError **error);
int hms_client_monitor_arm(struct hms_client *client, const char *name, bool armed,
			   GError **error);
int hms_client_monitor_dump(struct hms_client *client, hms_monitor_cb cb, void *arg,
			    GError **error);

/* Joins the events group; then hms_client_recv() delivers events to @cb. */
int hms_client_subscribe(struct hms_client *client, GError **error);
int hms_client_recv(struct hms_client *client, hms_event_cb cb, void *arg, GError **error);
/*
 * Reads and throws away what is queued on a non-blocking socket, at most
 * @max messages: after an overrun the kernel drops events without a word
 * until the socket has been read empty. How many it threw away.
 */
size_t hms_client_drain(struct hms_client *client, size_t max);

/* For a main loop: the socket to poll, which then never blocks. */
int hms_client_fd(struct hms_client *client);
int hms_client_set_nonblocking(struct hms_client *client, GError **error);
/* The socket's receive buffer (the kernel doubles it); small ones overrun. */
int hms_client_set_rcvbuf(struct hms_client *client, int bytes, GError **error);

/* Parses an entry or event message, or a monitor of a MONITOR_GET dump. */
int hms_parse_event(struct nl_msg *msg, struct hms_event *event, GError **error);
int hms_parse_monitor(struct nl_msg *msg, struct hms_monitor_conf *conf, GError **error);

#endif
