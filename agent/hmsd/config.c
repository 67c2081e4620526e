// SPDX-License-Identifier: GPL-2.0
/*
 * hmsd's command line and configuration file: the [hmsd] group here, the
 * [codes] and [mqtt] groups read into what they configure; [notify] is
 * policy.c's.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "codedb_load.h"
#include "config.h"
#include "history.h"
#include "log.h"
#include "wiki.h"

#define DEFAULT_CONFIG "/etc/hms/hmsd.conf"

/* The [hmsd] group of @path, under what the command line already set. */
static int read_config(struct hmsd_options *opts, bool must_exist)
{
	static const char *const known[] = { "history", "state", "rcvbuf" };
	static const char *const groups[] = { "hmsd", "codes", "notify", "mqtt" };
	GKeyFile *file = g_key_file_new();
	GError *error = NULL;
	char **keys;
	size_t i, j;
	int ret = 0;

	if (!g_key_file_load_from_file(file, opts->config, G_KEY_FILE_NONE, &error)) {
		if (must_exist || !g_error_matches(error, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
			fprintf(stderr, "hmsd: %s: %s\n", opts->config, error->message);
			ret = -1;
		}
		g_key_file_free(file);
		goto out;
	}
	opts->file = file;
	keys = g_key_file_get_groups(file, NULL);
	for (i = 0; keys[i]; i++) {
		for (j = 0; j < G_N_ELEMENTS(groups) && strcmp(keys[i], groups[j]); j++)
			;
		if (j == G_N_ELEMENTS(groups))
			fprintf(stderr, "hmsd: %s: [%s]: unknown group, ignored\n",
				opts->config, keys[i]);
	}
	g_strfreev(keys);
	keys = g_key_file_get_keys(file, "hmsd", NULL, NULL);
	for (i = 0; keys && keys[i]; i++) {
		for (j = 0; j < G_N_ELEMENTS(known) && strcmp(keys[i], known[j]); j++)
			;
		if (j == G_N_ELEMENTS(known))
			fprintf(stderr, "hmsd: %s: [hmsd] %s: unknown key, ignored\n",
				opts->config, keys[i]);
	}
	g_strfreev(keys);
	if (!opts->history)
		opts->history = g_key_file_get_string(file, "hmsd", "history", NULL);
	if (!opts->state)
		opts->state = g_key_file_get_string(file, "hmsd", "state", NULL);
	if (!opts->rcvbuf && g_key_file_has_key(file, "hmsd", "rcvbuf", NULL)) {
		opts->rcvbuf = g_key_file_get_integer(file, "hmsd", "rcvbuf", &error);
		if (error || opts->rcvbuf <= 0) {
			fprintf(stderr, "hmsd: %s: [hmsd] rcvbuf: %s\n", opts->config,
				error ? error->message : "not a positive number of bytes");
			ret = -1;
		}
	}
out:
	g_clear_error(&error);
	return ret;
}

int hmsd_options_parse(int argc, char **argv, struct hmsd_options *opts)
{
	GOptionEntry entries[] = {
		{ "config", 'c', 0, G_OPTION_ARG_FILENAME, &opts->config,
		  "configuration file (" DEFAULT_CONFIG ")", "FILE" },
		{ "foreground", 'f', 0, G_OPTION_ARG_NONE, &opts->foreground,
		  "stay in the foreground, log to stderr", NULL },
		{ "history", 0, 0, G_OPTION_ARG_FILENAME, &opts->history,
		  "history file (" HMS_HISTORY_DEFAULT "), empty for none", "FILE" },
		{ "state", 0, 0, G_OPTION_ARG_FILENAME, &opts->state,
		  "write the view of the table to FILE, a JSON array, at each change", "FILE" },
		{ "rcvbuf", 0, 0, G_OPTION_ARG_INT, &opts->rcvbuf,
		  "receive buffer of the events socket, in bytes", "BYTES" },
		{ "desktop", 0, 0, G_OPTION_ARG_NONE, &opts->desktop,
		  "no hms kernel here: follow the printer of the [mqtt] group", NULL },
		{ "no-notify", 0, 0, G_OPTION_ARG_NONE, &opts->no_notify,
		  "no desktop notifications", NULL },
		{ "no-journal", 0, 0, G_OPTION_ARG_NONE, &opts->no_journal,
		  "no journal entries (another hmsd writes them)", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *context = g_option_context_new("- the hms health code daemon");
	GError *error = NULL;
	bool explicit_config;
	int ret = 0;

	g_option_context_add_main_entries(context, entries, NULL);
	g_option_context_set_description(context,
		"Exit status: 0 stopped by a signal, 1 failure (no hms module, bad\n"
		"configuration, a broken socket), 2 bad usage.\n");
	if (!g_option_context_parse(context, &argc, &argv, &error)) {
		fprintf(stderr, "hmsd: %s\nTry 'hmsd --help'.\n", error->message);
		g_error_free(error);
		ret = EXIT_USAGE;
	} else if (argc > 1) {
		fprintf(stderr, "hmsd: unexpected argument '%s'\nTry 'hmsd --help'.\n", argv[1]);
		ret = EXIT_USAGE;
	} else if (opts->rcvbuf < 0) {
		fprintf(stderr, "hmsd: --rcvbuf must be a positive number of bytes\n");
		ret = EXIT_USAGE;
	}
	g_option_context_free(context);
	if (ret)
		return ret;
	explicit_config = opts->config;
	if (!opts->config)
		opts->config = g_strdup(DEFAULT_CONFIG);
	if (read_config(opts, explicit_config))
		return EXIT_FAILURE;
	if (!opts->history)
		opts->history = g_strdup(HMS_HISTORY_DEFAULT);
	return 0;
}

void hmsd_options_free(struct hmsd_options *opts)
{
	if (opts->file)
		g_key_file_free(opts->file);
	g_free(opts->config);
	g_free(opts->history);
	g_free(opts->state);
}

/* [codes]: tables over the installed one, the language, the wiki link. */
struct hms_codedb *hmsd_config_codes(const struct hmsd_options *opts, char *lang_out,
				     size_t lang_size, char **wiki_out)
{
	GKeyFile *file = opts->file;
	const char *path = opts->config;
	g_auto(GStrv) files = NULL;
	g_autofree char *lang = NULL, *wiki = NULL;
	struct hms_codedb *db;
	char error[160];
	size_t i;

	db = hms_codedb_open_default(stderr);
	if (file)
		files = g_key_file_get_string_list(file, "codes", "files", NULL, NULL);
	for (i = 0; files && files[i]; i++) {
		if (hms_codedb_load(db, g_strstrip(files[i]), NULL, stderr) < 0)
			hms_log(LOG_ERR, "%s: [codes] files: cannot read %s; going on without it",
				path, files[i]);
	}
	if (file)
		lang = g_key_file_get_string(file, "codes", "lang", NULL);
	if (lang && *lang && strlen(lang) < lang_size)
		snprintf(lang_out, lang_size, "%s", lang);
	else
		hms_codedb_env_lang(lang_out, lang_size);
	if (file)
		wiki = g_key_file_get_string(file, "codes", "wiki", NULL);
	if (wiki && hms_wiki_check(wiki, error, sizeof(error)))
		hms_log(LOG_ERR, "%s: [codes] wiki: %s; using the default", path, error);
	else
		*wiki_out = g_steal_pointer(&wiki);
	return db;
}

static void log_mqtt(void *ctx, const char *message)
{
	(void)ctx;
	hms_log(LOG_NOTICE, "mqtt: %s", message);
}

/* [mqtt]: the broker; NULL when there is none, or it is misconfigured. */
struct hms_mqtt *hmsd_config_mqtt(const struct hmsd_options *opts)
{
	GKeyFile *file = opts->file;
	const char *path = opts->config;
	g_autofree char *host = NULL, *printer = NULL, *username = NULL, *password = NULL;
	struct hms_mqtt_config conf = { .log = log_mqtt };
	GError *error = NULL;
	struct hms_mqtt *mqtt;
	char why[256];

	if (!file || !g_key_file_has_group(file, "mqtt"))
		return NULL;
	conf.host = host = g_key_file_get_string(file, "mqtt", "host", NULL);
	conf.printer = printer = g_key_file_get_string(file, "mqtt", "printer", NULL);
	conf.username = username = g_key_file_get_string(file, "mqtt", "username", NULL);
	conf.password = password = g_key_file_get_string(file, "mqtt", "password", NULL);
	if (g_key_file_has_key(file, "mqtt", "port", NULL)) {
		conf.port = g_key_file_get_integer(file, "mqtt", "port", &error);
		if (error || conf.port <= 0) {
			hms_log(LOG_ERR, "%s: [mqtt] port: %s; going on without MQTT", path,
				error ? error->message : "not 1-65535");
			g_clear_error(&error);
			return NULL;
		}
	}
	mqtt = hms_mqtt_new(&conf, why, sizeof(why));
	if (!mqtt)
		hms_log(LOG_ERR, "%s: [mqtt]: %s; going on without MQTT", path, why);
	return mqtt;
}
