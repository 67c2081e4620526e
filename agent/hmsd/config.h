/* SPDX-License-Identifier: GPL-2.0 */
/* hmsd's command line and configuration file (agent/hmsd.conf.example). */
#ifndef HMS_AGENT_HMSD_CONFIG_H
#define HMS_AGENT_HMSD_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "codedb.h"
#include "log.h"
#include "mqtt.h"

enum { EXIT_USAGE = 2 };

struct hmsd_options {
	char *config;
	char *history;
	uint64_t history_max_bytes;	/* [hmsd] history_max_kb; 0: no limit */
	char *state;
	int rcvbuf;
	gboolean foreground;
	gboolean desktop;
	gboolean no_notify;
	gboolean no_journal;
	GKeyFile *file;		/* the configuration, for each part's group */
};

/*
 * The command line, then the [hmsd] group of the configuration file under
 * it. Returns 0, or EXIT_USAGE or EXIT_FAILURE with @error saying why
 * (HMS_ERROR_INVAL; the file's HMS_ERROR_NOENT, _PERM, _IO or _PARSE). An
 * unknown group or key is ignored with a warning to @warn ("FILE: [x]:
 * unknown group, ignored"), which may be NULL.
 */
int hmsd_options_parse(int argc, char **argv, struct hmsd_options *opts, hms_warn_fn warn,
		       void *warn_arg, GError **error);
void hmsd_options_free(struct hmsd_options *opts);

/*
 * [codes]: the code tables over the installed one; the language in @lang
 * and the wiki link's template in *@wiki (NULL: the default, g_free()),
 * with the printer series of [codes] series filled in where one is set.
 * Never NULL: a table that cannot be read, and a bad template, are logged
 * and left out; the tables' bad entries are warnings to @warn.
 */
struct hms_codedb *hmsd_config_codes(const struct hmsd_options *opts, char *lang,
				     size_t lang_size, char **wiki, hms_warn_fn warn,
				     void *warn_arg);

/* [mqtt]: the broker; NULL when there is none, or it is misconfigured (logged). */
struct hms_mqtt *hmsd_config_mqtt(const struct hmsd_options *opts);

/* A printer of a [printer NAME] group, for hmsd --desktop. */
struct hmsd_printer {
	char *name;		/* NAME, what notifications and the journal call it */
	struct hms_mqtt *mqtt;	/* its own broker, connecting */
};

/*
 * Each [printer NAME] group: host, port (8883), serial, access_code and
 * TLS as a Bambu printer's broker has it (user bblp; tls = false for a
 * stand-in). A misconfigured one is logged and left out. An array of
 * struct hmsd_printer *, its free function set; never NULL.
 */
GPtrArray *hmsd_config_printers(const struct hmsd_options *opts);

#endif
