// SPDX-License-Identifier: GPL-2.0
/* Unit tests for the journal sink: its ids, priorities and messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "codedb_load.h"
#include "journal_sink.h"
#include "log.h"

#define BED HMS_CODE(HMS_MODULE_MC, 0, 1, HMS_SEVERITY_FATAL, 7)
#define PART HMS_CODE(HMS_MODULE_MC, 0, 4, HMS_SEVERITY_SERIOUS, 1)
#define INFO HMS_CODE(HMS_MODULE_AMS, 0, 0x20, HMS_SEVERITY_INFO, 3)

static struct hms_event event(uint64_t code, uint8_t state, uint32_t flags)
{
	struct hms_event ev = { .code = code, .state = state, .flags = flags, .seq = 4,
				.value = -273 };

	strcpy(ev.source, "bed-ntc");
	return ev;
}

static void each_kind_has_its_message_id(void **state)
{
	const char *ids[] = {
		hms_journal_message_id(HMS_STATE_RAISED), hms_journal_message_id(HMS_STATE_CLEARED),
		hms_journal_message_id(HMS_STATE_ACKED), hms_journal_message_id(HMS_STATE_DROPPED),
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < 4; i++) {
		/* A 128-bit id as journalctl MESSAGE_ID= takes it: 32 hex digits. */
		assert_int_equal(strlen(ids[i]), 32);
		assert_int_equal(strspn(ids[i], "0123456789abcdef"), 32);
		for (j = 0; j < i; j++)
			assert_string_not_equal(ids[i], ids[j]);
	}
}

static void raises_are_as_urgent_as_their_severity(void **state)
{
	struct hms_event ev;

	(void)state;
	ev = event(BED, HMS_STATE_RAISED, 0);
	assert_int_equal(hms_journal_priority(&ev), LOG_CRIT);
	ev = event(PART, HMS_STATE_RAISED, 0);
	assert_int_equal(hms_journal_priority(&ev), LOG_ERR);
	ev = event(INFO, HMS_STATE_RAISED, 0);
	assert_int_equal(hms_journal_priority(&ev), LOG_INFO);
	ev = event(BED, HMS_STATE_CLEARED, 0);
	assert_int_equal(hms_journal_priority(&ev), LOG_INFO);
	ev = event(INFO, HMS_STATE_DROPPED, 0);
	assert_int_equal(hms_journal_priority(&ev), LOG_ERR);
}

/* What the sink without a journal writes on stderr for @ev: one line. */
static void logged(const struct hms_codedb *db, const struct hms_event *ev, const char *want)
{
	struct hms_sink sink = hms_journal_sink(false, db, "en");
	char line[512] = "";
	FILE *out = tmpfile();
	int saved = dup(STDERR_FILENO);

	assert_string_equal(sink.name, "log");
	dup2(fileno(out), STDERR_FILENO);
	sink.change(sink.ctx, ev, NULL);
	dup2(saved, STDERR_FILENO);
	close(saved);
	sink.close(sink.ctx);
	rewind(out);
	assert_non_null(fgets(line, sizeof(line), out));
	assert_string_equal(line, want);
	assert_null(fgets(line, sizeof(line), out));
	fclose(out);
}

static void without_a_journal_one_line_goes_to_stderr(void **state)
{
	struct hms_event ev = event(BED, HMS_STATE_RAISED, HMS_F_UPDATE | HMS_VIEW_F_RESYNC);

	(void)state;
	logged(NULL, &ev, "hmsd: raised HMS_0300_0100_0001_0007 fatal value=-273"
	       " source=bed-ntc seq=4 update (found by resync)\n");
}

/* hmsd --desktop: a printer's report, named, not a resync. */
static void a_reported_change_names_the_printer(void **state)
{
	struct hms_event ev = event(BED, HMS_STATE_RAISED, HMS_VIEW_F_REPORTED);

	(void)state;
	strcpy(ev.source, "p1s");
	logged(NULL, &ev, "hmsd: raised HMS_0300_0100_0001_0007 fatal value=-273"
	       " source=p1s seq=4 (reported by p1s)\n");
}

static void the_line_says_what_the_table_says(void **state)
{
	struct hms_codedb *db = hms_codedb_new();
	struct hms_event ev = event(BED, HMS_STATE_CLEARED, 0);

	(void)state;
	assert_true(hms_codedb_load(db, "data/codes.jsonl", NULL, NULL, NULL, NULL) > 0);
	logged(db, &ev, "hmsd: cleared HMS_0300_0100_0001_0007 fatal value=-273 source=bed-ntc"
	       " seq=4: The heatbed temperature is abnormal; the sensor may have an open"
	       " circuit.\n");
	/* A code the table does not know is not described as unknown at length. */
	ev = event(HMS_CODE(HMS_MODULE_CAMERA, 0, 0x77, HMS_SEVERITY_INFO, 0x4242),
		   HMS_STATE_RAISED, 0);
	logged(db, &ev, "hmsd: raised HMS_0C00_7700_0004_4242 info value=-273 source=bed-ntc"
	       " seq=4\n");
	hms_codedb_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_kind_has_its_message_id),
		cmocka_unit_test(raises_are_as_urgent_as_their_severity),
		cmocka_unit_test(without_a_journal_one_line_goes_to_stderr),
		cmocka_unit_test(a_reported_change_names_the_printer),
		cmocka_unit_test(the_line_says_what_the_table_says),
	};

	hms_log_open("hmsd", false);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
