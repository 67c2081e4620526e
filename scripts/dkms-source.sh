#!/bin/sh
# scripts/dkms-source.sh DEST: the module's DKMS source tree in DEST (what
# /usr/src/hms-VERSION holds): dkms.conf with the version of
# debian/changelog, the top Kbuild, kmod/'s sources and the uapi header.
# Used by debian/rules for hms-dkms and by tests/check.sh's dkms step.
set -eu

[ $# = 1 ] || { echo "usage: $0 DEST" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
dest=$1
version=$(dpkg-parsechangelog -l "$top/debian/changelog" -SVersion)

mkdir -p "$dest/kmod" "$dest/include/uapi/linux"
sed "s/#MODULE_VERSION#/$version/" "$top/dkms.conf" >"$dest/dkms.conf"
cp "$top/Kbuild" "$dest/"
# Sources only: kmod/ may hold objects of an in-place build.
cp "$top"/kmod/*.c "$top"/kmod/*.h "$top/kmod/Kbuild" "$top/kmod/Kconfig" "$dest/kmod/"
cp "$top/include/uapi/linux/hms.h" "$dest/include/uapi/linux/"
