#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# hmsd on a desktop with no hms kernel (--desktop): it follows a printer's
# active list on MQTT (a private mosquitto; the reports published with
# mosquitto_pub as a printer would) and shows each code on a real
# notification server (dunst on Xvfb, a private D-Bus bus, the calls
# watched by notify-monitor.py): the words from the code database, the wiki
# link and its QR code, urgency and timeout by severity, closed when the
# printer no longer lists it, acknowledged from dunst. Then a stand-in P1S
# that sends its whole list only when asked (pushall), partial updates and
# other traffic, and an odd entry beside codes of severity 5.
#
#   tests/agent/desktop.sh BUILD_DIR   (make -C agent O=BUILD_DIR SANITIZE=1 all)
set -u

BUILD=${1:?usage: desktop.sh BUILD_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

T=$(mktemp -d /tmp/hms-desktop.XXXXXX) || exit 1
HMSD= BROKER= PRINTER= PRINTER_SUB=

cleanup() {
	stop_pid "$HMSD"
	stop_pid "$PRINTER_SUB"
	stop_pid "$PRINTER"
	stop_pid "$BROKER"
	session_stop
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# report CODE...: the printer publishes its active list (retained, as ours).
report() {
	list=
	for code in "$@"; do
		hex=$(echo "$code" | sed 's/^HMS_//; s/_//g')
		list="$list${list:+,}{\"attr\":$((0x${hex%????????})),\"code\":$((0x${hex#????????}))}"
	done
	mosquitto_pub -p "$PORT" -r -t device/p1s/report -m "{\"print\":{\"hms\":[$list]}}"
}

session_start || exit 1
PORT=$(free_port)
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$PORT" \
	>"$T/mosquitto.conf"
mosquitto -c "$T/mosquitto.conf" >"$T/broker.log" 2>&1 &
BROKER=$!
cat >"$T/hmsd.conf" <<EOF
[mqtt]
host = 127.0.0.1
port = $PORT
printer = p1s

[notify]
timeout_ms = 20000
EOF

HEATBED=HMS_0300_0100_0001_0007		# fatal: "The heatbed temperature is abnormal..."
RUNOUT=HMS_0702_2300_0002_0001		# serious: AMS 3 slot 4, a synonym of AMS 1 slot 1

"$BUILD/hmsd" --desktop --foreground --config "$T/hmsd.conf" --history "$T/history" \
	--state "$T/state" >"$T/hmsd.out" 2>"$T/hmsd.err" &
HMSD=$!
expect_line "$T/hmsd.err" 'following the printer' "hmsd --desktop follows the printer"

report "$HEATBED"
expect_line "$T/mon" "^Notify .* summary=fatal: $HEATBED on p1s\$" \
	"a fatal code the printer lists: a Notify call naming the printer"
line=$(grep -E "^Notify .* summary=fatal: $HEATBED on p1s\$" "$T/mon")
case $line in *" app=hms "*" urgency=2 timeout=0 "*" actions=default,Acknowledge,ack,Acknowledge "*)
	r=0 ;; *) r=1 ;; esac
tap $r "fatal: critical, no timeout, the Acknowledge action"
[ $r = 0 ] || echo "#   $line"
serial=$(echo "$line" | sed 's/^Notify serial=\([0-9]*\) .*/\1/')
body=$(grep "^Body serial=$serial " "$T/mon")
case $body in *"text=The heatbed temperature is abnormal; the sensor may have an open circuit."*)
	r=0 ;; *) r=1 ;; esac
tap $r "its body is the code database's message"
case $body in *"https://wiki.bambulab.com/"*"/hmscode/0300_0100_0001_0007"*) r=0 ;; *) r=1 ;; esac
tap $r "and the wiki link for the code"
case $body in *" image=image-data "*) r=0 ;; *) r=1 ;; esac
tap $r "with the QR code as the notification's image"
[ $r = 0 ] || printf "#   %s\n" "$body"
heatbed_id=$(notify_id "fatal: $HEATBED on p1s")

report "$HEATBED" "$RUNOUT"
expect_line "$T/mon" "^Notify .* urgency=1 timeout=20000 .* summary=serious: $RUNOUT on p1s\$" \
	"a serious code added: normal urgency, the configured timeout"
serial=$(grep -E "^Notify .* summary=serious: $RUNOUT on p1s\$" "$T/mon" |
	 sed 's/^Notify serial=\([0-9]*\) .*/\1/')
