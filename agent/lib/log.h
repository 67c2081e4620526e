/* SPDX-License-Identifier: GPL-2.0 */
/* hmsd's own messages: to stderr in the foreground, to syslog as a daemon. */
#ifndef HMS_AGENT_LOG_H
#define HMS_AGENT_LOG_H

#include <stdbool.h>
#include <syslog.h>

void hms_log_open(const char *ident, bool use_syslog);
void hms_log(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
