/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A sink that writes each change to the systemd journal as a structured
 * entry, or, without a journal, as one readable line through hms_log().
 *
 * Fields: MESSAGE, MESSAGE_ID (one per kind of change, below), PRIORITY
 * (from the severity for a raise), HMS_CODE=HMS_0300_0100_0001_0007,
 * HMS_STATE, HMS_SEVERITY (fatal...info), HMS_MODULE (hex module id, 03),
 * HMS_VALUE, HMS_SOURCE, HMS_SEQ, HMS_ACKED, and HMS_RESYNC=1 on a change
 * found by a resync rather than announced. Find them with e.g.
 *   journalctl MESSAGE_ID=3aff5fe6c51547a89f176666e9ffa536 HMS_SEVERITY=fatal
 */
#ifndef HMS_AGENT_JOURNAL_SINK_H
#define HMS_AGENT_JOURNAL_SINK_H

#include <stdbool.h>
#include <stddef.h>

#include "codedb.h"
#include "sink.h"

#define HMS_MESSAGE_ID_RAISED	"3aff5fe6c51547a89f176666e9ffa536"
#define HMS_MESSAGE_ID_CLEARED	"43339008f55447f9b38cdfe3d7a54c79"
#define HMS_MESSAGE_ID_ACKED	"c60d0b7e4ea74afcad4612b99addd065"
#define HMS_MESSAGE_ID_DROPPED	"25e55786cc8a4f63a8dbb9103831cca1"

/* Is there a journal to write to (its socket exists)? */
bool hms_journal_available(void);

/*
 * A sink to the journal if @use_journal, else to hms_log(). A code @db
 * (may be NULL) knows is told in @lang words too (HMS_TEXT, and after the
 * message). Nothing to close.
 */
struct hms_sink hms_journal_sink(bool use_journal, const struct hms_codedb *db,
				 const char *lang);

/* The parts of an entry, for the sink and its tests. */
const char *hms_journal_message_id(unsigned int state);
int hms_journal_priority(const struct hms_event *ev);
/* "raised HMS_0300_0100_0001_0007 fatal value=-273 source=bed-ntc seq=1" */
void hms_journal_message(const struct hms_event *ev, char *buf, size_t len);

#endif
