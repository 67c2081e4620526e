// SPDX-License-Identifier: GPL-2.0
/*
 * burst - raises N codes as fast as it can, then clears the even ones and
 * acknowledges every other odd one, so that a listener's socket overruns. Codes are
 * HMS_05UU_PP00_0004_0100 (mainboard, info), UU.PP counting from FIRST
 * (default 0), so that bursts can run side by side on codes of their own;
 * the acknowledged ones are FIRST + 1, 5, 9...
 * Exit status: 0 done, 1 a request failed, 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>

#include "client.h"

static uint64_t burst_code(unsigned int i)
{
	return HMS_CODE(HMS_MODULE_MAINBOARD, i >> 8, i & 0xff, HMS_SEVERITY_INFO, 0x100);
}

int main(int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	struct hms_client client;
	unsigned int i, n, first = 0;
	int64_t value;
	char *end;
	int err = 0;

	if (argc < 2 || argc > 3 || (n = (unsigned int)strtoul(argv[1], &end, 10)) == 0 ||
	    *end || (argc == 3 && ((first = (unsigned int)strtoul(argv[2], &end, 10)) > 0xffff ||
				   *end)) || n > 0x10000 - first) {
		fprintf(stderr, "usage: burst N [FIRST] (N + FIRST at most 65536)\n");
		return 2;
	}
	if (hms_client_open(&client, &error)) {
		fprintf(stderr, "burst: %s\n", error->message);
		return 1;
	}
	for (i = 0; i < n && !err; i++) {
		value = i;
		err = hms_client_report(&client, burst_code(first + i), true, &value, "burst", &error);
	}
	for (i = 0; i < n && !err; i += 2)
		err = hms_client_report(&client, burst_code(first + i), false, NULL, NULL, &error);
	for (i = 1; i < n && !err; i += 4)
		err = hms_client_ack(&client, burst_code(first + i), &error);
	if (err)
		fprintf(stderr, "burst: %s\n", error->message);
	hms_client_close(&client);
	return err ? 1 : 0;
}
