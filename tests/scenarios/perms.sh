# Anyone may subscribe, list and read stats; changing the table needs
# CAP_NET_ADMIN.
. /hms/scenarios/lib.sh

load_hms
start_monitor nobody as_nobody
check "root raises $BED" hmsctl raise $BED
expect_event /tmp/nobody.events "seq=1 raised $BED fatal count=1 value=0 source=hmsctl" \
	"an unprivileged monitor receives the event"
check_output "^$BED " "an unprivileged user lists the code" as_nobody hmsctl list
check_output '^raised: +1$' "an unprivileged user reads stats" as_nobody hmsctl stats
check_fails 1 'Operation not permitted' "an unprivileged raise gets EPERM" \
	as_nobody hmsctl raise $FAN
check_fails 1 'Operation not permitted' "an unprivileged ack gets EPERM" as_nobody hmsctl ack $BED
check_fails 1 'Operation not permitted' "an unprivileged clear gets EPERM" \
	as_nobody hmsctl clear $BED
check_output "^$BED +fatal +active +1 " "the table is unchanged" hmsctl list
stop_monitor nobody
killall hmsctl 2>/dev/null
hmsctl clear $BED
rmmod hms
