"""Small persistent values per account: sync watermarks, request budgets, generated flags."""

from __future__ import annotations

from app.store.db import Database


class StateStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, account: str, key: str, default: str | None = None) -> str | None:
        row = self.db.conn.execute(
            "SELECT value FROM sync_state WHERE account = ? AND key = ?", (account, key)
        ).fetchone()
        return default if row is None else str(row["value"])

    def set(self, account: str, key: str, value: str) -> None:
        with self.db.transaction():
            self.db.conn.execute(
                "INSERT INTO sync_state (account, key, value) VALUES (?, ?, ?) "
                "ON CONFLICT (account, key) DO UPDATE SET value = excluded.value",
                (account, key, value),
            )

    def add(self, account: str, key: str, delta: int) -> int:
        """Atomically add ``delta`` to an integer value (request counters) and return the new value."""
        with self.db.transaction():
            self.db.conn.execute(
                "INSERT INTO sync_state (account, key, value) VALUES (?, ?, ?) "
                "ON CONFLICT (account, key) DO UPDATE SET value = CAST(value AS INTEGER) + excluded.value",
                (account, key, str(delta)),
            )
            return int(self.get(account, key) or 0)
