// SPDX-License-Identifier: GPL-2.0
/*
 * The code table in Bambu Lab's official format: the same loader as
 * fuzz_codedb_jsonl, which tells the formats apart by content, from a
 * corpus of official tables.
 */
#include "fuzz_codedb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_codedb(data, size);
	return 0;
}
