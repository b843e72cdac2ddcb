"""Native desktop notifications on Linux: ``org.freedesktop.Notifications`` over the session bus.

Why jeepney and not QtDBus: the ``Notify`` method's signature is ``susssasa{sv}i`` (``replaces_id`` is an
unsigned 32-bit int), and PySide6 can only send Python ints as signed ``i``; daemons built on GDBus
(GNOME Shell) or QtDBus (Plasma) then reject the call as the wrong type. jeepney (pure Python, already
installed on Linux as a dependency of ``keyring``) writes exact D-Bus types and runs on the app's
asyncio (qasync) loop. Where there is no session bus or no notification daemon, :meth:`connect` answers
None and the UI falls back to the tray's balloon message.

Clicking the notification (its default action) or its "Open" button emits ``ActionInvoked``; we map the
notification id back to what the caller attached (the missed call's id). A notification sent without a tag
(a message: nothing to open) offers no action.

The body is plain text from us to the user, and it quotes callers (a contact's name, a number as the
provider sent it). Daemons that advertise ``body-markup`` (GNOME Shell, Plasma, dunst, mako) parse the
body as markup — ``<b>``, ``<a href>``, ``<img>`` — so for them the body is escaped: the user reads
"<b>Boss</b>" as written, and nothing in a caller's name becomes a link or an image. Daemons without it
show the body as it is, so it is sent unchanged. The summary is never markup (the specification says so).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
DEFAULT_ACTION = "default"
CONNECT_TIMEOUT_S = 2.0


class DesktopNotifications:
    """One session-bus connection; ``on_click(tag)`` runs when the user clicks a notification we sent."""

    def __init__(self, connection: Any, router: Any, on_click: Callable[[str], None]) -> None:
        self._connection = connection
        self._router = router
        self._on_click = on_click
        self._tags: dict[int, str] = {}
        self._early_clicks: set[int] = set()  # clicked before Notify's reply reached us (fast daemons, tests)
        self._listener: asyncio.Task[None] | None = None
        self.server = ""  # the daemon's name, e.g. "gnome-shell" (for doctor and logs)
        self.capabilities: frozenset[str] = frozenset()  # what it says it does ("body-markup", "actions", …)

    @classmethod
    async def connect(cls, on_click: Callable[[str], None]) -> DesktopNotifications | None:
        """Connect to the session bus and the notification daemon; None if either is missing."""
        try:
            from jeepney.io.asyncio import DBusRouter, open_dbus_connection
        except ImportError:
            return None
        try:
            connection = await asyncio.wait_for(open_dbus_connection("SESSION"), CONNECT_TIMEOUT_S)
        except (OSError, KeyError, ValueError, TimeoutError) as error:  # no bus address / bus not running
            log.info("no D-Bus session bus for notifications: %s", error)
            return None
        self = cls(connection, DBusRouter(connection), on_click)
        try:
            info = await self._call("GetServerInformation", "", ())
            self.server = str(info[0]) if info else "?"
            self.capabilities = await self._capabilities()
            await self._listen()
        except (OSError, RuntimeError, TimeoutError) as error:
            log.info("no notification daemon on the session bus: %s", error)
            await self.close()
            return None
        return self

    async def notify(
        self,
        summary: str,
        body: str,
        *,
        tag: str = "",
        open_label: str = "",
        icon: str = "ringdesk",
        timeout_ms: int = -1,
    ) -> int:
        """Show a notification whose click calls ``on_click(tag)`` (with a tag; without one it offers no
        action); returns the daemon's id for it.

        ``body`` is plain text: it reaches the user as written (escaped for a daemon that parses markup)."""
        actions = [DEFAULT_ACTION, open_label] if tag else []
        hints = {"desktop-entry": ("s", "ringdesk"), "urgency": ("y", 1)}
        args = ("Ringdesk", 0, icon, summary, self.shown(body), actions, hints, timeout_ms)
        (reply_id,) = await self._call("Notify", "susssasa{sv}i", args)
        notification_id = int(reply_id)
        if notification_id in self._early_clicks:
            self._early_clicks.discard(notification_id)
            if tag:
                self._on_click(tag)
        else:
            self._tags[notification_id] = tag
        return notification_id

    async def _capabilities(self) -> frozenset[str]:
        """What the daemon says it does; none if it will not say (its body is then sent as it is)."""
        try:
            (capabilities,) = await self._call("GetCapabilities", "", ())
        except RuntimeError as error:  # a D-Bus error reply: a daemon that does not follow the specification
            log.info("the notification daemon did not list its capabilities: %s", error)
            return frozenset()
        return frozenset(str(c) for c in capabilities)

    def shown(self, body: str) -> str:
        """``body`` as this daemon must receive it to show it as written: escaped where it parses markup."""
        return html.escape(body, quote=False) if "body-markup" in self.capabilities else body

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
        with contextlib.suppress(Exception):  # the bus may already be gone at shutdown
            await self._router.__aexit__(None, None, None)
        with contextlib.suppress(Exception):
            await self._connection.close()

    async def _call(self, method: str, signature: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
        from jeepney import DBusAddress, MessageType, new_method_call

        address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
        reply = await asyncio.wait_for(
            self._router.send_and_get_reply(new_method_call(address, method, signature or None, args)),
            CONNECT_TIMEOUT_S,
        )
        if reply.header.message_type is MessageType.error:
            raise RuntimeError(f"{method}: {reply.header.fields.get(4, '?')} {reply.body}")
        return tuple(reply.body)

    async def _listen(self) -> None:
        from jeepney import MatchRule
        from jeepney.bus_messages import message_bus

        rule = MatchRule(type="signal", interface=SERVICE, path=PATH, member="ActionInvoked")
        await asyncio.wait_for(self._router.send_and_get_reply(message_bus.AddMatch(rule)), CONNECT_TIMEOUT_S)
        queue: asyncio.Queue[Any] = asyncio.Queue()
        handle = self._router.filter(rule, queue=queue)

        async def dispatch() -> None:
            with handle:
                while True:
                    message = await queue.get()
                    notification_id, _action = message.body
                    tag = self._tags.pop(int(notification_id), None)
                    if tag is None:
                        self._early_clicks.add(int(notification_id))
                    elif tag:  # a message (no tag) has nothing to open
                        self._on_click(tag)

        self._listener = asyncio.get_running_loop().create_task(dispatch())
