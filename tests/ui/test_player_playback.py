"""The recording player: plays (the position advances), seeks, changes speed, saves — from a sandbox
recording fetched over real HTTP, and from a WAV written with the stdlib."""

from __future__ import annotations

import asyncio
import math
import struct
import wave
from pathlib import Path

import httpx
import pytest
from PySide6.QtMultimedia import QMediaPlayer

from app.sandbox import Sandbox, SandboxConfig
from app.ui.player import RecordingPlayer

# FFmpeg's backend warns once per process about optional libraries (VA-API, PipeWire) and a missing sound
# card: the machine's facts, not our failures (with no audio device playback runs against the clock).
# no_qt_log: QMediaPlayer's FFmpeg thread logs ("No audio device detected") while stop() holds the GIL;
# pytest-qt's Python message handler then needs the GIL too and the test hangs or crashes.
pytestmark = pytest.mark.no_qt_log
PLAY_TIMEOUT_S = 15  # QtMultimedia can fail silently without some system libraries: never wait for ever


def write_wav(path: Path, seconds: int) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(8000)
        wav.writeframes(b"".join(struct.pack("<h", int(6000 * math.sin(i / 9))) for i in range(8000 * seconds)))
    return path


async def wait_for(condition, timeout: float = PLAY_TIMEOUT_S) -> None:  # type: ignore[no-untyped-def]
    """Poll ``condition`` on the running (qasync) loop; never a nested Qt loop inside a task."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("condition not met: is QtMultimedia working here? (docs/pitfalls §5)")
        await asyncio.sleep(0.02)


async def test_plays_a_sandbox_recording(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async with Sandbox(SandboxConfig(seed=3, time_scale=0.001, prefill_calls=0)) as sandbox:
        base = sandbox.urls()["base"]
        call_id = await sandbox.place_call(
            provider="cloudpbx", direction="in", number="+48 777 888 999", outcome="answered", talk=30
        )
        await sandbox.wait_call(call_id, timeout=10)
        async with httpx.AsyncClient(base_url=base.rstrip("/")) as client:
            answer = await client.get(f"/records/{call_id}.wav")
        assert answer.status_code == 200, answer.text
    recording = tmp_path / f"{call_id}.wav"
    recording.write_bytes(answer.content)

    player = RecordingPlayer()
    qtbot.addWidget(player)
    player.set_file(recording, autoplay=True)
    await wait_for(lambda: player.position_ms > 300)
    assert player.is_playing
    assert player.duration_ms == pytest.approx(30_000, abs=100)
    assert player.duration_label.text() == "0:30"

    player.skip(10_000)
    await wait_for(lambda: player.position_ms >= 10_300)
    player.toggle()
    await wait_for(lambda: not player.is_playing)
    paused_at = player.position_ms
    await asyncio.sleep(0.3)
    assert player.position_ms == paused_at  # paused means paused


async def test_speed_seek_limits_and_end(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    player = RecordingPlayer()
    qtbot.addWidget(player)
    player.set_file(write_wav(tmp_path / "short.wav", 2))
    await wait_for(lambda: player.duration_ms > 0)
    player.set_rate(2.0)
    assert player.player.playbackRate() == 2.0 and player.speed.currentText().startswith("2")
    player.set_rate(0.5)  # below the offered range: the slowest offered
    assert player.player.playbackRate() == 0.75
    player.skip(-10_000)
    assert player.position_ms == 0
    player.skip(60_000)
    assert player.seek.value() == player.duration_ms
    player.set_rate(2.0)
    player.player.setPosition(0)
    player.play()
    await wait_for(lambda: player.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia)
    assert not player.is_playing
    player.play()  # play after the end starts again from the beginning
    await wait_for(lambda: player.is_playing and player.position_ms < 1500)


def test_save_as_copies_the_recording_and_reports_failure(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = write_wav(tmp_path / "call.wav", 1)
    player = RecordingPlayer()
    qtbot.addWidget(player)
    player.set_file(source)
    assert player.save_to(tmp_path / "copy")  # the extension is kept when the user types none
    assert (tmp_path / "copy.wav").read_bytes() == source.read_bytes()
    assert not player.save_to(tmp_path / "no-such-dir" / "x.wav")
    assert "Could not save" in player.status.text()


def test_no_recording_disables_the_controls(qtbot) -> None:  # type: ignore[no-untyped-def]
    player = RecordingPlayer()
    qtbot.addWidget(player)
    player.clear("This call has no recording.")
    assert not player.play_button.isEnabled() and not player.save_button.isEnabled()
    assert player.status.text() == "This call has no recording."
    player.toggle()  # harmless
    assert not player.is_playing
