"""Call recordings: real WAV audio, made on demand from the call id and its talk time.

Why generated, not stored: at 30 calls a minute for hours, keeping every WAV (16 kB per second of
talk) would grow without bound. A recording is a pure function of (call id, seconds), so it can be made
again whenever asked; a small byte-bounded LRU cache spares the work for the player's Range requests.

The sound: 8 kHz mono 16-bit PCM (what telephony recordings are), bursts of tones with pauses whose
pitches and rhythm are drawn from the call id, so two calls never sound (or hash) the same. One tone
period is computed once and repeated, which makes a 20-minute recording take milliseconds.
"""

from __future__ import annotations

import io
import math
import random
import struct
import wave
from collections import OrderedDict

RATE = 8000
SAMPLE_WIDTH = 2


def render_wav(call_id: str, seconds: int) -> bytes:
    """A WAV file of exactly ``seconds * 8000`` frames, distinct for each ``call_id``."""
    frames = max(0, int(seconds)) * RATE
    rng = random.Random(f"recording:{call_id}")
    pcm = bytearray()
    target = frames * SAMPLE_WIDTH
    talking = True
    while len(pcm) < target:
        if talking:
            period = rng.randint(10, 40)  # 200..800 Hz
            amplitude = rng.randint(2500, 9000)
            one = struct.pack(f"<{period}h", *(int(amplitude * math.sin(2 * math.pi * i / period))
                                               for i in range(period)))
            pcm += one * max(1, int(rng.uniform(0.15, 1.2) * RATE) // period)
        else:
            pcm += b"\x00\x00" * int(rng.uniform(0.1, 0.7) * RATE)
        talking = not talking
    del pcm[target:]
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(SAMPLE_WIDTH)
        wav.setframerate(RATE)
        wav.writeframes(bytes(pcm))
    return out.getvalue()


class RecordingCache:
    """LRU cache of rendered recordings, bounded by entry count and by total bytes."""

    def __init__(self, max_items: int = 8, max_bytes: int = 48 * 1024 * 1024) -> None:
        self.max_items = max_items
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._bytes = 0
        self.renders = 0

    def get(self, call_id: str, seconds: int) -> bytes:
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
