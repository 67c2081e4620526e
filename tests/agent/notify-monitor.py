#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Watches org.freedesktop.Notifications on a bus (its address in argv[1])
and prints one line per message, flushed, for tests/agent/notify.sh:

  ready
  Notify serial=S app=A replaces=R urgency=U timeout=T category=C actions=a,b,... summary=TEXT
  Body serial=S image=HINTS|no size=WxH|none text=TEXT
                                          (the image hints sent, image-data's
                                          size; newlines as \\n)
  reply serial=S id=N                     (the id Notify returned)
  error serial=S name=E
  CloseNotification id=N
  ActionInvoked id=N action=K
  NotificationClosed id=N reason=R
"""
import sys

from gi.repository import Gio, GLib

NAME = "org.freedesktop.Notifications"


def describe(msg):
    kind = msg.get_message_type()
    body = msg.get_body()
    args = body.unpack() if body is not None else ()
    if kind == Gio.DBusMessageType.METHOD_CALL and msg.get_interface() == NAME:
        if msg.get_member() == "Notify":
            app, replaces, _icon, summary, body, actions, hints, timeout = args
            image = [k for k in hints if k.startswith(("image", "icon"))]
            data = hints.get("image-data") or hints.get("image_data") or hints.get("icon_data")
            size = "%dx%d" % (data[0], data[1]) if data else "none"
            return ("Notify serial=%d app=%s replaces=%d urgency=%s timeout=%d "
                    "category=%s actions=%s summary=%s\n"
                    "Body serial=%d image=%s size=%s text=%s" %
                    (msg.get_serial(), app, replaces, hints.get("urgency", "none"),
                     timeout, hints.get("category", "none"), ",".join(actions), summary,
                     msg.get_serial(), ",".join(image) or "no", size, body.replace("\n", "\\n")))
        if msg.get_member() == "CloseNotification":
            return "CloseNotification id=%d" % args[0]
        return None
    if kind == Gio.DBusMessageType.SIGNAL and msg.get_interface() == NAME:
        if msg.get_member() == "ActionInvoked":
            return "ActionInvoked id=%d action=%s" % args
        if msg.get_member() == "NotificationClosed":
            return "NotificationClosed id=%d reason=%d" % args
        return None
    if kind == Gio.DBusMessageType.METHOD_RETURN and msg.get_signature() == "u":
        return "reply serial=%d id=%d" % (msg.get_reply_serial(), args[0])
    if kind == Gio.DBusMessageType.ERROR:
        return "error serial=%d name=%s" % (msg.get_reply_serial(), msg.get_error_name())
    return None


def on_message(_conn, msg, incoming):
    # the bus's own messages are ours (the reply to BecomeMonitor); the
    # rest are copies for watching only: GDBus must not answer them
    if not incoming or msg.get_sender() == "org.freedesktop.DBus":
        return msg
    line = describe(msg)
    if line:
        print(line, flush=True)
    return None


def main():
    flags = (Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
             Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION)
    conn = Gio.DBusConnection.new_for_address_sync(sys.argv[1], flags, None, None)
    conn.add_filter(on_message)
    conn.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                   "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                   GLib.Variant("(asu)", ([], 0)), None, Gio.DBusCallFlags.NONE, 5000, None)
    print("ready", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
