"""Call recordings: real WAV audio, made on demand from the call id and its talk time.

Why generated, not stored: at 30 calls a minute for hours, keeping every WAV (16 kB per second of
talk) would grow without bound. A recording is a pure function of (call id, seconds), so it can be made
again whenever asked; a small byte-bounded LRU cache spares the work for the player's Range requests.

The sound: 8 kHz mono 16-bit PCM WAV (what telephony recordings are; the header is the standard
44-byte RIFF one that the stdlib ``wave`` module reads), bursts of tones with pauses whose
pitches and rhythm are drawn from the call id, so two calls never sound (or hash) the same. One tone
period is computed once and repeated, which makes a 20-minute recording take milliseconds.
"""

from __future__ import annotations

import math
import random
import struct
from collections import OrderedDict

RATE = 8000
SAMPLE_WIDTH = 2
HEADER_SIZE = 44


def render_wav(call_id: str, seconds: int) -> bytearray:
    """A WAV file of exactly ``seconds * 8000`` frames, distinct for each ``call_id``.

    Written into one preallocated buffer (RIFF header + PCM), so a long recording costs its own size once,
    not three or four transient copies.
    """
    frames = max(0, int(seconds)) * RATE
    target = frames * SAMPLE_WIDTH
    out = bytearray(HEADER_SIZE + target)
    out[:HEADER_SIZE] = wav_header(frames)
    rng = random.Random(f"recording:{call_id}")
    pos, end = HEADER_SIZE, HEADER_SIZE + target
    talking = True
    while pos < end:
        if talking:
            period = rng.randint(10, 40)  # 200..800 Hz
            amplitude = rng.randint(2500, 9000)
            one = struct.pack(
                f"<{period}h", *(int(amplitude * math.sin(2 * math.pi * i / period)) for i in range(period))
            )
            chunk = one * max(1, int(rng.uniform(0.15, 1.2) * RATE) // period)
        else:
            chunk = b"\x00\x00" * int(rng.uniform(0.1, 0.7) * RATE)  # the buffer is zeroed: skip it
        size = min(len(chunk), end - pos)
        if talking:
            out[pos : pos + size] = chunk[:size]
        pos += size
        talking = not talking
    return out


def wav_header(frames: int) -> bytes:
    """The 44-byte RIFF/WAVE header of 8 kHz mono 16-bit PCM with ``frames`` frames."""
    data = frames * SAMPLE_WIDTH
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + data,
        b"WAVE",
        b"fmt ",
        16,
        1,
        1,
        RATE,
        RATE * SAMPLE_WIDTH,
        SAMPLE_WIDTH,
        16,
        b"data",
        data,
    )


class RecordingCache:
    """LRU cache of rendered recordings, bounded by entry count and by total bytes."""

    def __init__(self, max_items: int = 8, max_bytes: int = 16 * 1024 * 1024) -> None:
        self.max_items = max_items
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[str, int], bytearray] = OrderedDict()
        self._bytes = 0
        self.renders = 0

    def get(self, call_id: str, seconds: int) -> bytearray:
        """The recording, rendered now unless it is among the most recently used ones."""
        key = (call_id, int(seconds))
        data = self._items.get(key)
        if data is not None:
            self._items.move_to_end(key)
            return data
        data = render_wav(call_id, seconds)
        self.renders += 1
        self._items[key] = data
        self._bytes += len(data)
        while self._items and (len(self._items) > self.max_items or self._bytes > self.max_bytes):
            _, old = self._items.popitem(last=False)
            self._bytes -= len(old)
        return data

    @property
    def size_bytes(self) -> int:
        return self._bytes
