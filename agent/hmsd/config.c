// SPDX-License-Identifier: GPL-2.0
/*
 * hmsd's command line and configuration file: the [hmsd] group here, the
 * [codes] and [mqtt] groups read into what they configure; [notify] is
 * policy.c's. Errors are GErrors for hmsd.c to report; what is ignored
 * goes to a warning callback.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "codedb_load.h"
#include "config.h"
#include "error.h"
#include "file.h"
#include "history.h"
#include "log.h"
#include "wiki.h"

#define DEFAULT_CONFIG "/etc/hms/hmsd.conf"

static void G_GNUC_PRINTF(3, 4) warn(hms_warn_fn warn_fn, void *warn_arg, const char *fmt, ...)
{
	g_autofree char *warning = NULL;
	va_list ap;

	if (!warn_fn)
		return;
	va_start(ap, fmt);
	warning = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	warn_fn(warning, warn_arg);
}

/* Warns "PATH: @before NAME @after" of each of @names not in @known. */
static void warn_unknown(const char *path, char **names, const char *const *known,
			 size_t n_known, const char *before, const char *after,
			 hms_warn_fn warn_fn, void *warn_arg)
{
	size_t i, j;

	for (i = 0; names && names[i]; i++) {
		for (j = 0; j < n_known && strcmp(names[i], known[j]); j++)
			;
		if (j == n_known)
			warn(warn_fn, warn_arg, "%s: %s%s%s", path, before, names[i], after);
	}
}

/* The [hmsd] group of @path, under what the command line already set. */
static gboolean read_config(struct hmsd_options *opts, bool must_exist, hms_warn_fn warn_fn,
			    void *warn_arg, GError **error)
{
	static const char *const known[] = { "history", "history_max_kb", "state", "rcvbuf" };
	static const char *const codes_known[] = { "files", "lang", "wiki", "series" };
	static const char *const mqtt_known[] = {
		"host", "port", "printer", "username", "password", "tls", "tls_cafile",
		"tls_certfile", "tls_keyfile", "tls_no_verify_name"
	};
	static const char *const printer_known[] = {
		"host", "port", "serial", "access_code", "tls", "tls_cafile", "tls_no_verify_name"
	};
	g_autoptr(GPtrArray) printers = g_ptr_array_new_with_free_func(g_free);
	size_t i;
	static const char *const groups[] = { "hmsd", "codes", "notify", "mqtt" };
	g_autoptr(GKeyFile) file = g_key_file_new();
	g_autoptr(GError) err = NULL;
	g_auto(GStrv) names = NULL;
	g_autofree char *contents = NULL;
	size_t len;

	if (!hms_file_read(opts->config, HMS_FILE_MAX_CONFIG, &contents, &len, &err)) {
		if (!must_exist && g_error_matches(err, HMS_ERROR, HMS_ERROR_NOENT))
			return TRUE;
		g_propagate_error(error, g_steal_pointer(&err));
		return FALSE;
	}
	if (!g_key_file_load_from_data(file, contents, len, G_KEY_FILE_NONE, &err)) {
		g_set_error(error, HMS_ERROR, hms_error_from_file(err), "%s: %s", opts->config,
			    err->message);
		return FALSE;
	}
	names = g_key_file_get_groups(file, NULL);
	/* [printer NAME] groups: taken out of the list, their keys checked below */
	for (i = 0; names && names[i]; i++) {
		if (g_str_has_prefix(names[i], "printer ") && names[i][8]) {
			g_ptr_array_add(printers, names[i]);
			names[i] = g_strdup("hmsd");
		}
	}
	warn_unknown(opts->config, names, groups, G_N_ELEMENTS(groups), "[",
		     "]: unknown group, ignored", warn_fn, warn_arg);
	for (i = 0; i < printers->len; i++) {
		g_auto(GStrv) keys = g_key_file_get_keys(file, printers->pdata[i], NULL, NULL);
		g_autofree char *before = g_strdup_printf("[%s] ", (char *)printers->pdata[i]);

		warn_unknown(opts->config, keys, printer_known, G_N_ELEMENTS(printer_known),
			     before, ": unknown key, ignored", warn_fn, warn_arg);
	}
	g_strfreev(g_steal_pointer(&names));
	names = g_key_file_get_keys(file, "hmsd", NULL, NULL);
	warn_unknown(opts->config, names, known, G_N_ELEMENTS(known), "[hmsd] ",
		     ": unknown key, ignored", warn_fn, warn_arg);
	/* [notify]'s keys are policy.c's to check. */
	g_strfreev(g_steal_pointer(&names));
	names = g_key_file_get_keys(file, "codes", NULL, NULL);
	warn_unknown(opts->config, names, codes_known, G_N_ELEMENTS(codes_known), "[codes] ",
		     ": unknown key, ignored", warn_fn, warn_arg);
	g_strfreev(g_steal_pointer(&names));
	names = g_key_file_get_keys(file, "mqtt", NULL, NULL);
	warn_unknown(opts->config, names, mqtt_known, G_N_ELEMENTS(mqtt_known), "[mqtt] ",
		     ": unknown key, ignored", warn_fn, warn_arg);
	if (!opts->history)
		opts->history = g_key_file_get_string(file, "hmsd", "history", NULL);
	if (!opts->state)
		opts->state = g_key_file_get_string(file, "hmsd", "state", NULL);
	if (!opts->rcvbuf && g_key_file_has_key(file, "hmsd", "rcvbuf", NULL)) {
		opts->rcvbuf = g_key_file_get_integer(file, "hmsd", "rcvbuf", &err);
		if (err || opts->rcvbuf <= 0) {
			g_set_error(error, HMS_ERROR, HMS_ERROR_INVAL, "%s: [hmsd] rcvbuf: %s",
				    opts->config,
				    err ? err->message : "not a positive number of bytes");
			return FALSE;
		}
	}
	if (g_key_file_has_key(file, "hmsd", "history_max_kb", NULL)) {
		gint64 kb = g_key_file_get_int64(file, "hmsd", "history_max_kb", &err);

		if (err || kb < 0 || kb > G_MAXINT64 / 1024) {
			g_set_error(error, HMS_ERROR, HMS_ERROR_INVAL,
				    "%s: [hmsd] history_max_kb: %s", opts->config,
				    err ? err->message : "not 0 (no limit) or a number of KiB");
			return FALSE;
		}
		opts->history_max_bytes = (uint64_t)kb * 1024;
	}
	opts->file = g_steal_pointer(&file);
	return TRUE;
}

