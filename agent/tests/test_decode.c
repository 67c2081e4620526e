// SPDX-License-Identifier: GPL-2.0
/* Unit tests for decoding codes, wiki links and QR codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "decode.h"
#include "error.h"
#include "qr.h"
#include "wiki.h"

static void decodes_ams_unit_and_slot(void **state)
{
	char buf[HMS_DESCRIBE_LEN];
	struct hms_decoded d;

	(void)state;
	hms_decode(0x0702230000020001ULL, &d);
	assert_int_equal(d.module, 0x07);
	assert_int_equal(d.unit, 2);
	assert_int_equal(d.part, 0x23);
	assert_int_equal(d.severity, 2);
	assert_int_equal(d.error, 1);
	assert_int_equal(d.ams, 2);
	assert_int_equal(d.slot, 3);
	assert_false(d.external);
	hms_location(&d, buf, sizeof(buf));
	assert_string_equal(buf, "AMS3 Slot4");
	hms_describe(&d, buf, sizeof(buf));
	assert_string_equal(buf, "AMS (0x07), unit AMS3, AMS C (0x02), part Slot4 (0x23),"
			    " serious, error 0x0001");

	/* A part that is not per slot names the AMS only. */
	hms_decode(0x0703010000020002ULL, &d);
	assert_int_equal(d.ams, 3);
	assert_int_equal(d.slot, -1);
	hms_location(&d, buf, sizeof(buf));
	assert_string_equal(buf, "AMS4");

	hms_decode(0x1201220000020006ULL, &d);
	hms_location(&d, buf, sizeof(buf));
	assert_string_equal(buf, "AMS lite B Slot3");
	hms_describe(&d, buf, sizeof(buf));
	assert_non_null(strstr(buf, "AMS lite (0x12), unit AMS lite B (0x01)"));
}

static void decodes_external_spool_and_other_modules(void **state)
{
	char buf[HMS_DESCRIBE_LEN];
	struct hms_decoded d;

	(void)state;
	hms_decode(0x07ff200000020001ULL, &d);
	assert_true(d.external);
	assert_int_equal(d.ams, -1);
	assert_int_equal(d.slot, -1);
	hms_location(&d, buf, sizeof(buf));
	assert_string_equal(buf, "external spool");
	hms_describe(&d, buf, sizeof(buf));
	assert_string_equal(buf, "AMS (0x07), unit external spool (0xFF), part 0x20, serious,"
			    " error 0x0001");

	hms_decode(0x12ff200000020007ULL, &d);
	assert_true(d.external);

	/* Unit and part mean nothing AMS-like outside the AMS modules. */
	hms_decode(0x0300200000010001ULL, &d);
	assert_int_equal(d.ams, -1);
	assert_int_equal(d.slot, -1);
	hms_location(&d, buf, sizeof(buf));
	assert_string_equal(buf, "");
	hms_describe(&d, buf, sizeof(buf));
	assert_string_equal(buf, "MC (motion controller, 0x03), unit 0x00, part 0x20, fatal,"
			    " error 0x0001");

	hms_decode(0x4204050000040abcULL, &d);
	hms_describe(&d, buf, sizeof(buf));
	assert_string_equal(buf, "unknown module (0x42), unit 0x04, part 0x05, info,"
			    " error 0x0ABC");
}

static void names_modules_and_slot_parts(void **state)
{
	static const struct {
		uint8_t module;
		const char *name;
	} modules[] = {
		{ 0x03, "MC" }, { 0x05, "mainboard" }, { 0x07, "AMS" },
		{ 0x08, "toolhead" }, { 0x0c, "XCam" }, { 0x12, "AMS lite" }, { 0x18, "AMS-HT" },
	};
	static const uint8_t slot_parts[] = { 0x10, 0x13, 0x20, 0x23, 0x30, 0x33, 0x60, 0x63,
					      0x70, 0x73 };
	static const uint8_t other_parts[] = { 0x01, 0x02, 0x14, 0x24, 0x34, 0x40, 0x45, 0x51,
					       0x74 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(modules) / sizeof(modules[0]); i++)
		assert_string_equal(hms_module_name(modules[i].module), modules[i].name);
	assert_null(hms_module_name(0x00));
	assert_null(hms_module_name(0x42));
	assert_string_equal(hms_module_long_name(0x03), "motion controller");
	assert_string_equal(hms_module_long_name(0x0c), "camera and lidar");
	for (i = 0; i < sizeof(slot_parts); i++) {
		assert_true(hms_part_is_slot(0x07, slot_parts[i]));
		assert_true(hms_part_is_slot(0x12, slot_parts[i]));
		assert_true(hms_part_is_slot(0x18, slot_parts[i]));
		assert_false(hms_part_is_slot(0x03, slot_parts[i]));
	}
	for (i = 0; i < sizeof(other_parts); i++) {
		assert_false(hms_part_is_slot(0x07, other_parts[i]));
		assert_false(hms_part_is_slot(0x18, other_parts[i]));
	}
	/* 0x80-0x83: slots of an AMS lite, heaters (0x80, 0x81) of an AMS or AMS-HT. */
	for (i = 0x80; i <= 0x83; i++) {
		assert_true(hms_part_is_slot(0x12, (uint8_t)i));
		assert_false(hms_part_is_slot(0x07, (uint8_t)i));
		assert_false(hms_part_is_slot(0x18, (uint8_t)i));
	}
	for (i = 0x90; i <= 0x95; i++)
		assert_false(hms_part_is_slot(0x07, (uint8_t)i));
}

