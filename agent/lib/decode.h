/* SPDX-License-Identifier: GPL-2.0 */
/* What the fields of a health code say: module, unit, part, severity. */
#ifndef HMS_AGENT_DECODE_H
#define HMS_AGENT_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hms_decoded {
	uint64_t code;
	uint8_t module;
	uint8_t unit;
	uint8_t part;
	uint8_t reserved;
	uint16_t severity;
	uint16_t error;
	int ams;		/* which AMS, 0..3, or -1 */
	int slot;		/* which slot of it, 0..3, or -1 */
	bool external;		/* the external spool (unit 0xFF of an AMS module) */
};

void hms_decode(uint64_t code, struct hms_decoded *d);

/* "motion controller", "AMS", ...; NULL for a module hms does not know. */
const char *hms_module_name(uint8_t module);
/* AMS and AMS lite: their units are AMSes and some of their parts slots. */
bool hms_module_is_ams(uint8_t module);
/* For AMS modules, parts 0x10, 0x20, 0x60 and 0x80 (+ slot 0..3) are per slot. */
bool hms_part_is_slot(uint8_t module, uint8_t part);

/* The same code on AMS 0, slot 0: where a fault of any AMS and slot is listed. */
uint64_t hms_code_first_slot(uint64_t code);

/* "AMS3 Slot4", "AMS3", "external spool", or "" when the code names none. */
void hms_location(const struct hms_decoded *d, char *buf, size_t size);

/*
 * All that can be said without a table, for a code nobody described:
 * "AMS (0x07), unit AMS3 (C), part Slot4 (0x23), serious, error 0x0009".
 */
void hms_describe(const struct hms_decoded *d, char *buf, size_t size);

/* Enough for any hms_describe() or hms_location() text. */
#define HMS_DESCRIBE_LEN 160

#endif