grep "^Body serial=$serial " "$T/mon" | grep -q 'text=AMS3 Slot4 filament has run out'
tap $? "a synonym is worded for its own unit and slot (AMS3 Slot4)"
[ "$(grep -c "summary=fatal: $HEATBED" "$T/mon")" = 1 ]
tap $? "a code still listed is not notified again"

timeout 10 dunstctl context >/dev/null 2>&1
expect_line "$T/mon" "^ActionInvoked id=$heatbed_id action=ack\$" \
	"Acknowledge in dunst: ActionInvoked ack"
expect_line "$T/mon" "^CloseNotification id=$heatbed_id\$" \
	"on a desktop, acknowledging closes the notification"

runout_id=$(notify_id "serious: $RUNOUT on p1s")
report "$HEATBED"
expect_line "$T/mon" "^CloseNotification id=$runout_id\$" \
	"the printer no longer lists a code: its notification closes"
report
wait_for "$T/state" '^\[ *\]$'
tap $? "an empty list empties hmsd's view"

mosquitto_pub -p "$PORT" -t device/p1s/report -m '{"print":{"hms":"nope"}}'
expect_line "$T/hmsd.err" "p1s's report: .*; ignored" \
	"a malformed report is named in the log and ignored"
kill -0 "$HMSD"
tap $? "and hmsd keeps running"

for what in "raised $HEATBED" "raised $RUNOUT" "acked $HEATBED" "cleared $RUNOUT" \
	"cleared $HEATBED"; do
	grep "\"code\":\"${what#* }\"" "$T/history" | grep -q "\"state\":\"${what% *}\""
	tap $? "the history has: $what"
done

# A storm: the printer lists 1,024 fatal codes at once. max_shown (5) are
# shown, one summary counts the rest, and hmsd keeps up.
list=
i=0
while [ $i -lt 1024 ]; do
	list="$list${list:+,}{\"attr\":$((0x05000000 + i)),\"code\":65537}"
	i=$((i + 1))
done
before=$(wc -l <"$T/mon")
t0=$(date +%s%N)
mosquitto_pub -p "$PORT" -r -t device/p1s/report -m "{\"print\":{\"hms\":[$list]}}"
wait_for "$T/state" 'HMS_0500_03FF_0001_0001' 10
r=$?
t1=$(date +%s%N)
tap $r "storm: hmsd's view holds the 1,024 codes ($(((t1 - t0) / 1000000)) ms)"
expect_line "$T/mon" "^Notify .* urgency=2 .* summary=1019 more faults — hmsctl list\$" \
	"storm: one critical summary counts the 1,019 not shown"
sleep 1
storm=$(tail -n +$((before + 1)) "$T/mon" | grep -c '^Notify ')
[ "$storm" -le 6 ]
tap $? "storm: at most max_shown + 1 Notify calls ($storm)"
summary_id=$(notify_id "1019 more faults — hmsctl list")
report
expect_line "$T/mon" "^CloseNotification id=$summary_id\$" \
	"storm: the printer lists nothing: the summary closes"

kill "$HMSD"
wait "$HMSD"
tap $? "hmsd exits 0 on SIGTERM"
HMSD=

# A stand-in P1S: it sends partial updates only, and its whole list only
# when asked with pushall on device/p1s/request, as a real P1 or A1 does.
mosquitto_pub -p "$PORT" -r -n -t device/p1s/report	# no retained list left
list="{\"attr\":$((0x03000100)),\"code\":$((0x00010007))},{\"attr\":1,\"code\":$((0x00050000))}"
mkfifo "$T/printer.in"
mosquitto_sub -p "$PORT" -t device/p1s/request >"$T/printer.in" &
PRINTER_SUB=$!
# Ends when its mosquitto_sub does.
while read -r request; do
	echo "$request" >>"$T/requests"
	case $request in *'"pushall"'*)
		mosquitto_pub -p "$PORT" -t device/p1s/report \
			-m "{\"print\":{\"command\":\"push_status\",\"hms\":[$list]}}" ;;
	esac
done <"$T/printer.in" &
PRINTER=$!
sleep 0.5	# subscribed before hmsd connects
# A second printer (a stand-in X1C, TLS off), and a third that cannot be
# reached: each its own connection.
DEAD_PORT=$(free_port)
cat "$T/hmsd.conf" - >"$T/printers.conf" <<EOF
[printer x1c]
host = 127.0.0.1
port = $PORT
serial = 00M09A350100001
access_code = 12345678
tls = false

