"""The recording player's status line quotes providers and Qt Multimedia: it shows their words as written.

Why it matters: the line under the controls says why a recording cannot be fetched or played, and that
sentence carries the provider's own words (an error body) or FFmpeg's (a file name, a URL). In a label left
to guess its format, "<b>403</b>" showed in bold and "<a href=x>retry</a>" became a link.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from PySide6.QtCore import Qt

from app.ui.player import RecordingPlayer, offer_call_recording
from tests.kit import until
from tests.ui.plainkit import seen
from tests.ui.recordingkit import recorded_call

# no_qt_log: QMediaPlayer's FFmpeg thread logs while stop() holds the GIL (tests/ui/test_player_download.py).
pytestmark = pytest.mark.no_qt_log

SAID = "<b>403</b> Forbidden & <a href=x>retry</a>"


def status_seen(player: RecordingPlayer) -> str:
    return seen(player.status.text(), player.status.textFormat())


def test_a_failure_text_with_markup_shows_as_written(qtbot) -> None:  # type: ignore[no-untyped-def]
    player = RecordingPlayer()
    qtbot.addWidget(player)
    text = f"Cannot play this recording: {SAID}"
    player.show_message(text)
    assert status_seen(player) == text
    assert player.status.textFormat() is Qt.TextFormat.PlainText


@pytest.fixture
async def refusing() -> AsyncIterator[str]:
    """A provider that refuses every recording with its own words in the JSON error body."""

    async def refuse(_request: web.Request) -> web.Response:
        return web.Response(status=403, text=json.dumps({"error": SAID}), content_type="application/json")

    app = web.Application()
    app.router.add_get("/records/{name}", refuse)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    yield f"http://{host}:{port}"
    await runner.cleanup()


async def test_a_providers_refusal_quoted_in_the_player_shows_as_written(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, refusing: str
) -> None:
    recorded = recorded_call(refusing, tmp_path / "cache", "C-refused", duration_s=10)
    player = RecordingPlayer()
    qtbot.addWidget(player)
    offer_call_recording(player, recorded.service, "demo", "C-refused", recorded.url)
    player.toggle()  # ▶: the download starts and is refused
    await until(lambda: "403" in player.status.text(), "the refusal in the player")
    shown = status_seen(player)
    assert f"“{SAID}”" in shown, shown  # the provider's words, as it wrote them
    assert shown == player.status.text()
    await recorded.service.aclose()
    await recorded.client.aclose()
    recorded.context.close()
