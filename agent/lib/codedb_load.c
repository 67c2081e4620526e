// SPDX-License-Identifier: GPL-2.0
/*
 * Loading the code database: the native format (JSON Lines) and Bambu
 * Lab's official one, told apart by content, each file a layer of the
 * table (codedb.c); bad entries skipped with a warning that names the file
 * and line, to the caller's hms_warn_fn; a file that cannot be loaded at all
 * a GError; and where the installed database and the user's language are.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <json-c/json.h>

#include "code.h"
#include "codedb_load.h"
#include "file.h"
#include "error.h"
#include "json_scan.h"

#define NATIVE_FORMAT "hms-codes"
#define NATIVE_VERSION 1

/* One file being loaded. */
struct loader {
	struct hms_codedb *db;
	const char *path;
	const char *lang;
	hms_warn_fn warn;
	void *warn_arg;
	GError **error;		/* why the file is refused */
	bool official;		/* Bambu's format: a text's origin is an index, not a line */
	json_tokener *tok;	/* one for every line: a line's own costs as much as parsing it */
	int loaded;
	bool every_problem;	/* hms_codedb_check(): the usual rows of Bambu's data too */
	int usual_skipped;	/* those rows, skipped without a word each */
};

/* "file:12: what" for a line, "file: data.x[3]: what" for a place in a document. */
static char *G_GNUC_PRINTF(3, 0) located(const struct loader *ld, const char *where,
					 const char *fmt, va_list ap)
{
	g_autofree char *what = g_strdup_vprintf(fmt, ap);

	return g_strdup_printf("%s:%s%s: %s", ld->path, isdigit((unsigned char)*where) ? "" : " ",
			       where, what);
}

static void G_GNUC_PRINTF(3, 4) warn(const struct loader *ld, const char *where,
				     const char *fmt, ...)
{
	g_autofree char *warning = NULL;
	va_list ap;

	if (!ld->warn)
		return;
	va_start(ap, fmt);
	warning = located(ld, where, fmt, ap);
	va_end(ap);
	ld->warn(warning, ld->warn_arg);
}

/*
 * A row Bambu's own table has by the dozen (an entry with no text): skipped,
 * counted for one summary line, told one by one only by hms_codedb_check().
 */
static void G_GNUC_PRINTF(3, 4) skip_usual(struct loader *ld, const char *where,
					   const char *fmt, ...)
{
	g_autofree char *warning = NULL;
	va_list ap;

	ld->usual_skipped++;
	if (!ld->every_problem || !ld->warn)
		return;
	va_start(ap, fmt);
	warning = located(ld, where, fmt, ap);
	va_end(ap);
	ld->warn(warning, ld->warn_arg);
}

/* The whole file is refused: @ld->error says why, and where. */
static void G_GNUC_PRINTF(3, 4) refuse(const struct loader *ld, const char *where,
				       const char *fmt, ...)
{
	g_autofree char *why = NULL;
	va_list ap;

	va_start(ap, fmt);
	why = located(ld, where, fmt, ap);
	va_end(ap);
	g_set_error_literal(ld->error, HMS_ERROR, HMS_ERROR_PARSE, why);
}

static void add_text(struct loader *ld, uint64_t code, const struct hms_code_text *text)
{
	hms_codedb_add(ld->db, code, text);
	ld->loaded++;
}

/* False, with a warning, when @code was already loaded from this file. */
static bool first_in_file(struct loader *ld, const char *where, const char *lang,
			  uint64_t code)
{
	char name[HMS_CODE_STRLEN];
	int before = hms_codedb_origin(ld->db, code, lang);

	if (before < 0)
		return true;
	hms_code_format(code, name);
	if (ld->official)
		warn(ld, where, "%s already given at data.device_hms.%s[%d]; this one is skipped",
		     name, lang, before);
	else
		warn(ld, where, "%s already given at %d; this one is skipped", name, before);
	return false;
}

/* --- the native format: JSON Lines ------------------------------------ */

/* What a native line says: its strings are the line's, hms_codedb_add() copies them. */
struct native_entry {
	uint64_t code;
	struct hms_code_text text;
	GArray *synonyms;	/* of uint64_t */
};

