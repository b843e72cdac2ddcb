"""``ringdesk contacts import``: good rows land, bad rows are named by line, re-import updates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.cli import main
from app.services.context import Context


def write_csv(path: Path, rows: int, broken: dict[int, str]) -> None:
    lines = ["name;phone;phone2;company;responsible"]
    for i in range(rows):
        line_no = len(lines) + 1
        lines.append(broken.get(line_no, f"Klient {i};+48 600 {i // 1000:03d} {i % 1000:03d};;Firma {i % 7};anna"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_ten_thousand_rows_with_a_few_broken(tmp_path: Path, capsys) -> None:
    broken = {
        3: ";+48600111222;;;",  # no name
        500: "Zły Numer;12-ab;;;",  # garbage number
        7001: "Bez Telefonu;;;;",  # no phone
        9000: "Za dużo;+48600000001;;A;b;extra;fields",  # too many fields
    }
    source = tmp_path / "contacts.csv"
    write_csv(source, 10_000, broken)
    assert main(["contacts", "import", str(source)]) == 1  # rows were rejected: the command says so
    out, err = capsys.readouterr()
    assert "imported 9996, updated 0, unchanged 0, rejected 4" in out
    for line in broken:
        assert f"contacts.csv:{line}: rejected:" in err
    assert "no name" in err and "invalid phone number '12-ab'" in err and "no phone number" in err
    context = Context.open()
    assert context.contacts.count() == 9996
    assert context.contacts.lookup("+48600001002").name == "Klient 1002"

    # The same file again finds the same contacts, unchanged (before: "updated 9996").
    assert main(["contacts", "import", str(source)]) == 1
    assert "imported 0, updated 0, unchanged 9996, rejected 4" in capsys.readouterr().out
    assert Context.open().contacts.count() == 9996


def test_a_quote_left_open_in_a_big_file_costs_one_row(tmp_path: Path, capsys) -> None:
    """Before: the open quote on line 500 took in every later line until the csv module's field limit and
    the command stopped with "an unexpected error happened (a bug)", importing nothing."""
    source = tmp_path / "contacts.csv"
    write_csv(source, 10_000, {500: '"Otwarty Cudzysłów;+48 601 000 000;;;'})
    assert main(["contacts", "import", str(source)]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f'{source}:500: rejected: unbalanced quote ("): the quoted text never ends; the rows after it are read on'
    ]
    assert "imported 9999, updated 0, unchanged 0, rejected 1" in out
    assert Context.open().contacts.lookup("+48600000499").name == "Klient 499"  # the row right after it


def test_nothing_importable_exits_non_zero(tmp_path: Path, capsys) -> None:
    source = tmp_path / "bad.csv"
    source.write_text("name,phone\n,123abc\nX,\n", encoding="utf-8")
    assert main(["contacts", "import", str(source)]) == 1
    assert "rejected 2" in capsys.readouterr().out


def test_missing_columns_is_a_clear_error(tmp_path: Path, capsys) -> None:
    source = tmp_path / "bad.csv"
    source.write_text("nazwa,telefon\nJan,600100200\n", encoding="utf-8")
    assert main(["contacts", "import", str(source)]) == 2
    assert "missing: name, phone" in capsys.readouterr().err


def test_vcard_import(tmp_path: Path, capsys) -> None:
    source = tmp_path / "people.vcf"
    source.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Иван Петров\r\nORG:ООО Ромашка\r\nTEL;TYPE=WORK:8 (495) 123-45-67\r\n"
        "TEL;TYPE=CELL:+7 910 123-45-67\r\nEMAIL:ivan@example.ru\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Без номера\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    assert main(["contacts", "import", "--region", "RU", str(source)]) == 1  # a card was rejected
    out, err = capsys.readouterr()
    assert "imported 1, updated 0, unchanged 0, rejected 1" in out
    assert "people.vcf:9: rejected: no phone number" in err
    match = Context.open().contacts.lookup("+79101234567")
    assert match is not None and match.name == "Иван Петров" and match.company == "ООО Ромашка"


def test_history_lists_calls_as_json(tmp_path: Path, capsys) -> None:
    from datetime import UTC, datetime

    from app.config.settings import AccountSettings, Provider
    from app.core.models import CallEvent, CallStatus, Direction, EventKind

    context = Context.open()
    context.settings.accounts.append(AccountSettings("pbx", Provider.CLOUDPBX, base_url="https://x.megapbx.ru"))
    context.save_settings()
    context = Context.open()
    for i, phone in enumerate(["+48777888999", "+79101234567"]):
        context.calls.ingest(
            CallEvent(
                "pbx",
                f"C{i}",
                EventKind.SUMMARY,
                datetime(2026, 1, 1, 12, i, tzinfo=UTC),
                phone=phone,
                status=CallStatus.ANSWERED,
                direction=Direction.IN,
                duration_s=10 + i,
                agent="anna",
            )
        )
    context.close()
    assert main(["history", "--format", "json", "--phone", "777 888 999"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["call_id"], r["phone"], r["duration_s"]) for r in rows] == [("C0", "+48777888999", 10)]
    assert main(["history", "--limit", "1"]) == 0
    table = capsys.readouterr().out
    assert "+79101234567" in table and "+48777888999" not in table


def test_command_line_entry_points() -> None:
    result = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("ringdesk ")
    result = subprocess.run([sys.executable, "-m", "app", "--help"], capture_output=True, text=True, check=True)
    assert "contacts" in result.stdout and "history" in result.stdout


def test_history_shows_an_agent_only_their_own_calls(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Role agent: another agent's calls (and their recording links) are not printed; a supervisor sees all."""
    from datetime import UTC, datetime

    from app.config.settings import AccountSettings, Provider, Role
    from app.core.models import CallEvent, CallStatus, Direction, EventKind

    context = Context.open()
    context.settings.accounts.append(
        AccountSettings("pbx", Provider.CLOUDPBX, base_url="https://x.megapbx.ru", user="anna")
    )
    context.settings.general.role = Role.AGENT
    context.save_settings()
    context = Context.open()
    for i, agent in enumerate(["anna", "boris"]):
        context.calls.ingest(
            CallEvent(
                "pbx",
                f"C-{agent}",
                EventKind.SUMMARY,
                datetime(2026, 1, 1, 12, i, tzinfo=UTC),
                phone=f"+4877788899{i}",
                status=CallStatus.ANSWERED,
                direction=Direction.IN,
                duration_s=10,
                agent=agent,
                recording_url=f"https://x.megapbx.ru/rec/{agent}.mp3",
            )
        )
    context.close()
    assert main(["history", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert [r["call_id"] for r in json.loads(out)] == ["C-anna"] and "boris" not in out
    context = Context.open()
    context.settings.general.role = Role.SUPERVISOR
    context.save_settings()
    context.close()
    assert main(["history", "--format", "json"]) == 0
    assert sorted(r["call_id"] for r in json.loads(capsys.readouterr().out)) == ["C-anna", "C-boris"]


def test_a_vcard_without_end_costs_that_card_only(tmp_path: Path, capsys) -> None:
    """Before: the card with no END:VCARD took every later card with it (vobject's "never closed");
    the command said "imported 1 … rejected 1" under a line past the file's end, and Carl and Dora were
    silently lost."""
    source = tmp_path / "people.vcf"
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{}\r\nTEL:{}\r\n"
    source.write_text(
        card.format("Bob", "+48600100200")
        + "END:VCARD\r\n"
        + card.format("Broken", "+48600100201")  # line 6: never closed
        + card.format("Carl", "+48600100202")
        + "END:VCARD\r\n"
        + card.format("Dora", "+48600100203")
        + "END:VCARD\r\n",
        encoding="utf-8",
    )
    assert main(["contacts", "import", "--region", "PL", str(source)]) == 1
    out, err = capsys.readouterr()
    never_ends = "no END:VCARD: the card never ends; the cards after it are read on"
    assert err.splitlines() == [f"{source}:6: rejected: {never_ends}"]
    assert "imported 3, updated 0, unchanged 0, rejected 1" in out
    contacts = Context.open().contacts
    assert [contacts.lookup(n).name for n in ("+48600100200", "+48600100202", "+48600100203")] == [
        "Bob",
        "Carl",
        "Dora",
    ]
    assert contacts.lookup("+48600100201") is None and contacts.count() == 3


def test_every_number_of_a_phone_cell_is_kept(tmp_path: Path, capsys) -> None:
    """Before: "601234567, 601234568" and "601000004;601000005" were stored as their first number only
    (phonenumbers reads the first number of a text), and nothing said so; a bad second number was
    dropped the same way."""
    source = tmp_path / "contacts.csv"
    source.write_text(
        "name,phone,company\n"
        'Anna,"601234567, 601234568",A\n'
        "Jan,601000004;601000005,B\n"
        'Ola,"+48 600 100 200 or 600 100 201 / +7 910 123-45-67",C\n'
        'Ewa,"602000001, 12-ab",D\n',  # line 5: the second number is not one
        encoding="utf-8",
    )
    assert main(["contacts", "import", "--region", "PL", str(source)]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"{source}:5: rejected: invalid phone number '12-ab' (read in region PL; see --region)"]
    assert "imported 3, updated 0, unchanged 0, rejected 1" in out
    contacts = Context.open().contacts
    seconds = ("+48601234568", "+48601000005", "+48600100201")
    found = {n: (m.name if (m := contacts.lookup(n)) else None) for n in seconds}
    assert found == {"+48601234568": "Anna", "+48601000005": "Jan", "+48600100201": "Ola"}
    ola = next(c for c in contacts.every() if c.name == "Ola")
    assert [p.number for p in ola.phones] == ["+48600100200", "+48600100201", "+79101234567"]
    assert contacts.lookup("+48602000001") is None  # the rejected row stored nothing


def test_a_slash_after_an_area_code_is_still_one_number(tmp_path: Path, capsys) -> None:
    """German (and other) lists write "030/12345678": the slash splits the area code, not two numbers."""
    source = tmp_path / "kontakte.csv"
    source.write_text("name,phone\nHans,030/12345678\nGrete,0221/1234567\n", encoding="utf-8")
    assert main(["contacts", "import", "--region", "DE", str(source)]) == 0
    assert "imported 2, updated 0, unchanged 0, rejected 0" in capsys.readouterr().out
    contacts = Context.open().contacts
    assert contacts.lookup("+493012345678").name == "Hans"
    assert [p.number for c in contacts.every() for p in c.phones] == ["+493012345678", "+492211234567"]
