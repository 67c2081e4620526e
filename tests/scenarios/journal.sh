# hmsd writes the systemd journal: a real systemd-journald in the VM, its
# entries read back with journalctl, field by field.
. /hms/scenarios/lib.sh

RAISED=3aff5fe6c51547a89f176666e9ffa536	# agent/journal.h
CLEARED=43339008f55447f9b38cdfe3d7a54c79

# journald needs the cgroup tree, which the test kernel is built without.
if [ ! -d /sys/fs/cgroup ]; then
	echo "# no cgroups in this kernel: journald cannot run; Debian's kernel has them"
	exit 0
fi
mount -t cgroup2 cgroup2 /sys/fs/cgroup
# It wants a machine id too; there is no systemd here to make one.
tr -d '-' </proc/sys/kernel/random/uuid >/etc/machine-id
mkdir -p /run/systemd/journal /run/log/journal
systemd-journald >/tmp/journald.log 2>&1 &
journald=$!
tries=50
until [ -S /run/systemd/journal/socket ] || [ $tries = 0 ]; do
	usleep 100000
	tries=$((tries - 1))
done
[ -S /run/systemd/journal/socket ]
tap $? "systemd-journald runs"

check "hms.ko loads" load_hms flap_window_ms=0
export HMS_DB=/hms/codes.jsonl
: >/tmp/hmsd.err	# before hmsd starts: wait_for must not see an old one
hmsd --foreground --no-notify --history '' 2>/tmp/hmsd.err &
hmsd=$!
wait_for /tmp/hmsd.err "listening for events" 20
check "raise $BED" hmsctl raise $BED --value -273 --source bed-ntc
check "clear $BED" hmsctl clear $BED

# journal FIELD=VALUE...: the entries that match, one JSON object a line.
journal() {
	journalctl --directory=/run/log/journal/"$(cat /etc/machine-id)" -o json --no-pager "$@"
}
check_eventually '"HMS_CODE":"HMS_0300_0100_0001_0007"' "the raise is in the journal" \
	journal MESSAGE_ID=$RAISED
for field in '"PRIORITY":"2"' '"HMS_SEVERITY":"fatal"' '"HMS_MODULE":"03"' \
	'"HMS_VALUE":"-273"' '"HMS_SOURCE":"bed-ntc"' '"HMS_SEQ":"1"' '"HMS_STATE":"raised"' \
	'"HMS_TEXT":"The heatbed temperature is abnormal; the sensor may have an open circuit."'; do
	check_output "$field" "the raise's entry has $field" journal MESSAGE_ID=$RAISED
done
check_eventually '"HMS_STATE":"cleared"' "the clear is in the journal, with its own id" \
	journal MESSAGE_ID=$CLEARED HMS_CODE=$BED
check_output '"MESSAGE":"raised HMS_0300_0100_0001_0007 fatal value=-273 source=bed-ntc seq=1: The heatbed' \
	"its message says it for people" journal HMS_SEQ=1
! grep -q "raised $BED" /tmp/hmsd.err
tap $? "with a journal, nothing of it goes to stderr"

kill $hmsd
wait $hmsd
tap $? "hmsd exits 0"
kill $journald
wait $journald 2>/dev/null
check "hms.ko unloads" rmmod hms
