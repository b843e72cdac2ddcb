"""Fixtures' data and helpers shared by several test folders."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

# A config.toml with one account of each webhook-pushing provider: the receiver's usual test set-up.
RECEIVER_CONFIG = """
[general]
region = "RU"

[[accounts]]
id = "office"
provider = "cloudpbx"
base_url = "https://office.megapbx.ru"
user = "andy"

[[accounts]]
id = "td"
provider = "telediscount"
user = "SIP/0000000672"
"""


async def until(condition: Callable[[], object], what: str, timeout: float = 30.0, every: float = 0.01) -> None:
    """Wait (real time, on the running loop) until ``condition()`` is true; fail naming ``what`` if it never is.

    The time-out only stops a hang: it is no speed requirement, so make it generous (the suite shares two
    cores with other work). Use this instead of a fixed ``asyncio.sleep`` before an assertion."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for: {what}")
        await asyncio.sleep(every)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for a server the test starts in a subprocess)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
