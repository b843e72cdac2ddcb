"""The team hub's users. Only a hash of each token is kept: a copied database lets nobody in."""

from __future__ import annotations

import sqlite3

import orjson

from app.core.accounts import Role
from app.core.users import HubUser
from app.store.db import Database, now_ms


class UserStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, user: HubUser, token_hash: str) -> bool:
        """Create ``user``; False if the login exists (nothing changed)."""
        now = now_ms()
        with self.db.transaction():
            cursor = self.db.conn.execute(
                "INSERT OR IGNORE INTO users (login, name, role, token_hash, identities, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (user.login, user.name, user.role.value, token_hash, _identities(user), now, now),
            )
        return cursor.rowcount == 1

    def get(self, login: str) -> HubUser | None:
        row = self.db.conn.execute("SELECT * FROM users WHERE login = ?", (login,)).fetchone()
        return None if row is None else _user(row)

    def token_hash(self, login: str) -> str | None:
        row = self.db.conn.execute("SELECT token_hash FROM users WHERE login = ?", (login,)).fetchone()
        return None if row is None else str(row[0])

    def list(self) -> list[HubUser]:
        return [_user(row) for row in self.db.conn.execute("SELECT * FROM users ORDER BY login")]

    def set_token_hash(self, login: str, token_hash: str) -> bool:
        """Replace the user's token (the old one stops working); False if no such user."""
        with self.db.transaction():
            cursor = self.db.conn.execute(
                "UPDATE users SET token_hash = ?, updated_at = ? WHERE login = ?", (token_hash, now_ms(), login)
            )
        return cursor.rowcount == 1

    def remove(self, login: str) -> bool:
        with self.db.transaction():
            cursor = self.db.conn.execute("DELETE FROM users WHERE login = ?", (login,))
        return cursor.rowcount == 1


def _identities(user: HubUser) -> str:
    return orjson.dumps(dict(sorted(user.identities.items()))).decode()


def _user(row: sqlite3.Row) -> HubUser:
    identities = orjson.loads(row["identities"] or "{}")
    return HubUser(row["login"], Role(row["role"]), row["name"], {str(k): str(v) for k, v in identities.items()})
