# What `make demo` shows: a fault raised by a detector, seen by a
# subscriber, listed, acknowledged and cleared.
. /hms/scenarios/lib.sh

run() {
	echo "# \$ $*"
	"$@" 2>&1 | sed 's/^/# /'
}

load_hms
hmsctl monitor >/tmp/events 2>/dev/null &
usleep 500000
echo "# A thermistor reads open: the heatbed detector raises its code."
run hmsctl raise $BED --value -273150 --source bed-ntc
run hmsctl raise HMS_0300_0300_0002_0002 --value 1800 --source hotend-fan
run hmsctl list
echo "# The user acknowledges the fatal one; the fault is repaired; it clears."
run hmsctl ack $BED
run hmsctl clear $BED
run hmsctl clear HMS_0300_0300_0002_0002
run hmsctl stats
usleep 500000
echo "# What a subscriber (hmsctl monitor) saw:"
sed 's/^/# /' /tmp/events
lines=$(wc -l </tmp/events)
[ "$lines" = 5 ]
tap $? "the subscriber saw all 5 events"
