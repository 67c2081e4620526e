# The family against a raw-netlink fuzzer (tests/tools/nlfuzz.c): what no
# correct client sends, mixed with raises, clears, acks, dumps and
# monitors on live thermal zones. As root the table stays consistent; as an
# unprivileged user nothing changes. Seeds are fixed: a failure replays.
# The run's judge fails it on any KASAN, lockdep, UBSAN or kmemleak report.
. /hms/scenarios/lib.sh

check "hms.ko loads" load_hms max_codes=64
check "hms_sim.ko loads, two zones and an IIO channel" insmod /hms/hms_sim.ko zones=2
for seed in 1 2 3; do
	check "nlfuzz -s $seed: 10000 messages as root, the table consistent after" \
		nlfuzz -s $seed -n 10000
	grep "^nlfuzz:" /tmp/out | sed "s/^/# /"
done
check "nlfuzz -s 4: 10000 messages as nobody change nothing" as_nobody nlfuzz -s 4 -n 10000 -u
grep "^nlfuzz:" /tmp/out | sed "s/^/# /"
check "hms.ko unloads after the fuzzing" rmmod hms
check "hms_sim.ko unloads" rmmod hms_sim
