#!/bin/sh
# make demo: builds hms.ko against Debian's kernel headers, boots Debian's
# kernel in qemu, and shows health codes raised, worded, explained,
# acknowledged and cleared, as hmsctl and hmsd see them.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/build/demo"
cd "$top"
kdir=$(make -s --no-print-directory print-kdir)
version=${kdir##*/linux-headers-}

rm -rf "$out" && mkdir -p "$out/src" "$out/files"
cp -r Kbuild kmod include "$out/src/"
echo "building hms.ko for $version, hmsctl and hmsd"
make -s -C "$kdir" M="$out/src" modules 2>&1 | grep -v 'Skipping BTF' || true
make -s -C agent O="$out/agent"
cp "$out/src/kmod/hms.ko" "$out/agent/hmsctl" "$out/agent/hmsd" agent/data/codes.jsonl \
	"$out/files/"

echo "booting Debian's kernel $version in qemu"
status=0
tests/vm/run.sh -k "/boot/vmlinuz-$version" -d "/lib/modules/$version" -f "$out/files" \
	-o "$out/vm" demo >"$out/judge.log" ||
	status=$?
sed -n 's/^# //p' "$out/vm/results.log"
cat "$out/judge.log"
exit $status
