# Module parameters: ranges refused at load and at run time, a table of
# one code, and flap_window_ms written while hms loads and unloads.
. /hms/scenarios/lib.sh

FLAP=/sys/module/hms/parameters/flap_window_ms

for bad in max_codes=0 max_codes=4097 flap_window_ms=3600001; do
	load_hms $bad 2>/dev/null
	tap $((!$?)) "insmod hms.ko $bad is refused"
	rmmod hms 2>/dev/null
done

check "max_codes=1 loads" load_hms max_codes=1
check "a table of one code takes a raise" hmsctl raise $BED
check_fails 1 'table of active codes is full' "and refuses a second code" \
	hmsctl raise $FAN
check "the code is acknowledged" hmsctl ack $BED
check "and cleared" hmsctl clear $BED
check "a cleared code makes room" hmsctl raise $FAN
echo 3600001 >$FLAP 2>/dev/null
tap $((!$?)) "flap_window_ms above an hour is refused at run time"
check "flap_window_ms=0 is taken" sh -c "echo 0 >$FLAP"
check_output '"flap_window_ms": ?0[^0-9]' "and is the table's" hmsctl --json stats
check "hms unloads" rmmod hms

# A writer that never stops, while hms comes and goes: each write either
# finds no hms, or a table that is there.
(while :; do echo 1000 >$FLAP; done) 2>/dev/null &
writer=$!
cycles=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	load_hms && rmmod hms && cycles=$((cycles + 1))
done
kill $writer
wait $writer 2>/dev/null
tap $((cycles != 20)) "20 loads and unloads under a flap_window_ms writer ($cycles)"
