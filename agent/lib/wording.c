// SPDX-License-Identifier: GPL-2.0
/*
 * A code in words: the message the code database has for it, rewritten
 * from the entry it was listed under to the code itself (AMS1 -> AMS5,
 * AMS A -> AMS E, AMS-HT A -> AMS-HT C, Slot1 -> Slot4, left extruder ->
 * right extruder, Motor-A -> Motor-C, ...), and what the fields of a code
 * nobody described say. Beside decode.c, whose fields it words.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <glib.h>

#include "code.h"
#include "decode.h"
#include "wording.h"

static bool word_start(const char *text, const char *p)
{
	return p == text || !isalnum((unsigned char)p[-1]);
}

/* A feeder's number in a message: "AMS1".."AMS8" (the seed table's way). */
static bool ams_digit_at(const char *p)
{
	return !strncmp(p, "AMS", 3) && p[3] >= '1' && p[3] <= '8' &&
	       !isalnum((unsigned char)p[4]);
}

/*
 * A feeder's letter in a message, "AMS E", "AMS-HT A", "AMS Lite B" (Bambu's
 * newer table): the length up to the letter, or 0.
 */
static size_t ams_letter_at(const char *p)
{
	static const char *const names[] = { "AMS-HT ", "AMS Lite ", "AMS lite ", "AMS " };
	size_t i, n;

	for (i = 0; i < G_N_ELEMENTS(names); i++) {
		n = strlen(names[i]);
		if (!strncmp(p, names[i], n) && p[n] >= 'A' && p[n] <= 'H' &&
		    !isalnum((unsigned char)p[n + 1]))
			return n;
	}
	return 0;
}

static bool has_numbered_ams(const char *message)
{
	const char *p;

	for (p = strstr(message, "AMS"); p; p = strstr(p + 1, "AMS")) {
		if (word_start(message, p) && (ams_digit_at(p) || ams_letter_at(p)))
			return true;
	}
	return false;
}

/* "AMS1"/"AMS A" and "Slot1"/"slot 1" say the unit and slot of @to. Returns chars used. */
static size_t rewrite_ams(GString *out, const char *text, const char *p,
			  const struct hms_decoded *from, const struct hms_decoded *to,
			  bool *bare_done)
{
	size_t n;

	if (!word_start(text, p) || to->ams < 0)
		return 0;
	if (ams_digit_at(p)) {
		g_string_append_printf(out, "AMS%d", to->ams + 1);
		return 4;
	}
	n = ams_letter_at(p);
	if (n) {
		g_string_append_len(out, p, n);
		g_string_append_c(out, (char)('A' + to->ams));
		return n + 1;
	}
	/* "The AMS slot1 is empty" names the first AMS without a number. */
	if (!strncmp(p, "AMS", 3) && !isalnum((unsigned char)p[3]) && p[3] != '-' &&
	    !*bare_done && to->ams != from->ams && !has_numbered_ams(text)) {
		*bare_done = true;
		g_string_append_printf(out, "AMS%d", to->ams + 1);
		return 3;
	}
	if (to->slot >= 0 && !g_ascii_strncasecmp(p, "slot", 4)) {
		n = p[4] == ' ' ? 5 : 4;
		if (p[n] >= '1' && p[n] <= '4' && !isdigit((unsigned char)p[n + 1])) {
			g_string_append_len(out, p, n);
			g_string_append_c(out, (char)('1' + to->slot));
			return n + 1;
		}
	}
	return 0;
}

/* The left extruder's spool for the right one's, and back: "left"/"right" swapped. */
static size_t rewrite_spool(GString *out, const char *text, const char *p,
			    const struct hms_decoded *to)
{
	const char *want = to->left ? "left" : "right";
	const char *other = to->left ? "right" : "left";
	size_t n = strlen(other);

	if (!word_start(text, p) || g_ascii_strncasecmp(p, other, n) ||
	    isalnum((unsigned char)p[n]))
		return 0;
	/* Keep the capital of "Left"/"Right" at a sentence's start. */
	g_string_append_c(out, isupper((unsigned char)*p) ? g_ascii_toupper(*want) : *want);
	g_string_append(out, want + 1);
	return n;
}

/* Shifts a letter or digit within [@first, @last] by @shift; false when out. */
static bool shifted(char c, int shift, char first, char last, char *out)
{
	if (c < first || c > last || c + shift < first || c + shift > last)
		return false;
	*out = (char)(c + shift);
	return true;
}

#define MOTORS "ABZ"

/* Motor-A, X axis, sensor 1 of a listed synonym whose part is @shift further on. */
static size_t rewrite_index(GString *out, const char *text, const char *p, int shift)
{
	char c;

	if (!word_start(text, p))
		return 0;
	/* The motion controller's motors, part after part: A and B (XY), then Z. */
	if (!strncmp(p, "Motor-", 6) && !isalnum((unsigned char)p[7]) && p[6] &&
	    strchr(MOTORS, p[6]) && shifted((char)(strchr(MOTORS, p[6]) - MOTORS), shift, 0,
					    (char)(sizeof(MOTORS) - 2), &c)) {
		c = MOTORS[(int)c];
		g_string_append(out, "Motor-");
		g_string_append_c(out, c);
		return 7;
	}
	if ((!strncmp(p + 1, " axis", 5) || !strncmp(p + 1, "-axis", 5)) &&
	    shifted(p[0], shift, 'X', 'Z', &c)) {
		g_string_append_c(out, c);
		return 1;
	}
	if (!g_ascii_strncasecmp(p, "sensor ", 7) && p[8] != '/' && !isalnum((unsigned char)p[8]) &&
	    shifted(p[7], shift, '1', '9', &c)) {
		g_string_append_len(out, p, 7);
		g_string_append_c(out, c);
		return 8;
	}
	return 0;
}

char *hms_wording_render(const char *message, uint64_t entry, uint64_t code)
{
	struct hms_decoded from, to;
	bool bare_done = false;
	const char *p;
	GString *out;
	size_t used;
	int shift = 0;

	hms_decode(entry, &from);
	hms_decode(code, &to);
	if (entry == code || from.module != to.module)
		return g_strdup(message);
	if (!hms_module_is_ams(to.module))
		shift = (int)to.part - (int)from.part;

	out = g_string_new(NULL);
	for (p = message; *p; p += used) {
		if (to.external && from.external && to.left != from.left)
			used = rewrite_spool(out, message, p, &to);
		else if (hms_module_is_ams(to.module))
			used = rewrite_ams(out, message, p, &from, &to, &bare_done);
		else
			used = shift ? rewrite_index(out, message, p, shift) : 0;
		if (!used) {
			g_string_append_c(out, *p);
			used = 1;
		}
	}
	return g_string_free(out, FALSE);
}

static char *describe_unknown(uint64_t code)
{
	char name[HMS_CODE_STRLEN], fields[HMS_DESCRIBE_LEN];
	struct hms_decoded d;

	hms_code_format(code, name);
	hms_decode(code, &d);
	hms_describe(&d, fields, sizeof(fields));
	return g_strdup_printf("%s (no description): %s", name, fields);
}

char *hms_wording_message(const struct hms_codedb *db, uint64_t code, const char *lang)
{
	struct hms_code_info info;

	if (hms_codedb_lookup(db, code, lang, &info) == 0) {
		if (info.message)
			return hms_wording_render(info.message, info.entry, code);
		if (info.title)
			return hms_wording_render(info.title, info.entry, code);
	}
	return describe_unknown(code);
}
