# Monitors described by firmware: a hms-health-monitor device whose
# software nodes stand for device tree nodes (the same fwnode API reads
# both). They start when the driver binds and stop when it unbinds; a bad
# node is logged with its property and keeps the device from binding.
. /hms/scenarios/lib.sh

HOT=HMS_0300_0200_0001_0003

check "hms.ko loads" load_hms flap_window_ms=0
start_monitor mon
check "a board described by firmware appears" insmod /hms/hms_sim.ko board=1
zone=$(grep -l '^hms-sim-0$' /sys/class/thermal/thermal_zone*/type)
zone=${zone%/type}
check_eventually '^fw-nozzle: thermal hms-sim-0 value=25000 level=normal$' \
	"its monitor runs, named by its label" hmsctl monitors
check_output '^  period_ms=20 debounce_samples=1 high=300000 hysteresis=5000 high_code=HMS_0300_0200_0001_0003$' \
	"with the properties firmware gave" hmsctl monitors
echo 310000 >"$zone/emul_temp"
expect_event /tmp/mon.events "seq=1 raised $HOT fatal count=1 value=310000 source=fw-nozzle" \
	"the firmware's monitor raises its code"
check "the board goes away" rmmod hms_sim
expect_event /tmp/mon.events "seq=2 cleared $HOT fatal count=1 value=310000 source=fw-nozzle" \
	"its monitor stops and clears its code"
[ -z "$(hmsctl monitors)" ]
tap $? "no monitor is left"

check "a board with a bad node appears" insmod /hms/hms_sim.ko board=2
check_output 'bad: high: a high threshold needs a high code, and a high code a threshold' \
	"the kernel log names the node and the property" dmesg
[ -z "$(hmsctl monitors)" ]
tap $? "no monitor of that board runs, not even the good one"
[ ! -e /sys/bus/platform/drivers/hms-health-monitor/hms-health-monitor ]
tap $? "the device did not bind"

stop_monitor mon
check "hms_sim unloads" rmmod hms_sim
check "hms.ko unloads" rmmod hms
