// SPDX-License-Identifier: GPL-2.0
/* Unit tests for the code database: the shipped table, bad files, layers. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <json-c/json.h>

#include "code.h"
#include "codedb_load.h"
#include "decode.h"
#include "error.h"
#include "wiki.h"
#include "wording.h"

#define CODES HMS_SRCDIR "/data/codes.jsonl"
#define DATA(name) HMS_SRCDIR "/tests/data/" name

static void collect(const char *warning, void *arg)
{
	g_string_append_printf(arg, "%s\n", warning);
}

/*
 * Loads @path; what it warned about is left in @warnings, a line each (for
 * free()), and why it failed in @error when it did.
 */
static int load_error(struct hms_codedb *db, const char *path, const char *lang,
		      char **warnings, GError **error)
{
	GString *text = g_string_new(NULL);
	int ret = hms_codedb_load(db, path, lang, collect, text, error);

	assert_true(ret >= 0 || !error || *error);
	*warnings = strdup(text->str);
	g_string_free(text, TRUE);
	return ret;
}

/* The same, for a file that loads. */
static int load(struct hms_codedb *db, const char *path, const char *lang, char **warnings)
{
	g_autoptr(GError) error = NULL;
	int ret = load_error(db, path, lang, warnings, &error);

	if (error)
		fail_msg("%s: %s", path, error->message);
	return ret;
}

