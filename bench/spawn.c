// SPDX-License-Identifier: GPL-2.0
/*
 * spawn - how long a command takes, start-up included: runs it N times
 * (its output to /dev/null) and prints "spawn: best=US median=US n=N".
 *
 *   spawn N COMMAND [ARG...]
 *
 * Exit status: 0 done, 1 the command failed, 2 usage.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

static int cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[1]) : 0, i, status;
	long long *us, t0;
	pid_t pid;

	if (n <= 0) {
		fprintf(stderr, "usage: spawn N COMMAND [ARG...]\n");
		return 2;
	}
	us = calloc(n, sizeof(*us));
	for (i = 0; i < n; i++) {
		t0 = now_us();
		pid = fork();
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);

			dup2(null, 1);
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid || status) {
			fprintf(stderr, "spawn: %s failed\n", argv[2]);
			return 1;
		}
		us[i] = now_us() - t0;
	}
	qsort(us, n, sizeof(*us), cmp);
	printf("spawn: best=%lld median=%lld n=%d\n", us[0], us[n / 2], n);
	return 0;
}
