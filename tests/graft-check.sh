#!/bin/sh
# tests/graft-check.sh KERNEL GRAFT_DIR, run by tests/check.sh's graft step
# in a mount namespace of its own (unshare --mount --map-root-user).
#
# scripts/graft.sh into KERNEL, a configured and built tree, then
# drivers/misc/hms/ compiled built in (CONFIG_HMS=y, no -DMODULE) with the
# tree's own config. The tree is shared: an overlay is mounted on its own
# path, so its objtool and .cmd files still match (no rebuild of those),
# everything written lands in GRAFT_DIR/upper, and the mount goes away with
# the namespace. Prints TAP lines.
set -eu

k=$1 g=$2
top=$(cd "$(dirname "$0")/.." && pwd)

# tap WHAT COMMAND...: one TAP line for the command's exit status.
tap() {
	what=$1
	shift
	if "$@" >"$g/tap.err" 2>&1; then
		echo "ok - $what"
	else
		echo "not ok - $what"
		sed 's/^/#   /' "$g/tap.err"
	fi
}

grafted_once() {
	"$top/scripts/graft.sh" "$k" && "$top/scripts/graft.sh" "$k" &&
	[ "$(grep -c 'drivers/misc/hms/Kconfig' "$k/drivers/misc/Kconfig")" = 1 ] &&
	[ "$(grep -c 'hms/' "$k/drivers/misc/Makefile")" = 1 ]
}

configured() {
	(cd "$k" && scripts/config --enable HMS --enable HMS_KUNIT_TEST && make -s olddefconfig) &&
	grep -x CONFIG_HMS=y "$k/.config" && grep -x CONFIG_HMS_KUNIT_TEST=y "$k/.config"
}

built() {
	make -C "$k" drivers/misc/hms/ >"$g/build.log" 2>&1 || { cat "$g/build.log"; return 1; }
	! grep -E 'warning:|error:' "$g/build.log"
}

# Built in: the objects are members of built-in.a, none compiled as a module.
built_in() {
	ar t "$k/drivers/misc/hms/built-in.a" >"$g/members" &&
	# a thin archive: members by path
	grep -q /drivers/misc/hms/main.o "$g/members" &&
	grep -q /drivers/misc/hms/fwnode_test.o "$g/members" &&
	! grep -l -e '-DMODULE' "$k"/drivers/misc/hms/.*.o.cmd
}

mount -t overlay overlay -o "lowerdir=$k,upperdir=$g/upper,workdir=$g/work" "$k"
tap "graft.sh, run twice, adds its Kconfig and Makefile lines once" grafted_once
tap "Kconfig takes CONFIG_HMS=y and CONFIG_HMS_KUNIT_TEST=y" configured
tap "drivers/misc/hms/ builds built in without warnings" built
tap "built-in.a holds hms and its KUnit suites, none built with -DMODULE" built_in
