#!/bin/sh
# Boots a kernel in qemu (TCG) with a busybox initramfs holding the hms
# files, runs scenarios in it, and judges the run.
#
# usage: run.sh -k BZIMAGE -f DIR -o OUTDIR [-m MODULES] [-e SUITES] [-t SECONDS] SCENARIO...
#   -f DIR      hms.ko and the programs to put in /hms (with their libraries)
#   -m MODULES  a lib/modules tree to install in the VM
#   -d MODDIR   where to find the modules hms.ko depends on (Debian's
#               industrialio), put in /hms/deps for the scenarios' load_hms
#   -s DIR      more scenarios: DIR/*.sh too (bench/scenarios)
#   -e SUITES   KUnit suites (comma separated) that must have run and passed;
#               KUnit is enabled only then, so suites run once, not at every load
#
# OUTDIR gets console.log (the kernel's, with KTAP) and results.log (the
# scenarios' TAP). The run fails on any "not ok", on any KASAN, lockdep,
# kmemleak, WARN or BUG report, on a missing KUnit suite, and on a timeout.
# The last line printed is "N passed, N failed".
set -eu

here=$(cd "$(dirname "$0")" && pwd)
timeout=600 modules= suites= depsfrom= extra=
while getopts k:f:o:m:e:t:d:s: opt; do
	case $opt in
	k) kernel=$OPTARG ;;
	f) files=$OPTARG ;;
	o) out=$OPTARG ;;
	m) modules=$OPTARG ;;
	e) suites=$OPTARG ;;
	t) timeout=$OPTARG ;;
	d) depsfrom=$OPTARG ;;
	s) extra=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
scenarios=$(echo "$*" | tr ' ' ,)
kunit=0
[ -z "$suites" ] || kunit=1

rm -rf "$out"
root="$out/root"
mkdir -p "$root/bin" "$root/hms/scenarios" "$root/etc" "$root/proc" "$root/sys" \
	"$root/dev" "$root/tmp" "$root/lib/modules"

cp /bin/busybox "$root/bin/busybox"
cp "$here/init" "$root/init"
cp "$here/../scenarios/"*.sh "$root/hms/scenarios/"
[ -z "$extra" ] || cp "$extra"/*.sh "$root/hms/scenarios/"
cp "$here/../lib.sh" "$root/hms/lib.sh"
cp "$files"/* "$root/hms/" 2>/dev/null || true
mkdir -p "$root/hms/deps"
if [ -n "$depsfrom" ]; then
	for dep in $(/sbin/modinfo -F depends "$files/hms.ko" | tr , ' '); do
		find "$depsfrom" -name "$dep.ko" -exec cp {} "$root/hms/deps/" \;
	done
fi
printf 'root:x:0:0:root:/tmp:/bin/sh\nnobody:x:65534:65534:nobody:/tmp:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
[ -z "$modules" ] || cp -a "$modules"/. "$root/lib/modules/"

# The programs' shared libraries, at the paths the loader looks for them.
for prog in "$root"/hms/*; do
	ldd "$prog" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
done

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out/initramfs.gz"

status=0
timeout "$timeout" qemu-system-x86_64 -machine q35 -m 1536 -smp 2 \
	-kernel "$kernel" -initrd "$out/initramfs.gz" \
	-append "console=ttyS0 panic=-1 oops=panic kunit.enable=$kunit hms.scenarios=$scenarios" \
	-display none -monitor none -nic none -no-reboot \
	-serial "file:$out/console.log" -serial "file:$out/results.log" || status=$?

exec "$here/judge.sh" "$out" "$suites" "$status"
