// SPDX-License-Identifier: GPL-2.0
/*
 * hmsctl - look at and drive the hms health code table from the shell.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <json-c/json.h>

#include "client.h"
#include "code.h"
#include "codedb.h"
#include "event_json.h"
#include "explain.h"
#include "history.h"
#include "wiki.h"

enum { EXIT_USAGE = 2 };

static bool json;

static const char usage_text[] =
	"Usage: hmsctl [--json] COMMAND [ARGS]\n"
	"\n"
	"Commands:\n"
	"  list                      the active codes\n"
	"  get CODE                  one active code\n"
	"  raise CODE [--value N] [--source NAME]\n"
	"                            raise a code, as a detector would (needs CAP_NET_ADMIN)\n"
	"  clear CODE                clear an active code (needs CAP_NET_ADMIN)\n"
	"  ack CODE                  acknowledge an active code (needs CAP_NET_ADMIN)\n"
	"  stats                     counters of the code table\n"
	"  monitor [--count N]       print events as they come, with their sequence numbers;\n"
	"                            warns on stderr when events were lost\n"
	"  monitors                  the kernel's detectors, with their last value and level\n"
	"  load FILE                 start the detectors a config file describes; all or\n"
	"                            none (needs CAP_NET_ADMIN)\n"
	"  remove-monitor NAME       stop a detector and clear its code (needs CAP_NET_ADMIN)\n"
	"  arm NAME, disarm NAME     a fan's tach monitor: watch it (after its spin-up time),\n"
	"                            or not, as the fan is switched on or off (needs\n"
	"                            CAP_NET_ADMIN)\n"
	"  history [-n N] [--file FILE]\n"
	"                            the last N changes hmsd recorded (all by default), from\n"
	"                            FILE (" HMS_HISTORY_DEFAULT "); skips damaged lines\n"
	"  explain CODE [--db FILE]... [--lang LANG] [--no-qr]\n"
	"                            what a code means: message, fields, troubleshooting,\n"
	"                            wiki link and its QR code; needs no kernel module\n"
	"\n"
	"The code table is the installed one, then the files of $HMS_DB (':' between\n"
	"them), then each --db FILE, later ones overriding earlier ones; the native\n"
	"format and Bambu Lab's official HMS JSON are both read. LANG defaults to the\n"
	"locale's, falling back to English. $HMS_WIKI_URL overrides the wiki link's\n"
	"template ({code}, {hex}, {lang}).\n"
	"\n"
	"CODE is HMS_0300_0100_0001_0007, 0300-0100-0001-0007, 0300_0100_0001_0007\n"
	"or 0300010000010007. --json prints JSON (one object per line for monitor).\n"
	"\n"
	"Exit status: 0 success, 1 the request failed, 2 bad usage.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "hmsctl: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'hmsctl --help'.\n");
	return EXIT_USAGE;
}

/* A request that failed: what it was, and why. */
static int fail(const char *what, const GError *error)
{
	fprintf(stderr, "hmsctl: %s: %s\n", what, error->message);
	return EXIT_FAILURE;
}

static uint64_t boottime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void print_json(json_object *obj)
{
	puts(json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN));
	json_object_put(obj);
}

static int parse_code_arg(int argc, char **argv, uint64_t *code)
{
	if (optind >= argc)
		return usage_error("%s needs a CODE", argv[0]);
	if (optind + 1 < argc)
		return usage_error("unexpected argument '%s'", argv[optind + 1]);
	if (hms_code_parse(argv[optind], code))
		return usage_error("'%s' is not a health code (like HMS_0300_0100_0001_0007,"
				   " severity 1-4)", argv[optind]);
	return 0;
}

static int no_options(int argc, char **argv)
{
	static const struct option none[] = { { 0 } };

	optind = 0;	/* glibc: start afresh, in permuting mode */
	if (getopt_long(argc, argv, "+", none, NULL) != -1)
		return EXIT_USAGE;
	return 0;
}

static void print_entry_line(const struct hms_event *ev, uint64_t now)
{
	char code[HMS_CODE_STRLEN];
	uint64_t age = now > ev->first_seen ? (now - ev->first_seen) / 1000000000ULL : 0;

	hms_code_format(ev->code, code);
	printf("%-24s %-8s %-6s %5" PRIu32 " %7" PRIu64 "s %12" PRId64 "  %s\n", code,
	       hms_severity_name(HMS_CODE_SEVERITY(ev->code)),
	       ev->flags & HMS_F_ACKED ? "acked" : "active", ev->count, age, ev->value,
	       ev->source);
}

