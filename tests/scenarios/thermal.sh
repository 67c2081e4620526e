# A thermal zone driven by emul_temp across a threshold, back through the
# hysteresis, out of its valid range, and failing to read; configured at
# run time with hmsctl load, bad configs refused by name.
. /hms/scenarios/lib.sh

HOT=HMS_0300_0200_0001_0003	# nozzle over temperature
OPEN=HMS_0300_0200_0001_0007	# nozzle sensor open circuit

insmod /hms/hms_sim.ko zones=2
check "hms.ko loads" load_hms flap_window_ms=0
zone=$(grep -l '^hms-sim-0$' /sys/class/thermal/thermal_zone*/type)
zone=${zone%/type}
start_monitor mon

cat >/tmp/printer.conf <<CONF
[monitor nozzle]
kind = thermal
source = hms-sim-0
period_ms = 20
high = 300000
high_code = $HOT
hysteresis = 5000
debounce_samples = 3
valid_min = -20000
valid_max = 350000
fault_code = $OPEN
CONF
check_output '^1 monitors started$' "hmsctl load starts the monitor" hmsctl load /tmp/printer.conf
check_eventually '^nozzle: thermal hms-sim-0 value=25000 level=normal$' \
	"hmsctl monitors shows the live value, 25 °C, normal" hmsctl monitors
check_output '^  period_ms=20 debounce_samples=3 high=300000 hysteresis=5000 valid_min=-20000 valid_max=350000 high_code=HMS_0300_0200_0001_0003 fault_code=HMS_0300_0200_0001_0007$' \
	"hmsctl monitors shows the thresholds" hmsctl monitors

echo 310000 >"$zone/emul_temp"
expect_event /tmp/mon.events "seq=1 raised $HOT fatal count=1 value=310000 source=nozzle" \
	"310 °C raises the over-temperature code, with the value"
echo 296000 >"$zone/emul_temp"
check_eventually '^nozzle: thermal hms-sim-0 value=296000 level=high$' \
	"296 °C is inside the hysteresis: still high" hmsctl monitors
echo 295000 >"$zone/emul_temp"
expect_event /tmp/mon.events "seq=2 cleared $HOT fatal count=1 value=310000 source=nozzle" \
	"295 °C is back past the hysteresis: cleared"
[ "$(wc -l </tmp/mon.events)" = 2 ]
tap $? "nothing else was announced on the way"

echo 360000 >"$zone/emul_temp"
expect_event /tmp/mon.events "seq=3 raised $OPEN fatal count=1 value=360000 source=nozzle" \
	"a reading outside the valid range raises the sensor fault code"
echo 25000 >"$zone/emul_temp"
expect_event /tmp/mon.events "seq=4 cleared $OPEN fatal count=1 value=360000 source=nozzle" \
	"a valid reading clears it"
echo 1 >/sys/module/hms_sim/parameters/fail_reads
expect_event /tmp/mon.events "seq=5 raised $OPEN fatal count=1 value=0 source=nozzle" \
	"a failing read raises the sensor fault code"
echo 0 >/sys/module/hms_sim/parameters/fail_reads
expect_event /tmp/mon.events "seq=6 cleared $OPEN fatal count=1 value=0 source=nozzle" \
	"reads that work again clear it"

echo 310000 >"$zone/emul_temp"
expect_event /tmp/mon.events "seq=7 raised $HOT fatal count=1 value=310000 source=nozzle" \
	"raised again"
check "remove-monitor stops it" hmsctl remove-monitor nozzle
expect_event /tmp/mon.events "seq=8 cleared $HOT fatal count=1 value=310000 source=nozzle" \
	"and clears the code it raised"
check_fails 1 'no monitor of that name' "removing it twice says why" hmsctl remove-monitor nozzle

# Bad configs: refused with the monitor and the property, nothing left behind.
bad_config() {
	printf '[monitor good]\nkind=thermal\nsource=hms-sim-1\nhigh=900000\nhigh_code=%s\n\n' "$HOT" \
		>/tmp/bad.conf
	printf '[monitor bad]\nkind=thermal\nsource=hms-sim-0\n%b\n' "$1" >>/tmp/bad.conf
	check_fails 1 "^hmsctl: /tmp/bad.conf: \\[monitor bad\\]: .*$2" "$3" hmsctl load /tmp/bad.conf
}
bad_config "high=5\n" "high: a high threshold needs a high code" "a threshold without its code"
bad_config "high_code=$HOT\n" "high: a high threshold needs a high code" \
	"a code without its threshold"
bad_config "period_ms=0\nhigh=5\nhigh_code=$HOT" "period_ms: below the minimum of 1 ms" \
	"a period below the minimum"
bad_config "low=10\nlow_code=$HOT\nhigh=5\nhigh_code=$OPEN" "thresholds: low is not below high" \
	"inverted thresholds"
bad_config "valid_min=10\nvalid_max=5\nfault_code=$OPEN" "valid range: minimum above maximum" \
	"an inverted valid range"
printf '[monitor bad]\nkind=thermal\nsource=no-such-zone\nhigh=1\nhigh_code=%s\n' "$HOT" \
	>/tmp/bad.conf
check_fails 1 'source: no single thermal zone of that type' "an unknown source" \
	hmsctl load /tmp/bad.conf
printf '[monitor bad]\nkind=thermal\nsource=hms-sim-0\nhigh=1\nhigh_code=HMS_0300_0200_0000_0003\n' \
	>/tmp/bad.conf
check_fails 1 "\\[monitor bad\\] high_code: 'HMS_0300_0200_0000_0003' is not a health code" \
	"a code with severity 0" hmsctl load /tmp/bad.conf
[ -z "$(hmsctl monitors)" ]
tap $? "no monitor stayed behind"
[ -z "$(as_nobody hmsctl monitors)" ]
tap $? "an unprivileged user sees the same (empty) list"
check_fails 1 'Operation not permitted' "an unprivileged load gets EPERM" \
	as_nobody hmsctl load /tmp/printer.conf

# Unloading with a monitor running and a code raised leaves nothing behind.
hmsctl load /tmp/printer.conf >/dev/null
expect_event /tmp/mon.events "seq=9 raised $HOT fatal count=1 value=310000 source=nozzle" \
	"the reloaded monitor raises"
stop_monitor mon
check "hms.ko unloads with a monitor running" rmmod hms
check "hms_sim unloads" rmmod hms_sim