/* AMS units 0-7 are AMS A..H: "AMS E Slot 1" is HMS_0704_2000_0002_0001. */
static void decodes_eight_ams_units(void **state)
{
	char buf[HMS_DESCRIBE_LEN];
	struct hms_decoded d;

	(void)state;
	hms_decode(0x0704200000020001ULL, &d);
	assert_string_equal(d.feeder, "AMS");
	assert_int_equal(d.ams, 4);
	assert_int_equal(d.slot, 0);
	hms_location(&d, buf, sizeof(buf));
	assert_string_equal(buf, "AMS5 Slot1");
	hms_describe_unit(&d, buf, sizeof(buf));
	assert_string_equal(buf, "AMS5, AMS E (0x04)");
	hms_decode(0x0707330000020001ULL, &d);
	assert_int_equal(d.ams, 7);
	assert_int_equal(d.slot, 3);
	hms_describe_part(&d, buf, sizeof(buf));
	assert_string_equal(buf, "Slot4 RFID reader (0x33)");
	/* Units past H name no AMS. */
	hms_decode(0x0708200000020001ULL, &d);
	assert_int_equal(d.ams, -1);
	/* The AMS lite has four. */
	hms_decode(0x1204200000020001ULL, &d);
	assert_int_equal(d.ams, -1);
}

/* Module 0x18 is the AMS-HT; a unit with the top bit set names the same unit. */
static void decodes_ams_ht_and_its_aliased_units(void **state)
{
	char buf[HMS_DESCRIBE_LEN];
	struct hms_decoded d;

	(void)state;
	/* "The AMS-HT A assist motor has slipped..." */
	hms_decode(0x1800010000010001ULL, &d);
	assert_string_equal(d.feeder, "AMS-HT");
	assert_int_equal(d.ams, 0);
	assert_int_equal(d.slot, -1);
	hms_location(&d, buf, sizeof(buf));
	assert_string_equal(buf, "AMS-HT A");
	/* "The RFID-tag on AMS-HT A cannot be identified" */
	hms_decode(0x1880200000020058ULL, &d);
	assert_int_equal(d.ams, 0);
	assert_int_equal(d.slot, 0);
	hms_location(&d, buf, sizeof(buf));
	assert_string_equal(buf, "AMS-HT A Slot1");
	hms_describe(&d, buf, sizeof(buf));
	assert_string_equal(buf, "AMS-HT (high-temperature AMS, 0x18), unit AMS-HT A (0x80),"
			    " part Slot1 (0x20), serious, error 0x0058");
	hms_decode(0x1887200000020058ULL, &d);
	assert_int_equal(d.ams, 7);
	hms_location(&d, buf, sizeof(buf));
	assert_string_equal(buf, "AMS-HT H Slot1");
}

/* 0xFE is the left extruder's external spool, 0xFF the right or only one. */
static void decodes_both_external_spools(void **state)
{
	char buf[HMS_DESCRIBE_LEN];
	struct hms_decoded d;
	static const uint64_t codes[] = { 0x07fe200000020001ULL, 0x18fe200000020001ULL };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		hms_decode(codes[i], &d);
		assert_true(d.external);
		assert_true(d.left);
		assert_int_equal(d.ams, -1);
		hms_location(&d, buf, sizeof(buf));
		assert_string_equal(buf, "left external spool");
		hms_describe_unit(&d, buf, sizeof(buf));
		assert_string_equal(buf, "left external spool (0xFE)");
	}
	hms_decode(0x18ff200000020001ULL, &d);
	assert_true(d.external);
	assert_false(d.left);
	hms_location(&d, buf, sizeof(buf));
	assert_string_equal(buf, "external spool");
	/* Outside the feeder modules 0xFE is only a number. */
	hms_decode(0x03fe200000010001ULL, &d);
	assert_false(d.external);
}

