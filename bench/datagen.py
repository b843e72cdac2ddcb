"""Generated data for the benchmarks: a store with N calls and N contacts, cached under bench/data/.

Realistic shape: Polish and Russian numbers, about 3 calls per distinct number, 20 agents, 6 lines,
a year of history, the usual mix of outcomes. Deterministic for a given size (seeded).
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.core.models import CallEvent, CallStatus, Contact, ContactPhone, Direction, EventKind
from app.store import bulk
from app.store.db import Database

DATA = Path(__file__).resolve().parent / "data"
AGENTS = [f"agent{i:02d}" for i in range(20)]
LINES = ["+48221234500", "+48221234501", "+48587654300", "+74951234500", "+74951234501", "+78121234500"]
FIRST = ["Anna", "Jan", "Piotr", "Katarzyna", "Иван", "Ольга", "Сергей", "Marta", "Tomasz", "Наталья"]
LAST = ["Kowalski", "Nowak", "Wiśniewska", "Петров", "Смирнова", "Иванов", "Zieliński", "Kuznetsova"]
STATUSES = [CallStatus.ANSWERED] * 7 + [CallStatus.MISSED] * 2 + [CallStatus.BUSY]


def number(i: int) -> str:
    """The i-th distinct number: PL mobiles for even i, RU mobiles for odd i."""
    return f"+48{600000000 + i * 7 % 300000000}" if i % 2 == 0 else f"+79{100000000 + i * 13 % 800000000:09d}"


def call_events(count: int, seed: int = 1) -> Iterator[CallEvent]:
    rng = random.Random(seed)
    distinct = max(1, count // 3)
    start = datetime(2025, 11, 1, tzinfo=UTC)
    span = 365 * 24 * 3600
    for i in range(count):
        status = rng.choice(STATUSES)
        direction = Direction.IN if rng.random() < 0.7 else Direction.OUT
        if direction is Direction.OUT and status is CallStatus.MISSED:
            status = CallStatus.CANCELLED
        started = start + timedelta(seconds=i * span // count + rng.randint(0, 30))
        talk = int(rng.lognormvariate(4.2, 0.8)) if status is CallStatus.ANSWERED else 0
        yield CallEvent(
            account="bench", call_id=f"B{i:08d}", kind=EventKind.SUMMARY, at=started, started_at=started,
            direction=direction, status=status, phone=number(rng.randrange(distinct)),
            line=rng.choice(LINES), agent=rng.choice(AGENTS), duration_s=talk,
            wait_s=rng.randint(1, 40), recording_url=f"https://pbx.example/rec/B{i:08d}.mp3" if talk else None,
        )


def contacts(count: int, seed: int = 2) -> Iterator[Contact]:
    rng = random.Random(seed)
    for i in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        yield Contact(
            name=name, phones=[ContactPhone(number(i))], company=f"Firma {i % 5000}",
            responsible=rng.choice(AGENTS), source="bench", source_id=str(i),
        )


def store(calls: int, contact_count: int, *, fresh: bool = False) -> tuple[Path, float]:
    """Path of a database with ``calls`` calls and ``contact_count`` contacts (built once, then cached)."""
    DATA.mkdir(exist_ok=True)
    path = DATA / f"store-{calls}-{contact_count}.sqlite3"
    if path.exists() and not fresh:
        return path, 0.0
    for stale in DATA.glob(path.name + "*"):
        stale.unlink()
    tmp = path.with_suffix(".building")
    if tmp.exists():
        tmp.unlink()
    began = time.perf_counter()
    db = Database.open(tmp, durable=False)
    db.ensure_account("bench", "cloudpbx")
    bulk.load_contacts(db, contacts(contact_count))
    bulk.load_calls(db, call_events(calls))
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.execute("ANALYZE")
    db.close()
    shutil.move(tmp, path)
    for side in DATA.glob(tmp.name + "-*"):
        side.unlink()
    return path, time.perf_counter() - began
