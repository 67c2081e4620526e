#!/bin/sh
# The whole test suite, as `make check` runs it. Each step prints its own
# "N passed, N failed"; the last line sums them up.
#
#   1. the uapi header alone, as C and C++; hms.yaml against hms.h; the
#      device tree binding, its example and the example overlay (dt-schema)
#   2. userspace unit tests (cmocka) under ASan and UBSan; each parser's
#      fuzz harness for a few seconds (libFuzzer); the agent on real
#      services: notifications on a private D-Bus with dunst, MQTT through
#      a private mosquitto; the .debs (make deb), lintian, their files
#   3. hms.ko against the test kernel: W=1, sparse, checkpatch --strict;
#      hms grafted into its tree and compiled built in (in an overlay)
#   4. in qemu, the test kernel (KASAN, lockdep, kmemleak): KUnit, scenarios
#   5. DKMS against Debian's headers, in scratch trees
#   6. in qemu, Debian's stock kernel, hms.ko built against its headers; the
#      agent's services in the VM (it has IPv4 for MQTT and cgroups for
#      journald, the test kernel neither)
#
# HMS_CHECK_STEPS="lint test-kernel" runs only those steps (while working).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
build="$top/build"
cd "$top"
mkdir -p "$build/logs"
passed=0 failed=0
scenarios="basic perms malformed spec full autoload unload"

# step NAME COMMAND...: runs a step, logs it, and adds up the counts of
# every "N passed, N failed" line it prints.
step() {
	name=$1
	shift
	case " ${HMS_CHECK_STEPS:-$name} " in
	*" $name "*) ;;
	*) return 0 ;;
	esac
	echo "=== $name"
	"$@" >"$build/logs/$name.log" 2>&1
	status=$?
	grep -E '^(not ok|FAIL)' "$build/logs/$name.log" | head -40
	counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$build/logs/$name.log" |
		awk '{p += $1; f += $3} END {print p + 0, f + 0}')
	p=${counts% *} f=${counts#* }
	if [ $status != 0 ] && [ "${f:-0}" = 0 ]; then
		echo "$name failed (exit $status), see build/logs/$name.log:"
		tail -20 "$build/logs/$name.log" | sed 's/^/    /'
		f=1
	fi
	passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
	echo "$name: ${p:-0} passed, ${f:-0} failed"
}

uapi() {
	status=0
	cc -std=c99 -pedantic -Wall -Wextra -Werror -Iinclude/uapi \
		-o "$build/header_test" tests/uapi/header_test.c && "$build/header_test" || status=1
	c++ -x c++ -std=c++11 -pedantic -Wall -Wextra -Werror -Iinclude/uapi \
		-o "$build/header_test_cxx" tests/uapi/header_test.c && "$build/header_test_cxx" ||
		status=1
	/usr/bin/python3 tests/uapi/check-spec.py || status=1
	return $status
}

# tap_if WHAT COMMAND...: one TAP line for the command's exit status,
# counted in tap_passed and tap_failed.
tap_if() {
	local what=$1

	shift
	if "$@" >"$build/tap.out" 2>&1; then
		echo "ok - $what"
		tap_passed=$((tap_passed + 1))
	else
		echo "not ok - $what"
		sed 's/^/#   /' "$build/tap.out"
		tap_failed=$((tap_failed + 1))
	fi
}

# dt-validate exits 0 whatever it finds: what it prints is the verdict.
dt_validate() {
	local found

	found=$(dt-validate -s "$build/dt/schema.json" "$1" 2>&1)
	[ -z "$found" ] || { echo "$found"; return 1; }
}

# dt_overlay DTSO: the overlay, compiled and applied to the test base board.
dt_overlay() {
	local dt

	dt="$build/dt/$(basename "$1" .dtso)"
	cpp -nostdinc -undef -x assembler-with-cpp -P "$1" >"$dt.dts" &&
	dtc -@ -q -I dts -O dtb -o "$dt.dtbo" "$dt.dts" &&
	fdtoverlay -i "$build/dt/base.dtb" -o "$dt.dtb" "$dt.dtbo"
}

