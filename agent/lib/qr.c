// SPDX-License-Identifier: GPL-2.0
/*
 * QR codes of a code's wiki page, with libqrencode: in a terminal, and as
 * an image.
 */
#include <errno.h>
#include <string.h>
#include <qrencode.h>

#include "qr.h"

static QRcode *encode(const char *text)
{
	if (!text || !*text) {
		errno = EINVAL;
		return NULL;
	}
	/* Version 0: as small as the text allows. Sets errno on failure. */
	return QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
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

int hms_qr_print(FILE *out, const char *text, bool dark_ink)
{
	/* Indexed by (upper inked) | (lower inked) << 1. */
	static const char *const glyphs[] = { " ", "\u2580", "\u2584", "\u2588" };
	const int margin = HMS_QR_MARGIN_TERMINAL;
	QRcode *qr = encode(text);
	int size, x, y;
	bool upper, lower;

	if (!qr)
		return -1;
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
	return ferror(out) ? -1 : 0;
}

GdkPixbuf *hms_qr_pixbuf(const char *text, int scale)
{
	const int margin = HMS_QR_MARGIN_IMAGE;
	GdkPixbuf *pixbuf;
	QRcode *qr;
	guchar *pixels, *p;
	int size, stride, x, y;

	if (scale < 1 || scale > 64) {
		errno = EINVAL;
		return NULL;
	}
	qr = encode(text);
	if (!qr)
		return NULL;
	size = (qr->width + 2 * margin) * scale;
	pixbuf = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, size, size);
	if (!pixbuf) {
		QRcode_free(qr);
		errno = ENOMEM;
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
