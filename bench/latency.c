// SPDX-License-Identifier: GPL-2.0
/*
 * latency - how long hms takes to tell a listener, against the
 * alternative a program would use without hms, side by side.
 *
 *   latency gpio N HMS_PULL CHIP LINE CDEV_PULL DEBOUNCE_US
 *	N times, a gpio-sim line is pulled the other way (pull-up, then
 *	pull-down...) through its sim_gpioX/pull file, and the time is taken
 *	until the event arrives. For hms: the line whose pull file is
 *	HMS_PULL, watched by a gpio monitor (loaded by the caller), its
 *	events read on a raw generic netlink socket. For the alternative:
 *	line LINE of CHIP (/dev/gpiochipN), pull file CDEV_PULL, requested
 *	with GPIO_V2_GET_LINE_IOCTL for both edges (debounced by
 *	DEBOUNCE_US, as the monitor's debounce_ms), its edge events read.
 *	The two take turns.
 *
 *   latency threshold N PERIOD_MS SET_FILE ZONE_TEMP HIGH
 *	N times, a temperature is written to SET_FILE (hms_sim's temp, or a
 *	zone's emul_temp) across HIGH, up then back down, and the time is
 *	taken until hms's event arrives (a thermal monitor sampling every
 *	PERIOD_MS, loaded by the caller) and until a poller thread reading
 *	ZONE_TEMP every PERIOD_MS with pread sees it. Writes come at random
 *	phases of the period.
 *
 * Prints, per listener, "latency: NAME p50=US p99=US max=US n=N miss=N
 * stamp_p50=US stamp_p99=US": µs from just before the write to the arrival
 * (miss: nothing within 2 s), and from the kernel's timestamp (the edge
 * event's, the hms event's HMS_A_TIME_BOOT; the poller has none) to it.
 * Exit status: 0 done, 1 a failure, 2 usage.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>

#include <linux/gpio.h>

#include "events.h"

#define MAX_N 10000

struct samples {
	const char *name;
	long long us[MAX_N];
	long long stamp_us[MAX_N];	/* from the kernel's timestamp to arrival */
	int n, miss;
};

static long long clock_us(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

static long long now_us(void)
{
	return clock_us(CLOCK_MONOTONIC);
}

static void sleep_us(long long us)
{
	struct timespec t = { .tv_sec = us / 1000000, .tv_nsec = us % 1000000 * 1000 };

	nanosleep(&t, NULL);
}

static int cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* The nearest-rank percentile. */
static long long pct(struct samples *s, long long *us, int p)
{
	int rank = (s->n * p + 99) / 100;

	return s->n ? us[rank ? rank - 1 : 0] : -1;
}

static void report(struct samples *s)
{
	qsort(s->us, s->n, sizeof(s->us[0]), cmp);
	qsort(s->stamp_us, s->n, sizeof(s->stamp_us[0]), cmp);
	printf("latency: %s p50=%lld p99=%lld max=%lld n=%d miss=%d stamp_p50=%lld stamp_p99=%lld\n",
	       s->name, pct(s, s->us, 50), pct(s, s->us, 99), s->n ? s->us[s->n - 1] : -1, s->n,
	       s->miss, pct(s, s->stamp_us, 50), pct(s, s->stamp_us, 99));
}

static int write_file(int fd, const char *what)
{
	if (pwrite(fd, what, strlen(what), 0) < 0) {
		perror("write");
		return -1;
	}
	return 0;
}

static int open_or_die(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);

	if (fd < 0) {
		perror(path);
		exit(1);
	}
	return fd;
}

static void listen_or_die(struct hms_listener *l)
{
	int err = hms_listen(l);

	if (err) {
		fprintf(stderr, "latency: hms events: %s\n", strerror(-err));
		exit(1);
	}
}

/* wait_hms: the next event's arrival, in µs after t0, into s. */
static int wait_hms(struct hms_listener *l, struct samples *s, long long t0)
{
	struct hms_event ev;
	int got = hms_next_event(l, &ev, 2000);

	if (got < 0) {
		fprintf(stderr, "latency: hms events: %s\n", strerror(-got));
		return -1;
	}
	if (got) {
		s->stamp_us[s->n] = clock_us(CLOCK_BOOTTIME) - (long long)(ev.time_boot / 1000);
		s->us[s->n++] = now_us() - t0;
	} else
		s->miss++;
	return 0;
}

