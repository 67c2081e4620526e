// SPDX-License-Identifier: GPL-2.0
/* The HMS_ERROR domain. */
#include "error.h"

G_DEFINE_QUARK(hms-error-quark, hms_error)
