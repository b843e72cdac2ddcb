"""The desktop app object: wires the runtime's call hub to the tray, the cards, the alerts and the windows.

Why one object at the top: every way in (a ringing webhook, a tray click, a ``tel:`` link from a second
instance, a card button, a notification) ends in a few actions, and each action should exist once. The
shell owns the life cycle and the wiring; the actions live in parts with one job each:

- :class:`~app.ui.shell_dial.DialActions`: the dial box, dialling, each account's last dial problem;
- :class:`~app.ui.shell_windows.WindowKeeper`: history, call details, settings, first run;
- :class:`~app.ui.shell_menu.TrayMenu`: the tray's menu, rebuilt each time it opens;
- :class:`~app.ui.shell_hotkey.HotkeyKeeper`: the global dial shortcut.

What stays here is what ties them together: the missed-calls badge, the tray state, the modes (do not
disturb, click-to-call only) and what a settings change must reach.

The badge counts the missed calls the agent has not seen yet (:attr:`Shell.unseen`). A call is seen when
the agent looked at it — its details opened, shown in History › Missed, listed in the tray's recent calls —
or when they pressed "mark missed calls as seen"; opening a window by itself sees nothing.

Start-up is in two steps so the tray shows first: :meth:`Shell.start` (cards, tray, first run) right away;
:meth:`Shell.start_integration` (missed-call notifications over D-Bus, the ring sound, the global dial
shortcut, the health poll) once the receiver runs — each of those opens something slow (a bus connection,
an audio device, an X connection) that the agent does not need in the first second.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu

from app.core.models import CallStatus
from app.services.context import Context
from app.services.hub import CallUpdate, Change
from app.ui import icons
from app.ui.cards.facts import wants_card
from app.ui.cards.stack import CLICK_TO_CALL_ONLY, CardStack
from app.ui.dialbox import DialBox
from app.ui.health import HealthWatch
from app.ui.messages import bridge
from app.ui.shell_dial import DialActions
from app.ui.shell_hotkey import HotkeyKeeper
from app.ui.shell_menu import RECENT_IN_MENU, TrayMenu
from app.ui.shell_windows import WindowKeeper
from app.ui.single_instance import SHOW, dial_target
from app.ui.tray import Tray

if TYPE_CHECKING:
    from app.runtime import Runtime
    from app.ui.alerts import CallAlerts
    from app.ui.firstrun import FirstRunDialog
    from app.ui.hotkey import GlobalDialShortcut


class Shell(QObject):
    """The running desktop app (everything but the event loop, which :mod:`app.ui.main` owns)."""

    quit_requested = Signal()

    def __init__(self, context: Context, runtime: Runtime, *, use_tray: bool | None = None) -> None:
        super().__init__()
        self.context = context
        self.runtime = runtime
        self.unseen: dict[tuple[str, str], None] = {}  # (account, call id) of missed calls not seen yet
        self.dialing = DialActions(runtime, self)
        self.windows = WindowKeeper(runtime, self.dialing.call_back, self)
        self.tray = Tray(self._populate_menu, use_tray=use_tray)
        self.stack = CardStack(
            runtime,
            call_back=self.dialing.call_back,
            open_history=self.windows.open_history,
            tray_geometry=self.tray.geometry,
        )
        self.menu = TrayMenu(runtime, self.stack, self.dialing, self.windows, self._headline, self)
        self.health = HealthWatch(context, runtime, self)
        self.hotkeys = HotkeyKeeper(context.settings.general, self, card=context.settings.card)
        self.alerts: CallAlerts | None = None
        self._unsubscribe: list[Callable[[], None]] = []

        self.dialing.problems_changed.connect(self.refresh_state)
        self.health.changed.connect(self.refresh_state)
        self.hotkeys.text_marked.connect(self.dialing.dial_text)
        self.hotkeys.card_focus_requested.connect(self.stack.focus_newest)
        self.windows.calls_seen.connect(self.mark_seen)
        self.windows.all_seen.connect(self.mark_all_seen)
        self.windows.settings_closed.connect(self.settings_changed)
        self.menu.recent_shown.connect(self._recent_shown)
        self.menu.do_not_disturb_toggled.connect(self.set_do_not_disturb)
        self.menu.click_to_call_only_toggled.connect(self.set_click_to_call_only)
        self.menu.quit_requested.connect(self.quit_requested.emit)
        self.tray.dial_requested.connect(lambda: self.open_dialbox())
        self.tray.history_requested.connect(lambda: self.open_history())
        self.tray.quit_requested.connect(self.quit_requested.emit)

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
            self.windows.open_first_run()

    async def start_integration(self) -> None:
        """Notifications, ring sound, global dial shortcut and the health poll (after the tray is up)."""
        from app.ui.alerts import CallAlerts

        self.alerts = CallAlerts(self.runtime, self.stack, self.tray.icon, self.tray.show_message, self)
        self.alerts.open_call.connect(self.windows.open_call)
        self._unsubscribe.append(self.runtime.hub.subscribe(self.alerts.on_update))  # after the cards'
        await self.alerts.start()
        # The tray's own messages go the way missed calls go: to the notification centre while it answers
        # (it escapes text for daemons that parse markup), else the balloon or the window's banner.
        self.tray.use_notifications(self.alerts.notifier)
        self.hotkeys.apply()
        self.health.start()
        self.refresh_state()

    async def stop_integration(self) -> None:
        self.health.stop()
        self.hotkeys.release()
        if self.alerts is not None:
            await self.alerts.close()

    def close(self) -> None:
        self.health.stop()
        self.hotkeys.release()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        bridge().detach()
        self.stack.close_all()
        self.windows.close_all()
        self.dialing.close()
        if self.tray.window is not None:
            self.tray.window.quitting = True
            self.tray.window.close()
        self.tray.hide()

    def refresh_state(self) -> None:
        """The tray's state and its reasons (see :mod:`app.ui.health`)."""
        health = self.health.assess(self.dialing.problems)
        self.tray.set_state(health.state, health.detail)

    def settings_changed(self) -> None:
        """The settings dialog closed: cards, ring, shortcut and health poll follow what it saved."""
        self.stack.settings_changed()
        if self.alerts is not None:  # before start_integration these start with the settings anyway
            self.alerts.settings_changed()
            self.hotkeys.apply()
            self.health.start()
        self.refresh_state()

    # --- calls --------------------------------------------------------------------------------------------
    def _on_update(self, update: CallUpdate) -> None:
        call = update.call
        if (
            update.change is Change.ENDED
            and call is not None
            and call.status is CallStatus.MISSED
            and wants_card(call, self.stack.me)
        ):
            self.unseen[(call.account, call.call_id)] = None
            self._badge_changed()
            if self.alerts is not None:
                self.alerts.missed(call)

    # --- the missed-calls badge ------------------------------------------------------------------------------
    @property
    def missed(self) -> int:
        """How many missed calls the agent has not seen yet (the tray's badge)."""
        return len(self.unseen)

    def mark_seen(self, calls: list[tuple[str, str]]) -> None:
        """The agent looked at these calls: those among the unseen missed ones leave the badge."""
        before = len(self.unseen)
        for key in calls:
            self.unseen.pop((key[0], key[1]), None)
        if len(self.unseen) != before:
            self._badge_changed()

    def mark_all_seen(self) -> None:
        """ "Mark missed calls as seen": the badge goes."""
        if self.unseen:
            self.unseen.clear()
            self._badge_changed()

    def _recent_shown(self) -> None:
        """The tray's recent calls were listed: the missed calls among them are seen."""
        self.mark_seen([(row.account, row.call_id) for row in self.runtime.history.recent(RECENT_IN_MENU)])

    def _badge_changed(self) -> None:
        self.tray.set_missed(self.missed)
        self.windows.set_unseen(self.missed)

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

    # --- the modes (from the tray menu) -------------------------------------------------------------------
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
            bridge().error(
                QCoreApplication.translate("Shell", "Could not save the settings: %1").replace("%1", str(exc))
            )
        self.stack.settings_changed()

    # --- the parts' actions, as the app and the tests reach them -------------------------------------------
    def dial(self, number: str, account: str = "", caller_id: str = "") -> asyncio.Task[None]:
        return self.dialing.dial(number, account, caller_id)

    def dial_text(self, text: str) -> None:
        self.dialing.dial_text(text)

    def open_dialbox(self, number: str = "") -> DialBox:
        return self.dialing.open_dialbox(number)

    def open_history(self, number: str = "") -> None:
        self.windows.open_history(number)

    @property
    def dialbox(self) -> DialBox | None:
        return self.dialing.dialbox

    @property
    def hotkey(self) -> GlobalDialShortcut | None:
        return self.hotkeys.shortcut

    @property
    def first_run(self) -> FirstRunDialog | None:
        return self.windows.first_run

    def _populate_menu(self, menu: QMenu) -> None:
        self.menu.populate(menu)
        if self.unseen:  # after the header: the one way to clear the badge without opening anything
            text = QCoreApplication.translate("Shell", "Mark %n missed call(s) as seen", "", self.missed)
            action = QAction(text, menu)
            action.setObjectName("markSeen")
            action.triggered.connect(lambda _checked=False: self.mark_all_seen())
            actions = menu.actions()
            if len(actions) > 2:
                menu.insertAction(actions[2], action)
            else:
                menu.addAction(action)

    def _headline(self) -> str:
        return self.tray.tooltip().splitlines()[0]
