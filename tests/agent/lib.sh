# SPDX-License-Identifier: GPL-2.0
# What the agent's host-side checks share (with tests/lib.sh): a
# desktop session of their own (a private D-Bus bus with no .service files,
# notify-monitor.py watching it, Xvfb, dunst). Set T (a private temp dir)
# and HERE (tests/agent) first; call session_stop from the EXIT trap.

. "$HERE/../lib.sh"

PYTHON=/usr/bin/python3		# Debian's, with python3-gi
MON= XVFB= DUNST= BUS=

server_up() {
	dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications \
		2>/dev/null | grep -q 'boolean true'
}

start_dunst() {
	HOME=$T XDG_CONFIG_HOME=$T DISPLAY=:$(cat "$T/display") \
		dunst -config "$T/dunstrc" >>"$T/dunst.log" 2>&1 &
	DUNST=$!
	i=0
	until server_up; do
		i=$((i + 1))
		[ $i -gt 100 ] && return 1
		sleep 0.1
	done
}

# The id the server gave to the last Notify of SUMMARY: the first reply to
# its serial after it (serials are per connection: another client's may
# be the same).
notify_id() {
	at=$(grep -nE "^Notify .* summary=$1\$" "$T/mon" | tail -n 1)
	[ -n "$at" ] || return 1
	serial=$(echo "${at#*:}" | sed 's/^Notify serial=\([0-9]*\) .*/\1/')
	tail -n +"${at%%:*}" "$T/mon" >"$T/mon.after"
	tries=100
	until grep -qE "^reply serial=$serial " "$T/mon.after"; do
		[ $tries -gt 0 ] || return 1
		tries=$((tries - 1))
		sleep 0.1
		tail -n +"${at%%:*}" "$T/mon" >"$T/mon.after"
	done
	grep -m 1 -E "^reply serial=$serial " "$T/mon.after" | sed 's/.* id=//'
}

# session_start: the bus (exported DBUS_SESSION_BUS_ADDRESS), the monitor
# writing $T/mon, Xvfb and dunst, whose context menu picks the "ack" action.
session_start() {
	unset DISPLAY WAYLAND_DISPLAY
	cat >"$T/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$T</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
	dbus-daemon --config-file="$T/bus.conf" --nofork --print-address=5 5>"$T/address" \
		2>"$T/bus.log" &
	BUS=$!
	wait_for "$T/address" '^unix:' || { echo "# dbus-daemon did not start"; return 1; }
	DBUS_SESSION_BUS_ADDRESS=$(head -n 1 "$T/address")
	export DBUS_SESSION_BUS_ADDRESS

	"$PYTHON" "$HERE/notify-monitor.py" "$DBUS_SESSION_BUS_ADDRESS" >"$T/mon" 2>"$T/mon.err" &
	MON=$!
	wait_for "$T/mon" '^ready$' ||
		{ echo "# the bus monitor did not start:"; cat "$T/mon.err"; return 1; }

	Xvfb -displayfd 5 -nolisten tcp -screen 0 800x600x24 5>"$T/display" 2>"$T/xvfb.log" &
	XVFB=$!
	wait_for "$T/display" '^[0-9]+$' ||
		{ echo "# Xvfb did not start:"; cat "$T/xvfb.log"; return 1; }

	# dunst's context menu runs "dmenu" with the choices on stdin; this
	# one picks the action whose key is "ack" ("#Acknowledge (...) [ID,ack]").
	printf '#!/bin/sh\ngrep -m 1 ",ack]$"\n' >"$T/dmenu"
	chmod +x "$T/dmenu"
	printf '[global]\n    dmenu = %s\n    mouse_left_click = do_action\n' "$T/dmenu" \
		>"$T/dunstrc"
	start_dunst || { echo "# dunst did not start:"; cat "$T/dunst.log"; return 1; }
}

session_stop() {
	stop_pid "$DUNST"
	stop_pid "$XVFB"
	stop_pid "$MON"
	stop_pid "$BUS"
}

# free_port: a TCP port on loopback nobody listens on now.
free_port() {
	"$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
