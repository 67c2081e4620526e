// SPDX-License-Identifier: GPL-2.0
/*
 * The code database: native and Bambu Lab files loaded in layers, looked
 * up by code and language, and worded for a person.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <json-c/json.h>

#include "code.h"
#include "codedb.h"
#include "decode.h"

#define NATIVE_FORMAT "hms-codes"
#define NATIVE_VERSION 1

/* One file's words for one code in one language. */
struct text {
	char *lang;
	unsigned int layer;
	char *message;
	char *title;
	char *explanation;
	char *note;
	char **steps;
	char **parts;
};

struct entry {
	uint64_t code;		/* the key of db->entries */
	GPtrArray *texts;	/* of struct text, oldest layer first */
};

struct synonym {
	uint64_t code;		/* the key of db->synonyms */
	uint64_t entry;
};

struct hms_codedb {
	GHashTable *entries;
	GHashTable *synonyms;
	unsigned int layers;
};

/* One file being loaded. */
struct loader {
	struct hms_codedb *db;
	const char *path;
	const char *lang;
	unsigned int layer;
	FILE *warnings;
	GHashTable *seen;	/* "lang/code" -> where in this file, to find duplicates */
	int loaded;
};

static void text_free(gpointer data)
{
	struct text *text = data;

	g_free(text->lang);
	g_free(text->message);
	g_free(text->title);
	g_free(text->explanation);
	g_free(text->note);
	g_strfreev(text->steps);
	g_strfreev(text->parts);
	g_free(text);
}

static void entry_free(gpointer data)
{
	struct entry *entry = data;

	g_ptr_array_free(entry->texts, TRUE);
	g_free(entry);
}

struct hms_codedb *hms_codedb_new(void)
{
	struct hms_codedb *db = g_new0(struct hms_codedb, 1);

	db->entries = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, entry_free);
	db->synonyms = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, g_free);
	return db;
}

void hms_codedb_free(struct hms_codedb *db)
{
	if (!db)
		return;
	g_hash_table_destroy(db->entries);
	g_hash_table_destroy(db->synonyms);
	g_free(db);
}

unsigned int hms_codedb_size(const struct hms_codedb *db)
{
	return g_hash_table_size(db->entries);
}

static void G_GNUC_PRINTF(3, 4) warn(const struct loader *ld, const char *where, const char *fmt, ...)
{
	va_list ap;

	if (!ld->warnings)
		return;
	/* "file:12: " for a line, "file: data.x[3]: " for a place in a document. */
	fprintf(ld->warnings, "%s:%s%s: ", ld->path, isdigit((unsigned char)*where) ? "" : " ",
		where);
	va_start(ap, fmt);
	vfprintf(ld->warnings, fmt, ap);
	va_end(ap);
	fputc('\n', ld->warnings);
}

static void add_text(struct loader *ld, uint64_t code, struct text *text)
{
	struct entry *entry = g_hash_table_lookup(ld->db->entries, &code);

	if (!entry) {
		entry = g_new0(struct entry, 1);
		entry->code = code;
		entry->texts = g_ptr_array_new_with_free_func(text_free);
		g_hash_table_insert(ld->db->entries, &entry->code, entry);
	}
	text->layer = ld->layer;
	g_ptr_array_add(entry->texts, text);
	ld->loaded++;
}

static void add_synonym(struct loader *ld, uint64_t code, uint64_t entry)
{
	struct synonym *syn = g_new(struct synonym, 1);

	syn->code = code;
	syn->entry = entry;
	g_hash_table_replace(ld->db->synonyms, &syn->code, syn);
}

/* False, with a warning, when @code was already loaded from this file. */
static bool first_in_file(struct loader *ld, const char *where, const char *lang,
			  uint64_t code)
{
	char key[64], name[HMS_CODE_STRLEN];
	const char *before;

	snprintf(key, sizeof(key), "%s/%016llx", lang, (unsigned long long)code);
	before = g_hash_table_lookup(ld->seen, key);
	if (before) {
		hms_code_format(code, name);
		warn(ld, where, "%s already given at %s; this one is skipped", name, before);
		return false;
	}
	g_hash_table_insert(ld->seen, g_strdup(key), g_strdup(where));
	return true;
}

/* --- the native format: JSON Lines ------------------------------------ */

struct native_entry {
	uint64_t code;
	struct text *text;
	GArray *synonyms;	/* of uint64_t */
};

