# hmsd: shows codes raised before it started, follows live changes into
# its history and stderr (the VM has no journal), survives a socket
# overrun by resyncing, and rebuilds its view from the kernel on restart.
. /hms/scenarios/lib.sh

HIST=/tmp/hmsd-history.jsonl
STATE=/tmp/hmsd-state.json
NEW=HMS_0500_0100_0003_0001	# a code raised while hmsd is stopped

# view_of: "CODE ACKED" per entry of a JSON array, sorted, from stdin.
view_of() {
	tr '{' '\n' | sed -n 's/.*"code":"\([^"]*\)".*"acked":\([a-z]*\).*/\1 \2/p' | sort
}

same_view() {
	hmsctl --json list | view_of >/tmp/kernel.view
	view_of <$STATE >/tmp/hmsd.view 2>/dev/null
	cmp -s /tmp/kernel.view /tmp/hmsd.view
}

# check_same_view WHAT: within 20 s hmsd's state file equals the kernel's table.
check_same_view() {
	tries=200
	until same_view; do
		tries=$((tries - 1))
		if [ $tries = 0 ]; then
			tap 1 "$1"
			echo "#   kernel: $(wc -l </tmp/kernel.view) codes, hmsd: $(wc -l </tmp/hmsd.view)"
			diff /tmp/kernel.view /tmp/hmsd.view | head -20 | sed 's/^/#   /'
			return 1
		fi
		usleep 100000
	done
	tap 0 "$1 ($(wc -l </tmp/kernel.view) codes)"
}

# start_hmsd [OPTION...]: hmsd in the foreground; returns once it listens.
start_hmsd() {
	: >/tmp/hmsd.err
	hmsd --foreground --history $HIST --state $STATE "$@" 2>>/tmp/hmsd.err &
	hmsd_pid=$!
	wait_for /tmp/hmsd.err "listening for events" 20 || {
		tap 1 "hmsd $* starts"
		sed 's/^/#   /' /tmp/hmsd.err
	}
}

stop_hmsd() {
	kill -TERM $hmsd_pid
	wait $hmsd_pid
	tap $? "hmsd exits 0 on SIGTERM"
}

# history_has PATTERN WHAT: hmsctl history prints a line matching PATTERN.
history_has() {
	check_eventually "$1" "$2" hmsctl history --file $HIST
}

check "hms.ko loads" load_hms flap_window_ms=0

# Codes active before hmsd starts.
hmsctl raise $BED --value -273 --source bed-ntc
hmsctl raise $FAN
hmsctl ack $FAN
start_hmsd
check_same_view "hmsd started after codes were raised shows them"
check_output "^$FAN true\$" "it shows $FAN acknowledged" cat /tmp/hmsd.view

# Live changes.
check "raise $PART" hmsctl raise $PART --value 5
history_has "seq=4 raised $PART serious value=5 source=hmsctl\$" "history records the raise"
check "ack $PART" hmsctl ack $PART
history_has "seq=5 acked $PART serious" "history records the ack"
check "clear $BED" hmsctl clear $BED
history_has "seq=6 cleared $BED fatal value=-273 source=bed-ntc\$" "history records the clear"
check_same_view "hmsd follows raise, ack and clear"
check_output "raised $PART serious value=5 source=hmsctl seq=4\$" \
	"without a journal, a change is one line on stderr" cat /tmp/hmsd.err
check_output "\"seq\":6,\"code\":\"$BED\",\"state\":\"cleared\",\"severity\":\"fatal\"" \
	"history --json prints the records" hmsctl --json history -n 1 --file $HIST
[ "$(hmsctl history -n 2 --file $HIST | wc -l)" = 2 ]
tap $? "history -n 2 prints two records"
stop_hmsd

# A burst that overruns a tiny receive buffer while hmsd is stopped.
start_hmsd --rcvbuf 4096
kill -STOP $hmsd_pid
check "a burst of 200 raises, 100 clears, 50 acks" burst 200
kill -CONT $hmsd_pid
check_same_view "after the overrun hmsd's view equals the kernel's table"
check_output 'resync \((socket overrun|sequence gap)\)' "hmsd logged the resync" \
	cat /tmp/hmsd.err
check_output "events lost" "hmsd said events were lost" cat /tmp/hmsd.err
history_has 'HMS_0500_.* info .*found by resync' \
	"history has a change found by the resync"

# Storms while hmsd runs: two producers at once overrun its buffer, and
# its resyncs dump the table while codes change. Each must end exact.
resyncs=$(grep -c 'resync (' /tmp/hmsd.err)
for run in 1 2 3 4 5; do
	burst 60 300 & b1=$!
	burst 60 500 & b2=$!
	wait $b1 && wait $b2
	tap $? "storm $run: two bursts of 60 codes side by side"
	check_same_view "storm $run: hmsd's view equals the kernel's table"
done
[ "$(grep -c 'resync (' /tmp/hmsd.err)" -gt "$resyncs" ]
tap $? "the storms overran hmsd: it resynced $(($(grep -c 'resync (' /tmp/hmsd.err) - resyncs)) times"

# Changes while hmsd is not running are found at restart.
stop_hmsd
hmsctl raise $NEW --value 1
hmsctl clear $PART
hmsctl ack HMS_0500_0300_0004_0100
start_hmsd
check_same_view "a restarted hmsd rebuilds its view from the kernel"
check_output "^HMS_0500_0300_0004_0100 true\$" "it found the ack made while it was stopped" \
	cat /tmp/hmsd.view
! hmsctl history --file $HIST 2>&1 >/dev/null | grep skipped
tap $? "hmsctl history finds no damaged line"
stop_hmsd
rm -f $HIST $STATE

check "hms.ko unloads" rmmod hms
check_fails 1 'hms kernel module is not loaded' "hmsd without hms.ko says so and exits 1" \
	hmsd --foreground --history ""
