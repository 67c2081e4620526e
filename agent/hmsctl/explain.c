// SPDX-License-Identifier: GPL-2.0
/*
 * What hmsctl explain shows of one code: as text, with its wiki link and
 * the link's QR code, and as JSON.
 */
#include <errno.h>
#include <stdlib.h>

#include "code.h"
#include "decode.h"
#include "error.h"
#include "escape.h"
#include "explain.h"
#include "qr.h"
#include "wiki.h"
#include "wording.h"

static const char *match_name(enum hms_match match)
{
	switch (match) {
	case HMS_MATCH_EXACT:
		return "exact";
	case HMS_MATCH_SYNONYM:
		return "synonym";
	case HMS_MATCH_VARIANT:
		return "variant";
	case HMS_MATCH_NONE:
		break;
	}
	return "none";
}

static void print_fields(FILE *out, const struct hms_decoded *d)
{
	const char *module = hms_module_name(d->module);
	const char *long_name = hms_module_long_name(d->module);
	char unit[HMS_DESCRIBE_LEN], part[HMS_DESCRIBE_LEN];

	hms_describe_unit(d, unit, sizeof(unit));
	hms_describe_part(d, part, sizeof(part));
	if (long_name)
		fprintf(out, "  Module:    %s, %s (0x%02X)\n", module, long_name, d->module);
	else
		fprintf(out, "  Module:    %s (0x%02X)\n", module ? module : "unknown", d->module);
	fprintf(out, "  Unit:      %s\n", unit);
	fprintf(out, "  Part:      %s\n", part);
	fprintf(out, "  Severity:  %s (%u)\n", hms_severity_name(d->severity), d->severity);
	fprintf(out, "  Error:     0x%04X\n", d->error);
}

static void print_list(FILE *out, const char *heading, const char *const *items, bool numbered)
{
	size_t i;

	if (!items)
		return;
	fprintf(out, "\n%s:\n", heading);
	for (i = 0; items[i]; i++) {
		g_autofree char *item = hms_escape(items[i]);

		if (numbered)
			fprintf(out, "  %zu. %s\n", i + 1, item);
		else
			fprintf(out, "  - %s\n", item);
	}
}

gboolean hms_explain_print(FILE *out, const struct hms_codedb *db, uint64_t code,
			   const char *lang, const struct hms_explain_wiki *wiki, bool qr,
			   GError **error)
{
	char name[HMS_CODE_STRLEN], entry[HMS_CODE_STRLEN];
	struct hms_code_info info;
	struct hms_decoded d;
	char *message, *url, *shown;
	gboolean ok = TRUE;

	hms_code_format(code, name);
	hms_decode(code, &d);
	hms_codedb_lookup(db, code, lang, &info);
	message = hms_wording_message(db, code, lang);
	url = hms_wiki_link(db, wiki ? wiki->template : NULL, wiki ? wiki->series : NULL, code,
			    lang);

	/* The table's words and the link, escaped: a table is not to drive the terminal. */
	shown = hms_escape(message);
	fprintf(out, "%s  %s\n%s\n", name, hms_severity_name(d.severity), shown);
	g_free(shown);
	if (info.title) {
		shown = hms_escape(info.title);
		fprintf(out, "Also known as: %s\n", shown);
		g_free(shown);
	}
	fprintf(out, "\n");
	print_fields(out, &d);
	if (info.match == HMS_MATCH_SYNONYM || info.match == HMS_MATCH_VARIANT) {
		hms_code_format(info.entry, entry);
		fprintf(out, "  Listed as: %s (%s)\n", entry, match_name(info.match));
	}
	if (info.explanation) {
		shown = hms_escape(info.explanation);
		fprintf(out, "\nWhat it means:\n  %s\n", shown);
		g_free(shown);
	}
	print_list(out, "Steps", info.steps, true);
	print_list(out, "Parts", info.parts, false);
	if (info.note) {
		shown = hms_escape(info.note);
		fprintf(out, "\n%s\n", shown);
		g_free(shown);
	}
	shown = hms_escape(url);
	fprintf(out, "\nWiki: %s\n", shown);
	g_free(shown);
	if (qr) {
		fprintf(out, "\n");
		ok = hms_qr_print(out, url, false, error);
	}
	if (ok && ferror(out)) {
		g_set_error(error, HMS_ERROR, HMS_ERROR_IO, "cannot write: %s", g_strerror(errno));
		ok = FALSE;
	}
	free(message);
	free(url);
	return ok;
}

