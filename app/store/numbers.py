"""The distinct phone numbers seen in calls, indexed for substring search ("any part of a number").

Why no trigger: FTS5 fed row by row from a trigger costs ~30 µs a number (3.2 s for a 100,000-number
history pull, measured), the same rows fed in one ``INSERT … SELECT`` after the batch ~3 µs (0.28 s).
So every writer adds its numbers through :func:`add_numbers`, which indexes the new ones set-wise.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


def add_numbers(
    conn: sqlite3.Connection, numbers: Iterable[str] | None = None, *, calls_after: int | None = None
) -> None:
    """Remember ``numbers`` — or, with None, the numbers of every call (of the calls with an id above
    ``calls_after``: a batch's new rows, read in SQL instead of passed from Python) — and index the new ones
    for search.

    Must run inside the caller's transaction; new rows get ids above the previous maximum (rowid tables
    allocate ``max + 1``), which is how the new ones are found.
    """
    last = conn.execute("SELECT coalesce(max(id), 0) FROM numbers").fetchone()[0]
    if numbers is None:
        conn.execute(
            "INSERT OR IGNORE INTO numbers (number) "
            "SELECT DISTINCT phone FROM calls WHERE id > ? AND phone IS NOT NULL AND phone <> ''",
            (calls_after or 0,),
        )
    else:
        conn.executemany("INSERT OR IGNORE INTO numbers (number) VALUES (?)", ((n,) for n in numbers if n))
    conn.execute("INSERT INTO numbers_fts (rowid, number) SELECT id, number FROM numbers WHERE id > ?", (last,))
