// SPDX-License-Identifier: GPL-2.0
/*
 * The web page that explains a code: a template filled in, and which code's
 * page in which language, from what the code database answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "error.h"
#include "wiki.h"

enum { CODE, HEX, LANG, SERIES, N_PLACEHOLDERS };

static const char *const placeholders[N_PLACEHOLDERS] = {
	"{code}", "{hex}", "{lang}", "{series}",
};

/* Which placeholder is at @p, and its length; -1 when none. */
static int placeholder_at(const char *p, size_t *len)
{
	int i;

	for (i = 0; i < N_PLACEHOLDERS; i++) {
		*len = strlen(placeholders[i]);
		if (!strncmp(p, placeholders[i], *len))
			return i;
	}
	return -1;
}

/* @template with each placeholder that has a value in @values filled in, the others kept. */
static char *expand(const char *template, const char *const values[N_PLACEHOLDERS])
{
	GString *url = g_string_new(NULL);
	const char *p;
	size_t len;
	int which;

	for (p = template; *p; p++) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			/* Kept doubled while other placeholders wait to be filled. */
			if (!values[CODE])
				g_string_append_c(url, *p);
			g_string_append_c(url, *p++);
			continue;
		}
		which = *p == '{' ? placeholder_at(p, &len) : -1;
		if (which >= 0 && values[which]) {
			g_string_append(url, values[which]);
			p += len - 1;
		} else {
			g_string_append_c(url, *p);
		}
	}
	return g_string_free(url, FALSE);
}

char *hms_wiki_url(const char *template, const char *series, uint64_t code, const char *lang)
{
	char underscored[20], hex[17];
	const char *values[N_PLACEHOLDERS];

	snprintf(underscored, sizeof(underscored), "%04X_%04X_%04X_%04X",
		 (unsigned int)(code >> 48) & 0xffff, (unsigned int)(code >> 32) & 0xffff,
		 (unsigned int)(code >> 16) & 0xffff, (unsigned int)code & 0xffff);
	snprintf(hex, sizeof(hex), "%016llX", (unsigned long long)code);
	values[CODE] = underscored;
	values[HEX] = hex;
	values[LANG] = lang && *lang ? lang : "en";
	values[SERIES] = series && *series ? series : HMS_WIKI_DEFAULT_SERIES;
	return expand(template ? template : HMS_WIKI_DEFAULT_TEMPLATE, values);
}

char *hms_wiki_with_series(const char *template, const char *series)
{
	const char *values[N_PLACEHOLDERS] = { [SERIES] = series };

	return expand(template ? template : HMS_WIKI_DEFAULT_TEMPLATE, values);
}

static gboolean is_bambu_wiki(const char *template)
{
	return !template || g_str_has_prefix(template, "https://wiki.bambulab.com/");
}

char *hms_wiki_link(const struct hms_codedb *db, const char *template, const char *series,
		    uint64_t code, const char *lang)
{
	struct hms_code_info info;

	if (hms_codedb_lookup(db, code, lang, &info) < 0) {
		/* A page Bambu does not have is no help: its list of all codes is. */
		if (is_bambu_wiki(template))
			return hms_wiki_url(HMS_WIKI_HOME, series, code, "en");
		return hms_wiki_url(template, series, code, lang);
	}
	/* The text shown may be English where @lang had none: so is its page. */
	return hms_wiki_url(template, series, info.entry, info.lang ? info.lang : lang);
}

gboolean hms_wiki_check(const char *template, GError **error)
{
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
		if (placeholder_at(p, &len) < 0) {
			end = strchr(p, '}');
			g_set_error(error, HMS_ERROR, HMS_ERROR_INVAL,
				    "unknown placeholder '%.*s' (known: {code} {hex} {lang} {series})",
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

gboolean hms_wiki_series_check(const char *series, GError **error)
{
	const char *p;

	for (p = series; *p; p++) {
		if (!g_ascii_islower(*p) && !g_ascii_isdigit(*p) && *p != '-')
			break;
	}
	if (!*series || *p || strlen(series) > 32) {
		g_set_error(error, HMS_ERROR, HMS_ERROR_INVAL,
			    "'%s' is not a printer series (like x1, p1, a1-mini, h2d)", series);
		return FALSE;
	}
	return TRUE;
}
