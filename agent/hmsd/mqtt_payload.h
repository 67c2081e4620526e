/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What hms says over MQTT, and reading what a printer says. Pure: no I/O.
 *
 * The state report is the active list in the printer's own format, so tools
 * made for Bambu printers (Home Assistant's integration) read it unchanged:
 *
 *   {"print":{"hms":[{"attr":50331904,"code":65543}]}}
 *
 * attr is the upper 32 bits of the 64-bit code, code the lower 32, both JSON
 * integers (HMS_0300_0100_0001_0007: attr 0x03000100, code 0x00010007).
 *
 * An event is one object with the fields hmsctl prints ("code" as
 * "HMS_0300_0100_0001_0007", "state", "severity", "seq", "value",
 * "source", times in ns...) and "message" when the caller has one.
 */
#ifndef HMS_AGENT_MQTT_PAYLOAD_H
#define HMS_AGENT_MQTT_PAYLOAD_H

#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "event.h"

/* Limits on what the parser reads: a report larger than this is refused. */
#define HMS_MQTT_REPORT_MAX_BYTES	(1024 * 1024)
#define HMS_MQTT_REPORT_MAX_CODES	1024

/* Both return a string to free(), or NULL when out of memory. */
char *hms_mqtt_report_payload(const struct hms_event *active, size_t n);
char *hms_mqtt_event_payload(const struct hms_event *event, const char *message);

/*
 * Reads a report of @len bytes (need not end in NUL). Extra fields anywhere
 * are ignored, as real printers send many. On success returns TRUE and the
 * codes in *@codes (to free(); NULL when there are none) and their number
 * in *@n. On a malformed report returns FALSE and says what is wrong, and
 * where, in @error (HMS_ERROR_PARSE).
 */
gboolean hms_mqtt_report_parse(const char *payload, size_t len, uint64_t **codes, size_t *n,
			       GError **error);

#endif