struct list_ctx {
	json_object *array;
	unsigned int n;
	uint64_t now;
	struct hms_codedb *db;	/* NULL when no code table is installed */
	char lang[16];
};

static int list_one(const struct hms_event *ev, void *arg)
{
	struct list_ctx *ctx = arg;

	char *message = hms_codedb_message(ctx->db, ev->code, ctx->lang);
	json_object *obj;

	if (ctx->array) {
		obj = hms_event_json(ev);
		json_object_object_add(obj, "message", json_object_new_string(message));
		json_object_array_add(ctx->array, obj);
	} else {
		if (!ctx->n)
			printf("%-24s %-8s %-6s %5s %8s %12s  %s\n", "CODE", "SEVERITY", "STATE",
			       "COUNT", "AGE", "VALUE", "SOURCE");
		print_entry_line(ev, ctx->now);
		/* On a line of its own: the columns above stay as scripts read them. */
		if (ctx->db)
			printf("    %s\n", message);
	}
	free(message);
	ctx->n++;
	return 0;
}

static int cmd_list(struct hms_client *client, int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	struct list_ctx ctx = { 0 };
	struct hms_codedb *db;
	char lang[16];
	int err, tries = 0;

	if (no_options(argc, argv) || optind != argc)
		return usage_error("%s takes no arguments", argv[0]);

	/* Quietly: explain is where a broken table is reported. */
	db = hms_codedb_open_default(NULL);
	if (!hms_codedb_size(db)) {
		hms_codedb_free(db);
		db = NULL;
	}
	hms_codedb_env_lang(lang, sizeof(lang));

	/* A dump interrupted by a change is read again, from the start. */
	do {
		json_object_put(ctx.array);
		g_clear_error(&error);
		ctx = (struct list_ctx){ .now = boottime_ns(), .db = db };
		memcpy(ctx.lang, lang, sizeof(lang));
		if (json)
			ctx.array = json_object_new_array();
		err = hms_client_dump(client, list_one, &ctx, &error);
	} while (err == -EINTR && ++tries < 10 && !ctx.n);
	hms_codedb_free(db);

	if (err) {
		json_object_put(ctx.array);
		return fail("cannot list codes", error);
	}
	if (json)
		print_json(ctx.array);
	else if (!ctx.n)
		printf("no active codes\n");
	return 0;
}

static int cmd_get(struct hms_client *client, int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	struct hms_event entry;
	uint64_t code;
	int err;

	if (no_options(argc, argv))
		return EXIT_USAGE;
	err = parse_code_arg(argc, argv, &code);
	if (err)
		return err;
	if (hms_client_get(client, code, &entry, &error))
		return fail(argv[optind], error);
	if (json) {
		print_json(hms_event_json(&entry));
	} else {
		print_entry_line(&entry, boottime_ns());
	}
	return 0;
}

