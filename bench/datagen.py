"""Generated data for the benchmarks: a store with N calls and N contacts, cached under bench/data/ (full
sizes) or built in a temporary folder and removed afterwards (``--quick``): :func:`bench_store`.

Calls come from :func:`app.store.synthetic.generate_calls` (the same generator the history tests use: a
million calls in seconds), contacts from :func:`contacts`, whose i-th number is the synthetic history's i-th
distinct number — so look-ups and searches hit real callers. Deterministic for a given size.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from app.core.models import Contact, ContactPhone
from app.store import bulk, synthetic
from app.store.db import Database

DATA = Path(__file__).resolve().parent / "data"
AGENTS = [f"agent{i:02d}" for i in range(synthetic.AGENTS)]
END = datetime(2026, 11, 1, tzinfo=UTC)  # the newest synthetic call (fixed: cached data stay comparable)
FIRST = ["Anna", "Jan", "Piotr", "Katarzyna", "Иван", "Ольга", "Сергей", "Marta", "Tomasz", "Наталья"]
LAST = ["Kowalski", "Nowak", "Wiśniewska", "Петров", "Смирнова", "Иванов", "Zieliński", "Kuznetsova"]


def number(i: int) -> str:
    """The i-th distinct number, as :mod:`app.store.synthetic` writes it: PL mobiles for even i, RU for odd."""
    return f"+48{600000000 + i * 7 % 300000000}" if i % 2 == 0 else f"+79{100000000 + i * 13 % 800000000:09d}"


def contacts(count: int, seed: int = 2) -> Iterator[Contact]:
    rng = random.Random(seed)
    for i in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        yield Contact(
            name=name,
            phones=[ContactPhone(number(i))],
            company=f"Firma {i % 5000}",
            responsible=rng.choice(AGENTS),
            source="bench",
            source_id=str(i),
        )


def store(calls: int, contact_count: int, *, fresh: bool = False, folder: Path = DATA) -> tuple[Path, float]:
    """Path of a database with ``calls`` calls and ``contact_count`` contacts in ``folder`` (built once, then
    cached there), and the seconds the build took (0 when cached)."""
    folder.mkdir(exist_ok=True)
    path = folder / f"store-{calls}-{contact_count}.sqlite3"
    if path.exists() and not fresh:
        return path, 0.0
    for stale in folder.glob(path.name + "*"):
        stale.unlink()
    tmp = path.with_suffix(".building")
    if tmp.exists():
        tmp.unlink()
    began = time.perf_counter()
    db = Database.open(tmp, durable=False)
    db.ensure_account("bench", "cloudpbx")
    bulk.load_contacts(db, contacts(contact_count))
    synthetic.generate_calls(db, "bench", calls, END)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.execute("ANALYZE")
    db.close()
    shutil.move(tmp, path)
    for side in folder.glob(tmp.name + "*"):  # its -wal, -shm and .sealed
        side.unlink()
    return path, time.perf_counter() - began


@contextmanager
def bench_store(calls: int, contact_count: int, *, quick: bool) -> Iterator[tuple[Path, float]]:
    """The store a benchmark reads: the cached one under ``bench/data/`` for full sizes; for ``--quick`` a
    fresh one in a temporary folder, removed afterwards (CI never builds or touches the big cached stores)."""
    if not quick:
        yield store(calls, contact_count)
        return
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-store-") as scratch:
        yield store(calls, contact_count, folder=Path(scratch))