/* A part means what its module's table says: heaters of an AMS, slots of an AMS lite. */
static void parts_mean_what_their_module_says(void **state)
{
	char buf[HMS_DESCRIBE_LEN];
	struct hms_decoded d;

	(void)state;
	/* Was "AMS2 Slot2": 0x81 is heater 2 of AMS B. */
	hms_decode(0x0701810000020001ULL, &d);
	assert_int_equal(d.ams, 1);
	assert_int_equal(d.slot, -1);
	assert_string_equal(d.part_name, "heater");
	assert_int_equal(d.part_index, 1);
	hms_location(&d, buf, sizeof(buf));
	assert_string_equal(buf, "AMS2 heater 2");
	hms_describe_part(&d, buf, sizeof(buf));
	assert_string_equal(buf, "heater 2 (0x81)");
	hms_decode(0x1800800000020001ULL, &d);
	hms_location(&d, buf, sizeof(buf));
	assert_string_equal(buf, "AMS-HT A heater 1");
	hms_decode(0x0700950000020001ULL, &d);
	assert_int_equal(d.slot, -1);
	hms_describe_part(&d, buf, sizeof(buf));
	assert_string_equal(buf, "heater valve/fan/sensor 6 (0x95)");
	/* "AMS Lite B slot 1 filament may be tangled" */
	hms_decode(0x1201800000020001ULL, &d);
	assert_int_equal(d.ams, 1);
	assert_int_equal(d.slot, 0);
	hms_location(&d, buf, sizeof(buf));
	assert_string_equal(buf, "AMS lite B Slot1");
	hms_decode(0x1200830000020001ULL, &d);
	assert_int_equal(d.slot, 3);
	/* Slot motors, feeds, overloads. */
	hms_decode(0x0700120000020001ULL, &d);
	hms_describe_part(&d, buf, sizeof(buf));
	assert_string_equal(buf, "Slot3 motor (0x12)");
	hms_decode(0x0700710000020001ULL, &d);
	hms_describe_part(&d, buf, sizeof(buf));
	assert_string_equal(buf, "Slot2 filament feed (0x71)");
	hms_location(&d, buf, sizeof(buf));
	assert_string_equal(buf, "AMS1 Slot2");
}

/* Severity 0 (Bambu's table has 0300_1800_0000_0000) is decoded, shown unknown. */
static void severity_zero_is_unknown(void **state)
{
	char buf[HMS_DESCRIBE_LEN];
	struct hms_decoded d;

	(void)state;
	hms_decode(0x0300180000000000ULL, &d);
	assert_int_equal(d.severity, 0);
	hms_describe(&d, buf, sizeof(buf));
	assert_non_null(strstr(buf, ", unknown, error 0x0000"));
}

static void first_slot_is_where_a_fault_is_listed(void **state)
{
	(void)state;
	assert_true(hms_code_first_slot(0x0703230000020001ULL) == 0x0700200000020001ULL);
	assert_true(hms_code_first_slot(0x1202120000010001ULL) == 0x1200100000010001ULL);
	assert_true(hms_code_first_slot(0x0702010000020002ULL) == 0x0700010000020002ULL);
	/* Reserved byte kept. */
	assert_true(hms_code_first_slot(0x07012155000200aaULL) == 0x07002055000200aaULL);
	/* Not an AMS or slot: the code itself. */
	assert_true(hms_code_first_slot(0x07ff200000020001ULL) == 0x07ff200000020001ULL);
	assert_true(hms_code_first_slot(0x0300110000020001ULL) == 0x0300110000020001ULL);
	/* AMS E is an AMS now: listed as AMS A. */
	assert_true(hms_code_first_slot(0x0704200000020001ULL) == 0x0700200000020001ULL);
	assert_true(hms_code_first_slot(0x0708200000020001ULL) == 0x0708200000020001ULL);
	/* AMS-HT: 0x81 listed as 0x80, 0x01 as 0x00; heaters are no slots. */
	assert_true(hms_code_first_slot(0x1881220000020058ULL) == 0x1880200000020058ULL);
	assert_true(hms_code_first_slot(0x1803010000010001ULL) == 0x1800010000010001ULL);
	assert_true(hms_code_first_slot(0x0701810000020001ULL) == 0x0700810000020001ULL);
	assert_true(hms_code_first_slot(0x1203830000020001ULL) == 0x1200800000020001ULL);
	assert_true(hms_code_first_slot(0x07fe200000020001ULL) == 0x07fe200000020001ULL);
}

