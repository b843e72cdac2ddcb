"""Run ``ringdesk demo`` (``app.cli.main``, as ``python -m app demo`` does) and report what an agent would see.

Used by ``tests/ui/test_no_audio_stack.py`` in a subprocess where Qt Multimedia cannot load. The app runs
unchanged; this only watches it: at the first card shown it opens the history for the card's number, reads
the recordings player there, places a call through the demo's Cloud PBX (click-to-call) and prints one
``PROBE {json}`` line; then it quits the way the tray's Quit does. Arguments: those of ``ringdesk``.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout's app, whatever is installed

from app.cli import main
from app.ui import main as desktop

DIALLED = "+48 777 888 999"
_start = desktop.DesktopSession.start


async def _report(session: Any, shell: Any, card: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui import media
    from app.ui.player import RecordingPlayer

    report: dict[str, Any] = {
        "audio_error": media.audio_stack().error,
        "card": {"account": card.call.account, "call_id": card.call.call_id, "visible": card.isVisible()},
    }
    shell.open_history(card.call.phone or "")
    players: list[Any] = []
    for _ in range(500):  # the history window is built on the loop: wait for it, up to ~10 s
        players = [p for w in QApplication.topLevelWidgets() if w.isVisible() for p in w.findChildren(RecordingPlayer)]
        if players:
            break
        await asyncio.sleep(0.02)
    report["players"] = [
        {
            "message": p.status.text(),
            "message_shown": not p.status.isHidden(),
            "controls_shown": p.play_button.isVisible(),
        }
        for p in players
    ]
    await shell.dial(DIALLED, account="demo-pbx")
    sent = session.demo.sandbox.requests.list(path="/sys/crm_api.wcgp")
    report["dialled"] = [r["form"].get("phone") for r in sent if r.get("form", {}).get("cmd") == "makeCall"]
    print("PROBE " + json.dumps(report), flush=True)
    shell.quit_requested.emit()


async def _watched_start(self: Any) -> Any:
    shell = await _start(self)
    reporting: list[asyncio.Task[None]] = []

    def on_card(card: Any) -> None:
        if not reporting:
            reporting.append(asyncio.ensure_future(_report(self, shell, card)))

    shell.stack.card_shown.connect(on_card)
    return shell


desktop.DesktopSession.start = _watched_start  # type: ignore[method-assign]
sys.exit(main(sys.argv[1:]))
