// SPDX-License-Identifier: GPL-2.0
/* Unit tests for a message rewritten from its entry to the code itself (wording.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "wording.h"

static void assert_rendered(const char *message, uint64_t entry, uint64_t code,
			    const char *expected)
{
	char *rendered = hms_wording_render(message, entry, code);

	assert_string_equal(rendered, expected);
	free(rendered);
}

/* AMS 1-8 in the seed table's words, A-H in Bambu's newer ones. */
static void ams_one_to_eight(void **state)
{
	(void)state;
	assert_rendered("AMS1 Slot1 filament has run out.", 0x0700200000020001ULL,
			0x0704200000020001ULL, "AMS5 Slot1 filament has run out.");
	assert_rendered("AMS1 Slot1 filament has run out.", 0x0700200000020001ULL,
			0x0707230000020001ULL, "AMS8 Slot4 filament has run out.");
	/* "AMS E Slot 1" is HMS_0704_2000_0002_0001. */
	assert_rendered("AMS A Slot 1 filament has run out.", 0x0700200000020001ULL,
			0x0704200000020001ULL, "AMS E Slot 1 filament has run out.");
	assert_rendered("AMS A Slot 1 filament has run out.", 0x0700200000020001ULL,
			0x0707210000020001ULL, "AMS H Slot 2 filament has run out.");
	/* A heater is no slot: "heater 1" stays, the AMS moves. */
	assert_rendered("AMS A heater 1 is abnormal.", 0x0700800000020001ULL,
			0x0702800000020001ULL, "AMS C heater 1 is abnormal.");
	/* Words that only look like a unit stay. */
	assert_rendered("The AMS is drying.", 0x0700200000020001ULL,
			0x0700200000020001ULL, "The AMS is drying.");
}

static void ams_ht_and_ams_lite(void **state)
{
	(void)state;
	assert_rendered("The AMS-HT A assist motor has slipped.", 0x1800010000010001ULL,
			0x1803010000010001ULL, "The AMS-HT D assist motor has slipped.");
	/* Unit 0x81 is AMS-HT B: the top bit names the same unit. */
	assert_rendered("The RFID-tag on AMS-HT A cannot be identified.", 0x1880200000020058ULL,
			0x1881200000020058ULL, "The RFID-tag on AMS-HT B cannot be identified.");
	/* In the AMS lite 0x80-0x83 are slots. */
	assert_rendered("AMS Lite A slot 1 filament may be tangled.", 0x1200800000020001ULL,
			0x1201820000020001ULL, "AMS Lite B slot 3 filament may be tangled.");
}

static void both_external_spools(void **state)
{
	(void)state;
	assert_rendered("External filament of left extruder has run out.", 0x07fe200000020001ULL,
			0x07ff200000020001ULL,
			"External filament of right extruder has run out.");
	assert_rendered("External filament of right extruder has run out.", 0x18ff200000020001ULL,
			0x18fe200000020001ULL,
			"External filament of left extruder has run out.");
	/* The same spool: as written. */
	assert_rendered("External filament of left extruder has run out.", 0x07fe200000020001ULL,
			0x07fe200000020001ULL, "External filament of left extruder has run out.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ams_one_to_eight),
		cmocka_unit_test(ams_ht_and_ams_lite),
		cmocka_unit_test(both_external_spools),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
