# An IIO channel (hms_sim's, mapped to consumer "hms") driven below its low
# threshold, above its high one, out of its valid range, and failing.
. /hms/scenarios/lib.sh

COLD=HMS_0300_0100_0002_0001	# test codes: heatbed too cold, too hot, sensor fault
HOT=HMS_0300_0100_0002_0002
FAULT=HMS_0300_0100_0001_0007
adc=/sys/module/hms_sim/parameters/adc_value

insmod /hms/hms_sim.ko
check "hms.ko loads" load_hms flap_window_ms=0
start_monitor mon
cat >/tmp/iio.conf <<CONF
[monitor bed-adc]
kind = iio
source = hms-sim-adc
period_ms = 20
low = 10000
low_code = $COLD
high = 110000
high_code = $HOT
hysteresis = 1000
valid_min = -20000
valid_max = 150000
fault_code = $FAULT
CONF
check_output '^1 monitors started$' "hmsctl load starts an iio monitor" hmsctl load /tmp/iio.conf
check_eventually '^bed-adc: iio hms-sim-adc value=25000 level=normal$' \
	"it reads the channel's processed value" hmsctl monitors

echo 5000 >$adc
expect_event /tmp/mon.events "seq=1 raised $COLD serious count=1 value=5000 source=bed-adc" \
	"below the low threshold: its code, with the value"
echo 120000 >$adc
expect_event /tmp/mon.events "seq=2 cleared $COLD serious count=1 value=5000 source=bed-adc" \
	"straight to high: low is cleared"
expect_event /tmp/mon.events "seq=3 raised $HOT serious count=1 value=120000 source=bed-adc" \
	"and high is raised"
echo 200000 >$adc
expect_event /tmp/mon.events "seq=5 raised $FAULT fatal count=1 value=200000 source=bed-adc" \
	"out of the valid range: the sensor fault"
echo 1 >/sys/module/hms_sim/parameters/fail_reads
echo 50000 >$adc
sleep 1		# samples come and go: the fault must stay
check_eventually '^bed-adc: iio hms-sim-adc value=0 level=fault$' \
	"a failing read stays a fault" hmsctl monitors
echo 0 >/sys/module/hms_sim/parameters/fail_reads
expect_event /tmp/mon.events "seq=6 cleared $FAULT fatal count=1 value=200000 source=bed-adc" \
	"a good reading clears it"

printf '[monitor bad]\nkind=iio\nsource=no-such-channel\nhigh=1\nhigh_code=%s\n' "$HOT" \
	>/tmp/bad.conf
check_fails 1 'source: no IIO channel of that name mapped to consumer "hms"' \
	"an unknown channel is refused" hmsctl load /tmp/bad.conf

stop_monitor mon
check "hms.ko unloads with the monitor running" rmmod hms
check "hms_sim unloads" rmmod hms_sim