static int gpio(int n, char **argv)
{
	static struct samples hms = { .name = "hms" }, cdev = { .name = "cdev" };
	struct gpio_v2_line_request req = { .num_lines = 1, .consumer = "bench" };
	struct gpio_v2_line_event edge;
	struct hms_listener l;
	struct pollfd pfd = { .events = POLLIN };
	int hms_pull, cdev_pull, chip, i, side;
	long long debounce_us = atoll(argv[4]), t0;
	const char *level;

	listen_or_die(&l);
	hms_pull = open_or_die(argv[0], O_WRONLY);
	cdev_pull = open_or_die(argv[3], O_WRONLY);
	chip = open_or_die(argv[1], O_RDONLY);
	req.offsets[0] = atoi(argv[2]);
	req.config.flags = GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_RISING |
			   GPIO_V2_LINE_FLAG_EDGE_FALLING;
	if (debounce_us) {
		req.config.num_attrs = 1;
		req.config.attrs[0].mask = 1;
		req.config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
		req.config.attrs[0].attr.debounce_period_us = debounce_us;
	}
	if (ioctl(chip, GPIO_V2_GET_LINE_IOCTL, &req)) {
		perror("GPIO_V2_GET_LINE_IOCTL");
		return 1;
	}
	pfd.fd = req.fd;
	for (i = 0; i < n; i++) {
		level = i % 2 ? "pull-down" : "pull-up";
		for (side = 0; side < 2; side++) {
			t0 = now_us();
			if ((side + i) % 2 == 0) {	/* each goes first half the time */
				if (write_file(hms_pull, level) || wait_hms(&l, &hms, t0))
					return 1;
			} else {
				if (write_file(cdev_pull, level))
					return 1;
				if (poll(&pfd, 1, 2000) == 1 &&
				    read(req.fd, &edge, sizeof(edge)) == sizeof(edge)) {
					cdev.stamp_us[cdev.n] = now_us() -
						(long long)(edge.timestamp_ns / 1000);
					cdev.us[cdev.n++] = now_us() - t0;
				} else
					cdev.miss++;
			}
			sleep_us(2000 + 3 * debounce_us);
		}
	}
	report(&hms);
	report(&cdev);
	return l.overruns ? 1 : 0;
}

static struct {
	int fd, high, pipe[2];
	long long period_us;
} poller;

/* The alternative: reads the zone every period, says when it crossed. */
static void *poller_main(void *unused)
{
	struct timespec next;
	char buf[32];
	long long t;
	int above = 0, v;
	ssize_t len;

	(void)unused;
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (;;) {
		len = pread(poller.fd, buf, sizeof(buf) - 1, 0);
		if (len > 0) {
			buf[len] = 0;
			v = atoi(buf);
			if ((v > poller.high) != above) {
				above = !above;
				t = now_us();
				if (write(poller.pipe[1], &t, sizeof(t)) != sizeof(t))
					return NULL;
			}
		}
		next.tv_nsec += poller.period_us * 1000;
		while (next.tv_nsec >= 1000000000L) {
			next.tv_nsec -= 1000000000L;
			next.tv_sec++;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
	}
	return NULL;
}

static int threshold(int n, char **argv)
{
	static struct samples hms = { .name = "hms" }, user = { .name = "poller" };
	struct pollfd pfd = { .events = POLLIN };
	struct hms_listener l;
	pthread_t thread;
	char value[32];
	long long t0, t;
	int set, i;

	listen_or_die(&l);
	poller.period_us = atoll(argv[0]) * 1000;
	set = open_or_die(argv[1], O_WRONLY);
	poller.fd = open_or_die(argv[2], O_RDONLY);
	poller.high = atoi(argv[3]);
	if (pipe(poller.pipe) || pthread_create(&thread, NULL, poller_main, NULL)) {
		perror("poller");
		return 1;
	}
	pfd.fd = poller.pipe[0];
	srand(1);
	for (i = 0; i < n; i++) {
		sleep_us(poller.period_us + rand() % poller.period_us);
		snprintf(value, sizeof(value), "%d", i % 2 ? 25000 : poller.high + 10000);
		t0 = now_us();
		if (write_file(set, value) || wait_hms(&l, &hms, t0))
			return 1;
		if (poll(&pfd, 1, 2000) == 1 && read(pfd.fd, &t, sizeof(t)) == sizeof(t))
			user.us[user.n++] = t - t0;
		else
			user.miss++;
	}
	report(&hms);
	report(&user);
	return l.overruns ? 1 : 0;
}

int main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[2]) : 0;

	if (n > 0 && n <= MAX_N && argc == 8 && !strcmp(argv[1], "gpio"))
		return gpio(n, argv + 3);
	if (n > 0 && n <= MAX_N && argc == 7 && !strcmp(argv[1], "threshold"))
		return threshold(n, argv + 3);
	fprintf(stderr, "usage: latency gpio N HMS_PULL CHIP LINE CDEV_PULL DEBOUNCE_US\n"
			"       latency threshold N PERIOD_MS SET_FILE ZONE_TEMP HIGH\n");
	return 2;
}
