/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What hms says over MQTT, and reading what a printer says. Pure: no I/O.
 *
 * The state report is the active list in the printer's own format, so tools
 * made for Bambu printers (Home Assistant's integration) read it unchanged:
 *
 *   {"print":{"command":"push_status","sequence_id":"7",
 *             "hms":[{"attr":50331904,"code":65543}]}}
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

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "event.h"

/*
 * Limits on what the parser reads: a message larger than this is refused,
 * entries beyond the maximum are left out (and counted as skipped).
 */
#define HMS_MQTT_REPORT_MAX_BYTES	(1024 * 1024)
#define HMS_MQTT_REPORT_MAX_CODES	1024

/* hms's version, as get_version answers it. */
#ifndef HMS_AGENT_VERSION
#define HMS_AGENT_VERSION "0.1.0"
#endif

/* A request's sequence_id is echoed back; longer ones are cut. */
#define HMS_MQTT_SEQUENCE_MAX	32

/* The requests of device/P/request that hms knows (others are ignored). */
enum hms_mqtt_request {
	HMS_MQTT_REQUEST_OTHER,
	HMS_MQTT_REQUEST_PUSHALL,	/* {"pushing":{"command":"pushall",...}} */
	HMS_MQTT_REQUEST_GET_VERSION,	/* {"info":{"command":"get_version",...}} */
};

/*
 * All return a string to free(), or NULL when out of memory.
 *
 * The report is the printer's push_status: "command":"push_status" and
 * "sequence_id", as Home Assistant's integration waits for both.
 */
char *hms_mqtt_report_payload(const struct hms_event *active, size_t n, const char *sequence_id);
char *hms_mqtt_event_payload(const struct hms_event *event, const char *message);
/* What a client sends a printer: @request's JSON with @sequence_id. */
char *hms_mqtt_request_payload(enum hms_mqtt_request request, const char *sequence_id);
/* get_version's answer: hms, its version, and @printer as the serial. */
char *hms_mqtt_version_payload(const char *printer, const char *sequence_id);

/*
 * Which request @payload (@len bytes) is, and its sequence_id (a string or
 * a number, as clients send either; "0" when missing) in @sequence_id.
 * Never fails: anything else is HMS_MQTT_REQUEST_OTHER.
 */
enum hms_mqtt_request hms_mqtt_request_parse(const char *payload, size_t len,
					     char sequence_id[HMS_MQTT_SEQUENCE_MAX]);

/* What a printer's message says about its active list. */
struct hms_mqtt_report {
	/*
	 * print.hms is there: codes are the whole active list. Without it the
	 * message is other traffic (a P1's partial update, info, system...).
	 */
	bool has_list;
	uint64_t *codes;	/* to free(); NULL when there are none */
	size_t n;
	size_t skipped;		/* entries that are no code, left out */
	char skipped_why[96];	/* what is wrong with the first of them */
};

/*
 * Reads a message of @len bytes (need not end in NUL). Extra fields
 * anywhere are ignored, as real printers send many; an entry of print.hms
 * that is no code is left out and counted, the others are kept (one odd
 * entry must not hide a fatal code). Any severity is taken: Bambu Lab's
 * printers send some of severity 0, shown "unknown". Returns TRUE and
 * fills @report (free its codes), or FALSE when the message is not a JSON
 * object, or print or print.hms has the wrong type, saying what is wrong,
 * and where, in @error (HMS_ERROR_PARSE).
 */
gboolean hms_mqtt_report_parse(const char *payload, size_t len, struct hms_mqtt_report *report,
			       GError **error);

#endif
