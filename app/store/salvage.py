"""Copy what can still be read of a damaged store into a new one, table by table (best effort).

Why at all: a call centre's history, notes and contacts are worth keeping even when a few pages of the file
are garbage, and most of a damaged file usually reads fine. Why this way: the new store is built with the
damaged one's own schema version (the same migrations, so the same columns in the same order), the damaged
file is attached read-only, and each table is copied by SQLite itself (``INSERT … SELECT``): whole when it
reads cleanly, else in ranges of rowids, and a range that meets a damaged page row by row, so one bad page
costs its own rows and no more. Tables without rowids are read from both ends up to the damage. Rows whose
parent was lost (an event of a lost call) are dropped; calls of an account whose row was lost keep a
placeholder account (the settings give it back its provider and name). Search indexes are rebuilt.

The caller opens the result with :meth:`app.store.db.Database.open`, which migrates it to the latest schema.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.store import opening
from app.store.schema import LATEST, MIGRATIONS

log = logging.getLogger(__name__)

CHUNK = 2_000  # rowids per INSERT … SELECT once a table has shown damage
FETCH = 1_000


class Unreadable(Exception):
    """Not even the damaged store's schema can be read: nothing can be saved from it."""


@dataclass(frozen=True)
class TableSalvage:
    """What became of one table: rows copied, and rows the damaged store says it had (None: uncountable)."""

    name: str
    saved: int
    expected: int | None

    @property
    def lost(self) -> int | None:
        return None if self.expected is None else max(0, self.expected - self.saved)


def salvage(source: Path, target: Path) -> list[TableSalvage]:
    """Build a store at ``target`` (which must not exist) from what can be read of the one at ``source``.

    ``source`` is only read (attached read-only). Raises :class:`Unreadable` when its schema cannot be read.
    """
    version = _version(source)
    conn = sqlite3.connect(target.resolve().as_uri(), uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = MEMORY")  # a file of our own until it is complete: no journal file
        conn.execute("PRAGMA synchronous = OFF")  # made durable at the end, by one fsync before it is used
        for script in MIGRATIONS[:version]:
            conn.executescript(script)
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("ATTACH DATABASE ? AS damaged", (source.resolve().as_uri() + "?mode=ro",))
        # Each statement below is a transaction of its own, on purpose: inside a longer one, SQLite refuses
        # every later write once a read of the damaged file has failed ("malformed"). A statement that
        # fails is undone whole, so a range is copied entirely or not at all.
        # Triggers keep the search indexes in step, row by row; a statement undone half-way (a read error)
        # leaves FTS5 "malformed". Off while copying: the search indexes are rebuilt whole at the end.
        # The other indexes are built once at the end too: sorting a million rows once is several times
        # cheaper than keeping six indexes in step with every insert.
        triggers = conn.execute("SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger'").fetchall()
        indexes = conn.execute(
            "SELECT name, sql FROM main.sqlite_schema WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall()
        for kind, found in (("TRIGGER", triggers), ("INDEX", indexes)):
            for name, _sql in found:
                conn.execute(f'DROP {kind} main."{name}"')
        results = [_copy(conn, table) for table in _tables(conn) if table != "sequence"]  # see _renumber
        results = _drop_orphans(conn, results)
        results = _rederive_numbers(conn, results)
        _renumber(conn)
        for _name, sql in [*indexes, *triggers]:
            conn.execute(sql)
        for fts in _fts_tables(conn):
            conn.execute(f'INSERT INTO "{fts}" ("{fts}") VALUES (\'rebuild\')')
        conn.execute("DETACH DATABASE damaged")
    finally:
        conn.close()
    with open(target, "rb+") as written:
        os.fsync(written.fileno())
    return results


def _version(source: Path) -> int:
    try:
        conn = opening.reader(source)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise Unreadable(str(exc)) from exc
    if not 0 < version <= LATEST:
        raise Unreadable(f"schema version {version}")
    return version


def _tables(conn: sqlite3.Connection) -> list[str]:
    """The new store's ordinary tables, parents first (creation order); not the search indexes' own."""
    fts = _fts_tables(conn)
    names = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY rowid"
        )
    ]
    return [name for name in names if not any(name.startswith(f"{virtual}_") for virtual in fts)]


