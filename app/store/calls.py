"""Calls: idempotent ingest of events, and the history queries (newest first, keyset-paged, searchable).

Ingest is one transaction per event (or per batch, for pulled history): the event is folded into the
call's facts by the state machine and the call row is upserted on (account, provider call id). Nothing is
visible until it is committed.

The event log (``call_events``) keeps what was *pushed* (webhooks) or done here (our dialer), each message
once: a webhook retry has the same fingerprint and is a duplicate. A *pulled* history record is not logged:
it is the provider's own record of the call, fetched again by every overlapping sync run, and the call row
already holds all it says. It is folded like any event, and is a duplicate when it changes nothing (the
fold is idempotent). Logging them cost 0.85 s of a 100,000-record gap fill (measured) for no new fact.

Search is by any part of a number (FTS5 trigram index over the distinct numbers) or of a contact's name
or company (FTS5 trigram index over contacts), never a full scan; fragments under three characters fall
back to prefix ranges on indexed columns.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from app.core.batching import gc_paused
from app.core.callstate import Call, apply
from app.core.models import CallEvent, CallStatus, Direction, EventSource
from app.core.phone import search_digits
from app.store.codec import CALL_COLUMNS, FACT_COLUMNS, call_columns, call_from_facts, to_json
from app.store.db import Database, from_ms, now_ms, to_ms
from app.store.numbers import add_numbers

# Fields of a provider message that change between retries of the same message and must not make a
# retry look like a new event.
# From this many contacts matching a name fragment on, walk the calls by time instead of probing per number
# (measured at 1M calls / 1M contacts: the two plans cost about the same around here).
_BROAD_NAME_MATCH = 10_000
_VOLATILE = frozenset({"crm_token", "token", "abonent_api_key", "api_key"})


@dataclass(frozen=True, slots=True)
class IngestResult:
    call: Call
    is_new_call: bool
    is_duplicate: bool
    previous_status: CallStatus | None


@dataclass(frozen=True, slots=True)
class CallRow:
    """One line of the history: the call as the user sees it."""

    id: int
    account: str
    call_id: str
    direction: Direction | None
    status: CallStatus
    phone: str
    contact_name: str
    line: str
    agent: str
    started_at: datetime
    duration_s: int | None
    wait_s: int | None
    recording_url: str
    rating: int | None

    @property
    def cursor(self) -> Cursor:
        return Cursor(to_ms(self.started_at) or 0, self.id)

    def to_json(self) -> dict[str, object]:
        """The documented JSON shape of ``ringdesk history --format json``."""
        return {
            "account": self.account,
            "call_id": self.call_id,
            "direction": self.direction.value if self.direction else None,
            "status": self.status.value,
            "phone": self.phone,
            "contact_name": self.contact_name or None,
            "line": self.line or None,
            "agent": self.agent or None,
            "started_at": self.started_at.isoformat().replace("+00:00", "Z"),
            "duration_s": self.duration_s,
            "wait_s": self.wait_s,
            "recording_url": self.recording_url or None,
        }


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page ended: the next page starts strictly after this (newest-first order)."""

    started_at_ms: int
    id: int


@dataclass(frozen=True, slots=True)
class CallQuery:
    """Filters of the history. Empty fields filter nothing."""

    text: str = ""  # any part of a number, or of a contact's name/company
    phone: str = ""  # exactly this normalised number
    direction: Direction | None = None
    statuses: tuple[CallStatus, ...] = ()
    agent: str = ""
    line: str = ""
    account: str = ""
    since: datetime | None = None
    until: datetime | None = None
    accounts_agents: tuple[tuple[str, str], ...] = field(default=())  # restrict to (account, agent) pairs


