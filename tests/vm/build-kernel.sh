#!/bin/sh
# Build (or reuse) the hms test kernel: Debian's linux-source-6.1 with
# tests/vm/hms-test.config merged over x86_64 defconfig.
#
# The result is cached outside the repository, keyed by the source package
# version and the fragment, so it is rebuilt only when either changes.
# Prints the build directory on stdout.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
fragment="$here/hms-test.config"
tarball=/usr/src/linux-source-6.1.tar.xz
cache=${HMS_CACHE:-${XDG_CACHE_HOME:-${HOME:-/var/tmp}/.cache}/hms}

[ -r "$tarball" ] || { echo "build.sh: $tarball missing (apt-get install linux-source-6.1)" >&2; exit 1; }

srcver=$(dpkg-query -W -f '${Version}' linux-source-6.1)
key=$( (echo "$srcver"; cat "$fragment") | sha256sum | cut -c1-16)
dir="$cache/kernel-$key"

if [ -f "$dir/.done" ]; then
	echo "$dir"
	exit 0
fi

echo "build.sh: building test kernel in $dir (linux-source $srcver)" >&2
rm -rf "$dir"
mkdir -p "$dir"
tar -xJf "$tarball" -C "$dir" --strip-components=1
cd "$dir"
make -s defconfig >&2
scripts/kconfig/merge_config.sh -m .config "$fragment" >/dev/null
make -s olddefconfig >&2

# merge_config.sh only warns when Kconfig drops an option; we insist.
missing=$(grep -E '^CONFIG_[A-Z0-9_]+=[ym]' "$fragment" | while read -r want; do
	grep -qx "$want" .config || echo "$want"
done)
if [ -n "$missing" ]; then
	echo "build.sh: options the kernel did not take:" $missing >&2
	exit 1
fi

make -s -j"$(nproc)" bzImage modules >&2
make -s modules_install INSTALL_MOD_PATH="$dir/mods" INSTALL_MOD_STRIP=1 >&2
touch .done
echo "$dir"
