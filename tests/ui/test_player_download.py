"""▶ on a recording that is not downloaded yet: playback starts when the first bytes land, goes on from the
final file at the same place, and a download that breaks is said in the player.

Real HTTP on 127.0.0.1: an aiohttp server holds the recording until the test releases it, so "before the
first byte" and "while it downloads" are states the test controls, not timings it hopes for. Every wait is
on a condition with a time-out (QtMultimedia can fail silently, docs/pitfalls §5).
"""

from __future__ import annotations

import asyncio
import math
import os
import struct
import wave
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
import shiboken6
from aiohttp import web
from PySide6.QtCore import QUrl

from app.core.models import Recording
from app.providers.base import ProviderClient
from app.services.recordings import RecordingFetch, RecordingService
from app.ui.player import RecordingPlayer, offer_call_recording
from tests.ui.recordingkit import recorded_call

# no_qt_log: QMediaPlayer's FFmpeg thread logs while stop() holds the GIL; pytest-qt's Python message
# handler then needs the GIL too and the test hangs or crashes.
pytestmark = pytest.mark.no_qt_log
TIMEOUT_S = 15.0
CALL_ID = "C-held-1"


async def until(condition: Callable[[], bool], timeout: float = TIMEOUT_S) -> None:
    """Poll ``condition`` on the running (qasync) loop; never a nested Qt loop inside a task."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out (is QtMultimedia working here?)"
        await asyncio.sleep(0.02)


def wav_bytes(path: Path, seconds: int) -> bytes:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)  # 16 kB a second: the service's first 64 KiB chunk is about 4 s
        out.writeframes(b"".join(struct.pack("<h", int(5000 * math.sin(i / 7))) for i in range(8000 * seconds)))
    return path.read_bytes()


class HeldRecording:
    """Serves one WAV in two parts, each only when the test says so; ``break_after_first`` drops the link."""

    def __init__(self, data: bytes, first: int) -> None:
        self.data, self.first = data, first
        self.requested = asyncio.Event()
        self.send_first = asyncio.Event()
        self.send_rest = asyncio.Event()
        self.break_after_first = False

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.requested.set()
        await self.send_first.wait()
        response = web.StreamResponse(headers={"Content-Type": "audio/wav"})
        response.content_length = len(self.data)
        await response.prepare(request)
        await response.write(self.data[: self.first])
        await self.send_rest.wait()
        if self.break_after_first:
            assert request.transport is not None
            request.transport.close()  # fewer bytes than announced: the client sees a broken download
            return response
        await response.write(self.data[self.first :])
        await response.write_eof()
        return response


@pytest.fixture
async def held(tmp_path: Path) -> AsyncIterator[tuple[HeldRecording, str]]:
    server = HeldRecording(wav_bytes(tmp_path / "source.wav", 10), first=96 * 1024)
    app = web.Application()
    app.router.add_get("/records/{name}", server.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    yield server, f"http://{host}:{port}"
    server.send_first.set()
    server.send_rest.set()
    await runner.cleanup()


def recordings_for(base: str, cache: Path) -> tuple[RecordingService, ProviderClient, str]:
    """A recordings service whose only account's call has its recording at ``base``."""
    recorded = recorded_call(base, cache, CALL_ID, duration_s=10)
    return recorded.service, recorded.client, recorded.url


