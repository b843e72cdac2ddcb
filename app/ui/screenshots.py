"""Render the app's screens to PNG, offscreen, in every language: ``python -m app.ui.screenshots OUT_DIR``.

Why a script and not hand-made images: the README's pictures must show the app as it is now, in each
language, and anyone (or CI) can regenerate them. Everything is rendered from a throw-away home folder
with invented data (:mod:`app.services.samples`: contacts, a few days of calls, notes; a recording made
with the stdlib ``wave`` module), read through a real :class:`~app.runtime.Runtime` as the app reads it;
the user's config, history and keyring are never touched.

Output (1× scale): ``card-<state>-<lang>.png`` for each card state, ``history-<lang>.png``,
``details-<lang>.png``, ``player-<lang>.png``, ``settings-<page>-<lang>.png``, ``firstrun-<lang>.png``.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import struct
import sys
import tempfile
import time
import wave
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app.services.samples import LINES, ME, PEOPLE

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.runtime import Runtime
    from app.ui.cards.card import CallCard

LANGUAGES = ("en", "pl", "ru")


def _setup_environment() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_SCALE_FACTOR", "1")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")


# --- the invented world -------------------------------------------------------------------------------
def build_runtime(home: Path) -> Runtime:
    """The app over the invented world of :mod:`app.services.samples` in ``home``, as a connected app shows it.

    The outbound services are built but never started: the history offers "Call back" and recordings as it
    does when connected, and nothing is ever sent (no call is placed, no recording fetched).
    """
    from app.runtime import Runtime
    from app.services.outbound import OutboundServices
    from app.services.samples import sample_context

    runtime = Runtime(sample_context(home))
    runtime.outbound = OutboundServices(runtime.context, runtime.tracker)
    return runtime


def make_recording(path: Path, seconds: int = 96) -> Path:
    """A telephony-like WAV (8 kHz mono): bursts of tones and pauses."""
    rng = random.Random(2)
    frames = bytearray()
    while len(frames) < seconds * 8000 * 2:
        period, length = rng.randint(12, 40), int(rng.uniform(0.2, 1.0) * 8000)
        frames += b"".join(struct.pack("<h", int(5000 * math.sin(2 * math.pi * i / period))) for i in range(length))
        frames += b"\0\0" * int(rng.uniform(0.1, 0.5) * 8000)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(bytes(frames[: seconds * 8000 * 2]))
    return path


# --- rendering ------------------------------------------------------------------------------------------
def settle(seconds: float = 0.05) -> None:
    """Let Qt lay out and paint (and media load) for a moment."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def save(widget: QWidget, path: Path) -> Path:
    widget.show()
    settle()
    widget.grab().save(str(path), "PNG", 0)  # 0: smallest file
    return path