int hmsd_options_parse(int argc, char **argv, struct hmsd_options *opts, hms_warn_fn warn_fn,
		       void *warn_arg, GError **error)
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
	g_autoptr(GError) err = NULL;
	bool explicit_config;
	int ret = 0;

	g_option_context_add_main_entries(context, entries, NULL);
	g_option_context_set_description(context,
		"Exit status: 0 stopped by a signal, 1 failure (no hms module, bad\n"
		"configuration, a broken socket), 2 bad usage.\n");
	if (!g_option_context_parse(context, &argc, &argv, &err)) {
		g_set_error(error, HMS_ERROR, HMS_ERROR_INVAL, "%s\nTry 'hmsd --help'.",
			    err->message);
		ret = EXIT_USAGE;
	} else if (argc > 1) {
		g_set_error(error, HMS_ERROR, HMS_ERROR_INVAL,
			    "unexpected argument '%s'\nTry 'hmsd --help'.", argv[1]);
		ret = EXIT_USAGE;
	} else if (opts->rcvbuf < 0) {
		g_set_error_literal(error, HMS_ERROR, HMS_ERROR_INVAL,
				    "--rcvbuf must be a positive number of bytes");
		ret = EXIT_USAGE;
	}
	g_option_context_free(context);
	if (ret)
		return ret;
	explicit_config = opts->config;
	if (!opts->config)
		opts->config = g_strdup(DEFAULT_CONFIG);
	opts->history_max_bytes = HMS_HISTORY_MAX_BYTES;
	if (!read_config(opts, explicit_config, warn_fn, warn_arg, error))
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
				     size_t lang_size, char **wiki_out, hms_warn_fn warn_fn,
				     void *warn_arg)
{
	g_autoptr(GError) error = NULL;
	GKeyFile *file = opts->file;
	const char *path = opts->config;
	g_auto(GStrv) files = NULL;
	g_autofree char *lang = NULL, *wiki = NULL, *series = NULL;
	struct hms_codedb *db;
	size_t i;

	db = hms_codedb_open_default(warn_fn, warn_arg);
	if (file)
		files = g_key_file_get_string_list(file, "codes", "files", NULL, NULL);
	for (i = 0; files && files[i]; i++) {
		g_autoptr(GError) error = NULL;

		if (hms_codedb_load(db, g_strstrip(files[i]), NULL, warn_fn, warn_arg, &error) < 0)
			hms_log(LOG_ERR, "%s: [codes] files: %s; going on without it", path,
				error->message);
	}
	if (file)
		lang = g_key_file_get_string(file, "codes", "lang", NULL);
	if (lang && *lang && strlen(lang) < lang_size)
		snprintf(lang_out, lang_size, "%s", lang);
	else
		hms_codedb_env_lang(lang_out, lang_size);
	if (file)
		wiki = g_key_file_get_string(file, "codes", "wiki", NULL);
	if (wiki && !hms_wiki_check(wiki, &error)) {
		hms_log(LOG_ERR, "%s: [codes] wiki: %s; using the default", path, error->message);
		g_clear_error(&error);
		g_clear_pointer(&wiki, g_free);
	}
	/*
	 * The printer series whose pages to link, filled into the template here:
	 * hmsd hands its sinks the template only.
	 */
	if (file)
		series = g_key_file_get_string(file, "codes", "series", NULL);
	if (series && !hms_wiki_series_check(series, &error)) {
		hms_log(LOG_ERR, "%s: [codes] series: %s; using %s", path, error->message,
			HMS_WIKI_DEFAULT_SERIES);
		g_clear_pointer(&series, g_free);
	}
	if (series)
		*wiki_out = hms_wiki_with_series(wiki, series);
	else
		*wiki_out = g_steal_pointer(&wiki);
	return db;
}

