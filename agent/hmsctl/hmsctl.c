// SPDX-License-Identifier: GPL-2.0
/*
 * hmsctl - look at and drive the hms health code table from the shell.
 * verbs.c parses the command line and says which verb runs; here are the
 * verbs.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <json-c/json.h>

#include "client.h"
#include "code.h"
#include "codedb_load.h"
#include "event_json.h"
#include "explain.h"
#include "escape.h"
#include "history.h"
#include "verbs.h"
#include "wiki.h"
#include "wording.h"

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

static void print_entry_line(const struct hms_event *ev, uint64_t now)
{
	char code[HMS_CODE_STRLEN];
	uint64_t age = now > ev->first_seen ? (now - ev->first_seen) / 1000000000ULL : 0;

	g_autofree char *source = hms_escape(ev->source);

	hms_code_format(ev->code, code);
	printf("%-24s %-8s %-6s %5" PRIu32 " %7" PRIu64 "s %12" PRId64 "  %s\n", code,
	       hms_severity_name(HMS_CODE_SEVERITY(ev->code)),
	       ev->flags & HMS_F_ACKED ? "acked" : "active", ev->count, age, ev->value,
	       source);
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

	char *message = hms_wording_message(ctx->db, ev->code, ctx->lang);
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
		if (ctx->db) {
			g_autofree char *shown = hms_escape(message);

			printf("    %s\n", shown);
		}
	}
	free(message);
	ctx->n++;
	return 0;
}

int verb_list(struct hmsctl *ctl)
{
	g_autoptr(GError) error = NULL;
	struct list_ctx ctx = { 0 };
	struct hms_codedb *db;
	char lang[16];
	int err;

	/* Quietly: explain is where a broken table is reported. */
	db = hms_codedb_open_default(NULL, NULL);
	if (!hms_codedb_size(db)) {
		hms_codedb_free(db);
		db = NULL;
	}
	hms_codedb_env_lang(lang, sizeof(lang));

	ctx = (struct list_ctx){ .now = boottime_ns(), .db = db };
	memcpy(ctx.lang, lang, sizeof(lang));
	if (ctl->json)
		ctx.array = json_object_new_array();
	err = hms_client_dump(ctl->client, list_one, &ctx, &error);
	hms_codedb_free(db);

	if (err) {
		json_object_put(ctx.array);
		return fail("cannot list codes", error);
	}
	if (ctl->json)
		print_json(ctx.array);
	else if (!ctx.n)
		printf("no active codes\n");
	return 0;
}

int verb_get(struct hmsctl *ctl)
{
	g_autoptr(GError) error = NULL;
	struct hms_event entry;

	if (hms_client_get(ctl->client, ctl->code, &entry, &error))
		return fail(ctl->argv[1], error);
	if (ctl->json)
		print_json(hms_event_json(&entry));
	else
		print_entry_line(&entry, boottime_ns());
	return 0;
}

static int report(struct hmsctl *ctl, bool raise)
{
	g_autoptr(GError) error = NULL;

	if (hms_client_report(ctl->client, ctl->code, raise, ctl->has_value ? &ctl->value : NULL,
			      ctl->source, &error))
		return fail(ctl->argv[1], error);
	return 0;
}

int verb_raise(struct hmsctl *ctl)
{
	return report(ctl, true);
}

int verb_clear(struct hmsctl *ctl)
{
	return report(ctl, false);
}

int verb_ack(struct hmsctl *ctl)
{
	g_autoptr(GError) error = NULL;

	if (hms_client_ack(ctl->client, ctl->code, &error))
		return fail(ctl->argv[1], error);
	return 0;
}

