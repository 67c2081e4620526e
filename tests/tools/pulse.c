// SPDX-License-Identifier: GPL-2.0
/*
 * pulse FILE HZ: a fan's tachometer for the tests. Writes "pull-up" and
 * "pull-down" to a gpio-sim line's pull attribute, HZ times a second each,
 * until killed. Deadlines are absolute, so a late write makes the next one
 * sooner and the rate over any second stays HZ.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int pull(int fd, const char *how)
{
	return pwrite(fd, how, strlen(how), 0) == (ssize_t)strlen(how) ? 0 : -1;
}

static void add_ns(struct timespec *t, long ns)
{
	t->tv_nsec += ns;
	while (t->tv_nsec >= 1000000000L) {
		t->tv_nsec -= 1000000000L;
		t->tv_sec++;
	}
}

int main(int argc, char **argv)
{
	struct timespec next;
	long half_period;
	double hz;
	char *end;
	int fd;

	if (argc != 3 || (hz = strtod(argv[2], &end)) <= 0 || *end || hz > 10000) {
		fprintf(stderr, "usage: pulse FILE HZ (0 < HZ <= 10000)\n");
		return 2;
	}
	fd = open(argv[1], O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "pulse: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	half_period = (long)(1e9 / hz / 2);
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (;;) {
		if (pull(fd, "pull-up"))
			break;
		add_ns(&next, half_period);
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
		if (pull(fd, "pull-down"))
			break;
		add_ns(&next, half_period);
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
	}
	fprintf(stderr, "pulse: %s: %s\n", argv[1], strerror(errno));
	close(fd);
	return 1;
}
