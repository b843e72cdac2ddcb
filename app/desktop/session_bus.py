"""No D-Bus session bus of our own making: a GUI start without one must not leave a ``dbus-daemon`` behind.

Why: where ``DBUS_SESSION_BUS_ADDRESS`` is unset (a bare X server, ``ssh -X``, a kiosk session), libdbus —
loaded by Qt's platform integration for the tray and the theme — "autolaunches" a private bus with
``dbus-launch --autolaunch``. That daemon outlives the app (measured: one ``dbus-launch`` and one
``dbus-daemon`` left per start of ``ringdesk`` under Xvfb), and nothing we talk to (a tray host, a
notification daemon, the Secret Service) lives on a bus nobody else knows of. So when no session bus is
named, we name the one systemd provides (``$XDG_RUNTIME_DIR/bus``) if it exists, and otherwise an address
that cannot connect: the tray falls back to the X11 system tray, notifications to the tray's balloons,
exactly as with no bus at all.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from pathlib import Path

ADDRESS_ENV = "DBUS_SESSION_BUS_ADDRESS"
NO_BUS = "unix:path=/nonexistent/ringdesk-no-session-bus"


def forbid_autolaunch(environ: MutableMapping[str, str] = os.environ) -> str:
    """Make sure the session bus address is set before Qt loads libdbus; returns the address in force."""
    current = environ.get(ADDRESS_ENV, "").strip()
    if current:
        return current
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    user_bus = Path(runtime) / "bus" if runtime else None
    address = f"unix:path={user_bus}" if user_bus is not None and user_bus.is_socket() else NO_BUS
    environ[ADDRESS_ENV] = address
    return address
