// SPDX-License-Identifier: GPL-2.0
/* The HMS_ERROR domain, and its codes for other errors. */
#include <errno.h>

#include "error.h"

G_DEFINE_QUARK(hms-error-quark, hms_error)

int hms_error_from_errno(int err)
{
	switch (err) {
	case ENOENT:
		return HMS_ERROR_NOENT;
	case EPERM:
	case EACCES:
		return HMS_ERROR_PERM;
	case EINVAL:
	case ERANGE:
	case EMSGSIZE:
	case EOPNOTSUPP:
		return HMS_ERROR_INVAL;
	case EIO:
	case ENOSPC:
	case EDQUOT:
	case EROFS:
	case EFBIG:
	case EISDIR:
	case ENOTDIR:
		return HMS_ERROR_IO;
	default:
		return HMS_ERROR_FAILED;
	}
}

int hms_error_from_file(const GError *err)
{
	if (g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOENT))
		return HMS_ERROR_NOENT;
	if (g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_ACCES))
		return HMS_ERROR_PERM;
	if (err->domain == G_KEY_FILE_ERROR)
		return HMS_ERROR_PARSE;
	return HMS_ERROR_IO;
}
