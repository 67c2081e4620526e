#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Desktop notifications for real: a private D-Bus session bus, a real
# notification server (dunst on Xvfb), and the calls observed on the bus by
# notify-monitor.py while tests/tools/notify-driver feeds events to the
# notifier. Actions are invoked through dunst itself: its context menu (with
# a dmenu stand-in that picks "Acknowledge" of the "ack" action) and
# `dunstctl action`, which does what a left click does.
#
#   tests/agent/notify.sh BUILD_DIR   (make -C agent O=BUILD_DIR SANITIZE=1 tools)
set -u

BUILD=${1:?usage: notify.sh BUILD_DIR}
DRIVER=$BUILD/tests/notify-driver
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

# made-up codes of each severity
FATAL=HMS_0300_0100_0001_0007
FATAL2=HMS_0300_0300_0001_0001
SERIOUS=HMS_0300_0400_0002_0001
COMMON=HMS_0700_2000_0003_0002
COMMON2=HMS_0300_0500_0003_0001
INFO=HMS_0500_0400_0004_0001

T=$(mktemp -d /tmp/hms-notify.XXXXXX) || exit 1
DRV=

cleanup() {
	exec 3>&- 4>&-
	stop_pid "$DRV"
	session_stop
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# start_driver NAME: the driver reading fd 3, output in NAME.out, NAME.err
start_driver() {
	rm -f "$T/in"
	mkfifo "$T/in" || exit 1
	"$DRIVER" "$T/hmsd.conf" <"$T/in" >"$T/$1.out" 2>"$T/$1.err" &
	DRV=$!
	exec 3>"$T/in"
	out=$1
	sent=0
}

# send LINE: one command, and its "done".
send() {
	echo "$1" >&3
	sent=$((sent + 1))
	wait_for "$T/$out.out" '^done$' 10 $sent || echo "#   driver did not answer '$1'"
}

# quit_driver WHAT: quit is answered by an exit 0 within 10 s.
quit_driver() {
	echo quit >&3
	exec 3>&-
	i=0
	while kill -0 "$DRV" 2>/dev/null && [ $i -lt 100 ]; do
		i=$((i + 1))
		sleep 0.1
	done
	if kill -0 "$DRV" 2>/dev/null; then
		tap 1 "$1"
		return
	fi
	wait "$DRV"
	tap $? "$1"
	DRV=
}

[ -x "$DRIVER" ] || { echo "# no $DRIVER: make -C agent O=$BUILD SANITIZE=1 tools"; exit 1; }
session_start || exit 1

cat >"$T/hmsd.conf" <<'EOF'
[notify]
timeout_ms = 20000
grace_s = 60
EOF

start_driver d1

send "raise $FATAL"
expect_line "$T/mon" "^Notify .* summary=$FATAL fatal\$" "fatal: a Notify call"
line=$(grep -E "^Notify .* summary=$FATAL fatal\$" "$T/mon")
case $line in *" app=hms "*" urgency=2 timeout=0 category=device.error "*) r=0 ;; *) r=1 ;; esac
tap $r "fatal: app hms, critical urgency (2), no timeout (0), category device.error"
case $line in *" actions=default,Acknowledge,ack,Acknowledge "*) r=0 ;; *) r=1 ;; esac
tap $r "fatal: actions ack and default, labelled Acknowledge"
[ $r = 0 ] || echo "#   $line"
fatal_id=$(notify_id "$FATAL fatal")
tap $? "fatal: the server returned an id ($fatal_id)"

send "raise $SERIOUS"
expect_line "$T/mon" "^Notify .* replaces=0 urgency=1 timeout=20000 category=device.error actions= summary=$SERIOUS serious\$" \
	"serious: normal urgency (1), the configured timeout, no actions"
serious_id=$(notify_id "$SERIOUS serious")

send "raise $INFO"
send "raise $COMMON"
expect_line "$T/mon" "^Notify .* urgency=1 timeout=20000 .* summary=$COMMON common\$" \
	"common: normal urgency, the configured timeout"
