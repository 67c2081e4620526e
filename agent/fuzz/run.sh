#!/bin/sh
# run.sh OUT SECONDS: runs each harness OUT/fuzz/fuzz_NAME for SECONDS from
# its seed corpus fuzz/corpus/NAME, with a dictionary from fuzz/dict/ (what
# it finds goes to OUT/corpus/NAME, never into the tree), one TAP line
# each, then "N passed, N failed". A crash, leak or hang fails the
# harness; its reproducer is kept in OUT/crashes/ (rerun:
# OUT/fuzz/fuzz_NAME OUT/crashes/FILE).
set -u

out=$1 seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
passed=0 failed=0 i=0
mkdir -p "$out/logs" "$out/crashes"
for bin in "$out"/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=${bin##*/fuzz_}
	i=$((i + 1))
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
	before=$(ls "$out/crashes" | wc -l)
	"$bin" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -dict="$dict" \
		-artifact_prefix="$out/crashes/$name-" "$out/corpus/$name" \
		"$here/corpus/$name" >"$log" 2>&1
	status=$?
	after=$(ls "$out/crashes" | wc -l)
	# "#12345 DONE cov: 321 ft: 1234 corp: 56/2Kb lim: 4096 exec/s: 617 rss: 80Mb"
	stats=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 |
		sed -E 's/^#([0-9]+).*cov: ([0-9]+).*ft: ([0-9]+).*exec\/s: ([0-9]+).*/\1 runs, \4 exec\/s, cov: \2, ft: \3/')
	if [ $status = 0 ] && [ "$after" = "$before" ]; then
		echo "ok $i - fuzz_$name: ${stats:-no stats}"
		passed=$((passed + 1))
	else
		echo "not ok $i - fuzz_$name: exit $status, log $log"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)|artifact_prefix|Test unit written' \
			"$log" | head -10 | sed 's/^/#   /'
		failed=$((failed + 1))
	fi
done
[ $i != 0 ] || { echo "no harnesses in $out/fuzz"; failed=1; }
echo "$passed passed, $failed failed"
[ $failed = 0 ]
