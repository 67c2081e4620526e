#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bench/bench.sh, what `make bench` runs: builds hms.ko, hms_sim.ko, the
# agent (no sanitizers) and bench's programs; boots Debian's stock kernel in
# qemu for the CPU and threshold numbers (no debug options), and the test
# kernel for GPIO latency (it has gpio-sim, Debian's has not); runs
# bench/history.sh on the host; prints one table:
#
#   metric  hms  alternative  ratio (hms / alternative)  goal  kernel  n
#
# Each alternative is measured in the same VM run as hms, so the ratio holds
# however busy the machine is; the absolute numbers do not (qemu TCG).
# Logs and the table go to build/bench/. BENCH_ONLY="stock test history"
# runs only some parts; BENCH_SECONDS and BENCH_ROUNDS change the CPU
# measurement (10 s, 3 rounds).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/build/bench"
cd "$top"
only=" ${BENCH_ONLY:-stock test history} "
mkdir -p "$out"	# the agent's build in it is kept, and made again
rows="$out/rows"
: >"$rows"

say() {
	echo "bench: $*" >&2
}

say "building the agent and bench's programs"
make -s -C agent O="$out/agent" all tools >"$out/agent.log" 2>&1 ||
	{ cat "$out/agent.log"; exit 1; }
mkdir -p "$out/bin"
for prog in poll latency listen spawn; do
	cc -O2 -Wall -Wextra -Werror -Iinclude/uapi -pthread -o "$out/bin/$prog" "bench/$prog.c"
done
cc -O2 -Wall -Wextra -Werror -Iinclude/uapi $(pkg-config --cflags libnl-genl-3.0) \
	-o "$out/bin/nlmin" bench/nlmin.c $(pkg-config --libs libnl-genl-3.0)

# module KDIR DIR: hms.ko and hms_sim.ko for KDIR, with the programs, in DIR/files.
module() {
	rm -rf "$2" && mkdir -p "$2/src" "$2/files" &&
	cp -r Kbuild kmod include "$2/src/" && cp -r tests/provider "$2/provider" &&
	make -C "$1" M="$2/src" modules >"$2/build.log" 2>&1 &&
	make -C "$1" M="$2/provider" modules >>"$2/build.log" 2>&1 || {
		cat "$2/build.log"
		return 1
	}
	cp "$2/src/kmod/hms.ko" "$2/provider/hms_sim.ko" "$out/agent/hmsctl" \
		"$out/agent/hmsd" "$out/agent/tests/burst" "$out/bin/"* "$2/files/" &&
	# what the scenarios take from the environment, which the VM does not get
	env | sed -n "s/^\(BENCH_[A-Z_]*\)=\(.*\)/\1='\2'/p" >"$2/files/bench.env"
}

# vm NAME KERNEL-LABEL RUN.SH-ARGS...: runs the VM, its rows into $rows.
vm() {
	name=$1 label=$2
	shift 2
	say "$name: booting (log in $out/$name/vm)"
	status=0
	tests/vm/run.sh -s bench/scenarios -o "$out/$name/vm" "$@" >"$out/$name/run.log" 2>&1 ||
		status=$?
	# On a busy machine the test kernel has been seen to hang while booting.
	if [ $status != 0 ] && ! grep -q '^HMS-VM: booted' "$out/$name/vm/results.log"; then
		say "$name: the VM did not boot; once more"
		status=0
		tests/vm/run.sh -s bench/scenarios -o "$out/$name/vm" "$@" >"$out/$name/run.log" 2>&1 ||
			status=$?
	fi
	grep -E '^(FAIL|not ok)' "$out/$name/run.log" >&2 || true
	[ $status = 0 ] || say "$name: the VM run failed (exit $status): see $out/$name/run.log"
	sed -n "s/^bench-row: \\(.*\\)|\\([^|]*\\)\$/\\1|$label|\\2/p" \
		"$out/$name/vm/results.log" >>"$rows"
}

case $only in
*" stock "*)
	kdir=$(make -s --no-print-directory print-kdir)
	version=${kdir##*/linux-headers-}
	if [ -e "/boot/vmlinuz-$version" ]; then
		module "$kdir" "$out/stock"
		text=$(size "$out/stock/files/hms.ko" | awk 'NR == 2 { print $1 }')
		echo "hms.ko text (bytes)|$text|-|-|-|stock $version|1" >>"$rows"
		vm stock "stock $version" -k "/boot/vmlinuz-$version" -d "/lib/modules/$version" \
			-f "$out/stock/files" -t 900 bench-stock
	else
		say "no Debian kernel matches $kdir: no CPU or threshold numbers"
	fi
	;;
esac

case $only in
*" test "*)
	if testkernel=$(tests/vm/build-kernel.sh 2>"$out/kernel.log"); then
		module "$testkernel" "$out/test"
		vm test "test (KASAN, lockdep)" -k "$testkernel/arch/x86/boot/bzImage" \
			-m "$testkernel/mods/lib/modules" -f "$out/test/files" -t 480 bench-gpio
	else
		say "no test kernel: no GPIO numbers"
		cat "$out/kernel.log" >&2
	fi
	;;
esac

case $only in
*" history "*)
	say "history: bench/history.sh on the host"
	bench/history.sh "$out/agent/hmsctl" >"$out/history.log" 2>&1 || true
	ms() {
		sed -n "s|^bench: $1 .* \\([0-9][0-9.]*\\) ms .*|\\1|p" "$out/history.log"
	}
	hmsctl=$(ms '[^ ]*/hmsctl history') tail=$(ms tail)
	[ -n "$hmsctl" ] && [ -n "$tail" ] &&
		awk -v h="$hmsctl" -v t="$tail" 'BEGIN {
			printf "history -n 20 of 100 MB (ms), vs tail|%.1f|%.1f|%.2f|< 50 ms|host|best of 10\n",
				h, t, h / t }' >>"$rows" ||
		{ say "history: no numbers:"; cat "$out/history.log" >&2; }
	;;
esac

{
	echo "metric|hms|alternative|ratio|goal|kernel|n"
	cat "$rows"
} | awk -F'|' '
	{ for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
	END {
		for (r = 1; r <= NR; r++) {
			line = ""
			for (i = 1; i <= 7; i++)
				line = line sprintf(i == 1 ? "%-" w[i] "s" : "  %" w[i] "s", cell[r, i])
			print line
		}
	}' >"$out/table.txt"
echo
cat "$out/table.txt"
echo
echo "ratio = hms / alternative; logs in build/bench/"
