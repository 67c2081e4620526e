/* SPDX-License-Identifier: GPL-2.0 */
/* What the kernel says about a code: the common currency of the agent. */
#ifndef HMS_AGENT_EVENT_H
#define HMS_AGENT_EVENT_H

#include <stdint.h>
#include <linux/hms.h>

/* An event, or an entry of the table (state HMS_STATE_RAISED). */
struct hms_event {
	uint64_t code;
	uint8_t state;
	uint32_t flags;
	uint64_t seq;
	uint64_t time_real;
	uint64_t time_boot;
	int64_t value;
	char source[HMS_SOURCE_LEN];
	uint32_t count;
	uint64_t first_seen;
	uint64_t last_seen;
};

#endif
