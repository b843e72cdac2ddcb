"""What reaches the agent besides the card: the ring sound while a card rings, and a native notification for
each missed call.

Why the ring follows the *card* and not the call: the setting reads "play a sound when a card appears", so
do-not-disturb, click-to-call-only mode and calls meant for colleagues stay silent exactly as they show no
card, and closing a ringing card silences it. The sound stops as soon as no shown card rings any more
(answered here or elsewhere, ended, closed). The player is created only once the setting is on — QtMultimedia
opens an audio device, which a desktop that never rings should not pay for — and then kept (switched off,
it stays silent; deleting a player while it loads its media makes FFmpeg complain).

Never install a Python Qt message handler (``qInstallMessageHandler``) while a ring player exists:
``QMediaPlayer.stop()`` waits for the FFmpeg audio thread without releasing the GIL, and that thread's
warnings ("No audio device detected") would then need the GIL — the UI freezes (seen under pytest-qt).

Why notifications are deduplicated: a call that rings again on a new leg after being missed ends twice;
the agent should hear about one missed call once.

Why a balloon waits for the cards: without a notification daemon the missed call goes to the tray's balloon,
which Qt draws itself by the tray — where the cards are. A balloon over a card turned a click meant for the
card into an open call-details window. So a balloon never shows while a card is on screen, nor while the
pointer is where the cards were: it is held and shown once both are clear (polled every
:data:`HOLD_POLL_MS`); and a card that appears withdraws a balloon still showing. Native notifications (the
desktop's own centre) are not held: the desktop places them and they persist.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, QTimer, Signal
from PySide6.QtGui import QCursor, QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from app.config.settings import Settings
from app.core.callstate import Call
from app.core.models import CallStatus
from app.services.hub import CallUpdate
from app.ui import formatting, plain, tasks
from app.ui.cards.stack import CardStack
from app.ui.messages import Level, Message
from app.ui.notify import MissedCallNotifier, RingPlayer

if TYPE_CHECKING:
    from app.runtime import Runtime

log = logging.getLogger(__name__)

RING_SOUND = Path(__file__).resolve().parents[2] / "resources" / "sounds" / "ring.wav"
REMEMBERED_MISSED = 500  # notified calls kept for deduplication (a day of a busy queue)
CallKey = tuple[str, str]
HOLD_POLL_MS = 500
POINTER_CLEARANCE = 40  # px around where the cards were that the pointer must leave before a balloon shows


class CallAlerts(QObject):
    """Ring sound and missed-call notifications. ``open_call(account, call_id)``: the agent clicked one."""

    open_call = Signal(str, str)

    def __init__(
        self,
        runtime: Runtime,
        stack: CardStack,
        tray_icon: QSystemTrayIcon | None = None,
        fallback: Callable[[Message], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.stack = stack
        self.notifier = MissedCallNotifier(tray_icon, self)
        self.notifier.open_call.connect(self._on_notification_clicked)
        self._tray_icon = tray_icon
        self._fallback = fallback
        self.player: RingPlayer | None = None
        self.ringing: set[CallKey] = set()
        self._sounding = False
        self._notified: dict[CallKey, None] = {}  # insertion-ordered: the oldest are forgotten first
        self.held: list[tuple[str, str, str]] = []  # balloons waiting for the cards (tag, number, name)
        self._cards_region = QRect()  # where cards were last seen (the pointer must leave it too)
        self._balloon_up = False
        self._hold_timer = QTimer(self)
        self._hold_timer.setInterval(HOLD_POLL_MS)
        self._hold_timer.timeout.connect(self.release_held)
        stack.card_closed.connect(self._on_card_closed)
        stack.card_shown.connect(self._on_card_shown)

    @property
    def settings(self) -> Settings:
        return self.runtime.context.settings

    async def start(self) -> None:
        await self.notifier.start()
        self.settings_changed()

    async def close(self) -> None:
        self._hold_timer.stop()
        self.held.clear()
        self.ringing.clear()
        self._sync_player()
        await self.notifier.close()

    def settings_changed(self) -> None:
        """Ring sound switched on or off, or another output device chosen."""
        card = self.settings.card
        if card.ring_sound and self.player is None:
            self.player = RingPlayer(RING_SOUND, card.ring_device, self)
        elif self.player is not None:
            self.player.set_device(card.ring_device)
        self._sync_player()

    # --- the ring -----------------------------------------------------------------------------------------
    def on_update(self, update: CallUpdate) -> None:
        """A :class:`CallHub` listener subscribed after the card stack (the card of a ringing call exists)."""
        call = update.call
        if call is None:
            return
        key = (call.account, call.call_id)
        if call.status is CallStatus.RINGING and key in self.stack.cards:
            self.ringing.add(key)
        else:
            self.ringing.discard(key)
        self._sync_player()

    def _on_card_closed(self, key: object) -> None:
        if key in self.ringing:
            self.ringing.discard(key)
            self._sync_player()
        self.release_held()

    def _on_card_shown(self, _card: object) -> None:
        """A card came up: a balloon of ours still showing by the tray is withdrawn (it would cover it)."""
        self._note_cards()
        if self._balloon_up and self._tray_icon is not None:
            self._balloon_up = False
            self._tray_icon.showMessage("", "", QIcon(), 1)  # empty title and text: Qt hides its balloon

    def _sync_player(self) -> None:
        """Play while a card rings. Compared with what was last asked, not with the player's state: the media
        loads asynchronously, so a stop right after play() must not be skipped for "not playing yet"."""
        if self.player is None:
            return
        wanted = bool(self.ringing) and self.settings.card.ring_sound
        if wanted != self._sounding:
            self._sounding = wanted
            (self.player.play if wanted else self.player.stop)()

    # --- missed calls -------------------------------------------------------------------------------------
    def missed(self, call: Call) -> bool:
        """Announce a missed call (once per call). Returns False if it was already announced."""
        key = (call.account, call.call_id)
        if key in self._notified:
            return False
        self._notified[key] = None
        while len(self._notified) > REMEMBERED_MISSED:
            del self._notified[next(iter(self._notified))]
        number = formatting.phone_text(call.phone, self.settings.general.region) or self.tr("Unknown number")
        contact = self.runtime.contacts.lookup(call.phone) if call.phone else None
        name = contact.name if contact is not None else ""
        if not self.notifier.native and self._tray_icon is None and self._fallback is not None:
            self._fallback(
                Message(
                    Level.WARNING,
                    self.tr("Missed call: %1").replace("%1", f"{plain.isolate(name)} · {number}" if name else number),
                )
            )
        elif self.notifier.native:
            tasks.run(self.notifier.missed(f"{call.account}:{call.call_id}", number, name))
        else:
            self.held.append((f"{call.account}:{call.call_id}", number, name))
            self.release_held()
        return True

    # --- balloons wait for the cards ----------------------------------------------------------------------
    def cards_in_the_way(self) -> bool:
        """Whether a balloon now could cover a card or take a click meant for one."""
        self._note_cards()
        if self.stack.visible_cards() or self.stack.more.isVisible():
            return True
        clearance = POINTER_CLEARANCE
        region = self._cards_region.adjusted(-clearance, -clearance, clearance, clearance)
        return region.isValid() and region.contains(QCursor.pos())

    def release_held(self) -> None:
        """Show the held balloons if nothing is in the way (else keep polling)."""
        if not self.held:
            self._hold_timer.stop()
            return
        if self.cards_in_the_way():
            if not self._hold_timer.isActive():
                self._hold_timer.start()
            return
        self._hold_timer.stop()
        self._cards_region = QRect()
        held, self.held = self.held, []
        for tag, number, name in held[-1:]:  # one balloon at a time: the newest (the badge counts them all)
            self._balloon_up = True
            tasks.run(self.notifier.missed(tag, number, name))

    def _note_cards(self) -> None:
        for widget in [*self.stack.visible_cards(), self.stack.more]:
            if widget.isVisible():
                self._cards_region = self._cards_region.united(widget.frameGeometry())

    def _on_notification_clicked(self, tag: str) -> None:
        account, _, call_id = tag.partition(":")
        if call_id:
            self.open_call.emit(account, call_id)