[printer gone]
host = 127.0.0.1
port = $DEAD_PORT
serial = 01S00C000000001
access_code = 87654321
tls = false
EOF
mosquitto_pub -p "$PORT" -r -t device/00M09A350100001/report \
	-m "{\"print\":{\"hms\":[{\"attr\":$((0x07022300)),\"code\":$((0x00020001))}]}}"
before_err=$(wc -l <"$T/hmsd.err")
before_mon=$(wc -l <"$T/mon")
"$BUILD/hmsd" --desktop --foreground --config "$T/printers.conf" --history "$T/history" \
	--state "$T/state" >>"$T/hmsd.out" 2>>"$T/hmsd.err" &
HMSD=$!
wait_for "$T/requests" '"command":"get_version"'
tap $? "P1S: hmsd asks for get_version on connect"
wait_for "$T/requests" '"command":"pushall"'
tap $? "P1S: and for pushall"
expect_line "$T/mon" "^Notify .* summary=fatal: $HEATBED on p1s\$" \
	"P1S: the list sent only on pushall is shown" 10 2
wait_for "$T/state" '"code":"HMS_0000_0001_0005_0000","state":"raised","severity":"unknown"'
tap $? "P1S: a code of severity 5 is kept, severity unknown"
grep -q '"time_real_ns":0[,}]' "$T/state"
[ $? = 1 ] && grep -q '"source":"p1s"' "$T/state"
tap $? "P1S: the state file has the time hmsd saw each code and the printer as source"
expect_line "$T/mon" "^Notify .* summary=serious: $RUNOUT on x1c\$" \
	"a second printer ([printer x1c]): its code is shown, naming it"
grep -q "\"code\":\"$RUNOUT\".*\"source\":\"x1c\"" "$T/state" &&
	grep -q "\"code\":\"$HEATBED\".*\"source\":\"p1s\"" "$T/state"
tap $? "both printers' codes are in the view, each with its printer"
wait_for "$T/hmsd.err" "cannot reach broker 127.0.0.1:$DEAD_PORT" 10
tap $? "a printer that cannot be reached is logged, the others followed"
i=0
while [ $i -lt 20 ]; do
	mosquitto_pub -p "$PORT" -t device/p1s/report \
		-m "{\"print\":{\"stat\":\"4A318000\",\"sequence_id\":\"$i\"}}"
	i=$((i + 1))
done
mosquitto_pub -p "$PORT" -t device/p1s/report -m '{"info":{"command":"get_version","module":[]}}'
mosquitto_pub -p "$PORT" -t device/p1s/report \
	-m "{\"print\":{\"hms\":[$list,{\"attr\":1,\"code\":\"x\"}]}}"
mosquitto_pub -p "$PORT" -r -t device/00M09A350100001/report -m '{"print":{"hms":[]}}'
runout_id=$(notify_id "serious: $RUNOUT on x1c")
expect_line "$T/mon" "^CloseNotification id=$runout_id\$" \
	"the second printer's list empties: its notification closes"
wait_for "$T/hmsd.err" 'entries left out, no code' 10
tap $? "P1S: an odd entry is named in the log"
sleep 1
kill -0 "$HMSD" && [ "$(tail -n +$((before_mon + 1)) "$T/mon" | grep -c '^CloseNotification')" = 1 ] &&
	grep -q "\"code\":\"$HEATBED\"" "$T/state"
tap $? "P1S: partial updates, info, the odd entry and the other printer keep its list"
new_err=$(tail -n +$((before_err + 1)) "$T/hmsd.err" | grep -vc 'following the printer\|connected to\|entries left out\|: raised \|: cleared \|cannot reach broker')
[ "$new_err" = 0 ]
r=$?
tap $r "P1S: nothing else logged for 22 messages of other traffic ($new_err lines)"
[ $r = 0 ] || tail -n +$((before_err + 1)) "$T/hmsd.err" | sed 's/^/#   /'
grep '"code":"HMS_0000_0001_0005_0000"' "$T/history" | grep -q '"reported":true'
tap $? "P1S: the history says the printer reported it"
kill "$HMSD"
wait "$HMSD"
tap $? "hmsd exits 0 on SIGTERM again"
HMSD=
stop_pid "$PRINTER_SUB"
stop_pid "$PRINTER"

summary