static unsigned int count_lines(const char *text)
{
	unsigned int n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/* The line of @path that holds @needle: where a warning about it must point. */
static int line_of(const char *path, const char *needle)
{
	char buf[8192];
	int lineno = 0;
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	while (fgets(buf, sizeof(buf), f)) {
		lineno++;
		if (strstr(buf, needle)) {
			fclose(f);
			return lineno;
		}
	}
	fclose(f);
	fail_msg("%s not in %s", needle, path);
	return -1;
}

static void assert_warned(const char *warnings, const char *path, int line, const char *what)
{
	char prefix[512];
	const char *p;

	snprintf(prefix, sizeof(prefix), "%s:%d: ", path, line);
	for (p = strstr(warnings, prefix); p; p = strstr(p + 1, prefix)) {
		if (strstr(p, what) && strstr(p, what) < strchr(p, '\n'))
			return;
	}
	fail_msg("no warning \"%s...%s\" in:\n%s", prefix, what, warnings);
}

static uint64_t code_of(const char *text)
{
	uint64_t code;

	assert_int_equal(hms_code_parse_any(text, &code), 0);
	return code;
}

static void assert_message(const struct hms_codedb *db, const char *code, const char *lang,
			   const char *expected)
{
	char *message = hms_wording_message(db, code_of(code), lang);

	assert_string_equal(message, expected);
	free(message);
}

static struct hms_codedb *seed_db(void)
{
	struct hms_codedb *db = hms_codedb_new();
	char *warnings;

	assert_true(load(db, CODES, NULL, &warnings) > 100);
	free(warnings);
	return db;
}

/* The generator put back the zero each of seed 001's two 15-digit synonyms dropped. */
static void seed_table_loads_without_warnings(void **state)
{
	struct hms_codedb *db = hms_codedb_new();
	struct hms_code_info info;
	char *warnings;

	(void)state;
	/* Every line but the header is an entry. */
	assert_int_equal(load(db, CODES, NULL, &warnings), line_of(CODES, "1200_2000_0002_0006") - 1);
	assert_int_equal(hms_codedb_size(db), line_of(CODES, "1200_2000_0002_0006") - 1);
	assert_string_equal(warnings, "");
	free(warnings);

	assert_int_equal(hms_codedb_lookup(db, code_of("0300140000010001"), "en", &info), 0);
	assert_int_equal(info.match, HMS_MATCH_SYNONYM);
	assert_true(info.entry == code_of("0300_1300_0001_0001"));
	assert_int_equal(hms_codedb_lookup(db, code_of("1201230000020006"), "en", &info), 0);
	assert_int_equal(info.match, HMS_MATCH_SYNONYM);
	/* 120023000020006 was 1200230000020006. */
	assert_int_equal(hms_codedb_lookup(db, code_of("1200230000020006"), "en", &info), 0);
	assert_int_equal(info.match, HMS_MATCH_SYNONYM);
	assert_message(db, "1200230000020006", NULL,
		       "Failed to extrude AMS1 Slot4 filament, the extruder may be clogged,"
		       " or the filament may be too thin, causing the extruder slipping");
	/* 030015000010001 was 0300150000010001, Motor-Z's current sensor in Bambu's table. */
	assert_int_equal(hms_codedb_lookup(db, code_of("0300150000010001"), "en", &info), 0);
	assert_int_equal(info.match, HMS_MATCH_SYNONYM);
	assert_message(db, "0300150000010001", NULL,
		       "The current sensor of Motor-Z is abnormal. This may be caused by a failure"
		       " of the hardware sampling circuit.");
	/* A motion controller part nobody listed stays undescribed, but is shown. */
	assert_int_equal(hms_codedb_lookup(db, code_of("0300160000010001"), "en", &info), -1);
	assert_message(db, "0300160000010001", NULL,
		       "HMS_0300_1600_0001_0001 (no description): MC (motion controller, 0x03),"
		       " unit 0x00, part 0x16, fatal, error 0x0001");
	hms_codedb_free(db);
}

/* Whether @rendered names the AMS and slot of @code where @message names one. */
static void check_location(const char *message, const char *rendered, uint64_t entry,
			   uint64_t code)
{
	struct hms_decoded from, to;
	char want[16];
	const char *p;

	hms_decode(entry, &from);
	hms_decode(code, &to);
	if (to.ams >= 0 && strstr(message, "AMS") &&
	    (to.ams != from.ams || strstr(message, "AMS1"))) {
		snprintf(want, sizeof(want), "AMS%d", to.ams + 1);
		assert_non_null(strstr(rendered, want));
	}
	for (p = rendered; to.slot >= 0 && *p; p++) {
		if (!strncasecmp(p, "slot", 4) && isdigit((unsigned char)p[4] == ' ' ? p[5] : p[4]))
			assert_int_equal((p[4] == ' ' ? p[5] : p[4]) - '1', to.slot);
	}
}

static void check_rendered(const struct hms_codedb *db, uint64_t code, uint64_t entry,
			   const char *message)
{
	struct hms_code_info info;
	char fields[HMS_DESCRIBE_LEN];
	struct hms_decoded d;
	char *rendered;

	hms_decode(code, &d);
	hms_describe(&d, fields, sizeof(fields));
	assert_non_null(hms_module_name(d.module));
	assert_null(strstr(fields, "unknown"));

	assert_int_equal(hms_codedb_lookup(db, code, "en", &info), 0);
	rendered = hms_wording_message(db, code, "en");
	assert_non_null(rendered);
	assert_true(strlen(rendered) > 0);
	assert_null(strstr(rendered, "no description"));
	if (info.match == HMS_MATCH_EXACT && code != entry) {
		/* A synonym that is a code of its own keeps its own message. */
		assert_true(info.entry == code);
		assert_string_equal(rendered, info.message);
	} else {
		assert_true(info.entry == entry);
		if (message)
			check_location(message, rendered, entry, code);
		if (code == entry && message)
			assert_string_equal(rendered, message);
	}
	free(rendered);
}

static void every_code_and_synonym_of_the_seed_renders(void **state)
{
	struct hms_codedb *db = seed_db();
	char line[16384];
	json_object *obj, *field, *synonyms;
	unsigned int entries = 0, checked = 0;
	uint64_t entry, code;
	const char *message;
	size_t i;
	FILE *f;

	(void)state;
	f = fopen(CODES, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		obj = json_tokener_parse(line);
		assert_non_null(obj);
		if (!json_object_object_get_ex(obj, "code", &field)) {
			json_object_put(obj);
			continue;
		}
		entry = code_of(json_object_get_string(field));
		message = json_object_object_get_ex(obj, "message", &field) ?
			  json_object_get_string(field) : NULL;
		check_rendered(db, entry, entry, message);
		entries++;
		if (json_object_object_get_ex(obj, "synonyms", &synonyms)) {
			for (i = 0; i < json_object_array_length(synonyms); i++) {
				field = json_object_array_get_idx(synonyms, i);
				assert_int_equal(hms_code_parse(json_object_get_string(field), &code), 0);
				check_rendered(db, code, entry, message);
				checked++;
			}
		}
		json_object_put(obj);
	}
	fclose(f);
	assert_int_equal(entries, hms_codedb_size(db));
	assert_int_equal(checked, 190);	/* all of them, the two repaired ones too */
	hms_codedb_free(db);
}

static void synonyms_say_their_own_unit_and_slot(void **state)
{
	struct hms_codedb *db = seed_db();
	char code[32], want[64];
	int unit, slot;

	(void)state;
	for (unit = 0; unit < 4; unit++) {
		for (slot = 0; slot < 4; slot++) {
			snprintf(code, sizeof(code), "070%d2%d0000020001", unit, slot);
			snprintf(want, sizeof(want), "AMS%d Slot%d filament has run out.",
				 unit + 1, slot + 1);
			assert_message(db, code, NULL, want);
		}
	}
	assert_message(db, "0702230000020001", NULL, "AMS3 Slot4 filament has run out.");
	assert_message(db, "0702230000020002", NULL, "The AMS3 slot4 is empty.");
	assert_message(db, "0700210000020002", NULL, "The AMS slot2 is empty.");
	assert_message(db, "0703610000020001", NULL,
		       "The AMS4 slot2 is overloaded. The filament may be tangled or the spool"
		       " may be stuck.");
	assert_message(db, "0701010000020002", NULL,
		       "The AMS2 assist motor is overloaded,The filament may be tangled or stuck.");
	assert_message(db, "1200820000020001", NULL, "AMS1 Slot3 filament may be tangled or stuck.");
	/* Synonyms the table does not list: the same fault on another AMS or slot. */
	assert_message(db, "0702130000010001", NULL,
		       "The AMS3 slot4 motor has slipped.The extrusion wheel may be"
		       " malfunctioning,or the filament may be too thin.");
	assert_message(db, "1203230000020006", NULL,
		       "Failed to extrude AMS4 Slot4 filament, the extruder may be clogged,"
		       " or the filament may be too thin, causing the extruder slipping");
	/* Motors, axes and sensors of listed synonyms. */
	/* The third motor is Motor-Z (A and B move X and Y), as Bambu's table says. */
	assert_message(db, "0300080000010002", NULL, "Motor-Z has a short-circuit. It may have failed.");
	assert_message(db, "0300110000020001", NULL,
		       "The 1st order mechanical resonance mode of Y axis is low.");
	assert_message(db, "03000C0000010005", NULL,
		       "Force sensor 3 detected unexpected continuous force. The heatbed may be"
		       " stuck, or the analog front end may be broken.");
	assert_message(db, "03000B0000010003", NULL,
		       "The sensititvity of heatbed force sensor 1/2/3 is too low.");
	/* A synonym that is a code of its own keeps its own message. */
	assert_message(db, "0500020000020002", NULL, "Failed to login device.");
	assert_message(db, "0500020000020005", NULL,
		       "Failed to connect internet, please check the network connection.");
	assert_message(db, "03000D0000010009", NULL, "The build plate is not placed properly.");
	hms_codedb_free(db);
}

static void unknown_codes_are_shown_raw(void **state)
{
	struct hms_codedb *db = seed_db();
	struct hms_code_info info;

	(void)state;
	assert_int_equal(hms_codedb_lookup(db, code_of("0703230000020009"), NULL, &info), -1);
	assert_int_equal(info.match, HMS_MATCH_NONE);
	assert_null(info.message);
	assert_message(db, "0703230000020009", NULL,
		       "HMS_0703_2300_0002_0009 (no description): AMS (0x07), unit AMS4, AMS D"
		       " (0x03), part Slot4 (0x23), serious, error 0x0009");
	/* The external spool is not an AMS slot: no variant of slot faults. */
	assert_message(db, "07FF200000020003", NULL,
		       "HMS_07FF_2000_0002_0003 (no description): AMS (0x07), unit external spool"
		       " (0xFF), part 0x20, serious, error 0x0003");
	assert_message(db, "07FF200000020001", NULL,
		       "External filament has run out; please load a new filament.");
	assert_message(NULL, "4200000000040001", "de",
		       "HMS_4200_0000_0004_0001 (no description): unknown module (0x42), unit 0x00,"
		       " part 0x00, info, error 0x0001");
	hms_codedb_free(db);
}

static void article_adds_to_the_table_message(void **state)
{
	struct hms_codedb *db = seed_db();
	struct hms_code_info info;
	size_t n;

	(void)state;
	assert_int_equal(hms_codedb_lookup(db, code_of("0700-2000-0002-0003"), "en", &info), 0);
	assert_int_equal(info.match, HMS_MATCH_EXACT);
	assert_string_equal(info.message, "The AMS slot1's filament may be broken in AMS.");
	assert_string_equal(info.title, "AMS Assist Motor Speed Error");
	assert_non_null(strstr(info.explanation, "encoder or tachometer feedback"));
	assert_non_null(info.steps);
	for (n = 0; info.steps[n]; n++)
		;
	assert_int_equal(n, 7);
	assert_true(!strncmp(info.steps[0], "Remove the filament", 19));
	assert_true(!strncmp(info.steps[6], "Replace the motor assembly", 26));
	assert_non_null(info.parts);
	assert_string_equal(info.parts[1], "PTFE guide tube section if kinks are found");
	assert_null(info.parts[2]);
	assert_non_null(strstr(info.note, "Contact Bambu Lab support"));

	/* Its synonyms share the troubleshooting, in their own words. */
	assert_int_equal(hms_codedb_lookup(db, code_of("0702210000020003"), "en", &info), 0);
	assert_int_equal(info.match, HMS_MATCH_SYNONYM);
	assert_non_null(info.steps);
	assert_message(db, "0702210000020003", NULL,
		       "The AMS3 slot2's filament may be broken in AMS.");
	/* Other codes have no troubleshooting. */
	assert_int_equal(hms_codedb_lookup(db, code_of("0700200000020004"), "en", &info), 0);
	assert_null(info.steps);
	assert_null(info.explanation);
	hms_codedb_free(db);
}

static void bad_lines_are_reported_and_skipped(void **state)
{
	const char *path = DATA("bad.jsonl");
	struct hms_codedb *db = hms_codedb_new();
	struct hms_code_info info;
	char *warnings;

	(void)state;
	assert_int_equal(load(db, path, NULL, &warnings), 4);
	assert_warned(warnings, path, 2, "not JSON (unexpected end of line); line skipped");
	assert_warned(warnings, path, 3, "not JSON (text after the JSON value)");
	assert_warned(warnings, path, 4, "not a JSON object");
	assert_warned(warnings, path, 5, "no \"code\"; entry skipped");
	assert_warned(warnings, path, 6, "\"code\" 216172786540183559 is not a health code");
	assert_warned(warnings, path, 7, "\"code\" \"030015000010001\" is not a health code");
	assert_warned(warnings, path, 9, "\"message\" is not a non-empty string; entry skipped");
	assert_warned(warnings, path, 10, "\"message\" is not a non-empty string");
	assert_warned(warnings, path, 11, "\"steps\" is not an array of non-empty strings");
	assert_warned(warnings, path, 12, "\"parts\" is not an array of non-empty strings");
	assert_warned(warnings, path, 13, "\"synonyms\" is not an array; entry skipped");
	assert_warned(warnings, path, 14, "no \"message\", \"title\", \"explanation\" or \"steps\"");
	assert_warned(warnings, path, 16, "HMS_0300_1300_0001_0001: synonym '030015000010001' is not"
		      " a health code (16 hex digits); left out");
	assert_warned(warnings, path, 16, "HMS_0300_1300_0001_0001: synonym 3 is not a string");
	assert_warned(warnings, path, 17, "HMS_0300_1300_0001_0001 already given at 16");
	assert_warned(warnings, path, 18, "unknown key \"colour\" ignored");
	assert_int_equal(count_lines(warnings), 16);
	free(warnings);

	/* Severity 0 is Bambu's "unknown", loaded like any other. */
	assert_int_equal(hms_codedb_size(db), 4);
	assert_message(db, "0300_0100_0000_0007", NULL, "severity 0");
	assert_message(db, "0300140000010001", NULL, "Motor-B current sensor");
	assert_message(db, "0300130000010001", NULL, "Motor-A current sensor");
	assert_message(db, "0300_0100_0001_0007", NULL, "The heatbed is fine.");
	/* No message: the explanation is there, the code is shown raw. */
	assert_int_equal(hms_codedb_lookup(db, code_of("0C00_0100_0001_0001"), NULL, &info), 0);
	assert_string_equal(info.explanation, "Only an explanation.");
	assert_message(db, "0C00_0100_0001_0001", NULL,
		       "HMS_0C00_0100_0001_0001 (no description): XCam (camera and lidar, 0x0C),"
		       " unit 0x00, part 0x01, fatal, error 0x0001");
	assert_int_equal(hms_codedb_lookup(db, code_of("0300_0200_0001_0001"), NULL, &info), -1);
	hms_codedb_free(db);
}

/* @error is a refusal of @path: "PATH:LINE: ...@what..." (@line 0: "PATH: "). */
static void assert_refused(GError *error, int code, const char *path, int line,
			   const char *what)
{
	char prefix[512];

	assert_non_null(error);
	if (!g_error_matches(error, HMS_ERROR, code))
		fail_msg("error %d, not %d: %s", error->code, code, error->message);
	if (line)
		snprintf(prefix, sizeof(prefix), "%s:%d: ", path, line);
	else
		snprintf(prefix, sizeof(prefix), "%s: ", path);
	if (strncmp(error->message, prefix, strlen(prefix)) || !strstr(error->message, what))
		fail_msg("not \"%s...%s\": %s", prefix, what, error->message);
}

static void unreadable_files_leave_the_database_alone(void **state)
{
	struct hms_codedb *db = seed_db();
	unsigned int size = hms_codedb_size(db);
	GError *error = NULL;
	char *warnings;

	(void)state;
	assert_int_equal(load_error(db, DATA("missing.jsonl"), NULL, &warnings, &error), -1);
	assert_refused(error, HMS_ERROR_NOENT, DATA("missing.jsonl"), 0, "No such file");
	assert_string_equal(warnings, "");
	g_clear_error(&error);
	free(warnings);

	assert_int_equal(load_error(db, DATA("wrong-format.jsonl"), NULL, &warnings, &error), -1);
	assert_refused(error, HMS_ERROR_PARSE, DATA("wrong-format.jsonl"), 1,
		       "\"format\" is not \"hms-codes\"");
	assert_string_equal(warnings, "");
	g_clear_error(&error);
	free(warnings);
	assert_int_equal(load_error(db, DATA("future.jsonl"), NULL, &warnings, &error), -1);
	assert_refused(error, HMS_ERROR_PARSE, DATA("future.jsonl"), 1, "\"version\" is not 1");
	g_clear_error(&error);
	free(warnings);
	assert_int_equal(load_error(db, DATA("no-hms.json"), NULL, &warnings, &error), -1);
	assert_refused(error, HMS_ERROR_PARSE, DATA("no-hms.json"), 0,
		       "data: no \"device_hms\" object");
	g_clear_error(&error);
	free(warnings);

	assert_int_equal(hms_codedb_size(db), size);
	assert_message(db, "0300_0100_0001_0007", NULL,
		       "The heatbed temperature is abnormal; the sensor may have an open circuit.");
	/* No one to warn, no error asked for: quiet, same result. */
	assert_int_equal(hms_codedb_load(db, DATA("bad.jsonl"), NULL, NULL, NULL, NULL), 4);
	assert_int_equal(hms_codedb_load(db, DATA("missing.jsonl"), NULL, NULL, NULL, NULL), -1);
	hms_codedb_free(db);
}

/* /dev/zero, a FIFO and a huge file are refused before they are read. */
static void files_that_are_no_tables_are_refused_unread(void **state)
{
	struct hms_codedb *db = seed_db();
	unsigned int size = hms_codedb_size(db);
	char dir[] = "/tmp/test_codedb.XXXXXX", big[64], fifo[64];
	GError *error = NULL;
	char *warnings;
	int fd;

	(void)state;
	assert_int_equal(load_error(db, "/dev/zero", NULL, &warnings, &error), -1);
	assert_refused(error, HMS_ERROR_INVAL, "/dev/zero", 0, "not a regular file");
	g_clear_error(&error);
	free(warnings);

	assert_non_null(mkdtemp(dir));
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(load_error(db, fifo, NULL, &warnings, &error), -1);	/* no wait */
	assert_refused(error, HMS_ERROR_INVAL, fifo, 0, "not a regular file");
	g_clear_error(&error);
	free(warnings);

	/* Sparse: 65 MiB that take no disk. */
	snprintf(big, sizeof(big), "%s/big.jsonl", dir);
	fd = open(big, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 65 * 1024 * 1024), 0);
	close(fd);
	assert_int_equal(load_error(db, big, NULL, &warnings, &error), -1);
	assert_refused(error, HMS_ERROR_INVAL, big, 0, "larger than 64 MiB");
	assert_string_equal(warnings, "");
	g_clear_error(&error);
	free(warnings);
	unlink(big);
	unlink(fifo);
	rmdir(dir);
	assert_int_equal(hms_codedb_size(db), size);
	hms_codedb_free(db);
}

