#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# MQTT against a real mosquitto broker on loopback: retained state and
# events read back with mosquitto_sub, a broker that is down at start, a
# broker restart (no persistence: only the agent can restore the state),
# and desktop mode reading reports published with mosquitto_pub.
#
# Usage: tests/agent/mqtt.sh BUILD_DIR  (BUILD_DIR/tests/mqtt-driver)

set -u
build=${1:?usage: $0 BUILD_DIR}
driver=$build/tests/mqtt-driver
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hms-mqtt.XXXXXX")
broker=
pids=

cleanup() {
	for p in $pids $broker; do
		kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
	if [ -n "${KEEP:-}" ]; then
		echo "# kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
. "$(dirname "$0")/../lib.sh"
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# check WHAT COMMAND...
check() {
	what=$1
	shift
	"$@"
	tap $? "$what"
}

# eventually SECONDS COMMAND...: the command succeeds within SECONDS.
eventually() {
	deadline=$(($(date +%s) + $1))
	shift
	until "$@"; do
		[ "$(date +%s)" -lt "$deadline" ] || return 1
		sleep 0.1
	done
}

# fails COMMAND...: the command fails.
fails() {
	! "$@"
}

# lines N PATTERN FILE: exactly N lines of FILE match.
lines() {
	[ "$(grep -c -- "$2" "$3")" = "$1" ]
}

[ -x "$driver" ] || { echo "not ok - $driver is missing"; echo "0 passed, 1 failed"; exit 1; }
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$tmp/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
persistence false
log_dest stderr
CONF

start_broker() {
	: >"$tmp/broker.log"
	mosquitto -c "$tmp/mosquitto.conf" >"$tmp/broker.log" 2>&1 &
	broker=$!
	eventually 5 grep -q ' running$' "$tmp/broker.log"
}

stop_broker() {
	kill "$broker" && wait "$broker" 2>/dev/null
	broker=
}

# start_driver NAME PRINTER FD: a driver reading commands from fd FD, its
# pid in $NAME.
start_driver() {
	mkfifo "$tmp/$1.in"
	"$driver" --port "$port" --printer "$2" --backoff-min-ms 100 --backoff-max-ms 400 \
		<"$tmp/$1.in" >"$tmp/$1.out" 2>"$tmp/$1.err" &
	eval "$1=\$!"
	pids="$pids $!"
	eval "exec $3>\"\$tmp/\$1.in\""
}

# quits NAME FD: the driver quits when told to, exit status 0 (ASan: no leaks).
quits() {
	echo quit >&"$2"
	eval "wait \$$1"
	status=$?
	eval "exec $2>&-"
	[ $status = 0 ] || sed 's/^/#   /' "$tmp/$1.err"
	return $status
}

# state_is PRINTER JSON: the retained report is exactly JSON within 5 s.
state_is() {
	eventually 5 state_now "$@" || {
		echo "#   device/$1/report: $(cat "$tmp/state")"
		return 1
	}
}

# state_now PRINTER JSON [WAIT]: the report, its sequence_id (counting up) as "N".
state_now() {
	mosquitto_sub -h 127.0.0.1 -p "$port" -t "device/$1/report" -C 1 -W "${3:-1}" -v \
		2>&1 | sed 's/"sequence_id":"[0-9]*"/"sequence_id":"N"/' >"$tmp/state"
	[ "$(cat "$tmp/state")" = "device/$1/report $2" ]
}

# report LIST: what hms publishes for LIST, as a printer's push_status.
report() {
	echo "{\"print\":{\"command\":\"push_status\",\"sequence_id\":\"N\",\"hms\":[$1]}}"
}

A=HMS_0300_0100_0001_0007
B=HMS_0700_2000_0002_0003
C=HMS_0C00_0100_0003_0001
JA='{"attr":50331904,"code":65543}'
JB='{"attr":117448704,"code":131075}'
JC='{"attr":201326848,"code":196609}'

# --- a broker that is not there yet
late=
start_driver late late 4
echo "raise $C" >&4
sleep 1		# backoff 100, 200, 400, 400 ms: several retries
check "broker down at start: logged once over several retries" \
	lines 1 "cannot reach broker 127.0.0.1:$port" "$tmp/late.err"
check "broker down at start: driver keeps running" kill -0 "$late"
check "broker starts" start_broker
check "broker up: the driver connects and publishes its state" \
	state_is late "$(report "$JC")"
check "broker up: connection logged" lines 1 "connected to 127.0.0.1:$port" "$tmp/late.err"
check "driver quits cleanly" quits late 4

# --- state and events
start_driver main farm 5
check "driver connects" eventually 5 grep -q "connected to" "$tmp/main.err"
# Line-buffered, so its SUBACK shows before it exits.
stdbuf -oL mosquitto_sub -h 127.0.0.1 -p "$port" -t hms/farm/event -v -C 3 -W 10 -d \
	>"$tmp/events" 2>&1 &
events=$!
pids="$pids $events"
check "event subscriber ready" eventually 5 grep -q SUBACK "$tmp/events"
check "no state before the first change" fails state_now farm x 1
echo "raise $A" >&5
echo "raise $B" >&5
check "two raised: retained state lists both" state_is farm "$(report "$JA,$JB")"
echo "clear $A" >&5
check "one cleared: retained state lists the other" state_is farm "$(report "$JB")"
wait $events
check "three events on hms/farm/event" lines 3 '^hms/farm/event {' "$tmp/events"
check "event: $A raised" lines 1 "^hms/farm/event {\"seq\":1,\"code\":\"$A\",\"state\":\"raised\",\"severity\":\"fatal\"," "$tmp/events"
check "event: $B raised" lines 1 "^hms/farm/event {\"seq\":2,\"code\":\"$B\",\"state\":\"raised\",\"severity\":\"serious\"," "$tmp/events"
check "event: $A cleared" lines 1 "^hms/farm/event {\"seq\":3,\"code\":\"$A\",\"state\":\"cleared\",\"severity\":\"fatal\"," "$tmp/events"
no_retained_event() {
	! mosquitto_sub -h 127.0.0.1 -p "$port" -t hms/farm/event -C 1 -W 1 >/dev/null 2>&1
}
check "events are not retained" no_retained_event

# --- broker restart, without persistence: the retained state is gone
stop_broker
check "broker lost: logged" eventually 5 lines 1 "lost connection to broker" "$tmp/main.err"
echo "raise $C" >&5	# while away: the state is remembered, the event dropped
sleep 1
check "broker lost: logged once over several retries" \
	lines 1 "lost connection to broker\|cannot reach broker" "$tmp/main.err"
check "broker starts again" start_broker
check "after the restart: the driver republishes its state" \
	state_is farm "$(report "$JB,$JC")"
check "reconnect logged, with the dropped event" \
	eventually 5 lines 1 "1 events dropped while disconnected" "$tmp/main.err"

# --- hms's own printer topics, as Home Assistant's Bambu integration asks
stdbuf -oL mosquitto_sub -h 127.0.0.1 -p "$port" -t device/farm/report -C 3 -W 10 -d \
	>"$tmp/answers" 2>&1 &
answers=$!
pids="$pids $answers"
check "answer subscriber ready" eventually 5 grep -q SUBACK "$tmp/answers"
mosquitto_pub -h 127.0.0.1 -p "$port" -t device/farm/request \
	-m '{"info":{"sequence_id":"77","command":"get_version"}}'
check "get_version is answered on the report topic, its sequence_id echoed" \
	eventually 5 grep -q '^{"info":{"sequence_id":"77","command":"get_version","module":\[{"name":"hms",.*"sw_ver":"[0-9.]*",.*"sn":"farm"}\]' \
	"$tmp/answers"
mosquitto_pub -h 127.0.0.1 -p "$port" -t device/farm/request \
	-m '{"pushing":{"sequence_id":"78","command":"pushall"}}'
wait $answers
sed 's/"sequence_id":"[0-9]*"/"sequence_id":"N"/' "$tmp/answers" >"$tmp/answers.n"
check "pushall: the whole list is published again (retained, then the answer)" \
	lines 2 "^$(report "$JB,$JC" | sed 's/[][]/\\&/g')\$" "$tmp/answers.n"
mosquitto_pub -h 127.0.0.1 -p "$port" -t device/farm/request -m '{"print":{"command":"pause"}}'
mosquitto_pub -h 127.0.0.1 -p "$port" -t device/farm/request -m 'garbage'
check "other requests and garbage are ignored: the driver runs on" kill -0 "$main"
check "driver quits cleanly after the restart" quits main 5

# --- desktop mode: a printer's reports, read from the broker
stdbuf -oL mosquitto_sub -h 127.0.0.1 -p "$port" -t device/printer1/request -C 2 -W 10 -d \
	>"$tmp/requests" 2>&1 &
requests=$!
pids="$pids $requests"
check "request subscriber ready" eventually 5 grep -q SUBACK "$tmp/requests"
start_driver desk printer1 6
echo subscribe >&6
wait $requests
check "following a printer: get_version sent on connect" \
	lines 1 '^{"info":{"sequence_id":"[0-9]*","command":"get_version"}}$' "$tmp/requests"
check "following a printer: pushall sent on connect" \
	lines 1 '^{"pushing":{"sequence_id":"[0-9]*","command":"pushall"}}$' "$tmp/requests"
mosquitto_pub -h 127.0.0.1 -p "$port" -t device/printer1/report -r \
	-m "{\"print\":{\"command\":\"push_status\",\"hms\":[$JA,$JB],\"nozzle_temper\":210.5}}"
check "desktop: a report's codes are printed" \
	eventually 5 lines 1 "^report 2 $A $B\$" "$tmp/desk.out"
for delta in '{"print":{"stat":"4A318000","sequence_id":"51"}}' \
	'{"info":{"command":"get_version","module":[]}}' '{"system":{"command":"ledctrl"}}'; do
	mosquitto_pub -h 127.0.0.1 -p "$port" -t device/printer1/report -m "$delta"
done
mosquitto_pub -h 127.0.0.1 -p "$port" -t device/printer1/report \
	-m "{\"print\":{\"hms\":[{\"attr\":50331904,\"code\":\"65543\"},$JB,{\"attr\":50331904,\"code\":7}]}}"
check "desktop: an odd entry is left out, the others kept (severity 0 too)" \
	eventually 5 lines 1 "^report 2 $B HMS_0300_0100_0000_0007 skipped 1: print.hms\[0\].code is string, not int\$" \
	"$tmp/desk.out"
check "desktop: partial updates and other traffic say nothing of the list" \
	lines 2 '^report' "$tmp/desk.out"
mosquitto_pub -h 127.0.0.1 -p "$port" -t device/printer1/report -m 'garbage'
mosquitto_pub -h 127.0.0.1 -p "$port" -t device/printer1/report -m '{"print":{"hms":[]}}'
check "desktop: the driver keeps reading after bad reports" \
	eventually 5 lines 1 '^report 0$' "$tmp/desk.out"
check "desktop: garbage is an error line" lines 1 '^error: not JSON' "$tmp/desk.out"
check "desktop: driver quits cleanly" quits desk 6

# --- a printer's own broker: TLS only, user bblp, the access code as the
# password, a certificate of its own CA naming its serial, not its address
tls_broker=
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/ca.key" -out "$tmp/ca.pem" -days 1 \
	-subj /CN=stand-in-printer-ca >/dev/null 2>&1 &&
openssl req -newkey rsa:2048 -nodes -keyout "$tmp/printer.key" -out "$tmp/printer.csr" \
	-subj /CN=01P00A123456789 >/dev/null 2>&1 &&
openssl x509 -req -in "$tmp/printer.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" \
	-CAcreateserial -out "$tmp/printer.pem" -days 1 >/dev/null 2>&1 &&
mosquitto_passwd -b -c "$tmp/passwd" bblp 12345678 >/dev/null 2>&1
check "certificates and the password file made" test -s "$tmp/passwd"
# mosquitto started as root reads them as the mosquitto user
chmod a+rx "$tmp" && chmod a+r "$tmp/passwd" "$tmp/printer.key"
tport=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$tmp/tls.conf" <<CONF
listener $tport 127.0.0.1
cafile $tmp/ca.pem
certfile $tmp/printer.pem
keyfile $tmp/printer.key
allow_anonymous false
password_file $tmp/passwd
persistence false
log_dest stderr
CONF
mosquitto -c "$tmp/tls.conf" >"$tmp/tls-broker.log" 2>&1 &
tls_broker=$!
pids="$pids $tls_broker"
check "TLS broker starts" eventually 5 grep -q ' running$' "$tmp/tls-broker.log"

# tls_driver NAME FD ARGS...: a driver following the printer on the TLS broker.
tls_driver() {
	name=$1 fd=$2
	shift 2
	mkfifo "$tmp/$name.in"
	"$driver" --port "$tport" --printer 01P00A123456789 --backoff-min-ms 100 \
		--backoff-max-ms 400 --tls --cafile "$tmp/ca.pem" "$@" \
		<"$tmp/$name.in" >"$tmp/$name.out" 2>"$tmp/$name.err" &
	eval "$name=\$!"
	pids="$pids $!"
	eval "exec $fd>\"\$tmp/\$name.in\""
	echo subscribe >&"$fd"
}

"$driver" --port "$tport" --no-verify-name </dev/null >/dev/null 2>"$tmp/notls.err"
check "TLS: a TLS setting without TLS is refused, not ignored" \
	lines 1 "TLS settings need tls = true" "$tmp/notls.err"

tls_driver strict 7 --username bblp --password 12345678
sleep 1.5
check "TLS: a certificate naming another host is refused by default" \
	fails grep -q "connected to" "$tmp/strict.err"
check "TLS: and that is logged once" lines 1 "cannot reach broker\|lost connection" "$tmp/strict.err"
check "TLS: strict driver quits cleanly" quits strict 7

tls_driver wrongpw 8 --no-verify-name --username bblp --password 87654321
check "TLS: a wrong access code is logged" \
	eventually 5 lines 1 "broker refused us" "$tmp/wrongpw.err"
check "TLS: wrong-password driver quits cleanly" quits wrongpw 8

tls_driver printer 9 --no-verify-name --username bblp --password 12345678
check "TLS: tls_no_verify_name connects" eventually 5 lines 1 "connected to" "$tmp/printer.err"
check "TLS: and says the host name is not checked" \
	lines 1 "host name is not checked (tls_no_verify_name)" "$tmp/printer.err"
mosquitto_pub -h 127.0.0.1 -p "$tport" --cafile "$tmp/ca.pem" --insecure -u bblp -P 12345678 \
	-t device/01P00A123456789/report -m "{\"print\":{\"hms\":[$JA]}}"
check "TLS: the printer's report is read" \
	eventually 5 lines 1 "^report 1 $A\$" "$tmp/printer.out"
check "TLS: driver quits cleanly" quits printer 9

summary