_ROW_SQL = """
SELECT c.id, c.account, c.call_id, c.direction, c.status, c.phone, c.line, c.agent, c.started_at,
       c.duration_s, c.wait_s, c.recording_url, c.rating,
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
            return _Batch(self.db.conn).ingest(list(events))

    # -- reading ---------------------------------------------------------------------------------
    def get(self, account: str, call_id: str) -> Call | None:
        row = self.db.conn.execute(
            f"SELECT {_FACTS} FROM calls WHERE account = ? AND call_id = ?", (account, call_id)
        ).fetchone()
        return None if row is None else call_from_facts(account, call_id, tuple(row))

    def row(self, account: str, call_id: str) -> CallRow | None:
        found = self.db.conn.execute(
            _ROW_SQL + " WHERE c.account = ? AND c.call_id = ?", (account, call_id)
        ).fetchone()
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
        sql = ("SELECT count(*) FROM (SELECT 1 FROM calls c" + (" WHERE " + " AND ".join(where) if where else "")
               + " LIMIT ?)")
        return int(self.db.conn.execute(sql, [*params, max(0, limit)]).fetchone()[0])

    def recent_for_number(self, number: str, limit: int = 5) -> list[CallRow]:
        return self.page(CallQuery(phone=number), limit=limit)

    def distinct_values(self, column: str) -> list[str]:
        """Agents or lines seen in the history, for filter menus."""
        if column not in ("agent", "line", "account"):
            raise ValueError(column)
        sql = f"SELECT DISTINCT {column} FROM calls WHERE {column} IS NOT NULL AND {column} <> '' ORDER BY 1"
        return [r[0] for r in self.db.conn.execute(sql)]

    def stale_live_calls(self, older_than: datetime) -> list[Call]:
        """Calls still ringing/talking since before ``older_than`` (their end was never pushed)."""
        rows = self.db.conn.execute(
            f"SELECT account, call_id, {_FACTS} FROM calls WHERE status IN ('ringing', 'talking') AND updated_at < ?",
            (to_ms(older_than),),
        ).fetchall()
        return [call_from_facts(r[0], r[1], tuple(r)[2:]) for r in rows]


_FACTS = ", ".join(FACT_COLUMNS)
_INSERT_CALL = (f"INSERT INTO calls ({', '.join(CALL_COLUMNS)}, updated_at, account, call_id, id) "
                f"VALUES ({', '.join('?' * (len(CALL_COLUMNS) + 4))})")
_UPDATE_CALL = f"UPDATE calls SET {', '.join(f'{c} = ?' for c in CALL_COLUMNS)}, updated_at = ? WHERE id = ?"
_INSERT_EVENT = "INSERT INTO call_events (call, kind, source, at, fingerprint, payload) VALUES (?, ?, ?, ?, ?, ?)"


def _event_row(call_row: int, event: CallEvent, fingerprint: str) -> tuple[object, ...]:
    return (call_row, event.kind.value, event.source.value, to_ms(event.at), fingerprint,
            to_json(dict(event.raw)))


@dataclass(slots=True)
class _Pending:
    """One call of a batch: its row (if stored), its facts so far, and what the batch changes."""

    row_id: int | None
    facts: tuple[object, ...] | None  # the stored values of FACT_COLUMNS
    status: CallStatus | None
    fingerprints: set[str]
    call: Call | None = None
    changed: bool = False
    logged: list[tuple[CallEvent, str]] = field(default_factory=list)  # new rows of the event log


class _Batch:
    """:meth:`CallStore.ingest_many`'s set-wise path (see its docstring)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def ingest(self, events: list[CallEvent]) -> list[IngestResult]:
        keys = [(e.account, e.call_id) for e in events]
        pending = self._load(list(dict.fromkeys(keys)),  # new rows keep arrival order
                             with_fingerprints=any(e.source is not EventSource.PULL for e in events))
        results: list[IngestResult] = []
        append = results.append
        for event, key in zip(events, keys, strict=True):
            item = pending[key]
            call = item.call
            if call is None and item.facts is not None:
                call = item.call = call_from_facts(event.account, event.call_id, item.facts)
            before = item.status
            logged = event.source is not EventSource.PULL
            if logged:
                fingerprint = event_fingerprint(event)
                if fingerprint in item.fingerprints:
                    append(IngestResult(call, False, True, before))  # type: ignore[arg-type]
                    continue
            folded = apply(call, event)
            if not logged and folded == call:  # a pulled record that tells nothing new
                append(IngestResult(call, False, True, before))  # type: ignore[arg-type]
                continue
            if logged:
                item.fingerprints.add(fingerprint)
                item.logged.append((event, fingerprint))
            first = item.row_id is None and not item.changed
            item.call, item.status, item.changed = folded, folded.status, True
            append(IngestResult(folded, first, False, before))
        self._write([item for item in pending.values() if item.changed])
        return results

    def _load(self, keys: list[tuple[str, str]], *, with_fingerprints: bool) -> dict[tuple[str, str], _Pending]:
        """The batch's calls as stored and, if it has events to log, the fingerprints of their logged events:
        one query per account (the keys go in as one JSON array; ``IN`` over ``json_each`` probes the
        unique index per key)."""
        pending = {key: _Pending(None, None, None, set()) for key in keys}
        by_row: dict[int, _Pending] = {}
        for account, call_ids in _by_account(keys).items():
            rows = self.conn.execute(
                f"SELECT id, call_id, status, {_FACTS} FROM calls WHERE account = ? AND call_id IN "
                "(SELECT value FROM json_each(?))", (account, to_json(call_ids)))
            for row in rows:
                row_id, call_id, status, *facts = row
                item = pending[(account, call_id)]
                item.row_id, item.facts, item.status = row_id, tuple(facts), CallStatus(status)
                by_row[row_id] = item
        if by_row and with_fingerprints:
            for call, fingerprint in self.conn.execute(
                    "SELECT call, fingerprint FROM call_events WHERE call IN (SELECT value FROM json_each(?))",
                    (to_json(list(by_row)),)):
                by_row[call].fingerprints.add(fingerprint)
        return pending

    def _write(self, changed: list[_Pending]) -> None:
        """New calls get their ids here, ``max(id) + 1`` on in batch order — what SQLite would choose for a
        rowid table inside this one writer's transaction — so no query has to look them up afterwards."""
        now = now_ms()
        new = [item for item in changed if item.row_id is None]
        known = [item for item in changed if item.row_id is not None]
        if new:
            last = self.conn.execute("SELECT coalesce(max(id), 0) FROM calls").fetchone()[0]
            for offset, item in enumerate(new, start=1):
                item.row_id = last + offset
            self.conn.executemany(_INSERT_CALL, [(*call_columns(i.call), now, i.call.account, i.call.call_id,  # type: ignore[arg-type, union-attr]
                                                  i.row_id) for i in new])
        self.conn.executemany(_UPDATE_CALL, [(*call_columns(i.call), now, i.row_id)  # type: ignore[arg-type]
                                             for i in known])
        self.conn.executemany(_INSERT_EVENT, [_event_row(i.row_id, e, f) for i in changed for e, f in i.logged])  # type: ignore[arg-type]
        if new:  # the new rows' numbers, read by SQL (a gap fill brings 100,000 of them)
            add_numbers(self.conn, calls_after=last)
        if known:
            add_numbers(self.conn, {i.call.phone for i in known if i.call and i.call.phone})


