"""Render the app's screens to PNG, offscreen, in every language: ``python -m app.ui.screenshots OUT_DIR``.

Why a script and not hand-made images: the README's pictures must show the app as it is now, in each
language, and anyone (or CI) can regenerate them. Everything is rendered from a throw-away home folder
with invented data (contacts, a few days of calls, notes, a recording made with the stdlib ``wave``
module); the user's config, history and keyring are never touched.

Output (1× scale): ``card-<state>-<lang>.png`` for each card state, ``history-<lang>.png``,
``details-<lang>.png``, ``player-<lang>.png``, ``settings-<page>-<lang>.png``, ``firstrun-<lang>.png``.
"""

from __future__ import annotations

import argparse
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

LANGUAGES = ("en", "pl", "ru")
ME = "andy"
PEOPLE = [
    ("Zofia Wrona", "ACME Sp. z o.o.", "+48601234567"),
    ("Jan Kowalski", "", "+48602345678"),
    ("Ольга Смирнова", "ООО «Ромашка»", "+79101234567"),
    ("Piotr Nowak", "Nowak Transport", "+48603456789"),
    ("Marta Zielińska", "", "+48604567890"),
    ("Сергей Иванов", "", "+79161112233"),
    ("Katarzyna Wiśniewska", "Kwiaciarnia Róża", "+48605678901"),
]
AGENTS = (("andy", "Andrzej Nowicki"), ("olga", "Ольга Петрова"), ("tomek", "Tomasz Lis"))
LINES = ("+48221234500", "+48587654300")


def _setup_environment() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_SCALE_FACTOR", "1")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")


# --- the invented world -------------------------------------------------------------------------------
def build_context(home: Path) -> object:
    """A context in ``home`` with two accounts, contacts, agents, a few days of calls and some notes."""
    from app.config import paths as paths_module
    from app.config.secrets import MemorySecretStore
    from app.config.settings import AccountSettings, Provider, Role, Settings
    from app.core.models import Agent, CallEvent, CallStatus, Contact, ContactPhone, Direction, EventKind, Note, utcnow
    from app.services.context import Context

    settings = Settings()
    settings.general.role = Role.SUPERVISOR
    settings.accounts = [
        AccountSettings("office", Provider.CLOUDPBX, name="Office", base_url="https://office.megapbx.ru", user=ME),
        AccountSettings(
            "sales",
            Provider.TELEDISCOUNT,
            name="Sales line",
            base_url="https://my.telediscount.ru",
            user="SIP/00000000672",
        ),
    ]
    secrets = MemorySecretStore({("office", "token"): "x", ("sales", "webhook_secret"): "Qm9vazpz3cr3t"})
    context = Context(paths_module.resolve(home).ensure(), settings, secrets)
    for account in settings.accounts:
        context.db.ensure_account(account.id, account.provider.value, account.name)
    context.agents.replace_all("office", [Agent("office", login, name) for login, name in AGENTS])
    for i, (name, company, phone) in enumerate(PEOPLE):
        context.contacts.upsert(
            Contact(name, [ContactPhone(phone)], company=company, responsible=AGENTS[i % len(AGENTS)][0])
        )
    rng = random.Random(6)
    now = utcnow().replace(second=0, microsecond=0)
    events = []
    for i in range(140):
        status = rng.choice([CallStatus.ANSWERED] * 6 + [CallStatus.MISSED] * 2 + [CallStatus.BUSY])
        direction = rng.choice([Direction.IN, Direction.IN, Direction.OUT])
        if direction is Direction.OUT and status is CallStatus.MISSED:
            status = CallStatus.CANCELLED
        at = now - timedelta(minutes=23 * i + rng.randint(1, 15))
        phone = (
            PEOPLE[rng.randrange(len(PEOPLE))][2]
            if rng.random() < 0.6
            else f"+48{rng.randint(500, 799)}{rng.randint(100000, 999999)}"
        )
        talk = int(rng.lognormvariate(4.3, 0.7)) if status is CallStatus.ANSWERED else 0
        events.append(
            CallEvent(
                "office",
                f"H{i:04d}",
                EventKind.SUMMARY,
                at,
                started_at=at,
                direction=direction,
                status=status,
                phone=phone,
                line=rng.choice(LINES),
                agent=rng.choice(AGENTS)[0],
                duration_s=talk,
                wait_s=rng.randint(2, 35),
                recording_url=f"https://office.megapbx.ru/rec/H{i:04d}.mp3" if talk else None,
            )
        )
    context.calls.ingest_many(events)
    context.notes.add(
        Note(
            "Wants an offer for 20 seats; call back Monday morning.",
            phone=PEOPLE[0][2],
            account="office",
            call_id="H0001",
            author="olga",
            created_at=now - timedelta(days=1),
        )
    )
    context.notes.add(
        Note(
            "Invoice 2026/11/042 paid twice — refund requested.",
            phone=PEOPLE[0][2],
            account="office",
            call_id="H0030",
            author=ME,
            created_at=now - timedelta(days=3),
        )
    )
    return context


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


