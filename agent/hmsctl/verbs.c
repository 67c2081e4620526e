// SPDX-License-Identifier: GPL-2.0
/*
 * hmsctl's options and verbs: one pass of getopt_long over the whole
 * command line, then the verb's row says how many operands it takes,
 * which options, and whether it needs the kernel, before anything runs.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "history.h"
#include "verbs.h"

enum option_id {
	OPT_JSON,
	OPT_HELP,
	OPT_VALUE,
	OPT_SOURCE,
	OPT_COUNT,
	OPT_LAST,
	OPT_FILE,
	OPT_DB,
	OPT_LANG,
	OPT_NO_QR,
	OPT_CHECK,
	N_OPTIONS
};

#define O(id)	(1U << OPT_##id)
/* Taken by every verb. */
#define GLOBAL_OPTIONS	(O(JSON) | O(HELP))

/* getopt_long's val, above any short option's. */
#define LONG_ID(id)	(256 + (id))

/* -h and -n are the short forms of --help and history's last N. */
static const struct option options[] = {
	{ "json", no_argument, NULL, LONG_ID(OPT_JSON) },
	{ "help", no_argument, NULL, LONG_ID(OPT_HELP) },
	{ "value", required_argument, NULL, LONG_ID(OPT_VALUE) },
	{ "source", required_argument, NULL, LONG_ID(OPT_SOURCE) },
	{ "count", required_argument, NULL, LONG_ID(OPT_COUNT) },
	{ "file", required_argument, NULL, LONG_ID(OPT_FILE) },
	{ "db", required_argument, NULL, LONG_ID(OPT_DB) },
	{ "lang", required_argument, NULL, LONG_ID(OPT_LANG) },
	{ "no-qr", no_argument, NULL, LONG_ID(OPT_NO_QR) },
	{ "check", no_argument, NULL, LONG_ID(OPT_CHECK) },
	{ 0 }
};
static const char short_options[] = ":hn:";

static const char *option_name(int id)
{
	size_t i;

	if (id == OPT_LAST)
		return "-n";
	for (i = 0; options[i].name; i++) {
		if (options[i].val == LONG_ID(id))
			return options[i].name;
	}
	return "?";
}

/*
 * One row a command: name; min, max operands and what they are; options;
 * flags; prepare, run; synopsis, help. --help lists them in this order.
 */
const struct hmsctl_verb hmsctl_verbs[] = {
	{ "list", 0, 0, NULL, 0, VERB_KERNEL, NULL, verb_list,
	  "", "the active codes" },
	{ "get", 1, 1, "CODE", 0, VERB_KERNEL, NULL, verb_get,
	  "CODE", "one active code" },
	{ "raise", 1, 1, "CODE", O(VALUE) | O(SOURCE), VERB_KERNEL | VERB_ADMIN, NULL, verb_raise,
	  "CODE [--value N] [--source NAME]", "raise a code, as a detector would" },
	{ "clear", 1, 1, "CODE", 0, VERB_KERNEL | VERB_ADMIN, NULL, verb_clear,
	  "CODE", "clear an active code" },
	{ "ack", 1, 1, "CODE", 0, VERB_KERNEL | VERB_ADMIN, NULL, verb_ack,
	  "CODE", "acknowledge an active code" },
	{ "stats", 0, 0, NULL, 0, VERB_KERNEL, NULL, verb_stats,
	  "", "counters of the code table" },
	{ "monitor", 0, 0, NULL, O(COUNT), VERB_KERNEL, NULL, verb_monitor,
	  "[--count N]", "print events as they come, with their sequence numbers; warns on "
	  "stderr when events were lost" },
	{ "monitors", 0, 0, NULL, 0, VERB_KERNEL, NULL, verb_monitors,
	  "", "the kernel's detectors, with their last value and level" },
	{ "load", 1, 1, "FILE", O(CHECK), VERB_KERNEL | VERB_ADMIN, verb_load_read, verb_load,
	  "FILE [--check]", "start the detectors a config file describes, all or none; "
	  "--check only checks it, by the kernel's rules, and needs no kernel; loading" },
	{ "remove-monitor", 1, 1, "NAME", 0, VERB_KERNEL | VERB_ADMIN, NULL, verb_remove_monitor,
	  "NAME", "stop a detector and clear its code" },
	{ "arm", 1, 1, "NAME", 0, VERB_KERNEL | VERB_ADMIN, NULL, verb_arm,
	  "NAME", "a fan's tach monitor: watch it (after its spin-up time), as the fan is "
	  "switched on" },
	{ "disarm", 1, 1, "NAME", 0, VERB_KERNEL | VERB_ADMIN, NULL, verb_disarm,
	  "NAME", "a fan's tach monitor: stop watching it, as the fan is switched off" },
	{ "history", 0, 0, NULL, O(LAST) | O(FILE), 0, NULL, verb_history,
	  "[-n N] [--file FILE]", "the last N changes hmsd recorded (all by default), from "
	  "FILE (" HMS_HISTORY_DEFAULT "); skips damaged lines" },
	{ "explain", 1, 1, "CODE", O(DB) | O(LANG) | O(NO_QR), 0, NULL, verb_explain,
	  "CODE [--db FILE]... [--lang LANG] [--no-qr]", "what a code means: message, "
	  "fields, troubleshooting, wiki link and its QR code" },
	{ "db", 2, 2, "check FILE", 0, 0, NULL, verb_db,
	  "check FILE", "every problem of a code table, each with its place, the rows "
	  "loading skips with one summary line too; exit 1 if there is any" },
};
const size_t hmsctl_n_verbs = G_N_ELEMENTS(hmsctl_verbs);

