"""Is the store at a path damaged? Asked at start, before anything opens it for writing — unless the store
is exactly as Ringdesk's last clean close left it (:mod:`app.store.seal`), less than a week after the last
check.

Why ``PRAGMA quick_check`` and nothing cheaper: it reads every page of every table and index and checks
their structure, so garbage written into the middle of the file is found wherever it lands. The cheaper
walks miss much of it. Measured with ``python -m bench.store_check`` (20 damages — 1–4 pages, or
16–3,000 bytes, of garbage at a random place in the middle half of the file — counting those SQLite's full
``integrity_check`` sees): at 100,000 calls and contacts quick_check found 17 of 17, counting every
table's rows 12, the ``dbstat`` walk 0; at a million, 19 of 19, 12 and 1.

Its cost on this project's 2-core machine, page cache warm (other work running): 0.11–0.35 s for 100,000
calls and contacts (62 MiB), 1.1–2.5 s for a million (625 MiB). Counting rows costs a tenth of that and
``dbstat`` a third, for the misses above; ``integrity_check`` (which also compares every index with its
table) costs about three times as much.

The check reads through a read-only connection (:func:`app.store.opening.reader`): a damaged file is never
written to, not even by the checkpoint SQLite runs when a store's last connection closes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.store import opening

_DAMAGED_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
_SHOWN_LINES = 5  # of quick_check's findings, in the log: enough to recognise the damage, not a flood


def damage(path: Path, until: float, *, tidy: bool = False) -> str | None:
    """What is wrong with the store at ``path`` (``quick_check``'s first findings), or None when it is
    sound, empty or missing. Waits for another process's lock until ``until``; any error that is not
    damage (no permission, an I/O error) is raised as it is.

    ``tidy``: check through an ordinary connection, which as the store's last connection removes the WAL
    it finds when it closes (a read-only one leaves an empty ``-wal`` and ``-shm`` behind): for a store just
    closed by its own process, not for one that may be damaged from before (that one stays as found)."""
    try:
        if path.stat().st_size == 0:
            return None
    except FileNotFoundError:
        return None
    try:
        connect = (lambda: sqlite3.connect(path, isolation_level=None)) if tidy else (lambda: opening.reader(path))
        conn = opening.patiently(connect, path, until)
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            return str(exc)
        raise
    try:
        rows = opening.patiently(lambda: conn.execute("PRAGMA quick_check").fetchall(), path, until)
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            return str(exc)
        raise
    finally:
        conn.close()
    findings = [str(row[0]) for row in rows]
    if findings == ["ok"]:
        return None
    more = len(findings) - _SHOWN_LINES
    return "; ".join(findings[:_SHOWN_LINES]) + (f"; and {more} more" if more > 0 else "")


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _DAMAGED_CODES
    text = str(exc)
    return "malformed" in text or "not a database" in text
