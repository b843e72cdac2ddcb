"""Contacts and their phones, indexed by normalised number for the PBX's "who is calling?" question.

The look-up is one indexed probe (``contact_phones_by_number``), so it answers in microseconds even with
a million contacts. When several contacts share a number, the one an agent chose last for that number
wins (``number_choices``), then the oldest.

A contact's phones come back in a stable order: the one it is keyed by (``source_id``, an import's first
number) first, then by number. The table keeps no order of its own (its key is contact and number), and an
export must write the keyed number first so that importing it finds the same contact again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from enum import StrEnum

from app.core.models import Contact, ContactPhone
from app.core.views import ContactMatch
from app.store.db import Database, now_ms


class Saved(StrEnum):
    """What :meth:`ContactStore.save_many` did with one contact."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"  # the same contact is there already: nothing written, no change sent to a team


class ContactStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def upsert(self, contact: Contact) -> tuple[int, bool]:
        """Insert or update (matched on ``source`` + ``source_id`` when set). Returns (id, created)."""
        with self.db.transaction():
            return self._upsert(contact)

    def write(self, contact: Contact, seq: int) -> int:
        """Insert or update ``contact`` under the change number ``seq`` (in the caller's transaction)."""
        return self._upsert(contact, seq)[0]

    def upsert_many(self, contacts: list[Contact]) -> list[tuple[int, bool]]:
        """Insert or update a batch in one transaction (imports, CCRM sync)."""
        with self.db.transaction():
            return [self._upsert(contact) for contact in contacts]

    def save_many(self, contacts: list[Contact]) -> list[Saved]:
        """Like :meth:`upsert_many`, but a contact that is there already as it is (its key, or — from another
        source — its first number and name, with the same fields) is left alone: re-importing a file, or
        an export of this very store, changes nothing and says so."""
        results: list[Saved] = []
        with self.db.transaction():
            for contact in contacts:
                existing = self._same(contact)
                if existing is not None:
                    contact.id = existing
                    results.append(Saved.UNCHANGED)
                    continue
                results.append(Saved.CREATED if self._upsert(contact)[1] else Saved.UPDATED)
        return results

    def _same(self, contact: Contact) -> int | None:
        """The id of a stored contact equal to ``contact`` (fields and numbers; not how the numbers were
        written), found by its key or else by its first number; None when there is none."""
        conn = self.db.conn
        rows = []
        if contact.source_id:
            rows = conn.execute(
                "SELECT * FROM contacts WHERE source = ? AND source_id = ? AND source_id <> ''",
                (contact.source, contact.source_id),
            ).fetchall()
        if not rows and contact.phones:
            rows = conn.execute(
                "SELECT k.* FROM contact_phones p JOIN contacts k ON k.id = p.contact "
                "WHERE p.number = ? AND k.name = ?",
                (contact.phones[0].number, contact.name),
            ).fetchall()
        wanted = {p.number for p in contact.phones if p.number}
        fields = (contact.name, contact.company, contact.email, contact.note, contact.responsible)
        for row in rows:
            stored = (row["name"], row["company"], row["email"], row["note"], row["responsible"])
            if stored == fields and {p.number for p in self._phones(int(row["id"]))} == wanted:
                return int(row["id"])
        return None

    def _upsert(self, contact: Contact, seq: int | None = None) -> tuple[int, bool]:
        """Insert or update inside the caller's transaction; ``seq``: the change's number when it was given
        elsewhere (a desktop's copy of the hub's contact keeps the hub's number), else a new one here."""
        conn = self.db.conn
        existing = None
        if contact.source_id:
            existing = conn.execute(
                "SELECT id FROM contacts WHERE source = ? AND source_id = ? AND source_id <> ''",
                (contact.source, contact.source_id),
            ).fetchone()
        if seq is None:
            seq = self.db.take_seqs()  # every desktop of a hub gets the change (schema 4)
        fields = (contact.name, contact.company, contact.email, contact.note, contact.responsible, now_ms(), seq)
        if existing is None:
            cursor = conn.execute(
                "INSERT INTO contacts (name, company, email, note, responsible, updated_at, seq, source, source_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*fields, contact.source, contact.source_id),
            )
            contact_id, created = int(cursor.lastrowid or 0), True
        else:
            contact_id, created = int(existing["id"]), False
            conn.execute(
                "UPDATE contacts SET name = ?, company = ?, email = ?, note = ?, responsible = ?, updated_at = ?, "
                "seq = ? WHERE id = ?",
                (*fields, contact_id),
            )
            conn.execute("DELETE FROM contact_phones WHERE contact = ?", (contact_id,))
        conn.executemany(
            "INSERT OR IGNORE INTO contact_phones (contact, number, raw, label) VALUES (?, ?, ?, ?)",
            [(contact_id, p.number, p.raw, p.label) for p in contact.phones if p.number],
        )
        contact.id = contact_id
        return contact_id, created

    def lookup(self, number: str) -> ContactMatch | None:
        """The contact for a normalised number (the agent's last choice first), or None."""
        row = self.db.conn.execute(
            "SELECT k.id, k.name, k.company, k.responsible, k.note FROM contact_phones p "
            "JOIN contacts k ON k.id = p.contact "
            "LEFT JOIN number_choices n ON n.number = p.number AND n.contact = p.contact "
            "WHERE p.number = ? ORDER BY n.chosen_at DESC, k.id LIMIT 1",
            (number,),
        ).fetchone()
        return None if row is None else _match(row)

    def candidates(self, number: str) -> list[ContactMatch]:
        """Every contact with this number, preferred first (for "which of them is calling?")."""
        rows = self.db.conn.execute(
            "SELECT k.id, k.name, k.company, k.responsible, k.note FROM contact_phones p "
            "JOIN contacts k ON k.id = p.contact "
            "LEFT JOIN number_choices n ON n.number = p.number AND n.contact = p.contact "
            "WHERE p.number = ? ORDER BY n.chosen_at DESC, k.id",
            (number,),
        ).fetchall()
        return [_match(r) for r in rows]

    def choose(self, number: str, contact_id: int) -> None:
        """Remember that the agent picked this contact for this number."""
        with self.db.transaction():
            self.db.conn.execute(
                "INSERT INTO number_choices (number, contact, chosen_at) VALUES (?, ?, ?) "
                "ON CONFLICT (number) DO UPDATE SET contact = excluded.contact, chosen_at = excluded.chosen_at",
                (number, contact_id, now_ms()),
            )

    def get(self, contact_id: int) -> Contact | None:
        row = self.db.conn.execute("SELECT * FROM contacts WHERE id = ?", (contact_id,)).fetchone()
        if row is None:
            return None
        return _contact(row, self._phones(contact_id))

    def _phones(self, contact_id: int) -> list[ContactPhone]:
        """The phones of a contact, the one it is keyed by first (see the module docstring)."""
        return self._phones_of([contact_id]).get(contact_id, [])

    def every(self, text: str = "", *, by_name: bool = False, batch: int = 1000) -> Iterator[Contact]:
        """Every contact with its phones (``text``: only those whose name or company contains it, as
        :meth:`search` finds them), in the order they were added — or by name — read ``batch`` at a time
        (a million contacts never sit in memory at once)."""
        only = ""
        params: tuple[object, ...] = ()
        if text.strip():
            only = "AND id IN (SELECT value FROM json_each(?))"
            params = (json_ids([m.id for m in self.search(text, limit=-1)]),)
        after: tuple[object, ...] = ("", 0) if by_name else (0,)
        while True:
            if by_name:
                sql = f"SELECT * FROM contacts WHERE (name COLLATE NOCASE, id) > (?, ?) {only} "
                sql += "ORDER BY name COLLATE NOCASE, id LIMIT ?"
            else:
                sql = f"SELECT * FROM contacts WHERE id > ? {only} ORDER BY id LIMIT ?"
            rows = self.db.conn.execute(sql, (*after, *params, batch)).fetchall()
            if not rows:
                return
            last = rows[-1]
            after = (last["name"], last["id"]) if by_name else (last["id"],)
            phones = self._phones_of([int(r["id"]) for r in rows])
            for row in rows:
                yield _contact(row, phones.get(int(row["id"]), []))

    def _phones_of(self, contact_ids: list[int]) -> dict[int, list[ContactPhone]]:
        """The phones of many contacts in one query, each contact's keyed number first."""
        found: dict[int, list[ContactPhone]] = {}
        for p in self.db.conn.execute(
            "SELECT p.contact, p.number, p.raw, p.label FROM contact_phones p JOIN contacts k ON k.id = p.contact "
            "WHERE p.contact IN (SELECT value FROM json_each(?)) ORDER BY p.contact, p.number <> k.source_id, p.number",
            (json_ids(contact_ids),),
        ):
            found.setdefault(int(p["contact"]), []).append(ContactPhone(p["number"], p["raw"], p["label"]))
        return found

    def search(self, text: str, limit: int = 20) -> list[ContactMatch]:
        """Contacts whose name or company contains ``text`` (3+ characters; shorter: name prefix)."""
        text = text.strip()
        if len(text) >= 3:
            sql = (
                "SELECT k.id, k.name, k.company, k.responsible, k.note FROM contacts k WHERE k.id IN "
                "(SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?) ORDER BY k.name LIMIT ?"
            )
            params: tuple[object, ...] = ('"' + text.replace('"', '""') + '"', limit)
        else:
            sql = (
                "SELECT k.id, k.name, k.company, k.responsible, k.note FROM contacts k "
                "WHERE k.name LIKE ? ESCAPE '\\' ORDER BY k.name LIMIT ?"
            )
            params = (text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", limit)
        return [_match(r) for r in self.db.conn.execute(sql, params)]

    def most_phones(self) -> int:
        """The most phones one contact has (how many phone columns an export needs)."""
        row = self.db.conn.execute(
            "SELECT max(n) FROM (SELECT count(*) AS n FROM contact_phones GROUP BY contact)"
        ).fetchone()
        return int(row[0] or 0)

    def count(self) -> int:
        return int(self.db.conn.execute("SELECT count(*) FROM contacts").fetchone()[0])


def json_ids(ids: list[int]) -> str:
    """Ids as a JSON array, bound as one parameter (``json_each``) however many there are."""
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def _match(row: sqlite3.Row) -> ContactMatch:
    return ContactMatch(int(row["id"]), row["name"], row["company"], row["responsible"], row["note"])


def _contact(row: sqlite3.Row, phones: list[ContactPhone]) -> Contact:
    """A contact from its ``contacts`` row and its phones."""
    return Contact(
        name=row["name"],
        phones=phones,
        company=row["company"],
        email=row["email"],
        note=row["note"],
        responsible=row["responsible"],
        source=row["source"],
        source_id=row["source_id"],
        id=row["id"],
    )
