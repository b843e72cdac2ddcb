"""Regression: PySide6 6.12.0 on CPython 3.11 aborts (``none_dealloc``) after a few thousand qasync callbacks.

pyproject pins PySide6 below 6.12 on Python < 3.12; this test spins the qasync loop 50,000 times so a
bad combination fails here instead of on an agent's desktop.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QTimer


async def test_qasync_loop_survives_fifty_thousand_iterations() -> None:
    loop = asyncio.get_running_loop()
    assert type(loop).__module__.startswith("qasync")
    fired: list[int] = []
    QTimer.singleShot(0, lambda: fired.append(1))
    for _ in range(50_000):
        await asyncio.sleep(0)
    assert fired == [1]
