# agentvm: the agent's services work in the VM, with the stand-ins for
# hmsd's sinks: notify-driver (agent/notify.c) shows notifications through
# a session bus to tests/tools/notify-server, which acknowledges and
# dismisses them like a user; mqtt-driver (agent/mqtt.c) publishes through
# mosquitto on loopback, read back with mosquitto_sub. The MQTT half needs
# a kernel with IPv4: Debian's, not the test kernel.
. /hms/scenarios/lib.sh

PORT=1883
ATTR=50331904 CODE=65543	# $BED as attr and code in a printer's report
NOTES=/tmp/notify.log

# start_driver NAME PROGRAM [ARG...]: PROGRAM reading fd 8, printing to
# /tmp/NAME.out and /tmp/NAME.err.
start_driver() {
	name=$1
	shift
	rm -f /tmp/driver.in
	mkfifo /tmp/driver.in
	"$@" </tmp/driver.in >"/tmp/$name.out" 2>"/tmp/$name.err" 7>&- &
	driver_pid=$!
	exec 8>/tmp/driver.in
	driver_out=/tmp/$name.out
}

# drive LINE: one command to notify-driver, and its "done".
drive() {
	echo "$1" >&8
	done=$((done + 1))
	wait_for_count "$driver_out" '^done$' $done || echo "#   no answer to '$1'"
}

wait_for_count() {
	tries=100
	until [ "$(grep -cE "$2" "$1")" -ge "$3" ]; do
		tries=$((tries - 1))
		[ $tries = 0 ] && return 1
		usleep 100000
	done
}

# quit_driver WHAT: "quit" ends the driver with exit 0.
quit_driver() {
	echo quit >&8
	exec 8>&-
	tries=100
	while [ $tries -gt 0 ] && running $driver_pid; do
		usleep 100000
		tries=$((tries - 1))
	done
	stop_pid $driver_pid
	status=$?
	tap $status "$1"
	[ $status = 0 ] || sed 's/^/#   stderr: /' "${driver_out%.out}.err"
}

# Notifications.
start_bus && start_notify_server $NOTES || exit 0
done=0
start_driver notify notify-driver
drive "raise $BED"
expect_line $NOTES "^notify id=[0-9]+ replaces=0 app=hms urgency=2 expire=0 category=device.error actions=default,Acknowledge,ack,Acknowledge .*summary=$BED fatal" \
	"a fatal raise is a critical notification that never expires, with Acknowledge"
drive "raise $PART"
expect_line $NOTES "^notify id=[0-9]+ replaces=0 app=hms urgency=1 expire=[1-9][0-9]* .*actions= .*summary=$PART serious" \
	"a serious raise is a normal notification with a timeout and no action"
bed=$(notify_id "summary=$BED ") part=$(notify_id "summary=$PART ")
notify_server invoke "$bed" ack
expect_line /tmp/notify.out "^ack $BED\$" "invoking ack on the notification reaches the driver"
drive "clear $BED"
expect_line $NOTES "^close id=$bed\$" "clearing the code closes its notification"
notify_server dismiss "$part"
expect_line $NOTES "^dismiss id=$part\$" "the server dismisses the serious one"
# The signal reaches the driver on its own, not in step with its stdin.
sleep 1
drive "clear $PART"
! grep -q "^close id=$part" $NOTES
tap $? "a dismissed notification is not closed again on clear"
quit_driver "notify-driver quits with exit 0"
stop_notify_server
stop_bus

# MQTT, where the kernel has IPv4 (Debian's, not the test kernel).
if ! has_ipv4; then
	echo "# no IPv4 in this kernel (CONFIG_INET): the MQTT checks run on Debian's"
	exit 0
fi
start_broker $PORT || exit 0
start_driver mqtt mqtt-driver --host 127.0.0.1 --port $PORT --printer vm --backoff-min-ms 100
wait_for /tmp/mqtt.err "connected to 127.0.0.1:$PORT" 10
tap $? "mqtt-driver connects to the broker"
mosquitto_sub -h 127.0.0.1 -p $PORT -C 1 -W 10 -t hms/vm/event >/tmp/event.json 2>&1 &
sub=$!
usleep 500000	# subscribed before the raise: events are not retained
echo "raise $BED" >&8
check_eventually "^\{\"print\":\{\"command\":\"push_status\",\"sequence_id\":\"[0-9]+\",\"hms\":\[\{\"attr\":$ATTR,\"code\":$CODE\}\]\}\}\$" \
	"the retained report lists the raised code" mqtt_get device/vm/report
wait $sub
tap $? "an event arrives on hms/vm/event"
check_output "\"code\":\"$BED\".*\"state\":\"raised\"" "the event names the code and its state" \
	cat /tmp/event.json
echo "clear $BED" >&8
check_eventually '^\{"print":\{"command":"push_status","sequence_id":"[0-9]+","hms":\[\]\}\}$' \
	"after the clear the report is empty" \
	mqtt_get device/vm/report
quit_driver "mqtt-driver quits with exit 0"
stop_broker
