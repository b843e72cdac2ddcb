"""Importing contacts from CSV (Excel exports included) and vCard files.

CSV: a header row; ``name`` and ``phone`` required; ``responsible``, ``company``, ``email``, ``note``
optional; more numbers as ``phone2``, ``phone3``, … (any column starting with ``phone``). Comma or
semicolon separated (Polish and Russian Excel write ``;``), UTF-8 with or without BOM.

Each good row is stored; each bad row is reported with its line number and the reason, and nothing
already accepted is lost. A contact is keyed by its first number (``source = "import"``), so importing
the same file again updates the contacts instead of duplicating them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.core.errors import Problem
from app.core.models import Contact, ContactPhone
from app.core.phone import normalize
from app.store.contacts import ContactStore

IMPORT_SOURCE = "import"
_BATCH = 2000


@dataclass(frozen=True, slots=True)
class Rejected:
    line: int
    reason: str


@dataclass(slots=True)
class ImportReport:
    imported: int = 0
    updated: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.imported + self.updated


def import_file(path: Path, store: ContactStore, region: str) -> ImportReport:
    """Import ``path`` (``.vcf`` / ``.vcard`` as vCard, anything else as CSV) into ``store``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Problem(f"Cannot read {path}: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Problem(f"{path.name} is not UTF-8 text.", hint="Save it as 'CSV UTF-8' and import again.") from exc
    rows = read_vcard(text, region) if path.suffix.lower() in (".vcf", ".vcard") else read_csv(text, region)
    report = ImportReport()
    batch: list[Contact] = []
    for item in rows:
        if isinstance(item, Rejected):
            report.rejected.append(item)
            continue
        batch.append(item)
        if len(batch) >= _BATCH:
            _store(batch, store, report)
    _store(batch, store, report)
    return report


def _store(batch: list[Contact], store: ContactStore, report: ImportReport) -> None:
    for _, created in store.upsert_many(batch):
        if created:
            report.imported += 1
        else:
            report.updated += 1
    batch.clear()


def read_csv(text: str, region: str) -> Iterator[Contact | Rejected]:
    """Contacts (or rejections with their line numbers) from CSV text."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise Problem("The file is empty.") from None
    missing = [name for name in ("name", "phone") if name not in header]
    if missing:
        raise Problem(
            f"The first line must name the columns; missing: {', '.join(missing)}.",
            hint="Required: name, phone. Optional: responsible, company, email, note, phone2, …",
        )
    phone_columns = [i for i, h in enumerate(header) if h.startswith("phone")]
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            yield Rejected(line, f"{len(row)} fields, the header has {len(header)}")
            continue
        cells = {h: row[i].strip() if i < len(row) else "" for i, h in enumerate(header)}
        phones = [(header[i], cells[header[i]]) for i in phone_columns]
        yield _contact(
            cells["name"],
            phones,
            region,
            line,
            company=cells.get("company", ""),
            email=cells.get("email", ""),
            note=cells.get("note", ""),
            responsible=cells.get("responsible", ""),
        )


def read_vcard(text: str, region: str) -> Iterator[Contact | Rejected]:
    """Contacts from vCard text; a rejected card is reported by the line its BEGIN:VCARD is on."""
    import vobject

    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip().upper() == "BEGIN:VCARD"]
    cards = iter(vobject.readComponents(text, ignoreUnreadable=True))
    for line in starts:
        try:
            card = next(cards)
        except StopIteration:
            return
        except Exception as exc:  # vobject raises many kinds on broken input
            yield Rejected(line, f"unreadable vCard: {exc}")
            return
        name = _vcard_value(card, "fn") or _vcard_value(card, "n").replace(";", " ").strip()
        phones = [((tel.params.get("TYPE") or [""])[0].lower(), str(tel.value)) for tel in card.contents.get("tel", [])]
        yield _contact(
            name,
            phones,
            region,
            line,
            company=_vcard_value(card, "org").replace(";", " ").strip(),
            email=_vcard_value(card, "email"),
            note=_vcard_value(card, "note"),
            responsible="",
        )


def _vcard_value(card: object, name: str) -> str:
    items = getattr(card, "contents", {}).get(name)
    if not items:
        return ""
    value = items[0].value
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    return str(value).strip()


def _contact(
    name: str,
    phones: list[tuple[str, str]],
    region: str,
    line: int,
    *,
    company: str,
    email: str,
    note: str,
    responsible: str,
) -> Contact | Rejected:
    if not name:
        return Rejected(line, "no name")
    numbers: list[ContactPhone] = []
    for label, raw in phones:
        if not raw:
            continue
        number = normalize(raw, region)
        if not number.is_valid:
            return Rejected(line, f"invalid phone number {raw!r}")
        if number.value not in {p.number for p in numbers}:
            numbers.append(ContactPhone(number.value, raw, label))
    if not numbers:
        return Rejected(line, "no phone number")
    return Contact(
        name=name,
        phones=numbers,
        company=company,
        email=email,
        note=note,
        responsible=responsible,
        source=IMPORT_SOURCE,
        source_id=numbers[0].number,
    )