def cards(runtime: Runtime) -> Iterator[tuple[str, CallCard]]:
    """One card per state: ringing (known caller, unknown caller), talking, answered elsewhere, missed, ended.

    Each is made by the live app's own path — a :class:`~app.ui.cards.stack.CardStack` over the runtime,
    ``show_card`` of the call as the hub would announce it (facts from the use cases, the agent's point of
    view, names from the history's directory, the card's own fitting and placement) — as an agent of the
    office account (the invented world's user supervises; a supervisor's card reads differently).
    """
    from app.config.settings import Role
    from app.core.callstate import fold
    from app.core.models import CallEvent, CallStatus, Direction, EventKind, utcnow
    from app.ui.cards.stack import CardStack

    settings = runtime.context.settings
    role, crm, close_after = settings.general.role, settings.card.crm_url_template, settings.card.close_after_s
    settings.general.role = Role.AGENT
    settings.card.crm_url_template = settings.card.crm_url_template or "https://crm.example/search?q={phone}"
    settings.card.close_after_s = 3600  # nothing closes while it is photographed
    stack = CardStack(runtime, call_back=lambda _number, _account: None, open_history=lambda _number: None)
    now = utcnow()

    def event(
        kind: EventKind,
        phone: str,
        agent: str = ME,
        seconds: int = 0,
        status: CallStatus | None = None,
        duration_s: int | None = None,
    ) -> CallEvent:
        return CallEvent(
            "office",
            "",
            kind,
            now - timedelta(seconds=seconds),
            direction=Direction.IN,
            phone=phone,
            line=LINES[0],
            agent=agent,
            status=status,
            duration_s=duration_s,
        )

    def card(name: str, events: list[CallEvent]) -> tuple[str, CallCard]:
        call = fold([replace(e, call_id=f"CARD-{name}") for e in events])
        widget = stack.show_card(call)
        return name, widget

    known, unknown = PEOPLE[0][2], "+48717654321"
    try:
        yield card("ringing", [event(EventKind.RINGING, known)])
        yield card("ringing-unknown", [event(EventKind.RINGING, unknown)])
        yield card(
            "talking", [event(EventKind.RINGING, known, seconds=80), event(EventKind.ANSWERED, known, seconds=74)]
        )
        yield card(
            "answered-elsewhere",
            [
                event(EventKind.RINGING, PEOPLE[2][2], seconds=30),
                event(EventKind.ANSWERED, PEOPLE[2][2], agent="olga", seconds=25),
            ],
        )
        yield card(
            "missed",
            [
                event(EventKind.RINGING, PEOPLE[3][2], seconds=40),
                event(EventKind.LEG_CANCELLED, PEOPLE[3][2], seconds=20),
            ],
        )
        yield card(
            "ended",
            [
                event(EventKind.RINGING, known, seconds=400),
                event(EventKind.ANSWERED, known, seconds=390),
                event(EventKind.COMPLETED, known, seconds=5),
                # the provider's figure is the whole call (10 s ringing + 385 s talk): the card shows 6:25
                event(EventKind.SUMMARY, known, seconds=5, status=CallStatus.ANSWERED, duration_s=395),
            ],
        )
    finally:
        stack.close_all()
        stack.deleteLater()
        settings.general.role, settings.card.crm_url_template = role, crm
        settings.card.close_after_s = close_after


def render_language(language: str, runtime: Runtime, recording: Path, out: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from app.ui import i18n
    from app.ui.firstrun import FirstRunDialog
    from app.ui.history.window import HistoryWindow
    from app.ui.player import RecordingPlayer
    from app.ui.settings.dialog import Page, SettingsDialog

    i18n.install(language, QApplication.instance())
    written: list[Path] = []
    for name, card in cards(runtime):
        written.append(save(card, out / f"card-{name}-{language}.png"))
        card.dismissed.emit()  # as the agent's ×: the next card is photographed alone, in full

    history = HistoryWindow(runtime)
    history.resize(1180, 640)
    history.select_call("office", "H0001")
    written.append(save(history, out / f"history-{language}.png"))
    details = history.open_details(history.table.currentIndex().row())
    if details is not None:
        written.append(save(details, out / f"details-{language}.png"))
        details.close()
    history.close()

    player = RecordingPlayer()
    player.resize(720, player.sizeHint().height())
    player.set_file(recording)
    _wait_until(lambda: player.duration_ms > 0, 5.0)
    if player.duration_ms:
        player.player.setPosition(42_000)
    player.set_rate(1.25)
    _wait_until(lambda: player.position_ms >= 42_000 or not player.duration_ms, 2.0)
    player.show_message("")
    written.append(save(player, out / f"player-{language}.png"))
    player.close()

    dialog = SettingsDialog(runtime)
    for page in Page:
        dialog.open_page(page)
        written.append(save(dialog, out / f"settings-{page.name.lower()}-{language}.png"))
    dialog.close()

    first = FirstRunDialog(runtime, launch_demo=lambda: False)
    written.append(save(first, out / f"firstrun-{language}.png"))
    first.close()
    return written


def _wait_until(condition: Callable[[], bool], seconds: float) -> None:
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        settle(0.02)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.ui.screenshots", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--language", action="append", choices=LANGUAGES, help="only these (default all)")
    args = parser.parse_args(argv)
    _setup_environment()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Ringdesk")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ringdesk-screenshots-") as home:
        runtime = build_runtime(Path(home))
        recording = make_recording(Path(home) / "recording.wav")
        written = [
            path
            for language in (args.language or LANGUAGES)
            for path in render_language(language, runtime, recording, args.out_dir)
        ]
        asyncio.run(runtime.stop())  # closes the (never used) provider clients and the store
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
