// SPDX-License-Identifier: GPL-2.0
/* Text made safe for a terminal (escape.h). */
#include <string.h>
#include <glib.h>

#include "escape.h"

char *hms_escape(const char *text)
{
	const char *p = text, *end;
	GString *out;

	if (!text)
		return NULL;
	end = text + strlen(text);
	out = g_string_sized_new((gsize)(end - text));
	while (p < end) {
		unsigned char c = (unsigned char)*p;
		gunichar u;

		if (c < 0x20 || c == 0x7f) {
			g_string_append_printf(out, "\\x%02x", c);
			p++;
			continue;
		}
		if (c < 0x80) {
			g_string_append_c(out, (char)c);
			p++;
			continue;
		}
		u = g_utf8_get_char_validated(p, end - p);
		if (u == (gunichar)-1 || u == (gunichar)-2) {
			g_string_append_printf(out, "\\x%02x", c);
			p++;
			continue;
		}
		if (u >= 0x80 && u <= 0x9f)
			g_string_append_printf(out, "\\u%04x", u);
		else
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
		p = g_utf8_next_char(p);
	}
	return g_string_free(out, FALSE);
}
