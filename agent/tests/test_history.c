// SPDX-License-Identifier: GPL-2.0
/* Unit tests for the history file: records written, read back, and damage skipped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "error.h"
#include "history_sink.h"
#include "log.h"

#define BED HMS_CODE(HMS_MODULE_MC, 0, 1, HMS_SEVERITY_FATAL, 7)
#define FAN HMS_CODE(HMS_MODULE_MC, 0, 3, HMS_SEVERITY_FATAL, 1)

struct fixture {
	char dir[64];
	char path[128];
	char warnings[8][256];
	int n_warnings;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	strcpy(f->dir, "/tmp/test_history.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/history.jsonl", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void collect_warning(const char *warning, void *arg)
{
	struct fixture *f = arg;

	assert_true(f->n_warnings < 8);
	snprintf(f->warnings[f->n_warnings++], sizeof(f->warnings[0]), "%s", warning);
}

static struct hms_event event(uint64_t seq, uint64_t code, uint8_t state)
{
	struct hms_event ev = {
		.code = code, .state = state, .seq = seq, .value = -273, .count = 1,
		/* 2024-03-01T12:00:00.250Z */
		.time_real = 1709294400ULL * 1000000000ULL + 250000000ULL,
	};

	strcpy(ev.source, "bed-ntc");
	return ev;
}

static void append(struct fixture *f, const struct hms_event *evs, int n)
{
	struct hms_history *history = hms_history_open(f->path, NULL);
	int i;

	assert_non_null(history);
	for (i = 0; i < n; i++)
		assert_true(hms_history_append(history, &evs[i], NULL));
	hms_history_close(history);
}

static json_object *read_all(struct fixture *f, size_t last)
{
	json_object *records = hms_history_read(f->path, last, collect_warning, f, NULL);

	assert_non_null(records);
	return records;
}

static const char *field(json_object *records, size_t i, const char *key)
{
	json_object *value;

	assert_true(json_object_object_get_ex(json_object_array_get_idx(records, i), key, &value));
	return json_object_get_string(value);
}

static void append_text(struct fixture *f, const char *text)
{
	FILE *file = fopen(f->path, "a");

	assert_non_null(file);
	fputs(text, file);
	fclose(file);
}

static void records_are_read_back(void **state)
{
	struct fixture *f = *state;
	struct hms_event evs[] = { event(1, BED, HMS_STATE_RAISED), event(2, BED, HMS_STATE_ACKED),
				   event(3, BED, HMS_STATE_CLEARED) };
	json_object *records;

	evs[1].flags = HMS_F_ACKED;
	append(f, evs, 2);
	append(f, evs + 2, 1);	/* reopened: appends, does not truncate */
	records = read_all(f, 0);
	assert_int_equal(json_object_array_length(records), 3);
	assert_string_equal(field(records, 0, "time"), "2024-03-01T12:00:00.250Z");
	assert_string_equal(field(records, 0, "code"), "HMS_0300_0100_0001_0007");
	assert_string_equal(field(records, 0, "state"), "raised");
	assert_string_equal(field(records, 0, "severity"), "fatal");
	assert_string_equal(field(records, 0, "value"), "-273");
	assert_string_equal(field(records, 0, "source"), "bed-ntc");
	assert_string_equal(field(records, 1, "state"), "acked");
	assert_string_equal(field(records, 1, "acked"), "true");
	assert_string_equal(field(records, 2, "seq"), "3");
	assert_int_equal(f->n_warnings, 0);
	json_object_put(records);

	records = read_all(f, 2);
	assert_int_equal(json_object_array_length(records), 2);
	assert_string_equal(field(records, 0, "seq"), "2");
	json_object_put(records);
}

static void a_torn_last_line_is_skipped(void **state)
{
	struct fixture *f = *state;
	struct hms_event evs[] = { event(1, BED, HMS_STATE_RAISED), event(2, FAN, HMS_STATE_RAISED),
				   event(3, FAN, HMS_STATE_CLEARED) };
	json_object *records;

	append(f, evs, 2);
	append_text(f, "{\"time\":\"2024-03-01T12:00:00.250Z\",\"seq\":3,\"co");
	records = read_all(f, 0);
	assert_int_equal(json_object_array_length(records), 2);
	assert_int_equal(f->n_warnings, 1);
	assert_non_null(strstr(f->warnings[0], "history.jsonl:3: skipped"));
	json_object_put(records);

	/* hmsd appending after the crash ends the torn line first. */
	f->n_warnings = 0;
	append(f, evs + 2, 1);
	records = read_all(f, 0);
	assert_int_equal(json_object_array_length(records), 3);
	assert_string_equal(field(records, 2, "state"), "cleared");
	assert_int_equal(f->n_warnings, 1);
	json_object_put(records);
}

