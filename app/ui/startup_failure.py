"""A start that cannot go on says why in a window, not only on a terminal nobody sees.

Why: the desktop app is started from a menu or at login; a store it cannot open (another program holding
it locked, a damaged one still in use elsewhere) used to end the start with one line on stderr. The agent
saw the tray never appear. Now a plain-text error box says what happened and what to do; the command line
still prints the same sentence and exits with code 2 once the box is closed.

The box is shown without ``exec()`` (a nested event loop would stall the asyncio tasks: pitfalls), and
awaited through a future the box's ``finished`` signal resolves.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.core.errors import Problem
from app.ui.naming import named
from app.ui.problems import problem_text


async def tell_and_wait(problem: Problem) -> None:
    """Show ``problem`` in an error box and return when the user has closed it."""
    box = named(QMessageBox(QMessageBox.Icon.Critical, "Ringdesk", problem_text(problem)), "startupFailure")
    box.setTextFormat(Qt.TextFormat.PlainText)  # the sentence quotes paths and provider text
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_finished(_result: int) -> None:
        if not closed.done():
            closed.set_result(None)

    box.finished.connect(on_finished)
    box.show()
    box.raise_()
    await closed
