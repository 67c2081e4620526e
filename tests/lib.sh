# SPDX-License-Identifier: GPL-2.0
# What every test script shares, in the VM (busybox sh) and on the host:
# TAP lines and their counts, waiting for a line in a file, stopping a
# process. The VM's scenarios get it through tests/scenarios/lib.sh, the
# host's agent checks through tests/agent/lib.sh or directly.

n=0
passed=0
failed=0

# tap STATUS WHAT: "ok N - WHAT" when STATUS is 0, else "not ok N - WHAT".
tap() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		passed=$((passed + 1))
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
	fi
}

# summary: the closing line a test step is counted by; fails if a check did.
summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}

# wait_for FILE PATTERN [SECONDS] [COUNT]: within SECONDS (10), COUNT (1)
# lines of FILE match the extended regex PATTERN.
wait_for() {
	tries=$((${3:-10} * 10))
	while true; do
		found=$(grep -cE "$2" "$1" 2>/dev/null)
		[ "${found:-0}" -ge "${4:-1}" ] && return 0
		[ $tries -gt 0 ] || return 1
		tries=$((tries - 1))
		sleep 0.1
	done
}

# expect_line FILE PATTERN WHAT [SECONDS] [COUNT]: a check that FILE gets
# the line(s), as wait_for.
expect_line() {
	if wait_for "$1" "$2" "${4:-10}" "${5:-1}"; then
		tap 0 "$3"
	else
		tap 1 "$3"
		echo "#   wanted in $1: $2"
		sed 's/^/#   got: /' "$1"
	fi
}

# running PID: the process exists and is not a zombie waiting for wait.
running() {
	[ -e "/proc/$1" ] && [ "$(sed 's/.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# stop_pid PID: SIGTERM, SIGKILL if still there after 5 s; returns its
# exit status (137 when it had to be killed).
stop_pid() {
	[ -n "$1" ] || return 0
	kill -TERM "$1" 2>/dev/null
	tries=50
	while [ $tries -gt 0 ] && running "$1"; do
		sleep 0.1
		tries=$((tries - 1))
	done
	running "$1" && kill -KILL "$1"
	wait "$1" 2>/dev/null
}
