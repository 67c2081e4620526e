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
#include <sys/stat.h>
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
	char old[160];

	snprintf(old, sizeof(old), "%s.1", f->path);
	unlink(old);
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
		       "{\"seq\":8,\"code\":\"HMS_0300_0100_0001_0007\"}\n"
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

/* A printer's code of severity 0 (or above 4): read, its severity "unknown". */
static void any_severity_is_read(void **state)
{
	struct fixture *f = *state;
	struct hms_event evs[] = { event(1, 0x0300010000000007ULL, HMS_STATE_RAISED),
				   event(2, 0x0300010000090007ULL, HMS_STATE_RAISED) };
	json_object *records;

	append(f, evs, 2);
	records = read_all(f, 0);
	assert_int_equal(json_object_array_length(records), 2);
	assert_string_equal(field(records, 0, "code"), "HMS_0300_0100_0000_0007");
	assert_string_equal(field(records, 0, "severity"), "unknown");
	assert_string_equal(field(records, 1, "severity"), "unknown");
	assert_int_equal(f->n_warnings, 0);
	json_object_put(records);
}

static void a_missing_file_says_so(void **state)
{
	struct fixture *f = *state;
	GError *error = NULL;
	json_object *records;

	append_text(f, "");	/* an empty file is no records */
	records = read_all(f, 5);
	assert_int_equal(json_object_array_length(records), 0);
	json_object_put(records);
	unlink(f->path);
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
	/* A device is written, never rotated (renamed) however much goes into it. */
	history = hms_history_open("/dev/null", &error);
	assert_non_null(history);
	hms_history_set_limits(history, 100, 0);
	for (int i = 0; i < 5; i++)
		hms_history_append(history, &ev, NULL);	/* written; fsync says EINVAL */
	hms_history_close(history);
	assert_int_equal(access("/dev/null.1", F_OK), -1);
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

static off_t size_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_size;
}

static long seq_of(json_object *records, size_t i)
{
	return atol(field(records, i, "seq"));
}

/* Past its limit the file becomes FILE.1, one older file kept; both are read, in order. */
static void the_file_is_rotated_past_its_limit(void **state)
{
	struct fixture *f = *state;
	struct hms_history *history = hms_history_open(f->path, NULL);
	char old[160];
	json_object *records;
	size_t i, n;

	assert_non_null(history);
	snprintf(old, sizeof(old), "%s.1", f->path);
	hms_history_set_limits(history, 1000, 0);
	for (i = 1; i <= 20; i++) {
		struct hms_event ev = event(i, BED, i % 2 ? HMS_STATE_RAISED : HMS_STATE_CLEARED);

		assert_true(hms_history_append(history, &ev, NULL));
		assert_true(size_of(f->path) <= 1000);
	}
	hms_history_close(history);
	assert_true(size_of(old) <= 1000);
	assert_true(size_of(old) > 500);

	records = read_all(f, 0);
	n = json_object_array_length(records);
	/* Two files of four or five records each; the oldest are gone. */
	assert_true(n >= 6 && n < 12);
	for (i = 0; i < n; i++)
		assert_int_equal(seq_of(records, i), 20 - (long)n + 1 + (long)i);
	json_object_put(records);
	/* The last few, across the two files. */
	records = read_all(f, n - 1);
	assert_int_equal(json_object_array_length(records), n - 1);
	assert_int_equal(seq_of(records, 0), 20 - (long)n + 2);
	assert_int_equal(seq_of(records, n - 2), 20);
	json_object_put(records);
	assert_int_equal(f->n_warnings, 0);

	/* A missing FILE.1 is no error. */
	unlink(old);
	records = read_all(f, 0);
	assert_int_equal(seq_of(records, json_object_array_length(records) - 1), 20);
	json_object_put(records);
}