static void listed_as_nearest_first(void **state)
{
	uint64_t out[2];

	(void)state;
	assert_int_equal(hms_code_listed_as(0x1201820000020001ULL, out), 2);
	assert_true(out[0] == 0x1201800000020001ULL);
	assert_true(out[1] == 0x1200800000020001ULL);
	assert_int_equal(hms_code_listed_as(0x0702200000020001ULL, out), 1);
	assert_true(out[0] == 0x0700200000020001ULL);
	assert_int_equal(hms_code_listed_as(0x0700210000020001ULL, out), 1);
	assert_true(out[0] == 0x0700200000020001ULL);
	assert_int_equal(hms_code_listed_as(0x0700200000020001ULL, out), 0);
	assert_int_equal(hms_code_listed_as(0x07ff200000020001ULL, out), 0);
}

static void wiki_url_from_template(void **state)
{
	GError *error = NULL;
	char *url;

	(void)state;
	url = hms_wiki_url(NULL, NULL, 0x0300010000010007ULL, NULL);
	assert_string_equal(url, "https://wiki.bambulab.com/en/x1/troubleshooting/hmscode/"
			    "0300_0100_0001_0007");
	free(url);
	url = hms_wiki_url(HMS_WIKI_DEFAULT_TEMPLATE, "", 0x07022300000200abULL, "de");
	assert_string_equal(url, "https://wiki.bambulab.com/de/x1/troubleshooting/hmscode/"
			    "0702_2300_0002_00AB");
	free(url);
	url = hms_wiki_url("http://x/{hex}?l={lang}&c={code}{{}}{nope}{code", NULL, 0x0300010000010007ULL,
			   "");
	assert_string_equal(url, "http://x/0300010000010007?l=en&c=0300_0100_0001_0007{}{nope}{code");
	free(url);

	/* Pages per printer series. */
	url = hms_wiki_url(NULL, "h2d", 0x0300010000010007ULL, "en");
	assert_string_equal(url, "https://wiki.bambulab.com/en/h2d/troubleshooting/hmscode/"
			    "0300_0100_0001_0007");
	free(url);
	url = hms_wiki_with_series("http://x/{series}/{code}{{x}}", "a1-mini");
	assert_string_equal(url, "http://x/a1-mini/{code}{{x}}");
	assert_true(hms_wiki_check(url, NULL));
	free(url);
	url = hms_wiki_with_series(NULL, "p1");
	assert_string_equal(url, "https://wiki.bambulab.com/{lang}/p1/troubleshooting/hmscode/{code}");
	free(url);
	assert_true(hms_wiki_series_check("a1-mini", NULL));
	assert_false(hms_wiki_series_check("", NULL));
	assert_false(hms_wiki_series_check("X1", NULL));
	assert_false(hms_wiki_series_check("x1/../evil", &error));
	assert_non_null(strstr(error->message, "is not a printer series"));
	g_clear_error(&error);

	assert_true(hms_wiki_check(HMS_WIKI_DEFAULT_TEMPLATE, &error));
	assert_true(hms_wiki_check("http://x/{hex}/{{literal}}", &error));
	assert_null(error);
	assert_false(hms_wiki_check("http://x/{code}/{nope}", &error));
	assert_true(g_error_matches(error, HMS_ERROR, HMS_ERROR_INVAL));
	assert_non_null(strstr(error->message, "'{nope}'"));
	g_clear_error(&error);
	assert_false(hms_wiki_check("http://x/{code", &error));
	assert_non_null(strstr(error->message, "'{code'"));
	g_clear_error(&error);
	assert_false(hms_wiki_check("http://x/}{code}", &error));
	assert_non_null(strstr(error->message, "'}' at 10 without '{'"));
	g_clear_error(&error);
	assert_false(hms_wiki_check("http://x/{lang}", NULL));
	assert_false(hms_wiki_check("http://x/{lang}", &error));
	assert_non_null(strstr(error->message, "neither"));
	g_clear_error(&error);
}

/* The terminal picture, read back module by module: 1 dark. */
static int terminal_module(const char *out, int width, int x, int y)
{
	/* Each glyph is 1 byte (space) or 3 bytes (UTF-8 block). */
	const char *line = out, *p;
	int i, upper, lower;

	for (i = 0; i < y / 2; i++)
		line = strchr(line, '\n') + 1;
	p = line;
	for (i = 0; i < x; i++)
		p += *p == ' ' ? 1 : 3;
	if (*p == ' ') {
		upper = lower = 0;
	} else {
		assert_int_equal((unsigned char)p[0], 0xe2);
		assert_int_equal((unsigned char)p[1], 0x96);
		upper = (unsigned char)p[2] == 0x80 || (unsigned char)p[2] == 0x88;
		lower = (unsigned char)p[2] == 0x84 || (unsigned char)p[2] == 0x88;
	}
	(void)width;
	/* Ink is light: inked means light. */
	return !(y % 2 ? lower : upper);
}

