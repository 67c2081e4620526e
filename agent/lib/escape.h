/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Text from a file or the kernel (a code table's words, a history record, a
 * monitor's source) made safe for a terminal: a control character or a byte
 * that is not UTF-8 would be taken by the terminal as a command (ESC [ 2 J,
 * a title, a hyperlink), so it is shown escaped instead.
 */
#ifndef HMS_AGENT_ESCAPE_H
#define HMS_AGENT_ESCAPE_H

/*
 * @text with each C0 control, DEL and byte of invalid UTF-8 as \xNN, each
 * C1 control (U+0080 to U+009F) as \u00NN; the rest as it is. g_free().
 * NULL for NULL.
 */
char *hms_escape(const char *text);

#endif
