# Raise, list, ack, clear from hmsctl; a subscriber sees every change with
# the next sequence number; stats and --json agree.
. /hms/scenarios/lib.sh

check "hms.ko loads" load_hms flap_window_ms=0
check "hms.ko creates the hms netlink family" grep -q hms /proc/modules
start_monitor mon
check_output '^no active codes$' "list on an empty table" hmsctl list

check "raise $BED" hmsctl raise $BED --value -273 --source bed-ntc
expect_event /tmp/mon.events "seq=1 raised $BED fatal count=1 value=-273 source=bed-ntc" \
	"the monitor sees the raise as seq 1"
check_output "^$BED +fatal +active +1 +[0-9]+s +-273  bed-ntc\$" "list shows it" hmsctl list
check_output "^$BED +fatal +active " "get finds it by 0300-0100-0001-0007" \
	hmsctl get 0300-0100-0001-0007
check_output '"code":"HMS_0300_0100_0001_0007","state":"raised","severity":"fatal","acked":false' \
	"get --json" hmsctl --json get $BED

check "raise it again" hmsctl raise 0300010000010007 --value -100 --source bed-ntc
expect_event /tmp/mon.events "seq=2 raised $BED fatal count=2 value=-100 source=bed-ntc update" \
	"an active code raised again is an update"
check "raise a second code, written 0300_0300_0001_0001" hmsctl raise 0300_0300_0001_0001
expect_event /tmp/mon.events "seq=3 raised $FAN fatal count=1 value=0 source=hmsctl" \
	"the source defaults to the caller's name"

check "ack $BED" hmsctl ack $BED
expect_event /tmp/mon.events "seq=4 acked $BED fatal count=2 value=-100 source=bed-ntc acked" \
	"the monitor sees the ack"
check_output "^$BED +fatal +acked +2 " "list shows it acknowledged" hmsctl list
check "a second ack is not an error" hmsctl ack $BED

check "clear $BED" hmsctl clear $BED
expect_event /tmp/mon.events "seq=5 cleared $BED fatal count=2 value=-100 source=bed-ntc acked" \
	"the monitor sees the clear"
check "clear $FAN" hmsctl clear $FAN
expect_event /tmp/mon.events "seq=6 cleared $FAN fatal count=1 value=0 source=hmsctl" \
	"the monitor sees the second clear"
check_output '^no active codes$' "list is empty again" hmsctl list
check_output '^\[ *\]$' "list --json is an empty array" hmsctl --json list

check_fails 1 'code is not active' "clearing an inactive code says why" hmsctl clear $BED
check_fails 1 'code is not active' "acknowledging an inactive code says why" hmsctl ack $BED
check_fails 1 'code is not active' "get of an inactive code says why" hmsctl get $BED
check_fails 2 "'030015000010001' is not a health code" "a 15-digit code is refused" \
	hmsctl raise 030015000010001
check_fails 2 'is not a health code' "severity 0 is refused" hmsctl raise HMS_0300_0100_0000_0007
check_fails 2 'unknown command' "an unknown command is refused" hmsctl frobnicate

check_output '^raised: +3$' "stats counts raises" hmsctl stats
check_output '"active":0,"capacity":256,"raised":3,"cleared":2,"acked":1,"dropped":0,"seq":6,' \
	"stats --json" hmsctl --json stats

# Every event arrived, in order, with no gap.
seqs=$(sed 's/^seq=\([0-9]*\) .*/\1/' /tmp/mon.events | tr '\n' ' ')
[ "$seqs" = "1 2 3 4 5 6 " ]
tap $? "the monitor saw sequence numbers 1-6 exactly once each (saw: $seqs)"
! grep -q 'events lost' /tmp/mon.err
tap $? "the monitor lost no event"

# Flap control: a code cleared and raised again within the window is the same fault.
echo 10000 >/sys/module/hms/parameters/flap_window_ms
check_output '^flap window: +10000 ms$' "the flap window is set at run time" hmsctl stats
hmsctl raise $PART && hmsctl clear $PART && hmsctl raise $PART --value 5
expect_event /tmp/mon.events "seq=9 raised $PART serious count=2 value=5 source=hmsctl update" \
	"a code back within the flap window is an update, not a new fault"

stop_monitor mon
hmsctl clear $PART
check "hms.ko unloads" rmmod hms
check_fails 1 'hms kernel module is not loaded' "hmsctl says when hms.ko is not loaded" \
	hmsctl list
check_fails 2 '^hmsctl: raise needs a CODE$' "a usage error is told before the missing module" \
	hmsctl raise
