"""The missed-call notifier and the ring sound, as the desktop app uses them (qasync loop, offscreen Qt)."""

from __future__ import annotations

import asyncio
import json
import struct
import wave
from pathlib import Path

import pytest

# Qt Multimedia's loading chatter on a machine with no sound stack (no VA-API, PipeWire, PulseAudio).
# no_qt_log: QMediaPlayer's FFmpeg thread logs ("No audio device detected") while stop() holds the GIL;
# pytest-qt's Python message handler then needs the GIL too and the test hangs or crashes.
pytestmark = [pytest.mark.no_qt_log, pytest.mark.qasync]


async def test_missed_call_goes_to_the_notification_centre_and_a_click_opens_it(notification_daemon: Path) -> None:
    from app.ui.notify import MissedCallNotifier

    notifier = MissedCallNotifier()
    opened: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    notifier.open_call.connect(lambda call_id: opened.done() or opened.set_result(call_id))
    await notifier.start()
    try:
        assert notifier.native
        await notifier.missed("office:B10D0EB1", "+48 777 888 999", "Anna Nowak")
        assert await asyncio.wait_for(opened, 10) == "office:B10D0EB1"
    finally:
        await notifier.close()
    sent = json.loads(notification_daemon.read_text().splitlines()[0])
    assert sent["summary"] == "Missed call" and sent["body"] == "Anna Nowak · +48 777 888 999"


async def test_without_a_notification_daemon_the_tray_balloon_is_used(
    session_bus: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QSystemTrayIcon

    from app.ui.notify import MissedCallNotifier

    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    shown: list[tuple[str, str]] = []
    tray = QSystemTrayIcon()
    monkeypatch.setattr(tray, "showMessage", lambda title, body, *rest: shown.append((title, body)))
    notifier = MissedCallNotifier(tray)
    opened: list[str] = []
    notifier.open_call.connect(opened.append)
    await notifier.start()

    assert not notifier.native
    await notifier.missed("office:C1", "+48 777 888 999")
    assert shown == [("Missed call", "+48 777 888 999")]
    tray.messageClicked.emit()
    assert opened == ["office:C1"]


PLAY_TIMEOUT_S = 15  # QtMultimedia can fail silently without some system libraries: never wait for ever


def write_ring(path: Path) -> Path:
    with wave.open(str(path), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"".join(struct.pack("<h", (i % 40 - 20) * 800) for i in range(8000)))
    return path


async def test_the_ring_plays_until_stopped_even_without_a_sound_card(tmp_path: Path) -> None:
    from app.ui.notify import RingPlayer, audio_report

    player = RingPlayer(write_ring(tmp_path / "ring.wav"), device_id="no-such-device")
    states: asyncio.Queue[bool] = asyncio.Queue()
    player.playing_changed.connect(states.put_nowait)
    player.play()
    assert await asyncio.wait_for(states.get(), PLAY_TIMEOUT_S) is True
    player.stop()
    assert await asyncio.wait_for(states.get(), PLAY_TIMEOUT_S) is False
    assert not player.playing
    assert audio_report().backend  # the FFmpeg backend ships with the wheels
