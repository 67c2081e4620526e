# rmmod while events flow and dumps run: no leak, no report, and the
# module loads again.
. /hms/scenarios/lib.sh

load_hms
start_monitor mon
(
	i=0
	while hmsctl raise "HMS_0300_0100_0001_000$((i % 8))" --value $i 2>/dev/null; do
		hmsctl clear "HMS_0300_0100_0001_000$((i % 8))" 2>/dev/null
		i=$((i + 1))
	done
) &
writer=$!
(while hmsctl list >/dev/null 2>&1; do :; done) &
reader=$!
wait_for /tmp/mon.events '^seq=20 ' 60
tap $? "events flow before the unload"

tries=50
while ! rmmod hms 2>/dev/null && [ $tries -gt 0 ]; do
	usleep 100000
	tries=$((tries - 1))
done
! grep -q '^hms ' /proc/modules
tap $? "rmmod succeeds while events flow"
wait $writer $reader
stop_monitor mon

check "hms.ko loads again" load_hms
check "and works" hmsctl raise $BED
check "and unloads" rmmod hms
