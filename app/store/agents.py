"""Agents (PBX users / SIP accounts) per provider account, refreshed from the providers' lists."""

from __future__ import annotations

from app.core.models import Agent
from app.store.db import Database, now_ms


class AgentStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def replace_all(self, account: str, agents: list[Agent]) -> None:
        """The provider's current list replaces ours for that account (one transaction)."""
        with self.db.transaction():
            self.db.conn.execute("DELETE FROM agents WHERE account = ?", (account,))
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO agents (account, login, name, extension, email, online, dnd, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (account, a.login, a.name, a.extension, a.email, _flag(a.online), _flag(a.dnd), now_ms())
                    for a in agents
                ],
            )

    def list(self, account: str | None = None) -> list[Agent]:
        sql = "SELECT * FROM agents" + (" WHERE account = ?" if account else "") + " ORDER BY account, name, login"
        rows = self.db.conn.execute(sql, (account,) if account else ())
        return [
            Agent(r["account"], r["login"], r["name"], r["extension"], r["email"], _bool(r["online"]), _bool(r["dnd"]))
            for r in rows
        ]

    def name_of(self, account: str, login: str) -> str:
        """The agent's real name, or the login if we do not know it (``login@tenant`` is matched too)."""
        short = login.split("@", 1)[0]
        row = self.db.conn.execute(
            "SELECT name FROM agents WHERE account = ? AND login IN (?, ?)", (account, login, short)
        ).fetchone()
        return row["name"] if row is not None and row["name"] else login


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)