common_id=$(notify_id "$COMMON common")
grep -q "summary=$INFO" "$T/mon"
tap $((!$?)) "info: logged only, no Notify call"

send "update $SERIOUS"
expect_line "$T/mon" "^Notify .* replaces=$serious_id urgency=1 .* summary=$SERIOUS serious\$" \
	"update: the same notification replaced in place (replaces=$serious_id)"

send "clear $SERIOUS"
expect_line "$T/mon" "^CloseNotification id=$serious_id\$" \
	"clear: CloseNotification with the id Notify returned"

# back within grace_s: not shown again (clearing common marks the point
# on the bus by which its Notify would have been seen)
send "raise $SERIOUS"
send "clear $COMMON"
wait_for "$T/mon" "^CloseNotification id=$common_id\$"
tap $? "clear: common closed too"
[ "$(grep -c "summary=$SERIOUS" "$T/mon")" = 2 ]
tap $? "flap: raised again within the grace window, not notified again"

timeout 10 dunstctl context >/dev/null 2>&1
expect_line "$T/mon" "^ActionInvoked id=$fatal_id action=ack\$" \
	"Acknowledge through dunst's menu: ActionInvoked ack on the bus"
expect_line "$T/d1.out" "^ack $FATAL\$" \
	"Acknowledge through dunst's menu: the ack reaches the driver"

send "ack $FATAL"
expect_line "$T/mon" "^CloseNotification id=$fatal_id\$" \
	"the kernel's ack: CloseNotification of the fatal one"

send "raise $FATAL2"
fatal2_id=$(notify_id "$FATAL2 fatal")
tap $? "a second fatal code shown ($fatal2_id)"
timeout 10 dunstctl action 0 >/dev/null 2>&1
expect_line "$T/mon" "^ActionInvoked id=$fatal2_id action=default\$" \
	"a click (dunstctl action): ActionInvoked default on the bus"
expect_line "$T/d1.out" "^ack $FATAL2\$" "a click: the ack reaches the driver"

# dismissed on screen (dunst closes it, reason 2): the notifier lets it go,
# so an update within the grace window does not bring it back
timeout 10 dunstctl close >/dev/null 2>&1
expect_line "$T/mon" "^NotificationClosed id=$fatal2_id reason=2\$" \
	"dismissed in dunst: NotificationClosed reason 2"
send "update $FATAL2"
send "raise $COMMON2"
expect_line "$T/mon" "^Notify .* summary=$COMMON2 common\$" "another code shown after it"
[ "$(grep -c "summary=$FATAL2" "$T/mon")" = 1 ]
tap $? "dismissed: an update within the grace window shows nothing"
send "ack $FATAL2"

quit_driver "quit: the driver exits 0"
[ ! -s "$T/d1.err" ]
tap $? "the driver said nothing on stderr"
[ -s "$T/d1.err" ] && sed 's/^/#   /' "$T/d1.err"

# No server on the bus: one line, and later events still try.
stop_pid "$DUNST"
DUNST=
server_up
tap $((!$?)) "dunst gone from the bus"
start_driver d2
send "raise $FATAL"
send "raise $SERIOUS"
send "update $SERIOUS"
send "clear $SERIOUS"
send "raise $COMMON"
[ "$(wc -l <"$T/d2.err")" = 1 ] && grep -q 'no notification server on the session bus' "$T/d2.err"
tap $? "no server: exactly one line says so"
sed 's/^/#   /' "$T/d2.err"

start_dunst || echo "# dunst did not start again"
send "raise $FATAL2"
expect_line "$T/mon" "^Notify .* urgency=2 timeout=0 .* summary=$FATAL2 fatal\$" \
	"a server again: the next event is shown" 10 2
expect_line "$T/d2.err" 'notifications are on again' "a server again: said once"
quit_driver "no server: the driver kept running and quits"
[ "$(wc -l <"$T/d2.err")" = 2 ]
tap $? "no server: nothing more on stderr"

