// SPDX-License-Identifier: GPL-2.0
/* An event or table entry as JSON: one spelling for hmsctl, hmsd and MQTT. */
#include <string.h>

#include "code.h"
#include "event_json.h"

json_object *hms_event_json(const struct hms_event *ev)
{
	json_object *obj = json_object_new_object();
	char code[HMS_CODE_STRLEN];

	hms_code_format(ev->code, code);
	json_object_object_add(obj, "seq", json_object_new_uint64(ev->seq));
	json_object_object_add(obj, "code", json_object_new_string(code));
	json_object_object_add(obj, "state", json_object_new_string(hms_state_name(ev->state)));
	json_object_object_add(obj, "severity",
			       json_object_new_string(hms_severity_name(HMS_CODE_SEVERITY(ev->code))));
	json_object_object_add(obj, "acked", json_object_new_boolean(ev->flags & HMS_F_ACKED));
	json_object_object_add(obj, "update", json_object_new_boolean(ev->flags & HMS_F_UPDATE));
	json_object_object_add(obj, "count", json_object_new_int64(ev->count));
	json_object_object_add(obj, "value", json_object_new_int64(ev->value));
	/* The kernel terminates it; a caller's struct might not. */
	json_object_object_add(obj, "source",
			       json_object_new_string_len(ev->source,
							  strnlen(ev->source, sizeof(ev->source))));
	json_object_object_add(obj, "time_real_ns", json_object_new_uint64(ev->time_real));
	json_object_object_add(obj, "time_boot_ns", json_object_new_uint64(ev->time_boot));
	json_object_object_add(obj, "first_seen_ns", json_object_new_uint64(ev->first_seen));
	json_object_object_add(obj, "last_seen_ns", json_object_new_uint64(ev->last_seen));
	return obj;
}
