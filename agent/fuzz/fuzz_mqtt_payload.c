// SPDX-License-Identifier: GPL-2.0
/*
 * A printer's MQTT report (hms_mqtt_report_parse): what is read is
 * written back in the report format and read again to the same codes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mqtt_payload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(GError) error = NULL;
	struct hms_event *events;
	uint64_t *codes = NULL, *again = NULL;
	size_t n = 0, m = 0, i;
	char *payload;

	if (!hms_mqtt_report_parse((const char *)data, size, &codes, &n, &error)) {
		if (!error || !error->message)
			abort();
		return 0;
	}
	events = calloc(n + 1, sizeof(*events));
	for (i = 0; i < n; i++)
		events[i].code = codes[i];
	payload = hms_mqtt_report_payload(events, n);
	if (!payload || !hms_mqtt_report_parse(payload, strlen(payload), &again, &m, NULL) ||
	    m != n || (n && memcmp(codes, again, n * sizeof(*codes))))
		abort();
	free(payload);
	free(events);
	free(codes);
	free(again);
	return 0;
}
