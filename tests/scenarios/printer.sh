# The example printer of agent/monitors.example.conf, on simulated
# hardware: thermal zones named as its thermistors, gpio-sim chips as its
# mainboard and AMS, pulse as its fans. Each fault must raise its seed-001
# code within the monitor's period x debounce (gpio: debounce; tach: two
# windows + hold time, + the spin-up time after arming), measured, and
# clear on recovery.
. /hms/scenarios/lib.sh

# What this check's own polling may add to a measured time (100 ms polls,
# ASan-built tools under TCG).
SLACK_MS=1000

check "the simulated thermistors load" \
	insmod /hms/hms_sim.ko zone_names=nozzle-ntc,bed-ntc,chamber
check "gpio-sim loads" modprobe gpio-sim
sim=/sys/kernel/config/gpio-sim/printer
mkdir -p $sim/main $sim/ams
echo 16 >$sim/main/num_lines
echo mainboard-gpio >$sim/main/label
echo 4 >$sim/ams/num_lines
echo ams-gpio >$sim/ams/label
echo 1 >$sim/live
chips=/sys/devices/platform/$(cat $sim/dev_name)

# pull CHIP LINE up|down
pull() {
	echo "pull-$3" >"$chips/$(cat $sim/$1/chip_name)/sim_gpio$2/pull"
}
# spin LINE HZ: a fan on the mainboard's LINE turns (fan_stop LINE)
spin() {
	fan_start "$1" "$chips/$(cat $sim/main/chip_name)/sim_gpio$1/pull" "$2"
}
# temp ZONE_TYPE M°C
temp() {
	zone=$(grep -l "^$1\$" /sys/class/thermal/thermal_zone*/type)
	echo "$2" >"${zone%/type}/emul_temp"
}
now_ms() {
	awk '{ printf "%d", $1 * 1000 }' /proc/uptime
}

# within BOUND_MS STATE CODE WHAT: since $t0, the monitor saw CODE change to
# STATE (raised or cleared), within BOUND_MS.
within() {
	bound=$1 state=$2 code=$3 what=$4
	if wait_for /tmp/mon.events "^seq=[0-9]+ $state $code " $(((bound + SLACK_MS) / 1000 + 5)); then
		took=$(($(now_ms) - t0))
		echo "# $state $code after $took ms (bound $bound ms)"
		[ $took -le $((bound + SLACK_MS)) ]
		tap $? "$what"
	else
		tap 1 "$what"
		sed 's/^/#   got: /' /tmp/mon.events
	fi
}

pull main 7 up		# front cover closed (active low)
pull main 8 up		# build plate in place (active low)
spin 9 60		# hotend fan at 1800 RPM (2 pulses a turn)
check "hms.ko loads" load_hms flap_window_ms=0
start_monitor mon
check_output '^11 monitors started$' "the example config starts the whole printer" \
	hmsctl load /hms/monitors.example.conf
sleep 3
[ ! -s /tmp/mon.events ]
tap $? "a healthy printer raises nothing"
cat /tmp/mon.events

t0=$(now_ms); temp nozzle-ntc 310000
within 300 raised HMS_0300_0200_0001_0003 "nozzle over 300 °C: over temperature"
t0=$(now_ms); temp nozzle-ntc 250000
within 300 cleared HMS_0300_0200_0001_0003 "back under it past the hysteresis: cleared"
t0=$(now_ms); temp nozzle-ntc 360000
within 300 raised HMS_0300_0200_0001_0007 "nozzle reads 360 °C, out of range: sensor fault"
t0=$(now_ms); temp nozzle-ntc 25000
within 300 cleared HMS_0300_0200_0001_0007 "reads sane again: cleared"
t0=$(now_ms); temp bed-ntc -30000
within 500 raised HMS_0300_0100_0001_0007 "heatbed reads -30 °C: open circuit"
t0=$(now_ms); temp bed-ntc 60000
within 500 cleared HMS_0300_0100_0001_0007 "heatbed reads 60 °C: cleared"
t0=$(now_ms); temp chamber 65000
within 5000 raised HMS_0500_0400_0002_0007 "chamber at 65 °C: too hot"
t0=$(now_ms); temp chamber 40000
within 5000 cleared HMS_0500_0400_0002_0007 "chamber at 40 °C: cleared"

t0=$(now_ms); pull main 7 down
within 20 raised HMS_0300_1200_0002_0001 "front cover off"
t0=$(now_ms); pull main 7 up
within 20 cleared HMS_0300_1200_0002_0001 "front cover back"
t0=$(now_ms); pull main 8 down
within 50 raised HMS_0300_0D00_0001_0003 "build plate missing"
t0=$(now_ms); pull main 8 up
within 50 cleared HMS_0300_0D00_0001_0003 "build plate back"
for slot in 0 1 2 3; do
	code=HMS_0700_2${slot}00_0002_0001
	t0=$(now_ms); pull ams $slot up
	within 30 raised $code "AMS 1 slot $((slot + 1)) runs out of filament"
	t0=$(now_ms); pull ams $slot down
	within 30 cleared $code "AMS 1 slot $((slot + 1)) loaded again"
done

t0=$(now_ms); fan_stop 9
within 3000 raised HMS_0300_0300_0001_0001 "the hotend fan stops"
t0=$(now_ms); spin 9 60
within 1000 cleared HMS_0300_0300_0001_0001 "the hotend fan turns again"
hmsctl arm part-cooling-fan
t0=$(now_ms)	# armed when hmsctl returns
within 6000 raised HMS_0300_0400_0002_0001 "the part cooling fan, armed, does not turn"
t0=$(now_ms); spin 10 50
within 2000 cleared HMS_0300_0400_0002_0001 "the part cooling fan turns"
check "the print ends: disarm the part cooling fan" hmsctl disarm part-cooling-fan
check_fails 1 'only tach monitors are armed and disarmed' "a switch is not armed" \
	hmsctl arm front-cover
fan_stop 10

check_output '^no active codes$' "every fault cleared" hmsctl list
stop_monitor mon
fan_stop 9
check "hms.ko unloads" rmmod hms
echo 0 >$sim/live
rmdir $sim/main $sim/ams $sim
check "gpio-sim unloads" rmmod gpio-sim
check "hms_sim unloads" rmmod hms_sim
