# make soak: hms loaded and unloaded 100 times, each time under a storm:
# two producers, dumps, monitors added, armed and removed, parameters
# written, and 10,000 fuzzed messages (a million in all), with a listener
# that must see every event or say it lost some to an overrun. After each
# storm the table must be consistent (nlfuzz -n 0). The judge fails the run
# on any KASAN, lockdep, UBSAN or kmemleak report.
. /hms/scenarios/lib.sh

CYCLES=100
FUZZ=10000
MONITORS=/tmp/soak-monitors.conf
cat >$MONITORS <<'CONF'
[monitor soak-nozzle]
kind = thermal
source = hms-sim-0
period_ms = 10
high = 40000
high_code = HMS_0300_0100_0001_0001
[monitor soak-bed]
kind = thermal
source = hms-sim-1
period_ms = 20
low = 10000
low_code = HMS_0300_0100_0001_0002
CONF

# seq_gaps FILE: how many events are missing between those the listener printed.
seq_gaps() {
	sed -n 's/.*seq=\([0-9]*\).*/\1/p' "$1" |
		awk 'NR > 1 && $1 != last + 1 { gaps += $1 - last - 1 } { last = $1 }
		     END { print gaps + 0 }'
}

check "hms_sim.ko loads, two zones" insmod /hms/hms_sim.ko zones=2
loads=0 consistent=0 unexplained=0 events=0
for cycle in $(seq $CYCLES); do
	load_hms max_codes=256 || break
	loads=$((loads + 1))
	start_monitor soak
	burst 60 0 >/dev/null 2>&1 & storm=$!
	burst 60 100 >/dev/null 2>&1 & storm="$storm $!"
	(for i in 1 2 3 4 5 6 7 8 9 10; do hmsctl list >/dev/null; done) & storm="$storm $!"
	(for ms in 0 100 1000 0; do echo $ms >/sys/module/hms/parameters/flap_window_ms; done) &
	storm="$storm $!"
	(hmsctl load $MONITORS && hmsctl disarm soak-nozzle; hmsctl remove-monitor soak-bed
	 hmsctl remove-monitor soak-nozzle) >/dev/null 2>&1 & storm="$storm $!"
	nlfuzz -x -s $cycle -n $FUZZ >/dev/null
	for pid in $storm; do wait $pid; done
	hmsctl remove-monitor soak-nozzle >/dev/null 2>&1
	hmsctl remove-monitor soak-bed >/dev/null 2>&1
	nlfuzz -n 0 >/tmp/soak.check 2>&1 && consistent=$((consistent + 1))
	usleep 200000
	stop_monitor soak
	gaps=$(seq_gaps /tmp/soak.events)
	events=$((events + $(wc -l </tmp/soak.events)))
	if [ "$gaps" != 0 ] && ! grep -q "events lost" /tmp/soak.err; then
		unexplained=$((unexplained + 1))
		echo "# cycle $cycle: $gaps events missing, no overrun told"
	fi
	rmmod hms || break
done
[ $loads = $CYCLES ]
tap $? "hms.ko loaded and unloaded $loads times of $CYCLES under a storm"
[ $consistent = $CYCLES ]
tap $? "the table was consistent after $consistent storms of $CYCLES ($((CYCLES * FUZZ)) messages fuzzed)"
[ $unexplained = 0 ]
tap $? "the listener saw $events events, and every gap was an overrun it was told of"
check "hms_sim.ko unloads" rmmod hms_sim
