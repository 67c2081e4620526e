# hmsd-agent: hmsd's desktop notifications and MQTT in the VM, on a session
# bus of its own with tests/tools/notify-server (the VM has no X for dunst;
# tests/agent/notify.sh and desktop.sh use dunst on the host). A fatal code
# is a critical notification that stays, with an Acknowledge action that
# acks it in the kernel; a serious one a normal notification with a
# timeout; an info one none. The retained MQTT report follows the active
# list and every change is an event. MQTT needs IPv4, which only Debian's
# kernel has (the test kernel is built without networking): there the MQTT
# checks run, here they are skipped with a note.
. /hms/scenarios/lib.sh

PORT=1883
NOTES=/tmp/notify.log
INFO=HMS_0500_0400_0004_0001	# made up: info codes are not in the table
BED_PAIR='\{"attr":50331904,"code":65543\}'	# $BED as attr and code
FAN_PAIR='\{"attr":50332416,"code":65537\}'
PART_PAIR='\{"attr":50332672,"code":131073\}'
INFO_PAIR='\{"attr":83887104,"code":262145\}'

# start_hmsd: with /tmp/hmsd.conf; returns once it listens (and, with
# MQTT, is connected: events before that are dropped, not queued).
start_hmsd() {
	: >/tmp/hmsd.err
	hmsd --foreground --config /tmp/hmsd.conf --state /tmp/state.json \
		--history /tmp/history.jsonl 2>>/tmp/hmsd.err 7>&- &
	hmsd_pid=$!
	wait_for /tmp/hmsd.err "listening for events" 20 || {
		tap 1 "hmsd starts"
		sed 's/^/#   /' /tmp/hmsd.err
		return 1
	}
	[ $mqtt = 1 ] || return 0
	expect_line /tmp/hmsd.err "connected to 127.0.0.1:$PORT" "hmsd connects to the broker"
}

# notes: how many Notify calls the server got.
notes() {
	grep -c '^notify ' $NOTES
}

# acked CODE: prints the kernel's entry of CODE if it is acknowledged.
acked() {
	hmsctl --json list | tr '{' '\n' | grep "\"code\":\"$1\"" | grep '"acked":true'
}

# report_lists CODE PAIR: the retained report has CODE's attr and code (PAIR).
report_lists() {
	check_eventually "$2" "the retained report lists $1 as attr and code" \
		mqtt_get device/vm/report
}

check "hms.ko loads" load_hms flap_window_ms=0
start_bus && start_notify_server $NOTES || exit 0
mqtt=0
if has_ipv4; then
	start_broker $PORT && mqtt=1
else
	echo "# no IPv4 in this kernel (CONFIG_INET): no MQTT checks"
fi

cat >/tmp/hmsd.conf <<CONF
[codes]
files = /hms/codes.jsonl

[notify]
fatal = persistent
serious = transient
common = transient
info = log
timeout_ms = 5000
grace_s = 0
CONF
[ $mqtt = 0 ] || printf '\n[mqtt]\nhost = 127.0.0.1\nport = %s\nprinter = vm\n' $PORT \
	>>/tmp/hmsd.conf
start_hmsd || exit 0
if [ $mqtt = 1 ]; then
	mosquitto_sub -h 127.0.0.1 -p $PORT -C 1 -W 20 -t hms/vm/event >/tmp/event.json 2>&1 &
	sub=$!
	usleep 500000	# subscribed before the raise: events are not retained
fi

# Notifications, per severity.
check "raise $BED" hmsctl raise $BED --value -273 --source bed-ntc
expect_line $NOTES "^notify id=[0-9]+ replaces=0 app=hms urgency=2 expire=0 .*actions=([^ ]*,)?ack,Acknowledge.*$BED" \
	"a fatal code is a critical notification that stays, with Acknowledge"
expect_line $NOTES "^notify .*$BED.*heatbed temperature is abnormal" \
	"its text is the code's message from the code database"
bed=$(notify_id "$BED")
check "raise $PART" hmsctl raise $PART
expect_line $NOTES "^notify id=[0-9]+ replaces=0 app=hms urgency=1 expire=5000 .*$PART" \
	"a serious code is a normal notification with the configured timeout"
! grep -E "^notify .*$PART" $NOTES | grep -q 'ack,Acknowledge'
tap $? "a serious code's notification has no Acknowledge"
check "raise $INFO" hmsctl raise $INFO
# hmsd handles events in order: once FAN's notification shows, INFO's would have.
check "raise $FAN" hmsctl raise $FAN
expect_line $NOTES "^notify .*$FAN" "a second fatal code is a notification of its own"
fan=$(notify_id "$FAN")
[ "$(notes)" = 3 ] && ! grep -q "^notify .*$INFO" $NOTES
tap $? "an info code shows no notification"

# Acknowledge on screen acks in the kernel; clear closes.
notify_server invoke "$bed" ack
check_eventually . "Acknowledge on the notification acks $BED in the kernel" acked $BED
expect_line $NOTES "^close id=$bed\$" "the acknowledged code's notification closes"
check "clear $FAN" hmsctl clear $FAN
expect_line $NOTES "^close id=$fan\$" "a cleared code's notification closes"

# MQTT.
if [ $mqtt = 1 ]; then
	wait $sub
	tap $? "an event arrives on hms/vm/event"
	check_output "\"code\":\"$BED\",\"state\":\"raised\"" "the first event is $BED's raise" \
		cat /tmp/event.json
	report_lists $BED "$BED_PAIR"
	report_lists $PART "$PART_PAIR"
	report_lists $INFO "$INFO_PAIR"
	! mqtt_get device/vm/report | grep -qE "$FAN_PAIR"
	tap $? "the report no longer lists the cleared $FAN"
	hmsctl clear $BED && hmsctl clear $PART && hmsctl clear $INFO
	check_eventually '^\{"print":\{"command":"push_status","sequence_id":"[0-9]+","hms":\[\]\}\}$' \
		"with nothing active the report is empty" \
		mqtt_get device/vm/report
fi

stop_pid $hmsd_pid
tap $? "hmsd exits 0 on SIGTERM"
[ $mqtt = 0 ] || stop_broker
stop_notify_server
stop_bus
check "hms.ko unloads" rmmod hms