/* The default database: what cannot be loaded is a warning, and the rest loads. */
static void the_default_database_warns_and_goes_on(void **state)
{
	GString *warnings = g_string_new(NULL);
	struct hms_codedb *db;

	(void)state;
	setenv("HMS_DB", DATA("missing.jsonl") ":" DATA("german.jsonl") "::"
	       DATA("wrong-format.jsonl"), 1);
	db = hms_codedb_open_default(collect, warnings);
	unsetenv("HMS_DB");
	assert_non_null(strstr(warnings->str, DATA("missing.jsonl") ": "));
	assert_non_null(strstr(warnings->str, DATA("wrong-format.jsonl") ":1: \"format\""));
	assert_message(db, "0300010000010007", "de", "Heizbett: Temperatur abnormal.");
	hms_codedb_free(db);
	g_string_free(warnings, TRUE);

	/* no one to warn: the same database */
	setenv("HMS_DB", DATA("missing.jsonl") ":" DATA("german.jsonl"), 1);
	db = hms_codedb_open_default(NULL, NULL);
	unsetenv("HMS_DB");
	assert_message(db, "0300010000010007", "de", "Heizbett: Temperatur abnormal.");
	hms_codedb_free(db);
}

/*
 * Rows as Bambu's table has them (tests/data/bambu-en.json: the texts the
 * issue quotes from it, the rest shaped after them): AMS E, AMS-HT with unit
 * 0x80, both external spools, heaters, AMS lite slots 0x80-0x83, severity 0,
 * empty intros.
 */
