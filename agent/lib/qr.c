// SPDX-License-Identifier: GPL-2.0
/*
 * QR codes of a code's wiki page, with libqrencode: in a terminal, and as
 * an image.
 */
#include <errno.h>
#include <string.h>
#include <qrencode.h>

#include "error.h"
#include "qr.h"

static QRcode *encode(const char *text, GError **error)
{
	QRcode *qr;

	if (!text || !*text) {
		g_set_error_literal(error, HMS_ERROR, HMS_ERROR_INVAL,
				    "no text to make a QR code of");
		return NULL;
	}
	/* Version 0: as small as the text allows. Sets errno on failure. */
	errno = 0;
	qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		g_set_error(error, HMS_ERROR, errno == ENOMEM ? HMS_ERROR_FAILED : HMS_ERROR_INVAL,
			    "cannot make a QR code of %zu bytes: %s", strlen(text),
			    errno == ERANGE ? "too long" : g_strerror(errno));
	return qr;
}

/* Whether the module at (x, y) of the symbol with @margin around it is dark. */
static bool dark(const QRcode *qr, int margin, int x, int y)
{
	x -= margin;
	y -= margin;
	if (x < 0 || y < 0 || x >= qr->width || y >= qr->width)
		return false;
	return qr->data[y * qr->width + x] & 1;
}

gboolean hms_qr_print(FILE *out, const char *text, bool dark_ink, GError **error)
{
	/* Indexed by (upper inked) | (lower inked) << 1. */
	static const char *const glyphs[] = { " ", "\u2580", "\u2584", "\u2588" };
	const int margin = HMS_QR_MARGIN_TERMINAL;
	QRcode *qr = encode(text, error);
	int size, x, y;
	bool upper, lower;

	if (!qr)
		return FALSE;
	size = qr->width + 2 * margin;
	for (y = 0; y < size; y += 2) {
		for (x = 0; x < size; x++) {
			upper = dark(qr, margin, x, y) == dark_ink;
			/* An odd size leaves the last line's lower half outside. */
			lower = y + 1 < size && dark(qr, margin, x, y + 1) == dark_ink;
			fputs(glyphs[upper | lower << 1], out);
		}
		fputc('\n', out);
	}
	QRcode_free(qr);
	if (ferror(out)) {
		g_set_error(error, HMS_ERROR, HMS_ERROR_IO, "cannot write the QR code: %s",
			    g_strerror(errno));
		return FALSE;
	}
	return TRUE;
}

GdkPixbuf *hms_qr_pixbuf(const char *text, int scale, GError **error)
{
	const int margin = HMS_QR_MARGIN_IMAGE;
	GdkPixbuf *pixbuf;
	QRcode *qr;
	guchar *pixels, *p;
	int size, stride, x, y;

	if (scale < 1 || scale > 64) {
		g_set_error(error, HMS_ERROR, HMS_ERROR_INVAL,
			    "a QR code's scale of %d pixels is not 1-64", scale);
		return NULL;
	}
	qr = encode(text, error);
	if (!qr)
		return NULL;
	size = (qr->width + 2 * margin) * scale;
	pixbuf = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, size, size);
	if (!pixbuf) {
		QRcode_free(qr);
		g_set_error(error, HMS_ERROR, HMS_ERROR_FAILED,
			    "no memory for a QR code image of %d pixels", size);
		return NULL;
	}
	pixels = gdk_pixbuf_get_pixels(pixbuf);
	stride = gdk_pixbuf_get_rowstride(pixbuf);
	for (y = 0; y < size; y++) {
		p = pixels + (size_t)y * stride;
		for (x = 0; x < size; x++, p += 3)
			memset(p, dark(qr, margin, x / scale, y / scale) ? 0x00 : 0xff, 3);
	}
	QRcode_free(qr);
	return pixbuf;
}
