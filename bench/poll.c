// SPDX-License-Identifier: GPL-2.0
/*
 * poll - what hms's thermal monitors replace: a userspace poller reading
 * thermal zones' temp files every PERIOD_MS for SECONDS, and comparing
 * each value with a threshold as a monitor would.
 *
 *   poll pread|open PERIOD_MS SECONDS FILE...
 *
 * pread keeps each file open and preads it from offset 0; open opens,
 * reads and closes it every time. Wakes at absolute times, as a timer
 * would. Prints "poll: MODE reads=N failed=N late=N" (late: wake-ups a whole
 * period or more behind). Exit status: 0 done, 1 a file failed, 2 usage.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_FILES 64

static long long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

int main(int argc, char **argv)
{
	int fds[MAX_FILES], nfiles = argc - 4, use_pread, i, over = 0;
	long long period, end, reads = 0, failed = 0, late = 0;
	struct timespec next, now;
	char buf[32];
	ssize_t len;

	if (argc < 5 || nfiles > MAX_FILES ||
	    (strcmp(argv[1], "pread") && strcmp(argv[1], "open"))) {
		fprintf(stderr, "usage: poll pread|open PERIOD_MS SECONDS FILE...\n");
		return 2;
	}
	use_pread = !strcmp(argv[1], "pread");
	period = atoll(argv[2]) * 1000000LL;
	for (i = 0; i < nfiles && use_pread; i++) {
		fds[i] = open(argv[4 + i], O_RDONLY | O_CLOEXEC);
		if (fds[i] < 0) {
			perror(argv[4 + i]);
			return 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &next);
	end = ns(&next) + atoll(argv[3]) * 1000000000LL;
	while (ns(&next) < end) {
		for (i = 0; i < nfiles; i++) {
			if (use_pread) {
				len = pread(fds[i], buf, sizeof(buf) - 1, 0);
			} else {
				int fd = open(argv[4 + i], O_RDONLY | O_CLOEXEC);

				len = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
				if (fd >= 0)
					close(fd);
			}
			if (len <= 0) {
				failed++;
				continue;
			}
			buf[len] = 0;
			over += atoi(buf) > 300000;	/* the monitor's threshold */
			reads++;
		}
		next.tv_nsec += period;
		while (next.tv_nsec >= 1000000000L) {
			next.tv_nsec -= 1000000000L;
			next.tv_sec++;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (ns(&now) - ns(&next) >= period)
			late++;
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
	}
	printf("poll: %s reads=%lld failed=%lld late=%lld over=%d\n", argv[1], reads, failed,
	       late, over);
	return failed ? 1 : 0;
}
