""" "Join your team's hub": paste the invite link an administrator sent, and this desktop is a member.

Why a link and not a form: an agent should not have to know what a hub address, a login or a token is.
``ringdesk users add`` prints one link holding all three; pasting it is the whole set-up. The token goes to
the keyring (:meth:`app.services.settings_apply.SettingsService.join_hub`), never to ``config.toml``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from app.core.errors import Problem
from app.ui import plain, theme
from app.ui.naming import named
from app.ui.problems import problem_text

if TYPE_CHECKING:
    from app.runtime import Runtime


class JoinHubDialog(QDialog):
    """Paste the invite link; :attr:`joined` is emitted once the hub account is saved."""

    joined = Signal()

    def __init__(
        self, runtime: Runtime, parent: QWidget | None = None, *, on_joined: Callable[[], None] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("joinHub")
        self.setWindowTitle(self.tr("Join your team's hub"))
        self.runtime = runtime
        self._on_joined = on_joined
        intro = plain.label(
            self.tr(
                "Paste the invite link your administrator sent you. It looks like "
                "https://hub.example.com/join#rd1.… and is meant for you alone."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.link = named(QLineEdit(self), "inviteLink")
        self.link.setPlaceholderText("https://hub.example.com/join#rd1.…")
        self.link.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)  # a token: not left on screen
        clipboard = QGuiApplication.clipboard().text().strip() if QGuiApplication.instance() else ""
        if "/join#rd1." in clipboard:
            self.link.setText(clipboard)
        self.problem = named(plain.label("", self), "joinProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(theme.error_style(theme.colors(self)))
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.join_button = self.buttons.addButton(self.tr("Join"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.join_button.setObjectName("joinButton")
        self.buttons.accepted.connect(self.join)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.link)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def join(self) -> bool:
        """Save the hub account from the pasted link; a refusal is shown and nothing changes."""
        try:
            self.runtime.settings.join_hub(self.link.text())
        except Problem as problem:
            self.problem.setText(problem_text(problem))
            self.problem.show()
            return False
        self.joined.emit()
        if self._on_joined is not None:
            self._on_joined()
        self.accept()
        return True
