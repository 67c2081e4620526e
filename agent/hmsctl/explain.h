/* SPDX-License-Identifier: GPL-2.0 */
/* Everything known about one code, for people (text) and programs (JSON). */
#ifndef HMS_AGENT_EXPLAIN_H
#define HMS_AGENT_EXPLAIN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <glib.h>
#include <json-c/json.h>

#include "codedb.h"

/* The wiki link's template (NULL: the default) and printer series (NULL: x1). */
struct hms_explain_wiki {
	const char *template;
	const char *series;
};

/*
 * Message, decoded fields, troubleshooting where known, wiki link (the
 * page of the code as the table lists it, hms_wiki_link()) and, if @qr, its
 * QR code. @db and @wiki may be NULL.
 * FALSE with @error when the QR code could not be made, or @out not
 * written: what could be is printed all the same.
 */
gboolean hms_explain_print(FILE *out, const struct hms_codedb *db, uint64_t code,
			   const char *lang, const struct hms_explain_wiki *wiki, bool qr,
			   GError **error);

/*
 * The same as one JSON object: code, message, match, entry, lang, title,
 * explanation, steps, parts, note (null when unknown), severity, module,
 * module_id, unit, part, reserved, error, ams (1-8 or null), ams_letter,
 * slot (1-4 or null), external, external_left, feeder, location, wiki.
 */
json_object *hms_explain_json(const struct hms_codedb *db, uint64_t code, const char *lang,
			      const struct hms_explain_wiki *wiki);

#endif