def _fts_tables(conn: sqlite3.Connection) -> list[str]:
    return [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
        )
    ]


def _copy(conn: sqlite3.Connection, table: str) -> TableSalvage:
    names = [str(row[1]) for row in conn.execute(f'PRAGMA main.table_info("{table}")')]
    columns = ", ".join(f'"{name}"' for name in names)
    insert = f'INSERT OR IGNORE INTO main."{table}" ({columns}) SELECT {columns} FROM damaged."{table}"'
    before = _count(conn, "main", table) or 0
    expected = _count(conn, "damaged", table)
    try:
        conn.execute(insert)
    except sqlite3.DatabaseError as exc:
        log.warning("salvage: table %s reads with errors (%s); copying it piece by piece", table, exc)
        if _has_rowid(conn, table):
            _copy_by_rowid(conn, table, insert, expected)
        else:
            _copy_from_both_ends(conn, table, names)
    saved = (_count(conn, "main", table) or 0) - before
    return TableSalvage(table, saved, expected)


def _copy_by_rowid(conn: sqlite3.Connection, table: str, insert: str, expected: int | None) -> None:
    low, high = _rowid_bounds(conn, table)
    # Our rowids are dense (1, 2, 3, …); a bound read from a garbage page could be any number.
    high = min(high, low + 2 * max(expected or 0, 100_000) + CHUNK)
    ranged = f"{insert} WHERE rowid > ? AND rowid <= ?"
    single = f"{insert} WHERE rowid = ?"
    start = low - 1
    while start < high:
        end = min(start + CHUNK, high)
        try:
            conn.execute(ranged, (start, end))
        except sqlite3.DatabaseError:
            for rowid in range(start + 1, end + 1):  # the rows on sound pages of this range
                with contextlib.suppress(sqlite3.DatabaseError):
                    conn.execute(single, (rowid,))
        start = end


def _rowid_bounds(conn: sqlite3.Connection, table: str) -> tuple[int, int]:
    """The damaged table's first and last rowid, as far as they can be read (else whatever was copied)."""
    bounds: list[int] = []
    for query in (f'SELECT min(rowid) FROM damaged."{table}"', f'SELECT max(rowid) FROM damaged."{table}"'):
        try:
            value = conn.execute(query).fetchone()[0]
        except sqlite3.DatabaseError:
            value = None
        bounds.append(int(value) if value is not None else 0)
    if bounds[1] == 0:  # the last page cannot be reached: go at least as far as the rows seen so far
        forward = _read_until_damage(conn, f'SELECT rowid FROM damaged."{table}" ORDER BY rowid')
        bounds[1] = max((int(row[0]) for row in forward), default=0)
    return bounds[0] or 1, bounds[1]


def _copy_from_both_ends(conn: sqlite3.Connection, table: str, names: list[str]) -> None:
    """A table without rowids: its rows in key order up to the damage, then backwards from the end."""
    info = sorted((row for row in conn.execute(f'PRAGMA main.table_info("{table}")') if row[5]), key=lambda r: r[5])
    key = [f'"{row[1]}"' for row in info]
    columns = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" for _ in names)
    insert = f'INSERT OR IGNORE INTO main."{table}" ({columns}) VALUES ({marks})'
    for order in ("", " DESC"):
        keys = ", ".join(f"{part}{order}" for part in key)
        rows = _read_until_damage(conn, f'SELECT {columns} FROM damaged."{table}" ORDER BY {keys}')
        conn.executemany(insert, rows)


