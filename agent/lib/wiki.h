/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The web page that explains a code, from a template; and which page that
 * is for what a person is shown (the page of the code as the table lists
 * it, in the language of the text shown; the HMS home page for a code no
 * table knows).
 */
#ifndef HMS_AGENT_WIKI_H
#define HMS_AGENT_WIKI_H

#include <stdint.h>
#include <glib.h>

#include "codedb.h"

/*
 * Placeholders: {code} 0300_0100_0001_0007, {hex} 0300010000010007,
 * {lang} the language ("en" when none is given), {series} the printer
 * series whose pages to link (x1, p1, a1, a1-mini, h2d, ...; "x1" when none
 * is given: Bambu's wiki has pages per series). "{{" and "}}" are literal
 * braces.
 */
#define HMS_WIKI_DEFAULT_TEMPLATE \
	"https://wiki.bambulab.com/{lang}/{series}/troubleshooting/hmscode/{code}"
#define HMS_WIKI_DEFAULT_SERIES "x1"
/* Where Bambu's wiki lists every code: for a code it has no page for. */
#define HMS_WIKI_HOME "https://wiki.bambulab.com/{lang}/hms/home"

/*
 * The page for @code, from @template (NULL: the default) for @series (NULL:
 * the default), as a string for free(); NULL only when out of memory. An
 * unknown placeholder is copied as it is written: hms_wiki_check() finds it
 * when the template is configured.
 */
char *hms_wiki_url(const char *template, const char *series, uint64_t code, const char *lang);

/*
 * The page to link for @code as @db words it in @lang: the page of the
 * entry the table lists it under (a synonym or another AMS's fault has no
 * page of its own), in the language of the message shown; for a code no
 * table knows, Bambu's HMS home page when @template is Bambu's wiki (NULL
 * is), else @template's page for the code. @db may be NULL. For free().
 */
char *hms_wiki_link(const struct hms_codedb *db, const char *template, const char *series,
		    uint64_t code, const char *lang);

/* @template with {series} filled in, the other placeholders kept: a configured series. */
char *hms_wiki_with_series(const char *template, const char *series);

/* TRUE when @template is usable, else FALSE and what is wrong in @error (HMS_ERROR_INVAL). */
gboolean hms_wiki_check(const char *template, GError **error);
/* TRUE when @series can go in a link (a-z, 0-9, '-'; "x1", "a1-mini"), else FALSE and why. */
gboolean hms_wiki_series_check(const char *series, GError **error);

#endif
