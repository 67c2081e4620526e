# GPIO edge to listener latency, for the test kernel (Debian's has no
# gpio-sim): a gpio monitor's events on a raw generic netlink socket
# against a GPIO v2 character device reader's edge events, on two lines of
# the same gpio-sim chip, taking turns. Prints bench-row lines.
. /hms/scenarios/lib.sh
. /hms/scenarios/bench-lib.sh

N=${BENCH_GPIO_N:-200}
COVER=HMS_0300_1200_0002_0001

check "gpio-sim loads" modprobe gpio-sim
sim=/sys/kernel/config/gpio-sim/bench
mkdir -p $sim/bank0
echo 4 >$sim/bank0/num_lines
echo bench-gpio >$sim/bank0/label
echo 1 >$sim/live
chip=$(cat $sim/bank0/chip_name)
lines=/sys/devices/platform/$(cat $sim/dev_name)/$chip
echo pull-down >$lines/sim_gpio0/pull
echo pull-down >$lines/sim_gpio1/pull
check "hms.ko loads" load_hms flap_window_ms=0

for debounce in 0 1; do
	printf '[monitor edge]\nkind=gpio\nsource=bench-gpio\nline=0\ncode=%s\n' $COVER >/tmp/gpio.conf
	[ $debounce = 0 ] || echo "debounce_ms=$debounce" >>/tmp/gpio.conf
	hmsctl load /tmp/gpio.conf >/dev/null
	out=$(latency gpio "$N" $lines/sim_gpio0/pull /dev/$chip 1 $lines/sim_gpio1/pull \
		$((debounce * 1000)))
	tap $? "gpio latency, debounce $debounce ms, runs"
	echo "$out" | sed 's/^/# /'
	monitors_remove
	hms=$(echo "$out" | grep ' hms ')
	cdev=$(echo "$out" | grep ' cdev ')
	for p in p50 p99; do
		row "GPIO edge->listener $p (ms), debounce $debounce ms, vs GPIO cdev" \
			"$(field "$hms" $p)e-3" "$(field "$cdev" $p)e-3" "-" "$(field "$hms" n)" 3
	done
done

check "hms.ko unloads" rmmod hms
echo 0 >$sim/live
rmdir $sim/bank0 $sim
check "gpio-sim unloads" rmmod gpio-sim
