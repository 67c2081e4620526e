// SPDX-License-Identifier: GPL-2.0
/* Unit tests for text made safe for a terminal (lib/escape.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include "escape.h"

static void check(const char *text, const char *shown)
{
	g_autofree char *out = hms_escape(text);

	if (strcmp(out, shown))
		fail_msg("'%s', not '%s'", out, shown);
}

static void controls_are_escaped(void **state)
{
	(void)state;
	check("plain text, 100 °C, Düse", "plain text, 100 °C, Düse");
	check("", "");
	check("\x1b[2J", "\\x1b[2J");			/* clears the screen */
	check("\x1b]0;title\x07", "\\x1b]0;title\\x07");	/* sets the title */
	check("a\tb\nc\rd\x7f", "a\\x09b\\x0ac\\x0dd\\x7f");
	check("\xc2\x9b" "31m", "\\u009b31m");		/* C1 CSI in UTF-8 */
	check("\xc2\x85 \xc2\xa0", "\\u0085 \xc2\xa0");	/* NEL escaped, NBSP kept */
	check("\x9b" "31m \xff", "\\x9b31m \\xff");	/* not UTF-8 */
	check("cut \xe2\x82", "cut \\xe2\\x82");		/* a sequence cut short */
	assert_null(hms_escape(NULL));
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(controls_are_escaped),
	};

	return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
