// SPDX-License-Identifier: GPL-2.0
/* The code table in hms's own format, JSON Lines (agent/data/README.md). */
#include "fuzz_codedb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_codedb(data, size);
	return 0;
}
