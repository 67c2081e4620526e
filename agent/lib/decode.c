// SPDX-License-Identifier: GPL-2.0
/*
 * What the fields of a health code say: module, unit, part, severity.
 * Bambu Lab's table gives a part its meaning per module (0x80 is heater 1
 * of an AMS, slot 1 of an AMS lite), so each module has its own table of
 * units and parts here.
 */
#include <stdio.h>
#include <string.h>
#include <linux/hms.h>

#include "code.h"
#include "decode.h"

/* A block of consecutive parts: 0x10-0x13 are the motors of slots 1-4. */
struct part_block {
	uint8_t first;
	uint8_t count;
	const char *name;	/* "motor": "Slot2 motor"; "heater": "heater 2" */
	bool per_slot;		/* part - first is the slot */
};

struct module {
	uint8_t id;
	const char *name;		/* as Bambu Lab's software and wiki say it */
	const char *long_name;		/* where the short one does not say enough, or NULL */
	const char *feeder;		/* what its units are (AMS...), or NULL */
	bool feeder_numbered;		/* "AMS3" (the seed table's way) rather than "AMS-HT C" */
	int units;			/* feeder units 0..units-1 */
	const struct part_block *parts;	/* ends with count 0 */
};

static const struct part_block ams_parts[] = {
	{ 0x10, 4, "motor", true },
	{ 0x20, 4, NULL, true },		/* the slot itself */
	{ 0x30, 4, "RFID reader", true },
	{ 0x60, 4, "overload", true },
	{ 0x70, 4, "filament feed", true },
	{ 0x80, 2, "heater", false },
	/* valves, heater fans and heater sensors: which is which, the table does not say */
	{ 0x90, 6, "heater valve/fan/sensor", false },
	{ 0 },
};

static const struct part_block ams_lite_parts[] = {
	{ 0x10, 4, "motor", true },
	{ 0x20, 4, NULL, true },
	{ 0x30, 4, "RFID reader", true },
	{ 0x60, 4, "overload", true },
	{ 0x70, 4, "filament feed", true },
	{ 0x80, 4, NULL, true },		/* "AMS Lite B slot 1 filament may be tangled" */
	{ 0 },
};

static const struct part_block no_parts[] = { { 0 } };

static const struct module modules[] = {
	{ HMS_MODULE_MC, "MC", "motion controller", NULL, false, 0, no_parts },
	{ HMS_MODULE_MAINBOARD, "mainboard", NULL, NULL, false, 0, no_parts },
	{ HMS_MODULE_AMS, "AMS", NULL, "AMS", true, 8, ams_parts },
	{ HMS_MODULE_TOOLHEAD, "toolhead", NULL, NULL, false, 0, no_parts },
	{ HMS_MODULE_CAMERA, "XCam", "camera and lidar", NULL, false, 0, no_parts },
	{ HMS_MODULE_AMS_LITE, "AMS lite", NULL, "AMS lite", false, 4, ams_lite_parts },
	{ HMS_MODULE_AMS_HT, "AMS-HT", "high-temperature AMS", "AMS-HT", false, 8, ams_parts },
};

static const struct module *find_module(uint8_t id)
{
	size_t i;

	for (i = 0; i < sizeof(modules) / sizeof(modules[0]); i++) {
		if (modules[i].id == id)
			return &modules[i];
	}
	return NULL;
}

static const struct part_block *find_part(const struct module *m, uint8_t part)
{
	const struct part_block *b;

	for (b = m ? m->parts : no_parts; b->count; b++) {
		if (part >= b->first && part < b->first + b->count)
			return b;
	}
	return NULL;
}

const char *hms_module_name(uint8_t module)
{
	const struct module *m = find_module(module);

	return m ? m->name : NULL;
}

const char *hms_module_long_name(uint8_t module)
{
	const struct module *m = find_module(module);

	return m ? m->long_name : NULL;
}

bool hms_module_is_ams(uint8_t module)
{
	const struct module *m = find_module(module);

	return m && m->feeder;
}

bool hms_part_is_slot(uint8_t module, uint8_t part)
{
	const struct part_block *b = find_part(find_module(module), part);

	return b && b->per_slot;
}

void hms_decode(uint64_t code, struct hms_decoded *d)
{
	const struct module *m;
	const struct part_block *b;
	int unit;

	*d = (struct hms_decoded){
		.code = code,
		.module = HMS_CODE_MODULE(code),
		.unit = HMS_CODE_UNIT(code),
		.part = HMS_CODE_PART(code),
		.reserved = HMS_CODE_RESERVED(code),
		.severity = HMS_CODE_SEVERITY(code),
		.error = HMS_CODE_ERROR(code),
		.ams = -1,
		.slot = -1,
		.part_index = -1,
	};
	m = find_module(d->module);
	if (!m || !m->feeder)
		return;
	d->feeder = m->feeder;
	if (d->unit == HMS_UNIT_EXTERNAL || d->unit == HMS_UNIT_EXTERNAL_LEFT) {
		d->external = true;
		d->left = d->unit == HMS_UNIT_EXTERNAL_LEFT;
		return;
	}
	unit = d->unit & ~HMS_UNIT_ALIAS_BIT;
	if (unit >= m->units)
		return;
	d->ams = unit;
	b = find_part(m, d->part);
	if (!b)
		return;
	d->part_name = b->name;
	if (b->per_slot)
		d->slot = d->part - b->first;
	else if (b->count > 1)
		d->part_index = d->part - b->first;
}