devicetree() {
	tap_passed=0 tap_failed=0
	binding=dts/bindings/hms,health-monitor.yaml
	rm -rf "$build/dt" && mkdir -p "$build/dt"
	tap_if "the binding is valid dt-schema" dt-doc-validate -u dts/bindings "$binding"
	dt-mk-schema -j dts/bindings >"$build/dt/schema.json" 2>"$build/dt/mk.err" ||
		cat "$build/dt/mk.err"
	dtc -@ -q -I dts -O dtb -o "$build/dt/base.dtb" tests/dts/base.dts
	dt-extract-example "$binding" >"$build/dt/example.dts"
	tap_if "the binding's example compiles" \
		dtc -q -I dts -O dtb -o "$build/dt/example.dtb" "$build/dt/example.dts"
	tap_if "the binding's example is valid" dt_validate "$build/dt/example.dtb"
	tap_if "the printer overlay compiles and applies" dt_overlay dts/printer-mainboard.dtso
	tap_if "the printer overlay is valid" dt_validate "$build/dt/printer-mainboard.dtb"
	dt_overlay tests/dts/bad.dtso
	dt_validate "$build/dt/bad.dtb" >"$build/dt/bad.out"
	for want in "no-code: 'hms,code' is a required property" \
		"threshold-without-code: 'hms,high-code' is a dependency of 'hms,high'" \
		"unknown-kind:hms,kind:0: 'pyrometer' is not one of" \
		"code-in-32-bits:hms,fault-code: 'oneOf' conditional failed" \
		"tach-without-min-rpm: 'hms,min-rpm' is a required property"; do
		tap_if "the binding catches: $want" grep -qF "$want" "$build/dt/bad.out"
	done
	echo "$tap_passed passed, $tap_failed failed"
	[ "$tap_failed" = 0 ]
}

unit() {
	make -C agent O="$build/asan" SANITIZE=1 check || return 1
	# cmocka: "[  PASSED  ] N test(s)." per suite
	p=$(grep -h 'PASSED' "$build/logs/unit.log" | grep -oE '[0-9]+' | paste -sd+ | bc)
	echo "${p:-0} passed, 0 failed"
}

# Each libFuzzer harness for 5 s from its corpus (make -C agent fuzz).
fuzz() {
	make -C agent -j"$(nproc)" fuzz FUZZ_SECONDS=5 FUZZ_OUT="$build/fuzz"
}