static json_object *string_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static json_object *strings_or_null(const char *const *items)
{
	json_object *array;

	if (!items)
		return NULL;
	array = json_object_new_array();
	for (; *items; items++)
		json_object_array_add(array, json_object_new_string(*items));
	return array;
}

static void add_fields(json_object *obj, const struct hms_decoded *d)
{
	char location[HMS_DESCRIBE_LEN], letter[2] = { 0 };

	hms_location(d, location, sizeof(location));
	json_object_object_add(obj, "severity",
			       json_object_new_string(hms_severity_name(d->severity)));
	json_object_object_add(obj, "module", string_or_null(hms_module_name(d->module)));
	json_object_object_add(obj, "module_id", json_object_new_int(d->module));
	json_object_object_add(obj, "unit", json_object_new_int(d->unit));
	json_object_object_add(obj, "part", json_object_new_int(d->part));
	json_object_object_add(obj, "reserved", json_object_new_int(d->reserved));
	json_object_object_add(obj, "error", json_object_new_int(d->error));
	json_object_object_add(obj, "ams", d->ams >= 0 ? json_object_new_int(d->ams + 1) : NULL);
	letter[0] = (char)('A' + d->ams);
	json_object_object_add(obj, "ams_letter", d->ams >= 0 ? json_object_new_string(letter) : NULL);
	json_object_object_add(obj, "slot", d->slot >= 0 ? json_object_new_int(d->slot + 1) : NULL);
	json_object_object_add(obj, "external", json_object_new_boolean(d->external));
	json_object_object_add(obj, "external_left", json_object_new_boolean(d->left));
	json_object_object_add(obj, "feeder", string_or_null(d->feeder));
	json_object_object_add(obj, "location", json_object_new_string(location));
}

json_object *hms_explain_json(const struct hms_codedb *db, uint64_t code, const char *lang,
			      const struct hms_explain_wiki *wiki)
{
	char name[HMS_CODE_STRLEN], entry[HMS_CODE_STRLEN];
	json_object *obj = json_object_new_object();
	struct hms_code_info info;
	struct hms_decoded d;
	char *message, *url;

	hms_code_format(code, name);
	hms_decode(code, &d);
	hms_codedb_lookup(db, code, lang, &info);
	hms_code_format(info.entry, entry);
	message = hms_wording_message(db, code, lang);
	url = hms_wiki_link(db, wiki ? wiki->template : NULL, wiki ? wiki->series : NULL, code,
			    lang);

	json_object_object_add(obj, "code", json_object_new_string(name));
	json_object_object_add(obj, "message", json_object_new_string(message));
	json_object_object_add(obj, "match", json_object_new_string(match_name(info.match)));
	json_object_object_add(obj, "entry", info.match != HMS_MATCH_NONE ?
			       json_object_new_string(entry) : NULL);
	json_object_object_add(obj, "lang", string_or_null(info.lang));
	json_object_object_add(obj, "title", string_or_null(info.title));
	json_object_object_add(obj, "explanation", string_or_null(info.explanation));
	json_object_object_add(obj, "steps", strings_or_null(info.steps));
	json_object_object_add(obj, "parts", strings_or_null(info.parts));
	json_object_object_add(obj, "note", string_or_null(info.note));
	add_fields(obj, &d);
	json_object_object_add(obj, "wiki", json_object_new_string(url));
	free(message);
	free(url);
	return obj;
}
