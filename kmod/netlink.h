/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HMS_NETLINK_H
#define _HMS_NETLINK_H

#include <linux/skbuff.h>
#include <net/netlink.h>

#include "table.h"

struct hms_monitor_spec;

int hms_netlink_init(struct hms_table *table);
void hms_netlink_exit(void);

/* The table's notify callback: multicasts the change, if anyone listens. */
void hms_netlink_notify(const struct hms_entry *entry, u8 what, u32 flags, void *priv);

/* Exposed for the KUnit suite, which checks what a message carries. */
size_t hms_netlink_entry_size(void);
int hms_netlink_put_entry(struct sk_buff *skb, const struct hms_entry *entry, u8 what,
			  u32 flags);

/* A monitor's properties, read and written by the table in props.c. */
extern const struct nla_policy hms_monitor_add_policy[HMS_A_MAX + 1];
void hms_netlink_get_props(struct nlattr **attrs, struct hms_monitor_spec *spec);
int hms_netlink_put_props(struct sk_buff *skb, const struct hms_monitor_spec *spec);

#endif /* _HMS_NETLINK_H */
