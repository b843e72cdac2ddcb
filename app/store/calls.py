"""Calls: the store's front — ingest of events (one transaction per event or per batch; the folding and
writing is :mod:`app.store.ingest`) and the history queries (newest first, keyset-paged, searchable).

Search is by any part of a number (FTS5 trigram index over the distinct numbers) or of a contact's name
or company (FTS5 trigram index over contacts), never a full scan; fragments under three characters fall
back to prefix ranges on indexed columns.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from app.core.batching import gc_paused
from app.core.callstate import Call, IngestResult
from app.core.models import CallEvent, CallStatus, Direction
from app.core.phone import search_digits
from app.core.views import CallQuery, CallRow, Cursor
from app.store.codec import FACTS_SQL, call_from_facts
from app.store.db import Database, from_ms, to_ms
from app.store.ingest import IngestBatch

# From this many contacts matching a name fragment on, walk the calls by time instead of probing per number
# (measured at 1M calls / 1M contacts: the two plans cost about the same around here).
_BROAD_NAME_MATCH = 10_000


# A row's times: the provider's whole-call figure (``reported_duration_s``), the wait, and — for a call no
# provider record covers — the talk the fold measured from our own stamps (the derived ``duration_s``
# column). The talk time itself is CallRow.talk_s, core's rule, applied on reading: a row stored before
# that rule changed reads right without being rewritten.
_ROW_SQL = """
SELECT c.id, c.account, c.call_id, c.direction, c.status, c.phone, c.line, c.agent, c.started_at,
       c.reported_duration_s, c.wait_s, c.recording_url, c.rating,
       CASE WHEN c.reported_duration_s IS NULL THEN c.duration_s END AS measured_talk_s,
       (SELECT k.name FROM contact_phones p JOIN contacts k ON k.id = p.contact
          LEFT JOIN number_choices n ON n.number = p.number AND n.contact = p.contact
         WHERE p.number = c.phone ORDER BY n.chosen_at DESC, k.id LIMIT 1) AS contact_name