/* 10,000 changes of a flapping code in a few seconds are a few lines. */
static void a_flapping_code_is_coalesced(void **state)
{
	struct fixture *f = *state;
	struct hms_history *history = hms_history_open(f->path, NULL);
	json_object *records, *value;
	int64_t t;
	uint64_t seq = 0;

	assert_non_null(history);
	hms_history_set_limits(history, 0, 1000);
	/* One raise and one clear a millisecond, for 4.5 s (seq 1-9000). */
	for (t = 0; t < 4500; t++) {
		struct hms_event raise = event(++seq, BED, HMS_STATE_RAISED);
		struct hms_event clear = event(++seq, BED, HMS_STATE_CLEARED);

		assert_true(hms_history_change(history, &raise, t, NULL));
		assert_true(hms_history_change(history, &clear, t, NULL));
		if (t == 10) {
			/* Another code is not held back by this one. */
			struct hms_event fan = event(++seq, FAN, HMS_STATE_RAISED);

			assert_true(hms_history_change(history, &fan, t, NULL));
		}
	}
	/* The last change is held back until the window ends. */
	assert_true(hms_history_flush(history, 4500, NULL));
	hms_history_close(history);

	records = read_all(f, 0);
	/*
	 * Windows at 0, 1000, ... 4000: a raise and a clear each; the FAN line;
	 * and the last change, held back in the last window.
	 */
	assert_int_equal(json_object_array_length(records), 12);
	assert_string_equal(field(records, 0, "state"), "raised");
	assert_false(json_object_object_get_ex(json_object_array_get_idx(records, 0),
					       "coalesced", &value));
	assert_string_equal(field(records, 1, "state"), "cleared");
	assert_string_equal(field(records, 2, "code"), "HMS_0300_0300_0001_0001");
	/* The next window's raise counts what the first window held back. */
	assert_string_equal(field(records, 3, "state"), "raised");
	assert_string_equal(field(records, 3, "seq"), "2002");
	assert_string_equal(field(records, 3, "coalesced"), "1998");
	/* The last line is the last change: the code is cleared, as it is in the kernel. */
	assert_string_equal(field(records, 11, "state"), "cleared");
	assert_string_equal(field(records, 11, "seq"), "9001");
	assert_string_equal(field(records, 11, "coalesced"), "997");
	json_object_put(records);
}

/* An ack is written at once, after the change held back before it; close writes the rest. */
static void an_ack_is_never_held_back(void **state)
{
	struct fixture *f = *state;
	struct hms_history *history = hms_history_open(f->path, NULL);
	struct hms_event evs[] = { event(1, BED, HMS_STATE_RAISED), event(2, BED, HMS_STATE_CLEARED),
				   event(3, BED, HMS_STATE_RAISED), event(4, BED, HMS_STATE_ACKED),
				   event(5, BED, HMS_STATE_CLEARED), event(6, BED, HMS_STATE_RAISED) };
	json_object *records;
	int i;

	assert_non_null(history);
	hms_history_set_limits(history, 0, 1000);
	for (i = 0; i < 6; i++)
		assert_true(hms_history_change(history, &evs[i], 100, NULL));
	hms_history_close(history);	/* seq 6 was held back: written now */
	records = read_all(f, 0);
	assert_int_equal(json_object_array_length(records), 5);
	assert_string_equal(field(records, 2, "seq"), "3");
	assert_string_equal(field(records, 3, "seq"), "4");
	assert_string_equal(field(records, 3, "state"), "acked");
	assert_string_equal(field(records, 4, "seq"), "6");
	assert_string_equal(field(records, 4, "coalesced"), "1");
	json_object_put(records);
}

/* Lines of @n records, seq 1..@n, written as hmsd writes them. */
static void generate(struct fixture *f, int n)
{
	struct hms_history *history = hms_history_open(f->path, NULL);
	int i;

	assert_non_null(history);
	hms_history_set_limits(history, 0, 0);
	for (i = 1; i <= n; i++) {
		struct hms_event ev = event((uint64_t)i, i % 3 ? BED : FAN, HMS_STATE_RAISED);

		assert_true(hms_history_append(history, &ev, NULL));
	}
	hms_history_close(history);
}

/* The last N of a file of many blocks: from its end, damaged lines named by number. */
static void the_last_records_are_read_from_the_end(void **state)
{
	struct fixture *f = *state;
	json_object *records;
	int i;

	generate(f, 3000);	/* about 600 KiB: ten blocks */
	records = read_all(f, 20);
	assert_int_equal(json_object_array_length(records), 20);
	for (i = 0; i < 20; i++)
		assert_int_equal(seq_of(records, (size_t)i), 2981 + i);
	json_object_put(records);

	/* Damage among the last lines is skipped, named with its line number. */
	append_text(f, "garbage\n{\"seq\":3001,\"code\":\"HMS_0300_0100_0001_0007\","
		       "\"state\":\"raised\"}\n\n{\"seq\":1}\n{\"seq\":3002,\"co");
	records = read_all(f, 3);
	assert_int_equal(json_object_array_length(records), 3);
	assert_int_equal(seq_of(records, 0), 2999);
	assert_int_equal(seq_of(records, 2), 3001);
	assert_int_equal(f->n_warnings, 3);
	assert_non_null(strstr(f->warnings[0], "history.jsonl:3001: skipped: not JSON"));
	assert_non_null(strstr(f->warnings[1], "history.jsonl:3004: skipped: not a history"));
	assert_non_null(strstr(f->warnings[2], "history.jsonl:3005: skipped: not JSON"));
	json_object_put(records);

	/* All of it, when all is asked for. */
	f->n_warnings = 0;
	records = read_all(f, 0);
	assert_int_equal(json_object_array_length(records), 3001);
	assert_int_equal(seq_of(records, 0), 1);
	assert_int_equal(f->n_warnings, 3);
	json_object_put(records);
}

