"""Failed authentications, limited per client address: a token bucket in memory.

Why: a token is 32 random bytes, so guessing is hopeless anyway; the limit keeps a guesser (or a desktop
with a stale token in a tight loop) from filling the log and the CPU. Each address may fail ``burst``
times, and earns one more try every ``per_s / burst`` seconds; once its bucket is empty every failing
request from it gets 429 with ``Retry-After`` (not 401, and it is not counted). A valid token always
passes: the check runs first, so the desktops that share an address with a failing one (an office NAT, a
proxy not in ``trusted_proxies``) are never locked out by it. A guess among 2^256 learns nothing either way.

The key (``access.limit_key``): an IPv4 address, or an IPv6 address's /64.

One hub keeps its buckets in memory; a deployment of several hubs behind one balancer will share them
through the store (an address's failures counted wherever they land) — not needed for one process.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_TRACKED = 10_000  # addresses remembered at once; full buckets are forgotten first


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float


class FailureLimiter:
    def __init__(self, burst: int = 10, per_s: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.burst = burst
        self.rate = burst / per_s  # tries earned per second
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}

    def retry_after(self, client: str) -> int:
        """Seconds until ``client`` may try again (0: now)."""
        bucket = self._refilled(client)
        if bucket is None or bucket.tokens >= 1:
            return 0
        return max(1, math.ceil((1 - bucket.tokens) / self.rate))

    def failed(self, client: str) -> None:
        """Count one failed authentication of ``client``."""
        bucket = self._refilled(client)
        if bucket is None:
            if len(self._buckets) >= MAX_TRACKED:
                self._forget_full()
            bucket = self._buckets[client] = _Bucket(float(self.burst), self._clock())
        bucket.tokens = max(0.0, bucket.tokens - 1)

    def _refilled(self, client: str) -> _Bucket | None:
        bucket = self._buckets.get(client)
        if bucket is not None:
            now = self._clock()
            bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.at) * self.rate)
            bucket.at = now
        return bucket

    def _forget_full(self) -> None:
        now = self._clock()
        for client, bucket in list(self._buckets.items()):
            if bucket.tokens + (now - bucket.at) * self.rate >= self.burst:
                del self._buckets[client]
        if len(self._buckets) >= MAX_TRACKED:  # a flood of distinct addresses: start over rather than grow
            self._buckets.clear()
