"""A stand-in for the desktop's notification daemon (org.freedesktop.Notifications), for tests.

Run on a private session bus: ``python fake_notification_server.py RECORD [CAPABILITY…]``. It records each
``Notify`` call as one JSON line in RECORD, answers with an id, and — like a user clicking the notification —
emits ``ActionInvoked(id, "default")`` right after. It advertises the capabilities given, by default
``actions body`` (a daemon that shows the body as it is); give ``body-markup`` among them for one that parses
the body as markup, as GNOME Shell, Plasma, dunst and mako do. Uses jeepney (pure Python, installed with
keyring).
"""

from __future__ import annotations

import json
import sys

from jeepney import MessageType, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection
from jeepney.wrappers import DBusAddress

PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
# What real daemons publish (Desktop Notifications Specification 1.2): clients convert their arguments to it.
INTROSPECTION = """<node><interface name="org.freedesktop.Notifications">
 <method name="Notify"><arg type="s" direction="in"/><arg type="u" direction="in"/><arg type="s" direction="in"/>
  <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="as" direction="in"/>
  <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/><arg type="u" direction="out"/></method>
 <method name="CloseNotification"><arg type="u" direction="in"/></method>
 <method name="GetCapabilities"><arg type="as" direction="out"/></method>
 <method name="GetServerInformation"><arg type="s" direction="out"/><arg type="s" direction="out"/>
  <arg type="s" direction="out"/><arg type="s" direction="out"/></method>
 <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
 <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
</interface></node>"""


DEFAULT_CAPABILITIES = ["actions", "body"]


def main(record: str, capabilities: list[str]) -> None:
    connection = open_dbus_connection(bus="SESSION")
    connection.send_and_get_reply(message_bus.RequestName(INTERFACE, 4))
    emitter = DBusAddress(PATH, interface=INTERFACE)
    next_id = 40
    print("ready", flush=True)
    while True:
        message = connection.receive()
        if message.header.message_type is not MessageType.method_call:
            continue
        member = message.header.fields.get(3)  # HeaderFields.member
        if member == "Notify":
            next_id += 1
            app, _replaces, icon, summary, body, actions, hints, _timeout = message.body
            seen = {
                "signature": message.header.fields.get(8),  # HeaderFields.signature
                "app": app,
                "icon": icon,
                "summary": summary,
                "body": body,
                "actions": list(actions),
                "hints": sorted(hints),
            }
            with open(record, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(seen) + "\n")
            connection.send(new_method_return(message, "u", (next_id,)))
            connection.send(new_signal(emitter, "ActionInvoked", "us", (next_id, "default")))
        elif member == "Introspect":
            connection.send(new_method_return(message, "s", (INTROSPECTION,)))
        elif member == "GetCapabilities":
            connection.send(new_method_return(message, "as", (capabilities,)))
        elif member == "GetServerInformation":
            connection.send(new_method_return(message, "ssss", ("fake", "tests", "1", "1.2")))
        else:
            connection.send(new_method_return(message))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:] or DEFAULT_CAPABILITIES)
