/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The code database's table: what each health code means, in which words,
 * and what to do about it, kept in layers (a later file overrides an
 * earlier one, per code and language; the first layer is the built-in
 * table, the last fallback), and a code looked up in it.
 *
 * Filling it from files is codedb_load.h's; wording a code for a person
 * (its message for its own AMS and slot) is wording.h's.
 */
#ifndef HMS_AGENT_CODEDB_H
#define HMS_AGENT_CODEDB_H

#include <stdint.h>

struct hms_codedb;

enum hms_match {
	HMS_MATCH_NONE,		/* nothing known about the code */
	HMS_MATCH_EXACT,	/* the code has an entry */
	HMS_MATCH_SYNONYM,	/* an entry lists it as a synonym */
	HMS_MATCH_VARIANT,	/* an entry's fault on another AMS unit or slot */
};

/* Borrowed from the database: valid until it is freed or loads again. */
struct hms_code_info {
	enum hms_match match;
	uint64_t entry;			/* the code of the entry that matched */
	const char *message;		/* as written, for @entry; NULL if none */
	const char *lang;		/* @message's language */
	const char *title;		/* another name for the fault, or NULL */
	const char *explanation;	/* or NULL */
	const char *const *steps;	/* NULL-terminated, or NULL */
	const char *const *parts;	/* NULL-terminated, or NULL */
	const char *note;		/* or NULL */
};

struct hms_codedb *hms_codedb_new(void);
void hms_codedb_free(struct hms_codedb *db);

/* One file's words for one code in one language: what it does not say, NULL. */
struct hms_code_text {
	const char *lang;		/* never NULL */
	int origin;			/* where in its file: a line, an index */
	const char *message;
	const char *title;
	const char *explanation;
	const char *note;
	const char *const *steps;	/* NULL-terminated */
	const char *const *parts;	/* NULL-terminated */
};

/* Adds a copy of @text for @code to the layer being filled. */
void hms_codedb_add(struct hms_codedb *db, uint64_t code, const struct hms_code_text *text);
/* The origin of @code's text in @lang in the layer being filled, or -1: a duplicate's first. */
int hms_codedb_origin(const struct hms_codedb *db, uint64_t code, const char *lang);

/* @code is @entry's fault elsewhere: it is looked up as @entry. */
void hms_codedb_add_synonym(struct hms_codedb *db, uint64_t code, uint64_t entry);
/* The layer being filled is complete: what is added next overrides it. */
void hms_codedb_end_layer(struct hms_codedb *db);

/* Codes with an entry, in any language. */
unsigned int hms_codedb_size(const struct hms_codedb *db);

/*
 * What is known about @code: its entry, a synonym's, or for the AMS and AMS
 * lite the same fault's on another unit or slot (hms_code_first_slot()).
 * Each field comes from the first layer that has it, looking in @lang
 * (newest layer first), then English, then the built-in table. @db may be
 * NULL. Returns 0, or -1 (info->match HMS_MATCH_NONE) when nothing is
 * known.
 */
int hms_codedb_lookup(const struct hms_codedb *db, uint64_t code, const char *lang,
		      struct hms_code_info *info);

#endif
