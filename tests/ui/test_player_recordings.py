"""The player with the recordings service: a recording fetched over HTTP from the sandbox plays from the
history window, and a recording still downloading plays from its partial file and goes on to the end."""

from __future__ import annotations

import asyncio
import math
import shutil
import struct
import wave
from pathlib import Path

import pytest

from app.core.models import Recording
from app.runtime import Runtime
from app.sandbox import Sandbox, SandboxConfig
from app.services.outbound import OutboundServices
from app.services.recordings import RecordingFetch
from app.store.recordings import RecordingStore
from app.ui.history.window import HistoryWindow
from app.ui.player import RecordingPlayer
from tests.ui.recordingkit import recorded_call

# no_qt_log: QMediaPlayer's FFmpeg thread logs ("No audio device detected") while stop() holds the GIL;
# pytest-qt's Python message handler then needs the GIL too and the test hangs or crashes.
pytestmark = pytest.mark.no_qt_log


async def until(condition, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out (is QtMultimedia working here?)"
        await asyncio.sleep(0.02)


async def test_history_plays_a_recording_fetched_from_the_sandbox(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async with Sandbox(SandboxConfig(seed=9, time_scale=0.001, prefill_calls=0)) as sandbox:
        call_id = await sandbox.place_call(
            provider="cloudpbx", direction="in", number="+48 601 234 567", agent="andy", outcome="answered", talk=20
        )
        await sandbox.wait_idle(10)
        recorded = recorded_call(sandbox.urls()["base"], tmp_path / "cache", call_id, duration_s=20)
        context = recorded.context
        await recorded.service.aclose()
        await recorded.client.aclose()
        runtime = Runtime(context)
        runtime.outbound = OutboundServices(context, runtime.tracker)  # as started, without the syncs
        window = HistoryWindow(runtime)
        qtbot.addWidget(window)
        window.show()
        assert window.current_row() is not None and window.current_row().call_id == call_id  # type: ignore[union-attr]
        assert window.player.play_button.isEnabled()  # offered, not fetched: nothing downloaded yet
        assert not context.paths.recordings_dir.exists() or not any(context.paths.recordings_dir.iterdir())

        window.player.toggle()  # Space or ▶
        await until(lambda: window.player.position_ms > 300)
        assert window.player.duration_ms == pytest.approx(20_000, abs=100)
        cached = RecordingStore(context.db).get("demo", call_id)
        assert cached is not None and Path(cached.path).is_file()  # kept for the next time
        window.player.pause()
        await runtime.outbound.stop()


def write_wav(path: Path, seconds: int) -> bytes:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"".join(struct.pack("<h", int(5000 * math.sin(i / 7))) for i in range(8000 * seconds)))
    return path.read_bytes()


async def test_a_recording_plays_while_it_downloads_and_goes_on_to_the_end(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = write_wav(tmp_path / "whole.wav", 4)
    partial = tmp_path / "rec.part"
    partial.write_bytes(data[: len(data) // 5])  # the first 0.8 s arrived
    loop = asyncio.get_running_loop()
    fetch = RecordingFetch("demo", "C1", partial, loop.create_future(), received=len(data) // 5, total=len(data))
    fetch.ready.set()
    player = RecordingPlayer()
    qtbot.addWidget(player)
    player.follow(fetch, autoplay=True)
    await until(lambda: player.is_playing and player.position_ms > 100)
    assert "Downloading" in player.status.text() and not player.save_button.isEnabled()

    await until(lambda: player.position_ms > 900 or player.follower.caught_up, 5.0)  # caught up with the download
    final = tmp_path / "final.wav"
    shutil.copyfile(tmp_path / "whole.wav", final)
    partial.unlink()
    fetch.done.set_result(Recording("demo", "C1", "", "audio/wav", len(data), "", str(final)))
    await until(lambda: player.source_file == final and player.position_ms > 1500)
    assert player.save_button.isEnabled() and player.duration_ms == pytest.approx(4000, abs=100)