/* A non-empty string member, or NULL; false (warned) when it is something else. */
static bool get_string(const struct loader *ld, const char *where, json_object *obj,
		       const char *key, char **out)
{
	json_object *value;

	*out = NULL;
	if (!json_object_object_get_ex(obj, key, &value))
		return true;
	if (!json_object_is_type(value, json_type_string) || !json_object_get_string_len(value)) {
		warn(ld, where, "\"%s\" is not a non-empty string; entry skipped", key);
		return false;
	}
	*out = g_strdup(json_object_get_string(value));
	return true;
}

/* A member that is an array of non-empty strings, as a GStrv, or NULL. */
static bool get_strings(const struct loader *ld, const char *where, json_object *obj,
			const char *key, char ***out)
{
	json_object *value, *item;
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
	*out = g_new0(char *, n + 1);
	for (i = 0; i < n; i++)
		(*out)[i] = g_strdup(json_object_get_string(json_object_array_get_idx(value, i)));
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
		} else if (hms_code_parse(json_object_get_string(item), &code)) {
			warn(ld, where, "%s: synonym '%s' is not a health code"
			     " (16 hex digits, severity 1-4); left out", name,
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
	struct text *text = ne->text;
	json_object *code;

	if (!json_object_object_get_ex(obj, "code", &code)) {
		warn(ld, where, "no \"code\"; entry skipped");
		return false;
	}
	if (!json_object_is_type(code, json_type_string) ||
	    hms_code_parse(json_object_get_string(code), &ne->code)) {
		warn(ld, where, "\"code\" %s is not a health code (like \"0300_0100_0001_0007\","
		     " severity 1-4); entry skipped",
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

static void load_native_entry(struct loader *ld, const char *where, json_object *obj)
{
	struct native_entry ne = {
		.text = g_new0(struct text, 1),
		.synonyms = g_array_new(FALSE, FALSE, sizeof(uint64_t)),
	};
	guint i;

	if (!parse_native_entry(ld, where, obj, &ne) ||
	    !first_in_file(ld, where, ld->lang, ne.code)) {
		text_free(ne.text);
		g_array_free(ne.synonyms, TRUE);
		return;
	}
	ne.text->lang = g_strdup(ld->lang);
	add_text(ld, ne.code, ne.text);
	for (i = 0; i < ne.synonyms->len; i++)
		add_synonym(ld, g_array_index(ne.synonyms, uint64_t, i), ne.code);
	g_array_free(ne.synonyms, TRUE);
}

/* One whole JSON value in @text, or NULL with why in @error. */
static json_object *parse_json(const char *text, size_t len, const char **error)
{
	json_tokener *tok = json_tokener_new();
	json_object *obj;
	size_t end;

	obj = json_tokener_parse_ex(tok, text, (int)len);
	*error = NULL;
	if (!obj) {
		*error = json_tokener_error_desc(json_tokener_get_error(tok));
		if (json_tokener_get_error(tok) == json_tokener_continue)
			*error = "unexpected end of line";
	} else {
		end = json_tokener_get_parse_end(tok);
		while (end < len && isspace((unsigned char)text[end]))
			end++;
		if (end < len) {
			*error = "text after the JSON value";
			json_object_put(obj);
			obj = NULL;
		}
	}
	json_tokener_free(tok);
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
		warn(ld, where, "\"format\" is not \"%s\": not a code database", NATIVE_FORMAT);
		return -1;
	}
	if (!json_object_object_get_ex(obj, "version", &version) ||
	    !json_object_is_type(version, json_type_int) ||
	    json_object_get_int64(version) != NATIVE_VERSION) {
		warn(ld, where, "\"version\" is not %d: this program cannot read it",
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
	const char *error, *lang = "en";
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
		obj = parse_json(line, strlen(line), &error);
		if (!obj) {
			warn(ld, where, "not JSON (%s); line skipped", error);
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
			load_native_entry(ld, where, obj);
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
	struct text *text;
	uint64_t code;
	char where[64];

	snprintf(where, sizeof(where), "data.device_hms.%s[%zu]", lang, i);
	if (!json_object_is_type(item, json_type_object)) {
		warn(ld, where, "not an object; skipped");
		return;
	}
	if (!json_object_object_get_ex(item, "ecode", &ecode) ||
	    !json_object_is_type(ecode, json_type_string) ||
	    hms_code_parse(json_object_get_string(ecode), &code)) {
		warn(ld, where, "\"ecode\" is not a health code (16 hex digits, severity 1-4);"
		     " skipped");
		return;
	}
	if (!json_object_object_get_ex(item, "intro", &intro) ||
	    !json_object_is_type(intro, json_type_string) ||
	    !json_object_get_string_len(intro)) {
		warn(ld, where, "\"intro\" is not a non-empty string; skipped");
		return;
	}
	if (!first_in_file(ld, where, lang, code))
		return;
	text = g_new0(struct text, 1);
	text->lang = g_strdup(lang);
	text->message = g_strdup(json_object_get_string(intro));
	add_text(ld, code, text);
}

static void load_official_lang(struct loader *ld, const char *lang, json_object *array)
{
	size_t i;

	if (!json_object_is_type(array, json_type_array)) {
		warn(ld, "data.device_hms", "\"%s\" is not an array; skipped", lang);
		return;
	}
	for (i = 0; i < json_object_array_length(array); i++)
		load_official_entry(ld, lang, i, json_object_array_get_idx(array, i));
}

/* Returns -1 when @root is not in the official format. */
static int load_official(struct loader *ld, json_object *root)
{
	json_object *data, *hms, *array;

	if (!json_object_object_get_ex(root, "data", &data) ||
	    !json_object_object_get_ex(data, "device_hms", &hms) ||
	    !json_object_is_type(hms, json_type_object))
		return -1;
	if (ld->lang) {
		if (json_object_object_get_ex(hms, ld->lang, &array))
			load_official_lang(ld, ld->lang, array);
		else
			warn(ld, "data.device_hms", "no \"%s\" table", ld->lang);
		return 0;
	}
	json_object_object_foreach(hms, lang, value)
		load_official_lang(ld, lang, value);
	return 0;
}

int hms_codedb_load(struct hms_codedb *db, const char *path, const char *lang,
		    FILE *warnings)
{
	struct loader ld = {
		.db = db, .path = path, .lang = lang, .layer = db->layers, .warnings = warnings,
	};
	const char *error;
	GError *gerror = NULL;
	json_object *whole;
	char *contents;
	gsize len;
	int ret;

	if (!g_file_get_contents(path, &contents, &len, &gerror)) {
		if (warnings)
			fprintf(warnings, "%s: %s\n", path, gerror->message);
		errno = gerror->domain == G_FILE_ERROR && gerror->code == G_FILE_ERROR_NOENT ?
			ENOENT : EIO;
		g_error_free(gerror);
		return -1;
	}
	ld.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);

	/* A whole file that is one JSON object with "data" is the official format. */
	whole = parse_json(contents, len, &error);
	if (whole && json_object_is_type(whole, json_type_object) &&
	    json_object_object_get_ex(whole, "data", NULL)) {
		ret = load_official(&ld, whole);
		if (ret)
			warn(&ld, "data", "no \"device_hms\" object: not an HMS table");
	} else {
		ret = load_native(&ld, contents);
	}
	json_object_put(whole);
	g_hash_table_destroy(ld.seen);
	g_free(contents);
	if (ret) {
		errno = EINVAL;
		return -1;
	}
	db->layers++;
	return ld.loaded;
}

/* --- where the database lives ---------------------------------------- */

struct hms_codedb *hms_codedb_open_default(FILE *warnings)
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
			hms_codedb_load(db, builtin[i], NULL, warnings);
			break;
		}
	}
	/* $HMS_DB may stand in for the installed table (a dev kit, a VM). */
	if (i == G_N_ELEMENTS(builtin) && warnings && (!env || !*env))
		fprintf(warnings, "%s: no code table installed; codes are shown undescribed\n",
			builtin[0]);
	if (!env || !*env)
		return db;
	paths = g_strsplit(env, ":", -1);
	for (path = paths; *path; path++) {
		if (**path)
			hms_codedb_load(db, *path, NULL, warnings);
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

/* --- looking up ------------------------------------------------------- */

static const struct entry *find_entry(const struct hms_codedb *db, uint64_t code,
				      enum hms_match *match)
{
	const struct synonym *syn;
	const struct entry *entry;

	entry = g_hash_table_lookup(db->entries, &code);
	if (entry) {
		*match = HMS_MATCH_EXACT;
		return entry;
	}
	syn = g_hash_table_lookup(db->synonyms, &code);
	if (syn) {
		*match = HMS_MATCH_SYNONYM;
		return g_hash_table_lookup(db->entries, &syn->entry);
	}
	return NULL;
}

/* The order in which an entry's texts are asked for each field. */
static size_t search_order(const struct entry *entry, const char *lang,
			   const struct text **order)
{
	const char *langs[] = { lang, "en" };
	const struct text *text;
	size_t n = 0, pass;
	guint i;

	for (pass = 0; pass < G_N_ELEMENTS(langs); pass++) {
		if (!langs[pass])
			continue;
		for (i = entry->texts->len; i-- > 0;) {
			text = g_ptr_array_index(entry->texts, i);
			if (!strcmp(text->lang, langs[pass]))
				order[n++] = text;
		}
	}
	/* Then the built-in table, then anything at all. */
	for (i = 0; i < entry->texts->len; i++) {
		text = g_ptr_array_index(entry->texts, i);
		if (text->layer == 0)
			order[n++] = text;
	}
	for (i = entry->texts->len; i-- > 0;)
		order[n++] = g_ptr_array_index(entry->texts, i);
	return n;
}

#define FIRST(field)							\
	({								\
		typeof(((struct text *)0)->field) found_ = NULL;			\
		for (i = 0; i < n && !found_; i++)			\
			found_ = order[i]->field;			\
		found_;							\
	})

int hms_codedb_lookup(const struct hms_codedb *db, uint64_t code, const char *lang,
		      struct hms_code_info *info)
{
	const struct entry *entry;
	const struct text **order;
	size_t n, i;

	*info = (struct hms_code_info){ .match = HMS_MATCH_NONE, .entry = code };
	if (!db)
		return -1;
	entry = find_entry(db, code, &info->match);
	if (!entry && hms_code_first_slot(code) != code) {
		entry = find_entry(db, hms_code_first_slot(code), &info->match);
		info->match = HMS_MATCH_VARIANT;
	}
	if (!entry) {
		info->match = HMS_MATCH_NONE;
		return -1;
	}
	info->entry = entry->code;
	order = g_new(const struct text *, entry->texts->len * 4);
	n = search_order(entry, lang, order);
	for (i = 0; i < n && !info->message; i++) {
		info->message = order[i]->message;
		info->lang = order[i]->lang;
	}
	info->title = FIRST(title);
	info->explanation = FIRST(explanation);
	info->note = FIRST(note);
	info->steps = (const char *const *)FIRST(steps);
	info->parts = (const char *const *)FIRST(parts);
	g_free(order);
	return 0;
}

/* --- rendering -------------------------------------------------------- */

static bool word_start(const char *text, const char *p)
{
	return p == text || !isalnum((unsigned char)p[-1]);
}

static bool has_numbered_ams(const char *message)
{
	const char *p;

	for (p = strstr(message, "AMS"); p; p = strstr(p + 1, "AMS")) {
		if (word_start(message, p) && p[3] >= '1' && p[3] <= '4' && !isdigit((unsigned char)p[4]))
			return true;
	}
	return false;
}

/* "AMS1" and "Slot1"/"slot 1" say the AMS and slot of @to. Returns chars used. */
static size_t rewrite_ams(GString *out, const char *text, const char *p,
			  const struct hms_decoded *from, const struct hms_decoded *to,
			  bool *bare_done)
{
	size_t n;

	if (!word_start(text, p) || to->ams < 0)
		return 0;
	if (!strncmp(p, "AMS", 3) && p[3] >= '1' && p[3] <= '4' && !isdigit((unsigned char)p[4])) {
		g_string_append_printf(out, "AMS%d", to->ams + 1);
		return 4;
	}
	/* "The AMS slot1 is empty" names the first AMS without a number. */
	if (!strncmp(p, "AMS", 3) && !isalnum((unsigned char)p[3]) && !*bare_done &&
	    to->ams != from->ams && !has_numbered_ams(text)) {
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

/* Shifts a letter or digit within [@first, @last] by @shift; false when out. */
static bool shifted(char c, int shift, char first, char last, char *out)
{
	if (c < first || c > last || c + shift < first || c + shift > last)
		return false;
	*out = (char)(c + shift);
	return true;
}

/* Motor-A, X axis, sensor 1 of a listed synonym whose part is @shift further on. */
static size_t rewrite_index(GString *out, const char *text, const char *p, int shift)
{
	char c;

	if (!word_start(text, p))
		return 0;
	if (!strncmp(p, "Motor-", 6) && !isalnum((unsigned char)p[7]) &&
	    shifted(p[6], shift, 'A', 'Z', &c)) {
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

char *hms_render_message(const char *message, uint64_t entry, uint64_t code)
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
		if (hms_module_is_ams(to.module))
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

char *hms_codedb_message(const struct hms_codedb *db, uint64_t code, const char *lang)
{
	struct hms_code_info info;

	if (hms_codedb_lookup(db, code, lang, &info) == 0) {
		if (info.message)
			return hms_render_message(info.message, info.entry, code);
		if (info.title)
			return hms_render_message(info.title, info.entry, code);
	}
	return describe_unknown(code);
}
