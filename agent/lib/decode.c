// SPDX-License-Identifier: GPL-2.0
/* What the fields of a health code say: module, unit, part, severity. */
#include <stdio.h>
#include <string.h>
#include <linux/hms.h>

#include "code.h"
#include "decode.h"

#define AMS_UNITS 4
#define AMS_SLOTS 4

const char *hms_module_name(uint8_t module)
{
	switch (module) {
	case HMS_MODULE_MC:
		return "motion controller";
	case HMS_MODULE_MAINBOARD:
		return "mainboard";
	case HMS_MODULE_AMS:
		return "AMS";
	case HMS_MODULE_TOOLHEAD:
		return "toolhead";
	case HMS_MODULE_CAMERA:
		return "camera/lidar";
	case HMS_MODULE_AMS_LITE:
		return "AMS lite";
	}
	return NULL;
}

bool hms_module_is_ams(uint8_t module)
{
	return module == HMS_MODULE_AMS || module == HMS_MODULE_AMS_LITE;
}

bool hms_part_is_slot(uint8_t module, uint8_t part)
{
	uint8_t class = part & 0xf0;

	if (!hms_module_is_ams(module) || (part & 0x0f) >= AMS_SLOTS)
		return false;
	return class == 0x10 || class == HMS_PART_AMS_SLOT(0) || class == 0x60 ||
	       class == 0x80;
}

void hms_decode(uint64_t code, struct hms_decoded *d)
{
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
	};
	if (!hms_module_is_ams(d->module))
		return;
	if (d->unit == HMS_UNIT_EXTERNAL)
		d->external = true;
	else if (d->unit < AMS_UNITS)
		d->ams = d->unit;
	if (d->ams >= 0 && hms_part_is_slot(d->module, d->part))
		d->slot = d->part & 0x0f;
}

uint64_t hms_code_first_slot(uint64_t code)
{
	struct hms_decoded d;

	hms_decode(code, &d);
	if (d.ams < 0)
		return code;
	if (d.slot >= 0)
		d.part &= 0xf0;
	return HMS_CODE((uint64_t)d.module, 0ULL, (uint64_t)d.part, (uint64_t)d.severity,
			(uint64_t)d.error) | (uint64_t)d.reserved << 32;
}

void hms_location(const struct hms_decoded *d, char *buf, size_t size)
{
	if (d->external)
		snprintf(buf, size, "external spool");
	else if (d->slot >= 0)
		snprintf(buf, size, "AMS%d Slot%d", d->ams + 1, d->slot + 1);
	else if (d->ams >= 0)
		snprintf(buf, size, "AMS%d", d->ams + 1);
	else
		snprintf(buf, size, "%s", "");
}

static void describe_unit(const struct hms_decoded *d, char *buf, size_t size)
{
	if (d->external)
		snprintf(buf, size, "external spool (0xFF)");
	else if (d->ams >= 0)
		snprintf(buf, size, "AMS%d (%c)", d->ams + 1, 'A' + d->ams);
	else
		snprintf(buf, size, "0x%02X", d->unit);
}

static void describe_part(const struct hms_decoded *d, char *buf, size_t size)
{
	if (d->slot >= 0)
		snprintf(buf, size, "Slot%d (0x%02X)", d->slot + 1, d->part);
	else
		snprintf(buf, size, "0x%02X", d->part);
}

void hms_describe(const struct hms_decoded *d, char *buf, size_t size)
{
	const char *module = hms_module_name(d->module);
	char unit[32], part[32];

	describe_unit(d, unit, sizeof(unit));
	describe_part(d, part, sizeof(part));
	snprintf(buf, size, "%s (0x%02X), unit %s, part %s, %s, error 0x%04X",
		 module ? module : "unknown module", d->module, unit, part,
		 hms_severity_name(d->severity), d->error);
}