static void qr_terminal_matches_image(void **state)
{
	const char *url = "https://wiki.bambulab.com/en/x1/troubleshooting/hmscode/"
			  "0700_2000_0002_0003";
	const int tm = HMS_QR_MARGIN_TERMINAL, im = HMS_QR_MARGIN_IMAGE, scale = 3;
	char *out = NULL;
	size_t len = 0;
	GdkPixbuf *pixbuf;
	FILE *f;
	int size, width, x, y, lines = 0, stride;
	const guchar *pixels, *px;
	const char *p;

	(void)state;
	pixbuf = hms_qr_pixbuf(url, scale, NULL);
	assert_non_null(pixbuf);
	size = gdk_pixbuf_get_width(pixbuf);
	assert_int_equal(gdk_pixbuf_get_height(pixbuf), size);
	assert_int_equal(size % scale, 0);
	width = size / scale - 2 * im;
	assert_true(width >= 21 && (width - 17) % 4 == 0);	/* a QR version's size */
	pixels = gdk_pixbuf_get_pixels(pixbuf);
	stride = gdk_pixbuf_get_rowstride(pixbuf);

	f = open_memstream(&out, &len);
	assert_true(hms_qr_print(f, url, false, NULL));
	fclose(f);
	for (p = out; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, (width + 2 * tm + 1) / 2);

	for (y = -tm; y < width + tm; y++) {
		for (x = -tm; x < width + tm; x++) {
			px = pixels + (size_t)((y + im) * scale + scale / 2) * stride +
			     (size_t)((x + im) * scale + scale / 2) * 3;
			assert_true(px[0] == 0 || px[0] == 0xff);
			assert_int_equal(terminal_module(out, width, x + tm, y + tm), px[0] == 0);
		}
	}
	/* Finder pattern corners dark, quiet zone light. */
	assert_int_equal(pixels[0], 0xff);
	assert_int_equal(pixels[(size_t)im * scale * stride + (size_t)im * scale * 3], 0);
	assert_int_equal(terminal_module(out, width, tm, tm), 1);
	assert_int_equal(terminal_module(out, width, tm - 1, tm), 0);
	free(out);
	g_object_unref(pixbuf);
}

static void qr_refuses_nonsense(void **state)
{
	char *out = NULL, *huge;
	GError *error = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_null(hms_qr_pixbuf("", 4, &error));
	assert_true(g_error_matches(error, HMS_ERROR, HMS_ERROR_INVAL));
	g_clear_error(&error);
	assert_null(hms_qr_pixbuf("x", 0, &error));
	assert_non_null(strstr(error->message, "scale of 0"));
	g_clear_error(&error);
	assert_null(hms_qr_pixbuf(NULL, 4, NULL));
	/* more than the largest QR code holds */
	huge = g_strnfill(8000, 'x');
	assert_null(hms_qr_pixbuf(huge, 1, &error));
	assert_non_null(strstr(error->message, "8000 bytes"));
	g_clear_error(&error);
	g_free(huge);
	f = open_memstream(&out, &len);
	assert_false(hms_qr_print(f, "", false, &error));
	assert_true(g_error_matches(error, HMS_ERROR, HMS_ERROR_INVAL));
	g_clear_error(&error);
	fclose(f);
	assert_int_equal(len, 0);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decodes_ams_unit_and_slot),
		cmocka_unit_test(decodes_external_spool_and_other_modules),
		cmocka_unit_test(names_modules_and_slot_parts),
		cmocka_unit_test(decodes_eight_ams_units),
		cmocka_unit_test(decodes_ams_ht_and_its_aliased_units),
		cmocka_unit_test(decodes_both_external_spools),
		cmocka_unit_test(parts_mean_what_their_module_says),
		cmocka_unit_test(severity_zero_is_unknown),
		cmocka_unit_test(first_slot_is_where_a_fault_is_listed),
		cmocka_unit_test(listed_as_nearest_first),
		cmocka_unit_test(wiki_url_from_template),
		cmocka_unit_test(qr_terminal_matches_image),
		cmocka_unit_test(qr_refuses_nonsense),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
