/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For the harnesses of parsers that only take a path: the fuzz input as a
 * file, one memfd rewritten for each input, named /proc/self/fd/N.
 */
#ifndef HMS_FUZZ_FILE_H
#define HMS_FUZZ_FILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static inline const char *fuzz_file(const uint8_t *data, size_t size)
{
	static char path[32];
	static int fd = -1;

	if (fd < 0) {
		fd = memfd_create("hms-fuzz", MFD_CLOEXEC);
		if (fd < 0) {
			perror("memfd_create");
			abort();
		}
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) || (size && pwrite(fd, data, size, 0) != (ssize_t)size)) {
		perror("fuzz input");
		abort();
	}
	return path;
}

/* The warnings of the parsers, read to the end and dropped. */
static inline void fuzz_warn(const char *warning, void *arg)
{
	size_t *n = arg;

	*n += strlen(warning);
}

#endif
