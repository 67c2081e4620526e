// SPDX-License-Identifier: GPL-2.0
/* A whole input file read, its kind and size checked before it is read. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/stat.h>

#include "error.h"
#include "file.h"

static gboolean failed(const char *path, int err, GError **error)
{
	g_set_error(error, HMS_ERROR, hms_error_from_errno(err), "%s: %s", path,
		    g_strerror(err));
	return FALSE;
}

static gboolean too_large(const char *path, size_t max, GError **error)
{
	g_set_error(error, HMS_ERROR, HMS_ERROR_INVAL, "%s: larger than %zu %s", path,
		    max >= 1024 * 1024 ? max / (1024 * 1024) : max / 1024,
		    max >= 1024 * 1024 ? "MiB" : "KiB");
	return FALSE;
}

gboolean hms_file_read(const char *path, size_t max, char **contents, size_t *len,
		       GError **error)
{
	/* O_NONBLOCK: opening a FIFO does not wait for a writer. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	size_t have = 0, cap;
	char *buf;

	if (fd < 0)
		return failed(path, errno, error);
	if (fstat(fd, &st)) {
		int err = errno;

		close(fd);
		return failed(path, err, error);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		g_set_error(error, HMS_ERROR, HMS_ERROR_INVAL, "%s: not a regular file", path);
		return FALSE;
	}
	if ((uint64_t)st.st_size > max) {
		close(fd);
		return too_large(path, max, error);
	}
	/* It may still grow while it is read: never past @max. */
	cap = (size_t)st.st_size + 1;
	buf = g_malloc(cap + 1);
	for (;;) {
		ssize_t n = read(fd, buf + have, cap - have);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			g_free(buf);
			close(fd);
			return failed(path, err, error);
		}
		if (n == 0)
			break;
		have += (size_t)n;
		if (have > max) {
			g_free(buf);
			close(fd);
			return too_large(path, max, error);
		}
		if (have == cap) {
			cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			buf = g_realloc(buf, cap + 1);
		}
	}
	close(fd);
	buf[have] = '\0';
	*contents = buf;
	if (len)
		*len = have;
	return TRUE;
}
