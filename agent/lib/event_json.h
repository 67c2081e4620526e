/* SPDX-License-Identifier: GPL-2.0 */
/* An event or table entry as JSON: one spelling for hmsctl, hmsd and MQTT. */
#ifndef HMS_AGENT_EVENT_JSON_H
#define HMS_AGENT_EVENT_JSON_H

#include <json-c/json.h>

#include "event.h"

/* seq, code ("HMS_..."), state, severity, acked, update, count, value, source, times. */
json_object *hms_event_json(const struct hms_event *ev);

#endif
