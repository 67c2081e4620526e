# The benchmarks that need no gpio-sim, for Debian's stock kernel (no debug
# options): polling CPU, 32 thermal monitors against a userspace poller, and
# threshold crossing latency. Prints bench-row lines (bench-lib.sh).
. /hms/scenarios/lib.sh
. /hms/scenarios/bench-lib.sh

ZONES=32 PERIOD=10
EACH=${BENCH_SECONDS:-10} ROUNDS=${BENCH_ROUNDS:-3}
HOT=HMS_0300_0200_0001_0003
SET=/sys/module/hms_sim/parameters/temp

check "hms.ko loads" load_hms flap_window_ms=0	# and industrialio, which hms_sim needs
check "hms_sim loads $ZONES zones" insmod /hms/hms_sim.ko zones=$ZONES
files=
for type in /sys/class/thermal/thermal_zone*/type; do
	case $(cat "$type") in
	hms-sim-*) files="$files ${type%/type}/temp" ;;
	esac
done
[ "$(echo $files | wc -w)" = $ZONES ]
tap $? "$ZONES simulated zones"

# thermal_conf PERIOD N: N monitors on hms-sim-0..N-1, as a printer's.
thermal_conf() {
	i=0
	while [ $i -lt "$2" ]; do
		printf '[monitor z%d]\nkind=thermal\nsource=hms-sim-%d\nperiod_ms=%d\n' $i $i "$1"
		printf 'high=300000\nhigh_code=%s\nhysteresis=5000\n\n' $HOT
		i=$((i + 1))
	done
}
thermal_conf $PERIOD $ZONES >/tmp/cpu.conf

# CPU: the time no CPU was idle, from /proc/stat's idle and iowait (which
# NO_HZ kernels account exactly, at each idle entry and exit) against
# /proc/uptime, both in 1/100 s. busy_NAME and up_NAME add up, per variant.
ncpu=$(grep -c '^cpu[0-9]' /proc/stat)
stamp() {
	idle=$(awk '/^cpu / { print $5 + $6 }' /proc/stat)
	up=$(awk '{ printf "%d", $1 * 100 }' /proc/uptime)
}
measure() {
	name=$1
	shift
	stamp
	idle0=$idle up0=$up
	"$@" >>/tmp/measure.out 2>&1 || echo "# $* failed: $(tail -1 /tmp/measure.out)"
	stamp
	eval "busy_$name=\$((\${busy_$name:-0} + (up - up0) * ncpu - (idle - idle0)))"
	eval "up_$name=\$((\${up_$name:-0} + up - up0))"
}
# pct NAME: the busy time as a percentage of one CPU.
pct() {
	eval "awk -v b=\$busy_$1 -v u=\$up_$1 'BEGIN { printf \"%.3f\", 100 * b / u }'"
}

r=0
while [ $r -lt "$ROUNDS" ]; do
	measure idle sleep "$EACH"
	hmsctl load /tmp/cpu.conf >/dev/null
	[ $r != 0 ] || check_eventually "^z$((ZONES - 1)): thermal hms-sim-$((ZONES - 1)) value=25000 level=normal\$" \
		"hms samples the $ZONES zones" hmsctl monitors
	sleep 1
	measure hms sleep "$EACH"
	monitors_remove
	measure pread poll pread $PERIOD "$EACH" $files
	measure open poll open $PERIOD "$EACH" $files
	r=$((r + 1))
done
sed 's/^/# /' /tmp/measure.out
for v in idle hms pread open; do
	echo "# cpu $v: $(pct $v) % of one CPU (busy $(eval echo \$busy_$v) of $(eval echo \$up_$v) cs x $ncpu CPUs)"
done
net() {
	awk -v v="$(pct "$1")" -v i="$(pct idle)" 'BEGIN { printf "%.3f", v - i }'
}
what="CPU % over idle, $ZONES zones @${PERIOD} ms"
row "$what, vs pread poller" "$(net hms)" "$(net pread)" "<= 0.10" "${ROUNDS}x${EACH}s" 3
row "$what, vs open/read/close" "$(net hms)" "$(net open)" "-" "${ROUNDS}x${EACH}s" 3