static int cmd_report(struct hms_client *client, int argc, char **argv, bool raise)
{
	static const struct option options[] = {
		{ "value", required_argument, NULL, 'v' },
		{ "source", required_argument, NULL, 's' },
		{ 0 }
	};
	g_autoptr(GError) error = NULL;
	const char *source = NULL;
	int64_t value;
	bool has_value = false;
	uint64_t code;
	char *end;
	int opt, err;

	optind = 0;	/* glibc: start afresh, in permuting mode */
	while ((opt = getopt_long(argc, argv, "", raise ? options : options + 2, NULL)) != -1) {
		switch (opt) {
		case 'v':
			errno = 0;
			value = strtoll(optarg, &end, 0);
			if (errno || end == optarg || *end)
				return usage_error("--value '%s' is not a whole number", optarg);
			has_value = true;
			break;
		case 's':
			if (strlen(optarg) >= HMS_SOURCE_LEN)
				return usage_error("--source '%s' is longer than 31 characters",
						   optarg);
			source = optarg;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	err = parse_code_arg(argc, argv, &code);
	if (err)
		return err;
	if (hms_client_report(client, code, raise, has_value ? &value : NULL, source, &error))
		return fail(argv[optind], error);
	return 0;
}

static int cmd_raise(struct hms_client *client, int argc, char **argv)
{
	return cmd_report(client, argc, argv, true);
}

static int cmd_clear(struct hms_client *client, int argc, char **argv)
{
	return cmd_report(client, argc, argv, false);
}

static int cmd_ack(struct hms_client *client, int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	uint64_t code;
	int err;

	if (no_options(argc, argv))
		return EXIT_USAGE;
	err = parse_code_arg(argc, argv, &code);
	if (err)
		return err;
	if (hms_client_ack(client, code, &error))
		return fail(argv[optind], error);
	return 0;
}

static int cmd_stats(struct hms_client *client, int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	struct hms_stats s;
	json_object *obj;

	if (no_options(argc, argv) || optind != argc)
		return usage_error("%s takes no arguments", argv[0]);
	if (hms_client_stats(client, &s, &error))
		return fail("cannot read stats", error);
	if (!json) {
		printf("active:         %" PRIu32 " of %" PRIu32 "\n"
		       "raised:         %" PRIu64 "\n"
		       "cleared:        %" PRIu64 "\n"
		       "acked:          %" PRIu64 "\n"
		       "dropped:        %" PRIu64 "\n"
		       "last seq:       %" PRIu64 "\n"
		       "flap window:    %" PRIu32 " ms\n",
		       s.active, s.capacity, s.raised, s.cleared, s.acked, s.dropped, s.seq,
		       s.flap_window_ms);
		return 0;
	}
	obj = json_object_new_object();
	json_object_object_add(obj, "active", json_object_new_int64(s.active));
	json_object_object_add(obj, "capacity", json_object_new_int64(s.capacity));
	json_object_object_add(obj, "raised", json_object_new_uint64(s.raised));
	json_object_object_add(obj, "cleared", json_object_new_uint64(s.cleared));
	json_object_object_add(obj, "acked", json_object_new_uint64(s.acked));
	json_object_object_add(obj, "dropped", json_object_new_uint64(s.dropped));
	json_object_object_add(obj, "seq", json_object_new_uint64(s.seq));
	json_object_object_add(obj, "flap_window_ms", json_object_new_int64(s.flap_window_ms));
	print_json(obj);
	return 0;
}

struct monitor_ctx {
	uint64_t last_seq;
	long remaining;		/* events still to print; < 0: no end */
};

static int print_event(const struct hms_event *ev, void *arg)
{
	struct monitor_ctx *ctx = arg;
	char code[HMS_CODE_STRLEN];

	if (ctx->last_seq && ev->seq != ctx->last_seq + 1)
		fprintf(stderr, "hmsctl: events lost: expected seq %" PRIu64 ", got %" PRIu64 "\n",
			ctx->last_seq + 1, ev->seq);
	ctx->last_seq = ev->seq;

	if (json) {
		print_json(hms_event_json(ev));
	} else {
		hms_code_format(ev->code, code);
		printf("seq=%" PRIu64 " %s %s %s count=%" PRIu32 " value=%" PRId64 " source=%s%s%s\n",
		       ev->seq, hms_state_name(ev->state), code,
		       hms_severity_name(HMS_CODE_SEVERITY(ev->code)), ev->count, ev->value,
		       ev->source, ev->flags & HMS_F_UPDATE ? " update" : "",
		       ev->flags & HMS_F_ACKED ? " acked" : "");
	}
	if (ctx->remaining > 0)
		ctx->remaining--;
	return 0;
}

static int cmd_monitor(struct hms_client *client, int argc, char **argv)
{
	static const struct option options[] = {
		{ "count", required_argument, NULL, 'c' },
		{ 0 }
	};
	struct monitor_ctx ctx = { .remaining = -1 };
	g_autoptr(GError) error = NULL;
	char *end;
	int opt, err;

	optind = 0;	/* glibc: start afresh, in permuting mode */
	while ((opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
		if (opt != 'c')
			return EXIT_USAGE;
		ctx.remaining = strtol(optarg, &end, 10);
		if (end == optarg || *end || ctx.remaining <= 0 || ctx.remaining == LONG_MAX)
			return usage_error("--count '%s' is not a positive number", optarg);
	}
	if (optind != argc)
		return usage_error("unexpected argument '%s'", argv[optind]);

	if (hms_client_subscribe(client, &error))
		return fail("cannot monitor", error);
	setvbuf(stdout, NULL, _IOLBF, 0);
	fprintf(stderr, "hmsctl: listening for events\n");

	while (ctx.remaining != 0) {
		err = hms_client_recv(client, print_event, &ctx, &error);
		if (err && err != -ENOBUFS && err != -EINVAL)
			return fail("cannot monitor", error);
		/* Lost or malformed events are told, and the next ones read. */
		if (err)
			fprintf(stderr, "hmsctl: %s\n", error->message);
		g_clear_error(&error);
	}
	return 0;
}

/* `hmsctl monitors`: each property the kernel shows, in the table's order. */
static int print_monitor(const struct hms_monitor_conf *conf, void *arg)
{
	json_object *array = arg, *obj;
	char text[HMS_PROP_STRLEN];
	size_t i;

	if (!array) {
		printf("%s: %s %s value=%" PRId64 " level=%s\n ", conf->name,
		       hms_monitor_kind_name(conf->kind), conf->source, conf->value,
		       hms_level_name(conf->level));
		for (i = 0; i < hms_n_props; i++) {
			if (!hms_monitor_shows(conf, i))
				continue;
			hms_prop_format(&hms_props[i], conf->values[i], text);
			printf(" %s=%s", hms_props[i].key, text);
		}
		printf("\n");
		return 0;
	}
	obj = json_object_new_object();
	json_object_object_add(obj, "name", json_object_new_string(conf->name));
	json_object_object_add(obj, "kind",
			       json_object_new_string(hms_monitor_kind_name(conf->kind)));
	json_object_object_add(obj, "source", json_object_new_string(conf->source));
	json_object_object_add(obj, "value", json_object_new_int64(conf->value));
	json_object_object_add(obj, "level", json_object_new_string(hms_level_name(conf->level)));
	for (i = 0; i < hms_n_props; i++) {
		if (hms_monitor_shows(conf, i))
			json_object_object_add(obj, hms_props[i].key,
					       hms_prop_json(&hms_props[i], conf->values[i]));
	}
	json_object_array_add(array, obj);
	return 0;
}

static int cmd_monitors(struct hms_client *client, int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	json_object *array = NULL;

	if (no_options(argc, argv) || optind != argc)
		return usage_error("%s takes no arguments", argv[0]);
	if (json)
		array = json_object_new_array();
	if (hms_client_monitor_dump(client, print_monitor, array, &error)) {
		json_object_put(array);
		return fail("cannot list monitors", error);
	}
	if (array)
		print_json(array);
	return 0;
}

static int cmd_load(struct hms_client *client, int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	struct hms_monitor_conf *confs;
	int n, i, ret = 0;

	if (no_options(argc, argv) || optind + 1 != argc)
		return usage_error("%s needs one FILE", argv[0]);
	n = hms_monitors_read(argv[optind], &confs, &error);
	if (n < 0) {
		fprintf(stderr, "hmsctl: %s\n", error->message);
		return EXIT_FAILURE;
	}
	for (i = 0; i < n; i++) {
		if (hms_client_monitor_add(client, &confs[i], &error)) {
			fprintf(stderr, "hmsctl: %s: [monitor %s]: %s\n", argv[optind],
				confs[i].name, error->message);
			ret = EXIT_FAILURE;
			break;
		}
	}
	/* All or nothing: take back what this file had started. */
	while (ret && i-- > 0) {
		g_clear_error(&error);
		if (hms_client_monitor_del(client, confs[i].name, &error))
			fprintf(stderr, "hmsctl: %s: [monitor %s]: cannot take it back: %s\n",
				argv[optind], confs[i].name, error->message);
	}
	if (!ret)
		printf("%d monitors started\n", n);
	free(confs);
	return ret;
}

static int cmd_remove_monitor(struct hms_client *client, int argc, char **argv)
{
	g_autoptr(GError) error = NULL;

	if (no_options(argc, argv) || optind + 1 != argc)
		return usage_error("%s needs one NAME", argv[0]);
	if (hms_client_monitor_del(client, argv[optind], &error))
		return fail(argv[optind], error);
	return 0;
}

static int arm(struct hms_client *client, int argc, char **argv, bool armed)
{
	g_autoptr(GError) error = NULL;

	if (no_options(argc, argv) || optind + 1 != argc)
		return usage_error("%s needs one NAME", argv[0]);
	if (hms_client_monitor_arm(client, argv[optind], armed, &error))
		return fail(argv[optind], error);
	return 0;
}

static int cmd_arm(struct hms_client *client, int argc, char **argv)
{
	return arm(client, argc, argv, true);
}

static int cmd_disarm(struct hms_client *client, int argc, char **argv)
{
	return arm(client, argc, argv, false);
}

static void warn_history(const char *warning, void *arg)
{
	(void)arg;
	fprintf(stderr, "hmsctl: %s\n", warning);
}

static const char *record_string(json_object *record, const char *key)
{
	json_object *value;

	if (!json_object_object_get_ex(record, key, &value))
		return "";
	return json_object_get_string(value);
}

static void print_record(json_object *record)
{
	json_object *flag;
	bool resync = json_object_object_get_ex(record, "resync", &flag) &&
		      json_object_get_boolean(flag);

	if (json) {
		puts(json_object_to_json_string_ext(record, JSON_C_TO_STRING_PLAIN));
		return;
	}
	printf("%s seq=%s %s %s %s value=%s source=%s%s\n", record_string(record, "time"),
	       record_string(record, "seq"), record_string(record, "state"),
	       record_string(record, "code"), record_string(record, "severity"),
	       record_string(record, "value"), record_string(record, "source"),
	       resync ? " (found by resync)" : "");
}

/* Reads the file hmsd writes: needs no kernel. */
static int cmd_history(struct hms_client *client, int argc, char **argv)
{
	static const struct option options[] = {
		{ "file", required_argument, NULL, 'f' },
		{ 0 }
	};
	const char *path = HMS_HISTORY_DEFAULT;
	json_object *records;
	long last = 0;
	char *end, error[512];
	size_t i;
	int opt;

	(void)client;
	optind = 0;	/* glibc: start afresh, in permuting mode */
	while ((opt = getopt_long(argc, argv, "n:", options, NULL)) != -1) {
		switch (opt) {
		case 'f':
			path = optarg;
			break;
		case 'n':
			last = strtol(optarg, &end, 10);
			if (end == optarg || *end || last <= 0 || last == LONG_MAX)
				return usage_error("-n '%s' is not a positive number", optarg);
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	records = hms_history_read(path, (size_t)last, warn_history, NULL, error, sizeof(error));
	if (!records) {
		fprintf(stderr, "hmsctl: %s\n", error);
		return EXIT_FAILURE;
	}
	for (i = 0; i < json_object_array_length(records); i++)
		print_record(json_object_array_get_idx(records, i));
	json_object_put(records);
	return 0;
}

static int cmd_explain(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, 'l' },
		{ "no-qr", no_argument, NULL, 'q' },
		{ "json", no_argument, NULL, 'j' },
		{ 0 }
	};
	const char *template = getenv("HMS_WIKI_URL");
	struct hms_codedb *db;
	bool qr = true;
	char lang[16], error[160];
	uint64_t code;
	int opt, err;

	hms_codedb_env_lang(lang, sizeof(lang));
	/* Options first, so that the tables load in the order given. */
	optind = 0;	/* glibc: start afresh, in permuting mode */
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'l':
			if (!*optarg || strlen(optarg) >= sizeof(lang))
				return usage_error("--lang '%s' is not a language", optarg);
			snprintf(lang, sizeof(lang), "%s", optarg);
			break;
		case 'q':
			qr = false;
			break;
		case 'j':
			json = true;
			break;
		case 'd':
			break;
		default:
			return EXIT_USAGE;
		}
	}
	err = parse_code_arg(argc, argv, &code);
	if (err)
		return err;
	if (template && hms_wiki_check(template, error, sizeof(error))) {
		fprintf(stderr, "hmsctl: $HMS_WIKI_URL %s; using the default\n", error);
		template = NULL;
	}

	db = hms_codedb_open_default(stderr);
	optind = 0;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		/* A table asked for but unreadable fails the command, after the answer. */
		if (opt == 'd' && hms_codedb_load(db, optarg, NULL, stderr) < 0)
			err = EXIT_FAILURE;
	}
	if (json)
		print_json(hms_explain_json(db, code, lang, template));
	else
		hms_explain_print(stdout, db, code, lang, template, qr);
	hms_codedb_free(db);
	return err;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	static const struct {
		const char *name;
		int (*run)(struct hms_client *client, int argc, char **argv);
	} commands[] = {
		{ "list", cmd_list },
		{ "get", cmd_get },
		{ "raise", cmd_raise },
		{ "clear", cmd_clear },
		{ "ack", cmd_ack },
		{ "stats", cmd_stats },
		{ "monitor", cmd_monitor },
		{ "monitors", cmd_monitors },
		{ "load", cmd_load },
		{ "remove-monitor", cmd_remove_monitor },
		{ "arm", cmd_arm },
		{ "disarm", cmd_disarm },
		{ "history", cmd_history },
	};
	g_autoptr(GError) error = NULL;
	struct hms_client client;
	size_t i;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	argc -= optind;
	argv += optind;
	/* Reads the code table, not the kernel's. */
	if (!strcmp(argv[0], "explain"))
		return cmd_explain(argc, argv);
	for (i = 0; strcmp(argv[0], commands[i].name); i++) {
		if (i + 1 == sizeof(commands) / sizeof(commands[0]))
			return usage_error("unknown command '%s'", argv[0]);
	}
	if (commands[i].run == cmd_history)
		return cmd_history(NULL, argc, argv);

	if (hms_client_open(&client, &error))
		return fail("cannot reach hms", error);
	ret = commands[i].run(&client, argc, argv);
	hms_client_close(&client);
	return ret;
}