uint64_t hms_code_first_slot(uint64_t code)
{
	const struct part_block *b;
	struct hms_decoded d;
	uint64_t unit, part;

	hms_decode(code, &d);
	if (d.ams < 0)
		return code;
	/* Unit 0x81 is listed as 0x80, unit 0x01 as 0x00. */
	unit = d.unit & HMS_UNIT_ALIAS_BIT;
	part = d.part;
	b = find_part(find_module(d.module), d.part);
	if (d.slot >= 0 && b)
		part = b->first;
	return (code & ~(0xffffULL << 40)) | unit << 48 | part << 40;
}

size_t hms_code_listed_as(uint64_t code, uint64_t out[2])
{
	const struct part_block *b;
	struct hms_decoded d;
	uint64_t own;
	size_t n = 0;

	hms_decode(code, &d);
	if (d.ams < 0)
		return 0;
	b = find_part(find_module(d.module), d.part);
	if (d.slot >= 0 && b && d.part != b->first) {
		own = (code & ~(0xffULL << 40)) | (uint64_t)b->first << 40;
		out[n++] = own;
	}
	if (hms_code_first_slot(code) != code && (!n || hms_code_first_slot(code) != out[0]))
		out[n++] = hms_code_first_slot(code);
	return n;
}

/* "AMS3" (the seed table's way for the AMS), "AMS-HT C", "AMS lite B". */
static void unit_name(const struct hms_decoded *d, char *buf, size_t size)
{
	const struct module *m = find_module(d->module);

	if (m && m->feeder_numbered)
		snprintf(buf, size, "%s%d", d->feeder, d->ams + 1);
	else
		snprintf(buf, size, "%s %c", d->feeder, 'A' + d->ams);
}

/* "Slot4", "Slot4 motor", "heater 2", "heater valve/fan/sensor 3". */
static void part_name(const struct hms_decoded *d, char *buf, size_t size)
{
	if (d->slot >= 0)
		snprintf(buf, size, "Slot%d%s%s", d->slot + 1, d->part_name ? " " : "",
			 d->part_name ? d->part_name : "");
	else if (d->part_name && d->part_index >= 0)
		snprintf(buf, size, "%s %d", d->part_name, d->part_index + 1);
	else if (d->part_name)
		snprintf(buf, size, "%s", d->part_name);
	else
		snprintf(buf, size, "%s", "");
}

void hms_location(const struct hms_decoded *d, char *buf, size_t size)
{
	char unit[32], part[48];

	if (d->external) {
		snprintf(buf, size, "%sexternal spool", d->left ? "left " : "");
		return;
	}
	if (d->ams < 0) {
		snprintf(buf, size, "%s", "");
		return;
	}
	unit_name(d, unit, sizeof(unit));
	/* The slot is where a person looks; its motor or reader is detail. */
	if (d->slot >= 0)
		snprintf(part, sizeof(part), "Slot%d", d->slot + 1);
	else
		part_name(d, part, sizeof(part));
	snprintf(buf, size, "%s%s%s", unit, *part ? " " : "", part);
}

void hms_describe_unit(const struct hms_decoded *d, char *buf, size_t size)
{
	char unit[32];

	if (d->external) {
		snprintf(buf, size, "%sexternal spool (0x%02X)", d->left ? "left " : "", d->unit);
	} else if (d->ams >= 0) {
		unit_name(d, unit, sizeof(unit));
		/* The seed table says AMS3, Bambu's newer one AMS C: both. */
		if (find_module(d->module)->feeder_numbered)
			snprintf(buf, size, "%s, %s %c (0x%02X)", unit, d->feeder, 'A' + d->ams,
				 d->unit);
		else
			snprintf(buf, size, "%s (0x%02X)", unit, d->unit);
	} else {
		snprintf(buf, size, "0x%02X", d->unit);
	}
}

void hms_describe_part(const struct hms_decoded *d, char *buf, size_t size)
{
	char part[48];

	part_name(d, part, sizeof(part));
	if (*part)
		snprintf(buf, size, "%s (0x%02X)", part, d->part);
	else
		snprintf(buf, size, "0x%02X", d->part);
}

void hms_describe(const struct hms_decoded *d, char *buf, size_t size)
{
	const char *module = hms_module_name(d->module);
	const char *long_name = hms_module_long_name(d->module);
	char unit[48], part[64];

	hms_describe_unit(d, unit, sizeof(unit));
	hms_describe_part(d, part, sizeof(part));
	if (long_name)
		snprintf(buf, size, "%s (%s, 0x%02X), unit %s, part %s, %s, error 0x%04X",
			 module, long_name, d->module, unit, part,
			 hms_severity_name(d->severity), d->error);
	else
		snprintf(buf, size, "%s (0x%02X), unit %s, part %s, %s, error 0x%04X",
			 module ? module : "unknown module", d->module, unit, part,
			 hms_severity_name(d->severity), d->error);
}
