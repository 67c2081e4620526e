/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Filling the code database (codedb.h) from files: the native format
 * (agent/data/README.md) or Bambu Lab's official HMS format, each file a
 * layer over the ones before; the database as installed; the user's
 * language.
 */
#ifndef HMS_AGENT_CODEDB_LOAD_H
#define HMS_AGENT_CODEDB_LOAD_H

#include <stddef.h>
#include <glib.h>

#include "codedb.h"
#include "log.h"

/*
 * Loads @path as a new layer, in the native format or the official one
 * (told apart by content). @lang: the language of a native file (NULL: its
 * header says, else "en"), or the one language to take from an official
 * file (NULL: all of them). Each bad entry is skipped with a warning
 * "FILE:LINE: ..." ("FILE: where.in.the[document]: ..." for the official
 * format) to @warn, which may be NULL; rows of an official file that
 * have no text, as Bambu's table has by the dozen, are skipped with one
 * summary line (hms_codedb_check() tells each). Returns how many entries were
 * loaded, or -1 with @error when the file cannot be read ("FILE: why";
 * HMS_ERROR_NOENT, _PERM, _IO) or is in neither format (HMS_ERROR_PARSE,
 * "FILE:LINE: why"); the database is then as it was.
 */
int hms_codedb_load(struct hms_codedb *db, const char *path, const char *lang,
		    hms_warn_fn warn, void *warn_arg, GError **error);

/*
 * Bambu's own table has rows with no text (an empty "intro") by the dozen:
 * hms_codedb_load() skips them with one summary line for the file. This
 * loads @path on its own and tells every problem, those rows too, each
 * with its place, to @warn. Returns what hms_codedb_load() would.
 */
int hms_codedb_check(const char *path, hms_warn_fn warn, void *warn_arg, GError **error);

/*
 * The database as installed: the built-in table (HMS_DATADIR/codes.jsonl,
 * else the source tree's agent/data/codes.jsonl), then each file of $HMS_DB
 * (separated by ':'), each a layer. A file that cannot be loaded is left
 * out, its error a warning to @warn like the bad entries of the others;
 * so is a missing built-in table. @warn may be NULL. Never NULL.
 */
struct hms_codedb *hms_codedb_open_default(hms_warn_fn warn, void *warn_arg);

/* The language of the user's locale ("de" for de_DE.UTF-8), "en" for C/POSIX. */
void hms_codedb_env_lang(char *buf, size_t size);

#endif
