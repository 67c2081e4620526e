/* SPDX-License-Identifier: GPL-2.0 */
/* QR codes of a code's wiki page: in a terminal, and as an image. */
#ifndef HMS_AGENT_QR_H
#define HMS_AGENT_QR_H

#include <stdbool.h>
#include <stdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

/* Light modules around the symbol, as scanners need. */
#define HMS_QR_MARGIN_TERMINAL 2
#define HMS_QR_MARGIN_IMAGE 4

/*
 * @text as a QR code in UTF-8 half blocks, two modules a line. Terminals are
 * mostly light text on dark: the text colour draws the light modules, unless
 * @dark_ink (for dark text on light). FALSE with @error when @text cannot
 * be encoded (HMS_ERROR_INVAL: empty, too long) or @out not written
 * (HMS_ERROR_IO).
 */
gboolean hms_qr_print(FILE *out, const char *text, bool dark_ink, GError **error);

/*
 * @text as a QR code image, black on white, @scale pixels a module, with
 * the quiet zone; for notifications. NULL with @error when it cannot be
 * made.
 */
GdkPixbuf *hms_qr_pixbuf(const char *text, int scale, GError **error);

#endif
