# What `make demo` shows: a fault raised by a detector, seen by hmsd (which
# words it from the code table, logs it and keeps its history) and by a
# subscriber, listed, explained, acknowledged and cleared.
. /hms/scenarios/lib.sh

run() {
	echo "# \$ $*"
	"$@" 2>&1 | sed 's/^/# /'
}

export HMS_DB=/hms/codes.jsonl
load_hms
hmsctl monitor >/tmp/events 2>/dev/null &
: >/tmp/hmsd.err	# before hmsd starts: wait_for must not see an old one
hmsd --foreground --no-notify --history /tmp/history.jsonl 2>/tmp/hmsd.err &
wait_for /tmp/hmsd.err "listening for events" 20
echo "# A thermistor reads open: the heatbed detector raises its code."
run hmsctl raise $BED --value -273150 --source bed-ntc
run hmsctl raise HMS_0702_2300_0002_0001 --source ams3-slot4
run hmsctl list
echo "# What it means, and the wiki page to scan:"
run hmsctl explain $BED
echo "# The user acknowledges the fatal one; the faults are repaired; they clear."
run hmsctl ack $BED
run hmsctl clear $BED
run hmsctl clear HMS_0702_2300_0002_0001
run hmsctl stats
usleep 500000
echo "# What a subscriber (hmsctl monitor) saw:"
sed 's/^/# /' /tmp/events
echo "# What hmsd logged (with no journal here, on stderr), and its history:"
grep -v 'listening\|resync (start)' /tmp/hmsd.err | sed 's/^/# /'
run hmsctl history --file /tmp/history.jsonl
lines=$(wc -l </tmp/events)
[ "$lines" = 5 ]
tap $? "the subscriber saw all 5 events"
[ "$(grep -c '"seq"' /tmp/history.jsonl)" = 5 ]
tap $? "hmsd recorded all 5 changes"