/* A non-empty string member, or NULL; false (warned) when it is something else. */
static bool get_string(const struct loader *ld, const char *where, json_object *obj,
		       const char *key, const char **out)
{
	json_object *value;

	*out = NULL;
	if (!json_object_object_get_ex(obj, key, &value))
		return true;
	if (!json_object_is_type(value, json_type_string) || !json_object_get_string_len(value)) {
		warn(ld, where, "\"%s\" is not a non-empty string; entry skipped", key);
		return false;
	}
	*out = json_object_get_string(value);
	return true;
}

/* A member that is an array of non-empty strings, NULL-terminated (g_free), or NULL. */
static bool get_strings(const struct loader *ld, const char *where, json_object *obj,
			const char *key, const char *const **out)
{
	json_object *value, *item;
	const char **strings;
	size_t i, n;

	*out = NULL;
	if (!json_object_object_get_ex(obj, key, &value))
		return true;
	if (!json_object_is_type(value, json_type_array))
		goto bad;
	n = json_object_array_length(value);
	for (i = 0; i < n; i++) {
		item = json_object_array_get_idx(value, i);
		if (!json_object_is_type(item, json_type_string) ||
		    !json_object_get_string_len(item))
			goto bad;
	}
	strings = g_new0(const char *, n + 1);
	for (i = 0; i < n; i++)
		strings[i] = json_object_get_string(json_object_array_get_idx(value, i));
	*out = strings;
	return true;
bad:
	warn(ld, where, "\"%s\" is not an array of non-empty strings; entry skipped", key);
	return false;
}

/* Bad synonyms are left out, each with a warning; the entry keeps the rest. */
static bool get_synonyms(const struct loader *ld, const char *where, json_object *obj,
			 struct native_entry *ne)
{
	char name[HMS_CODE_STRLEN];
	json_object *value, *item;
	uint64_t code;
	size_t i;

	if (!json_object_object_get_ex(obj, "synonyms", &value))
		return true;
	if (!json_object_is_type(value, json_type_array)) {
		warn(ld, where, "\"synonyms\" is not an array; entry skipped");
		return false;
	}
	hms_code_format(ne->code, name);
	for (i = 0; i < json_object_array_length(value); i++) {
		item = json_object_array_get_idx(value, i);
		if (!json_object_is_type(item, json_type_string)) {
			warn(ld, where, "%s: synonym %zu is not a string; left out", name, i + 1);
		} else if (hms_code_parse_any(json_object_get_string(item), &code)) {
			warn(ld, where, "%s: synonym '%s' is not a health code"
			     " (16 hex digits); left out", name,
			     json_object_get_string(item));
		} else if (code != ne->code) {
			g_array_append_val(ne->synonyms, code);
		}
	}
	return true;
}

static bool known_key(const char *key)
{
	static const char *const keys[] = {
		"code", "message", "title", "explanation", "note", "steps", "parts", "synonyms",
	};
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(keys); i++) {
		if (!strcmp(key, keys[i]))
			return true;
	}
	return false;
}

static bool parse_native_entry(const struct loader *ld, const char *where, json_object *obj,
			       struct native_entry *ne)
{
	struct hms_code_text *text = &ne->text;
	json_object *code;

	if (!json_object_object_get_ex(obj, "code", &code)) {
		warn(ld, where, "no \"code\"; entry skipped");
		return false;
	}
	if (!json_object_is_type(code, json_type_string) ||
	    hms_code_parse_any(json_object_get_string(code), &ne->code)) {
		warn(ld, where, "\"code\" %s is not a health code (like \"0300_0100_0001_0007\");"
		     " entry skipped",
		     json_object_to_json_string_ext(code, JSON_C_TO_STRING_PLAIN));
		return false;
	}
	if (!get_string(ld, where, obj, "message", &text->message) ||
	    !get_string(ld, where, obj, "title", &text->title) ||
	    !get_string(ld, where, obj, "explanation", &text->explanation) ||
	    !get_string(ld, where, obj, "note", &text->note) ||
	    !get_strings(ld, where, obj, "steps", &text->steps) ||
	    !get_strings(ld, where, obj, "parts", &text->parts) ||
	    !get_synonyms(ld, where, obj, ne))
		return false;
	if (!text->message && !text->title && !text->explanation && !text->steps) {
		warn(ld, where, "no \"message\", \"title\", \"explanation\" or \"steps\";"
		     " entry skipped");
		return false;
	}
	json_object_object_foreach(obj, key, value) {
		(void)value;
		if (!known_key(key))
			warn(ld, where, "unknown key \"%s\" ignored", key);
	}
	return true;
}