FROM calls c
"""


class CallStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- writing ---------------------------------------------------------------------------------
    def ingest(self, event: CallEvent) -> IngestResult:
        """Store one event durably (one transaction) and fold it into its call; duplicates change nothing."""
        return self.ingest_many([event])[0]

    def ingest_many(self, events: Iterable[CallEvent], *, flush: bool = True) -> list[IngestResult]:
        """Store a batch (e.g. a pulled history page) in one transaction (``flush=False``: see
        :meth:`Database.transaction` — for records the provider can send again).

        Same results as :meth:`ingest` event by event, but the batch reads the known calls (and, for pushed
        events, their fingerprints) in a few queries, folds in memory, and writes with ``executemany``: a
        100,000-record gap fill costs the state machine and the index updates, not 400,000 single statements.
        """
        with gc_paused(), self.db.transaction(flush=flush):
            return IngestBatch(self.db).ingest(list(events))

    # -- reading ---------------------------------------------------------------------------------
    def get(self, account: str, call_id: str) -> Call | None:
        row = self.db.conn.execute(
            f"SELECT {FACTS_SQL} FROM calls WHERE account = ? AND call_id = ?", (account, call_id)
        ).fetchone()
        return None if row is None else call_from_facts(account, call_id, tuple(row))

    def row(self, account: str, call_id: str) -> CallRow | None:
        found = self.db.conn.execute(_ROW_SQL + " WHERE c.account = ? AND c.call_id = ?", (account, call_id)).fetchone()
        return None if found is None else _to_row(found)

    def page(self, query: CallQuery = CallQuery(), after: Cursor | None = None, limit: int = 100) -> list[CallRow]:
        """One page of calls matching ``query``, newest first, starting after ``after``."""
        where, params = _where(query, self.db.conn)
        if after is not None:
            where.append("(c.started_at < ? OR (c.started_at = ? AND c.id < ?))")
            params += [after.started_at_ms, after.started_at_ms, after.id]
        sql = _ROW_SQL
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY c.started_at DESC, c.id DESC LIMIT ?"
        params.append(limit)
        return [_to_row(r) for r in self.db.conn.execute(sql, params)]

    def count(self, query: CallQuery = CallQuery()) -> int:
        where, params = _where(query, self.db.conn)
        sql = "SELECT count(*) FROM calls c" + (" WHERE " + " AND ".join(where) if where else "")
        return int(self.db.conn.execute(sql, params).fetchone()[0])

    def count_up_to(self, query: CallQuery, limit: int) -> int:
        """How many calls match, counting no further than ``limit`` (bounded cost: the history's "10,000+")."""
        where, params = _where(query, self.db.conn)
        sql = (
            "SELECT count(*) FROM (SELECT 1 FROM calls c"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " LIMIT ?)"
        )
        return int(self.db.conn.execute(sql, [*params, max(0, limit)]).fetchone()[0])

    def recent_for_number(self, number: str, limit: int = 5) -> list[CallRow]:
        return self.page(CallQuery(phone=number), limit=limit)

    def live_with_prefix(self, prefix: str) -> list[Call]:
        """Calls still ringing or talking whose id starts with ``prefix`` (our dialer's placeholders: a few).

        Walks ``calls_by_status`` over the live calls only; an id prefix is compared in Python (a LIKE
        pattern would treat ``_`` and ``%`` in it as wildcards)."""
        rows = self.db.conn.execute(
            f"SELECT account, call_id, {FACTS_SQL} FROM calls WHERE status IN (?, ?) AND call_id >= ? AND call_id < ?",
            (CallStatus.RINGING.value, CallStatus.TALKING.value, prefix, prefix + "\U0010ffff"),
        )
        return [call_from_facts(r[0], r[1], tuple(r)[2:]) for r in rows if r[1].startswith(prefix)]

    def live_since(self, account: str, since: datetime) -> list[Call]:
        """Calls of ``account`` first stored at or after ``since`` (the dialer's look for the provider's own call
        of a dial whose answer came after the provider's first webhook)."""
        rows = self.db.conn.execute(
            f"SELECT account, call_id, {FACTS_SQL} FROM calls WHERE started_at >= ? AND account = ?",
            (to_ms(since), account),
        )
        return [call_from_facts(r[0], r[1], tuple(r)[2:]) for r in rows]

    def drop(self, account: str, call_id: str) -> bool:
        """Remove one call (its events and recording row go with it); True if it was there."""
        with self.db.transaction():
            gone = self.db.conn.execute("DELETE FROM calls WHERE account = ? AND call_id = ?", (account, call_id))
        return gone.rowcount > 0

    def stale_live(self, before: datetime) -> list[Call]:
        """Calls still ringing or talking with no news (no stored change) since before ``before``."""
        rows = self.db.conn.execute(
            f"SELECT account, call_id, {FACTS_SQL} FROM calls WHERE status IN (?, ?) AND updated_at < ?",
            (CallStatus.RINGING.value, CallStatus.TALKING.value, to_ms(before)),
        )
        return [call_from_facts(r[0], r[1], tuple(r)[2:]) for r in rows]

    def last_news(self, account: str, call_id: str) -> datetime | None:
        """When the call last changed in the store (its last event that changed anything)."""
        row = self.db.conn.execute(
            "SELECT updated_at FROM calls WHERE account = ? AND call_id = ?", (account, call_id)
        ).fetchone()
        return None if row is None else from_ms(row[0])

    def agent_identities(self, listed: Iterable[tuple[str, str]] = ()) -> list[tuple[str, str]]:
        """(account, agent) pairs the calls name. An agent whose login ``listed`` (the providers' agent lists)
        holds is taken at those accounts without a look (the distinct agents come from ``calls_by_agent``); any
        other is looked up in its own calls (typically TeleDiscount's SIP accounts, which no list names)."""
        known: dict[str, list[str]] = {}
        for account, login in listed:
            known.setdefault(login, []).append(account)
        pairs: list[tuple[str, str]] = []
        for agent in self.distinct_values("agent"):
            accounts = known.get(agent) or [
                r[0] for r in self.db.conn.execute("SELECT DISTINCT account FROM calls WHERE agent = ?", (agent,))
            ]
            pairs += [(account, agent) for account in accounts]
        return pairs

    def distinct_values(self, column: str) -> list[str]:
        """Agents or lines seen in the history, for filter menus."""
        if column not in ("agent", "line", "account"):
            raise ValueError(column)
        sql = f"SELECT DISTINCT {column} FROM calls WHERE {column} IS NOT NULL AND {column} <> '' ORDER BY 1"
        return [r[0] for r in self.db.conn.execute(sql)]


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _where(query: CallQuery, conn: sqlite3.Connection) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    text = query.text.replace("\x00", " ").strip()  # FTS5 cannot take a NUL (a pasted one must not crash)
    if text:
        clause, clause_params = _text_clause(text, conn)
        where.append(clause)
        params += clause_params
    if query.phone:
        where.append("c.phone = ?")
        params.append(query.phone)
    if query.direction is not None:
        where.append("c.direction = ?")
        params.append(query.direction.value)
    if query.statuses:
        # One status as "=": then calls_by_status also gives the newest-first order (no walk of the table).
        where.append(
            "c.status = ?" if len(query.statuses) == 1 else f"c.status IN ({', '.join('?' * len(query.statuses))})"
        )
        params += [s.value for s in query.statuses]
    for column in ("agent", "line", "account"):
        value = getattr(query, column)
        if value:
            where.append(f"c.{column} = ?")
            params.append(value)
    if query.since is not None:
        where.append("c.started_at >= ?")
        params.append(to_ms(query.since))
    if query.until is not None:
        where.append("c.started_at < ?")
        params.append(to_ms(query.until))
    if query.accounts_agents:  # an empty agent stands for "names no agent" (NULL or '')
        pairs = " OR ".join(
            "(c.account = ? AND c.agent = ?)" if agent else "(c.account = ? AND (c.agent IS NULL OR c.agent = ''))"
            for _, agent in query.accounts_agents
        )
        where.append(f"({pairs})")
        for account, agent in query.accounts_agents:
            params += [account, agent] if agent else [account]
    return where, params


def _text_clause(text: str, conn: sqlite3.Connection) -> tuple[str, list[object]]:
    """Numbers containing the digits of ``text``, or calls of contacts whose name/company contains it.

    Two plans, chosen by how many contacts the fragment matches (an FTS count, stopped at the threshold):
    a rare name ("Kowalski 1234") goes through the trigram index to its few numbers and their calls; a broad
    one ("Kowal" in a million-contact CRM, 1 in 8) walks the calls newest-first and checks each call's
    contact, which finds a page of matches after a few hundred calls instead of collecting 125,000 numbers.
    """
    digits = search_digits(text)
    parts: list[str] = []
    params: list[object] = []
    if len(digits) >= 3:
        parts.append(
            "c.phone IN (SELECT number FROM numbers WHERE id IN "
            "(SELECT rowid FROM numbers_fts WHERE numbers_fts MATCH ?))"
        )
        params.append(_fts_phrase(digits))
    elif digits and digits == text.lstrip("+"):
        parts.append("(c.phone >= ? AND c.phone < ?)")
        params += ["+" + digits, "+" + digits[:-1] + chr(ord(digits[-1]) + 1)]
    if len(text) >= 3 and not text.lstrip("+").replace(" ", "").isdigit():
        phrase = _fts_phrase(text)
        matches = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM contacts_fts WHERE contacts_fts MATCH ? LIMIT ?)",
            (phrase, _BROAD_NAME_MATCH),
        ).fetchone()[0]
        if matches >= _BROAD_NAME_MATCH:
            parts.append(
                "EXISTS (SELECT 1 FROM contact_phones p JOIN contacts k ON k.id = p.contact "
                "WHERE p.number = c.phone AND (rd_contains(k.name, ?) OR rd_contains(k.company, ?)))"
            )
            params += [text, text]
        else:
            parts.append(
                "c.phone IN (SELECT p.number FROM contact_phones p WHERE p.contact IN "
                "(SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?))"
            )
            params.append(phrase)
    elif len(text) < 3 and not digits:
        parts.append(
            "c.phone IN (SELECT p.number FROM contact_phones p JOIN contacts k ON k.id = p.contact "
            "WHERE k.name LIKE ? ESCAPE '\\')"
        )
        params.append(text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if not parts:
        return "0", []
    return "(" + " OR ".join(parts) + ")", params


def _to_row(r: sqlite3.Row) -> CallRow:
    return CallRow(
        id=int(r["id"]),
        account=r["account"],
        call_id=r["call_id"],
        direction=Direction(r["direction"]) if r["direction"] else None,
        status=CallStatus(r["status"]),
        phone=r["phone"] or "",
        contact_name=r["contact_name"] or "",
        line=r["line"] or "",
        agent=r["agent"] or "",
        started_at=from_ms(r["started_at"]),  # type: ignore[arg-type]
        duration_s=r["reported_duration_s"],
        wait_s=r["wait_s"],
        recording_url=r["recording_url"] or "",
        rating=r["rating"],
        measured_talk_s=r["measured_talk_s"],
    )
