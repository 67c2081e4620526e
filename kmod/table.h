/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The central table of active health codes.
 *
 * Every change is announced through the table's notify callback, in
 * sequence order but without the table lock: an announcement allocates and
 * multicasts, and raises, clears and dumps need not wait behind it. All
 * functions may sleep.
 */
#ifndef _HMS_TABLE_H
#define _HMS_TABLE_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rbtree.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/hms.h>

struct hms_entry {
	struct rb_node tree_node;	/* in the table, by code */
	struct list_head free_node;	/* in the pool, when free */
	u64 code;
	bool active;			/* false: cleared, kept for the flap window */
	bool acked;
	s64 value;
	char source[HMS_SOURCE_LEN];
	u32 count;
	u64 first_seen;			/* boot ns */
	u64 last_seen;			/* boot ns, last raise */
	u64 cleared_at;			/* boot ns, when !active */
	u64 seq;			/* of the last change */
	u64 time_real;			/* of the last change */
	u64 time_boot;			/* of the last change */
};

struct hms_table;

/* @what is the enum hms_state of the change, @flags enum hms_flags. */
typedef void (*hms_notify_t)(const struct hms_entry *entry, u8 what, u32 flags, void *priv);

struct hms_table_stats {
	u32 active;
	u32 capacity;
	u64 raised;
	u64 cleared;
	u64 acked;
	u64 dropped;
	u64 seq;			/* of the last event announced */
	u32 flap_window_ms;
};

struct hms_table {
	struct mutex lock;		/* guards all below but the last two */
	struct rb_root tree;		/* active and in their flap window */
	struct list_head free;		/* preallocated: a raise never allocates */
	struct hms_entry *pool;
	u64 (*now)(void);		/* boot ns; tests bring their own */
	hms_notify_t notify;
	void *priv;
	struct hms_table_stats stats;	/* .seq: the last event numbered */
	atomic64_t announced;		/* the last event announced */
	wait_queue_head_t turn;		/* events wait for the one before them */
};

int hms_table_init(struct hms_table *table, unsigned int capacity,
		   u64 (*now)(void), hms_notify_t notify, void *priv);
void hms_table_destroy(struct hms_table *table);

int hms_table_raise(struct hms_table *table, u64 code, s64 value, const char *source);
int hms_table_clear(struct hms_table *table, u64 code);
int hms_table_ack(struct hms_table *table, u64 code);
int hms_table_get(struct hms_table *table, u64 code, struct hms_entry *copy);
void hms_table_set_flap_window(struct hms_table *table, unsigned int ms);
void hms_table_get_stats(struct hms_table *table, struct hms_table_stats *stats);

/*
 * Calls @fill for each active entry whose code is *@next or above, in code
 * order, until it returns an error; *@next is left where to resume. Changes
 * between two calls do not disturb the order: a dump resumes by code.
 */
int hms_table_dump(struct hms_table *table, u64 *next,
		   int (*fill)(const struct hms_entry *entry, void *ctx), void *ctx);

static inline bool hms_code_valid(u64 code)
{
	u16 severity = HMS_CODE_SEVERITY(code);

	return severity >= HMS_SEVERITY_FATAL && severity <= HMS_SEVERITY_INFO;
}

#endif /* _HMS_TABLE_H */
