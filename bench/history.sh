#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bench/history.sh [HMSCTL]: how long `hmsctl history -n 20` takes on a
# 100 MB history, and how much memory, against `tail -n 20` of the same file
# in the same run. Prints both, the ratio and the peak RSS; fails if hmsctl
# takes 50 ms or more, or 16 MB or more. HMSCTL defaults to agent/hmsctl/hmsctl
# (make agent); a SANITIZE=1 build is slower and bigger than what this judges.
# HMS_BENCH_MB= changes the size, HMS_BENCH_DIR= where the file goes (/tmp).
set -eu

HMSCTL=${1:-agent/hmsctl/hmsctl}
MB=${HMS_BENCH_MB:-100}
DIR=$(mktemp -d "${HMS_BENCH_DIR:-/tmp}/hms-bench.XXXXXX")
trap 'rm -rf "$DIR"' EXIT INT TERM
FILE=$DIR/history.jsonl
RUNS=10

[ -x "$HMSCTL" ] || { echo "bench: no $HMSCTL (make agent)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: no /usr/bin/time (make deps)" >&2; exit 1; }

# Records as hmsd writes them, two codes raised and cleared in turn.
awk -v bytes=$((MB * 1000 * 1000)) 'BEGIN {
	for (seq = 1; size < bytes; seq++) {
		line = sprintf("{\"time\":\"2026-12-04T12:%02d:%02d.%03dZ\",\"seq\":%d," \
			"\"code\":\"HMS_0300_0100_0001_%04d\",\"state\":\"%s\",\"severity\":\"fatal\"," \
			"\"value\":-273150,\"source\":\"bed-ntc\",\"acked\":false,\"count\":%d}",
			seq / 60000 % 60, seq / 1000 % 60, seq % 1000, seq, 7 + seq % 2,
			seq % 4 < 2 ? "raised" : "cleared", seq)
		print line
		size += length(line) + 1
	}
}' >"$FILE"
lines=$(wc -l <"$FILE")
echo "bench: $FILE: $(($(stat -c %s "$FILE") / 1000000)) MB, $lines records"

# run NAME CMD...: the best wall time (of $RUNS runs, in µs, into NAME_us; the
# process's start and /usr/bin/time's included) and the peak RSS (KiB, NAME_rss).
run() {
	name=$1
	shift
	best=
	rss=0
	i=0
	while [ $i -lt $RUNS ]; do
		start=$(date +%s%N)
		/usr/bin/time -v -o "$DIR/time" "$@" >"$DIR/$name.out" 2>"$DIR/$name.err"
		end=$(date +%s%N)
		ms=$(((end - start) / 1000))
		[ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
		r=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$DIR/time")
		[ "$r" -gt "$rss" ] && rss=$r
		i=$((i + 1))
	done
	eval "${name}_us=\$best ${name}_rss=\$rss"
	printf 'bench: %-28s %8.1f ms %8d KiB peak RSS\n' "$*" "$(echo "$best / 1000" | bc -l)" "$rss"
}

run start true	# what starting any process costs here, in both
run hmsctl "$HMSCTL" history -n 20 --file "$FILE"
run tail tail -n 20 "$FILE"

# The same last 20 records.
[ "$(wc -l <"$DIR/hmsctl.out")" = 20 ] || { echo "bench: hmsctl printed no 20 lines" >&2; exit 1; }
[ ! -s "$DIR/hmsctl.err" ] || { cat "$DIR/hmsctl.err" >&2; exit 1; }
[ "$(tail -n 1 "$DIR/hmsctl.out" | sed 's/.* seq=\([0-9]*\) .*/\1/')" = "$lines" ] ||
	{ echo "bench: hmsctl's last record is not the file's" >&2; exit 1; }

echo "bench: hmsctl/tail time ratio $(printf %.1f "$(echo "$hmsctl_us / $tail_us" | bc -l)")," \
	"peak RSS $((hmsctl_rss / 1024)) MiB (tail $((tail_rss / 1024)) MiB)"
ok=0
[ "$hmsctl_us" -lt 50000 ] || { echo "bench: FAIL: 50 ms or more"; ok=1; }
[ "$hmsctl_rss" -lt 16384 ] || { echo "bench: FAIL: 16 MiB or more"; ok=1; }
[ $ok = 1 ] || echo "bench: ok (under 50 ms and 16 MiB)"
exit $ok
