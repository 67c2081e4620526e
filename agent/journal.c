// SPDX-License-Identifier: GPL-2.0
/* Every change to the systemd journal, with fields to search by. */
#include <inttypes.h>
#include <stdio.h>
#include <syslog.h>
#include <unistd.h>
#include <systemd/sd-journal.h>

#include "code.h"
#include "journal.h"
#include "log.h"

#define JOURNAL_SOCKET "/run/systemd/journal/socket"

bool hms_journal_available(void)
{
	return access(JOURNAL_SOCKET, F_OK) == 0;
}

const char *hms_journal_message_id(unsigned int state)
{
	switch (state) {
	case HMS_STATE_RAISED:
		return HMS_MESSAGE_ID_RAISED;
	case HMS_STATE_CLEARED:
		return HMS_MESSAGE_ID_CLEARED;
	case HMS_STATE_ACKED:
		return HMS_MESSAGE_ID_ACKED;
	default:
		return HMS_MESSAGE_ID_DROPPED;
	}
}

int hms_journal_priority(const struct hms_event *ev)
{
	if (ev->state == HMS_STATE_DROPPED)
		return LOG_ERR;		/* a fault nobody will see in the table */
	if (ev->state != HMS_STATE_RAISED)
		return LOG_INFO;
	switch (HMS_CODE_SEVERITY(ev->code)) {
	case HMS_SEVERITY_FATAL:
		return LOG_CRIT;
	case HMS_SEVERITY_SERIOUS:
		return LOG_ERR;
	case HMS_SEVERITY_COMMON:
		return LOG_WARNING;
	default:
		return LOG_INFO;
	}
}

void hms_journal_message(const struct hms_event *ev, char *buf, size_t len)
{
	char code[HMS_CODE_STRLEN];

	hms_code_format(ev->code, code);
	snprintf(buf, len, "%s %s %s value=%" PRId64 " source=%s seq=%" PRIu64 "%s%s",
		 hms_state_name(ev->state), code, hms_severity_name(HMS_CODE_SEVERITY(ev->code)),
		 ev->value, ev->source, ev->seq, ev->flags & HMS_F_UPDATE ? " update" : "",
		 ev->flags & HMS_VIEW_F_RESYNC ? " (found by resync)" : "");
}

static void to_journal(void *ctx, const struct hms_event *ev, const struct hms_view *view)
{
	char code[HMS_CODE_STRLEN], message[256];
	int err;

	(void)ctx;
	(void)view;
	hms_code_format(ev->code, code);
	hms_journal_message(ev, message, sizeof(message));
	err = sd_journal_send("MESSAGE=%s", message,
			      "MESSAGE_ID=%s", hms_journal_message_id(ev->state),
			      "PRIORITY=%d", hms_journal_priority(ev),
			      "HMS_CODE=%s", code,
			      "HMS_STATE=%s", hms_state_name(ev->state),
			      "HMS_SEVERITY=%s", hms_severity_name(HMS_CODE_SEVERITY(ev->code)),
			      "HMS_MODULE=%02x", HMS_CODE_MODULE(ev->code),
			      "HMS_VALUE=%" PRId64, ev->value,
			      "HMS_SOURCE=%s", ev->source,
			      "HMS_SEQ=%" PRIu64, ev->seq,
			      "HMS_ACKED=%d", !!(ev->flags & HMS_F_ACKED),
			      "HMS_RESYNC=%d", !!(ev->flags & HMS_VIEW_F_RESYNC),
			      NULL);
	/* The journal went away: the change must still be seen somewhere. */
	if (err < 0)
		hms_log(hms_journal_priority(ev), "%s", message);
}

static void to_log(void *ctx, const struct hms_event *ev, const struct hms_view *view)
{
	char message[256];

	(void)ctx;
	(void)view;
	hms_journal_message(ev, message, sizeof(message));
	hms_log(hms_journal_priority(ev), "%s", message);
}

struct hms_sink hms_journal_sink(bool use_journal)
{
	return (struct hms_sink){
		.name = use_journal ? "journal" : "log",
		.change = use_journal ? to_journal : to_log,
	};
}
