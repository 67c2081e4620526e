# Helpers for the scenarios, which run in the test VM under busybox sh.
# Each check prints one TAP line: "ok N - what" or "not ok N - what".

n=0
BED=HMS_0300_0100_0001_0007	# heatbed sensor open circuit, fatal
FAN=HMS_0300_0300_0001_0001	# hotend fan too slow, fatal
PART=HMS_0300_0400_0002_0001	# part cooling fan too slow, serious

tap() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# check WHAT COMMAND...: the command succeeds.
check() {
	what=$1
	shift
	"$@" >/tmp/out 2>&1
	status=$?
	tap $status "$what"
	[ $status = 0 ] || sed 's/^/#   /' /tmp/out
	return $status
}

# load_hms [PARAM...]: insmod hms.ko after the modules it depends on (in
# Debian's kernel, industrialio), which run.sh put in /hms/deps.
load_hms() {
	for dep in /hms/deps/*.ko; do
		[ -e "$dep" ] || continue
		grep -q "^$(basename "$dep" .ko) " /proc/modules || insmod "$dep"
	done
	insmod /hms/hms.ko "$@"
}

# as_nobody COMMAND...: runs the command as user nobody, without privileges.
as_nobody() {
	su -s /bin/sh nobody -c "exec $*"
}

# check_fails STATUS PATTERN WHAT COMMAND...: the command exits with
# STATUS ("any": not 0) and says something matching the extended regex
# PATTERN.
check_fails() {
	want=$1 pattern=$2 what=$3
	shift 3
	"$@" >/tmp/out 2>&1
	status=$?
	[ "$want" = any ] && [ $status != 0 ] && want=$status
	if [ $status = "$want" ] && grep -qE "$pattern" /tmp/out; then
		tap 0 "$what"
	else
		tap 1 "$what"
		echo "#   exit $status (want $want), output:"
		sed 's/^/#   /' /tmp/out
		echo "#   wanted: $pattern"
	fi
}

# check_output PATTERN WHAT COMMAND...: the command succeeds and prints a
# line matching the extended regex PATTERN.
check_output() {
	pattern=$1 what=$2
	shift 2
	"$@" >/tmp/out 2>&1
	status=$?
	if [ $status = 0 ] && grep -qE "$pattern" /tmp/out; then
		tap 0 "$what"
	else
		tap 1 "$what"
		echo "#   exit $status, output:"
		sed 's/^/#   /' /tmp/out
		echo "#   wanted: $pattern"
	fi
}

# check_eventually PATTERN WHAT COMMAND...: within 5 s, the command prints
# a line matching PATTERN (for state that settles after the next sample).
check_eventually() {
	pattern=$1 what=$2
	shift 2
	tries=50
	until "$@" 2>&1 | grep -qE "$pattern"; do
		tries=$((tries - 1))
		if [ $tries = 0 ]; then
			tap 1 "$what"
			"$@" 2>&1 | sed 's/^/#   got: /'
			echo "#   wanted: $pattern"
			return 1
		fi
		usleep 100000
	done
	tap 0 "$what"
}

# wait_for FILE PATTERN [SECONDS]: FILE gets a line matching PATTERN.
wait_for() {
	tries=$((${3:-10} * 10))
	while [ $tries -gt 0 ]; do
		grep -qE "$2" "$1" 2>/dev/null && return 0
		usleep 100000
		tries=$((tries - 1))
	done
	return 1
}

# expect_event FILE LINE WHAT: a monitor wrote exactly LINE.
expect_event() {
	if wait_for "$1" "^$2\$" 10; then
		tap 0 "$3"
	else
		tap 1 "$3"
		echo "#   wanted: $2"
		sed 's/^/#   got: /' "$1" "${1%.events}.err"
	fi
}

# start_monitor NAME [PREFIX...]: hmsctl monitor in the background, its
# events in /tmp/NAME.events; returns once it listens.
start_monitor() {
	name=$1
	shift
	"$@" hmsctl monitor >"/tmp/$name.events" 2>"/tmp/$name.err" &
	echo $! >"/tmp/$name.pid"
	wait_for "/tmp/$name.err" "listening" 10 || {
		tap 1 "hmsctl monitor $* starts"
		sed 's/^/#   /' "/tmp/$name.err"
	}
}

stop_monitor() {
	kill "$(cat "/tmp/$1.pid")" 2>/dev/null
	wait "$(cat "/tmp/$1.pid")" 2>/dev/null
}

# check_kmemleak: nothing leaked since boot (where the kernel has kmemleak).
check_kmemleak() {
	leaks=/sys/kernel/debug/kmemleak
	[ -w $leaks ] || return 0
	sleep 6		# kmemleak does not report objects younger than 5 s
	echo scan >$leaks
	echo scan >$leaks
	cat $leaks >/tmp/leaks
	if [ -s /tmp/leaks ]; then
		tap 1 "kmemleak finds no leak"
		head -40 /tmp/leaks | sed 's/^/#   /'
	else
		tap 0 "kmemleak finds no leak"
	fi
}
