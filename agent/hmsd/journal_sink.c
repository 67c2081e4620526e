// SPDX-License-Identifier: GPL-2.0
/* Every change to the systemd journal, with fields to search by. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <glib.h>
#include <systemd/sd-journal.h>

#include "code.h"
#include "journal_sink.h"
#include "log.h"
#include "wording.h"

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
	char reported[HMS_SOURCE_LEN + 16] = "";

	if (ev->flags & HMS_VIEW_F_REPORTED)
		snprintf(reported, sizeof(reported), " (reported by %.*s)", HMS_SOURCE_LEN,
			 ev->source);
	snprintf(buf, len, "%s %s %s value=%" PRId64 " source=%.*s seq=%" PRIu64 "%s%s%s",
		 hms_state_name(ev->state), code, hms_severity_name(HMS_CODE_SEVERITY(ev->code)),
		 ev->value, HMS_SOURCE_LEN, ev->source, ev->seq,
		 ev->flags & HMS_F_UPDATE ? " update" : "",
		 ev->flags & HMS_VIEW_F_RESYNC ? " (found by resync)" : "", reported);
}

struct words {
	const struct hms_codedb *db;
	const char *lang;
};

/* What the code table says of @ev's code, for free(); NULL when nothing. */
static char *text_of(const struct words *words, const struct hms_event *ev)
{
	struct hms_code_info info;

	if (!words || hms_codedb_lookup(words->db, ev->code, words->lang, &info))
		return NULL;
	return hms_wording_message(words->db, ev->code, words->lang);
}

/* The message, and what the code means where the table says. */
static void describe(const struct words *words, const struct hms_event *ev, char *buf,
		     size_t len)
{
	char *text = text_of(words, ev);
	size_t used;

	hms_journal_message(ev, buf, len);
	used = strlen(buf);
	if (text && used < len)
		snprintf(buf + used, len - used, ": %s", text);
	free(text);
}

static void to_journal(void *ctx, const struct hms_event *ev, const struct hms_view *view)
{
	char code[HMS_CODE_STRLEN], message[512];
	char *text = text_of(ctx, ev);
	int err;

	(void)view;
	hms_code_format(ev->code, code);
	describe(ctx, ev, message, sizeof(message));
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
			      "HMS_TEXT=%s", text ? text : "",
			      NULL);
	free(text);
	/* The journal went away: the change must still be seen somewhere. */
	if (err < 0)
		hms_log(hms_journal_priority(ev), "%s", message);
}

static void to_log(void *ctx, const struct hms_event *ev, const struct hms_view *view)
{
	char message[512];

	(void)view;
	describe(ctx, ev, message, sizeof(message));
	hms_log(hms_journal_priority(ev), "%s", message);
}

static void close_sink(void *ctx)
{
	g_free(ctx);
}

struct hms_sink hms_journal_sink(bool use_journal, const struct hms_codedb *db,
				 const char *lang)
{
	struct words *words = g_new0(struct words, 1);

	words->db = db;
	words->lang = lang;
	return (struct hms_sink){
		.name = use_journal ? "journal" : "log",
		.change = use_journal ? to_journal : to_log,
		.close = close_sink,
		.ctx = words,
	};
}
