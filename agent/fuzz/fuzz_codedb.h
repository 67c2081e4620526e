/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Both code table harnesses: the input loaded as a layer over a table
 * already loaded (first in every language, then in one), then some codes
 * looked up in what came of it.
 */
#ifndef HMS_FUZZ_CODEDB_H
#define HMS_FUZZ_CODEDB_H

#include "codedb_load.h"
#include "fuzz_file.h"
#include "wiki.h"
#include "wording.h"

static const char *const fuzz_base =
	"{\"format\": \"hms-codes\", \"version\": 1, \"lang\": \"en\"}\n"
	"{\"code\": \"0300_0100_0001_0007\", \"message\": \"base\", \"steps\": [\"a\"]}\n";

static const uint64_t fuzz_lookups[] = {
	0x0300010000010007ull, 0x0700200000020003ull, 0x0700230000020003ull,
	0x0300130000010001ull, 0x0500010000020009ull, 0x0704210000020001ull,
	0x1881200000020058ull, 0x07fe200000020001ull, 0x1201820000020001ull,
	0x0300180000000000ull,
};

static inline void fuzz_codedb(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { NULL, "de" };
	struct hms_code_info info;
	size_t warned = 0, i, l;

	for (l = 0; l < G_N_ELEMENTS(langs); l++) {
		struct hms_codedb *db = hms_codedb_new();
		g_autoptr(GError) error = NULL;

		if (hms_codedb_load(db, fuzz_file((const uint8_t *)fuzz_base, strlen(fuzz_base)),
				    NULL, NULL, NULL, NULL) != 1)
			abort();
		if (hms_codedb_load(db, fuzz_file(data, size), langs[l], fuzz_warn, &warned,
				    &error) < 0 && !error)
			abort();
		for (i = 0; i < G_N_ELEMENTS(fuzz_lookups); i++) {
			char *words = hms_wording_message(db, fuzz_lookups[i], "de");
			char *link = hms_wiki_link(db, NULL, "h2d", fuzz_lookups[i], "de");

			if (!hms_codedb_lookup(db, fuzz_lookups[i], "de", &info) && info.message)
				warned += strlen(info.message);
			warned += strlen(words) + strlen(link);
			free(words);
			free(link);
		}
		hms_codedb_free(db);
	}
	/* Every problem told, the rows loading only counts too. */
	if (hms_codedb_check(fuzz_file(data, size), fuzz_warn, &warned, NULL) < -1)
		abort();
}

#endif
