#!/bin/sh
# run.sh OUT SECONDS: runs each harness OUT/fuzz/fuzz_NAME for SECONDS from
# its seed corpus fuzz/corpus/NAME, with a dictionary from fuzz/dict/ (what
# it finds goes to OUT/corpus/NAME, never into the tree), one TAP line
# each, then "N passed, N failed". A crash, leak or hang fails the
# harness; its reproducer is kept in OUT/crashes/ (rerun:
# OUT/fuzz/fuzz_NAME OUT/crashes/FILE). FUZZ_JOBS harnesses (default: one
# per CPU) run at a time.
set -u

out=$1 seconds=$2
jobs=${FUZZ_JOBS:-$(nproc)}
here=$(cd "$(dirname "$0")" && pwd)
passed=0 failed=0 i=0
rm -rf "$out/results"
mkdir -p "$out/logs" "$out/crashes" "$out/results"

# run I NAME BIN: one harness; its TAP line, and its details, in results/I.
run() {
	i=$1 name=$2 bin=$3
	# Bounded inputs: a code is a short string, a table or a file a few KiB.
	# Dictionaries (dict/): the tokens and keys of the format.
	case $name in
	code) max_len=64 dicts=code ;;
	codedb_*) max_len=8192 dicts="json codedb" ;;
	mqtt_payload) max_len=4096 dicts="json mqtt_payload" ;;
	history) max_len=4096 dicts="json history" ;;
	*) max_len=4096 dicts=keyfile ;;
	esac
	dict="$out/$name.dict"
	for d in $dicts; do cat "$here/dict/$d.dict"; done >"$dict"
	mkdir -p "$out/corpus/$name"
	log="$out/logs/$name.log"
	"$bin" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -dict="$dict" \
		-artifact_prefix="$out/crashes/$name-" "$out/corpus/$name" \
		"$here/corpus/$name" >"$log" 2>&1
	status=$?
	# "#12345 DONE cov: 321 ft: 1234 corp: 56/2Kb lim: 4096 exec/s: 617 rss: 80Mb"
	stats=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 |
		sed -E 's/^#([0-9]+).*cov: ([0-9]+).*ft: ([0-9]+).*exec\/s: ([0-9]+).*/\1 runs, \4 exec\/s, cov: \2, ft: \3/')
	if [ $status = 0 ] && ! grep -q 'Test unit written' "$log"; then
		echo "ok $i - fuzz_$name: ${stats:-no stats}" >"$out/results/$i"
	else
		{
			echo "not ok $i - fuzz_$name: exit $status, log $log"
			grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)|Test unit written' \
				"$log" | head -10 | sed 's/^/#   /'
		} >"$out/results/$i"
	fi
}

running=0
for bin in "$out"/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	i=$((i + 1))
	run $i "${bin##*/fuzz_}" "$bin" &
	running=$((running + 1))
	if [ $running -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait
for n in $(seq 1 $i); do
	cat "$out/results/$n"
	if head -1 "$out/results/$n" | grep -q '^ok'; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done
[ $i != 0 ] || { echo "no harnesses in $out/fuzz"; failed=1; }
echo "$passed passed, $failed failed"
[ $failed = 0 ]
