# Fan tachometers on gpio-sim lines, pulsed at a known rate by the pulse
# tool: the RPM reported within 5 %; a stopped fan raises its code after
# the hold time and clears once it turns again; a disarmed fan raises
# nothing; an armed one gets its spin-up time.
. /hms/scenarios/lib.sh

check "gpio-sim loads" modprobe gpio-sim
sim=/sys/kernel/config/gpio-sim/fans
mkdir -p $sim/bank0
echo 2 >$sim/bank0/num_lines
echo fan-gpio >$sim/bank0/label
echo 1 >$sim/live
lines=/sys/devices/platform/$(cat $sim/dev_name)/$(cat $sim/bank0/chip_name)

# spin LINE HZ: the fan on LINE turns, giving HZ pulses a second (fan_stop LINE).
spin() {
	fan_start "$1" "$lines/sim_gpio$1/pull" "$2"
}

# rpm NAME: the monitor's last value.
rpm() {
	hmsctl monitors | sed -n "s/^$1: tach fan-gpio value=\([0-9]*\) .*/\1/p"
}

# within_5_percent NAME WANT: the median of three measurements, a window
# apart, is within 5 % of WANT. (Under TCG the host may stall the VM, and
# with it the pulse tool, for a good part of a window: one reading may be
# off by that, which says nothing about the monitor.)
within_5_percent() {
	for i in 1 2 3; do
		rpm "$1"
		sleep 1
	done >/tmp/rpm
	sed "s/^/$1: /; s/\$/ RPM, want $2/" /tmp/rpm
	got=$(sort -n /tmp/rpm | sed -n 2p)
	[ -n "$got" ] && [ $((got * 100)) -ge $(($2 * 95)) ] && [ $((got * 100)) -le $(($2 * 105)) ]
}

check "hms.ko loads" load_hms flap_window_ms=0
start_monitor mon
spin 0 40	# 2 pulses a turn: 1200 RPM
cat >/tmp/tach.conf <<CONF
[monitor hotend-fan]
kind = tach
source = fan-gpio
line = 0
min_rpm = 600
hold_ms = 2000
code = $FAN

[monitor part-cooling-fan]
kind = tach
source = fan-gpio
line = 1
pulses_per_rev = 1
period_ms = 500
min_rpm = 600
hold_ms = 500
spin_up_ms = 4000
armed = 0
code = $PART
CONF
check_output '^2 monitors started$' "hmsctl load starts both fans" hmsctl load /tmp/tach.conf
check_output '^  period_ms=1000 line=0 code=HMS_0300_0300_0001_0001 pulses_per_rev=2 min_rpm=600 hold_ms=2000 spin_up_ms=0 armed=1$' \
	"hmsctl monitors shows a fan's configuration" hmsctl monitors
sleep 2
check "40 pulses a second at 2 a turn read as 1200 RPM, within 5 %" within_5_percent hotend-fan 1200
fan_stop 0
spin 0 60
sleep 2
check "60 pulses a second read as 1800 RPM, within 5 %" within_5_percent hotend-fan 1800
[ ! -s /tmp/mon.events ]
tap $? "a fan at speed raises nothing"

fan_stop 0
start=$(cut -d' ' -f1 /proc/uptime)
expect_event /tmp/mon.events "seq=1 raised $FAN fatal count=1 value=0 source=hotend-fan" \
	"the hotend fan stops: too slow or stopped, with 0 RPM"
took=$(awk -v s="$start" '{ printf "%d", ($1 - s) * 1000 }' /proc/uptime)
echo "# raised ${took} ms after the fan stopped (period 1000 + hold 2000)"
[ "$took" -ge 2000 ] && [ "$took" -le 4500 ]
tap $? "not before the hold time, and within a period + the hold (+ the check's own poll)"
spin 0 40
expect_event /tmp/mon.events "seq=2 cleared $FAN fatal count=1 value=0 source=hotend-fan" \
	"it turns again: cleared"

check_output '^part-cooling-fan: tach fan-gpio value=0 level=normal$' \
	"the part cooling fan is off and disarmed: normal" hmsctl monitors
sleep 2
! grep -q "$PART" /tmp/mon.events
tap $? "a disarmed fan raises nothing"
check "arm the part cooling fan" hmsctl arm part-cooling-fan
sleep 2
! grep -q "$PART" /tmp/mon.events
tap $? "not raised during the spin-up time"
check_output 'spin_up_ms=4000 armed=1$' "it shows armed" hmsctl monitors
expect_event /tmp/mon.events "seq=3 raised $PART serious count=1 value=0 source=part-cooling-fan" \
	"it does not turn after the spin-up: too slow or stopped"
spin 1 20	# 1 pulse a turn: 1200 RPM
expect_event /tmp/mon.events "seq=4 cleared $PART serious count=1 value=[0-9]+ source=part-cooling-fan" \
	"it turns: cleared"
check "1 pulse a turn, 20 a second, read as 1200 RPM within 5 %" \
	within_5_percent part-cooling-fan 1200
fan_stop 1
expect_event /tmp/mon.events "seq=5 raised $PART serious count=1 value=0 source=part-cooling-fan" \
	"it stops while armed: raised"
check "disarm it" hmsctl disarm part-cooling-fan
expect_event /tmp/mon.events "seq=6 cleared $PART serious count=1 value=0 source=part-cooling-fan" \
	"disarming clears the code"

check_fails 1 'no monitor of that name' "arming an unknown fan is refused" \
	hmsctl arm no-such-fan
printf '[monitor x]\nkind=tach\nsource=fan-gpio\nline=1\ncode=%s\n' "$PART" >/tmp/bad.conf
check_fails 1 'min_rpm: a tach monitor needs the speed a fan must keep' \
	"a fan without a minimum speed is refused" hmsctl load /tmp/bad.conf
printf '[monitor x]\nkind=tach\nsource=fan-gpio\nline=1\ncode=%s\nmin_rpm=100\nperiod_ms=10\n' \
	"$PART" >/tmp/bad.conf
check_fails 1 'period_ms: a tach monitor measures over at least 100 ms' \
	"a window too short to measure is refused" hmsctl load /tmp/bad.conf
check_fails 1 'Operation not permitted' "arming needs CAP_NET_ADMIN" \
	as_nobody hmsctl arm part-cooling-fan

stop_monitor mon
fan_stop 0
check "hms.ko unloads with fans watched" rmmod hms
echo 0 >$sim/live
rmdir $sim/bank0 $sim
check "gpio-sim unloads" rmmod gpio-sim
