// SPDX-License-Identifier: GPL-2.0
/* Unit tests for hmsd's command line and configuration file: what it refuses, and how. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "config.h"
#include "error.h"
#include "history.h"

struct run {
	struct hmsd_options opts;
	GError *error;
	GString *warnings;	/* one a line */
	int status;
};

static void collect(const char *warning, void *arg)
{
	g_string_append_printf(arg, "%s\n", warning);
}

/* hmsd with @args (NULL-terminated), then the file @conf (NULL: none) as --config. */
static void run(struct run *r, const char *conf, ...)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
	char path[] = "/tmp/test_config.XXXXXX";
	const char *arg;
	va_list ap;
	char **args;
	int fd;

	memset(r, 0, sizeof(*r));
	r->warnings = g_string_new(NULL);
	g_ptr_array_add(argv, g_strdup("hmsd"));
	if (conf) {
		fd = g_mkstemp(path);
		assert_true(fd >= 0);
		assert_true(write(fd, conf, strlen(conf)) == (ssize_t)strlen(conf));
		close(fd);
		g_ptr_array_add(argv, g_strdup_printf("--config=%s", path));
	}
	va_start(ap, conf);
	while ((arg = va_arg(ap, const char *)))
		g_ptr_array_add(argv, g_strdup(arg));
	va_end(ap);
	g_ptr_array_add(argv, NULL);
	/* The parser takes out what it reads: a copy of the pointers. */
	args = g_memdup2(argv->pdata, argv->len * sizeof(char *));
	r->status = hmsd_options_parse((int)argv->len - 1, args, &r->opts, collect, r->warnings,
				       &r->error);
	g_free(args);
	if (conf)
		unlink(path);
	assert_true(!r->status == !r->error);
}

static void done(struct run *r)
{
	hmsd_options_free(&r->opts);
	g_clear_error(&r->error);
	g_string_free(r->warnings, TRUE);
}

static void assert_refused(struct run *r, int status, int code, const char *message)
{
	assert_int_equal(r->status, status);
	assert_non_null(r->error);
	if (!g_error_matches(r->error, HMS_ERROR, code) || !strstr(r->error->message, message))
		fail_msg("error %d '%s', not %d '%s'", r->error->code, r->error->message, code,
			 message);
}

/* [codes] series: the printer series filled into the wiki template hmsd's sinks get. */
static void the_wiki_series_is_read(void **state)
{
	struct hms_codedb *db;
	struct run r;
	char lang[16];
	char *wiki = NULL;

	(void)state;
	run(&r, "[codes]\nseries = h2d\n", NULL);
	assert_int_equal(r.status, 0);
	db = hmsd_config_codes(&r.opts, lang, sizeof(lang), &wiki, NULL, NULL);
	assert_string_equal(wiki, "https://wiki.bambulab.com/{lang}/h2d/troubleshooting/hmscode/"
			    "{code}");
	g_free(wiki);
	wiki = NULL;
	hms_codedb_free(db);
	done(&r);

	/* A series that cannot go in a link: the default, logged. */
	run(&r, "[codes]\nseries = ../x\nwiki = http://w/{series}/{code}\n", NULL);
	db = hmsd_config_codes(&r.opts, lang, sizeof(lang), &wiki, NULL, NULL);
	assert_string_equal(wiki, "http://w/{series}/{code}");
	g_free(wiki);
	hms_codedb_free(db);
	done(&r);
}

static void reads_the_command_line_and_the_file(void **state)
{
	struct run r;

	(void)state;
	run(&r, "[hmsd]\nhistory = /tmp/h.jsonl\nstate = /tmp/s.json\nrcvbuf = 4096\n"
	     "[codes]\n[notify]\n[mqtt]\n", "--foreground", "--state", "/tmp/other.json", NULL);
	assert_int_equal(r.status, 0);
	assert_true(r.opts.foreground);
	assert_string_equal(r.opts.history, "/tmp/h.jsonl");
	assert_string_equal(r.opts.state, "/tmp/other.json");	/* the command line wins */
	assert_int_equal(r.opts.rcvbuf, 4096);
	assert_non_null(r.opts.file);
	assert_string_equal(r.warnings->str, "");
	done(&r);
}

static void the_history_limit_is_read(void **state)
{
	struct run r;

	(void)state;
	run(&r, "[hmsd]\nhistory = /tmp/h.jsonl\n", NULL);
	assert_int_equal(r.status, 0);
	assert_true(r.opts.history_max_bytes == HMS_HISTORY_MAX_BYTES);	/* the default */
	done(&r);
	run(&r, "[hmsd]\nhistory_max_kb = 64\n", NULL);
	assert_int_equal(r.status, 0);
	assert_true(r.opts.history_max_bytes == 64 * 1024);
	assert_string_equal(r.warnings->str, "");
	done(&r);
	run(&r, "[hmsd]\nhistory_max_kb = 0\n", NULL);
	assert_int_equal(r.status, 0);
	assert_true(r.opts.history_max_bytes == 0);	/* no limit */
	done(&r);
	run(&r, "[hmsd]\nhistory_max_kb = -1\n", NULL);
	assert_refused(&r, EXIT_FAILURE, HMS_ERROR_INVAL, "[hmsd] history_max_kb: not 0");
	done(&r);
	run(&r, "[hmsd]\nhistory_max_kb = lots\n", NULL);
	assert_refused(&r, EXIT_FAILURE, HMS_ERROR_INVAL, "[hmsd] history_max_kb: ");
	done(&r);
}