static void bambu_table_loads_quietly(void **state)
{
#define bambu DATA("bambu-en.json")
	struct hms_codedb *db = hms_codedb_new();
	struct hms_code_info info;
	GString *problems = g_string_new(NULL);
	char *warnings;

	(void)state;
	assert_int_equal(load(db, bambu, NULL, &warnings), 20);
	/* Its usual rows are no news: one line for all of them. */
	assert_string_equal(warnings, bambu ": 5 entries without text skipped"
			    " (hmsctl db check " bambu " lists them)\n");
	free(warnings);

	/* Severity 0 is loaded, not refused. */
	assert_message(db, "0500050000000001", NULL, "A row of severity 0 with its text.");
	/* AMS E is its own entry; AMS F is rendered from AMS A's. */
	assert_message(db, "0704200000020001", NULL,
		       "AMS E Slot 1 filament has run out. Please insert a new filament.");
	assert_message(db, "0705230000020003", NULL,
		       "AMS F Slot 4 filament may be broken in the AMS.");
	/* AMS-HT: unit 0x81 found as 0x80, for AMS-HT B. */
	assert_int_equal(hms_codedb_lookup(db, code_of("1881200000020058"), NULL, &info), 0);
	assert_int_equal(info.match, HMS_MATCH_VARIANT);
	assert_message(db, "1881200000020058", NULL,
		       "The RFID-tag on AMS-HT B cannot be identified");
	assert_message(db, "1802010000010001", NULL,
		       "The AMS-HT C assist motor has slipped. The extrusion wheel may be worn"
		       " down, or the filament may be too thin.");
	/* Heaters are no slots: heater 2 of AMS D is heater 2's fault, not a slot's. */
	assert_message(db, "0703810000020001", NULL, "AMS D heater 2 is abnormal.");
	/* AMS lite B slot 3, from B's slot 1: the nearest listing first. */
	assert_int_equal(hms_codedb_lookup(db, code_of("1201820000020001"), NULL, &info), 0);
	assert_true(info.entry == code_of("1201800000020001"));
	assert_message(db, "1201820000020001", NULL,
		       "AMS Lite B slot 3 filament may be tangled or stuck.");
	assert_message(db, "18FE200000020001", NULL,
		       "External filament of left extruder has run out. Please load a new filament.");
	hms_codedb_free(db);

	/* db check tells each, with its place. */
	assert_int_equal(hms_codedb_check(bambu, collect, problems, NULL), 20);
	assert_non_null(strstr(problems->str, bambu ": data.device_hms.en[16]: \"intro\" is empty"));
	assert_non_null(strstr(problems->str, bambu ": data.device_hms.de[1]: \"intro\" is empty"));
	assert_int_equal(count_lines(problems->str), 5);
	g_string_free(problems, TRUE);
#undef bambu
}

