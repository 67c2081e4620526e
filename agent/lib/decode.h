/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the fields of a health code say: module, unit, part, severity. The
 * meaning of unit and part depends on the module (Bambu Lab's table): one
 * table per module in decode.c, not one rule for all.
 */
#ifndef HMS_AGENT_DECODE_H
#define HMS_AGENT_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Modules hms knows beside those of the uapi header (linux/hms.h). */
#define HMS_MODULE_AMS_HT 0x18
/* The left extruder's external spool; HMS_UNIT_EXTERNAL (0xFF) is the right or only one. */
#define HMS_UNIT_EXTERNAL_LEFT 0xfe
/* A feeder unit with the top bit set names the same unit (0x80 is AMS-HT A). */
#define HMS_UNIT_ALIAS_BIT 0x80

struct hms_decoded {
	uint64_t code;
	uint8_t module;
	uint8_t unit;
	uint8_t part;
	uint8_t reserved;
	uint16_t severity;
	uint16_t error;
	const char *feeder;	/* "AMS", "AMS lite", "AMS-HT": what the units are, or NULL */
	int ams;		/* which unit of them, 0..7 (A..H), or -1 */
	int slot;		/* which slot of it, 0..3, or -1 */
	bool external;		/* an external spool (unit 0xFE or 0xFF of a feeder module) */
	bool left;		/* the left extruder's external spool (0xFE) */
	const char *part_name;	/* "heater", "RFID reader", ...; NULL when not known */
	int part_index;		/* heater 1, 2: which of the named parts, 0-based, or -1 */
};

void hms_decode(uint64_t code, struct hms_decoded *d);

/* "MC", "AMS", "XCam", ... as Bambu Lab's software says; NULL for one hms does not know. */
const char *hms_module_name(uint8_t module);
/* "motion controller", "camera and lidar", ...: the long name, or NULL. */
const char *hms_module_long_name(uint8_t module);
/* AMS, AMS lite and AMS-HT: their units are feeders and some of their parts slots. */
bool hms_module_is_ams(uint8_t module);
/* Parts that name a slot: for AMS and AMS-HT 0x10, 0x20, 0x30, 0x60, 0x70 (+ slot 0..3),
 * for AMS lite also 0x80. */
bool hms_part_is_slot(uint8_t module, uint8_t part);

/* The same code on the first unit and slot: where a fault of any unit and slot is listed. */
uint64_t hms_code_first_slot(uint64_t code);

/*
 * Where else the same fault may be listed, nearest first: the first slot of
 * the code's own unit (Bambu lists "AMS Lite B slot 1" on its own), then
 * hms_code_first_slot(). Returns how many codes (0-2) it put in @out.
 */
size_t hms_code_listed_as(uint64_t code, uint64_t out[2]);

/* "AMS3 Slot4", "AMS-HT A", "AMS2 heater 2", "left external spool", or "". */
void hms_location(const struct hms_decoded *d, char *buf, size_t size);

/* "AMS3, AMS C (0x02)", "AMS-HT A (0x80)", "external spool (0xFF)", "0x04". */
void hms_describe_unit(const struct hms_decoded *d, char *buf, size_t size);
/* "Slot4 (0x23)", "heater 2 (0x81)", "0x05". */
void hms_describe_part(const struct hms_decoded *d, char *buf, size_t size);

/*
 * All that can be said without a table, for a code nobody described:
 * "AMS (0x07), unit AMS3, AMS C (0x02), part Slot4 (0x23), serious, error 0x0009".
 */
void hms_describe(const struct hms_decoded *d, char *buf, size_t size);

/* Enough for any hms_describe() or hms_location() text. */
#define HMS_DESCRIBE_LEN 160

#endif
