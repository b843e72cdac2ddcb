"""What the team hub's desktop API reads from the store: the change sequence, and one call by its id.

Why an interface here and not the store itself: the HTTP server (``app.server``) may not import
``app.store`` (the layer rule keeps SQL out of request handlers), and a hub on PostgreSQL will implement
the same reads over its own tables. :class:`StoreChangeReader` is today's SQLite implementation.

Every read is synchronous and cheap (an indexed range or point look-up): the desktop API calls them on the
event loop, once per REST request or resume, and once per batch for the whole hub — never once per
connection for a live change.
"""

from __future__ import annotations

from typing import Protocol

from app.core.callstate import Call
from app.core.views import Change
from app.store.calls import CallStore
from app.store.changes import ChangeStore


class ChangeReader(Protocol):
    """The read side of the hub-wide change sequence (docs/hub-protocol.md, "Sequence numbers")."""

    def last_seq(self) -> int:
        """The newest change number (0 on a fresh hub)."""
        ...

    def hub_id(self) -> str:
        """The store's identity: a desktop that sees it change (a replaced database, numbers started again)
        forgets what it cached from this hub and starts from 0."""
        ...

    def after(self, seq: int, limit: int = 500) -> list[Change]:
        """The changes numbered after ``seq``, oldest first, at most ``limit``, each row as it is now."""
        ...

    def call(self, account: str, call_id: str) -> Call | None:
        """One call as it is now (who may see it is decided with this state), or None."""
        ...


class StoreChangeReader:
    """:class:`ChangeReader` over the local SQLite store."""

    def __init__(self, changes: ChangeStore, calls: CallStore) -> None:
        self._changes = changes
        self._calls = calls

    def last_seq(self) -> int:
        return self._changes.last_seq()

    def hub_id(self) -> str:
        return self._changes.db.hub_id()

    def after(self, seq: int, limit: int = 500) -> list[Change]:
        return self._changes.after(seq, limit)

    def call(self, account: str, call_id: str) -> Call | None:
        return self._calls.get(account, call_id)
