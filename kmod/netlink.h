/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HMS_NETLINK_H
#define _HMS_NETLINK_H

#include <linux/skbuff.h>
#include "table.h"

int hms_netlink_init(struct hms_table *table);
void hms_netlink_exit(void);

/* The table's notify callback: multicasts the change, if anyone listens. */
void hms_netlink_notify(const struct hms_entry *entry, u8 what, u32 flags, void *priv);

/* Exposed for the KUnit suite, which checks what a message carries. */
size_t hms_netlink_entry_size(void);
int hms_netlink_put_entry(struct sk_buff *skb, const struct hms_entry *entry, u8 what,
			  u32 flags);

#endif /* _HMS_NETLINK_H */
