"""Recordings: valid WAV of the call's talk time, distinct per call, Range requests, the 404-first window."""

from __future__ import annotations

import asyncio
import io
import wave

import httpx
import pytest

from app.sandbox import Sandbox
from app.sandbox.audio import RecordingCache, render_wav
from app.sandbox.httputil import parse_range


async def _answered(sandbox: Sandbox, talk: int, provider: str = "cloudpbx") -> str:
    call_id = await sandbox.place_call(
        provider=provider, direction="in", number="48601234567", agent="andy", outcome="answered", talk=talk
    )
    await sandbox.wait_call(call_id, 5)
    return call_id


async def test_recording_is_a_wav_of_the_talk_time(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    call_id = await _answered(sandbox, 37)
    answer = await client.get(f"/records/{call_id}.wav")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "audio/wav"
    assert answer.headers["accept-ranges"] == "bytes"
    with wave.open(io.BytesIO(answer.content)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 8000)
        assert wav.getnframes() / wav.getframerate() == 37
        frames = wav.readframes(wav.getnframes())
    assert len(frames) == 37 * 8000 * 2 and frames.count(0) < len(frames)  # not silence


async def test_recordings_differ_between_calls(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    first, second = await _answered(sandbox, 10), await _answered(sandbox, 10)
    a = (await client.get(f"/records/{first}.wav")).content
    b = (await client.get(f"/records/{second}.wav")).content
    assert len(a) == len(b) and a != b
    assert a == render_wav(first, 10)  # deterministic: made again on demand, not stored


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=1000-", 1000, None),
        ("bytes=-500", None, None),
        ("bytes=44-10000000", 44, None),
    ],
)
async def test_range_requests(
    client: httpx.AsyncClient, sandbox: Sandbox, header: str, first: int | None, last: int | None
) -> None:
    call_id = await _answered(sandbox, 5)
    whole = (await client.get(f"/records/{call_id}.wav")).content
    size = len(whole)
    start = first if first is not None else size - 500
    end = last if last is not None else size - 1
    part = await client.get(f"/records/{call_id}.wav", headers={"Range": header})
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes {start}-{end}/{size}"
    assert part.content == whole[start : end + 1]
    assert int(part.headers["content-length"]) == end - start + 1


async def test_unsatisfiable_and_ignored_ranges(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    call_id = await _answered(sandbox, 2)
    size = len((await client.get(f"/records/{call_id}.wav")).content)
    past = await client.get(f"/records/{call_id}.wav", headers={"Range": f"bytes={size}-"})
    assert past.status_code == 416 and past.headers["content-range"] == f"bytes */{size}"
    multi = await client.get(f"/records/{call_id}.wav", headers={"Range": "bytes=0-1,5-6"})
    assert multi.status_code == 200 and len(multi.content) == size
    head = await client.head(f"/records/{call_id}.wav")
    assert head.status_code == 200 and int(head.headers["content-length"]) == size


async def test_unknown_and_unanswered_calls_have_no_recording(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    missed = await sandbox.place_call(
        provider="cloudpbx", direction="in", number="48601234567", agent="andy", outcome="missed"
    )
    await sandbox.wait_call(missed, 5)
    assert (await client.get(f"/records/{missed}.wav")).status_code == 404
    assert (await client.get("/records/nothing.wav")).status_code == 404


async def test_cloudpbx_link_answers_404_first(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    sandbox.add_fault("records.cloudpbx:not_ready:0.4")
    call_id = await _answered(sandbox, 3)
    assert (await client.get(f"/records/{call_id}.wav")).status_code == 404
    codes = [404]

    async def fetch() -> None:
        codes.append((await client.get(f"/records/{call_id}.wav")).status_code)

    began = asyncio.get_running_loop().time()
    while codes[-1] == 404 and asyncio.get_running_loop().time() - began < 30:
        await asyncio.sleep(0.05)
        await fetch()
    assert codes[-1] == 200, codes  # once the 0.4 s window is over
    # TeleDiscount's recordings have no such window.
    td_call = await _answered(sandbox, 3, provider="telediscount")
    assert (await client.get(f"/records/{td_call}.wav")).status_code == 200


async def test_404_window_from_config(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    sandbox.configure(recording_404_seconds=30)
    call_id = await _answered(sandbox, 3)
    assert (await client.get(f"/records/{call_id}.wav")).status_code == 404


def test_cache_stays_small() -> None:
    cache = RecordingCache(max_items=3, max_bytes=10 * 1024 * 1024)
    for i in range(20):
        assert len(cache.get(f"call-{i}", 60)) == 44 + 60 * 8000 * 2
    assert len(cache._items) == 3 and cache.size_bytes <= 10 * 1024 * 1024
    cache.get("call-19", 60)
    assert cache.renders == 20  # the most recent one came from the cache


def test_parse_range() -> None:
    assert parse_range("bytes=0-0", 10) == (0, 0)
    assert parse_range("bytes=-3", 10) == (7, 9)
    assert parse_range("bytes=-30", 10) == (0, 9)
    assert parse_range("bytes=10-", 10) is False
    assert parse_range("bytes=-0", 10) is False
    assert parse_range("items=0-1", 10) is None
    assert parse_range("bytes=5-2", 10) is None
    assert parse_range("bytes=a-b", 10) is None
