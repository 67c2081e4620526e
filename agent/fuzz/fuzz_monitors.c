// SPDX-License-Identifier: GPL-2.0
/* Monitors config files (hms_monitors_read). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_file.h"
#include "monitors.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(GError) error = NULL;
	struct hms_monitor_conf *confs = NULL;
	size_t i, k;
	int n;

	n = hms_monitors_read(fuzz_file(data, size), &confs, &error);
	if (n < 0) {
		if (!error || confs)
			abort();
		return 0;
	}
	for (i = 0; i < (size_t)n; i++) {
		if (!confs[i].name[0] || !confs[i].source[0] || !confs[i].kind)
			abort();
		for (k = 0; k < hms_n_props; k++) {
			char buf[HMS_PROP_STRLEN];

			if (confs[i].present & (1U << k))
				hms_prop_format(&hms_props[k], confs[i].values[k], buf);
		}
	}
	free(confs);
	return 0;
}
