"""The desktop app's entry: one QApplication, one asyncio loop inside Qt's (qasync), one instance.

Why this shape (pitfalls §1, 2, 4, 7, 9): the receiver, sync and dialer are asyncio code and the widgets are
Qt; qasync runs both on one thread, so a webhook's handler can show a card directly. Start-up order:
single-instance check first (a second start only forwards its link and exits, before any heavy work),
then the loop; servers start inside :func:`main`, never before. Quitting goes through an
:class:`asyncio.Event` (set by the tray's Quit and by ``aboutToQuit``), so :func:`main` returns normally
after closing everything — calling ``app.quit()`` under a pending coroutine would abort the loop.

macOS hands a clicked ``tel:`` link to the running app as a ``QEvent.FileOpen`` on the application object
(never on the command line): :class:`LinkOpener` passes it to the shell like a link forwarded by a second
instance. Only there is it installed — an application-wide event filter sees every event of every widget,
a cost the other platforms need not pay.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from app.core.errors import Problem
from app.demo import Demo, DemoOptions, demo_context
from app.desktop.session_bus import forbid_autolaunch
from app.services.context import Context
from app.ui import i18n, tasks, theme
from app.ui.messages import bridge, install_excepthook
from app.ui.quit_signals import QuitSignals
from app.ui.shell import Shell
from app.ui.single_instance import SHOW, InstanceServer, forward
from app.ui.startup_failure import tell_and_wait

if TYPE_CHECKING:
    from app.runtime import Runtime

log = logging.getLogger(__name__)


class DesktopSession:
    """The running app without its event loop: runtime + (demo) + shell. Tests drive it in-process."""

    def __init__(
        self,
        context: Context,
        *,
        demo: DemoOptions | None = None,
        use_tray: bool | None = None,
        instance: InstanceServer | None = None,
    ) -> None:
        self.context = context
        self.demo = Demo(demo) if demo is not None else None
        self.use_tray = use_tray
        self.instance = instance
        self.runtime: Runtime | None = None
        self.shell: Shell | None = None
        self.link_opener: LinkOpener | None = None

    async def start(self) -> Shell:
        """Start the receiver (and the demo's sandbox), then show the tray. Problems become messages."""
        from app.runtime import Runtime

        QApplication.setQuitOnLastWindowClosed(False)  # closing a card or the history never quits a tray app
        if self.demo is not None and self.demo.options.team:
            await self.demo.prepare_team(self.context)
        elif self.demo is not None:
            await self.demo.prepare(self.context)
        runtime = self.runtime = Runtime(self.context)
        # The tray first (the agent sees Ringdesk is there at once), then the receiver and the services.
        self.shell = Shell(self.context, runtime, use_tray=self.use_tray)
        if self.instance is not None:
            self.instance.message_received.connect(self.shell.on_instance_message)
        if sys.platform == "darwin":
            self.link_opener = LinkOpener.install(self.shell.on_instance_message)
        self.shell.start()
        for notice in self.context.notices():  # a damaged store set aside and salvaged at this start
            bridge().problem(notice, "Ringdesk")
        if os.environ.get("RINGDESK_BENCH_READY"):  # bench/startup.py measures start-up to the tray
            print("ready", flush=True)
        try:
            await runtime.start()
        except Problem as problem:
            bridge().problem(problem, "Ringdesk")
        except OSError as exc:  # the port is taken: the app still dials and shows history
            bridge().error(
                QCoreApplication.translate("DesktopSession", "The webhook receiver could not start: %1").replace(
                    "%1", str(exc)
                ),
                "Ringdesk",
            )
        await self.shell.start_integration()
        if self.demo is not None:
            self.demo.connect(runtime.webhook_urls())
            self.demo.start_calls()
        return self.shell

    async def stop(self) -> None:
        if self.link_opener is not None:
            self.link_opener.remove()
        if self.shell is not None:
            await self.shell.stop_integration()
            self.shell.close()
        await tasks.drain()
        if self.demo is not None:
            await self.demo.stop()
        if self.runtime is not None:
            await self.runtime.stop()
        if self.instance is not None:
            self.instance.close()


class LinkOpener(QObject):
    """Passes links the OS opens with Ringdesk (``QEvent.FileOpen``: macOS) to ``handle`` as text."""

    def __init__(self, handle: Callable[[str], None]) -> None:
        super().__init__()
        self.handle = handle

    @classmethod
    def install(cls, handle: Callable[[str], None]) -> LinkOpener:
        opener = cls(handle)
        _application().installEventFilter(opener)
        return opener

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            url = event.url()
            self.handle(url.toString() if url.isValid() and not url.isEmpty() else event.file())
            return True
        return super().eventFilter(watched, event)


async def main(session: DesktopSession) -> int:
    """Run ``session`` until the user quits (tray/window Quit, or the desktop session ending)."""
    app = _application()
    quit_event = asyncio.Event()
    app.aboutToQuit.connect(quit_event.set)
    signals = QuitSignals() if threading.current_thread() is threading.main_thread() else None
    if signals is not None:  # Ctrl+C and SIGTERM quit like the tray's Quit
        signals.quit_requested.connect(lambda _number: quit_event.set())
    try:
        shell = await session.start()
    except Problem as problem:  # the store cannot be opened: say so in a window, then end as the CLI does
        await tell_and_wait(problem)
        await session.stop()
        if signals is not None:
            signals.close()
        raise
    shell.quit_requested.connect(quit_event.set)
    try:
        await quit_event.wait()
    finally:
        await session.stop()
        if signals is not None:
            signals.close()
    return 0


def run(
    home: str | Path | None = None,
    *,
    demo: DemoOptions | None = None,
    message: str = SHOW,
    argv: list[str] | None = None,
) -> int:
    """``ringdesk`` / ``ringdesk demo``: forward to a running instance, or become it and run the app."""
    app = application(argv or sys.argv[:1])
    context = demo_context(Path(home) if home else None) if demo is not None else Context.open(home)
    instance = InstanceServer(context.paths.data_dir)
    if forward(message, data_dir=context.paths.data_dir):
        print("Ringdesk is already running; it has been brought up.")
        return 0
    if not instance.listen():
        if forward(message, timeout_ms=2000, data_dir=context.paths.data_dir):  # it was starting up
            return 0
        print("ringdesk: another Ringdesk is starting or stuck; try again in a moment.", file=sys.stderr)
        return 2
    install_excepthook(context.paths.log_file)
    i18n.install(context.settings.general.language, app)
    return run_loop(main(DesktopSession(context, demo=demo, instance=instance)))


def application(argv: list[str]) -> QCoreApplication:
    """The process's QApplication, made the way every GUI start needs it: no autolaunched D-Bus daemon left
    behind (:mod:`app.desktop.session_bus`), the app's names, and a dark palette on a dark desktop even where the
    platform style ignores it."""
    forbid_autolaunch()  # before Qt loads libdbus
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("Ringdesk")
    app.setOrganizationName("Ringdesk")
    if isinstance(app, QApplication):
        theme.install(app)
    return app


def run_loop(coro: Coroutine[Any, Any, int]) -> int:
    """Run ``coro`` on a qasync loop (3.12+: ``loop_factory``; 3.11: ``qasync.run``)."""
    import qasync

    if sys.version_info >= (3, 12):
        return asyncio.run(coro, loop_factory=qasync.QEventLoop)
    return int(qasync.run(coro) or 0)


def _application() -> QCoreApplication:
    """The running application (the desktop session is only ever built after it)."""
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("no QApplication: create it before the desktop session")
    return app
