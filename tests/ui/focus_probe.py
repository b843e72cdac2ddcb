"""Run under a real X display (Xvfb + xcb): does a ringing card leave keyboard focus where it was?

The offscreen platform activates every window it shows, whatever its flags, so focus can only be
checked on a real windowing system. Prints one JSON line: what had focus before and after the card.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from app.core.models import EventKind
from app.ui.cards.stack import CardStack
from tests.ui.cardkit import event, open_runtime


def main() -> int:
    app = QApplication(sys.argv)
    runtime = open_runtime()
    tracker = runtime.tracker
    stack = CardStack(runtime)
    runtime.hub.subscribe(stack.on_update)
    editor = QLineEdit()
    editor.setObjectName("editor")
    editor.show()
    editor.activateWindow()
    editor.setFocus()
    result: dict[str, object] = {}

    def ring() -> None:
        result["before"] = _name(app.focusWidget())
        tracker.record(event("c1", EventKind.RINGING))
        card = stack.cards[("office", "c1")]
        card.first_painted.connect(lambda: QTimer.singleShot(300, finish))

    def finish() -> None:
        card = stack.cards[("office", "c1")]
        editor.insert("typed")  # the agent keeps typing
        result.update(
            after=_name(app.focusWidget()),
            active=_name(app.activeWindow()),
            card_visible=card.isVisible(),
            text=editor.text(),
            platform=app.platformName(),
        )
        app.quit()

    QTimer.singleShot(300, ring)
    QTimer.singleShot(10_000, app.quit)
    app.exec()
    print(json.dumps(result))
    stack.close_all()
    runtime.context.close()
    return 0


def _name(widget: object) -> str:
    return getattr(widget, "objectName", lambda: "")() or type(widget).__name__ if widget is not None else ""


if __name__ == "__main__":
    sys.exit(main())