def _by_account(keys: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    by_account: dict[str, list[str]] = {}
    for account, call_id in keys:
        by_account.setdefault(account, []).append(call_id)
    return by_account


def event_fingerprint(event: CallEvent) -> str:
    """Same provider message → same fingerprint, whenever it arrives (retries are duplicates)."""
    payload = [event.kind, event.agent or "", event.status or ""]  # StrEnum members join as their text
    if event.raw:
        payload += [f"{k}={v}" for k, v in sorted(event.raw) if k not in _VOLATILE]
    else:
        payload += [str(x) for x in (event.phone, event.duration_s, event.recording_url, event.rating)]
    return hashlib.blake2b("\x1f".join(payload).encode(), digest_size=12).hexdigest()


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
        where.append("c.status = ?" if len(query.statuses) == 1 else
                     f"c.status IN ({', '.join('?' * len(query.statuses))})")
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
    if query.accounts_agents:
        pairs = " OR ".join("(c.account = ? AND c.agent = ?)" for _ in query.accounts_agents)
        where.append(f"({pairs})")
        for account, agent in query.accounts_agents:
            params += [account, agent]
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
        parts.append("c.phone IN (SELECT number FROM numbers WHERE id IN "
                     "(SELECT rowid FROM numbers_fts WHERE numbers_fts MATCH ?))")
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
            parts.append("EXISTS (SELECT 1 FROM contact_phones p JOIN contacts k ON k.id = p.contact "
                         "WHERE p.number = c.phone AND (rd_contains(k.name, ?) OR rd_contains(k.company, ?)))")
            params += [text, text]
        else:
            parts.append("c.phone IN (SELECT p.number FROM contact_phones p WHERE p.contact IN "
                         "(SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?))")
            params.append(phrase)
    elif len(text) < 3 and not digits:
        parts.append("c.phone IN (SELECT p.number FROM contact_phones p JOIN contacts k ON k.id = p.contact "
                     "WHERE k.name LIKE ? ESCAPE '\\')")
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
        duration_s=r["duration_s"],
        wait_s=r["wait_s"],
        recording_url=r["recording_url"] or "",
        rating=r["rating"],
    )