/* The wiki link's language is the language of the text shown. */
static void wiki_link_speaks_the_language_shown(void **state)
{
	struct hms_codedb *db = hms_codedb_new();
	char *url;

	(void)state;
	assert_true(hms_codedb_load(db, CODES, NULL, NULL, NULL, NULL) > 100);
	assert_true(hms_codedb_load(db, DATA("german.jsonl"), NULL, NULL, NULL, NULL) > 0);
	url = hms_wiki_link(db, NULL, "p1", code_of("0300010000010007"), "de");
	assert_string_equal(url, "https://wiki.bambulab.com/de/p1/troubleshooting/hmscode/"
			    "0300_0100_0001_0007");
	free(url);
	/* No German words for it: English ones, and the English page. */
	url = hms_wiki_link(db, NULL, "p1", code_of("0300_1000_0002_0001"), "de");
	assert_string_equal(url, "https://wiki.bambulab.com/en/p1/troubleshooting/hmscode/"
			    "0300_1000_0002_0001");
	free(url);
	hms_codedb_free(db);
}

static void official_format_is_read(void **state)
{
#define path DATA("official.json")
	struct hms_codedb *db = hms_codedb_new();
	struct hms_code_info info;
	char *warnings;

	(void)state;
	assert_int_equal(load(db, path, NULL, &warnings), 4);
	assert_non_null(strstr(warnings, path
			       ": data.device_hms.en[3]: \"ecode\" is not a health code"));
	assert_non_null(strstr(warnings, path ": data.device_hms.en[4]: HMS_0500_0100_0002_0009"
			       " already given at data.device_hms.en[2]"));
	/* An empty intro, as Bambu's table has by the dozen: one summary line. */
	assert_null(strstr(warnings, "en[5]"));
	assert_non_null(strstr(warnings, path ": 1 entry without text skipped (hmsctl db check "
			       path " lists them)"));
	assert_non_null(strstr(warnings, path ": data.device_hms.en[6]: \"intro\" is not a string"));
	assert_non_null(strstr(warnings, path ": data.device_hms.en[7]: not an object"));
	assert_non_null(strstr(warnings, path ": data.device_hms: \"fr\" is not an array"));
	assert_int_equal(count_lines(warnings), 6);
	free(warnings);

	assert_message(db, "0500010000020009", "en", "Official only: a new mainboard code.");
	assert_message(db, "0700200000020003", "de",
		       "Offiziell: AMS1 Slot1 Filament im AMS gebrochen.");
	/* Rendered for another AMS and slot in any language. */
	assert_message(db, "0701230000020003", "de",
		       "Offiziell: AMS2 Slot4 Filament im AMS gebrochen.");
	/* French is not there: English. */
	assert_message(db, "0700200000020003", "fr",
		       "Official: AMS1 Slot1 filament may be broken in the AMS.");
	assert_int_equal(hms_codedb_lookup(db, code_of("0700200000020003"), "fr", &info), 0);
	assert_string_equal(info.lang, "en");
	/* device_error (8 digits) is another code space: not read. */
	assert_int_equal(hms_codedb_size(db), 3);
	hms_codedb_free(db);

	/* One language only. */
	db = hms_codedb_new();
	assert_int_equal(load(db, path, "de", &warnings), 1);
	assert_string_equal(warnings, "");
	free(warnings);
	assert_message(db, "0700200000020003", "en",
		       "Offiziell: AMS1 Slot1 Filament im AMS gebrochen.");
	assert_int_equal(load(db, path, "it", &warnings), 0);
	assert_non_null(strstr(warnings, "no \"it\" table"));
	free(warnings);
	hms_codedb_free(db);
#undef path
}

