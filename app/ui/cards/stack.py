"""The card stack: turns call updates into cards, keeps them live and in place, and closes them.

Why it listens to the hub directly: the hub's listeners run on the loop thread, which under qasync is
Qt's thread, so a ringing update builds and shows its card in the same turn of the loop that committed
the event — no queue, no thread hop, no timer between the webhook and the card.

Rules: one card per call (every leg and retry updates the same card); new cards go after the existing
ones; cards whose call is over close ``card.close_after_s`` seconds later unless the agent touched them
(hover or click); "click-to-call only" mode and do-not-disturb show no cards at all.

What a card says about the caller comes from the runtime's use cases (:func:`~app.services.caller_facts.
caller_facts`); notes and contacts typed on a card are saved through them too, never into a store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QPoint, QRect, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication

from app.core.callstate import Call
from app.services.caller_facts import CardFacts, caller_facts
from app.services.hub import CallUpdate, Change
from app.ui.cards import placement
from app.ui.cards.card import CallCard
from app.ui.cards.facts import Me, card_status, crm_url, me_of, wants_card
from app.ui.cards.forms import ContactForm, NoteForm
from app.ui.messages import bridge

if TYPE_CHECKING:
    from app.config.settings import Settings
    from app.runtime import Runtime

log = logging.getLogger(__name__)

CallKey = tuple[str, str]
CLICK_TO_CALL_ONLY = "click_to_call_only"


class CardStack(QObject):
    """Owns the visible cards. The shell wires its callbacks (dial, open history) and the tray's place."""

    card_shown = Signal(object)  # CallCard, after it is on screen
    card_closed = Signal(object)  # CallKey

    def __init__(
        self,
        runtime: Runtime,
        *,
        call_back: Callable[[str, str], None] | None = None,
        open_history: Callable[[str], None] | None = None,
        tray_geometry: Callable[[], QRect | None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.call_back = call_back
        self.open_history = open_history
        self.tray_geometry = tray_geometry
        self.do_not_disturb = False
        self.cards: dict[CallKey, CallCard] = {}
        self._timers: dict[CallKey, QTimer] = {}
        self._touched: set[CallKey] = set()
        self._forms: list[QObject] = []
        self._placed: dict[CallKey, QPoint] = {}
        self._spare: CallCard | None = None
        self._warmed = False
        QTimer.singleShot(0, self.prepare_spare)

    @property
    def me(self) -> Me:
        """Who this user is at each account: on a desktop joined to a hub, the identities the hub says
        (read at each use: they arrive with the connection), else the accounts' own users."""
        return me_of(self.runtime)

    @property
    def settings(self) -> Settings:
        """The app's settings, read at each use (edits apply at once)."""
        return self.runtime.context.settings

    def facts_of(self, call: Call) -> CardFacts:
        """What the card says about the caller, from the use cases."""
        runtime = self.runtime
        return caller_facts(call, runtime.contacts, runtime.history, runtime.notes)

    # --- the hub listener -----------------------------------------------------------------------------
    @property
    def showing_cards(self) -> bool:
        return not self.do_not_disturb and self.settings.card.mode != CLICK_TO_CALL_ONLY

    def on_update(self, update: CallUpdate) -> None:
        """Create, refresh or finish the card of ``update.call`` (a :class:`CallHub` listener)."""
        call = update.call
        if call is None or update.change is Change.HISTORY_CHANGED:
            return
        key = (call.account, call.call_id)
        card = self.cards.get(key)
        if card is not None:
            self._refresh(key, card, call)
        elif update.change is Change.RINGING and self.showing_cards and wants_card(call, self.me):
            self.show_card(call)

    def settings_changed(self) -> None:
        """Settings were edited: leaving "cards" mode closes open cards (who "me" is is read at each use)."""
        if not self.showing_cards:
            self.close_all()
        self.relayout()

    # --- cards ------------------------------------------------------------------------------------------
    def show_card(self, call: Call) -> CallCard:
        key = (call.account, call.call_id)
        facts = self.facts_of(call)
        offered = {"contact"}
        if self.call_back is not None:
            offered.add("call")
        if self.open_history is not None:
            offered.add("history")
        if self.settings.card.crm_url_template.strip():
            offered.add("crm")
        card = self._take_spare()
        card.present(call, facts, card_status(call, self.me), frozenset(offered))
        self.cards[key] = card
        card.call_back_requested.connect(self._on_call_back)
        card.history_requested.connect(self._on_history)
        card.copy_requested.connect(self._on_copy)
        card.crm_requested.connect(lambda k=key: self._on_crm(k))
        card.note_requested.connect(lambda k=key: self._on_note(k))
        card.contact_requested.connect(lambda k=key: self._on_contact(k))
        card.dismissed.connect(lambda k=key: self.close_card(k))
        card.touched.connect(lambda k=key: self._on_touched(k))
        card.dragged.connect(lambda pos, k=key: self._on_dragged(k, pos))
        card.destroyed.connect(lambda _=None, k=key: self._forget(k))  # closed by the window manager or on quit
        card.adjustSize()
        self.relayout()
        card.show()
        self.card_shown.emit(card)
        self._schedule_close(key, card)
        # The next spare is built right after this card is on screen (never before its first paint).
        card.first_painted.connect(lambda: QTimer.singleShot(0, self.prepare_spare))
        return card

    def prepare_spare(self) -> None:
        """Build (and style) the next card while nothing rings, so a ring only fills it in.

        A card's widget tree and its first polish cost several milliseconds (tens for the very first card of
        the session: style sheet, fonts, icons); done here, the ring-to-card path only sets texts.
        """
        if self._spare is not None and shiboken6.isValid(self._spare):
            return
        spare = CallCard(region=self.settings.general.region)
        spare.ensurePolished()
        spare.adjustSize()
        if not self._warmed:
            spare.grab()  # first render: fonts, glyph and icon caches
            self._warmed = True
        self._spare = spare

    def _take_spare(self) -> CallCard:
        spare, self._spare = self._spare, None
        if spare is None or not shiboken6.isValid(spare):
            spare = CallCard(region=self.settings.general.region)
        spare.region = self.settings.general.region  # the setting may have changed since it was built
        return spare

    def close_card(self, key: CallKey) -> None:
        card = self._forget(key)
        if card is not None:
            card.close()
            self.relayout()

    def _forget(self, key: CallKey) -> CallCard | None:
        """Drop a card from the stack; returns it if it still exists (to be closed)."""
        card = self.cards.pop(key, None)
        timer = self._timers.pop(key, None)
        if timer is not None:
            timer.stop()
        self._touched.discard(key)
        if card is None:
            return None
        self.card_closed.emit(key)
        return card if shiboken6.isValid(card) else None

    def close_all(self) -> None:
        for key in list(self.cards):
            self.close_card(key)

    def reset_position(self) -> None:
        """Forget the dragged position: cards go back to the corner by the tray."""
        if self.settings.card.position:
            self.settings.card.position = ""
            self._save_settings()
        self.relayout()

    def relayout(self) -> None:
        """Place every card: stacked from the saved position, else from the tray's corner."""
        if not self.cards:
            return
        anchor = placement.parse_position(self.settings.card.position)
        tray = self.tray_geometry()
        screen = placement.screen_for(tray, anchor)
        if screen is None:
            return
        area = screen.availableGeometry()
        cards = list(self.cards.values())
        sizes = [card.size() for card in cards]  # each card was sized (adjustSize) when its content changed
        points = placement.stack_positions(sizes, area, placement.corner_near(tray, area), anchor)
        self._placed = dict(zip(self.cards, points, strict=True))
        for card, point in zip(cards, points, strict=True):
            card.move(point)

    def _refresh(self, key: CallKey, card: CallCard, call: Call) -> None:
        card.set_status(call, card_status(call, self.me))
        self._schedule_close(key, card)

    def _schedule_close(self, key: CallKey, card: CallCard) -> None:
        if not card.status.state.is_over or key in self._touched or key in self._timers:
            return
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(max(self.settings.card.close_after_s, 0) * 1000)
        timer.timeout.connect(lambda k=key: self.close_card(k))
        self._timers[key] = timer
        timer.start()

    # --- actions ----------------------------------------------------------------------------------------
    def _on_touched(self, key: CallKey) -> None:
        """The agent is looking at or using this card: it stays until they close it."""
        self._touched.add(key)
        timer = self._timers.pop(key, None)
        if timer is not None:
            timer.stop()

    def _on_call_back(self, number: str, account: str) -> None:
        if self.call_back is not None:
            self.call_back(number, account)

    def _on_history(self, number: str) -> None:
        if self.open_history is not None:
            self.open_history(number)

    def _on_copy(self, number: str) -> None:
        QGuiApplication.clipboard().setText(number)
        bridge().info(self.tr("Number copied: %1").replace("%1", number))

    def _on_crm(self, key: CallKey) -> None:
        card = self.cards.get(key)
        if card is None:
            return
        name = card.facts.contact.name if card.facts.contact else ""
        url = crm_url(self.settings.card.crm_url_template, card.call, name)
        if url and not QDesktopServices.openUrl(QUrl(url)):
            bridge().error(self.tr("Could not open the CRM link: %1").replace("%1", url))

    def _on_note(self, key: CallKey) -> None:
        card = self.cards.get(key)
        if card is not None:
            author = self.me.login(card.call.account)
            self._open_form(NoteForm(self.runtime.notes, card.call, author, self.settings.general.region), key)

    def _on_contact(self, key: CallKey) -> None:
        card = self.cards.get(key)
        if card is not None:
            self._open_form(ContactForm(self.runtime.contacts, card.call, self.settings.general.region), key)

    def _open_form(self, form: NoteForm | ContactForm, key: CallKey) -> None:
        self._forms.append(form)
        form.saved.connect(lambda k=key: self._reload_facts(k))
        form.destroyed.connect(lambda _=None, f=form: self._forms.remove(f) if f in self._forms else None)
        form.show_near(self.cards[key])

    def _reload_facts(self, key: CallKey) -> None:
        card = self.cards.get(key)
        if card is not None:
            card.set_facts(self.facts_of(card.call))
            card.adjustSize()
            self.relayout()

    def _on_dragged(self, key: CallKey, pos: QPoint) -> None:
        first = next(iter(self.cards))
        # The stack's anchor is where the first card must go so that the dragged one stays where dropped.
        offset = self._placed.get(key, QPoint()) - self._placed.get(first, QPoint())
        anchor = pos - offset
        self.settings.card.position = placement.format_position(anchor)
        self._save_settings()
        self.relayout()

    def _save_settings(self) -> None:
        try:
            self.runtime.context.save_settings()
        except OSError as exc:
            log.warning("could not save the card position: %s", exc)
