// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for hmsctl's command line (hmsctl/verbs.c): options parsed
 * once, each verb's operands and options checked, and every usage error
 * found before a verb connects to the kernel. The verbs here are stubs.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "verbs.h"

static const char *ran;		/* the stub that ran */
static struct hmsctl seen;	/* what it was given */

#define STUB(name)						\
	int verb_##name(struct hmsctl *ctl)			\
	{							\
		ran = #name;					\
		seen = *ctl;					\
		return 0;					\
	}
STUB(list) STUB(get) STUB(raise) STUB(clear) STUB(ack) STUB(stats) STUB(monitor)
STUB(monitors) STUB(load) STUB(remove_monitor) STUB(arm) STUB(disarm) STUB(history)
STUB(explain) STUB(db)

static bool read_first;		/* load's file was read */

int verb_load_read(struct hmsctl *ctl)
{
	(void)ctl;
	read_first = true;
	return 0;
}

#define CODE "HMS_0300_0100_0001_0007"

/* Parses the words of @line, which stay valid until the next call. */
static bool parse(struct hmsctl *ctl, const char *line, GError **error)
{
	static char **argv;

	g_strfreev(argv);
	argv = g_strsplit(line, " ", -1);
	return hmsctl_parse(ctl, (int)g_strv_length(argv), argv, error);
}

/* Runs hmsctl_main() on @line, its output muted: its exit status. */
static int run(const char *line)
{
	g_auto(GStrv) argv = g_strsplit(line, " ", -1);
	int null = open("/dev/null", O_WRONLY), out = dup(1), err = dup(2), ret;

	assert_true(null >= 0 && out >= 0 && err >= 0);
	fflush(stdout);
	fflush(stderr);
	dup2(null, 1);
	dup2(null, 2);
	ran = NULL;
	ret = hmsctl_main((int)g_strv_length(argv), argv);
	fflush(stdout);
	fflush(stderr);
	dup2(out, 1);
	dup2(err, 2);
	close(out);
	close(err);
	close(null);
	return ret;
}

static void every_verb_has_a_row_and_a_line_of_help(void **state)
{
	g_autofree char *help = NULL;
	size_t len, i, j;
	FILE *out = open_memstream(&help, &len);

	(void)state;
	hmsctl_usage(out);
	fclose(out);
	for (i = 0; i < hmsctl_n_verbs; i++) {
		const struct hmsctl_verb *verb = &hmsctl_verbs[i];
		g_autofree char *line = g_strdup_printf("\n  %s ", verb->name);

		assert_non_null(verb->run);
		assert_true(verb->min_args <= verb->max_args);
		assert_true(!verb->max_args || verb->operand);
		if (!strstr(help, line))
			fail_msg("--help does not list %s", verb->name);
		for (j = 0; j < i; j++)
			assert_string_not_equal(verb->name, hmsctl_verbs[j].name);
	}
	assert_non_null(strstr(help, "Exit status"));
}