int verb_stats(struct hmsctl *ctl)
{
	g_autoptr(GError) error = NULL;
	struct hms_stats s;
	json_object *obj;

	if (hms_client_stats(ctl->client, &s, &error))
		return fail("cannot read stats", error);
	if (!ctl->json) {
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
	bool json;
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

	if (ctx->json) {
		print_json(hms_event_json(ev));
	} else {
		g_autofree char *source = hms_escape(ev->source);

		hms_code_format(ev->code, code);
		printf("seq=%" PRIu64 " %s %s %s count=%" PRIu32 " value=%" PRId64 " source=%s%s%s\n",
		       ev->seq, hms_state_name(ev->state), code,
		       hms_severity_name(HMS_CODE_SEVERITY(ev->code)), ev->count, ev->value,
		       source, ev->flags & HMS_F_UPDATE ? " update" : "",
		       ev->flags & HMS_F_ACKED ? " acked" : "");
	}
	if (ctx->remaining > 0)
		ctx->remaining--;
	return 0;
}

int verb_monitor(struct hmsctl *ctl)
{
	struct monitor_ctx ctx = { .json = ctl->json, .remaining = ctl->count ? ctl->count : -1 };
	g_autoptr(GError) error = NULL;
	int err;

	if (hms_client_subscribe(ctl->client, &error))
		return fail("cannot monitor", error);
	setvbuf(stdout, NULL, _IOLBF, 0);
	fprintf(stderr, "hmsctl: listening for events\n");

	while (ctx.remaining != 0) {
		err = hms_client_recv(ctl->client, print_event, &ctx, &error);
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
		g_autofree char *name = hms_escape(conf->name), *source = hms_escape(conf->source);

		printf("%s: %s %s value=%" PRId64 " level=%s\n ", name,
		       hms_monitor_kind_name(conf->kind), source, conf->value,
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

int verb_monitors(struct hmsctl *ctl)
{
	g_autoptr(GError) error = NULL;
	json_object *array = NULL;

	if (ctl->json)
		array = json_object_new_array();
	if (hms_client_monitor_dump(ctl->client, print_monitor, array, &error)) {
		json_object_put(array);
		return fail("cannot list monitors", error);
	}
	if (array)
		print_json(array);
	return 0;
}

/* A bad file is told before, and whether or not, the kernel is reached. */
int verb_load_read(struct hmsctl *ctl)
{
	g_autoptr(GError) error = NULL;

	ctl->n_confs = hms_monitors_read(ctl->argv[1], &ctl->confs, &error);
	if (ctl->n_confs < 0) {
		fprintf(stderr, "hmsctl: %s\n", error->message);
		return EXIT_FAILURE;
	}
	return 0;
}

/* load --check: each monitor by the kernel's rules; all its faults told. */
static int check_monitors(struct hmsctl *ctl)
{
	const char *path = ctl->argv[1], *why;
	int i, bad = 0;

	for (i = 0; i < ctl->n_confs; i++) {
		why = hms_monitor_check(&ctl->confs[i]);
		if (why) {
			fprintf(stderr, "hmsctl: %s: [monitor %s]: %s\n", path, ctl->confs[i].name,
				why);
			bad++;
		}
	}
	if (bad)
		return EXIT_FAILURE;
	printf("%d monitors checked\n", ctl->n_confs);
	return 0;
}

int verb_load(struct hmsctl *ctl)
{
	struct hms_monitor_conf *confs = ctl->confs;
	const char *path = ctl->argv[1];
	g_autoptr(GError) error = NULL;
	int n = ctl->n_confs, i, ret = 0;

	if (ctl->check)
		return check_monitors(ctl);
	for (i = 0; i < n; i++) {
		if (hms_client_monitor_add(ctl->client, &confs[i], &error)) {
			fprintf(stderr, "hmsctl: %s: [monitor %s]: %s\n", path, confs[i].name,
				error->message);
			ret = EXIT_FAILURE;
			break;
		}
	}
	/* All or nothing: take back what this file had started. */
	while (ret && i-- > 0) {
		g_clear_error(&error);
		if (hms_client_monitor_del(ctl->client, confs[i].name, &error))
			fprintf(stderr, "hmsctl: %s: [monitor %s]: cannot take it back: %s\n",
				path, confs[i].name, error->message);
	}
	if (!ret)
		printf("%d monitors started\n", n);
	return ret;
}

int verb_remove_monitor(struct hmsctl *ctl)
{
	g_autoptr(GError) error = NULL;

	if (hms_client_monitor_del(ctl->client, ctl->argv[1], &error))
		return fail(ctl->argv[1], error);
	return 0;
}

static int arm(struct hmsctl *ctl, bool armed)
{
	g_autoptr(GError) error = NULL;

	if (hms_client_monitor_arm(ctl->client, ctl->argv[1], armed, &error))
		return fail(ctl->argv[1], error);
	return 0;
}

int verb_arm(struct hmsctl *ctl)
{
	return arm(ctl, true);
}

int verb_disarm(struct hmsctl *ctl)
{
	return arm(ctl, false);
}

static void print_warning(const char *warning, void *arg)
{
	(void)arg;
	fprintf(stderr, "hmsctl: %s\n", warning);
}

static const char *record_string(json_object *record, const char *key)
{
	json_object *value;

	/* A key that is missing or null ("time": null) prints as nothing. */
	if (!json_object_object_get_ex(record, key, &value) || !value)
		return "";
	return json_object_get_string(value);
}

static void print_record(json_object *record, bool json)
{
	json_object *flag;
	bool resync = json_object_object_get_ex(record, "resync", &flag) &&
		      json_object_get_boolean(flag);
	bool reported = json_object_object_get_ex(record, "reported", &flag) &&
			json_object_get_boolean(flag);
	g_autofree char *line = NULL, *shown = NULL, *coalesced = NULL, *by = NULL;

	if (json) {
		puts(json_object_to_json_string_ext(record, JSON_C_TO_STRING_PLAIN));
		return;
	}
	/* Every field as the file has it, escaped: the file is not to drive the terminal. */
	if (json_object_object_get_ex(record, "coalesced", &flag))
		coalesced = g_strdup_printf(" (after %s changes not written)",
					    json_object_get_string(flag));
	if (reported)
		by = g_strdup_printf(" (reported by %s)", record_string(record, "source"));
	line = g_strdup_printf("%s seq=%s %s %s %s value=%s source=%s%s%s%s",
			       record_string(record, "time"), record_string(record, "seq"),
			       record_string(record, "state"), record_string(record, "code"),
			       record_string(record, "severity"), record_string(record, "value"),
			       record_string(record, "source"), resync ? " (found by resync)" : "",
			       by ? by : "", coalesced ? coalesced : "");
	shown = hms_escape(line);
	puts(shown);
}

/* Reads the file hmsd writes: needs no kernel. */
int verb_history(struct hmsctl *ctl)
{
	const char *path = ctl->file ? ctl->file : HMS_HISTORY_DEFAULT;
	g_autoptr(GError) error = NULL;
	json_object *records;
	size_t i;

	records = hms_history_read(path, (size_t)ctl->last, print_warning, NULL, &error);
	if (!records) {
		fprintf(stderr, "hmsctl: %s\n", error->message);
		return EXIT_FAILURE;
	}
	for (i = 0; i < json_object_array_length(records); i++)
		print_record(json_object_array_get_idx(records, i), ctl->json);
	json_object_put(records);
	return 0;
}

/* Reads the code table, not the kernel's. */
int verb_explain(struct hmsctl *ctl)
{
	struct hms_explain_wiki wiki = {
		.template = getenv("HMS_WIKI_URL"),
		.series = getenv("HMS_WIKI_SERIES"),
	};
	g_autoptr(GError) error = NULL;
	struct hms_codedb *db;
	char lang[16];
	int ret = 0;
	size_t i;

	if (ctl->lang)
		snprintf(lang, sizeof(lang), "%s", ctl->lang);
	else
		hms_codedb_env_lang(lang, sizeof(lang));
	if (wiki.template && !hms_wiki_check(wiki.template, &error)) {
		fprintf(stderr, "hmsctl: $HMS_WIKI_URL %s; using the default\n", error->message);
		g_clear_error(&error);
		wiki.template = NULL;
	}
	if (wiki.series && !hms_wiki_series_check(wiki.series, &error)) {
		fprintf(stderr, "hmsctl: $HMS_WIKI_SERIES: %s; using %s\n", error->message,
			HMS_WIKI_DEFAULT_SERIES);
		g_clear_error(&error);
		wiki.series = NULL;
	}

	db = hms_codedb_open_default(print_warning, NULL);
	/* In the order given; one asked for but unreadable fails the command, after the answer. */
	for (i = 0; ctl->dbs && ctl->dbs[i]; i++) {
		if (hms_codedb_load(db, ctl->dbs[i], NULL, print_warning, NULL, &error) < 0) {
			fprintf(stderr, "hmsctl: %s\n", error->message);
			g_clear_error(&error);
			ret = EXIT_FAILURE;
		}
	}
	if (ctl->json) {
		print_json(hms_explain_json(db, ctl->code, lang, &wiki));
	} else if (!hms_explain_print(stdout, db, ctl->code, lang, &wiki, !ctl->no_qr,
				      &error)) {
		fprintf(stderr, "hmsctl: %s\n", error->message);
		ret = EXIT_FAILURE;
	}
	hms_codedb_free(db);
	return ret;
}

static void print_problem(const char *problem, void *arg)
{
	unsigned int *problems = arg;

	(*problems)++;
	printf("%s\n", problem);
}

/* db check FILE: the file on its own, every problem told, on stdout. */
int verb_db(struct hmsctl *ctl)
{
	g_autoptr(GError) error = NULL;
	unsigned int problems = 0;
	int loaded;

	loaded = hms_codedb_check(ctl->argv[2], print_problem, &problems, &error);
	if (loaded < 0) {
		fprintf(stderr, "hmsctl: %s\n", error->message);
		return EXIT_FAILURE;
	}
	printf("%s: %d entries loaded, %u problem%s\n", ctl->argv[2], loaded, problems,
	       problems == 1 ? "" : "s");
	return problems ? EXIT_FAILURE : 0;
}

int main(int argc, char **argv)
{
	return hmsctl_main(argc, argv);
}
