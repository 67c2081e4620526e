#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bench/codedb.sh [HMSCTL]: how long loading a code table takes, and how much
# memory, with `hmsctl db check FILE` (the file alone, every problem told),
# against reading the same file in the same run: `wc -l` and Python's
# json.load (json.loads a line for JSON Lines). The files are made here, in
# the real formats: a Bambu-sized official table (5,000 codes, English only;
# then in 14 languages, 70,000 rows), a 100,000-entry native table, a file
# over the 64 MiB limit, and /dev/zero (both must be refused, quickly).
# Fails past: 50 ms for Bambu's English table, 1 s or 64 MiB for 100,000
# entries, judged on CPU time (user + system, best of RUNS runs, process
# start included): on a loaded machine (2 shared cores) wall time grows
# with the others' work, CPU time and the ratios much less. Wall time is
# printed too. HMSCTL defaults to
# agent/hmsctl/hmsctl (make agent); a SANITIZE=1 build is slower and bigger
# than what this judges. HMS_BENCH_DIR= where the files go (/tmp).
set -eu

HMSCTL=${1:-agent/hmsctl/hmsctl}
DIR=$(mktemp -d "${HMS_BENCH_DIR:-/tmp}/hms-bench.XXXXXX")
trap 'rm -rf "$DIR"' EXIT INT TERM
RUNS=${HMS_BENCH_RUNS:-5}

[ -x "$HMSCTL" ] || { echo "bench: no $HMSCTL (make agent)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: no /usr/bin/time (make deps)" >&2; exit 1; }

# Codes spread over the modules, units, parts and severities (0 too) Bambu's
# table has; one row in 55 with an empty intro, as Bambu's has by the dozen.
python3 - "$DIR" <<'EOF'
import json, sys
out = sys.argv[1]
langs = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pl', 'pt', 'ru', 'sv', 'ja', 'ko', 'zh', 'hu']
modules = [0x03, 0x05, 0x07, 0x08, 0x0c, 0x12, 0x18]
text = 'AMS A Slot 1 filament has run out. Please insert a new filament and check the feeder.'

def codes(n):
    return ['%02X%02X%02X00%04X%04X' % (modules[i % 7], i // 7 % 8, i // 56 % 256,
                                        i // 14336 % 5, i % 65536) for i in range(n)]

def official(langs, n):
    cs = codes(n)
    rows = {l: [{'ecode': c, 'intro': '' if k % 55 == 0 else f'{l}: {text} {k}'}
                for k, c in enumerate(cs)] for l in langs}
    return {'result': 0, 't': 1, 'ver': 1, 'data': {'device_error': {}, 'device_hms': rows}}

json.dump(official(['en'], 5000), open(f'{out}/bambu-en.json', 'w'))
json.dump(official(langs, 5000), open(f'{out}/bambu-all.json', 'w'))
with open(f'{out}/native-100k.jsonl', 'w') as f:
    f.write(json.dumps({'format': 'hms-codes', 'version': 1, 'lang': 'en'}) + '\n')
    for k, c in enumerate(codes(100000)):
        f.write(json.dumps({'code': c, 'message': f'{text} {k}',
                            'synonyms': [c[:3] + '1' + c[4:]]}) + '\n')
EOF
truncate -s 65M "$DIR/huge.jsonl"

# run NAME CMD...: the best wall time (µs, into NAME_us), the best CPU time
# (user + system, µs, NAME_cpu) and the peak RSS (KiB, NAME_rss).
run() {
	name=$1
	shift
	best=
	cpu=
	rss=0
	i=0
	while [ $i -lt "$RUNS" ]; do
		start=$(date +%s%N)
		/usr/bin/time -v -o "$DIR/time" "$@" >"$DIR/$name.out" 2>"$DIR/$name.err" || true
		end=$(date +%s%N)
		us=$(((end - start) / 1000))
		[ -z "$best" ] || [ "$us" -lt "$best" ] && best=$us
		r=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$DIR/time")
		[ "$r" -gt "$rss" ] && rss=$r
		c=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$DIR/time" |
		    awk '{ s += $1 } END { printf "%d", s * 1000000 }')
		[ -z "$cpu" ] || [ "$c" -lt "$cpu" ] && cpu=$c
		i=$((i + 1))
	done
	eval "${name}_us=\$best ${name}_cpu=\$cpu ${name}_rss=\$rss"
	printf 'bench: %-26s %9.1f ms wall %8.1f ms cpu %8d KiB\n' "$name" \
		"$(echo "$best / 1000" | bc -l)" "$(echo "$cpu / 1000" | bc -l)" "$rss"
}

ratio() {
	printf %.2f "$(echo "$1 / $2" | bc -l)"
}

run start true
for f in bambu-en.json bambu-all.json native-100k.jsonl; do
	n=$(echo "$f" | tr -c 'a-z0-9\n' _)
	run "hmsctl_$n" "$HMSCTL" db check "$DIR/$f"
	run "wc_$n" wc -l "$DIR/$f"
	case $f in
	*.jsonl) run "python_$n" python3 -c 'import json, sys
for line in open(sys.argv[1]): json.loads(line)' "$DIR/$f" ;;
	*) run "python_$n" python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$DIR/$f" ;;
	esac
	# CPU time is counted in 10 ms ticks: wc's is 0, so against wc the wall time.
	eval "h=\$hmsctl_${n}_cpu p=\$python_${n}_cpu hw=\$hmsctl_${n}_us w=\$wc_${n}_us"
	echo "bench: $f: cpu hmsctl/python $(ratio "$h" "$p"), wall hmsctl/wc $(ratio "$hw" "$w")," \
		"$(tail -n 1 "$DIR/hmsctl_$n.out")"
done
run hmsctl_huge "$HMSCTL" db check "$DIR/huge.jsonl"
run hmsctl_zero "$HMSCTL" db check /dev/zero

ok=0
grep -q 'larger than' "$DIR/hmsctl_huge.err" ||
	{ echo "bench: FAIL: a 65 MiB file was not refused as too large"; ok=1; }
grep -q 'not a regular file' "$DIR/hmsctl_zero.err" ||
	{ echo "bench: FAIL: /dev/zero was not refused"; ok=1; }
[ "$hmsctl_bambu_en_json_cpu" -lt 50000 ] ||
	{ echo "bench: FAIL: Bambu's English table took 50 ms or more"; ok=1; }
[ "$hmsctl_native_100k_jsonl_cpu" -lt 1000000 ] ||
	{ echo "bench: FAIL: 100,000 entries took 1 s or more"; ok=1; }
[ "$hmsctl_native_100k_jsonl_rss" -lt 65536 ] ||
	{ echo "bench: FAIL: 100,000 entries took 64 MiB or more"; ok=1; }
[ $ok = 1 ] || echo "bench: ok (Bambu's English table under 50 ms; 100,000 entries under 1 s" \
	"and 64 MiB; too large and /dev/zero refused)"
exit $ok
