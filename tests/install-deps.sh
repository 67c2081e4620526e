#!/bin/sh
# Installs, from Debian 12's archive, what building and testing hms needs.
# Does nothing when everything is there; uses sudo when not run as root.
set -eu

packages="
	build-essential pkg-config bc bison flex cpio kmod xz-utils clang libclang-rt-14-dev
	libelf-dev libssl-dev dwarves sparse
	linux-source-6.1 linux-headers-amd64 linux-image-amd64
	qemu-system-x86 busybox-static
	libnl-3-dev libnl-genl-3-dev libjson-c-dev libcmocka-dev libglib2.0-dev libsystemd-dev
	libqrencode-dev libgdk-pixbuf-2.0-dev
	libmosquitto-dev mosquitto mosquitto-clients openssl
	python3 python3-yaml dt-schema device-tree-compiler
	dbus dunst xvfb python3-gi systemd
	time
	dkms dh-dkms debhelper lintian
"

missing=
for p in $packages; do
	dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing="$missing $p"
done
[ -n "$missing" ] || exit 0

echo "install-deps: installing$missing"
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
