# A source that goes away and comes back: a thermal zone whose driver is
# unloaded while a monitor reads it is a sensor fault (the zone is held,
# not freed under the monitor), and is picked up again when it returns.
# hms and the zone's driver unload in either order. The same for an IIO
# channel whose provider unloads.
#
# The driver unloads between two samples: 6.1's thermal core destroys a
# zone's lock before it unregisters the zone, so a read within the
# unregistration itself would trip the test kernel's mutex debugging
# (kmod/sampled.c says so).
. /hms/scenarios/lib.sh

# unload_between_samples: the monitor reads a new temperature, then the
# zone's driver unloads, well before the next sample (2 s later).
unload_between_samples() {
	echo "$1" >/sys/class/thermal/"$(zone_of hms-sim-0)"/emul_temp
	check_eventually "^nozzle: thermal hms-sim-0 value=$1 level=normal\$" \
		"the monitor reads $1" hmsctl monitors
	check "the zone's driver unloads under the monitor" rmmod hms_sim
}

zone_of() {
	basename "$(dirname "$(grep -lx "$1" /sys/class/thermal/thermal_zone*/type)")"
}

OPEN=HMS_0300_0200_0001_0007	# nozzle sensor open circuit

cat >/tmp/vanish.conf <<CONF
[monitor nozzle]
kind = thermal
source = hms-sim-0
period_ms = 2000
valid_min = -20000
valid_max = 350000
fault_code = $OPEN
CONF

insmod /hms/hms_sim.ko zones=1
check "hms.ko loads" load_hms flap_window_ms=0
start_monitor mon
check_output '^1 monitors started$' "a thermal monitor on the simulated zone" \
	hmsctl load /tmp/vanish.conf
check_eventually '^nozzle: thermal hms-sim-0 value=25000 level=normal$' "it reads 25 °C" \
	hmsctl monitors

unload_between_samples 26000
expect_event /tmp/mon.events "seq=1 raised $OPEN fatal count=1 value=0 source=nozzle" \
	"a zone gone is a sensor fault"
check_eventually '^nozzle: thermal hms-sim-0 value=0 level=fault$' "the monitor shows the fault" \
	hmsctl monitors
check "the zone's driver loads again" insmod /hms/hms_sim.ko zones=1
expect_event /tmp/mon.events "seq=2 cleared $OPEN fatal count=1 value=0 source=nozzle" \
	"the zone back is picked up: the fault clears"
check_eventually '^nozzle: thermal hms-sim-0 value=25000 level=normal$' \
	"it reads 25 °C again" hmsctl monitors

# The zone goes first, then hms, holding what is left of it.
unload_between_samples 27000
expect_event /tmp/mon.events "seq=3 raised $OPEN fatal count=1 value=0 source=nozzle" \
	"gone again: the fault again"
stop_monitor mon
check "hms unloads while its monitor holds a zone that is gone" rmmod hms
check "the zone's driver loads without hms" insmod /hms/hms_sim.ko zones=1

# hms goes first, then the zone.
check "hms loads again" load_hms
check_output '^1 monitors started$' "the monitor starts on the zone" hmsctl load /tmp/vanish.conf
check "hms unloads first" rmmod hms
check "then the zone's driver" rmmod hms_sim

# An IIO provider that goes away and comes back, in both orders.
cat >/tmp/vanish-iio.conf <<CONF
[monitor adc]
kind = iio
source = hms-sim-adc
period_ms = 300
valid_min = -20000
valid_max = 350000
fault_code = $OPEN
CONF
insmod /hms/hms_sim.ko zones=1
check "hms loads for the IIO channel" load_hms flap_window_ms=0
start_monitor iio
check_output '^1 monitors started$' "an IIO monitor on the simulated ADC" \
	hmsctl load /tmp/vanish-iio.conf
check_eventually '^adc: iio hms-sim-adc value=25000 level=normal$' "it reads 25 °C" \
	hmsctl monitors
check "the ADC's driver unloads under the monitor" rmmod hms_sim
expect_event /tmp/iio.events "seq=1 raised $OPEN fatal count=1 value=0 source=adc" \
	"a channel gone is a sensor fault"
check "the ADC's driver loads again" insmod /hms/hms_sim.ko zones=1 adc_value=31000
expect_event /tmp/iio.events "seq=2 cleared $OPEN fatal count=1 value=0 source=adc" \
	"the channel back is picked up: the fault clears"
check_eventually '^adc: iio hms-sim-adc value=31000 level=normal$' \
	"it reads the new provider's 31 °C" hmsctl monitors
stop_monitor iio
check "hms unloads while its monitor holds the channel" rmmod hms
check "then the ADC's driver" rmmod hms_sim
