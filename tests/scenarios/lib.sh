# Helpers for the scenarios, which run in the test VM under busybox sh.
# Each check prints one TAP line: "ok N - what" or "not ok N - what"
# (tap, wait_for, expect_line and stop_pid are tests/lib.sh's).

. /hms/lib.sh

BED=HMS_0300_0100_0001_0007	# heatbed sensor open circuit, fatal
FAN=HMS_0300_0300_0001_0001	# hotend fan too slow, fatal
PART=HMS_0300_0400_0002_0001	# part cooling fan too slow, serious

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
		sleep 0.1
	done
	tap 0 "$what"
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

# fan_start NAME PULL HZ: a fan's tachometer, tests/tools/pulse.c pulling the
# gpio-sim line whose pull attribute is PULL, HZ times a second; fan_stop NAME.
fan_start() {
	pulse "$2" "$3" &
	echo $! >"/tmp/fan-$1.pid"
}
fan_stop() {
	kill "$(cat "/tmp/fan-$1.pid")"
	wait "$(cat "/tmp/fan-$1.pid")" 2>/dev/null
}

# check_kmemleak: nothing leaked since boot (where the kernel has kmemleak).
# The VM's init runs it once, after all its scenarios.
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

# start_bus: a D-Bus session bus of our own on /tmp/bus, with no service
# files (nothing gets activated behind our back); exports
# DBUS_SESSION_BUS_ADDRESS. No machine id is needed with an explicit
# address. The policy must allow receiving (the eavesdrop rule does), or
# the bus drops even the reply to Hello.
start_bus() {
	cat >/tmp/bus.conf <<-CONF
	<busconfig>
	  <type>session</type>
	  <listen>unix:path=/tmp/bus</listen>
	  <auth>EXTERNAL</auth>
	  <policy context="default">
	    <allow send_destination="*" eavesdrop="true"/>
	    <allow eavesdrop="true"/>
	    <allow own="*"/>
	  </policy>
	</busconfig>
	CONF
	rm -f /tmp/bus
	dbus-daemon --config-file=/tmp/bus.conf --nofork --nopidfile --print-address=1 \
		>/tmp/bus.address 2>/tmp/bus.err </dev/null &
	bus_pid=$!
	if wait_for /tmp/bus.address '^unix:' 10; then
		DBUS_SESSION_BUS_ADDRESS=unix:path=/tmp/bus
		export DBUS_SESSION_BUS_ADDRESS
		tap 0 "a session bus starts"
	else
		tap 1 "a session bus starts"
		sed 's/^/#   /' /tmp/bus.err
		return 1
	fi
}

stop_bus() {
	stop_pid "$bus_pid"
	bus_pid=
	unset DBUS_SESSION_BUS_ADDRESS
}

# start_notify_server FILE: tests/tools/notify-server on the session bus,
# its lines in FILE; notify_server sends it a command (invoke ID ACTION,
# dismiss ID) through fd 7. Programs started later inherit fd 7: start
# them with 7>&- where the server's end of input matters.
start_notify_server() {
	notify_log=$1
	rm -f /tmp/notify.in "$notify_log"
	mkfifo /tmp/notify.in
	notify-server </tmp/notify.in >"$notify_log" 2>/tmp/notify-server.err &
	notify_pid=$!
	exec 7>/tmp/notify.in
	if wait_for "$notify_log" '^ready$' 10; then
		tap 0 "the notification server owns org.freedesktop.Notifications"
	else
		tap 1 "the notification server owns org.freedesktop.Notifications"
		sed 's/^/#   /' /tmp/notify-server.err
		return 1
	fi
}

notify_server() {
	echo "$*" >&7
}

# notify_id PATTERN: the id of the last notification whose Notify line
# matches PATTERN.
notify_id() {
	grep -E "^notify .*$1" "$notify_log" | tail -n 1 | sed 's/^notify id=\([0-9]*\) .*/\1/'
}

stop_notify_server() {
	exec 7>&-
	stop_pid "$notify_pid"
	tap $? "the notification server exits 0"
	notify_pid=
}

# has_ipv4: the kernel has TCP/IP. The test kernel leaves it out (it
# builds faster); Debian's has it.
has_ipv4() {
	[ -d /proc/sys/net/ipv4 ]
}

# start_broker PORT: mosquitto on 127.0.0.1:PORT, anonymous, as root (the
# VM has no mosquitto user to drop to); returns once a client gets in.
start_broker() {
	broker_port=$1
	if ! has_ipv4; then
		tap 1 "mosquitto listens on 127.0.0.1:$broker_port"
		echo "#   this kernel has no IPv4 (CONFIG_INET is not set)"
		return 1
	fi
	ip link set lo up
	cat >/tmp/mosquitto.conf <<-CONF
	listener $broker_port 127.0.0.1
	allow_anonymous true
	persistence false
	user root
	log_dest stderr
	CONF
	mosquitto -c /tmp/mosquitto.conf 2>/tmp/mosquitto.err </dev/null &
	broker_pid=$!
	tries=100
	until mosquitto_pub -h 127.0.0.1 -p "$broker_port" -t hms-test/probe -n 2>/dev/null; do
		tries=$((tries - 1))
		if [ $tries = 0 ] || ! running $broker_pid; then
			tap 1 "mosquitto listens on 127.0.0.1:$broker_port"
			sed 's/^/#   /' /tmp/mosquitto.err
			return 1
		fi
		sleep 0.1
	done
	tap 0 "mosquitto listens on 127.0.0.1:$broker_port"
}

stop_broker() {
	stop_pid "$broker_pid"
	tap $? "mosquitto exits 0 on SIGTERM"
	broker_pid=
}

# mqtt_get TOPIC: the topic's retained message (it comes at once), or
# what arrives within 2 s.
mqtt_get() {
	mosquitto_sub -h 127.0.0.1 -p "$broker_port" -C 1 -W 2 -t "$1"
}
