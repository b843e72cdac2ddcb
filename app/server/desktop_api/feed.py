"""The hub's one feed of changes to every connected desktop.

Why one feed for the hub and not a subscription per connection: the call hub tells the feed once; the feed
encodes the change once (:class:`.items.Item`) and offers it to every connection whose user may see it
— a visibility check and a queue append each, no database query, so a webhook reaches 500 desktops in
well under the 25 ms the protocol promises.

Why a ring of recent items: a desktop that reconnects after a short gap (Wi-Fi, a laptop lid) resumes
from memory. The ring is a cache of the store, never the only copy: it holds every change numbered in
``(floor, seq]``, and a desktop asking from before ``floor`` reads the store. Either way a resume gets each
call once, as it is now (the ring's older states of a call are skipped, as the store has only the latest).

Changes that do not come through the call hub one by one — a sync batch (``HISTORY_CHANGED``), notes and
contacts written through the API, anything written by another process (``ringdesk contacts import``) or
without a notice (a lead contact) — are found by number: :meth:`catch_up` reads ``after(seq)`` from the
store and fans it out. A gap in the numbers of call updates triggers it (as a task: the call hub's
listeners are synchronous), and so does the watch every ``WATCH_EVERY_S`` (one ``last_seq`` read). A
sync batch can be tens of thousands of changes: the catch-up yields to the loop after every page it reads
and every few milliseconds while it offers them to the connections (:mod:`.pacing`), so webhooks keep
being answered meanwhile; one catch-up runs at a time (a lock), and a change offered twice is skipped by
its number.

A change that cannot be encoded (or whose note's call cannot be read) is logged and skipped: the feed's
number moves past it, so it never blocks the changes after it; a page the store cannot read is tried
again at the next tick. The same watch cuts revoked users, in a try of its own: ``ringdesk users
remove|reset`` runs in another process, so every ``WATCH_EVERY_S`` each connected token is checked again
(one indexed read per distinct token) and its connections are closed with 4001.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Iterable

from app.core.views import CallChange, Change
from app.server.desktop_api.connection import CLOSE_GOING_AWAY, CLOSE_REVOKED, PAGE, Connection
from app.server.desktop_api.items import Item
from app.server.desktop_api.me import me_json
from app.server.desktop_api.pacing import Pacer
from app.server.desktop_api.services import DesktopApiServices
from app.services.hub import CallUpdate

log = logging.getLogger(__name__)

RING_SIZE = 4_096
WATCH_EVERY_S = 0.5
_YIELD_EVERY = 64  # token checks between two yields to the loop (a long check must not delay a change)


class HubFeed:
    def __init__(self, services: DesktopApiServices, *, ring_size: int = RING_SIZE) -> None:
        self.services = services
        self.seq = 0  # every change numbered up to here has been offered to the connections
        self.floor = 0  # the ring holds every change numbered in (floor, seq]
        self.connections: set[Connection] = set()
        self.stopping = False  # set by stop(): a stream attaching meanwhile is closed at once
        self._ring: deque[Item] = deque()
        self.ring_size = ring_size  # how many recent changes a resume finds in memory
        self._unsubscribe: Callable[[], None] | None = None
        self._watch: asyncio.Task[None] | None = None
        self._catching = asyncio.Lock()
        self._catcher: asyncio.Task[None] | None = None  # a catch-up asked for by a call update
        self._catch_up_wanted = False

    # -- life ------------------------------------------------------------------------------------------
    def start(self) -> None:
        """Listen to the call hub, and fill the ring with the store's most recent changes: after a hub
        restart every desktop reconnects at once asking "after N" for a recent N, and from the ring each is
        answered with frames already encoded, not with a store read and an encoding per desktop."""
        self.seq = self.floor = self.services.changes.last_seq()
        self._preload()
        self._unsubscribe = self.services.hub.subscribe(self._on_update)
        self._watch = asyncio.get_running_loop().create_task(self._watch_loop(), name="desktop-api-watch")

    async def stop(self) -> None:
        """Stop listening, and close every stream with 1001 (the desktops resume from another start) — a
        stream attaching from now on too."""
        self.stopping = True
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._watch is not None:
            self._watch.cancel()
            await asyncio.gather(self._watch, return_exceptions=True)
            self._watch = None
        if self._catcher is not None:
            self._catcher.cancel()
            await asyncio.gather(self._catcher, return_exceptions=True)
            self._catcher = None
        for connection in list(self.connections):
            connection.close(CLOSE_GOING_AWAY, "the hub is stopping")
        await asyncio.gather(*(c.finished() for c in list(self.connections)), return_exceptions=True)

    def _preload(self) -> None:
        reader = self.services.changes
        start = max(0, self.seq - self.ring_size)
        loaded: list[Item] = []
        examined = start
        while examined < self.seq:
            page = reader.after(examined, PAGE * 5)
            if not page:
                break
            for change in page:
                item = self._item(change)
                if item is not None:
                    loaded.append(item)
                examined = change.seq
        self._ring.extend(loaded[-self.ring_size :])
        self.floor = start if len(loaded) <= self.ring_size else self._ring[0].seq - 1

    # -- connections -----------------------------------------------------------------------------------
    def attach(self, connection: Connection, after: int) -> None:
        """Register ``connection`` and start it: its backlog from the ring when the ring covers ``after``
        (once the feed is stopping: close it, 1001).

        Synchronous on purpose: nothing can be published between the snapshot of the ring and the
        registration, so the connection misses nothing and gets nothing twice.
        """
        if self.stopping:
            connection.close(CLOSE_GOING_AWAY, "the hub is stopping")
            return
        self.connections.add(connection)
        hub_id = self.services.changes.hub_id()
        me = me_json(connection.user, self.services.settings, self.seq, hub_id)
        hello = {"type": "hello", "seq": self.seq, "hub_id": hub_id, "me": me}
        backlog: list[Item] | None = None
        if after >= self.floor:
            backlog = [i for i in latest_of_each_call(self._ring, after) if i.visible_to(connection.user)]
        connection.start(hello, backlog, after, max(after, self.seq), self.services.changes)

    def detach(self, connection: Connection) -> None:
        self.connections.discard(connection)

    # -- changes ---------------------------------------------------------------------------------------
    def _on_update(self, update: CallUpdate) -> None:
        if update.call is None or update.seq <= 0 or update.seq > self.seq + 1:
            self._want_catch_up()  # a batch, an unnumbered update, or numbers we never heard of: read the store
            return
        if update.seq <= self.seq:
            return  # already read from the store by a catch-up
        name = self.services.contact_name(update.call.phone)
        self._publish(Item.of(CallChange(update.seq, update.call, name), what=update.change.value))

    def _want_catch_up(self) -> None:
        """Catch up soon, in a task (one at a time; asked again while running, it runs once more)."""
        self._catch_up_wanted = True
        if self._catcher is None or self._catcher.done():
            self._catcher = asyncio.get_running_loop().create_task(self._catch_up_while_wanted())

    async def _catch_up_while_wanted(self) -> None:
        while self._catch_up_wanted:
            self._catch_up_wanted = False
            try:
                await self.catch_up()
            except Exception:  # the store busy or failing: the watch tries again at its next tick
                log.exception("desktop API catch-up failed")

    async def catch_up(self) -> None:
        """Offer whatever the store holds after :attr:`seq` (read once for the whole hub, page by page)."""
        reader, pacer = self.services.changes, Pacer()
        async with self._catching:
            while True:
                newest = reader.last_seq()
                page = reader.after(self.seq, PAGE)
                for change in page:
                    item = self._item(change)
                    if item is None:
                        self.seq = max(self.seq, change.seq)  # skipped for good: never retried, never blocks
                    else:
                        self._publish(item)  # offered to every connection that may see it
                    await pacer.step()
                if len(page) < PAGE:
                    self.seq = max(self.seq, newest)  # numbers replaced by later changes leave holes
                    return
                await pacer.pause()

    def _item(self, change: Change) -> Item | None:
        """``change`` encoded (and, for a note about a call, its call looked up); None if that fails — a
        change that cannot be encoded now will not be later, and must not stop every change after it."""
        try:
            return Item.of(change, reader=self.services.changes)
        except Exception:
            log.exception("desktop API: change %d cannot be sent; skipped", change.seq)
            return None

    def _publish(self, item: Item) -> None:
        if item.seq <= self.seq:
            return
        self.seq = item.seq
        self._ring.append(item)
        while len(self._ring) > self.ring_size:
            self.floor = self._ring.popleft().seq
        for connection in list(self.connections):
            if item.visible_to(connection.user):
                connection.offer(item)

    # -- the watch -------------------------------------------------------------------------------------
    async def _watch_loop(self) -> None:
        while True:
            await asyncio.sleep(WATCH_EVERY_S)
            try:  # each on its own: a store that cannot be read must not keep removed users connected
                if self.services.changes.last_seq() > self.seq:
                    await self.catch_up()
            except Exception:  # the store busy or failing: try again at the next tick, keep serving
                log.exception("desktop API watch: catching up failed")
            try:
                await self.cut_revoked()
            except Exception:
                log.exception("desktop API watch: checking the tokens failed")

    async def cut_revoked(self) -> None:
        """Close (4001) every connection whose token stopped working (user removed or reset)."""
        by_token: dict[tuple[str, str], list[Connection]] = {}
        for connection in self.connections:
            if connection.close_code is None:
                by_token.setdefault((connection.user.login, connection.token), []).append(connection)
        for checked, ((login, token), connections) in enumerate(by_token.items(), 1):
            if not self.services.users.still_valid(login, token):
                log.info("user %s was removed or given a new token: closing %d stream(s)", login, len(connections))
                for connection in connections:
                    connection.close(CLOSE_REVOKED, "the user was removed or their token reset")
            if checked % _YIELD_EVERY == 0:
                await asyncio.sleep(0)


def latest_of_each_call(ring: Iterable[Item], after: int) -> list[Item]:
    """The ring's changes numbered after ``after``, each call only once, in its latest state (at its latest
    number, in number order), as a resume from the store gets them (docs/hub-protocol.md: a call that changed
    five times while a desktop was away arrives once); notes and contacts all."""
    newer = [item for item in ring if item.seq > after]
    seen: set[tuple[str, str]] = set()
    kept: list[Item] = []
    for item in reversed(newer):
        if item.call is not None:
            key = (item.call.account, item.call.call_id)
            if key in seen:
                continue
            seen.add(key)
        kept.append(item)
    kept.reverse()
    return kept
