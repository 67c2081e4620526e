#!/bin/sh
# Puts hms into a kernel source tree, so that CONFIG_HMS=y builds it into the
# image (or =m, as a module the kernel's own build makes):
#
#   scripts/graft.sh KERNEL_SRC [DIR]
#
# kmod/ becomes KERNEL_SRC/DIR (default drivers/misc/hms), with its Kconfig;
# the uapi header becomes include/uapi/linux/hms.h, where the kernel's
# headers_install finds it. DIR's parent gets a `source` line in its Kconfig
# and an obj-$(CONFIG_HMS) line in its Makefile, once: running it again
# refreshes the sources and adds nothing.
set -eu

[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 KERNEL_SRC [DIR]" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
ksrc=$1 dir=${2:-drivers/misc/hms}
dir=${dir%/}
parent=${dir%/*} name=${dir##*/}

[ -f "$ksrc/Kconfig" ] && [ -f "$ksrc/Makefile" ] ||
	{ echo "graft: $ksrc is not a kernel source tree" >&2; exit 1; }
[ -f "$ksrc/$parent/Kconfig" ] && [ -f "$ksrc/$parent/Makefile" ] ||
	{ echo "graft: $ksrc/$parent has no Kconfig and Makefile to hook into" >&2; exit 1; }

case $dir in
*/*) ;;
*) echo "graft: $dir: a directory inside another, like drivers/misc/hms" >&2; exit 1 ;;
esac
# What is replaced must be an earlier graft, not a directory of the kernel's.
if [ -e "$ksrc/$dir" ] && ! grep -qsx 'config HMS' "$ksrc/$dir/Kconfig"; then
	echo "graft: $ksrc/$dir exists and is not hms: not replacing it" >&2
	exit 1
fi
# Sources only: kmod/ may hold objects of an out-of-tree build.
rm -rf "${ksrc:?}/$dir"
mkdir -p "$ksrc/$dir"
cp "$top"/kmod/*.c "$top"/kmod/*.h "$top/kmod/Kbuild" "$top/kmod/Kconfig" "$ksrc/$dir/"
cp "$top/include/uapi/linux/hms.h" "$ksrc/include/uapi/linux/hms.h"

# The source line goes inside the parent's menu, before its last endmenu
# (or at the end of a Kconfig without one).
line="source \"$dir/Kconfig\""
if ! grep -qxF "$line" "$ksrc/$parent/Kconfig"; then
	awk -v line="$line" '
		{ text[NR] = $0 }
		/^endmenu/ { last = NR }
		END {
			for (i = 1; i <= NR; i++) {
				if (i == last)
					print line "\n"
				print text[i]
			}
			if (!last)
				print line
		}' "$ksrc/$parent/Kconfig" >"$ksrc/$parent/Kconfig.graft"
	mv "$ksrc/$parent/Kconfig.graft" "$ksrc/$parent/Kconfig"
fi

line="obj-\$(CONFIG_HMS)	+= $name/"
grep -qxF "$line" "$ksrc/$parent/Makefile" || echo "$line" >>"$ksrc/$parent/Makefile"
echo "graft: hms is $ksrc/$dir; enable CONFIG_HMS (y or m)"
