// SPDX-License-Identifier: GPL-2.0
/* Unit tests for what hmsctl explain shows, as text and as JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "codedb_load.h"
#include "explain.h"

#define CODES HMS_SRCDIR "/data/codes.jsonl"

static int setup(void **state)
{
	struct hms_codedb *db = hms_codedb_new();

	if (hms_codedb_load(db, CODES, NULL, NULL, NULL, NULL) < 100)
		return -1;
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	hms_codedb_free(*state);
	return 0;
}

static const char *get(json_object *obj, const char *key)
{
	json_object *value;

	assert_true(json_object_object_get_ex(obj, key, &value));
	return value ? json_object_get_string(value) : NULL;
}

static void json_of_a_synonym(void **state)
{
	json_object *obj = hms_explain_json(*state, 0x0702210000020003ULL, "en", NULL);
	json_object *steps;

	assert_string_equal(get(obj, "code"), "HMS_0702_2100_0002_0003");
	assert_string_equal(get(obj, "message"), "The AMS3 slot2's filament may be broken in AMS.");
	assert_string_equal(get(obj, "match"), "synonym");
	assert_string_equal(get(obj, "entry"), "HMS_0700_2000_0002_0003");
	assert_string_equal(get(obj, "module"), "AMS");
	assert_string_equal(get(obj, "ams"), "3");
	assert_string_equal(get(obj, "ams_letter"), "C");
	assert_string_equal(get(obj, "slot"), "2");
	assert_string_equal(get(obj, "location"), "AMS3 Slot2");
	assert_string_equal(get(obj, "severity"), "serious");
	/* A synonym has no page of its own: its entry's. */
	assert_string_equal(get(obj, "wiki"), "https://wiki.bambulab.com/en/x1/troubleshooting/"
			    "hmscode/0700_2000_0002_0003");
	assert_true(json_object_object_get_ex(obj, "steps", &steps));
	assert_int_equal(json_object_array_length(steps), 7);
	json_object_put(obj);
}

static void json_of_an_unknown_code(void **state)
{
	struct hms_explain_wiki wiki = { .template = "x/{hex}" };
	json_object *obj = hms_explain_json(*state, 0x0C00990000030042ULL, NULL, &wiki);

	assert_string_equal(get(obj, "match"), "none");
	assert_null(get(obj, "entry"));
	assert_null(get(obj, "steps"));
	assert_null(get(obj, "ams"));
	assert_string_equal(get(obj, "module"), "XCam");
	assert_non_null(strstr(get(obj, "message"), "HMS_0C00_9900_0003_0042 (no description)"));
	assert_string_equal(get(obj, "wiki"), "x/0C00990000030042");
	json_object_put(obj);

	/* Bambu has no page for it: its list of every code. */
	obj = hms_explain_json(*state, 0x0C00990000030042ULL, "de", NULL);
	assert_string_equal(get(obj, "wiki"), "https://wiki.bambulab.com/en/hms/home");
	json_object_put(obj);
}

/* The page of the code as the table lists it, for the series, in the language shown. */
static void wiki_links_the_listed_page(void **state)
{
	struct hms_explain_wiki h2d = { .series = "h2d" };
	json_object *obj;

	/* A variant (AMS E, slot 2) links its entry's page too, of the series asked. */
	obj = hms_explain_json(*state, 0x0704210000020003ULL, "en", &h2d);
	assert_string_equal(get(obj, "match"), "variant");
	assert_string_equal(get(obj, "wiki"), "https://wiki.bambulab.com/en/h2d/troubleshooting/"
			    "hmscode/0700_2000_0002_0003");
	json_object_put(obj);
	/* German asked, English shown: the English page. */
	obj = hms_explain_json(*state, 0x0700200000020003ULL, "de", NULL);
	assert_string_equal(get(obj, "lang"), "en");
	assert_string_equal(get(obj, "wiki"), "https://wiki.bambulab.com/en/x1/troubleshooting/"
			    "hmscode/0700_2000_0002_0003");
	json_object_put(obj);
}

static char *explain_text(void *db, uint64_t code, bool qr)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	assert_true(hms_explain_print(f, db, code, "en", NULL, qr, NULL));
	fclose(f);
	return out;
}