static const char usage_head[] =
	"Usage: hmsctl [--json] COMMAND [ARGS]\n"
	"\n"
	"Commands:\n";

static const char usage_tail[] =
	"\n"
	"The code table is the installed one, then the files of $HMS_DB (':' between\n"
	"them), then each --db FILE, later ones overriding earlier ones; the native\n"
	"format and Bambu Lab's official HMS JSON are both read. LANG defaults to the\n"
	"locale's, falling back to English. $HMS_WIKI_URL overrides the wiki link's\n"
	"template ({code}, {hex}, {lang}, {series}); $HMS_WIKI_SERIES is the printer\n"
	"series whose pages it links (x1 by default; p1, a1, a1-mini, h2d, ...).\n"
	"\n"
	"CODE is HMS_0300_0100_0001_0007, 0300-0100-0001-0007, 0300_0100_0001_0007\n"
	"or 0300010000010007. --json prints JSON (one object per line for monitor).\n"
	"\n"
	"Exit status: 0 success, 1 the request failed, 2 bad usage.\n";

#define HELP_COLUMN 28
#define HELP_WIDTH 80

/*
 * @text from the help column, its words wrapped, then @tail unbroken; @at
 * is where the line is.
 */
static void print_wrapped(FILE *out, const char *text, const char *tail, size_t at)
{
	g_auto(GStrv) split = g_strsplit(text, " ", -1);
	guint n = g_strv_length(split);
	g_autofree const char **words = g_new0(const char *, n + 2);
	size_t i;

	memcpy(words, split, n * sizeof(*words));
	words[n] = tail;
	for (i = 0; words[i]; i++) {
		if (at > HELP_COLUMN && at + 1 + strlen(words[i]) > HELP_WIDTH) {
			fprintf(out, "\n%*s", HELP_COLUMN, "");
			at = HELP_COLUMN;
		} else if (at > HELP_COLUMN) {
			fputc(' ', out);
			at++;
		}
		fputs(words[i], out);
		at += strlen(words[i]);
	}
	fputc('\n', out);
}

void hmsctl_usage(FILE *out)
{
	const struct hmsctl_verb *verb;
	g_autofree char *help = NULL;
	size_t at;

	fputs(usage_head, out);
	for (verb = hmsctl_verbs; verb < hmsctl_verbs + hmsctl_n_verbs; verb++) {
		at = (size_t)fprintf(out, "  %s%s%s", verb->name, *verb->synopsis ? " " : "",
				     verb->synopsis);
		if (at + 1 > HELP_COLUMN)
			at = (size_t)fprintf(out, "\n%*s", HELP_COLUMN, "") - 1;
		else
			at += (size_t)fprintf(out, "%*s", (int)(HELP_COLUMN - at), "");
		g_free(help);
		help = g_strdup_printf("%s%s", verb->help,
				       verb->flags & VERB_KERNEL ? "" : "; needs no kernel module");
		print_wrapped(out, help, verb->flags & VERB_ADMIN ? "(needs CAP_NET_ADMIN)" : NULL,
			      at);
	}
	fputs(usage_tail, out);
}