static void a_corrupt_middle_line_is_skipped(void **state)
{
	struct fixture *f = *state;
	struct hms_event evs[] = { event(1, BED, HMS_STATE_RAISED), event(2, FAN, HMS_STATE_RAISED) };
	json_object *records;

	append(f, evs, 1);
	append_text(f, "\x01\xff garbage\n"
		       "{\"seq\":7}\n"
		       "{\"seq\":8,\"code\":\"HMS_0300_0100_0000_0007\",\"state\":\"raised\"}\n"
		       "{\"seq\":9,\"code\":\"HMS_0300_0100_0001_0007\",\"state\":\"raised\"} x\n"
		       "[1,2]\n");
	append(f, evs + 1, 1);
	records = read_all(f, 0);
	assert_int_equal(json_object_array_length(records), 2);
	assert_string_equal(field(records, 0, "seq"), "1");
	assert_string_equal(field(records, 1, "seq"), "2");
	assert_int_equal(f->n_warnings, 5);
	assert_non_null(strstr(f->warnings[0], "history.jsonl:2: skipped: not JSON"));
	assert_non_null(strstr(f->warnings[1], ":3: skipped: not a history record"));
	assert_non_null(strstr(f->warnings[2], ":4: skipped: not a history record"));
	assert_non_null(strstr(f->warnings[3], ":5: skipped: text after the record"));
	assert_non_null(strstr(f->warnings[4], ":6: skipped: not a history record"));
	json_object_put(records);
}

static void a_missing_file_says_so(void **state)
{
	struct fixture *f = *state;
	GError *error = NULL;

	assert_null(hms_history_read(f->path, 0, collect_warning, f, &error));
	assert_true(g_error_matches(error, HMS_ERROR, HMS_ERROR_NOENT));
	assert_non_null(strstr(error->message, "cannot read history "));
	assert_non_null(strstr(error->message, "history.jsonl: No such file"));
	g_clear_error(&error);
	assert_null(hms_history_read(f->dir, 0, NULL, NULL, &error));
	assert_true(g_error_matches(error, HMS_ERROR, HMS_ERROR_IO));
	g_clear_error(&error);
	assert_null(hms_history_open("/nonexistent/dir/history.jsonl", &error));
	assert_true(g_error_matches(error, HMS_ERROR, HMS_ERROR_NOENT));
	assert_non_null(strstr(error->message,
			       "cannot open history /nonexistent/dir/history.jsonl: "));
	g_clear_error(&error);
}

static void a_full_disk_is_an_error(void **state)
{
	struct hms_event ev = event(1, BED, HMS_STATE_RAISED);
	struct hms_history *history;
	GError *error = NULL;

	(void)state;
	history = hms_history_open("/dev/full", &error);
	assert_non_null(history);
	assert_false(hms_history_append(history, &ev, &error));
	assert_true(g_error_matches(error, HMS_ERROR, HMS_ERROR_IO));
	assert_non_null(strstr(error->message, "cannot write history /dev/full: "));
	g_clear_error(&error);
	assert_false(hms_history_append(history, &ev, NULL));
	hms_history_close(history);
}

static void the_sink_appends_resync_changes(void **state)
{
	struct fixture *f = *state;
	struct hms_history *history = hms_history_open(f->path, NULL);
	struct hms_sink sink = hms_history_sink(history);
	struct hms_event ev = event(5, BED, HMS_STATE_CLEARED);
	json_object *records;

	ev.flags = HMS_VIEW_F_RESYNC;
	sink.change(sink.ctx, &ev, NULL);
	sink.close(sink.ctx);
	records = read_all(f, 0);
	assert_int_equal(json_object_array_length(records), 1);
	assert_string_equal(field(records, 0, "resync"), "true");
	/* When a resync found the clear, not when the code was raised. */
	assert_string_not_equal(field(records, 0, "time"), "2024-03-01T12:00:00.250Z");
	json_object_put(records);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(records_are_read_back, setup, teardown),
		cmocka_unit_test_setup_teardown(a_torn_last_line_is_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(a_corrupt_middle_line_is_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(a_missing_file_says_so, setup, teardown),
		cmocka_unit_test(a_full_disk_is_an_error),
		cmocka_unit_test_setup_teardown(the_sink_appends_resync_changes, setup, teardown),
	};

	hms_log_open("test_history", false);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
