"""The local contacts out again: rows for ``ringdesk contacts list`` and a CSV file for ``contacts export``.

Why the export is the import's own format (``name, phone, phone2, …, company, email, note, responsible``,
numbers in international form): a file exported here and imported anywhere — another desktop, whatever
its region — gives the same contacts, and importing it into this store changes nothing. Its first number
is the one the contact is keyed by, so the import finds the same contact again.

Why cells are neutralised: an export is opened in a spreadsheet, where a cell starting with ``=``, ``+``,
``-`` or ``@`` is a formula (:mod:`app.core.cells`, the history export's rule). The export keeps line
breaks inside a note (a CSV field may hold them; the import reads them back), and the import takes back
exactly the apostrophe added here.
"""

from __future__ import annotations

import csv
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.core.cells import for_spreadsheet
from app.core.errors import Problem
from app.core.models import Contact
from app.services.contacts_import import clean_text
from app.store.contacts import ContactStore

TEXT_COLUMNS = ("company", "email", "note", "responsible")
LIST_COLUMNS = ("id", "name", "phones", "company", "responsible", "email", "note", "source")


@dataclass(frozen=True, slots=True)
class ExportReport:
    exported: int
    without_phone: int  # left out: the import needs a number


def contact_json(contact: Contact) -> dict[str, object]:
    """A contact as exact JSON (``contacts list --format json``): nothing neutralised or dropped."""
    return {
        "id": contact.id,
        "name": contact.name,
        "phones": [{"number": p.number, "raw": p.raw, "label": p.label} for p in contact.phones],
        "company": contact.company,
        "responsible": contact.responsible,
        "email": contact.email,
        "note": contact.note,
        "source": contact.source,
    }


def contacts(store: ContactStore, search: str = "", limit: int = 0) -> Iterator[Contact]:
    """The contacts by name (``search``: name or company contains it; ``limit`` 0: all of them)."""
    found = store.every(search, by_name=True)
    return itertools.islice(found, limit) if limit > 0 else found


def export_csv(store: ContactStore, path: Path, *, overwrite: bool = False) -> ExportReport:
    """Write every contact with a number to ``path`` (UTF-8 with BOM, as spreadsheets expect), atomically:
    a failure leaves no half file, and an existing file is replaced only when ``overwrite``."""
    if path.exists() and not overwrite:
        raise Problem(f"{path} exists already.", hint="Choose another file, or add --force to replace it.")
    width = max(1, store.most_phones())
    header = ["name", "phone", *(f"phone{i}" for i in range(2, width + 1)), *TEXT_COLUMNS]
    tmp = path.with_name(f".{path.name}.tmp")
    exported = without_phone = 0
    try:
        with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for contact in store.every():
                if not contact.phones:
                    without_phone += 1
                    continue
                numbers = [p.number for p in contact.phones] + [""] * (width - len(contact.phones))
                texts = [getattr(contact, name) for name in TEXT_COLUMNS]
                writer.writerow([spreadsheet_text(contact.name), *numbers, *(spreadsheet_text(t) for t in texts)])
                exported += 1
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise Problem(f"Cannot write {path}: {exc.strerror or exc}") from exc
    return ExportReport(exported, without_phone)


def spreadsheet_text(text: str) -> str:
    """A text cell of the export: no control characters except the line breaks of a note, and an apostrophe
    before what a spreadsheet would run as a formula (the rule of :func:`app.core.cells.for_spreadsheet`)."""
    kept = clean_text(text)  # the import's own rule: what it stores, the export writes
    flat = kept.replace("\n", " ")
    return "'" + kept if for_spreadsheet(flat) != flat else kept