static void load_native_entry(struct loader *ld, const char *where, int lineno,
			      json_object *obj)
{
	struct native_entry ne = {
		.text.lang = ld->lang,
		.text.origin = lineno,
		.synonyms = g_array_new(FALSE, FALSE, sizeof(uint64_t)),
	};
	guint i;

	if (parse_native_entry(ld, where, obj, &ne) &&
	    first_in_file(ld, where, ld->lang, ne.code)) {
		add_text(ld, ne.code, &ne.text);
		for (i = 0; i < ne.synonyms->len; i++)
			hms_codedb_add_synonym(ld->db, g_array_index(ne.synonyms, uint64_t, i),
					       ne.code);
	}
	g_free((gpointer)ne.text.steps);
	g_free((gpointer)ne.text.parts);
	g_array_free(ne.synonyms, TRUE);
}

/* One whole JSON value in @text, or NULL with why in *@why. */
static json_object *parse_json(json_tokener *tok, const char *text, size_t len,
			       const char **why)
{
	json_object *obj;
	size_t end;

	json_tokener_reset(tok);
	obj = json_tokener_parse_ex(tok, text, (int)len);
	*why = NULL;
	if (!obj) {
		*why = json_tokener_error_desc(json_tokener_get_error(tok));
		if (json_tokener_get_error(tok) == json_tokener_continue)
			*why = "unexpected end of line";
	} else {
		end = json_tokener_get_parse_end(tok);
		while (end < len && isspace((unsigned char)text[end]))
			end++;
		if (end < len) {
			*why = "text after the JSON value";
			json_object_put(obj);
			obj = NULL;
		}
	}
	return obj;
}

/* The header line: -1 when it says this is not a file we can read. */
static int native_header(struct loader *ld, json_object *obj, const char *where,
			 const char **lang)
{
	json_object *format, *version, *header_lang;

	if (!json_object_object_get_ex(obj, "format", &format))
		return 0;
	if (!json_object_is_type(format, json_type_string) ||
	    strcmp(json_object_get_string(format), NATIVE_FORMAT)) {
		refuse(ld, where, "\"format\" is not \"%s\": not a code database",
		       NATIVE_FORMAT);
		return -1;
	}
	if (!json_object_object_get_ex(obj, "version", &version) ||
	    !json_object_is_type(version, json_type_int) ||
	    json_object_get_int64(version) != NATIVE_VERSION) {
		refuse(ld, where, "\"version\" is not %d: this program cannot read it",
		       NATIVE_VERSION);
		return -1;
	}
	if (json_object_object_get_ex(obj, "lang", &header_lang)) {
		if (json_object_is_type(header_lang, json_type_string) &&
		    json_object_get_string_len(header_lang))
			*lang = json_object_get_string(header_lang);
		else
			warn(ld, where, "\"lang\" is not a non-empty string; taken as \"en\"");
	}
	return 1;
}

static int load_native(struct loader *ld, char *contents)
{
	char *line, *next, where[32];
	const char *why, *lang = "en";
	char *lang_copy = NULL;
	bool first = true;
	json_object *obj;
	int lineno = 0, ret = 0;

	for (line = contents; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		snprintf(where, sizeof(where), "%d", lineno);
		if (!*g_strstrip(line))
			continue;
		obj = parse_json(ld->tok, line, strlen(line), &why);
		if (!obj) {
			warn(ld, where, "not JSON (%s); line skipped", why);
		} else if (!json_object_is_type(obj, json_type_object)) {
			warn(ld, where, "not a JSON object; line skipped");
		} else if (first && (ret = native_header(ld, obj, where, &lang)) != 0) {
			if (ret < 0) {
				json_object_put(obj);
				break;
			}
			lang_copy = g_strdup(ld->lang ? ld->lang : lang);
			ld->lang = lang_copy;
			ret = 0;
		} else {
			if (!ld->lang)
				ld->lang = "en";
			load_native_entry(ld, where, lineno, obj);
		}
		first = false;
		json_object_put(obj);
	}
	ld->lang = NULL;
	g_free(lang_copy);
	return ret;
}

