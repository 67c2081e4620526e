// SPDX-License-Identifier: GPL-2.0
/* History files (hms_history_read), the whole file and its last records. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_file.h"
#include "history.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	size_t warned = 0, last;
	json_object *records;

	for (last = 0; last < 3; last += 2) {
		records = hms_history_read(path, last, fuzz_warn, &warned, NULL);
		if (!records)
			abort();
		/* What hmsctl does with them: print each. */
		(void)json_object_to_json_string_ext(records, JSON_C_TO_STRING_PLAIN);
		json_object_put(records);
	}
	return 0;
}
