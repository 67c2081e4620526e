/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The code database: what each health code means, in which words, and what
 * to do about it. Files in the native format (agent/data/README.md) or in
 * Bambu Lab's official HMS format are loaded in layers: a later file
 * overrides an earlier one, per code and language. The first file loaded is
 * the built-in table, the last fallback.
 */
#ifndef HMS_AGENT_CODEDB_H
#define HMS_AGENT_CODEDB_H

#include <stdint.h>
#include <stdio.h>

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

/*
 * Loads @path as a new layer, in the native format or the official one
 * (told apart by content). @lang: the language of a native file (NULL: its
 * header says, else "en"), or the one language to take from an official
 * file (NULL: all of them). Each bad entry is skipped with a warning
 * "FILE:LINE: ..." (FILE: where.in.the[document] for the official format)
 * on @warnings, which may be NULL. Returns how many entries were loaded, or
 * -1 when the file cannot be read or is in neither format (said on
 * @warnings); the database is then as it was.
 */
int hms_codedb_load(struct hms_codedb *db, const char *path, const char *lang,
		    FILE *warnings);

/* Codes with an entry, in any language. */
unsigned int hms_codedb_size(const struct hms_codedb *db);

/*
 * What is known about @code. Each field comes from the first layer that has
 * it, looking in @lang (newest layer first), then English, then the
 * built-in table. Returns 0, or -1 (info->match HMS_MATCH_NONE) when
 * nothing is known.
 */
int hms_codedb_lookup(const struct hms_codedb *db, uint64_t code, const char *lang,
		      struct hms_code_info *info);

/*
 * What to tell a person about @code, never NULL nor empty, for free(): the
 * message with the AMS, slot, motor, axis or sensor of @code itself when it
 * matched through another code ("AMS3 Slot4 filament has run out."), or,
 * for a code nobody described, the code and what its fields say. @db may be
 * NULL. NULL only when out of memory.
 */
char *hms_codedb_message(const struct hms_codedb *db, uint64_t code, const char *lang);

/* @message, written for @entry, rewritten for @code. For free(). */
char *hms_render_message(const char *message, uint64_t entry, uint64_t code);

#endif

/*
 * The database as installed: the built-in table (HMS_DATADIR/codes.jsonl,
 * else the source tree's agent/data/codes.jsonl), then each file of $HMS_DB
 * (separated by ':'), each a layer. A file that cannot be read is said on
 * @warnings and left out. Never NULL.
 */
struct hms_codedb *hms_codedb_open_default(FILE *warnings);

/* The language of the user's locale ("de" for de_DE.UTF-8), "en" for C/POSIX. */
void hms_codedb_env_lang(char *buf, size_t size);
