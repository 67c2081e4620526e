// SPDX-License-Identifier: GPL-2.0
/* Code spellings (hms_code_parse): what is accepted formats back to itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), name[HMS_CODE_STRLEN];
	uint64_t code, again;

	memcpy(text, data, size);
	text[size] = '\0';
	if (!hms_code_parse(text, &code)) {
		hms_code_format(code, name);
		if (hms_code_parse(name, &again) || again != code)
			abort();
		(void)hms_severity_name(HMS_CODE_SEVERITY(code));
	}
	free(text);
	return 0;
}
