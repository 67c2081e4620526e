// SPDX-License-Identifier: GPL-2.0
/*
 * The code database's table: entries (a code's texts, one per file and
 * language, oldest layer first) and synonyms, and the lookup that picks
 * each field from the right layer and language. No files, no wording:
 * codedb_load.c fills the table, wording.c words what it finds.
 */
#include <stdbool.h>
#include <string.h>
#include <glib.h>

#include "codedb.h"
#include "decode.h"

/*
 * One file's words for one code in one language. Kept lean: Bambu's table
 * is 5,000 codes in a dozen languages, and a 100,000-entry file must fit in
 * 64 MB.
 */
struct text {
	struct text *newer;	/* the entry's texts, oldest first */
	const char *lang;	/* interned: a few languages, shared by all texts */
	unsigned int layer;
	int origin;		/* where in its file (hms_code_text.origin) */
	char *message;
	char *title;
	char *explanation;
	char *note;
	char **steps;
	char **parts;
};

struct entry {
	uint64_t code;		/* the key of db->entries */
	struct text *oldest;	/* then ->newer */
	struct text *newest;
	unsigned int n_texts;
};

struct synonym {
	uint64_t code;		/* the key of db->synonyms */
	uint64_t entry;
};

struct hms_codedb {
	GHashTable *entries;
	GHashTable *synonyms;
	unsigned int layers;	/* complete ones: the one being filled has this number */
};

static void text_free(struct text *text)
{
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
	struct text *text, *newer;

	for (text = entry->oldest; text; text = newer) {
		newer = text->newer;
		text_free(text);
	}
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

void hms_codedb_add(struct hms_codedb *db, uint64_t code, const struct hms_code_text *t)
{
	struct entry *entry = g_hash_table_lookup(db->entries, &code);
	struct text *text = g_new0(struct text, 1);

	if (!entry) {
		entry = g_new0(struct entry, 1);
		entry->code = code;
		g_hash_table_insert(db->entries, &entry->code, entry);
	}
	text->lang = g_intern_string(t->lang);
	text->layer = db->layers;
	text->origin = t->origin;
	text->message = g_strdup(t->message);
	text->title = g_strdup(t->title);
	text->explanation = g_strdup(t->explanation);
	text->note = g_strdup(t->note);
	text->steps = g_strdupv((char **)t->steps);
	text->parts = g_strdupv((char **)t->parts);
	if (entry->newest)
		entry->newest->newer = text;
	else
		entry->oldest = text;
	entry->newest = text;
	entry->n_texts++;
}

int hms_codedb_origin(const struct hms_codedb *db, uint64_t code, const char *lang)
{
	const struct entry *entry = g_hash_table_lookup(db->entries, &code);
	const struct text *text;

	for (text = entry ? entry->oldest : NULL; text; text = text->newer) {
		if (text->layer == db->layers && !strcmp(text->lang, lang))
			return text->origin;
	}
	return -1;
}

void hms_codedb_add_synonym(struct hms_codedb *db, uint64_t code, uint64_t entry)
{
	struct synonym *syn = g_new(struct synonym, 1);

	syn->code = code;
	syn->entry = entry;
	g_hash_table_replace(db->synonyms, &syn->code, syn);
}

void hms_codedb_end_layer(struct hms_codedb *db)
{
	db->layers++;
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
	const struct text *text, **newest_first = order + 3 * entry->n_texts;
	size_t n = 0, pass, i, count = 0;

	for (text = entry->oldest; text; text = text->newer)
		newest_first[entry->n_texts - ++count] = text;
	for (pass = 0; pass < G_N_ELEMENTS(langs); pass++) {
		if (!langs[pass])
			continue;
		for (i = 0; i < count; i++) {
			if (!strcmp(newest_first[i]->lang, langs[pass]))
				order[n++] = newest_first[i];
		}
	}
	/* Then the built-in table, then anything at all (already in place). */
	for (text = entry->oldest; text; text = text->newer) {
		if (text->layer == 0)
			order[n++] = text;
	}
	memmove(order + n, newest_first, count * sizeof(*order));
	return n + count;
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
	uint64_t elsewhere[2];
	size_t n, i;

	*info = (struct hms_code_info){ .match = HMS_MATCH_NONE, .entry = code };
	if (!db)
		return -1;
	entry = find_entry(db, code, &info->match);
	n = hms_code_listed_as(code, elsewhere);
	for (i = 0; !entry && i < n; i++) {
		entry = find_entry(db, elsewhere[i], &info->match);
		info->match = HMS_MATCH_VARIANT;
	}
	if (!entry) {
		info->match = HMS_MATCH_NONE;
		return -1;
	}
	info->entry = entry->code;
	order = g_new(const struct text *, entry->n_texts * 4);
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