# A fatal code is never hidden: back within the grace, it is shown again;
# and when the server restarts, every fatal code still due is shown again.
FATAL3=HMS_0300_0600_0001_0002
SERIOUS3=HMS_0300_0700_0002_0002
start_driver d3
send "raise $FATAL3"
expect_line "$T/mon" "^Notify .* summary=$FATAL3 fatal\$" "fatal flap: shown"
send "clear $FATAL3"
send "raise $FATAL3"
expect_line "$T/mon" "^Notify .* replaces=0 urgency=2 .* summary=$FATAL3 fatal\$" \
	"fatal flap: back within the grace, shown again (a second Notify)" 10 2
send "raise $SERIOUS3"
expect_line "$T/mon" "^Notify .* summary=$SERIOUS3 serious\$" "a serious one shown beside it"
stop_pid "$DUNST"
DUNST=
start_dunst || echo "# dunst did not start again"
expect_line "$T/mon" "^Notify .* replaces=0 urgency=2 .* summary=$FATAL3 fatal\$" \
	"server restarted: the fatal code shown again, a Notify to the new server" 10 3
fatal3_id=$(notify_id "$FATAL3 fatal")
tap $? "server restarted: the new server gave it an id ($fatal3_id)"
echo ping >&3
wait_for "$T/d3.out" '^pong$'
[ "$(grep -c "summary=$SERIOUS3" "$T/mon")" = 1 ]
tap $? "server restarted: the transient one is over, not shown again"
send "clear $FATAL3"
expect_line "$T/mon" "^CloseNotification id=$fatal3_id\$" \
	"server restarted: its clear closes it on the new server"
quit_driver "restart: the driver exits 0"
[ ! -s "$T/d3.err" ]
tap $? "restart: nothing on stderr"
[ -s "$T/d3.err" ] && sed 's/^/#   /' "$T/d3.err"

# A storm: 1,024 fatal codes at once make max_shown notifications and one
# summary, and the loop answers meanwhile.
echo "max_shown = 5" >>"$T/hmsd.conf"
start_driver d4
before=$(wc -l <"$T/mon")
t0=$(date +%s%N)
echo "storm 1024" >&3
echo ping >&3
wait_for "$T/d4.out" '^pong$' 5
r=$?
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
[ $r = 0 ] && [ $ms -lt 1000 ]
tap $? "storm: the driver answers a ping within 1 s of 1,024 fatal raises (${ms} ms)"
sent=$((sent + 1))
expect_line "$T/mon" "^Notify .* urgency=2 .* summary=1019 more faults — hmsctl list\$" \
	"storm: one critical summary names the 1,019 others"
sleep 1
storm=$(tail -n +$((before + 1)) "$T/mon" | grep -c '^Notify ')
[ "$storm" -le 6 ]
tap $? "storm: at most max_shown + 1 Notify calls reach the bus ($storm)"
[ "$(tail -n +$((before + 1)) "$T/mon" | grep -c '^Notify .* summary=HMS_0500_.* fatal$')" = 5 ]
tap $? "storm: 5 fatal codes shown"
first_id=$(notify_id "HMS_0500_0000_0001_0001 fatal")
send "clear HMS_0500_0000_0001_0001"
expect_line "$T/mon" "^CloseNotification id=$first_id\$" "storm: a clear closes its notification"
expect_line "$T/mon" "^Notify .* summary=HMS_0500_0005_0001_0001 fatal\$" \
	"storm: the next one waiting takes its place"
expect_line "$T/mon" "^Notify .* summary=1018 more faults — hmsctl list\$" \
	"storm: the summary updated"
summary_line=$(grep "^Notify .* summary=1018 more" "$T/mon")
summary_id=$(notify_id "1019 more faults — hmsctl list")
case $summary_line in *" replaces=$summary_id "*) r=0 ;; *) r=1 ;; esac
tap $r "storm: in place (replaces=$summary_id)"
quit_driver "storm: the driver exits 0"
[ ! -s "$T/d4.err" ]
tap $? "storm: nothing on stderr"
[ -s "$T/d4.err" ] && sed 's/^/#   /' "$T/d4.err"

