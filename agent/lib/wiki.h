/* SPDX-License-Identifier: GPL-2.0 */
/* The web page that explains a code, from a template. */
#ifndef HMS_AGENT_WIKI_H
#define HMS_AGENT_WIKI_H

#include <stdint.h>
#include <glib.h>

/*
 * Placeholders: {code} 0300_0100_0001_0007, {hex} 0300010000010007,
 * {lang} the language ("en" when none is given). "{{" and "}}" are literal
 * braces.
 */
#define HMS_WIKI_DEFAULT_TEMPLATE \
	"https://wiki.bambulab.com/{lang}/x1/troubleshooting/hmscode/{code}"

/*
 * The page for @code, from @template (NULL: the default), as a string for
 * free(); NULL only when out of memory. An unknown placeholder is copied as
 * it is written: hms_wiki_check() finds it when the template is configured.
 */
char *hms_wiki_url(const char *template, uint64_t code, const char *lang);

/* TRUE when @template is usable, else FALSE and what is wrong in @error (HMS_ERROR_INVAL). */
gboolean hms_wiki_check(const char *template, GError **error);

#endif