static void log_mqtt(void *ctx, const char *message)
{
	(void)ctx;
	hms_log(LOG_NOTICE, "mqtt: %s", message);
}

/* A boolean key of [mqtt], false when missing. FALSE when it is not a boolean. */
static gboolean mqtt_flag(GKeyFile *file, const char *key, bool *out, GError **error)
{
	g_autoptr(GError) err = NULL;

	*out = false;
	if (!g_key_file_has_key(file, "mqtt", key, NULL))
		return TRUE;
	*out = g_key_file_get_boolean(file, "mqtt", key, &err);
	if (err) {
		g_set_error(error, HMS_ERROR, HMS_ERROR_INVAL, "%s: not true or false", key);
		return FALSE;
	}
	return TRUE;
}

/* [mqtt]: the broker; NULL when there is none, or it is misconfigured. */
struct hms_mqtt *hmsd_config_mqtt(const struct hmsd_options *opts)
{
	GKeyFile *file = opts->file;
	const char *path = opts->config;
	g_autofree char *host = NULL, *printer = NULL, *username = NULL, *password = NULL;
	g_autofree char *cafile = NULL, *certfile = NULL, *keyfile = NULL;
	struct hms_mqtt_config conf = { .log = log_mqtt };
	g_autoptr(GError) error = NULL;
	struct hms_mqtt *mqtt;

	if (!file || !g_key_file_has_group(file, "mqtt"))
		return NULL;
	conf.host = host = g_key_file_get_string(file, "mqtt", "host", NULL);
	conf.printer = printer = g_key_file_get_string(file, "mqtt", "printer", NULL);
	conf.username = username = g_key_file_get_string(file, "mqtt", "username", NULL);
	conf.password = password = g_key_file_get_string(file, "mqtt", "password", NULL);
	conf.tls_cafile = cafile = g_key_file_get_string(file, "mqtt", "tls_cafile", NULL);
	conf.tls_certfile = certfile = g_key_file_get_string(file, "mqtt", "tls_certfile", NULL);
	conf.tls_keyfile = keyfile = g_key_file_get_string(file, "mqtt", "tls_keyfile", NULL);
	if (!mqtt_flag(file, "tls", &conf.tls, &error) ||
	    !mqtt_flag(file, "tls_no_verify_name", &conf.tls_no_verify_name, &error)) {
		hms_log(LOG_ERR, "%s: [mqtt] %s; going on without MQTT", path, error->message);
		return NULL;
	}
	if (g_key_file_has_key(file, "mqtt", "port", NULL)) {
		conf.port = g_key_file_get_integer(file, "mqtt", "port", &error);
		if (error || conf.port <= 0) {
			hms_log(LOG_ERR, "%s: [mqtt] port: %s; going on without MQTT", path,
				error ? error->message : "not 1-65535");
			return NULL;
		}
	}
	mqtt = hms_mqtt_new(&conf, &error);
	if (!mqtt)
		hms_log(LOG_ERR, "%s: [mqtt]: %s; going on without MQTT", path, error->message);
	return mqtt;
}

