"""The first-run screen: shown when no account exists, with the three ways forward.

Why these three: an agent in a call centre joins the team's hub (paste the invite link: done); a
one-person office connects its own provider account on this computer (then the accounts page, already
open on "add account", is the next step); anyone else wants to see what Ringdesk does (the demo: the whole
app against the built-in sandbox, in a folder of its own, calls arriving every few seconds). Anything more
is a wizard nobody reads.

The demo starts as its own process (``ringdesk demo``: its own data folder and its own single-instance
name), so this Ringdesk — still without an account — keeps running in the tray untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QProcess, QSize, Qt, Signal
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QLabel, QVBoxLayout, QWidget

from app.ui import icons, theme
from app.ui.naming import named

if TYPE_CHECKING:
    from app.runtime import Runtime


def start_demo_process() -> bool:
    """Start ``ringdesk demo`` detached; False if it could not be started."""
    from app.desktop.launcher import launcher_command

    program, *arguments = launcher_command()
    started, _pid = QProcess.startDetached(program, [*arguments, "demo"])
    return bool(started)


WIDTH = 520


class FirstRunDialog(QDialog):
    """ "Connect a provider" (the settings on the accounts page) or "start the demo"."""

    settings_opened = Signal(object)  # the SettingsDialog that was opened
    demo_started = Signal()
    hub_joined = Signal()

    def __init__(
        self,
        runtime: Runtime,
        parent: QWidget | None = None,
        *,
        launch_demo: Callable[[], bool] = start_demo_process,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRun")
        self.setWindowTitle(self.tr("Welcome to Ringdesk"))
        self.setWindowIcon(icons.app_icon())
        self.context = runtime.context
        self.runtime = runtime
        self._launch_demo = launch_demo
        self.settings_dialog: Any = None
        colors = theme.colors(self)

        logo = QLabel(self)
        logo.setPixmap(icons.pixmap("app", 56))
        logo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        title = named(QLabel(self.tr("Welcome to Ringdesk"), self), "firstRunTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "Incoming-call cards, click-to-call and your call history with recordings, "
                "beside your softphone. Nothing is set up yet."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        self.join_button = named(
            QCommandLinkButton(
                self.tr("Join your team's hub"),
                self.tr("Your call centre runs Ringdesk for everyone: paste the invite link you were sent."),
                self,
            ),
            "joinHub",
        )
        self.join_button.setIcon(icons.icon("call", colors.accent, 32))
        self.join_button.setIconSize(QSize(32, 32))
        self.connect_button = named(
            QCommandLinkButton(
                self.tr("Connect a provider account on this computer"),
                self.tr(
                    "For a one-person office: Cloud PBX (MegaFon, Gravitel, …), TeleDiscount or TeleCube, "
                    "with your account and keys."
                ),
                self,
            ),
            "connectProvider",
        )
        self.connect_button.setIcon(icons.icon("call", colors.icon, 32))
        self.connect_button.setIconSize(QSize(32, 32))
        self.demo_button = named(
            QCommandLinkButton(
                self.tr("Start the demo"),
                self.tr(
                    "See cards, history and recordings at once, with simulated calls. Nothing leaves this computer."
                ),
                self,
            ),
            "startDemo",
        )
        self.demo_button.setIcon(icons.icon("history", colors.success, 32))
        self.demo_button.setIconSize(QSize(32, 32))
        self.join_button.clicked.connect(self.join_hub)
        self.connect_button.clicked.connect(self.connect_provider)
        self.demo_button.clicked.connect(self.start_demo)
        self.problem = named(QLabel(self), "firstRunProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(theme.error_style(colors))
        self.problem.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(10)
        layout.addWidget(logo)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(self.join_button)
        layout.addWidget(self.connect_button)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.problem)
        self.setFixedWidth(WIDTH)
        inner = WIDTH - layout.contentsMargins().left() - layout.contentsMargins().right()
        for button in (self.join_button, self.connect_button, self.demo_button):
            # A command link's own size hint wraps its description for a narrower width than it gets,
            # which cut the second line off (worse in Polish and Russian): ask for the real width's height.
            button.setMinimumHeight(button.heightForWidth(inner))

    def join_hub(self) -> None:
        """Ask for the invite link; once joined, step aside (the app connects to the hub)."""
        from app.ui.join import JoinHubDialog

        self.join_dialog = JoinHubDialog(self.runtime, self)
        self.join_dialog.joined.connect(self._joined)
        self.join_dialog.open()  # non-modal for the event loop: no nested loop under qasync

    def _joined(self) -> None:
        self.hub_joined.emit()
        self.accept()

    def connect_provider(self) -> None:
        """Open the settings on the accounts page and step aside."""
        from app.ui.settings.dialog import Page, open_settings

        self.settings_dialog = open_settings(self.runtime, Page.ACCOUNTS)
        self.settings_opened.emit(self.settings_dialog)
        self.accept()

    def start_demo(self) -> None:
        if not self._launch_demo():
            self.problem.setText(
                self.tr("The demo could not be started. Run “ringdesk demo” from a terminal to see why.")
            )
            self.problem.show()
            return
        self.demo_started.emit()
        self.accept()