# Threshold crossing: one monitor on hms-sim-0, the others idle.
zone0=$(echo $files | cut -d' ' -f1)
for period in 10 100; do
	count=200
	[ $period = 10 ] || count=60
	thermal_conf $period 1 >/tmp/one.conf
	hmsctl load /tmp/one.conf >/dev/null
	out=$(latency threshold $count $period $SET $zone0 300000)
	tap $? "threshold latency at $period ms runs"
	echo "$out" | sed 's/^/# /'
	monitors_remove
	hms=$(echo "$out" | grep ' hms ')
	poller=$(echo "$out" | grep ' poller ')
	row "threshold latency p99 (ms) @${period} ms, vs period" \
		"$(field "$hms" p99)e-3" "$period" "<= 1.10" "$(field "$hms" n)"
	row "threshold latency p99 (ms) @${period} ms, vs pread poller" \
		"$(field "$hms" p99)e-3" "$(field "$poller" p99)e-3" "-" "$(field "$poller" n)"
done

check "hms_sim unloads" rmmod hms_sim
check "hms.ko unloads" rmmod hms

# Event storms: tests/tools/burst raising N codes, clearing half and
# acknowledging a quarter (1.75 N events; the agent's client, a request and
# its ack at a time), to a raw listener with room for all; then to hmsd,
# twice, and its RSS; then to an hmsd stopped with a tiny receive buffer,
# which must resync to the kernel's table.
STORM=${BENCH_STORM:-4000}
check "hms.ko loads with room for $STORM codes" load_hms flap_window_ms=0 max_codes=$STORM

# Start-up: hmsctl list against a minimal libnl client, on an empty table.
hmsctl_list=$(spawn 20 hmsctl list)
nlmin=$(spawn 20 nlmin)
echo "# hmsctl list: $hmsctl_list; nlmin: $nlmin"
row "hmsctl list, start-up included (ms median), vs libnl client" \
	"$(field "$hmsctl_list" median)e-3" "$(field "$nlmin" median)e-3" "-" 20 1
listen 2000 $((8 << 20)) >/tmp/listen.out 2>/tmp/listen.err &	# 8 MiB: all of it
listen_pid=$!
wait_for /tmp/listen.err listening 10
check "burst $STORM" burst $STORM
wait $listen_pid
out=$(cat /tmp/listen.out)
echo "# $out"
row "events/s, burst -> raw listener ($(field "$out" lost) lost, $(field "$out" overruns) overruns)" \
	"$(field "$out" per_s)" - "-" "$(field "$out" events)" 0

HIST=/tmp/hmsd-history.jsonl STATE=/tmp/hmsd-state.json
start_hmsd() {
	: >/tmp/hmsd.err
	rm -f $HIST $STATE
	hmsd --foreground --history $HIST --state $STATE "$@" 2>>/tmp/hmsd.err &
	hmsd_pid=$!
	wait_for /tmp/hmsd.err "listening for events" 20 || {
		tap 1 "hmsd $* starts"
		sed 's/^/#   /' /tmp/hmsd.err
	}
}
# codes FILE: how many codes a JSON array of entries holds.
codes() {
	tr '{' '\n' | grep -c '"code":'
}
rss() {
	awk '/^VmRSS:/ { print $2 }' /proc/$1/status
}
last_seq() {
	hmsctl stats | sed -n 's/^last seq: *\([0-9]*\)/\1/p'
}
seq0=$(last_seq)
start_hmsd
rss0=$(rss $hmsd_pid)
check "burst $STORM" burst $STORM
check "burst $STORM again" burst $STORM
sleep 2
events=$(($(last_seq) - seq0))
rss1=$(rss $hmsd_pid)
echo "# hmsd RSS: $rss0 kB at start, $rss1 kB after $events events"
row "hmsd RSS (KiB) after the events, vs at start" "$rss1" "$rss0" "-" "$events" 0
stop_pid $hmsd_pid

start_hmsd --rcvbuf 4096
kill -STOP $hmsd_pid
check "burst $STORM while hmsd is stopped" burst $STORM
kill -CONT $hmsd_pid
sleep 5
kernel=$(hmsctl --json list | codes)
tries=100
until [ "$(codes <$STATE)" = "$kernel" ] || [ $tries = 0 ]; do
	sleep 0.2
	tries=$((tries - 1))
done
view=$(codes <$STATE)
[ "$view" = "$kernel" ]
tap $? "after the overrun hmsd's view has the kernel's $kernel codes"
grep -q 'resync' /tmp/hmsd.err
tap $? "hmsd resynced"
row "codes in hmsd's view after an overrun, vs kernel table" "$view" "$kernel" "= 1.00" 1 0
stop_pid $hmsd_pid
check "hms.ko unloads" rmmod hms
