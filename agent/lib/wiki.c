// SPDX-License-Identifier: GPL-2.0
/* The web page that explains a code, from a template. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "error.h"
#include "wiki.h"

/* The placeholder at @p ("{code}" ...) expanded, or NULL when it is none. */
static const char *placeholder(const char *p, size_t *len, const char *code,
			       const char *hex, const char *lang)
{
	static const char *const names[] = { "{code}", "{hex}", "{lang}" };
	const char *values[] = { code, hex, lang };
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(names); i++) {
		*len = strlen(names[i]);
		if (!strncmp(p, names[i], *len))
			return values[i];
	}
	return NULL;
}

char *hms_wiki_url(const char *template, uint64_t code, const char *lang)
{
	char underscored[20], hex[17];
	const char *p, *value;
	GString *url;
	size_t len;

	snprintf(underscored, sizeof(underscored), "%04X_%04X_%04X_%04X",
		 (unsigned int)(code >> 48) & 0xffff, (unsigned int)(code >> 32) & 0xffff,
		 (unsigned int)(code >> 16) & 0xffff, (unsigned int)code & 0xffff);
	snprintf(hex, sizeof(hex), "%016llX", (unsigned long long)code);
	if (!template)
		template = HMS_WIKI_DEFAULT_TEMPLATE;
	if (!lang || !*lang)
		lang = "en";

	url = g_string_new(NULL);
	for (p = template; *p; p++) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			g_string_append_c(url, *p++);
			continue;
		}
		value = *p == '{' ? placeholder(p, &len, underscored, hex, lang) : NULL;
		if (value) {
			g_string_append(url, value);
			p += len - 1;
		} else {
			g_string_append_c(url, *p);
		}
	}
	return g_string_free(url, FALSE);
}

gboolean hms_wiki_check(const char *template, GError **error)
{
	char underscored[] = "", hex[] = "", lang[] = "";
	const char *p, *end;
	size_t len;

	for (p = template; *p; p++) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			p++;
			continue;
		}
		if (*p == '}') {
			g_set_error(error, HMS_ERROR, HMS_ERROR_INVAL,
				    "'}' at %zu without '{' (write '}}' for a brace)",
				    (size_t)(p - template) + 1);
			return FALSE;
		}
		if (*p != '{')
			continue;
		if (!placeholder(p, &len, underscored, hex, lang)) {
			end = strchr(p, '}');
			g_set_error(error, HMS_ERROR, HMS_ERROR_INVAL,
				    "unknown placeholder '%.*s' (known: {code} {hex} {lang})",
				    end ? (int)(end - p + 1) : (int)strlen(p), p);
			return FALSE;
		}
		p += len - 1;
	}
	if (!strstr(template, "{code}") && !strstr(template, "{hex}")) {
		g_set_error_literal(error, HMS_ERROR, HMS_ERROR_INVAL,
				    "has neither {code} nor {hex}: every code would get one page");
		return FALSE;
	}
	return TRUE;
}
