// SPDX-License-Identifier: GPL-2.0
/* hmsd's own messages: to stderr in the foreground, to syslog as a daemon. */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static const char *log_ident = "hms";
static bool log_syslog;

void hms_log_open(const char *ident, bool use_syslog)
{
	log_ident = ident;
	log_syslog = use_syslog;
	if (use_syslog)
		openlog(ident, LOG_PID, LOG_DAEMON);
}

void hms_log(int priority, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (log_syslog) {
		vsyslog(priority, fmt, ap);
	} else {
		/* One write per line, so lines of concurrent writers do not mix. */
		char line[1024];

		vsnprintf(line, sizeof(line), fmt, ap);
		fprintf(stderr, "%s: %s\n", log_ident, line);
		fflush(stderr);
	}
	va_end(ap);
}
