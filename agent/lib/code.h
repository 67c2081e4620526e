/* SPDX-License-Identifier: GPL-2.0 */
/* Health codes as people write them. */
#ifndef HMS_AGENT_CODE_H
#define HMS_AGENT_CODE_H

#include <stdint.h>
#include <linux/hms.h>

/* "HMS_0300_0100_0001_0007" and its terminating NUL */
#define HMS_CODE_STRLEN 24

/*
 * Accepts HMS_0300_0100_0001_0007, 0300-0100-0001-0007,
 * 0300_0100_0001_0007 and 0300010000010007 (hex digits in either case).
 * Returns 0, or -1 when @text is none of these or the severity is not 1-4.
 */
int hms_code_parse(const char *text, uint64_t *code);
/*
 * The same spellings, any severity: Bambu Lab's table has codes of
 * severity 0 (shown "unknown"), which the code database and decoding take;
 * the kernel's own table (raise, monitors) keeps to 1-4.
 */
int hms_code_parse_any(const char *text, uint64_t *code);
void hms_code_format(uint64_t code, char buf[HMS_CODE_STRLEN]);

const char *hms_severity_name(unsigned int severity);
const char *hms_state_name(unsigned int state);

#endif