def _read_until_damage(conn: sqlite3.Connection, query: str) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    try:
        cursor = conn.execute(query)
        while batch := cursor.fetchmany(FETCH):
            rows.extend(tuple(row) for row in batch)
    except sqlite3.DatabaseError:
        pass  # what was read before the damage is kept
    return rows


def _drop_orphans(conn: sqlite3.Connection, results: list[TableSalvage]) -> list[TableSalvage]:
    """Rows whose parent row was lost: an account gets a placeholder row back (the settings fill it in);
    any other child (an event of a lost call, a phone of a lost contact) goes, counted as lost."""
    updated: list[TableSalvage] = []
    for result in results:
        dropped = 0
        links: dict[int, list[tuple[str, str, str]]] = {}
        for row in conn.execute(f'PRAGMA main.foreign_key_list("{result.name}")'):
            links.setdefault(int(row[0]), []).append((str(row[2]), str(row[3]), str(row[4])))
        for pairs in links.values():
            parent = pairs[0][0]
            match = " AND ".join(f'p."{to}" = "{result.name}"."{child}"' for _, child, to in pairs)
            missing = f'NOT EXISTS (SELECT 1 FROM main."{parent}" p WHERE {match})'
            if parent == "accounts":
                conn.execute(
                    f"INSERT OR IGNORE INTO main.accounts (id, provider) SELECT DISTINCT \"{pairs[0][1]}\", '' "
                    f'FROM main."{result.name}" WHERE {missing}'
                )
            else:
                dropped += conn.execute(f'DELETE FROM main."{result.name}" WHERE {missing}').rowcount
        updated.append(TableSalvage(result.name, result.saved - dropped, result.expected))
    return updated


def _rederive_numbers(conn: sqlite3.Connection, results: list[TableSalvage]) -> list[TableSalvage]:
    """The search's list of distinct numbers (schema 2) is derived from the calls: numbers lost with their
    page come back from the saved calls, as :func:`app.store.numbers.add_numbers` would add them."""
    if "numbers" not in _tables(conn):
        return results
    conn.execute(
        "INSERT OR IGNORE INTO main.numbers (number) "
        "SELECT DISTINCT phone FROM main.calls WHERE phone IS NOT NULL AND phone <> ''"
    )
    count = _count(conn, "main", "numbers") or 0
    return [TableSalvage(r.name, count, r.expected) if r.name == "numbers" else r for r in results]


def _renumber(conn: sqlite3.Connection) -> None:
    """The hub's change sequence continues after every number still in use; the store's identity stays the
    new one (schema 5), so joined desktops notice a different store and fetch afresh."""
    if "sequence" not in _tables(conn):
        return
    top = 0
    for table in ("calls", "notes", "contacts"):
        if _has_seq(conn, table):
            top = max(top, int(conn.execute(f'SELECT coalesce(max(seq), 0) FROM main."{table}"').fetchone()[0]))
    try:
        row = conn.execute("SELECT value FROM damaged.sequence WHERE name = 'changes'").fetchone()
        top = max(top, int(row[0]) if row else 0)
    except sqlite3.DatabaseError:
        pass
    conn.execute("UPDATE main.sequence SET value = max(value, ?) WHERE name = 'changes'", (top,))


def _has_seq(conn: sqlite3.Connection, table: str) -> bool:
    return any(row[1] == "seq" for row in conn.execute(f'PRAGMA main.table_info("{table}")'))


def _has_rowid(conn: sqlite3.Connection, table: str) -> bool:
    sql = conn.execute("SELECT sql FROM main.sqlite_schema WHERE name = ?", (table,)).fetchone()[0]
    return "WITHOUT ROWID" not in str(sql).upper()


def _count(conn: sqlite3.Connection, schema: str, table: str) -> int | None:
    for query in (f'SELECT count(*) FROM {schema}."{table}"', f'SELECT count(*) FROM {schema}."{table}" NOT INDEXED'):
        try:
            return int(conn.execute(query).fetchone()[0])
        except sqlite3.DatabaseError:
            continue
    return None
