"""Real processes released at the same moment against one RINGDESK_HOME (the store-opening race tests).

Why a handshake instead of simply starting them together: Python and the app's imports take a second or
more per process, so processes started "together" would reach the store one after another and never race.
Each child imports what its role needs, writes ``ready`` to its stdout file and blocks reading stdin; when
every child is ready, the parent writes one byte to all of them in a tight loop, so they open the store
within a millisecond or so of each other.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# What each role runs once released: the real entry points (the ``ringdesk`` command line's ``main``, which
# is what ``python -m app`` runs), or the store opening the desktop app's start-up does.
CHILD = r"""
import sys
role = sys.argv[1]
if role == "history":
    from app.cli import main
    import app.cli.history, app.services.context, app.services.history  # warm: imports are not the race
    argv = ["history", "--format", "json"]
elif role == "serve":
    from app.cli import main
    import app.cli.serve, app.runtime, app.server.app, app.server.server, app.services.outbound  # warm
    argv = ["serve", "--listen", "127.0.0.1:0"]
elif role == "app":
    from app.runtime import Runtime
    from app.services.context import Context
elif role == "open":
    from app.config.paths import resolve
    from app.store.db import Database
print("ready", flush=True)
sys.stdin.buffer.read(1)
if role in ("history", "serve"):
    sys.exit(main(argv))
if role == "app":  # the desktop app's start without Qt: the context, then the runtime (which opens the store)
    runtime = Runtime(Context.open())
    print("opened schema", runtime.context.db.version, flush=True)
    runtime.context.close()
else:
    db = Database.open(resolve().ensure().database)
    print("opened schema", db.version, flush=True)
    db.close()
"""


@dataclass
class Child:
    role: str
    process: subprocess.Popen[bytes]
    out: Path
    err: Path

    def stdout(self) -> str:
        return self.out.read_text("utf-8", "replace")

    def stderr(self) -> str:
        return self.err.read_text("utf-8", "replace")

    def describe(self) -> str:
        return f"{self.role} (exit {self.process.returncode}): {self.stderr()[-1500:]}"


def run_together(home: Path, roles: list[str], logs: Path, timeout: float = 180.0) -> list[Child]:
    """Start one process per role on ``home``, release them at once, stop each ``serve`` once it listens,
    and return them all finished."""
    logs.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "RINGDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    children: list[Child] = []
    try:
        for n, role in enumerate(roles):
            out, err = logs / f"{n:02d}-{role}.out", logs / f"{n:02d}-{role}.err"
            with out.open("wb") as out_file, err.open("wb") as err_file:
                process = subprocess.Popen(
                    [sys.executable, "-c", CHILD, role],
                    stdin=subprocess.PIPE,
                    stdout=out_file,
                    stderr=err_file,
                    cwd=REPO,
                    env=env,
                )
            children.append(Child(role, process, out, err))
        deadline = time.monotonic() + timeout
        _wait(lambda: all(c.stdout().startswith("ready") or c.process.poll() is not None for c in children), deadline)
        early = [c.describe() for c in children if c.process.poll() is not None]
        assert not early, f"children died before the start: {early}"
        for child in children:  # the release: one byte each, as close together as Python can
            assert child.process.stdin is not None
            child.process.stdin.write(b"g")
            child.process.stdin.flush()
        for child in children:
            assert child.process.stdin is not None
            child.process.stdin.close()
        for child in children:
            if child.role == "serve":
                _wait(lambda c=child: "listening" in c.stdout() or c.process.poll() is not None, deadline)
                if child.process.poll() is None:
                    child.process.send_signal(signal.SIGTERM)
        for child in children:
            child.process.wait(timeout=max(1.0, deadline - time.monotonic()))
        return children
    finally:
        for child in children:
            if child.process.poll() is None:
                child.process.kill()
                child.process.wait()


def _wait(condition: object, deadline: float) -> None:
    assert callable(condition)
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the child processes")
        time.sleep(0.02)
