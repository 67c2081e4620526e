/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmsctl's command line: its options, parsed once, and its verbs, one row
 * each in verbs.c, like systemctl's. Every argument is checked before a
 * verb that needs the kernel connects to it.
 */
#ifndef HMSCTL_VERBS_H
#define HMSCTL_VERBS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <glib.h>

#include "client.h"

enum { EXIT_USAGE = 2 };

/* What a command line says, parsed and checked. */
struct hmsctl {
	const struct hmsctl_verb *verb;
	int argc;		/* the verb and its operands */
	char **argv;
	uint64_t code;		/* a verb's CODE, parsed */

	bool json;		/* --json, for every verb */
	bool help;		/* --help */
	bool has_value;		/* raise --value */
	int64_t value;
	const char *source;	/* raise --source */
	long count;		/* monitor --count; 0: no end */
	long last;		/* history -n; 0: all */
	const char *file;	/* history --file; NULL: the default */
	const char **dbs;	/* explain --db, in the order given; NULL-terminated */
	const char *lang;	/* explain --lang; NULL: the locale's */
	bool no_qr;		/* explain --no-qr */
	bool check;		/* load --check: the file checked, no kernel */

	struct hms_monitor_conf *confs;	/* load: the file's monitors, read before connecting */
	int n_confs;

	struct hms_client *client;	/* for a verb that needs the kernel */
};

enum hmsctl_verb_flags {
	VERB_KERNEL	= 1 << 0,	/* talks to the kernel: connects first */
	VERB_ADMIN	= 1 << 1,	/* the kernel allows it with CAP_NET_ADMIN only */
};

struct hmsctl_verb {
	const char *name;
	unsigned int min_args, max_args;	/* operands after the verb */
	const char *operand;	/* what they are: "CODE" (parsed), "NAME", "FILE" */
	unsigned int options;	/* the options it takes, but the global ones */
	unsigned int flags;	/* enum hmsctl_verb_flags */
	int (*prepare)(struct hmsctl *ctl);	/* if any, before connecting: 0 or an exit status */
	int (*run)(struct hmsctl *ctl);	/* an exit status */
	const char *synopsis;	/* its operands and options, for --help */
	const char *help;	/* what it does, for --help */
};

extern const struct hmsctl_verb hmsctl_verbs[];
extern const size_t hmsctl_n_verbs;

/*
 * Parses @argv into @ctl: options anywhere (global ones go before the verb),
 * the verb, its operands. False with a usage error (HMS_ERROR_INVAL) in
 * @error, or with none when there is no verb. Free with hmsctl_clear().
 * Sets no verb when --help was given.
 */
bool hmsctl_parse(struct hmsctl *ctl, int argc, char **argv, GError **error);
void hmsctl_clear(struct hmsctl *ctl);

/* --help: every verb, from the table. */
void hmsctl_usage(FILE *out);

/* The whole program: parse, connect if the verb needs it, run. An exit status. */
int hmsctl_main(int argc, char **argv);

/* The verbs, in hmsctl.c. */
int verb_list(struct hmsctl *ctl);
int verb_get(struct hmsctl *ctl);
int verb_raise(struct hmsctl *ctl);
int verb_clear(struct hmsctl *ctl);
int verb_ack(struct hmsctl *ctl);
int verb_stats(struct hmsctl *ctl);
int verb_monitor(struct hmsctl *ctl);
int verb_monitors(struct hmsctl *ctl);
int verb_load_read(struct hmsctl *ctl);
int verb_load(struct hmsctl *ctl);
int verb_remove_monitor(struct hmsctl *ctl);
int verb_arm(struct hmsctl *ctl);
int verb_disarm(struct hmsctl *ctl);
int verb_history(struct hmsctl *ctl);
int verb_explain(struct hmsctl *ctl);
int verb_db(struct hmsctl *ctl);

#endif
