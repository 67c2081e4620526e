/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Messages. hms_log(): hmsd's own, to stderr in the foreground, to syslog
 * as a daemon. hms_warn_fn: how the library hands a warning (something
 * skipped, not an error: those are GErrors, error.h) to its caller, who
 * decides where it goes.
 */
#ifndef HMS_AGENT_LOG_H
#define HMS_AGENT_LOG_H

#include <stdbool.h>
#include <syslog.h>

/* One warning, whole: "FILE:LINE: what was skipped, and why". */
typedef void (*hms_warn_fn)(const char *warning, void *arg);

void hms_log_open(const char *ident, bool use_syslog);
void hms_log(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
