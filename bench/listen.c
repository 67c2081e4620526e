// SPDX-License-Identifier: GPL-2.0
/*
 * listen - counts hms events on a raw generic netlink socket until none
 * came for IDLE_MS, for the event throughput benchmark.
 *
 *   listen IDLE_MS [RCVBUF]
 *
 * Prints "listening" on stderr once it has joined the group, then on stdout
 * "listen: events=N lost=N overruns=N us=N per_s=N": lost are the events
 * missing from the sequence numbers (HMS_A_SEQ grows by one per event), us
 * the time from the first event to the last, per_s what arrived per second.
 * RCVBUF sets the socket's receive buffer (SO_RCVBUFFORCE: as root, past
 * rmem_max), so that a listener that keeps up loses nothing.
 * Exit status: 0 done, 1 a failure, 2 usage.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "events.h"

static long long now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
	long long events = 0, lost = 0, first = 0, last = 0, prev = 0;
	struct hms_listener l;
	struct hms_event ev;
	int idle, got, err, rcvbuf;

	if (argc < 2 || argc > 3 || (idle = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: listen IDLE_MS [RCVBUF]\n");
		return 2;
	}
	err = hms_listen(&l);
	if (err) {
		fprintf(stderr, "listen: %s\n", strerror(-err));
		return 1;
	}
	if (argc == 3) {
		rcvbuf = atoi(argv[2]);
		if (setsockopt(l.fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf))) {
			perror("listen: SO_RCVBUFFORCE");
			return 1;
		}
	}
	fprintf(stderr, "listening\n");
	/* The first event may take long to come; then IDLE_MS ends it. */
	while ((got = hms_next_event(&l, &ev, events ? idle : 60000)) > 0) {
		last = now_us();
		if (!events++)
			first = last;
		else if (ev.seq > (uint64_t)prev + 1)
			lost += ev.seq - prev - 1;
		prev = ev.seq;
	}
	if (got < 0) {
		fprintf(stderr, "listen: %s\n", strerror(-got));
		return 1;
	}
	printf("listen: events=%lld lost=%lld overruns=%u us=%lld per_s=%lld\n", events, lost,
	       l.overruns, last - first,
	       last > first ? (events - 1) * 1000000LL / (last - first) : 0);
	return 0;
}