/* A line longer than a block is read whole; one longer than 1 MiB is skipped, named. */
static void long_lines(void **state)
{
	struct fixture *f = *state;
	size_t big = 200 * 1024, huge = 1536 * 1024;
	char *text = malloc(huge + 256);
	json_object *records;

	generate(f, 2);
	/* A record with a 200 KiB source: more than three blocks. */
	snprintf(text, 256, "{\"seq\":3,\"code\":\"HMS_0300_0100_0001_0007\",\"state\":\"raised\","
		 "\"source\":\"");
	memset(text + strlen(text), 'x', big);
	/* memset leaves no NUL: end the source where it was filled to. */
	strcpy(strchr(text, 'x') + big, "\"}\n");
	append_text(f, text);
	/* A line of 1.5 MiB, ended. */
	memset(text, 'y', huge);
	strcpy(text + huge, "\n");
	append_text(f, text);
	generate(f, 0);
	append_text(f, "{\"seq\":4,\"code\":\"HMS_0300_0100_0001_0007\",\"state\":\"cleared\"}\n");
	free(text);

	records = read_all(f, 2);
	assert_int_equal(json_object_array_length(records), 2);
	assert_int_equal(seq_of(records, 0), 3);
	assert_int_equal(strlen(field(records, 0, "source")), big);
	assert_int_equal(seq_of(records, 1), 4);
	assert_int_equal(f->n_warnings, 1);
	if (!strstr(f->warnings[0], "history.jsonl:4: skipped: longer than 1 MiB"))
		fail_msg("%s", f->warnings[0]);
	json_object_put(records);

	f->n_warnings = 0;
	records = read_all(f, 0);
	assert_int_equal(json_object_array_length(records), 4);
	assert_int_equal(f->n_warnings, 1);
	json_object_put(records);
}

/* The last N reach into FILE.1 when FILE has too few; its damage is named first. */
static void the_last_records_span_the_rotated_file(void **state)
{
	struct fixture *f = *state;
	char old[160];
	json_object *records;

	generate(f, 100);
	append_text(f, "{broken}\n");
	snprintf(old, sizeof(old), "%s.1", f->path);
	assert_int_equal(rename(f->path, old), 0);
	append_text(f, "\n");	/* a new FILE, empty but for a newline */
	append_text(f, "{\"seq\":101,\"code\":\"HMS_0300_0100_0001_0007\",\"state\":\"cleared\"}\n"
		       "{\"seq\":102,\"code\":\"HMS_0300_0100_0001_0007\",\"state\":\"raised\"}\n");
	records = read_all(f, 5);
	assert_int_equal(json_object_array_length(records), 5);
	assert_int_equal(seq_of(records, 0), 98);
	assert_int_equal(seq_of(records, 2), 100);
	assert_int_equal(seq_of(records, 4), 102);
	assert_int_equal(f->n_warnings, 1);
	assert_non_null(strstr(f->warnings[0], "history.jsonl.1:101: skipped: not JSON"));
	json_object_put(records);
	/* Enough in FILE: FILE.1 is not read. */
	f->n_warnings = 0;
	records = read_all(f, 2);
	assert_int_equal(seq_of(records, 0), 101);
	assert_int_equal(f->n_warnings, 0);
	json_object_put(records);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(records_are_read_back, setup, teardown),
		cmocka_unit_test_setup_teardown(a_torn_last_line_is_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(a_corrupt_middle_line_is_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(any_severity_is_read, setup, teardown),
		cmocka_unit_test_setup_teardown(a_missing_file_says_so, setup, teardown),
		cmocka_unit_test(a_full_disk_is_an_error),
		cmocka_unit_test_setup_teardown(the_sink_appends_resync_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(the_file_is_rotated_past_its_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(a_flapping_code_is_coalesced, setup, teardown),
		cmocka_unit_test_setup_teardown(an_ack_is_never_held_back, setup, teardown),
		cmocka_unit_test_setup_teardown(the_last_records_are_read_from_the_end, setup,
						teardown),
		cmocka_unit_test_setup_teardown(long_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(the_last_records_span_the_rotated_file, setup,
						teardown),
	};

	hms_log_open("test_history", false);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