static bool usage_error(GError **error, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static bool usage_error(GError **error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	g_propagate_error(error, g_error_new_valist(HMS_ERROR, HMS_ERROR_INVAL, fmt, ap));
	va_end(ap);
	return false;
}

static bool positive(const char *text, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(text, &end, 10);
	return !errno && end != text && !*end && *out > 0 && *out != LONG_MAX;
}

/* One option and its argument, checked as far as it can be without the verb. */
static bool take_option(struct hmsctl *ctl, int id, const char *arg, GError **error)
{
	char *end;

	switch (id) {
	case OPT_JSON:
		ctl->json = true;
		break;
	case OPT_HELP:
		ctl->help = true;
		break;
	case OPT_VALUE:
		errno = 0;
		ctl->value = strtoll(arg, &end, 0);
		if (errno || end == arg || *end)
			return usage_error(error, "--value '%s' is not a whole number", arg);
		ctl->has_value = true;
		break;
	case OPT_SOURCE:
		if (strlen(arg) >= HMS_SOURCE_LEN)
			return usage_error(error, "--source '%s' is longer than %d characters",
					   arg, HMS_SOURCE_LEN - 1);
		ctl->source = arg;
		break;
	case OPT_COUNT:
		if (!positive(arg, &ctl->count))
			return usage_error(error, "--count '%s' is not a positive number", arg);
		break;
	case OPT_LAST:
		if (!positive(arg, &ctl->last))
			return usage_error(error, "-n '%s' is not a positive number", arg);
		break;
	case OPT_FILE:
		ctl->file = arg;
		break;
	case OPT_DB: {
		size_t n = 0;

		while (ctl->dbs && ctl->dbs[n])
			n++;
		ctl->dbs = g_renew(const char *, ctl->dbs, n + 2);
		ctl->dbs[n] = arg;
		ctl->dbs[n + 1] = NULL;
		break;
	}
	case OPT_LANG:
		if (!*arg || strlen(arg) >= 16)
			return usage_error(error, "--lang '%s' is not a language", arg);
		ctl->lang = arg;
		break;
	case OPT_NO_QR:
		ctl->no_qr = true;
		break;
	case OPT_CHECK:
		ctl->check = true;
		break;
	}
	return true;
}

/* What getopt_long refused, in @arg or before. */
static bool bad_option(const char *arg, GError **error)
{
	if (optopt >= LONG_ID(0))
		return usage_error(error, "option '--%s' takes no argument",
				   option_name(optopt - LONG_ID(0)));
	if (optopt)
		return usage_error(error, "unrecognized option '-%c'", optopt);
	return usage_error(error, "unrecognized option '%s'", arg);
}

static const struct hmsctl_verb *find_verb(const char *name)
{
	size_t i;

	for (i = 0; i < hmsctl_n_verbs; i++) {
		if (!strcmp(hmsctl_verbs[i].name, name))
			return &hmsctl_verbs[i];
	}
	return NULL;
}

/* The verb's operands: as many as it takes, a CODE a health code. */
static bool check_operands(struct hmsctl *ctl, GError **error)
{
	const struct hmsctl_verb *verb = ctl->verb;
	unsigned int n = (unsigned int)ctl->argc - 1;

	if (n < verb->min_args)
		return usage_error(error, "%s needs %s%s", verb->name,
				   !strcmp(verb->operand, "CODE") ? "a " :
				   strchr(verb->operand, ' ') ? "" : "one ", verb->operand);
	if (n > verb->max_args && verb->max_args == 0)
		return usage_error(error, "%s takes no arguments", verb->name);
	if (n > verb->max_args)
		return usage_error(error, "unexpected argument '%s'",
				   ctl->argv[verb->max_args + 1]);
	/* The kernel's table takes severity 1-4; explain any code a printer sends (0 too). */
	if (n && verb->operand && !strcmp(verb->operand, "CODE") && (verb->flags & VERB_KERNEL) &&
	    hms_code_parse(ctl->argv[1], &ctl->code))
		return usage_error(error, "'%s' is not a health code (like "
				   "HMS_0300_0100_0001_0007, severity 1-4)", ctl->argv[1]);
	if (n && verb->operand && !strcmp(verb->operand, "CODE") && !(verb->flags & VERB_KERNEL) &&
	    hms_code_parse_any(ctl->argv[1], &ctl->code))
		return usage_error(error, "'%s' is not a health code (like "
				   "HMS_0300_0100_0001_0007)", ctl->argv[1]);
	if (n && !strcmp(verb->name, "db") && strcmp(ctl->argv[1], "check"))
		return usage_error(error, "db knows only 'check FILE', not '%s'", ctl->argv[1]);
	return true;
}

bool hmsctl_parse(struct hmsctl *ctl, int argc, char **argv, GError **error)
{
	unsigned int given = 0, i;
	int opt;

	memset(ctl, 0, sizeof(*ctl));
	opterr = 0;	/* its errors are ours, in one style */
	optind = 0;	/* glibc: start afresh, in permuting mode */
	while ((opt = getopt_long(argc, argv, short_options, options, NULL)) != -1) {
		if (opt == '?')
			return bad_option(argv[optind - 1], error);
		if (opt == ':')
			return usage_error(error, "option '%s' needs an argument", argv[optind - 1]);
		opt = opt == 'h' ? OPT_HELP : opt == 'n' ? OPT_LAST : opt - LONG_ID(0);
		if (!take_option(ctl, opt, optarg, error))
			return false;
		given |= 1U << opt;
	}
	if (ctl->help)
		return true;
	if (optind >= argc)
		return false;	/* no verb: the whole usage */

	ctl->argc = argc - optind;
	ctl->argv = argv + optind;
	ctl->verb = find_verb(ctl->argv[0]);
	if (!ctl->verb)
		return usage_error(error, "unknown command '%s'", ctl->argv[0]);
	for (i = 0; i < N_OPTIONS; i++) {
		if ((given & ~(ctl->verb->options | GLOBAL_OPTIONS)) & (1U << i))
			return usage_error(error, "option '%s%s' does not apply to %s",
					   i == OPT_LAST ? "" : "--", option_name((int)i),
					   ctl->verb->name);
	}
	return check_operands(ctl, error);
}

void hmsctl_clear(struct hmsctl *ctl)
{
	g_free(ctl->dbs);
	ctl->dbs = NULL;
	free(ctl->confs);
	ctl->confs = NULL;
}

int hmsctl_main(int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	struct hms_client client;
	struct hmsctl ctl;
	int ret;

	if (!hmsctl_parse(&ctl, argc, argv, &error)) {
		hmsctl_clear(&ctl);
		if (!error) {
			hmsctl_usage(stderr);
			return EXIT_USAGE;
		}
		fprintf(stderr, "hmsctl: %s\nTry 'hmsctl --help'.\n", error->message);
		return EXIT_USAGE;
	}
	if (ctl.help) {
		hmsctl_usage(stdout);
		hmsctl_clear(&ctl);
		return 0;
	}
	if (ctl.verb->prepare) {
		ret = ctl.verb->prepare(&ctl);
		if (ret) {
			hmsctl_clear(&ctl);
			return ret;
		}
	}
	/* load --check is the one use of a kernel verb without the kernel. */
	if ((ctl.verb->flags & VERB_KERNEL) && !ctl.check) {
		if (hms_client_open(&client, &error)) {
			fprintf(stderr, "hmsctl: cannot reach hms: %s\n", error->message);
			hmsctl_clear(&ctl);
			return EXIT_FAILURE;
		}
		ctl.client = &client;
	}
	ret = ctl.verb->run(&ctl);
	if (ctl.client)
		hms_client_close(ctl.client);
	hmsctl_clear(&ctl);
	return ret;
}
