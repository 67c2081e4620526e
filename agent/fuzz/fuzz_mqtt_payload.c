// SPDX-License-Identifier: GPL-2.0
/*
 * A printer's MQTT message (hms_mqtt_report_parse) and a client's request
 * (hms_mqtt_request_parse): what is read of a list is written back in the
 * report format and read again to the same codes, with nothing skipped.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mqtt_payload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(GError) error = NULL;
	struct hms_mqtt_report report = { 0 }, again = { 0 };
	char sequence_id[HMS_MQTT_SEQUENCE_MAX];
	struct hms_event *events;
	char *payload;
	size_t i;

	if (hms_mqtt_request_parse((const char *)data, size, sequence_id) > 2 ||
	    strlen(sequence_id) >= HMS_MQTT_SEQUENCE_MAX)
		abort();
	if (!hms_mqtt_report_parse((const char *)data, size, &report, &error)) {
		if (!error || !error->message)
			abort();
		return 0;
	}
	if (report.n > HMS_MQTT_REPORT_MAX_CODES || (!report.has_list && (report.n || report.skipped)))
		abort();
	events = calloc(report.n + 1, sizeof(*events));
	for (i = 0; i < report.n; i++)
		events[i].code = report.codes[i];
	payload = hms_mqtt_report_payload(events, report.n, sequence_id);
	if (!payload || !hms_mqtt_report_parse(payload, strlen(payload), &again, NULL) ||
	    !again.has_list || again.skipped || again.n != report.n ||
	    (report.n && memcmp(report.codes, again.codes, report.n * sizeof(*report.codes))))
		abort();
	free(payload);
	free(events);
	free(report.codes);
	free(again.codes);
	return 0;
}