static void refuses_bad_usage(void **state)
{
	static const struct {
		const char *line, *error;
	} bad[] = {
		{ "hmsctl raise", "raise needs a CODE" },
		{ "hmsctl clear", "clear needs a CODE" },
		{ "hmsctl explain", "explain needs a CODE" },
		{ "hmsctl db", "db needs check FILE" },
		{ "hmsctl db check", "db needs check FILE" },
		{ "hmsctl db fix x.json", "db knows only 'check FILE', not 'fix'" },
		{ "hmsctl raise HMS_0300_0100_0000_0007", "'HMS_0300_0100_0000_0007' is not a "
		  "health code (like HMS_0300_0100_0001_0007, severity 1-4)" },
		{ "hmsctl ack " CODE " " CODE, "unexpected argument '" CODE "'" },
		{ "hmsctl load", "load needs one FILE" },
		{ "hmsctl arm a b", "unexpected argument 'b'" },
		{ "hmsctl list x", "list takes no arguments" },
		{ "hmsctl monitor x", "monitor takes no arguments" },
		{ "hmsctl frobnicate", "unknown command 'frobnicate'" },
		{ "hmsctl --frobnicate list", "unrecognized option '--frobnicate'" },
		{ "hmsctl -x list", "unrecognized option '-x'" },
		{ "hmsctl --json=yes list", "option '--json' takes no argument" },
		{ "hmsctl raise " CODE " --value", "option '--value' needs an argument" },
		{ "hmsctl history -n", "option '-n' needs an argument" },
		{ "hmsctl raise " CODE " --value 12x", "--value '12x' is not a whole number" },
		{ "hmsctl raise " CODE " --source 0123456789012345678901234567890123",
		  "--source '0123456789012345678901234567890123' is longer than 31 characters" },
		{ "hmsctl monitor --count 0", "--count '0' is not a positive number" },
		{ "hmsctl history -n -3", "-n '-3' is not a positive number" },
		{ "hmsctl explain " CODE " --lang ", "--lang '' is not a language" },
		{ "hmsctl list --value 3", "option '--value' does not apply to list" },
		{ "hmsctl clear " CODE " --source x", "option '--source' does not apply to clear" },
		{ "hmsctl explain " CODE " -n 3", "option '-n' does not apply to explain" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		struct hmsctl ctl;

		if (parse(&ctl, bad[i].line, &error))
			fail_msg("'%s' is taken", bad[i].line);
		hmsctl_clear(&ctl);
		assert_non_null(error);
		assert_true(g_error_matches(error, HMS_ERROR, HMS_ERROR_INVAL));
		if (strcmp(error->message, bad[i].error))
			fail_msg("'%s': '%s', not '%s'", bad[i].line, error->message, bad[i].error);
		/* Exit status 2, and nothing ran: not even a connection was tried. */
		assert_int_equal(run(bad[i].line), EXIT_USAGE);
		assert_null(ran);
	}
}

static void parses_options_anywhere(void **state)
{
	g_autoptr(GError) error = NULL;
	struct hmsctl ctl;

	(void)state;
	assert_true(parse(&ctl, "hmsctl raise " CODE " --value -273 --source bed-ntc", &error));
	assert_string_equal(ctl.verb->name, "raise");
	assert_true(ctl.code == 0x0300010000010007ULL);
	assert_true(ctl.has_value && ctl.value == -273);
	assert_string_equal(ctl.source, "bed-ntc");
	assert_false(ctl.json);
	hmsctl_clear(&ctl);

	assert_true(parse(&ctl, "hmsctl --json history -n 2 --file /tmp/h", &error));
	assert_string_equal(ctl.verb->name, "history");
	assert_true(ctl.json);
	assert_int_equal(ctl.last, 2);
	assert_string_equal(ctl.file, "/tmp/h");
	hmsctl_clear(&ctl);

	/* Tables load in the order given. */
	assert_true(parse(&ctl, "hmsctl explain --db a.jsonl 0300-0100-0001-0007 --no-qr "
			  "--db b.jsonl --lang de --json", &error));
	assert_string_equal(ctl.verb->name, "explain");
	assert_string_equal(ctl.dbs[0], "a.jsonl");
	assert_string_equal(ctl.dbs[1], "b.jsonl");
	assert_null(ctl.dbs[2]);
	assert_string_equal(ctl.lang, "de");
	assert_true(ctl.no_qr && ctl.json);
	hmsctl_clear(&ctl);

	assert_true(parse(&ctl, "hmsctl remove-monitor nozzle", &error));
	assert_string_equal(ctl.argv[1], "nozzle");
	assert_int_equal(ctl.argc, 2);
	hmsctl_clear(&ctl);

	assert_true(parse(&ctl, "hmsctl monitor --count 3", &error));
	assert_int_equal(ctl.count, 3);
	hmsctl_clear(&ctl);

	/* --help wins over whatever else is wrong after it. */
	assert_true(parse(&ctl, "hmsctl --help raise", &error));
	assert_true(ctl.help);
	assert_null(ctl.verb);
	hmsctl_clear(&ctl);

	/* No verb: no message, the whole usage. */
	assert_false(parse(&ctl, "hmsctl --json", &error));
	assert_null(error);
	hmsctl_clear(&ctl);
	assert_null(error);
}

/* history and explain run without the kernel; the others need it first. */
static void runs_the_verb(void **state)
{
	int ret;

	(void)state;
	assert_int_equal(run("hmsctl history -n 5"), 0);
	assert_string_equal(ran, "history");
	assert_int_equal(seen.last, 5);
	assert_null(seen.client);
	assert_int_equal(run("hmsctl explain " CODE), 0);
	assert_string_equal(ran, "explain");
	/* Severity 0 (Bambu's "unknown") is explained; the kernel's verbs keep 1-4. */
	assert_int_equal(run("hmsctl explain HMS_0300_1800_0000_0000"), 0);
	assert_string_equal(ran, "explain");
	assert_int_equal(run("hmsctl raise HMS_0300_1800_0000_0000"), EXIT_USAGE);
	assert_int_equal(run("hmsctl db check codes.jsonl"), 0);
	assert_string_equal(ran, "db");
	assert_int_equal(run("hmsctl db lint codes.jsonl"), EXIT_USAGE);
	assert_int_equal(run("hmsctl --help"), 0);
	assert_null(ran);
	assert_int_equal(run("hmsctl"), EXIT_USAGE);
	assert_null(ran);

	/* Where hms.ko is not loaded: exit 1, the verb not run. */
	ret = run("hmsctl ack " CODE);
	if (ran) {
		assert_int_equal(ret, 0);
		assert_string_equal(ran, "ack");
	} else {
		assert_int_equal(ret, EXIT_FAILURE);
	}
	/* load reads its file first, with or without a kernel. */
	read_first = false;
	ret = run("hmsctl load /tmp/printer.conf");
	assert_true(read_first);
	assert_true(ran ? !strcmp(ran, "load") : ret == EXIT_FAILURE);
	/* load --check needs no kernel: it runs, unconnected. */
	read_first = false;
	ran = NULL;
	assert_int_equal(run("hmsctl load --check /tmp/printer.conf"), 0);
	assert_true(read_first);
	assert_string_equal(ran, "load");
	assert_true(seen.check);
	assert_null(seen.client);
}

static void check_is_for_load_only(void **state)
{
	struct hmsctl ctl;
	GError *error = NULL;

	(void)state;
	assert_true(parse(&ctl, "hmsctl load --check x.conf", &error));
	assert_true(ctl.check);
	hmsctl_clear(&ctl);
	assert_false(parse(&ctl, "hmsctl list --check", &error));
	assert_string_equal(error->message, "option '--check' does not apply to list");
	g_clear_error(&error);
	hmsctl_clear(&ctl);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_verb_has_a_row_and_a_line_of_help),
		cmocka_unit_test(refuses_bad_usage),
		cmocka_unit_test(parses_options_anywhere),
		cmocka_unit_test(runs_the_verb),
		cmocka_unit_test(check_is_for_load_only),
	};

	return cmocka_run_group_tests_name("verbs", tests, NULL, NULL);
}
