/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A code in words for a person: the code database's message (codedb.h)
 * rewritten for the code's own AMS, slot, motor, axis or sensor (decode.h),
 * or what its fields say when nobody described it.
 */
#ifndef HMS_AGENT_WORDING_H
#define HMS_AGENT_WORDING_H

#include <stdint.h>

#include "codedb.h"

/*
 * What to tell a person about @code, never NULL nor empty, for free(): the
 * message with the AMS, slot, motor, axis or sensor of @code itself when it
 * matched through another code ("AMS3 Slot4 filament has run out."), or,
 * for a code nobody described, the code and what its fields say. @db may be
 * NULL. NULL only when out of memory.
 */
char *hms_wording_message(const struct hms_codedb *db, uint64_t code, const char *lang);

/* @message, written for @entry, rewritten for @code. For free(). */
char *hms_wording_render(const char *message, uint64_t entry, uint64_t code);

#endif
