/* SPDX-License-Identifier: GPL-2.0 */
/* hmsd's command line and configuration file (agent/hmsd.conf.example). */
#ifndef HMS_AGENT_HMSD_CONFIG_H
#define HMS_AGENT_HMSD_CONFIG_H

#include <stddef.h>
#include <glib.h>

#include "codedb.h"
#include "mqtt.h"

enum { EXIT_USAGE = 2 };

struct hmsd_options {
	char *config;
	char *history;
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
 * it. Returns 0, EXIT_USAGE or EXIT_FAILURE, having said why on stderr.
 */
int hmsd_options_parse(int argc, char **argv, struct hmsd_options *opts);
void hmsd_options_free(struct hmsd_options *opts);

/*
 * [codes]: the code tables over the installed one; the language in @lang
 * and the wiki link's template in *@wiki (NULL: the default, g_free()).
 * Never NULL: what cannot be read is logged and left out.
 */
struct hms_codedb *hmsd_config_codes(const struct hmsd_options *opts, char *lang,
				     size_t lang_size, char **wiki);

/* [mqtt]: the broker; NULL when there is none, or it is misconfigured (logged). */
struct hms_mqtt *hmsd_config_mqtt(const struct hmsd_options *opts);

#endif