/* --- Bambu Lab's official format -------------------------------------- */

static void load_official_entry(struct loader *ld, const char *lang, size_t i,
				json_object *item)
{
	json_object *ecode, *intro;
	uint64_t code;
	char where[64];

	snprintf(where, sizeof(where), "data.device_hms.%s[%zu]", lang, i);
	if (!json_object_is_type(item, json_type_object)) {
		warn(ld, where, "not an object; skipped");
		return;
	}
	if (!json_object_object_get_ex(item, "ecode", &ecode) ||
	    !json_object_is_type(ecode, json_type_string) ||
	    hms_code_parse_any(json_object_get_string(ecode), &code)) {
		warn(ld, where, "\"ecode\" is not a health code (16 hex digits); skipped");
		return;
	}
	if (!json_object_object_get_ex(item, "intro", &intro) ||
	    !json_object_is_type(intro, json_type_string)) {
		warn(ld, where, "\"intro\" is not a string; skipped");
		return;
	}
	if (!json_object_get_string_len(intro)) {
		skip_usual(ld, where, "\"intro\" is empty; skipped");
		return;
	}
	if (!first_in_file(ld, where, lang, code))
		return;
	add_text(ld, code, &(struct hms_code_text){
		.lang = lang,
		.origin = (int)i,
		.message = json_object_get_string(intro),
	});
}

/* One language's rows, parsed one at a time from their spans. */
static void load_official_lang(struct loader *ld, const char *lang,
			       const struct hms_json_span *array, const char *end)
{
	struct hms_json_span item;
	const char *p = array->start, *why;
	json_object *obj;
	size_t i;

	if (*p != '[') {
		warn(ld, "data.device_hms", "\"%s\" is not an array; skipped", lang);
		return;
	}
	for (i = 0; hms_json_next(&p, end, NULL, &item); i++) {
		obj = parse_json(ld->tok, item.start, (size_t)(item.end - item.start), &why);
		load_official_entry(ld, lang, i, obj);
		json_object_put(obj);
	}
}

/* The member @name of the object @span, or false. */
static bool member(const struct hms_json_span *object, const char *end, const char *name,
		   struct hms_json_span *value)
{
	struct hms_json_span key;
	const char *p = object->start;

	if (*p != '{')
		return false;
	while (hms_json_next(&p, end, &key, value)) {
		if (hms_json_key_is(&key, name))
			return true;
	}
	return false;
}

/* A key's text, unescaped, for g_free(); NULL when it is not a string. */
static char *key_text(struct loader *ld, const struct hms_json_span *key)
{
	const char *why;
	json_object *obj = parse_json(ld->tok, key->start, (size_t)(key->end - key->start), &why);
	char *text = json_object_is_type(obj, json_type_string) ?
		     g_strdup(json_object_get_string(obj)) : NULL;

	json_object_put(obj);
	return text;
}

/* Returns -1 when @root is not in the official format. */
static int load_official(struct loader *ld, const struct hms_json_span *root, const char *end)
{
	struct hms_json_span data, hms, key, array;
	const char *p;
	bool found = false;

	if (!member(root, end, "data", &data) || !member(&data, end, "device_hms", &hms) ||
	    *hms.start != '{')
		return -1;
	for (p = hms.start; hms_json_next(&p, end, &key, &array);) {
		g_autofree char *lang = key_text(ld, &key);

		if (!lang || (ld->lang && strcmp(lang, ld->lang)))
			continue;
		found = true;
		load_official_lang(ld, g_intern_string(lang), &array, end);
	}
	if (ld->lang && !found)
		warn(ld, "data.device_hms", "no \"%s\" table", ld->lang);
	return 0;
}

