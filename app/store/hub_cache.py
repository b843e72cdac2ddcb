"""A desktop joined to a team hub keeps a local copy of exactly what its user may see: the hub's calls, notes
and contacts as they were last streamed, and the number of the last change stored.

Why the number goes in the same transaction as the rows: after a crash or a dropped connection the desktop
asks for everything after the number it *stored*, so a change is either stored with its number or asked for
again — never lost, never half-kept. Why it is idempotent (a change applied twice changes nothing): a
reconnect may bring again what was stored just before the drop; a row is only written when the change's
number is newer than the row's, so nothing goes backwards and nothing is announced twice.

Rows: a call by (account, call_id) with the hub's facts (``codec.call_columns``) and the hub's number in
``seq``; a note under the hub's own id; a contact by source ``hub`` and ``source_id`` = the hub's id.

Whose copy it is: next to the number, the hub's identity (``hub_id``, from its hello) and the login the copy
was made for. A hub whose database was replaced numbers from 1 again, and a copy kept with higher numbers
would ignore everything it sends (every row "newer" already); a shared computer re-joined as another user
would show and resume the previous user's calls. So when the hello names another hub, another login, or a
latest number below the stored one, :meth:`meet` forgets the copy — calls, notes, contacts and the number
in one transaction — and the link asks again from 0. Which calls are the copy's: those of the provider
accounts this cache wrote (kept in ``hub_accounts``), not a standalone history kept in the same store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace

from app.core.views import CallChange, Change, ContactChange, NoteChange
from app.store.codec import CALL_COLUMNS, call_columns
from app.store.contacts import ContactStore
from app.store.db import Database, now_ms, to_ms
from app.store.numbers import add_numbers
from app.store.state import StateStore

SEQ_KEY = "hub_seq"  # in sync_state, under the hub account's id
HUB_ID_KEY = "hub_id"  # the hub the copy is of (its hello's ``hub_id``; "" before hubs sent one)
LOGIN_KEY = "hub_login"  # the user the copy was made for
ACCOUNTS_KEY = "hub_accounts"  # JSON: the provider accounts whose calls this copy holds

_INSERT_CALL = (
    f"INSERT INTO calls ({', '.join(CALL_COLUMNS)}, updated_at, seq, account, call_id) "
    f"VALUES ({', '.join('?' * (len(CALL_COLUMNS) + 4))})"
)
_UPDATE_CALL = f"UPDATE calls SET {', '.join(f'{c} = ?' for c in CALL_COLUMNS)}, updated_at = ?, seq = ? WHERE id = ?"


class HubCache:
    """The local cache of one hub account (``account``: its id in the settings, e.g. ``team``)."""

    def __init__(self, db: Database, account: str) -> None:
        self.db = db
        self.account = account
        self._state = StateStore(db)
        self._known: set[str] | None = None  # the provider accounts of the copy (read once)

    def last_seq(self) -> int:
        """The number of the last change stored (0: nothing yet)."""
        return int(self._state.get(self.account, SEQ_KEY, "0") or 0)

    def identity(self) -> tuple[str, str]:
        """(hub id, login) of the copy ("" where not known yet)."""
        return self._state.get(self.account, HUB_ID_KEY, "") or "", self._state.get(self.account, LOGIN_KEY, "") or ""

    def meet(self, hub_id: str, login: str, seq: int | None = None) -> str:
        """The hub said hello as ``hub_id`` to ``login`` with ``seq`` its latest number (None: not known, as when
        joining). If the copy is another hub's or another user's, or ahead of the hub, forget it (one
        transaction, the number back to 0) and return why; else remember who it is for and return "".

        An identity not known on either side ("": a hub before ``hub_id``, a copy before this check) is taken
        as the same."""
        with self.db.transaction():
            stored_hub, stored_login = self.identity()
            last = self.last_seq()
            reason = ""
            if hub_id and stored_hub and hub_id != stored_hub:
                reason = f"the hub is another one (its id was {stored_hub}, now {hub_id})"
            elif login and stored_login and login != stored_login:
                reason = f"the copy was {stored_login}'s, this is {login}"
            elif seq is not None and seq < last:
                reason = f"the hub's numbers started again (its latest is {seq}, this copy's {last})"
            if reason:
                self.forget()
            if hub_id:
                self._state.set(self.account, HUB_ID_KEY, hub_id)
            if login:
                self._state.set(self.account, LOGIN_KEY, login)
        return reason

    def forget(self) -> int:
        """Delete the copy — its calls (with their events and recordings' rows), the hub's notes and contacts —
        and the number, in one transaction; returns how many calls went.

        Notes carry the hub's own ids and no source: those of the copy's accounts go, and those tied to no
        account (a note on a number), which in a store joined to a hub are the hub's."""
        conn = self.db.conn
        with self.db.transaction():
            accounts = sorted(self._accounts())
            marks = ", ".join("?" * len(accounts))
            calls = 0
            if accounts:
                calls = conn.execute(f"DELETE FROM calls WHERE account IN ({marks})", accounts).rowcount
            conn.execute(f"DELETE FROM notes WHERE account = '' OR account IN ({marks})", accounts)
            conn.execute("DELETE FROM contacts WHERE source = 'hub'")
            self._state.set(self.account, SEQ_KEY, "0")
            self._state.set(self.account, ACCOUNTS_KEY, "[]")
        self._known = set()  # once committed
        return max(0, calls)

    def _accounts(self) -> set[str]:
        """The provider accounts whose calls the copy holds. A copy from before they were kept: the accounts
        the store knows only through a hub (the rows :meth:`_call` made)."""
        if self._known is None:
            stored = self._state.get(self.account, ACCOUNTS_KEY)
            if stored is None:
                rows = self.db.conn.execute("SELECT id FROM accounts WHERE provider = 'hub'")
                self._known = {str(r[0]) for r in rows}
            else:
                self._known = {str(a) for a in json.loads(stored)}
        return self._known

    def apply(
        self,
        changes: Iterable[Change],
        *,
        seq: int | None = None,
        advance: bool = True,
        ceiling: int | None = None,
    ) -> list[Change]:
        """Store ``changes`` and the last number in one transaction; returns the changes that changed a row
        (oldest first). ``seq`` moves the number further (a ``caught_up`` past the last change this user sees).
        ``advance=False`` keeps the number (a change the hub answered to a write: earlier ones may still be on
        the stream, and the stream brings this one again, which then changes nothing). ``ceiling``: the
        number never goes past it (the change after it could not be read: it is to be asked for again)."""
        applied: list[Change] = []
        with self.db.transaction():
            last = self.last_seq()
            top = last
            phones: set[str] = set()
            accounts: set[str] = set()
            for change in changes:
                top = max(top, change.seq)
                if isinstance(change, CallChange):
                    written = self._call(change)
                    accounts.add(change.call.account)
                    if written and change.call.phone:
                        phones.add(change.call.phone)
                elif isinstance(change, NoteChange):
                    written = self._note(change)
                else:
                    written = self._contact(change)
                if written:
                    applied.append(change)
            if phones:
                add_numbers(self.db.conn, phones)
            known = self._accounts()
            if not accounts <= known:
                self._state.set(self.account, ACCOUNTS_KEY, json.dumps(sorted(known | accounts)))
            top = max(top, seq or 0)
            if ceiling is not None:
                top = max(last, min(top, ceiling))
            if advance and top != last:
                self._state.set(self.account, SEQ_KEY, str(top))
        self._known = known | accounts  # once committed
        return applied

    # -- one row each ----------------------------------------------------------------------------------
    def _call(self, change: CallChange) -> bool:
        conn, call = self.db.conn, change.call
        conn.execute(
            "INSERT OR IGNORE INTO accounts (id, provider, name) VALUES (?, 'hub', '')",
            (call.account,),
        )
        row = conn.execute(
            "SELECT id, seq FROM calls WHERE account = ? AND call_id = ?", (call.account, call.call_id)
        ).fetchone()
        if row is not None and int(row["seq"]) >= change.seq:
            return False
        values = (*call_columns(call), now_ms(), change.seq)
        if row is None:
            conn.execute(_INSERT_CALL, (*values, call.account, call.call_id))
        else:
            conn.execute(_UPDATE_CALL, (*values, int(row["id"])))
        return True

    def _note(self, change: NoteChange) -> bool:
        conn, note = self.db.conn, change.note
        if note.id is None:
            return False
        row = conn.execute("SELECT seq FROM notes WHERE id = ?", (note.id,)).fetchone()
        if row is not None and int(row["seq"]) >= change.seq:
            return False
        conn.execute(
            "INSERT INTO notes (id, number, account, call_id, text, author, created_at, seq) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET number = excluded.number, "
            "account = excluded.account, call_id = excluded.call_id, text = excluded.text, "
            "author = excluded.author, created_at = excluded.created_at, seq = excluded.seq",
            (
                note.id,
                note.phone,
                note.account,
                note.call_id,
                note.text,
                note.author,
                to_ms(note.created_at),
                change.seq,
            ),
        )
        return True

    def _contact(self, change: ContactChange) -> bool:
        conn, contact = self.db.conn, change.contact
        if not contact.source_id:
            return False
        row = conn.execute(
            "SELECT id, seq FROM contacts WHERE source = 'hub' AND source_id = ?", (contact.source_id,)
        ).fetchone()
        if row is not None and int(row["seq"]) >= change.seq:
            return False
        ContactStore(self.db).write(replace(contact, source="hub"), change.seq)  # the hub's number, not a new one
        return True