def save(widget: object, path: Path) -> Path:
    widget.show()  # type: ignore[attr-defined]
    settle()
    widget.grab().save(str(path), "PNG", 0)  # type: ignore[attr-defined]  # 0: smallest file
    return path


def cards(context: object) -> Iterator[tuple[str, object]]:
    """One card per state: ringing (known caller, unknown caller), talking, answered elsewhere, missed, ended."""
    from app.core.callstate import fold
    from app.core.models import CallEvent, CallStatus, Direction, EventKind, utcnow
    from app.ui.cards.card import CallCard
    from app.ui.cards.facts import Me, card_status, load_facts

    me = Me.from_settings(context.settings)  # type: ignore[attr-defined]
    me.supervisor = False
    now = utcnow()

    def event(kind: EventKind, phone: str, agent: str = ME, seconds: int = 0, **extra: object) -> CallEvent:
        return CallEvent(
            "office",
            "",
            kind,
            now - timedelta(seconds=seconds),
            direction=Direction.IN,
            phone=phone,
            line=LINES[0],
            agent=agent,
            **extra,
        )  # type: ignore[arg-type]

    def card(name: str, events: list[CallEvent]) -> tuple[str, object]:
        call = fold([replace(e, call_id=f"CARD-{name}") for e in events])
        widget = CallCard(
            call,
            load_facts(context, call),
            card_status(call, me),
            region="PL",  # type: ignore[arg-type]
            actions=frozenset({"call", "history", "crm", "contact"}),
        )
        return name, widget

    known, unknown = PEOPLE[0][2], "+48717654321"
    yield card("ringing", [event(EventKind.RINGING, known)])
    yield card("ringing-unknown", [event(EventKind.RINGING, unknown)])
    yield card("talking", [event(EventKind.RINGING, known, seconds=80), event(EventKind.ANSWERED, known, seconds=74)])
    yield card(
        "answered-elsewhere",
        [
            event(EventKind.RINGING, PEOPLE[2][2], seconds=30),
            event(EventKind.ANSWERED, PEOPLE[2][2], agent="olga", seconds=25),
        ],
    )
    yield card(
        "missed",
        [event(EventKind.RINGING, PEOPLE[3][2], seconds=40), event(EventKind.LEG_CANCELLED, PEOPLE[3][2], seconds=20)],
    )
    yield card(
        "ended",
        [
            event(EventKind.RINGING, known, seconds=400),
            event(EventKind.ANSWERED, known, seconds=390),
            event(EventKind.COMPLETED, known, seconds=5),
            event(EventKind.SUMMARY, known, seconds=5, status=CallStatus.ANSWERED, duration_s=385),
        ],
    )


def render_language(language: str, context: object, recording: Path, out: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from app.ui import i18n
    from app.ui.firstrun import FirstRunDialog
    from app.ui.history.window import HistoryWindow
    from app.ui.player import RecordingPlayer
    from app.ui.settings.dialog import Page, SettingsDialog

    i18n.install(language, QApplication.instance())
    written: list[Path] = []
    for name, card in cards(context):
        written.append(save(card, out / f"card-{name}-{language}.png"))
        card.close()  # type: ignore[attr-defined]

    history = HistoryWindow(context, _ShownRuntime())  # type: ignore[arg-type]
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
    player.player.setPosition(42_000) if player.duration_ms else None
    player.set_rate(1.25)
    _wait_until(lambda: player.position_ms >= 42_000 or not player.duration_ms, 2.0)
    player.show_message("")
    written.append(save(player, out / f"player-{language}.png"))
    player.close()

    dialog = SettingsDialog(context, autostart=_NoAutostart())  # type: ignore[arg-type]
    for page in Page:
        dialog.open_page(page)
        written.append(save(dialog, out / f"settings-{page.name.lower()}-{language}.png"))
    dialog.close()

    first = FirstRunDialog(context, launch_demo=lambda: False)  # type: ignore[arg-type]
    written.append(save(first, out / f"firstrun-{language}.png"))
    first.close()
    return written


class _ShownRuntime:
    """Enough of a runtime for the pictures to show what a connected app offers (no call is ever placed)."""

    def __init__(self) -> None:
        from app.services.hub import CallHub

        self.hub = CallHub()
        self.dialer = object()
        self.recordings = None


class _NoAutostart:
    """The login entry as screenshots show it (the real one is never touched)."""

    def install(self) -> None: ...

    def uninstall(self) -> None: ...

    def status(self) -> object:
        from app.desktop.integration import Status

        return Status(False, "Ringdesk does not start at login.")


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
        context = build_context(Path(home))
        recording = make_recording(Path(home) / "recording.wav")
        written = [
            path
            for language in (args.language or LANGUAGES)
            for path in render_language(language, context, recording, args.out_dir)
        ]
        context.close()  # type: ignore[attr-defined]
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