static int load_file(struct hms_codedb *db, const char *path, const char *lang,
		     bool every_problem, hms_warn_fn warn_fn, void *warn_arg, GError **error)
{
	struct loader ld = {
		.db = db, .path = path, .lang = lang, .warn = warn_fn, .warn_arg = warn_arg,
		.error = error, .every_problem = every_problem,
	};
	struct hms_json_span whole, data;
	char *contents;
	size_t len;
	int ret;

	if (!hms_file_read(path, HMS_FILE_MAX_TABLE, &contents, &len, error))
		return -1;
	ld.tok = json_tokener_new();

	/*
	 * A whole file that is one JSON object with "data" is the official format:
	 * checked whole first, then read a row at a time (json_scan.h).
	 */
	whole.start = hms_json_ws(contents, contents + len);
	whole.end = *whole.start == '{' ? hms_json_skip(whole.start, contents + len) : NULL;
	if (whole.end && hms_json_ws(whole.end, contents + len) == contents + len &&
	    member(&whole, whole.end, "data", &data)) {
		ld.official = true;
		ret = load_official(&ld, &whole, whole.end);
		if (ret)
			refuse(&ld, "data", "no \"device_hms\" object: not an HMS table");
	} else {
		ret = load_native(&ld, contents);
	}
	json_tokener_free(ld.tok);
	g_free(contents);
	if (ret)
		return -1;
	if (ld.usual_skipped && !every_problem && warn_fn) {
		g_autofree char *summary = g_strdup_printf(
			"%s: %d %s without text skipped (hmsctl db check %s lists them)",
			path, ld.usual_skipped, ld.usual_skipped == 1 ? "entry" : "entries", path);

		warn_fn(summary, warn_arg);
	}
	hms_codedb_end_layer(db);
	return ld.loaded;
}

int hms_codedb_load(struct hms_codedb *db, const char *path, const char *lang,
		    hms_warn_fn warn_fn, void *warn_arg, GError **error)
{
	return load_file(db, path, lang, false, warn_fn, warn_arg, error);
}

int hms_codedb_check(const char *path, hms_warn_fn warn_fn, void *warn_arg, GError **error)
{
	struct hms_codedb *db = hms_codedb_new();
	int ret = load_file(db, path, NULL, true, warn_fn, warn_arg, error);

	hms_codedb_free(db);
	return ret;
}

/* --- where the database lives ---------------------------------------- */

/* A layer of the default database: what cannot be loaded is a warning. */
static void load_or_warn(struct hms_codedb *db, const char *path, hms_warn_fn warn_fn,
			 void *warn_arg)
{
	g_autoptr(GError) error = NULL;

	if (hms_codedb_load(db, path, NULL, warn_fn, warn_arg, &error) < 0 && warn_fn)
		warn_fn(error->message, warn_arg);
}

struct hms_codedb *hms_codedb_open_default(hms_warn_fn warn_fn, void *warn_arg)
{
	static const char *const builtin[] = {
		HMS_DATADIR "/codes.jsonl",
		HMS_SRCDIR "/data/codes.jsonl",
	};
	struct hms_codedb *db = hms_codedb_new();
	const char *env = getenv("HMS_DB");
	char **paths, **path;
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(builtin); i++) {
		if (g_file_test(builtin[i], G_FILE_TEST_EXISTS)) {
			load_or_warn(db, builtin[i], warn_fn, warn_arg);
			break;
		}
	}
	/* $HMS_DB may stand in for the installed table (a dev kit, a VM). */
	if (i == G_N_ELEMENTS(builtin) && warn_fn && (!env || !*env)) {
		g_autofree char *warning = g_strdup_printf("%s: no code table installed; codes"
							   " are shown undescribed", builtin[0]);

		warn_fn(warning, warn_arg);
	}
	if (!env || !*env)
		return db;
	paths = g_strsplit(env, ":", -1);
	for (path = paths; *path; path++) {
		if (**path)
			load_or_warn(db, *path, warn_fn, warn_arg);
	}
	g_strfreev(paths);
	return db;
}

void hms_codedb_env_lang(char *buf, size_t size)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *value = NULL;
	size_t i, len;

	for (i = 0; i < G_N_ELEMENTS(vars) && (!value || !*value); i++)
		value = getenv(vars[i]);
	len = value ? strspn(value, "abcdefghijklmnopqrstuvwxyz") : 0;
	if (!len || len >= size || !strcmp(value, "C") || !strcmp(value, "POSIX"))
		snprintf(buf, size, "en");
	else
		snprintf(buf, size, "%.*s", (int)len, value);
}
