"""The Qt-free subscription point that tells the rest of the app what happened to calls.

Publishers: the call tracker (webhooks, our own dialer) and sync (pulled history). Subscribers: the
desktop UI (cards, tray, history model), ``ringdesk serve``'s log, tests. Listeners run synchronously on
the event-loop thread, in subscription order; one listener's exception is logged and never stops the
others — a broken card must not stop the history from updating.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from app.core.callstate import Call
from app.core.models import CallEvent

log = logging.getLogger(__name__)


class Change(StrEnum):
    RINGING = "ringing"  # a new call (or a new leg) is ringing
    ANSWERED = "answered"  # someone picked up
    ENDED = "ended"  # the call reached an outcome (answered, missed, busy, …)
    UPDATED = "updated"  # anything else: a recording link, a rating, a summary after the end
    HISTORY_CHANGED = "history_changed"  # many calls changed at once (a sync batch): reload views


@dataclass(frozen=True, slots=True)
class CallUpdate:
    change: Change
    call: Call | None = None  # None for HISTORY_CHANGED
    event: CallEvent | None = None
    count: int = 1  # HISTORY_CHANGED: how many calls
    seq: int = 0  # the change's number in the hub-wide sequence (0: not numbered, e.g. a sync batch)


Listener = Callable[[CallUpdate], None]


class CallHub:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` for every update from now on; returns the function that unsubscribes."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, update: CallUpdate) -> None:
        for listener in list(self._listeners):
            try:
                listener(update)
            except Exception:
                log.exception("call listener %r failed on %s", listener, update.change)