services() {
	status=0
	make -C agent O="$build/asan" SANITIZE=1 all tools >/dev/null || return 1
	for t in tests/agent/*.sh; do
		[ "$t" != tests/agent/lib.sh ] || continue
		echo "# $t"
		"$t" "$build/asan" || status=1
	done
	return $status
}

# module KDIR OUT [MAKE ARGS]: builds hms.ko for KDIR from a copy of the
# sources (kbuild writes next to them) and the programs the VM runs.
module() {
	kdir=$1 out=$2
	shift 2
	rm -rf "$out" && mkdir -p "$out/src" "$out/files" &&
	cp -r Kbuild kmod include "$out/src/" && cp -r tests/provider "$out/provider" &&
	make -C "$kdir" M="$out/src" W=1 "$@" modules >"$out/build.log" 2>&1 &&
	make -C "$kdir" M="$out/provider" W=1 "$@" modules >>"$out/build.log" 2>&1 || {
		cat "$out/build.log"
		return 1
	}
	if grep -E 'warning:|error:' "$out/build.log"; then
		echo "not ok - hms.ko builds without warnings"
		return 1
	fi
	cp "$out/src/kmod/hms.ko" "$out/provider/hms_sim.ko" "$out/files/" &&
	make -C agent O="$build/asan" SANITIZE=1 all tools >/dev/null &&
	cp "$build/asan/hmsctl" "$build/asan/hmsd" "$build/asan/tests/badreq" \
		"$build/asan/tests/burst" "$build/asan/tests/pulse" "$build/asan/tests/nlfuzz" \
		"$build/asan/tests/nlpolicy" \
		"$build/asan/tests/notify-server" "$build/asan/tests/notify-driver" \
		"$build/asan/tests/mqtt-driver" agent/monitors.example.conf \
		agent/data/codes.jsonl "$out/files/" &&
	/usr/bin/python3 tests/uapi/check-spec.py --policy >"$out/files/policy.expected" &&
	# the agent's services in the VM: a session bus, an MQTT broker, a journal
	cp /usr/bin/dbus-daemon /usr/sbin/mosquitto /usr/bin/mosquitto_sub \
		/usr/bin/mosquitto_pub /lib/systemd/systemd-journald /usr/bin/journalctl \
		"$out/files/"
}

lint() {
	n=0 bad=0
	if module "$testkernel" "$build/sparse" C=2 CONFIG_HMS_KUNIT_TEST=y; then
		echo "ok - hms.ko and its KUnit suites build clean at W=1 with sparse"
	else
		echo "not ok - hms.ko and its KUnit suites build clean at W=1 with sparse"
		bad=$((bad + 1))
	fi
	for f in $(git ls-files 'kmod/*.[ch]' 'include/*.h'); do
		n=$((n + 1))
		if "$testkernel/scripts/checkpatch.pl" --strict --no-tree --quiet -f "$f" \
			>"$build/checkpatch.out" 2>&1 && [ ! -s "$build/checkpatch.out" ]; then
			echo "ok - checkpatch --strict $f"
		else
			echo "not ok - checkpatch --strict $f"
			sed 's/^/#   /' "$build/checkpatch.out"
			bad=$((bad + 1))
		fi
	done
	echo "$((n + 1 - bad)) passed, $bad failed"
}

# scripts/graft.sh and a built-in hms, against the test kernel's tree
# (tests/graft-check.sh, through an overlay: the cache is not written).
graft() {
	local g="$build/graft"

	rm -rf "$g" && mkdir -p "$g/upper" "$g/work" && touch "$g/stamp"
	unshare --mount --map-root-user tests/graft-check.sh "$testkernel" "$g" >"$g/tap.out" 2>&1
	echo "# $(du -sh "$g/upper" | cut -f1) written to the overlay"
	[ -z "$(find "$testkernel" -newer "$g/stamp" -print -quit)" ] &&
		echo "ok - the cached kernel tree is untouched" >>"$g/tap.out" ||
		echo "not ok - the cached kernel tree is untouched" >>"$g/tap.out"
	cat "$g/tap.out"
	echo "$(grep -c '^ok' "$g/tap.out") passed, $((5 - $(grep -c '^ok' "$g/tap.out"))) failed"
}

# DKMS, as hms-dkms uses it (dkms.conf, scripts/dkms-source.sh), against
# Debian's headers: add, build, status, remove. All of it in scratch trees
# (--dkmstree, --sourcetree): nothing lands in /var/lib/dkms or /usr/src.
# Not `dkms install`: even with --installtree it runs depmod on the
# machine's own /lib/modules. Unsigned (sign_file): signing would create a
# MOK key in /var/lib/dkms.
dkms_check() {
	local d="$build/dkms" version kver trees

	version=$(dpkg-parsechangelog -SVersion) kver=${stockkdir##*/linux-headers-}
	trees="--dkmstree $d/tree --sourcetree $d/src"
	tap_passed=0 tap_failed=0
	rm -rf "$d" && mkdir -p "$d/tree" && scripts/dkms-source.sh "$d/src/hms-$version" &&
	cd "$d" || return 1
	export sign_file=/nonexistent
	tap_if "dkms add" dkms add -m hms -v "$version" $trees
	tap_if "dkms build for $kver" dkms build -m hms -v "$version" -k "$kver" \
		--kernelsourcedir "$stockkdir" $trees
	tap_if "dkms built hms.ko, vermagic $kver" sh -c "modinfo -F vermagic \
		tree/hms/$version/$kver/*/module/hms.ko | grep '^$kver '"
	tap_if "dkms status says built" sh -c \
		"dkms status $trees | grep -x 'hms/$version, $kver, [^:]*: built'"
	# kept for the stock kernel's VM, which loads it
	cp tree/hms/"$version/$kver"/*/module/hms.ko "$d/hms.ko" && dkms_ko="$d/hms.ko"
	tap_if "dkms remove --all leaves nothing" sh -c "dkms remove -m hms -v $version --all \
		$trees && [ -z \"\$(ls tree)\" ]"
	unset sign_file
	cd "$top"
	echo "$tap_passed passed, $tap_failed failed"
	[ "$tap_failed" = 0 ]
}

# has_all DIR PATH...: every PATH is in DIR.
has_all() {
	local dir=$1 p

	shift
	for p in "$@"; do
		[ -e "$dir/$p" ] || { echo "missing: $p"; return 1; }
	done
}

# The .debs (debian/), built by make deb from a copy of the sources,
# checked with lintian, and unpacked
# into a scratch root where the files must be where the units and the
# README say.
debs() {
	local d="$build/deb" version root before

	version=$(dpkg-parsechangelog -SVersion) root="$build/deb/root"
	tap_passed=0 tap_failed=0
	before=$(git status --porcelain)
	tap_if "make deb (dpkg-buildpackage -b) builds hms and hms-dkms" sh -c \
		"make deb >'$build/deb.log' 2>&1 || { tail -30 '$build/deb.log'; exit 1; }"
	mkdir -p "$root"
	tap_if "lintian: no errors" lintian --fail-on error "$d/hms_${version}_amd64.changes"
	for deb in "$d/hms_${version}_amd64.deb" "$d/hms-dkms_${version}_all.deb"; do
		dpkg-deb -x "$deb" "$root"
	done
	tap_if "hms: the programs, the code table, the example config, the units" has_all "$root" \
		usr/bin/hmsd usr/bin/hmsctl usr/share/hms/codes.jsonl etc/hms/hmsd.conf.example \
		lib/systemd/system/hmsd.service lib/systemd/user/hmsd.service \
		usr/share/doc/hms/examples/monitors.example.conf
	tap_if "the units start the hmsd the package has" sh -c "grep -h '^ExecStart=' \
		'$root/lib/systemd/system/hmsd.service' '$root/lib/systemd/user/hmsd.service' |
		cut -d= -f2 | cut -d' ' -f1 | sort -u | grep -x /usr/bin/hmsd"
	# where hmsctl and hmsd look for the code table (agent/Makefile's DATADIR)
	tap_if "the programs look for the code table where it is" \
		grep -q /usr/share/hms "$root/usr/bin/hmsctl"
	tap_if "hms-dkms: the module's sources and dkms.conf of version $version" sh -c \
		"cd '$root/usr/src/hms-$version' && ls Kbuild kmod/Kbuild kmod/main.c \
			include/uapi/linux/hms.h && grep -x 'PACKAGE_VERSION=\"$version\"' dkms.conf"
	tap_if "the source tree is as it was" test "$(git status --porcelain)" = "$before"
	echo "$tap_passed passed, $tap_failed failed"
	[ "$tap_failed" = 0 ]
}

testkernel_vm() {
	module "$testkernel" "$build/test" CONFIG_HMS_KUNIT_TEST=y || return 1
	kernel="$testkernel/arch/x86/boot/bzImage" mods="$testkernel/mods/lib/modules"
	tests/vm/run.sh -k "$kernel" -m "$mods" -f "$build/test/files" -o "$build/test/vm-kunit" \
		-e hms_table,hms_netlink,hms_threshold,hms_monitor,hms_fan,hms_fwnode kunit
	k=$?
	tests/vm/run.sh -k "$kernel" -m "$mods" -f "$build/test/files" -o "$build/test/vm" \
		$scenarios thermal gpio firmware iio
	s=$?
	# Fans, the whole printer, sources that vanish and module parameters:
	# a VM of their own, to keep each within its time limit.
	tests/vm/run.sh -k "$kernel" -m "$mods" -f "$build/test/files" \
		-o "$build/test/vm-printer" tach printer vanish params fuzz
	p=$?
	tests/vm/run.sh -k "$kernel" -m "$mods" -f "$build/test/files" -o "$build/test/vm-agent" \
		hmsd hmsd-agent
	a=$?
	[ $k = 0 ] && [ $s = 0 ] && [ $p = 0 ] && [ $a = 0 ]
}

# make soak, not make check: a long storm under the test kernel.
soak_vm() {
	module "$testkernel" "$build/test" || return 1
	tests/vm/run.sh -k "$testkernel/arch/x86/boot/bzImage" -m "$testkernel/mods/lib/modules" \
		-f "$build/test/files" -o "$build/test/vm-soak" -t "${HMS_SOAK_SECONDS:-14400}" soak
}

stock_vm() {
	version=${stockkdir##*/linux-headers-}
	module "$stockkdir" "$build/stock" || return 1
	# The hms.ko it loads is the one DKMS built, when this run's dkms step did.
	if [ -n "$dkms_ko" ]; then
		echo "# hms.ko: $dkms_ko"
		cp "$dkms_ko" "$build/stock/files/hms.ko" || return 1
	fi
	tests/vm/run.sh -k "/boot/vmlinuz-$version" -d "/lib/modules/$version" \
		-f "$build/stock/files" -o "$build/stock/vm" $scenarios agentvm hmsd-agent journal
}

step deps tests/install-deps.sh
step uapi uapi
step devicetree devicetree
step unit unit
step fuzz fuzz
step services services
step debs debs

echo "=== test kernel (built once, then cached)"
if testkernel=$(tests/vm/build-kernel.sh 2>"$build/logs/kernel.log"); then
	step lint lint
	step graft graft
	step test-kernel testkernel_vm
	[ -z "${HMS_SOAK:-}" ] || step soak soak_vm
else
	tail -20 "$build/logs/kernel.log"
	failed=$((failed + 1))
fi

stockkdir=$(make -s --no-print-directory print-kdir)
dkms_ko=
step dkms dkms_check
if [ -e "/boot/vmlinuz-${stockkdir##*/linux-headers-}" ]; then
	step stock-kernel stock_vm
else
	echo "no Debian kernel matches $stockkdir"
	failed=$((failed + 1))
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
