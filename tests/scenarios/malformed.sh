# Every malformed request is refused with an extended ACK saying what is
# wrong, and changes nothing.
. /hms/scenarios/lib.sh

load_hms
start_monitor mon

refused() {
	check_fails 0 "^refused: .*$2" "$1 is refused ($2)" badreq "$1"
	sed 's/^/# /' /tmp/out
}
refused report-without-code 'attribute 2 is missing'
refused report-without-state 'attribute 3 is missing'
refused get-without-code 'attribute 2 is missing'
refused severity-zero 'code severity must be 1 \(fatal\) to 4 \(info\)'
refused state-acked 'out of range'
refused short-code 'invalid attribute length'
refused event-attribute 'Unsupported attribute'
refused unknown-attribute 'Unknown attribute type'
refused long-source 'Attribute failed policy validation'
refused unterminated-source 'Attribute failed policy validation'
refused stats-with-attribute 'Unknown attribute type'

check_output '^no active codes$' "nothing was raised" hmsctl list
[ ! -s /tmp/mon.events ]
tap $? "no event was sent"
stop_monitor mon
rmmod hms
