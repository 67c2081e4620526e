// SPDX-License-Identifier: GPL-2.0
/*
 * hmsd's configuration file: hmsd --config FILE reads [hmsd]
 * (hmsd_options_parse), then [notify] (hms_policy_load) and the wiki link's
 * template of [codes] (hms_wiki_check). [codes] files and [mqtt] are not
 * read: they open files and connect to brokers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fuzz_file.h"
#include "policy.h"
#include "wiki.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[] = { "hmsd", "--config", (char *)fuzz_file(data, size), NULL };
	struct hmsd_options opts = { 0 };
	g_autoptr(GError) error = NULL;
	struct hms_policy policy;
	size_t warned = 0;

	if (hmsd_options_parse(3, argv, &opts, fuzz_warn, &warned, &error)) {
		if (!error)
			abort();
	} else {
		g_autofree char *wiki = NULL;

		hms_policy_defaults(&policy);
		if (!hms_policy_load(&policy, opts.file, opts.config, &error) && !error)
			abort();
		g_clear_error(&error);
		wiki = g_key_file_get_string(opts.file, "codes", "wiki", NULL);
		if (wiki && hms_wiki_check(wiki, NULL)) {
			free(hms_wiki_url(wiki, NULL, 0x0300010000010007ull, "de"));
		}
	}
	hmsd_options_free(&opts);
	return 0;
}