/* /dev/zero and a huge (sparse) file are refused before they are read. */
static void files_that_are_no_configs_are_refused_unread(void **state)
{
	char big[] = "/tmp/test_config-big.XXXXXX", *arg;
	struct run r;
	int fd;

	(void)state;
	run(&r, NULL, "--config", "/dev/zero", NULL);
	assert_refused(&r, EXIT_FAILURE, HMS_ERROR_INVAL, "/dev/zero: not a regular file");
	done(&r);
	fd = g_mkstemp(big);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 2 * 1024 * 1024), 0);
	close(fd);
	arg = g_strdup_printf("--config=%s", big);
	run(&r, NULL, arg, NULL);
	unlink(big);
	g_free(arg);
	assert_refused(&r, EXIT_FAILURE, HMS_ERROR_INVAL, ": larger than 1 MiB");
	assert_non_null(strstr(r.error->message, "test_config-big."));
	done(&r);
}

static void refuses_bad_usage(void **state)
{
	struct run r;

	(void)state;
	run(&r, NULL, "--no-such-option", NULL);
	assert_refused(&r, EXIT_USAGE, HMS_ERROR_INVAL, "--no-such-option");
	assert_non_null(strstr(r.error->message, "\nTry 'hmsd --help'."));
	done(&r);
	run(&r, NULL, "extra", NULL);
	assert_refused(&r, EXIT_USAGE, HMS_ERROR_INVAL,
		       "unexpected argument 'extra'\nTry 'hmsd --help'.");
	done(&r);
	run(&r, NULL, "--rcvbuf", "-1", NULL);
	assert_refused(&r, EXIT_USAGE, HMS_ERROR_INVAL,
		       "--rcvbuf must be a positive number of bytes");
	done(&r);
}

static void refuses_a_bad_file(void **state)
{
	struct run r;

	(void)state;
	run(&r, NULL, "--config", "/nonexistent/hmsd.conf", NULL);
	assert_refused(&r, EXIT_FAILURE, HMS_ERROR_NOENT, "/nonexistent/hmsd.conf: ");
	done(&r);
	run(&r, "[hmsd\n", NULL);
	assert_refused(&r, EXIT_FAILURE, HMS_ERROR_PARSE, "/tmp/test_config.");
	done(&r);
	run(&r, "[hmsd]\nrcvbuf = lots\n", NULL);
	assert_refused(&r, EXIT_FAILURE, HMS_ERROR_INVAL, ": [hmsd] rcvbuf: ");
	done(&r);
	run(&r, "[hmsd]\nrcvbuf = 0\n", NULL);
	assert_refused(&r, EXIT_FAILURE, HMS_ERROR_INVAL,
		       ": [hmsd] rcvbuf: not a positive number of bytes");
	done(&r);
}

static void warns_of_what_it_ignores(void **state)
{
	struct run r;

	(void)state;
	run(&r, "[hmsd]\nhistroy = /tmp/x\n[notfiy]\nfatal = log\n[codes]\nseries = p1\n"
	    "serie = x1\n[mqtt]\nhost = h\ntls = true\ntls_insecure = true\n", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.warnings->str, ": [codes] serie: unknown key, ignored\n"));
	assert_non_null(strstr(r.warnings->str, ": [mqtt] tls_insecure: unknown key, ignored\n"));
	assert_null(strstr(r.warnings->str, "[codes] series:"));
	assert_null(strstr(r.warnings->str, "[mqtt] tls:"));
	assert_null(strstr(r.warnings->str, "[mqtt] host:"));
	assert_non_null(strstr(r.warnings->str, ": [notfiy]: unknown group, ignored\n"));
	assert_non_null(strstr(r.warnings->str, ": [hmsd] histroy: unknown key, ignored\n"));
	assert_true(g_str_has_prefix(r.warnings->str, "/tmp/test_config."));
	done(&r);
	run(&r, "[printer x1c]\nhost = h\nserial = s\naccess_code = c\nacces_code = d\n"
	    "[printer p1s]\nhost = h\n[printer ]\nhost = h\n", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.warnings->str, ": [printer x1c] acces_code: unknown key, ignored\n"));
	assert_non_null(strstr(r.warnings->str, ": [printer ]: unknown group, ignored\n"));
	assert_null(strstr(r.warnings->str, "[printer p1s]"));
	assert_null(strstr(r.warnings->str, "[printer x1c]: unknown group"));
	done(&r);
	/* no one to warn: the same options */
	memset(&r, 0, sizeof(r));
	{
		char *argv[] = { "hmsd", "--config", "/nonexistent/x.conf", NULL };

		assert_int_equal(hmsd_options_parse(3, argv, &r.opts, NULL, NULL, NULL),
				 EXIT_FAILURE);
		hmsd_options_free(&r.opts);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_the_command_line_and_the_file),
		cmocka_unit_test(the_wiki_series_is_read),
		cmocka_unit_test(the_history_limit_is_read),
		cmocka_unit_test(files_that_are_no_configs_are_refused_unread),
		cmocka_unit_test(refuses_bad_usage),
		cmocka_unit_test(refuses_a_bad_file),
		cmocka_unit_test(warns_of_what_it_ignores),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
