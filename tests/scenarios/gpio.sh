# GPIO lines of a gpio-sim chip pulled and released: a front cover switch
# (active low) raises its code after the debounce and clears on release; a
# glitch shorter than the debounce raises nothing; a chattering switch
# raises its fault code once.
. /hms/scenarios/lib.sh

COVER=HMS_0300_1200_0002_0001	# the front cover of the toolhead fell off
WORN=HMS_0300_1200_0003_0002	# the cover switch chatters (not in the seed table)
RUNOUT=HMS_0700_2000_0002_0001	# AMS 1 slot 1 filament

check "gpio-sim loads" modprobe gpio-sim
sim=/sys/kernel/config/gpio-sim/printer
mkdir -p $sim/bank0
echo 8 >$sim/bank0/num_lines
echo printer-gpio >$sim/bank0/label
echo 1 >$sim/live
lines=/sys/devices/platform/$(cat $sim/dev_name)/$(cat $sim/bank0/chip_name)
pull() {
	echo "pull-$2" >"$lines/sim_gpio$1/pull"
}
pull 2 up	# the cover switch is closed: the line reads high, released
pull 5 down	# the runout sensor sees filament: released

check "hms.ko loads" load_hms flap_window_ms=0
start_monitor mon
cat >/tmp/gpio.conf <<CONF
[monitor front-cover]
kind = gpio
source = printer-gpio
line = 2
active_low = 1
debounce_ms = 400
code = $COVER
chatter_count = 6
chatter_ms = 1500
fault_code = $WORN

[monitor ams1-slot1]
kind = gpio
source = printer-gpio
line = 5
code = $RUNOUT
CONF
check_output '^2 monitors started$' "hmsctl load starts both" hmsctl load /tmp/gpio.conf
check_output '^front-cover: gpio printer-gpio value=0 level=normal$' \
	"a released line is normal" hmsctl monitors
check_output '^  fault_code=HMS_0300_1200_0003_0002 line=2 active_low=1 debounce_ms=400 code=HMS_0300_1200_0002_0001 chatter_count=6 chatter_ms=1500$' \
	"hmsctl monitors shows the line's configuration" hmsctl monitors

pull 2 down
expect_event /tmp/mon.events "seq=1 raised $COVER serious count=1 value=1 source=front-cover" \
	"the cover opens (line pulled low): its code is raised"
pull 2 up
expect_event /tmp/mon.events "seq=2 cleared $COVER serious count=1 value=1 source=front-cover" \
	"the cover closes: cleared"

pull 2 down; pull 2 up
sleep 1
[ "$(wc -l </tmp/mon.events)" = 2 ]
tap $? "a glitch shorter than the debounce raises nothing"

pull 5 up
expect_event /tmp/mon.events "seq=3 raised $RUNOUT serious count=1 value=1 source=ams1-slot1" \
	"filament runs out on AMS 1 slot 1 (active high)"

for i in 1 2 3 4 5 6 7 8 9 10; do pull 2 down; pull 2 up; done
expect_event /tmp/mon.events "seq=4 raised $WORN common count=1 value=[0-9]+ source=front-cover" \
	"a chattering switch raises its fault code"
sleep 1
grep -c "$WORN" /tmp/mon.events | grep -qx 1
tap $? "once, not per bounce"
expect_event /tmp/mon.events "seq=5 cleared $WORN common count=1 value=[0-9]+ source=front-cover" \
	"once quiet, the fault clears"
[ "$(grep -c "$COVER" /tmp/mon.events)" = 2 ]
tap $? "and the line, released, raised no cover code meanwhile"

printf '[monitor x]\nkind=gpio\nsource=printer-gpio\nline=3\n' >/tmp/bad.conf
check_fails 1 'code: a gpio monitor needs the code' "a gpio monitor without a code is refused" \
	hmsctl load /tmp/bad.conf
printf '[monitor x]\nkind=gpio\nsource=printer-gpio\nline=3\ncode=%s\nchatter_count=3\n' \
	"$COVER" >/tmp/bad.conf
check_fails 1 'chatter: chatter_count, chatter_ms and fault_code go together' \
	"half a chatter configuration is refused" hmsctl load /tmp/bad.conf
printf '[monitor x]\nkind=gpio\nsource=no-such-chip\nline=3\ncode=%s\n' "$COVER" >/tmp/bad.conf
check_fails 1 'source: no such GPIO line free' "an unknown chip is refused" \
	hmsctl load /tmp/bad.conf
printf '[monitor x]\nkind=gpio\nsource=printer-gpio\nline=2\ncode=%s\n' "$COVER" >/tmp/bad.conf
check_fails 1 'source: no such GPIO line free' "a line already watched is refused" \
	hmsctl load /tmp/bad.conf

check "remove-monitor stops the runout monitor" hmsctl remove-monitor ams1-slot1
expect_event /tmp/mon.events "seq=6 cleared $RUNOUT serious count=1 value=1 source=ams1-slot1" \
	"and clears its code"
pull 2 down
expect_event /tmp/mon.events "seq=7 raised $COVER serious count=1 value=1 source=front-cover" \
	"the cover opens again"
stop_monitor mon
check "hms.ko unloads with a line asserted" rmmod hms
echo 0 >$sim/live
rmdir $sim/bank0 $sim
check "gpio-sim unloads" rmmod gpio-sim