static void printer_free(gpointer data)
{
	struct hmsd_printer *printer = data;

	hms_mqtt_free(printer->mqtt);
	g_free(printer->name);
	g_free(printer);
}

/* A boolean key of @group, @fallback when missing; FALSE when not a boolean. */
static gboolean group_flag(GKeyFile *file, const char *group, const char *key, bool fallback,
			   bool *out)
{
	g_autoptr(GError) err = NULL;

	*out = fallback;
	if (!g_key_file_has_key(file, group, key, NULL))
		return TRUE;
	*out = g_key_file_get_boolean(file, group, key, &err);
	return !err;
}

/* [printer NAME]: NULL when misconfigured (logged). */
static struct hms_mqtt *config_printer(GKeyFile *file, const char *path, const char *group)
{
	g_autofree char *host = NULL, *serial = NULL, *code = NULL, *cafile = NULL;
	struct hms_mqtt_config conf = { .log = log_mqtt, .username = "bblp" };
	g_autoptr(GError) error = NULL;
	struct hms_mqtt *mqtt;

	conf.host = host = g_key_file_get_string(file, group, "host", NULL);
	conf.printer = serial = g_key_file_get_string(file, group, "serial", NULL);
	conf.password = code = g_key_file_get_string(file, group, "access_code", NULL);
	conf.tls_cafile = cafile = g_key_file_get_string(file, group, "tls_cafile", NULL);
	if (!host || !serial || !code) {
		hms_log(LOG_ERR, "%s: [%s]: needs host, serial and access_code; left out", path,
			group);
		return NULL;
	}
	if (!group_flag(file, group, "tls", true, &conf.tls) ||
	    !group_flag(file, group, "tls_no_verify_name", false, &conf.tls_no_verify_name)) {
		hms_log(LOG_ERR, "%s: [%s]: tls and tls_no_verify_name are true or false; "
			"left out", path, group);
		return NULL;
	}
	if (g_key_file_has_key(file, group, "port", NULL)) {
		conf.port = g_key_file_get_integer(file, group, "port", &error);
		if (error || conf.port <= 0) {
			hms_log(LOG_ERR, "%s: [%s] port: not 1-65535; left out", path, group);
			return NULL;
		}
	}
	mqtt = hms_mqtt_new(&conf, &error);
	if (!mqtt)
		hms_log(LOG_ERR, "%s: [%s]: %s; left out", path, group, error->message);
	return mqtt;
}

GPtrArray *hmsd_config_printers(const struct hmsd_options *opts)
{
	GPtrArray *printers = g_ptr_array_new_with_free_func(printer_free);
	g_auto(GStrv) groups = NULL;
	struct hmsd_printer *printer;
	struct hms_mqtt *mqtt;
	size_t i;

	if (!opts->file)
		return printers;
	groups = g_key_file_get_groups(opts->file, NULL);
	for (i = 0; groups[i]; i++) {
		if (!g_str_has_prefix(groups[i], "printer ") || !groups[i][8])
			continue;
		mqtt = config_printer(opts->file, opts->config, groups[i]);
		if (!mqtt)
			continue;
		printer = g_new0(struct hmsd_printer, 1);
		printer->name = g_strdup(groups[i] + 8);
		printer->mqtt = mqtt;
		g_ptr_array_add(printers, printer);
	}
	return printers;
}