# Fatal codes first: with max_shown transient ones on screen, a fatal
# raise takes the place of one of them, which waits in the summary.
start_driver d6
for i in 0 1 2 3 4; do
	send "raise HMS_0600_000${i}_0003_0001"
	notify_id "HMS_0600_000${i}_0003_0001 common" >/dev/null
done
send "raise HMS_0600_0100_0001_0001"
expect_line "$T/mon" "^Notify .* urgency=2 .* summary=HMS_0600_0100_0001_0001 fatal\$" \
	"priority: a fatal raise is shown beside max_shown common ones"
expect_line "$T/mon" "^Notify .* urgency=1 .* summary=1 more fault — hmsctl list\$" \
	"priority: one common one waits, counted in the summary"
closed=0
for i in 0 1 2 3 4; do
	id=$(notify_id "HMS_0600_000${i}_0003_0001 common")
	grep -q "^CloseNotification id=$id\$" "$T/mon" && closed=$((closed + 1))
done
[ $closed = 1 ]
tap $? "priority: exactly one common notification closed to make room ($closed)"
send "clear HMS_0600_0100_0001_0001"
expect_line "$T/mon" "^Notify .* summary=HMS_0600_000[0-4]_0003_0001 common\$" \
	"priority: the fatal one cleared, the common one is back" 10 6
quit_driver "priority: the driver exits 0"
[ ! -s "$T/d6.err" ]
tap $? "priority: nothing on stderr"
[ -s "$T/d6.err" ] && sed 's/^/#   /' "$T/d6.err"

# The code's own words: its QR code big enough for a phone, its wiki link
# a hyperlink where the server has them (dunst says so in GetCapabilities).
WORDED=HMS_0300_0800_0001_0003
caps=$(dbus-send --session --print-reply --dest=org.freedesktop.Notifications \
	/org/freedesktop/Notifications org.freedesktop.Notifications.GetCapabilities 2>&1)
case $caps in *'"body-hyperlinks"'*) hyperlinks=1 ;; *) hyperlinks=0 ;; esac
echo "# dunst's capabilities: $(echo "$caps" | grep -o '"[a-z-]*"' | tr '\n' ' ')"
start_driver d5
send "worded $WORDED"
expect_line "$T/mon" "^Notify .* summary=fatal: $WORDED\$" "worded: a Notify call"
serial=$(grep -E "^Notify .* summary=fatal: $WORDED\$" "$T/mon" | tail -n 1 |
	 sed 's/^Notify serial=\([0-9]*\) .*/\1/')
body=$(grep "^Body serial=$serial " "$T/mon" | tail -n 1)
w=$(echo "$body" | sed -n 's/.* image=image-data size=\([0-9]*\)x\([0-9]*\) .*/\1/p')
h=$(echo "$body" | sed -n 's/.* image=image-data size=\([0-9]*\)x\([0-9]*\) .*/\2/p')
[ "${w:-0}" -ge 128 ] && [ "$w" = "$h" ]
tap $? "worded: the QR code image is square and at least 128 px wide (${w:-none})"
[ $? = 0 ] || printf '#   %s\n' "$body"
# The driver has no code table: a code no table knows links Bambu's HMS home page.
url="https://wiki.bambulab.com/en/hms/home"
if [ $hyperlinks = 1 ]; then
	case $body in *"text=$WORDED "*"\\n<a href=\"$url\">$url</a>") r=0 ;; *) r=1 ;; esac
	tap $r "worded: dunst has body-hyperlinks: the wiki link is an <a href>"
else
	case $body in *"text=$WORDED "*"\\n$url") r=0 ;; *) r=1 ;; esac
	tap $r "worded: no body-hyperlinks: the wiki link as plain text"
fi
[ $r = 0 ] || printf '#   %s\n' "$body"
quit_driver "worded: the driver exits 0"
[ ! -s "$T/d5.err" ]
tap $? "worded: nothing on stderr"
[ -s "$T/d5.err" ] && sed 's/^/#   /' "$T/d5.err"

summary