static void text_has_every_part(void **state)
{
	static const char head[] = "HMS_0700_2000_0002_0003  serious\n"
				   "The AMS slot1's filament may be broken in AMS.\n"
				   "Also known as: AMS Assist Motor Speed Error\n\n";
	char *out = explain_text(*state, 0x0700200000020003ULL, true);

	assert_true(!strncmp(out, head, sizeof(head) - 1));
	assert_non_null(strstr(out, "  Unit:      AMS1, AMS A (0x00)\n"));
	assert_non_null(strstr(out, "  Part:      Slot1 (0x20)\n"));
	assert_non_null(strstr(out, "\nWhat it means:\n  The AMS assist motor speed"));
	assert_non_null(strstr(out, "\nSteps:\n  1. Remove the filament"));
	assert_non_null(strstr(out, "\n  7. Replace the motor assembly"));
	assert_non_null(strstr(out, "\nParts:\n  - AMS assist motor assembly"));
	assert_non_null(strstr(out, "\nWiki: https://wiki.bambulab.com/en/x1/troubleshooting/"
			       "hmscode/0700_2000_0002_0003\n"));
	assert_non_null(strstr(out, "\u2588\u2588 \u2584\u2584\u2584\u2584\u2584 \u2588"));
	assert_null(strstr(out, "Listed as"));
	free(out);

	out = explain_text(NULL, 0x0700200000020003ULL, false);
	assert_non_null(strstr(out, "(no description)"));
	assert_non_null(strstr(out, "\nWiki: "));
	assert_null(strstr(out, "\u2588"));
	assert_null(strstr(out, "Steps"));
	free(out);
}

static void a_qr_code_that_cannot_be_made_is_an_error(void **state)
{
	g_autofree char *padding = g_strnfill(8000, 'x');
	g_autofree char *template = g_strconcat("https://x/", padding, "/{code}", NULL);
	g_autoptr(GError) error = NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	struct hms_explain_wiki wiki = { .template = template };

	assert_false(hms_explain_print(f, *state, 0x0700200000020003ULL, "en", &wiki, true,
				       &error));
	fclose(f);
	assert_non_null(strstr(error->message, "QR code"));
	/* the rest is there */
	assert_non_null(strstr(out, "The AMS slot1's filament may be broken in AMS.\n"));
	assert_non_null(strstr(out, "/0700_2000_0002_0003\n"));
	free(out);
}

/* A table's words drive no terminal: its control characters are shown escaped. */
static void control_characters_are_escaped(void **state)
{
	struct hms_codedb *db = hms_codedb_new();
	char *out;

	(void)state;
	assert_int_equal(hms_codedb_load(db, HMS_SRCDIR "/tests/data/escapes.jsonl", NULL, NULL,
					 NULL, NULL), 1);
	out = explain_text(db, 0x0300010000010007ULL, false);
	assert_null(strchr(out, '\x1b'));
	assert_null(strchr(out, '\a'));
	assert_null(strchr(out, '\t'));
	assert_null(strchr(out, '\r'));
	assert_null(strchr(out, '\x7f'));
	assert_null(strstr(out, "\xc2\x9b"));
	assert_non_null(strstr(out, "Heatbed\\x1b[2J\\x1b]0;title\\x07 abnormal.\n"));
	assert_non_null(strstr(out, "Also known as: T\\u009b31m\n"));
	assert_non_null(strstr(out, "  bad\\x09byte\n"));
	assert_non_null(strstr(out, "  1. step\\x1b[1m\n"));
	assert_non_null(strstr(out, "  - part\\x0d\n"));
	assert_non_null(strstr(out, "note\\x7f\n"));
	free(out);
	hms_codedb_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_of_a_synonym),
		cmocka_unit_test(json_of_an_unknown_code),
		cmocka_unit_test(wiki_links_the_listed_page),
		cmocka_unit_test(text_has_every_part),
		cmocka_unit_test(a_qr_code_that_cannot_be_made_is_an_error),
		cmocka_unit_test(control_characters_are_escaped),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
