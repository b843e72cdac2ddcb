"""A stand-in for the panel's StatusNotifierWatcher (``org.kde.StatusNotifierWatcher``), for tests.

Why: Qt on Linux puts a ``QSystemTrayIcon`` on a StatusNotifier tray (KDE Plasma, GNOME with the
AppIndicator extension, most panels) when this service says a host is registered; its ``showMessage``
then goes to the notification daemon over D-Bus (Qt's ``QDBusTrayIcon``) instead of being drawn by Qt.
Run on a private session bus with a display (Xvfb): ``python fake_status_notifier_watcher.py``. It prints
"ready", says a host is registered, and accepts every item that registers. Uses jeepney.
"""

from __future__ import annotations

from jeepney import MessageType, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

SERVICE = "org.kde.StatusNotifierWatcher"
# Qt introspects the watcher (QDBusInterface) before reading IsStatusNotifierHostRegistered.
INTROSPECTION = """<node><interface name="org.kde.StatusNotifierWatcher">
 <method name="RegisterStatusNotifierItem"><arg type="s" direction="in"/></method>
 <method name="RegisterStatusNotifierHost"><arg type="s" direction="in"/></method>
 <property name="RegisteredStatusNotifierItems" type="as" access="read"/>
 <property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
 <property name="ProtocolVersion" type="i" access="read"/>
 <signal name="StatusNotifierItemRegistered"><arg type="s"/></signal>
 <signal name="StatusNotifierItemUnregistered"><arg type="s"/></signal>
 <signal name="StatusNotifierHostRegistered"/>
</interface>
<interface name="org.freedesktop.DBus.Properties">
 <method name="Get"><arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="v" direction="out"/></method>
 <method name="GetAll"><arg type="s" direction="in"/><arg type="a{sv}" direction="out"/></method>
</interface></node>"""
PROPERTIES = {
    "IsStatusNotifierHostRegistered": ("b", True),
    "ProtocolVersion": ("i", 0),
    "RegisteredStatusNotifierItems": ("as", []),
}


def main() -> None:
    connection = open_dbus_connection(bus="SESSION")
    connection.send_and_get_reply(message_bus.RequestName(SERVICE, 4))
    print("ready", flush=True)
    while True:
        message = connection.receive()
        if message.header.message_type is not MessageType.method_call:
            continue
        member = message.header.fields.get(3)  # HeaderFields.member
        if member == "Introspect":
            connection.send(new_method_return(message, "s", (INTROSPECTION,)))
        elif member == "Get":
            connection.send(new_method_return(message, "v", (PROPERTIES[message.body[1]],)))
        elif member == "GetAll":
            connection.send(new_method_return(message, "a{sv}", (PROPERTIES,)))
        else:  # RegisterStatusNotifierItem / …Host: accepted
            connection.send(new_method_return(message))


if __name__ == "__main__":
    main()
