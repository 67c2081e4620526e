/* SPDX-License-Identifier: GPL-2.0 */
/* The agent's one error convention: GError in the HMS_ERROR domain. */
#ifndef HMS_ERROR_H
#define HMS_ERROR_H

#include <glib.h>

#define HMS_ERROR hms_error_quark()

enum hms_error_code {
	HMS_ERROR_FAILED,
	HMS_ERROR_INVAL,
	HMS_ERROR_NOENT,
	HMS_ERROR_PERM,
	HMS_ERROR_NOKERNEL,
	HMS_ERROR_IO,
	HMS_ERROR_PARSE,
};

GQuark hms_error_quark(void);

#endif /* HMS_ERROR_H */