static void layers_override_and_fall_back(void **state)
{
	struct hms_codedb *db = seed_db();
	struct hms_code_info info;
	char *warnings;

	(void)state;
	assert_int_equal(load(db, DATA("official.json"), NULL, &warnings), 4);
	free(warnings);
	assert_int_equal(load(db, DATA("german.jsonl"), NULL, &warnings), 2);
	assert_string_equal(warnings, "");
	free(warnings);

	/* The newer layer's message, the built-in table's troubleshooting. */
	assert_int_equal(hms_codedb_lookup(db, code_of("0700200000020003"), "en", &info), 0);
	assert_string_equal(info.message,
			    "Official: AMS1 Slot1 filament may be broken in the AMS.");
	assert_non_null(info.steps);
	assert_string_equal(info.title, "AMS Assist Motor Speed Error");
	assert_int_equal(hms_codedb_lookup(db, code_of("0700200000020003"), "de", &info), 0);
	assert_string_equal(info.lang, "de");
	assert_non_null(strstr(info.message, "Offiziell"));
	assert_non_null(info.steps);

	/* German from the newest German layer; steps in German where given. */
	assert_int_equal(hms_codedb_lookup(db, code_of("0300010000010007"), "de", &info), 0);
	assert_string_equal(info.message, "Heizbett: Temperatur abnormal.");
	assert_string_equal(info.steps[0], "Kabel prüfen");
	assert_int_equal(hms_codedb_lookup(db, code_of("0300010000010007"), "en", &info), 0);
	assert_string_equal(info.message, "Official: the heatbed temperature is abnormal.");
	assert_string_equal(info.steps[0], "Kabel prüfen");	/* only German has steps */

	/* German, then English, then the built-in table. */
	assert_message(db, "0702220000020001", "de", "AMS3 Slot3: Filament ist aufgebraucht.");
	assert_message(db, "0500010000020009", "de", "Official only: a new mainboard code.");
	assert_message(db, "0C00010000020008", "de", "Chamber camera offline.");

	/* A second load of the same file replaces, without duplicate warnings. */
	assert_int_equal(load(db, DATA("german.jsonl"), "de", &warnings), 2);
	assert_string_equal(warnings, "");
	free(warnings);
	hms_codedb_free(db);
}

