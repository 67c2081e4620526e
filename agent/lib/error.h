/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The agent's one error convention: a GError in the HMS_ERROR domain,
 * whose message is what the user reads.
 */
#ifndef HMS_AGENT_ERROR_H
#define HMS_AGENT_ERROR_H

#include <glib.h>

#define HMS_ERROR hms_error_quark()

GQuark hms_error_quark(void);

enum hms_error_code {
	HMS_ERROR_FAILED,	/* none of the below */
	HMS_ERROR_INVAL,	/* a bad argument, request or usage */
	HMS_ERROR_NOENT,	/* no such code, monitor or file */
	HMS_ERROR_PERM,		/* not allowed (CAP_NET_ADMIN) */
	HMS_ERROR_NOKERNEL,	/* the hms kernel module is not loaded */
	HMS_ERROR_IO,		/* a socket or file that failed */
	HMS_ERROR_PARSE,	/* malformed input: a message, a file */
};

/* The code for an errno (positive), from a file or from the kernel. */
int hms_error_from_errno(int err);

/* The code for GLib's error reading a file (GFileError, GKeyFileError). */
int hms_error_from_file(const GError *err);

#endif
