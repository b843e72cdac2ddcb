"""The start-up check of the store (issue 15, point 8): what it costs, what a start pays for it with and
without a seal, what cheaper checks would miss, and what salvaging a damaged store costs.

    python -m bench.store_check [--calls N] [--trials N] [--data DIR] [--quick]

Figures: ``PRAGMA quick_check`` (the check ``Database.open`` runs) against two cheaper walks of the file —
counting every table's rows without an index, and SQLite's ``dbstat`` table — each timed on a sound store
(page cache warm: the second of two runs), then how many of ``--trials`` damages each one finds: 1–4 whole
pages, or 16–3,000 bytes at a random offset, of garbage in the middle half of the file (the original bytes
are put back after each trial), counting only the damages SQLite's full ``integrity_check`` sees (garbage
on a page's unused space harms nothing). ``Database.open`` of a copy is timed as a start pays it: after an
unclean end (no seal: it checks) and after a clean close (sealed, :mod:`app.store.seal`: it does not), with
the close that seals it. Then one damaged copy is salvaged (:mod:`app.store.salvage`) and timed.
Full sizes read the cached store under ``bench/data/`` (or ``--data``); ``--quick`` builds a small one.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.store import salvage, seal
from app.store.db import Database
from bench import datagen
from bench.report import Figure, print_table


def quick_check(conn: sqlite3.Connection) -> bool:
    return [tuple(row) for row in conn.execute("PRAGMA quick_check")] == [("ok",)]


def integrity_check(conn: sqlite3.Connection) -> bool:
    return [tuple(row) for row in conn.execute("PRAGMA integrity_check")] == [("ok",)]


def table_walk(conn: sqlite3.Connection) -> bool:
    tables = conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0").fetchall()
    for (name,) in tables:
        conn.execute(f'SELECT count(*) FROM "{name}" NOT INDEXED').fetchone()
    return True


def dbstat(conn: sqlite3.Connection) -> bool:
    conn.execute("SELECT count(*) FROM dbstat").fetchone()
    return True


CHECKS: dict[str, Callable[[sqlite3.Connection], bool]] = {
    "quick_check": quick_check,
    "row count of every table": table_walk,
    "dbstat walk": dbstat,
}


def finds_damage(path: Path, check: Callable[[sqlite3.Connection], bool]) -> bool:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return not check(conn)
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()


def timed_check(path: Path, check: Callable[[sqlite3.Connection], bool]) -> float:
    seconds = 0.0
    for _ in range(2):  # the second run: page cache warm, as on a machine that just used the store
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        began = time.perf_counter()
        check(conn)
        seconds = time.perf_counter() - began
        conn.close()
    return seconds


def damage(path: Path, rng: random.Random, trial: int) -> tuple[int, bytes]:
    """Garbage in the middle half of the file; returns where and what it overwrote."""
    size, page = path.stat().st_size, 4096
    if trial % 2 == 0:
        offset = rng.randrange(size // 4 // page, 3 * size // 4 // page) * page
        length = page * rng.randint(1, 4)
    else:
        offset, length = rng.randrange(size // 4, 3 * size // 4), rng.randint(16, 3000)
    with path.open("r+b") as file:
        file.seek(offset)
        original = file.read(length)
        file.seek(offset)
        file.write(rng.randbytes(len(original)))
    return offset, original


def restore(path: Path, offset: int, original: bytes) -> None:
    with path.open("r+b") as file:
        file.seek(offset)
        file.write(original)


def timed_opens(copy: Path) -> list[Figure]:
    """A start's ``Database.open`` of ``copy`` without a seal (it checks) and with one (it does not), each
    the second of two (page cache warm), and the clean close of a session that wrote, sealing the store."""
    figures = []
    for sealed in (False, True):
        seconds, closing = 0.0, 0.0
        for _ in range(2):
            if not sealed:
                seal.seal_path(copy).unlink(missing_ok=True)
            began = time.perf_counter()
            db = Database.open(copy)
            seconds = time.perf_counter() - began
            db.ensure_account("bench-seal", "cloudpbx")  # a session writes: its close checkpoints into the file
            began = time.perf_counter()
            db.close()
            closing = time.perf_counter() - began
        assert seal.seal_path(copy).exists(), "the clean close did not seal the store"
        name = "store opened after a clean close (sealed)" if sealed else "store opened without a seal (checked)"
        figures.append(Figure(name, seconds, "s"))
    figures.append(Figure("its clean close, sealing it", closing, "s"))
    return figures


def run(path: Path, calls: int, trials: int) -> list[Figure]:
    size = path.stat().st_size / 2**20
    figures = [Figure(f"{name} on a sound store", timed_check(path, check), "s") for name, check in CHECKS.items()]
    figures[0] = Figure(figures[0].name, figures[0].value, "s", note=f"{calls:,} calls, {size:,.0f} MiB")
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-check-") as scratch:
        copy = Path(scratch) / "damaged.sqlite3"
        shutil.copyfile(path, copy)
        figures += timed_opens(copy)
        seal.seal_path(copy).unlink(missing_ok=True)
        rng = random.Random(15)
        found = dict.fromkeys(CHECKS, 0)
        real = 0
        for trial in range(trials):
            offset, original = damage(copy, rng, trial)
            # Garbage that fell on unused space (a page's free area, the freelist) harms nothing: the
            # reference is SQLite's full integrity_check, and each check is scored on what it finds of that.
            if finds_damage(copy, integrity_check):
                real += 1
                for name, check in CHECKS.items():
                    found[name] += finds_damage(copy, check)
            restore(copy, offset, original)
        note = f"{trials - real} of {trials} fell on unused space"
        figures.append(Figure("damages integrity_check finds", real, f"of {trials}", note=note))
        figures += [Figure(f"{name}: damages found", count, f"of {real}") for name, count in found.items()]
        damage(copy, rng, 0)
        began = time.perf_counter()
        tables = salvage.salvage(copy, Path(scratch) / "salvaged.sqlite3")
        saved = sum(table.saved for table in tables)
        lost = sum(table.lost or 0 for table in tables)
        note = f"{saved:,} rows saved, {lost:,} lost"
        figures.append(Figure("salvage of a damaged copy", time.perf_counter() - began, "s", note=note))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=1_000_000, help="calls and contacts in the store")
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--data", type=Path, default=datagen.DATA, help="where the full-size stores are cached")
    parser.add_argument("--quick", action="store_true", help="10,000 calls, 6 trials (keeps the script working)")
    args = parser.parse_args()
    if args.quick:
        args.calls, args.trials = 10_000, 6
        with datagen.bench_store(args.calls, args.calls, quick=True) as (path, _built):
            print_table("Store check at start", run(path, args.calls, args.trials))
        return
    path, _built = datagen.store(args.calls, args.calls, folder=args.data)
    print_table("Store check at start", run(path, args.calls, args.trials))


if __name__ == "__main__":
    main()
