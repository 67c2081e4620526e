/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a whole input file (a code table, a configuration) with its size
 * checked first: /dev/zero, a FIFO or a huge file is refused, not read
 * until memory runs out or forever.
 */
#ifndef HMS_AGENT_FILE_H
#define HMS_AGENT_FILE_H

#include <stddef.h>
#include <glib.h>

/* The limits: a code table (an official one is a few MB), a configuration. */
#define HMS_FILE_MAX_TABLE (64 * 1024 * 1024)
#define HMS_FILE_MAX_CONFIG (1024 * 1024)

/*
 * The contents of @path into *@contents (NUL-terminated, g_free()) and
 * *@len. FALSE with @error if it cannot be read ("PATH: why"; HMS_ERROR_NOENT,
 * _PERM, _IO), is not a regular file ("PATH: not a regular file") or is
 * larger than @max bytes ("PATH: larger than N MiB"; both HMS_ERROR_INVAL).
 */
gboolean hms_file_read(const char *path, size_t max, char **contents, size_t *len,
		       GError **error);

#endif
