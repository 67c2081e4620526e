/* SPDX-License-Identifier: GPL-2.0 */
/* hmsd's MQTT: the active list and each event, for phones and print farms. */
#ifndef HMS_AGENT_MQTT_SINK_H
#define HMS_AGENT_MQTT_SINK_H

#include "codedb.h"
#include "mqtt.h"
#include "sink.h"

/*
 * The sink publishes through @mqtt, which it owns from now on (its close
 * frees it), with each event's message from @db (may be NULL) in @lang.
 */
struct hms_sink hms_mqtt_sink(struct hms_mqtt *mqtt, const struct hms_codedb *db,
			      const char *lang);

#endif
