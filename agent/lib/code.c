// SPDX-License-Identifier: GPL-2.0
/*
 * Health codes parsed from the ways people write them, and formatted
 * as HMS_0300_0100_0001_0007; the names of severities and states.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "code.h"

int hms_code_parse_any(const char *text, uint64_t *code)
{
	char sep = 0;
	uint64_t value = 0;
	int digits = 0;
	const char *p;

	if (!strncmp(text, "HMS_", 4)) {
		text += 4;
		sep = '_';
	}

	for (p = text; *p; p++) {
		if (isxdigit((unsigned char)*p)) {
			if (++digits > 16)
				return -1;
			value = value << 4 | (uint64_t)(isdigit((unsigned char)*p) ?
					*p - '0' : tolower((unsigned char)*p) - 'a' + 10);
			continue;
		}
		/* A separator, the same one throughout, between groups of four. */
		if (digits == 0 || digits % 4 || p[1] == '\0' || (*p != '_' && *p != '-'))
			return -1;
		if (!sep)
			sep = *p;
		if (*p != sep || (p - text) % 5 != 4)
			return -1;
	}
	if (digits != 16 || (sep && p - text != 19))
		return -1;
	*code = value;
	return 0;
}

int hms_code_parse(const char *text, uint64_t *code)
{
	uint64_t value;

	if (hms_code_parse_any(text, &value) ||
	    HMS_CODE_SEVERITY(value) < HMS_SEVERITY_FATAL ||
	    HMS_CODE_SEVERITY(value) > HMS_SEVERITY_INFO)
		return -1;
	*code = value;
	return 0;
}

void hms_code_format(uint64_t code, char buf[HMS_CODE_STRLEN])
{
	snprintf(buf, HMS_CODE_STRLEN, "HMS_%04X_%04X_%04X_%04X",
		 (unsigned int)(code >> 48) & 0xffff, (unsigned int)(code >> 32) & 0xffff,
		 (unsigned int)(code >> 16) & 0xffff, (unsigned int)code & 0xffff);
}

const char *hms_severity_name(unsigned int severity)
{
	static const char *const names[] = {
		[HMS_SEVERITY_FATAL] = "fatal",
		[HMS_SEVERITY_SERIOUS] = "serious",
		[HMS_SEVERITY_COMMON] = "common",
		[HMS_SEVERITY_INFO] = "info",
	};

	if (severity < sizeof(names) / sizeof(names[0]) && names[severity])
		return names[severity];
	return "unknown";
}

const char *hms_state_name(unsigned int state)
{
	static const char *const names[] = {
		[HMS_STATE_RAISED] = "raised",
		[HMS_STATE_CLEARED] = "cleared",
		[HMS_STATE_ACKED] = "acked",
		[HMS_STATE_DROPPED] = "dropped",
	};

	if (state < sizeof(names) / sizeof(names[0]) && names[state])
		return names[state];
	return "unknown";
}
