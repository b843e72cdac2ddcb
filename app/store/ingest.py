"""Folding a batch of events into their calls and writing them set-wise — the path of every stored event
(a webhook is a batch of one; the receiver's group commit and a history pull are larger ones).

The batch reads the known calls (and, for pushed events, their fingerprints) in a few queries, folds in
memory with the state machine, and writes with ``executemany``: a 100,000-record gap fill costs the fold
and the index updates, not 400,000 single statements. New calls are numbered here, ``max(id) + 1`` on in
batch order — what SQLite would choose for a rowid table inside this one writer's transaction — so no
query has to read their ids back.

The event log (``call_events``) keeps what was *pushed* (webhooks) or done here (our dialer), each message
once: a webhook retry has the same fingerprint and is a duplicate. A *pulled* history record is not logged:
it is the provider's own record of the call, fetched again by every overlapping sync run, and the call row
already holds all it says. It is folded like any event, and is a duplicate when it changes nothing: folding
an event again never changes a call (see ``app.core.callstate``), so a re-pull is recognised by that alone.
Logging them cost 0.85 s of a 100,000-record gap fill (measured) for no new fact.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from app.core.callstate import Call, IngestResult, apply
from app.core.models import CallEvent, CallStatus, EventSource
from app.store.codec import CALL_COLUMNS, FACTS_SQL, call_columns, call_from_facts, to_json
from app.store.db import Database, now_ms, to_ms
from app.store.numbers import add_numbers

# Fields of a provider message that change between retries of the same message and must not make a
# retry look like a new event.
_VOLATILE = frozenset({"crm_token", "token", "abonent_api_key", "api_key"})


_INSERT_CALL = (
    f"INSERT INTO calls ({', '.join(CALL_COLUMNS)}, updated_at, seq, account, call_id, id) "
    f"VALUES ({', '.join('?' * (len(CALL_COLUMNS) + 5))})"
)
_UPDATE_CALL = f"UPDATE calls SET {', '.join(f'{c} = ?' for c in CALL_COLUMNS)}, updated_at = ?, seq = ? WHERE id = ?"
_INSERT_EVENT = "INSERT INTO call_events (call, kind, source, at, fingerprint, payload) VALUES (?, ?, ?, ?, ?, ?)"


def _event_row(call_row: int, event: CallEvent, fingerprint: str) -> tuple[object, ...]:
    return (call_row, event.kind.value, event.source.value, to_ms(event.at), fingerprint, to_json(dict(event.raw)))


@dataclass(slots=True)
class _Pending:
    """One call of a batch: its row (if stored), its facts so far, and what the batch changes."""

    row_id: int | None
    facts: tuple[object, ...] | None  # the stored values of FACT_COLUMNS
    status: CallStatus | None
    fingerprints: set[str]  # of the logged events already folded in (loaded when the batch has events to log)
    call: Call | None = None
    changed: bool = False
    seq: int = 0  # the change's number, once written
    logged: list[tuple[CallEvent, str]] = field(default_factory=list)  # new rows of the event log


class IngestBatch:
    """One batch of events folded into its calls and written set-wise (see the module docstring)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.conn = db.conn

    def ingest(self, events: list[CallEvent]) -> list[IngestResult]:
        keys = [(e.account, e.call_id) for e in events]
        pending = self._load(
            list(dict.fromkeys(keys)),  # new rows keep arrival order
            with_fingerprints=any(e.source is not EventSource.PULL for e in events),
        )
        results: list[IngestResult] = []
        append = results.append
        numbered: list[tuple[int, _Pending, bool]] = []  # every change: (its result, its call, pushed?)
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
            if not logged and folded == call:  # a pulled record that tells nothing new (folding is idempotent)
                append(IngestResult(call, False, True, before))
                continue
            if logged:
                item.fingerprints.add(fingerprint)
                item.logged.append((event, fingerprint))
            first = item.row_id is None and not item.changed
            item.call, item.status, item.changed = folded, folded.status, True
            numbered.append((len(results), item, logged))
            append(IngestResult(folded, first, False, before))
        if numbered:
            # Every change gets its own number, in arrival order, and a call's row keeps its last one: a call
            # that changed twice in one batch is announced twice, each state with its number, so a desktop
            # that got the first never mistakes it for the last (schema 4).
            first_seq = self.db.take_seqs(len(numbered))
            for offset, (index, item, pushed) in enumerate(numbered):
                item.seq = first_seq + offset
                if pushed:  # pushed events are announced one by one, with their change's number
                    results[index] = replace(results[index], seq=item.seq)
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
                f"SELECT id, call_id, status, {FACTS_SQL} FROM calls WHERE account = ? AND call_id IN "
                "(SELECT value FROM json_each(?))",
                (account, to_json(call_ids)),
            )
            for row in rows:
                row_id, call_id, status, *facts = row
                item = pending[(account, call_id)]
                item.row_id, item.facts, item.status = row_id, tuple(facts), CallStatus(status)
                by_row[row_id] = item
        if by_row and with_fingerprints:
            for call, fingerprint in self.conn.execute(
                "SELECT call, fingerprint FROM call_events WHERE call IN (SELECT value FROM json_each(?))",
                (to_json(list(by_row)),),
            ):
                by_row[call].fingerprints.add(fingerprint)
        return pending

    def _write(self, changed: list[_Pending]) -> None:
        """Insert the new calls (numbered here: see the module docstring), update the known ones, log."""
        now = now_ms()
        new = [(item, _folded(item)) for item in changed if item.row_id is None]
        known = [(item, _folded(item)) for item in changed if item.row_id is not None]
        last = 0
        if new:
            last = self.conn.execute("SELECT coalesce(max(id), 0) FROM calls").fetchone()[0]
            for offset, (item, _) in enumerate(new, start=1):
                item.row_id = last + offset
            self.conn.executemany(
                _INSERT_CALL,
                [(*call_columns(call), now, i.seq, call.account, call.call_id, i.row_id) for i, call in new],
            )
        self.conn.executemany(_UPDATE_CALL, [(*call_columns(call), now, i.seq, i.row_id) for i, call in known])
        self.conn.executemany(_INSERT_EVENT, [_event_row(i.row_id or 0, e, f) for i in changed for e, f in i.logged])
        if new:  # the new rows' numbers, read by SQL (a gap fill brings 100,000 of them)
            add_numbers(self.conn, calls_after=last)
        if known:
            add_numbers(self.conn, {call.phone for _, call in known if call.phone})


def _folded(item: _Pending) -> Call:
    """A changed item's call (a changed item always has one: it was just folded)."""
    assert item.call is not None
    return item.call


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
    return hashlib.blake2b("\x1f".join(payload).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
