"""Importing contacts from CSV (Excel exports included) and vCard files.

CSV: a header row; ``name`` and ``phone`` required; ``responsible``, ``company``, ``email``, ``note``
optional; more numbers as ``phone2``, ``phone3``, … (any column starting with ``phone``), or several in
one cell (``601234567, 601234568``: :meth:`_Numbers.cell`). Comma or semicolon separated (Polish and
Russian Excel write ``;``), UTF-8 with or without BOM. vCard: each card is read on its own, so a card
without ``END:VCARD`` is rejected under its own line and costs no other card. Text is stored without
control characters (:func:`clean_text`).

Each good row is stored; each bad row is reported with the line it starts on and the reason, and nothing
already accepted is lost. A contact is keyed by its first number (``source = "import"``), so importing
the same file again finds the same contacts: an unchanged row is reported as unchanged, not "updated".

Why rows are split by hand before the csv module reads them: a quote that is opened and never closed
(``"Jan Kowalski;600…``) makes a CSV reader take every following line into one field, up to the next
quote anywhere in the file — rows vanished and the damage was reported under a later line. A quoted field
may span lines (Excel writes multi-line notes so), so an open quote alone proves nothing; but when a line
it took in is a complete row on its own (the header's width, a name and a valid number), or the file ends
inside the quote, the quote was unbalanced: that row is rejected under its own line and reading resumes
on the next line.

Why duplicates are reported: two rows with the same first number are one contact (the later row's values
win), and a number on two contacts makes "who is calling?" pick one of them — both used to happen without
a word.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers

from app.core.cells import for_spreadsheet, plain
from app.core.errors import Problem
from app.core.models import Contact, ContactPhone
from app.core.phone import PhoneNumber, normalize
from app.store.contacts import ContactStore, Saved

IMPORT_SOURCE = "import"
UNBALANCED = 'unbalanced quote ("): the quoted text never ends; the rows after it are read on'
NEVER_ENDS = "no END:VCARD: the card never ends; the cards after it are read on"
_AGENT = re.compile(r"^(?:[\w-]+\.)?AGENT[;:]", re.IGNORECASE)  # a property that may hold a nested vCard
_SEVERAL = re.compile(r"[,;/|]|[^\W\d_]")  # a phone cell that may hold more than one number
_SPLIT = re.compile(r"[,;/|]|\s+or\s+", re.IGNORECASE)
TEXT_COLUMNS = ("company", "email", "note", "responsible")
_BATCH = 2000


@dataclass(frozen=True, slots=True)
class Rejected:
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A number seen again on ``line`` after ``first_line``; ``merged``: both rows have it as their first
    number, so they are one contact (this row's values kept)."""

    line: int
    number: str
    first_line: int
    merged: bool

    def describe(self) -> str:
        outcome = f"one contact, with line {self.line}'s values" if self.merged else "both contacts have it"
        return f"{self.number} is also on line {self.first_line}: {outcome}"


@dataclass(slots=True)
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.imported + self.updated + self.unchanged

    def summary(self) -> str:
        """One line for the command line: what happened to the rows."""
        text = (
            f"imported {self.imported}, updated {self.updated}, unchanged {self.unchanged}, "
            f"rejected {len(self.rejected)}"
        )
        if self.duplicates:
            text += f" ({len(self.duplicates)} duplicate number{'s' if len(self.duplicates) != 1 else ''})"
        return text


Row = tuple[int, Contact | Rejected]  # the line a row starts on, and what it is


