"""The card stack: turns call updates into cards, keeps them live and in place, and closes them.

Why it listens to the hub directly: the hub's listeners run on the loop thread, which under qasync is
Qt's thread, so a ringing update builds and shows its card in the same turn of the loop that committed
the event — no queue, no thread hop, no timer between the webhook and the card.

Rules: one card per call (every leg and retry updates the same card); new cards go after the existing
ones, and cards never overlap (:func:`~app.ui.cards.placement.plan_stack`: when the screen is full the
oldest finished cards fold into one "N more calls" entry that opens the history, ringing cards stay
visible). Cards whose call is over close ``card.close_after_s`` seconds later — a hover does not keep them
(a click restarts the countdown), only a note or contact form being typed in does, and a card under the
pointer closes once the pointer leaves it. Nothing moves under the pointer: while it is over the stack,
cards keep their places (a new card shows at once only where it covers none; the rest waits until the
pointer leaves, at most :data:`MOVE_WAIT_MS` for a new card). "Click-to-call only" mode and
do-not-disturb show no cards at all. :meth:`CardStack.focus_newest` (the card shortcut) is the only way a
card gets the keyboard.

What a card says about the caller comes from the runtime's use cases (:func:`~app.services.caller_facts.
caller_facts`); notes and contacts typed on a card are saved through them too, never into a store.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCursor, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QToolButton, QToolTip, QVBoxLayout, QWidget

from app.core.callstate import Call
from app.services.caller_facts import CardFacts, caller_facts
from app.services.hub import CallUpdate, Change
from app.ui import icons, plain, theme
from app.ui.cards import placement
from app.ui.cards.card import WIDTH, CallCard, style_for
from app.ui.cards.facts import CardState, Me, card_status, crm_url, me_of, wants_card
from app.ui.cards.forms import ContactForm, NoteForm
from app.ui.messages import bridge

if TYPE_CHECKING:
    from app.config.settings import Settings
    from app.runtime import Runtime

log = logging.getLogger(__name__)

CallKey = tuple[str, str]
CLICK_TO_CALL_ONLY = "click_to_call_only"
MOVE_WAIT_MS = 1500  # longest a new card waits for the pointer to leave the stack before cards move
POINTER_POLL_MS = 150


class MoreCard(QWidget):
    """The folded cards' entry: "N more calls", opening the history. Never takes focus."""

    def __init__(self, open_list: Callable[[], None]) -> None:
        super().__init__(
            None,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setObjectName("more")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._palette_watch = theme.PaletteWatch()
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFixedWidth(WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.button = QToolButton(self)
        self.button.setObjectName("link")
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.clicked.connect(open_list)
        layout.addWidget(self.button)
        self._apply_palette()
        self.count = 0
        self.set_count(0)

    def _apply_palette(self) -> None:
        """The cards' colours for the application's palette (this widget's own is rewritten by its #more rule)."""
        palette = QGuiApplication.palette()
        if not self._palette_watch.changed(palette):
            return
        c, sheet = style_for(palette)
        self.setStyleSheet(
            sheet + f"QWidget#more {{ background: {c.card}; border: 1px solid {c.card_border}; border-radius: 10px; }}"
        )
        self.button.setIcon(icons.icon("history", c.accent, 16))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()

    def set_count(self, count: int) -> None:
        self.count = count
        self.button.setText(self.tr("%n more calls", "", count))
        self.button.setToolTip(self.tr("Open the call history"))
        self.adjustSize()


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
        self.folded: list[CallKey] = []
        self.more = MoreCard(self._on_more)
        self._timers: dict[CallKey, QTimer] = {}
        self._expired: set[CallKey] = set()  # due to close, waiting for the pointer to leave or a form to close
        self._forms: dict[CallKey, list[QWidget]] = {}
        self._announced: set[CallKey] = set()
        self._placed: dict[CallKey, QPoint] = {}
        self._spare: CallCard | None = None
        self._warmed = False
        self._waiting_since: float | None = None  # monotonic ms when a move began to wait for the pointer
        self._poll = QTimer(self)
        self._poll.setSingleShot(True)
        self._poll.setInterval(POINTER_POLL_MS)
        self._poll.timeout.connect(self._on_poll)
        self.destroyed.connect(self.more.deleteLater)
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

    def agent_name(self, account: str, login: str) -> str:
        """A person's name for a login (the history's directory merges a person's identities); the login
        only when no name is known."""
        if not login:
            return ""
        try:
            return self.runtime.history.agent_name(account, login) or login
        except Exception:  # a broken directory must never stop a card
            log.exception("agent name of %s at %s", login, account)
            return login

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
        if card is not None and update.change is Change.ENDED and call.status.is_live:
            self.close_card(key)  # its end never arrived and it is too old to ring still: outcome unknown
        elif card is not None:
            self._refresh(key, card, call)
        elif update.change is Change.RINGING and self.showing_cards and wants_card(call, self.me):
            self.show_card(call)

    def settings_changed(self) -> None:
        """Settings were edited: leaving "cards" mode closes open cards (who "me" is is read at each use)."""
        if not self.showing_cards:
            self.close_all()
        self.relayout(force=True)

    # --- cards ------------------------------------------------------------------------------------------
    def show_card(self, call: Call) -> CallCard:
        """The card of ``call``, filled and placed: the one path for live cards, tests and screenshots."""
        key = (call.account, call.call_id)
        existing = self.cards.get(key)
        if existing is not None:
            self._refresh(key, existing, call)
            return existing
        facts = self.facts_of(call)
        offered = {"contact"}
        if self.call_back is not None:
            offered.add("call")
        if self.open_history is not None:
            offered.add("history")
        if self.settings.card.crm_url_template.strip():
            offered.add("crm")
        card = self._take_spare()
        card.names = self.agent_name
        card.present(call, facts, card_status(call, self.me), frozenset(offered))
        self.cards[key] = card
        card.call_back_requested.connect(self._on_call_back)
        card.history_requested.connect(self._on_history)
        card.copy_requested.connect(lambda number, k=key: self._on_copy(k, number))
        card.crm_requested.connect(lambda k=key: self._on_crm(k))
        card.note_requested.connect(lambda k=key: self._on_note(k))
        card.contact_requested.connect(lambda k=key: self._on_contact(k))
        card.dismissed.connect(lambda k=key: self.close_card(k))
        card.touched.connect(lambda k=key: self._on_touched(k))
        card.pointer_left.connect(lambda k=key: self._on_pointer_left(k))
        card.dragged.connect(lambda pos, k=key: self._on_dragged(k, pos))
        card.destroyed.connect(lambda _=None, k=key: self._forget(k))  # closed by the window manager or on quit
        card.adjustSize()
        self.relayout()
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
        self._expired.discard(key)
        self._announced.discard(key)
        self._placed.pop(key, None)
        if key in self.folded:
            self.folded.remove(key)
        if card is None:
            return None
        self.card_closed.emit(key)
        return card if shiboken6.isValid(card) else None

    def close_all(self) -> None:
        """Dismiss every card (the tray's "Dismiss all", do-not-disturb, quitting)."""
        for key in list(self.cards):
            card = self._forget(key)
            if card is not None:
                card.close()
        self.relayout(force=True)

    def dismiss_all(self) -> None:
        self.close_all()

    def visible_cards(self) -> list[CallCard]:
        """The cards on screen, oldest first (folded ones are not)."""
        return [card for card in self.cards.values() if shiboken6.isValid(card) and card.isVisible()]

    def focus_newest(self) -> CallCard | None:
        """Give the keyboard to the newest card on screen (the card shortcut; never on its own)."""
        shown = self.visible_cards()
        if not shown:
            return None
        card = shown[-1]
        card.take_focus()
        return card

    def reset_position(self) -> None:
        """Forget the dragged position: cards go back to the corner by the tray."""
        if self.settings.card.position:
            self.settings.card.position = ""
            self._save_settings()
        self.relayout(force=True)

    # --- placing ----------------------------------------------------------------------------------------
    def pointer_over_stack(self) -> bool:
        """Whether the pointer is over a shown card or the "more" entry (nothing may move under it then)."""
        pointer = QCursor.pos()
        widgets: list[QWidget] = [*self.visible_cards(), self.more]
        return any(w.isVisible() and w.frameGeometry().contains(pointer) for w in widgets)

    def area(self) -> QRect | None:
        """The available geometry of the screen the cards go to."""
        anchor = placement.parse_position(self.settings.card.position)
        screen = placement.screen_for(self.tray_geometry(), anchor)
        return screen.availableGeometry() if screen is not None else None

    def plan(self) -> placement.Plan:
        """Where every card goes now (see :func:`~app.ui.cards.placement.plan_stack`)."""
        area = self.area()
        if area is None or not self.cards:
            return placement.Plan()
        anchor = placement.parse_position(self.settings.card.position)
        entries = []
        for key, card in self.cards.items():
            full, compact = card.heights()
            state = card.status.state
            kind = (
                placement.Kind.RINGING
                if state is CardState.RINGING
                else placement.Kind.LIVE
                if state is CardState.TALKING
                else placement.Kind.FINISHED
            )
            entries.append(placement.Entry(key, QSize(WIDTH, full), kind, compact))
        self.more.set_count(max(len(self.folded), 1))
        corner = placement.corner_near(self.tray_geometry(), area)
        return placement.plan_stack(entries, self.more.size(), area, corner, anchor)

    def relayout(self, *, force: bool = False) -> None:
        """Place every card. While the pointer is over the stack nothing that is shown moves (unless
        ``force``: the agent asked, e.g. dragged the stack); a new card that would cover none shows at once."""
        plan = self.plan()
        moves = self._moves(plan)
        if moves and not force and self.pointer_over_stack():
            now = _now_ms()
            if self._waiting_since is None:
                self._waiting_since = now
            waiting_new = self._show_new_where_free(plan)
            if not (waiting_new and now - self._waiting_since >= MOVE_WAIT_MS):
                self._poll.start()
                return
        self._waiting_since = None
        self._poll.stop()
        self._apply(plan)

    def _moves(self, plan: placement.Plan) -> bool:
        for key, card in self.cards.items():
            if not card.isVisible():
                continue
            point = plan.positions.get(key)
            if point is None or point != card.pos() or (key in plan.compact) != card.compact:
                return True
        return self.more.isVisible() and (plan.more is None or plan.more != self.more.pos())

    def _show_new_where_free(self, plan: placement.Plan) -> bool:
        """Show the never-shown cards whose planned place covers no shown one; True if some must wait."""
        taken = [w.frameGeometry() for w in [*self.visible_cards(), self.more] if w.isVisible()]
        waiting = False
        for key, card in self.cards.items():
            if key in self._announced or card.isVisible():
                continue
            point = plan.positions.get(key)
            if point is None:
                waiting = True
                continue
            card.set_compact(key in plan.compact)
            full, compact = card.heights()
            rect = QRect(point, QSize(WIDTH, compact if card.compact else full))
            if any(rect.adjusted(-1, -1, 1, 1).intersects(other) for other in taken):
                waiting = True
                continue
            self._put(key, card, rect)
            taken.append(rect)
        return waiting

    def _apply(self, plan: placement.Plan) -> None:
        folded = set(plan.folded)
        self.folded = [key for key in self.cards if key in folded]
        self._placed = {}
        for key, card in list(self.cards.items()):
            point = plan.positions.get(key)
            if point is None:
                card.hide()
                continue
            card.set_compact(key in plan.compact)
            full, compact = card.heights()
            self._put(key, card, QRect(point, QSize(WIDTH, compact if card.compact else full)))
        if plan.more is not None and self.folded:
            self.more.set_count(len(self.folded))
            self.more.move(plan.more)
            self.more.show()
        else:
            self.more.hide()

    def _put(self, key: CallKey, card: CallCard, rect: QRect) -> None:
        self._placed[key] = rect.topLeft()
        card.resize(rect.size())
        card.move(rect.topLeft())
        if not card.isVisible():
            card.show()
        if key not in self._announced:
            self._announced.add(key)
            self.card_shown.emit(card)

    def _on_poll(self) -> None:
        """The stack waits for the pointer: moves still due, closes that waited for the pointer to leave."""
        for key in list(self._expired):
            self._expire(key)
        self.relayout()

    def _refresh(self, key: CallKey, card: CallCard, call: Call) -> None:
        before = card.status.state
        card.set_status(call, card_status(call, self.me))
        self._schedule_close(key, card)
        if card.status.state is not before:
            self.relayout()  # a finished card may fold, a call back button changes nothing in height

    # --- closing on schedule ----------------------------------------------------------------------------
    def _schedule_close(self, key: CallKey, card: CallCard, *, restart: bool = False) -> None:
        if not card.status.state.is_over:
            return
        timer = self._timers.get(key)
        if timer is not None and not restart:
            return
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda k=key: self._expire(k))
            self._timers[key] = timer
        self._expired.discard(key)
        timer.setInterval(max(self.settings.card.close_after_s, 0) * 1000)
        timer.start()

    def _expire(self, key: CallKey) -> None:
        """The card's time is up: it closes, unless a form of it is open (then when the form closes) or the
        pointer is on it (then as soon as the pointer leaves)."""
        card = self.cards.get(key)
        if card is None:
            self._expired.discard(key)
            return
        if self._forms.get(key) or card.keyboard:
            self._expired.discard(key)  # the form's closing (or focus given back) starts a new countdown
            return
        if card.isVisible() and card.frameGeometry().contains(QCursor.pos()):
            self._expired.add(key)
            self._poll.start()
            return
        self.close_card(key)

    def _on_pointer_left(self, key: CallKey) -> None:
        if key in self._expired:
            self._expire(key)

    # --- actions ----------------------------------------------------------------------------------------
    def _on_touched(self, key: CallKey) -> None:
        """The agent clicked the card: its countdown starts again (it still closes)."""
        card = self.cards.get(key)
        if card is not None and key in self._timers:
            self._schedule_close(key, card, restart=True)

    def _on_more(self) -> None:
        if self.open_history is not None:
            self.open_history("")

    def _on_call_back(self, number: str, account: str) -> None:
        if self.call_back is not None:
            self.call_back(number, account)

    def _on_history(self, number: str) -> None:
        if self.open_history is not None:
            self.open_history(number)

    def _on_copy(self, key: CallKey, number: str) -> None:
        QGuiApplication.clipboard().setText(number)
        card = self.cards.get(key)
        if card is not None:  # said on the card itself: a balloon would pop up over the cards
            button = card.copy_button
            QToolTip.showText(
                button.mapToGlobal(button.rect().bottomLeft()),
                plain.tooltip(self.tr("Number copied: %1").replace("%1", number)),
                button,
            )

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
        self._forms.setdefault(key, []).append(form)
        form.saved.connect(lambda k=key: self._reload_facts(k))
        form.destroyed.connect(lambda _=None, k=key, f=form: self._form_closed(k, f))
        form.show_near(self.cards[key])

    def _form_closed(self, key: CallKey, form: QWidget) -> None:
        forms = self._forms.get(key, [])
        if form in forms:
            forms.remove(form)
        if not forms:
            self._forms.pop(key, None)
            card = self.cards.get(key)
            if card is not None and key in self._timers:
                self._schedule_close(key, card, restart=True)

    def form_open(self, key: CallKey) -> bool:
        """Whether the agent is typing a note (or a contact) of this card: it stays open meanwhile."""
        return bool(self._forms.get(key))

    def _reload_facts(self, key: CallKey) -> None:
        card = self.cards.get(key)
        if card is not None:
            card.set_facts(self.facts_of(card.call))
            card.adjustSize()
            self.relayout()

    def _on_dragged(self, key: CallKey, pos: QPoint) -> None:
        shown = [k for k in self.cards if k in self._placed]
        first = shown[0] if shown else key
        # The stack's anchor is where the first card must go so that the dragged one stays where dropped.
        offset = self._placed.get(key, QPoint()) - self._placed.get(first, QPoint())
        anchor = pos - offset
        self.settings.card.position = placement.format_position(anchor)
        self._save_settings()
        self.relayout(force=True)

    def _save_settings(self) -> None:
        try:
            self.runtime.context.save_settings()
        except OSError as exc:
            log.warning("could not save the card position: %s", exc)


def _now_ms() -> float:
    return time.monotonic() * 1000