static void built_in_table_is_the_last_resort(void **state)
{
	struct hms_codedb *db = hms_codedb_new();
	struct hms_code_info info;
	char *warnings;

	(void)state;
	/* A German-only built-in table, asked in French: it still answers. */
	assert_int_equal(load(db, DATA("german.jsonl"), NULL, &warnings), 2);
	free(warnings);
	assert_int_equal(load(db, DATA("official.json"), "de", &warnings), 1);
	free(warnings);
	assert_int_equal(hms_codedb_lookup(db, code_of("0300010000010007"), "fr", &info), 0);
	assert_string_equal(info.message, "Heizbett: Temperatur abnormal.");
	assert_string_equal(info.lang, "de");
	hms_codedb_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seed_table_loads_without_warnings),
		cmocka_unit_test(every_code_and_synonym_of_the_seed_renders),
		cmocka_unit_test(synonyms_say_their_own_unit_and_slot),
		cmocka_unit_test(unknown_codes_are_shown_raw),
		cmocka_unit_test(article_adds_to_the_table_message),
		cmocka_unit_test(bad_lines_are_reported_and_skipped),
		cmocka_unit_test(unreadable_files_leave_the_database_alone),
		cmocka_unit_test(files_that_are_no_tables_are_refused_unread),
		cmocka_unit_test(the_default_database_warns_and_goes_on),
		cmocka_unit_test(official_format_is_read),
		cmocka_unit_test(wiki_link_speaks_the_language_shown),
		cmocka_unit_test(bambu_table_loads_quietly),
		cmocka_unit_test(layers_override_and_fall_back),
		cmocka_unit_test(built_in_table_is_the_last_resort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
