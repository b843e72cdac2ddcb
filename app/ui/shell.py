"""The desktop app object: wires the runtime's call hub to the tray, the cards and the windows.

Why one object: every way in (a ringing webhook, a tray click, a ``tel:`` link from a second instance, a
card button) ends in a few actions — show a card, dial, open the history, open the settings — and each
action should exist once. The shell owns those actions; widgets only emit signals.

Windows of the history/settings part (``app.ui.history.window``, ``app.ui.settings.dialog``,
``app.ui.firstrun``) are imported when first opened; while a module does not exist its menu entry is not
shown (no stub windows).

Start-up is in two steps so the tray shows first: :meth:`Shell.start` (cards, tray, first run) right away;
:meth:`Shell.start_integration` (missed-call notifications over D-Bus, the ring sound, the global dial
shortcut, the health poll) once the receiver runs — each of those opens something slow (a bus connection,
an audio device, an X connection) that the agent does not need in the first second.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from app.core.errors import AuthError, Problem, Unavailable
from app.core.models import CallStatus, Direction
from app.core.phone import normalize
from app.core.views import CallQuery
from app.services.context import Context
from app.services.hub import CallHub, CallUpdate, Change
from app.ui import formatting, icons, tasks
from app.ui.cards.card import status_word
from app.ui.cards.facts import wants_card
from app.ui.cards.stack import CLICK_TO_CALL_ONLY, CardStack
from app.ui.dialbox import DialBox, DialChoice
from app.ui.health import HealthWatch
from app.ui.messages import bridge
from app.ui.problems import problem_text
from app.ui.single_instance import SHOW, dial_target
from app.ui.tray import Tray

if TYPE_CHECKING:
    from app.ui.alerts import CallAlerts
    from app.ui.hotkey import GlobalDialShortcut

log = logging.getLogger(__name__)

HISTORY_MODULE = "app.ui.history.window"
SETTINGS_MODULE = "app.ui.settings.dialog"
FIRSTRUN_MODULE = "app.ui.firstrun"
RECENT_IN_MENU = 8
LONGEST_NUMBER_TEXT = 40  # longer clipboard / selected text is a sentence, not a number


class RuntimeLike(Protocol):
    """What the shell needs of :class:`app.runtime.Runtime`."""

    hub: CallHub
    dialer: Any
    receiver: Any


class Shell(QObject):
    """The running desktop app (everything but the event loop, which :mod:`app.ui.main` owns)."""

    quit_requested = Signal()

    def __init__(self, context: Context, runtime: RuntimeLike, *, use_tray: bool | None = None) -> None:
        super().__init__()
        self.context = context
        self.runtime = runtime
        self.tray = Tray(self.populate_menu, use_tray=use_tray)
        self.stack = CardStack(
            context,
            call_back=self.dial,
            open_history=self.open_history if _exists(HISTORY_MODULE) else None,
            tray_geometry=self.tray.geometry,
        )
        self.dialbox: DialBox | None = None
        self.history: Any = None
        self.settings_dialog: Any = None
        self.missed = 0
        self.problems: dict[str, str] = {}  # per account: why the last call placed through it failed
        self.health = HealthWatch(context, runtime, self)
        self.health.changed.connect(self.refresh_state)
        self.alerts: CallAlerts | None = None
        self.hotkey: GlobalDialShortcut | None = None
        self._hotkey_text = ""
        self._details: list[Any] = []
        self._unsubscribe: list[Callable[[], None]] = []
        self.tray.dial_requested.connect(lambda: self.open_dialbox())
        self.tray.history_requested.connect(lambda: self.open_history())
        self.tray.quit_requested.connect(self.quit_requested.emit)
        self.tray.set_history_available(_exists(HISTORY_MODULE))

    # --- life cycle ---------------------------------------------------------------------------------------
    def start(self) -> None:
        """Listen to calls, show the tray, deliver waiting messages; first-run screen if no account exists."""
        hub = self.runtime.hub
        self._unsubscribe = [hub.subscribe(self.stack.on_update), hub.subscribe(self._on_update)]
        QGuiApplication.setWindowIcon(icons.app_icon())
        self.refresh_state()
        self.tray.show()
        bridge().attach(self.tray.show_message)
        if not self.context.settings.accounts:
            self._first_run()

    async def start_integration(self) -> None:
        """Notifications, ring sound, global dial shortcut and the health poll (after the tray is up)."""
        from app.ui.alerts import CallAlerts

        self.alerts = CallAlerts(self.context, self.stack, self.tray.icon, self.tray.show_message, self)
        self.alerts.open_call.connect(self.open_call)
        self._unsubscribe.append(self.runtime.hub.subscribe(self.alerts.on_update))  # after the cards'
        await self.alerts.start()
        self.apply_hotkey()
        self.health.start()
        self.refresh_state()

    async def stop_integration(self) -> None:
        self.health.stop()
        self._unregister_hotkey()
        if self.alerts is not None:
            await self.alerts.close()

    def close(self) -> None:
        self.health.stop()
        self._unregister_hotkey()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        bridge().detach()
        self.stack.close_all()
        for dialog in list(self._details):
            dialog.close()
        for window in (self.dialbox, self.history, self.settings_dialog, self.tray.window):
            if window is not None:
                if window is self.tray.window:
                    window.quitting = True
                window.close()
        self.tray.hide()

    def refresh_state(self) -> None:
        """The tray's state and its reasons (see :mod:`app.ui.health`)."""
        health = self.health.assess(self.problems)
        self.tray.set_state(health.state, health.detail)

    # --- calls --------------------------------------------------------------------------------------------
    def _on_update(self, update: CallUpdate) -> None:
        call = update.call
        if (
            update.change is Change.ENDED
            and call is not None
            and call.status is CallStatus.MISSED
            and wants_card(call, self.stack.me)
        ):
            self.set_missed(self.missed + 1)
            if self.alerts is not None:
                self.alerts.missed(call)

    def set_missed(self, count: int) -> None:
        self.missed = count
        self.tray.set_missed(count)

    def dial(self, number: str, account: str = "", caller_id: str = "") -> Any:
        """Place a call through the provider (the agent's phone rings first). Returns the running task."""
        return tasks.run(self._dial(number, account, caller_id), title=self.tr("Call not placed"))

    async def _dial(self, number: str, account: str, caller_id: str) -> None:
        dialer = getattr(self.runtime, "dialer", None)
        try:
            if dialer is None:
                raise Problem(self.tr("Click-to-call is not available: no provider account can place calls."))
            outcome = await dialer.call(number, account=account or None, caller_id=caller_id or None)
        except Problem as problem:
            if isinstance(problem, AuthError | Unavailable):
                self.problems[getattr(problem, "account", "") or account or "?"] = problem_text(problem)
                self.refresh_state()
            if self.dialbox is not None and self.dialbox.isVisible():
                self.dialbox.failed(problem_text(problem))
            raise
        settled = getattr(getattr(outcome, "account", None), "id", account)
        if self.problems.pop(settled, None) is not None:
            self.refresh_state()
        if self.dialbox is not None:
            self.dialbox.finished_dialing()
        describe = getattr(outcome, "describe", None)
        bridge().info(describe() if callable(describe) else self.tr("Calling %1…").replace("%1", number))

    def on_instance_message(self, message: str) -> None:
        """A second ``ringdesk`` start handed us a link to dial (or asked us to show up)."""
        target = dial_target(message)
        if message.strip().lower() == SHOW or target is None:
            if self.tray.window is not None:
                self.tray.window.show()
                self.tray.window.raise_()
            else:
                self.open_dialbox()
            return
        self.dial(target)

    def dial_text(self, text: str) -> None:
        """Text the agent marked (the global shortcut): dial it if it is a number, else let them fix it."""
        number = self._dialable(text)
        if number:
            self.dial(number)
        else:
            self.open_dialbox(text.strip() if len(text.strip()) <= LONGEST_NUMBER_TEXT else "")

    def open_call(self, account: str, call_id: str) -> None:
        """A missed-call notification was clicked: that call's details (notes, call back), else the history."""
        row = self.context.calls.row(account, call_id)
        if row is None or not _exists(HISTORY_MODULE):
            self.open_history(row.phone if row is not None else "")
            return
        from app.ui.history.details import CallDetailsDialog

        dialog = CallDetailsDialog(self.context, self.runtime, row)
        dialog.call_back_requested.connect(lambda r: self.dial(r.phone, r.account))
        self._details.append(dialog)  # a parentless dialog needs an owner until it closes
        dialog.destroyed.connect(lambda: self._details.remove(dialog) if dialog in self._details else None)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.set_missed(max(0, self.missed - 1))

    # --- the global dial shortcut -------------------------------------------------------------------------
    def apply_hotkey(self) -> None:
        """Register ``general.dial_hotkey`` (again if it changed); say why when it cannot work here."""
        wanted = self.context.settings.general.dial_hotkey.strip()
        if wanted == self._hotkey_text and (self.hotkey is not None or not wanted):
            return
        from app.ui.hotkey import GlobalDialShortcut, ShortcutError, availability

        self._unregister_hotkey()
        self._hotkey_text = wanted
        if not wanted:
            return
        possible = availability()
        title = self.tr("Dial shortcut %1").replace("%1", wanted)
        if not possible.available:
            bridge().warning(possible.reason, title)
            return
        shortcut = GlobalDialShortcut(wanted, self)
        try:
            shortcut.register()
        except ShortcutError as error:
            bridge().warning(str(error), title)
            return
        shortcut.dial_requested.connect(self.dial_text)
        self.hotkey = shortcut

    def _unregister_hotkey(self) -> None:
        if self.hotkey is not None:
            self.hotkey.unregister()
            self.hotkey.deleteLater()
            self.hotkey = None

    # --- windows ------------------------------------------------------------------------------------------
    def open_dialbox(self, number: str = "") -> DialBox:
        if self.dialbox is None:
            accounts = [DialChoice(a.display_name, a.id) for a in self.context.settings.accounts if a.enabled]
            self.dialbox = DialBox(accounts)
            self.dialbox.dial_requested.connect(self.dial)
            self.dialbox.account_changed.connect(self._offer_caller_ids)
            self._offer_caller_ids(self.dialbox.account_id())
        self.dialbox.open_with(number)
        return self.dialbox

    def _offer_caller_ids(self, account_id: str) -> None:
        """The presented numbers the account offers (its configured one; the provider's list when it has one)."""
        if self.dialbox is None:
            return
        choices: list[DialChoice] = []
        for account in self.context.settings.accounts:
            if account.id == account_id and account.caller_id:
                choices.append(DialChoice(formatting.phone_text(account.caller_id), account.caller_id))
        self.dialbox.set_caller_ids(choices)
        lister = getattr(getattr(self.runtime, "dialer", None), "caller_ids", None)
        if callable(lister) and account_id:
            tasks.run(lister(account_id), on_success=lambda found: self._add_caller_ids(account_id, found))

    def _add_caller_ids(self, account_id: str, found: list[Any]) -> None:
        if self.dialbox is None or self.dialbox.account_id() != account_id:
            return
        self.dialbox.set_caller_ids(
            [DialChoice(getattr(c, "display", "") or formatting.phone_text(c.number), c.number) for c in found]
        )

    def open_history(self, number: str = "") -> None:
        """The history window (filtered on ``number`` when given). Opening it clears the missed badge."""
        if not _exists(HISTORY_MODULE):
            return
        if self.history is None:
            module = importlib.import_module(HISTORY_MODULE)
            self.history = module.HistoryWindow(self.context, self.runtime)
        if number and hasattr(self.history, "show_number"):
            self.history.show_number(number)
        self.history.show()
        self.history.raise_()
        self.history.activateWindow()
        self.set_missed(0)

    def open_settings(self) -> None:
        if not _exists(SETTINGS_MODULE):
            return
        if self.settings_dialog is None:
            module = importlib.import_module(SETTINGS_MODULE)
            self.settings_dialog = module.SettingsDialog(self.context, self.runtime)
            finished = getattr(self.settings_dialog, "finished", None)
            if finished is not None:
                finished.connect(lambda _result: self._settings_closed())
        self.settings_dialog.open()

    def _settings_closed(self) -> None:
        self.stack.settings_changed()
        if self.alerts is not None:
            self.alerts.settings_changed()
            self.apply_hotkey()
            self.health.start()
        self.refresh_state()
        self.settings_dialog = None

    def _first_run(self) -> None:
        if _exists(FIRSTRUN_MODULE):
            module = importlib.import_module(FIRSTRUN_MODULE)
            self.first_run = module.FirstRunDialog(self.context, self.runtime)
            self.first_run.open()
        else:
            bridge().info(self.tr("No provider account yet. Add one in config.toml, or try `ringdesk demo`."))

    # --- the tray menu (rebuilt each time it opens) --------------------------------------------------------
    def populate_menu(self, menu: QMenu) -> None:
        header = menu.addAction(self.tray.tooltip().splitlines()[0])
        header.setEnabled(False)
        menu.addSeparator()
        menu.addAction(icons.icon("dialpad", "#334155", 16), self.tr("Call a number…"), lambda: self.open_dialbox())
        clipboard = self._clipboard_number()
        if clipboard:
            menu.addAction(
                icons.icon("call", "#334155", 16),
                self.tr("Call %1 (clipboard)").replace("%1", formatting.phone_text(clipboard)),
                lambda n=clipboard: self.dial(n),
            )
        self._add_recent(menu)
        if _exists(HISTORY_MODULE):
            menu.addAction(icons.icon("history", "#334155", 16), self.tr("History…"), lambda: self.open_history())
        menu.addSeparator()
        dnd = menu.addAction(self.tr("Do not disturb (no cards)"))
        dnd.setCheckable(True)
        dnd.setChecked(self.stack.do_not_disturb)
        dnd.toggled.connect(self.set_do_not_disturb)
        only = menu.addAction(self.tr("Click-to-call only"))
        only.setCheckable(True)
        only.setChecked(self.context.settings.card.mode == CLICK_TO_CALL_ONLY)
        only.toggled.connect(self.set_click_to_call_only)
        if self.context.settings.card.position:
            menu.addAction(self.tr("Put cards back in the corner"), self.stack.reset_position)
        if _exists(SETTINGS_MODULE):
            menu.addAction(self.tr("Settings…"), self.open_settings)
        menu.addSeparator()
        menu.addAction(self.tr("Quit Ringdesk"), self.quit_requested.emit)

    def _add_recent(self, menu: QMenu) -> None:
        rows = self.context.calls.page(CallQuery(), limit=RECENT_IN_MENU)
        if not rows:
            return
        recent = menu.addMenu(icons.icon("call-in", "#334155", 16), self.tr("Recent calls"))
        recent.aboutToShow.connect(lambda: self.set_missed(0))
        region = self.context.settings.general.region
        for row in rows:
            glyph = (
                "call-missed"
                if row.status is CallStatus.MISSED
                else ("call-out" if row.direction is Direction.OUT else "call-in")
            )
            who = row.contact_name or formatting.phone_text(row.phone, region)
            label = f"{who}  ·  {formatting.relative_day_time(row.started_at)}  ·  {status_word(row.status)}"
            item = recent.addMenu(
                icons.icon(glyph, "#b91c1c" if row.status is CallStatus.MISSED else "#334155", 16), label
            )
            item.addAction(self.tr("Call back"), lambda n=row.phone, a=row.account: self.dial(n, a))
            item.addAction(self.tr("Copy number"), lambda n=row.phone: QGuiApplication.clipboard().setText(n))
            if _exists(HISTORY_MODULE):
                item.addAction(self.tr("Show in history"), lambda n=row.phone: self.open_history(n))

    def _clipboard_number(self) -> str:
        return self._dialable(QGuiApplication.clipboard().text() or "")

    def _dialable(self, text: str) -> str:
        """The number in ``text`` (a number or a tel:/callto:/sip: link) in normal form, or "" if none."""
        text = text.strip()
        if not text or len(text) > LONGEST_NUMBER_TEXT:
            return ""
        number = normalize(dial_target(text) or "", self.context.settings.general.region)
        return number.value if number.is_valid and not number.is_extension else ""

    def set_do_not_disturb(self, on: bool) -> None:
        """No cards for now (this session); calls are still recorded and missed calls still counted."""
        self.stack.do_not_disturb = on
        if on:
            self.stack.close_all()

    def set_click_to_call_only(self, on: bool) -> None:
        """Saved in the settings: this desktop only dials, it shows no cards."""
        self.context.settings.card.mode = CLICK_TO_CALL_ONLY if on else "cards"
        try:
            self.context.save_settings()
        except OSError as exc:
            bridge().error(self.tr("Could not save the settings: %1").replace("%1", str(exc)))
        self.stack.settings_changed()


def _exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False
