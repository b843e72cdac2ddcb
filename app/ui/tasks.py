"""Background work started by the UI (dial, save a note, open a recording), with one outcome path.

Why: a button's slot cannot await, and qasync does not keep references to tasks (a task nobody
references can be garbage-collected mid-flight). :func:`run` keeps every task until it finishes, turns
:class:`~app.core.errors.Problem` into a user message and anything else into a bug report via
``sys.excepthook`` — so no slot needs its own try/except and no failure is silent.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from app.core.errors import Problem
from app.ui.messages import bridge

T = TypeVar("T")
_running: set[asyncio.Task[Any]] = set()


def run(
    coro: Coroutine[Any, Any, T],
    *,
    title: str = "",
    on_success: Callable[[T], None] | None = None,
) -> asyncio.Task[T | None]:
    """Run ``coro`` on the app's loop; problems become messages titled ``title``; bugs reach the excepthook."""
    guarded = _guarded(coro, title, on_success)  # a separate line: inferred from its own arguments
    task = asyncio.get_running_loop().create_task(guarded)
    _running.add(task)
    task.add_done_callback(_running.discard)
    return task


def running() -> int:
    """How many UI tasks are still running (shutdown waits for them; tests assert on it)."""
    return len(_running)


async def drain() -> None:
    """Wait for every running UI task (used at shutdown so a dial in flight is not cut off)."""
    while _running:
        await asyncio.gather(*list(_running), return_exceptions=True)


async def _guarded(coro: Coroutine[Any, Any, T], title: str, on_success: Callable[[T], None] | None) -> T | None:
    try:
        result = await coro
    except asyncio.CancelledError:
        raise
    except Problem as problem:
        bridge().problem(problem, title)
        return None
    except Exception:
        sys.excepthook(*sys.exc_info())
        return None
    if on_success is not None:
        on_success(result)
    return result
