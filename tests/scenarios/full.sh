# A full table refuses new codes, counts and announces every drop.
. /hms/scenarios/lib.sh

check "hms.ko loads with max_codes=2" load_hms max_codes=2
start_monitor mon
hmsctl raise $BED
hmsctl raise $FAN
check_fails 1 'table of active codes is full' "a third code is refused, with the reason" \
	hmsctl raise $PART --value 7
expect_event /tmp/mon.events "seq=3 dropped $PART serious count=0 value=7 source=hmsctl" \
	"the drop is announced"
check_output '^dropped: +1$' "stats count the drop" hmsctl stats
check_output '^active: +2 of 2$' "stats show the table full" hmsctl stats
check "an active code can still be updated" hmsctl raise $BED
hmsctl clear $FAN
check "a cleared code makes room" hmsctl raise $PART
stop_monitor mon
rmmod hms
check_fails any 'Invalid argument' "max_codes=0 is refused" \
	load_hms max_codes=0
dmesg | grep -qE "0. invalid for parameter .max_codes"
tap $? "the kernel log says why max_codes=0 was refused"