def import_file(path: Path, store: ContactStore, region: str) -> ImportReport:
    """Import ``path`` (``.vcf`` / ``.vcard`` as vCard, anything else as CSV) into ``store``.

    Read twice: the first pass finds rejections and duplicates (and, for rows that are one contact, the
    last of them), the second stores each contact once — so a merged contact is written with its final
    values and a re-import of the same file finds it unchanged. Neither pass keeps the contacts in memory.
    """
    text = _text(path)
    vcard = path.suffix.lower() in (".vcf", ".vcard")

    def rows() -> Iterator[Row]:
        return _vcard_rows(text, numbers) if vcard else _csv_rows(text, numbers)

    numbers = _Numbers(region)  # shared by both passes: each number is parsed once

    report = ImportReport()
    last_line: dict[str, int] = {}  # a contact's key → the last row that has it
    seen: dict[str, tuple[int, str]] = {}  # a number → (its first line, that row's key)
    for line, item in rows():
        if isinstance(item, Rejected):
            report.rejected.append(item)
            continue
        key = item.source_id
        last_line[key] = line
        for phone in item.phones:
            first = seen.setdefault(phone.number, (line, key))
            if first[0] == line:
                continue
            merged = first[1] == key
            if not merged or phone.number == key:  # a merge is named once, by the number it is keyed by
                report.duplicates.append(Duplicate(line, phone.number, first[0], merged))
    batch: list[Contact] = []
    for line, item in rows():
        if isinstance(item, Contact) and last_line.get(item.source_id) == line:
            batch.append(item)
            if len(batch) >= _BATCH:
                _store(batch, store, report)
    _store(batch, store, report)
    return report


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Problem(f"Cannot read {path}: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Problem(f"{path.name} is not UTF-8 text.", hint="Save it as 'CSV UTF-8' and import again.") from exc


def _store(batch: list[Contact], store: ContactStore, report: ImportReport) -> None:
    for saved in store.save_many(batch):
        if saved is Saved.CREATED:
            report.imported += 1
        elif saved is Saved.UPDATED:
            report.updated += 1
        else:
            report.unchanged += 1
    batch.clear()


def read_csv(text: str, region: str) -> Iterator[Contact | Rejected]:
    """Contacts (or rejections with their line numbers) from CSV text."""
    return (item for _, item in _csv_rows(text, _Numbers(region)))


def read_vcard(text: str, region: str) -> Iterator[Contact | Rejected]:
    """Contacts from vCard text; a rejected card is reported by the line its BEGIN:VCARD is on."""
    return (item for _, item in _vcard_rows(text, _Numbers(region)))


class _Numbers:
    """Numbers read in ``region``, each written form parsed once per file (``phonenumbers`` spends ~0.4 ms
    on one, and the import reads every row twice; :func:`normalize`'s own cache is smaller than a big file)."""

    def __init__(self, region: str) -> None:
        self.region = region
        self._read: dict[str, PhoneNumber] = {}
        self._cells: dict[str, list[str]] = {}

    def read(self, raw: str) -> PhoneNumber:
        number = self._read.get(raw)
        if number is None:
            number = self._read[raw] = normalize(raw, self.region)
        return number

    def cell(self, raw: str) -> list[str]:
        """The numbers written in one phone cell: ``601234567, 601234568``, ``601000004;601000005`` or
        ``+48 600 100 200 or 600 100 201`` hold two (``phonenumbers`` reads the first and drops the rest).

        Split where ``phonenumbers``' matcher finds two or more numbers and no digit outside them, else at
        ``,`` ``;`` ``/`` ``|`` and "or" (numbers without ``+``, extensions: our rules, not the matcher's,
        read each part). One number with a slash after its area code (``030/12345678``), or with words
        around it, stays one cell.
        """
        if not _SEVERAL.search(raw) or self.read(raw).is_extension:
            return [raw]
        parts = self._cells.get(raw)
        if parts is None:
            found = list(phonenumbers.PhoneNumberMatcher(raw, self.region, leniency=phonenumbers.Leniency.VALID))
            covered = {i for m in found for i in range(m.start, m.end)}
            stray = any(ch.isdigit() for i, ch in enumerate(raw) if i not in covered)  # a digit no number took
            if not stray:
                parts = [m.raw_string for m in found] if len(found) > 1 else [raw]
            else:
                parts = [part.strip() for part in _SPLIT.split(raw) if part.strip()] or [raw]
            self._cells[raw] = parts
        return parts


def _csv_rows(text: str, numbers: _Numbers) -> Iterator[Row]:
    lines = list(io.StringIO(text, newline=""))  # split as the csv module does: \r\n, \r or \n only
    if not lines or not lines[0].strip():
        raise Problem("The file is empty.")
    first_line = lines[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    header = [h.strip().lower() for h in next(csv.reader([first_line], delimiter=delimiter))]
    missing = [name for name in ("name", "phone") if name not in header]
    if missing:
        raise Problem(
            f"The first line must name the columns; missing: {', '.join(missing)}.",
            hint="Required: name, phone. Optional: responsible, company, email, note, phone2, …",
        )
    phone_columns = [i for i, h in enumerate(header) if h.startswith("phone")]
    name_column, phone_column = header.index("name"), header.index("phone")

    def is_row(line: str) -> bool:
        """Whether ``line`` on its own is a complete contact row (then an open quote above swallowed it)."""
        cells = next(csv.reader([line], delimiter=delimiter), [])
        return (
            len(cells) == len(header)
            and bool(cells[name_column].strip())
            and numbers.read(cells[phone_column]).is_valid
        )

    for line, cells in _records(lines, 1, delimiter, is_row):
        if cells is None:
            yield line, Rejected(line, UNBALANCED)
            continue
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            yield line, Rejected(line, f"{len(cells)} fields, the header has {len(header)}")
            continue
        values = {h: cells[i].strip() if i < len(cells) else "" for i, h in enumerate(header)}
        phones = [(header[i], values[header[i]]) for i in phone_columns]
        text_values = {name: _from_spreadsheet(values.get(name, "")) for name in TEXT_COLUMNS}
        yield line, _contact(_from_spreadsheet(values["name"]), phones, numbers, line, **text_values)


def _records(
    lines: list[str], start: int, delimiter: str, is_row: Callable[[str], bool]
) -> Iterator[tuple[int, list[str] | None]]:
    """CSV records from ``lines[start:]`` with the (1-based) line each starts on; None for a record that
    an unbalanced quote opened (reading resumes on the line after its first)."""
    while start < len(lines):
        reader = csv.reader(itertools.islice(lines, start, None), delimiter=delimiter)
        consumed = 0
        while True:
            first = start + consumed
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error:  # a quote left open took in more than a field may hold (csv.field_size_limit)
                cells = None
            end, consumed = start + reader.line_num, reader.line_num
            if cells is None or (
                (end - first > 1 or end == len(lines)) and _unbalanced(lines, first, end, delimiter, is_row)
            ):
                yield first + 1, None
                start = first + 1
                break
            yield first + 1, cells


def _unbalanced(lines: list[str], first: int, end: int, delimiter: str, is_row: Callable[[str], bool]) -> bool:
    """Whether the record over ``lines[first:end]`` holds an unbalanced quote (see the module docstring)."""
    if any(is_row(lines[k]) for k in range(first + 1, end)):
        return True
    if end < len(lines):
        return False
    try:  # the file's end: is a quote still open there?
        list(csv.reader(lines[first:end], delimiter=delimiter, strict=True))
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def clean_text(text: str) -> str:
    """Text as the contacts keep it: no terminal escapes, control characters or bidi controls
    (:func:`app.core.cells.plain`), line breaks (``\\n``) kept, as a note has them; no space at either end.

    Why on import: the contacts are shown in terminals (``contacts list``), on call cards and in exports;
    an escape sequence or a bidi override in a name is an attack there, never a part of the name. And the
    export must leave them out, so a stored name that held one read back as "updated": with the one
    rule here for both, an export reads back unchanged.
    """
    kept = "\n".join(plain(line) for line in text.replace("\r\n", "\n").split("\n"))
    return kept.strip()  # as a cell is read: a removed escape leaves no space at either end


def _from_spreadsheet(text: str) -> str:
    """A cell as it was before ``contacts export`` neutralised it: ``'=SUM(…)`` → ``=SUM(…)``, when the
    apostrophe is exactly the one the export adds (so an export reads back unchanged)."""
    if not text.startswith("'"):
        return text
    rest = text[1:]
    flat = rest.replace("\r\n", " ").replace("\n", " ")
    return rest if for_spreadsheet(flat) == "'" + flat else text


def _vcard_rows(text: str, numbers: _Numbers) -> Iterator[Row]:
    import vobject

    for line, card_text in _vcard_cards(text):
        if card_text is None:
            yield line, Rejected(line, NEVER_ENDS)
            continue
        try:
            card = vobject.readOne(card_text, ignoreUnreadable=True)
        except Exception as exc:  # vobject raises many kinds on broken input
            yield line, Rejected(line, f"unreadable vCard: {_vobject_error(exc, line)}")
            continue
        name = _vcard_value(card, "fn") or _vcard_value(card, "n").replace(";", " ").strip()
        phones = [((tel.params.get("TYPE") or [""])[0].lower(), str(tel.value)) for tel in card.contents.get("tel", [])]
        yield (
            line,
            _contact(
                name,
                phones,
                numbers,
                line,
                company=_vcard_value(card, "org").replace(";", " ").strip(),
                email=_vcard_value(card, "email"),
                note=_vcard_value(card, "note"),
                responsible="",
            ),
        )


def _vcard_cards(text: str) -> Iterator[tuple[int, str | None]]:
    """Each card's text with the (1-based) line its ``BEGIN:VCARD`` is on; None for a card that never ends.

    Why split here rather than let vobject read the whole file: a card without ``END:VCARD`` makes
    vobject take every later card into it and fail at the file's end ("never closed"), so one broken card
    cost all the cards after it. A ``BEGIN:VCARD`` inside an open card starts the next card — unless it
    follows an ``AGENT`` property (vCard 2.1 nests the agent's card there).
    """
    lines = text.splitlines(keepends=True)
    start = -1  # the open card's first line, -1 between cards
    depth = 0
    for n, raw in enumerate(lines):
        tag = raw.rstrip().upper()
        if tag == "BEGIN:VCARD":
            if start >= 0 and not _AGENT.match(lines[n - 1]):
                yield start + 1, None
                start = -1
            if start < 0:
                start, depth = n, 0
            depth += 1
        elif tag == "END:VCARD" and start >= 0:
            depth -= 1
            if depth == 0:
                yield start + 1, "".join(lines[start : n + 1])
                start = -1
    if start >= 0:
        yield start + 1, None


def _vobject_error(exc: Exception, line: int) -> str:
    """vobject's message with its line counted in the file (it counts from the card's first line)."""
    number = getattr(exc, "lineNumber", None)
    message = getattr(exc, "msg", None) or str(exc)
    return f"line {line + int(number) - 1}: {message}" if isinstance(number, int) else str(message)


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
    reader: _Numbers,
    line: int,
    *,
    company: str,
    email: str,
    note: str,
    responsible: str,
) -> Contact | Rejected:
    name = clean_text(name)
    if not name:
        return Rejected(line, "no name")
    numbers: list[ContactPhone] = []
    for label, cell in phones:
        for raw in reader.cell(cell) if cell else ():
            number = reader.read(raw)
            if not number.is_valid:
                return Rejected(line, f"invalid phone number {raw!r} (read in region {reader.region}; see --region)")
            if number.value not in {p.number for p in numbers}:
                numbers.append(ContactPhone(number.value, raw, label))
    if not numbers:
        return Rejected(line, "no phone number")
    return Contact(
        name=name,
        phones=numbers,
        company=clean_text(company),
        email=clean_text(email),
        note=clean_text(note),
        responsible=clean_text(responsible),
        source=IMPORT_SOURCE,
        source_id=numbers[0].number,
    )
