"""How long a recording download may take: a grace period, then a minimum average rate, under a ceiling.

Why not a plain total time-out: recordings run from seconds to hours (a 20-minute WAV is ~20 MB, a day's
conference far more), so any one number is either too short for a big file on a slow line or lets a
tiny one drip for hours. Why not the read time-out alone: it only bounds the gap *between* bytes, and a
server sending one byte a second never trips it (the harness's drip was accepted for as long as it ran).

So the deadline grows with what arrived: ``start + grace_s + received / min_bytes_per_s``, never beyond
``start + ceiling_s``. The grace covers the slow start (DNS, TLS, a PBX assembling the file). The minimum
average rate, 4 KiB/s by default, is 32 kbit/s: below the bitrate of the telephone recordings the
providers send (8 kHz 16-bit WAV is 16 KiB/s, their MP3s 32–128 kbit/s), so a download slower than that
could never keep up with playing it, yet far under any line an agent can work on. The ceiling (an hour)
stops a server that keeps exactly to the minimum rate from holding a download open all day.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DownloadBudget:
    """The time a download may take, as a deadline that moves with the bytes received."""

    grace_s: float = 15.0
    min_bytes_per_s: float = 4096.0
    ceiling_s: float = 3600.0

    def deadline(self, started: float, received: int) -> float:
        """The loop time by which the download must have ended (or received more)."""
        allowed = self.grace_s + received / self.min_bytes_per_s
        return started + min(allowed, self.ceiling_s)


DEFAULT_BUDGET = DownloadBudget()
