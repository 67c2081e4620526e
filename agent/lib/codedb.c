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
	unsigned int layers;	/* complete ones: the one being filled has this number */
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

void hms_codedb_add(struct hms_codedb *db, uint64_t code, const struct hms_code_text *t)
{
	struct entry *entry = g_hash_table_lookup(db->entries, &code);
	struct text *text = g_new0(struct text, 1);

	if (!entry) {
		entry = g_new0(struct entry, 1);
		entry->code = code;
		entry->texts = g_ptr_array_new_with_free_func(text_free);
		g_hash_table_insert(db->entries, &entry->code, entry);
	}
	text->lang = g_strdup(t->lang);
	text->layer = db->layers;
	text->message = g_strdup(t->message);
	text->title = g_strdup(t->title);
	text->explanation = g_strdup(t->explanation);
	text->note = g_strdup(t->note);
	text->steps = g_strdupv((char **)t->steps);
	text->parts = g_strdupv((char **)t->parts);
	g_ptr_array_add(entry->texts, text);
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
