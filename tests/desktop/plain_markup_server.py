"""A notification daemon that parses body markup (as GNOME Shell, Plasma, dunst and mako do), for tests.

Run on a private session bus: ``python plain_markup_server.py RECORD CAPABILITY…``. It advertises the
capabilities given (``body-markup`` among them, or not), records each ``Notify`` as one JSON line in
RECORD and answers with an id. Like :mod:`fake_notification_server`, whose introspection it shares.
"""

from __future__ import annotations

import json
import sys

from fake_notification_server import INTERFACE, INTROSPECTION  # type: ignore[import-not-found]
from jeepney import MessageType, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection


def main(record: str, capabilities: list[str]) -> None:
    connection = open_dbus_connection(bus="SESSION")
    connection.send_and_get_reply(message_bus.RequestName(INTERFACE, 4))
    next_id = 70
    print("ready", flush=True)
    while True:
        message = connection.receive()
        if message.header.message_type is not MessageType.method_call:
            continue
        member = message.header.fields.get(3)  # HeaderFields.member
        if member == "Notify":
            next_id += 1
            _app, _replaces, _icon, summary, body, _actions, _hints, _timeout = message.body
            with open(record, "a", encoding="utf-8") as handle:
                handle.write(json.dumps({"summary": summary, "body": body}) + "\n")
            connection.send(new_method_return(message, "u", (next_id,)))
        elif member == "Introspect":
            connection.send(new_method_return(message, "s", (INTROSPECTION,)))
        elif member == "GetCapabilities":
            connection.send(new_method_return(message, "as", (capabilities,)))
        elif member == "GetServerInformation":
            connection.send(new_method_return(message, "ssss", ("markup-fake", "tests", "1", "1.2")))
        else:
            connection.send(new_method_return(message))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