async def test_play_pressed_before_the_first_byte_starts_when_data_arrives(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, held: tuple[HeldRecording, str]
) -> None:
    server, base = held
    service, client, url = recordings_for(base, tmp_path / "cache")
    player = RecordingPlayer()
    qtbot.addWidget(player)
    offer_call_recording(player, service, "demo", CALL_ID, url)

    player.toggle()  # ▶, with nothing downloaded
    await asyncio.wait_for(server.requested.wait(), TIMEOUT_S)
    fetch = service.fetch("demo", CALL_ID)  # joins the download ▶ started
    assert fetch.received == 0 and not fetch.partial_path.exists()
    assert player.session.wants_play and not player.is_playing
    assert player.session.source.isEmpty()  # never pointed at a file that is not there
    assert player.status.text() == "Fetching the recording…"

    server.send_first.set()
    await until(lambda: player.is_playing and player.position_ms > 300)
    assert not fetch.done.done() and player.source_file == fetch.partial_path  # playing the partial file
    assert "Downloading" in player.status.text() and not player.save_button.isEnabled()

    at_release = player.position_ms
    server.send_rest.set()
    final = Path((await asyncio.wait_for(asyncio.shield(fetch.done), TIMEOUT_S)).path)
    await until(lambda: player.session.source == QUrl.fromLocalFile(str(final)) and player.position_ms > 0)
    assert player.position_ms >= at_release  # went on from where it was, not from the start
    await until(lambda: player.is_playing and player.position_ms > at_release + 200)
    assert player.source_file == final and player.save_button.isEnabled()
    assert player.duration_ms == pytest.approx(10_000, abs=100)
    player.pause()
    await service.aclose()
    await client.aclose()


async def test_a_broken_download_is_said_in_the_player(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, held: tuple[HeldRecording, str]
) -> None:
    server, base = held
    server.break_after_first = True
    service, client, url = recordings_for(base, tmp_path / "cache")
    player = RecordingPlayer()
    qtbot.addWidget(player)
    offer_call_recording(player, service, "demo", CALL_ID, url)
    player.toggle()
    server.send_first.set()
    await until(lambda: player.is_playing)
    fetch = service.fetch("demo", CALL_ID)
    server.send_rest.set()
    await asyncio.wait({fetch.done}, timeout=TIMEOUT_S)
    assert fetch.done.done() and fetch.done.exception() is not None  # resolved, not left pending
    await until(lambda: player.status.text() == "The recording could not be fetched.")
    await until(lambda: not player.is_playing)
    assert not player.play_button.isEnabled() and player.source_file is None
    await service.aclose()
    await client.aclose()


async def test_a_partial_file_renamed_before_the_player_opens_it_still_plays(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    """The race behind the old flaky history test, made certain: the player is told about the partial file,
    and before its queued load runs the download completes and renames the file away."""
    data = wav_bytes(tmp_path / "whole.wav", 3)
    partial = tmp_path / "rec.part"
    partial.write_bytes(data[: len(data) // 2])
    fetch = RecordingFetch(
        "demo", "C1", partial, asyncio.get_running_loop().create_future(), received=len(data) // 2, total=len(data)
    )
    player = RecordingPlayer()
    qtbot.addWidget(player)
    player.follow(fetch, autoplay=True)  # the partial file is loaded on the next turn of the event loop …
    assert player.session.source == QUrl.fromLocalFile(str(partial))
    final = tmp_path / "final.wav"
    partial.write_bytes(data)
    os.replace(partial, final)  # … but by then the download has completed, as RecordingService does it
    fetch.received = len(data)
    fetch.done.set_result(Recording("demo", "C1", "", "audio/wav", len(data), "", str(final)))
    await until(lambda: player.is_playing and player.position_ms > 300)
    assert player.source_file == final and player.session.source == QUrl.fromLocalFile(str(final))
    player.pause()


async def test_a_player_deleted_while_downloading_ignores_the_rest(tmp_path: Path) -> None:
    """A details dialog closed mid-download: the fetch goes on and must not call into deleted Qt objects."""
    loop = asyncio.get_running_loop()
    errors: list[dict[str, object]] = []
    loop.set_exception_handler(lambda _loop, context: errors.append(context))
    data = wav_bytes(tmp_path / "whole.wav", 1)
    partial = tmp_path / "rec.part"
    fetch = RecordingFetch("demo", "C1", partial, loop.create_future())
    player = RecordingPlayer()
    player.follow(fetch, autoplay=True)
    shiboken6.delete(player)
    partial.write_bytes(data)
    fetch.received = len(data)
    fetch.changed()  # the first bytes: would load the partial file into a deleted session
    fetch.done.set_result(Recording("demo", "C1", "", "audio/wav", len(data), "", str(partial)))
    await asyncio.sleep(0)  # done callbacks run on the next turn of the loop
    await asyncio.sleep(0)
    loop.set_exception_handler(None)
    assert errors == []
